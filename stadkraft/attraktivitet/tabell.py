"""The period table as a reader gets it: the CSV the page offers and `python -m stadkraft.attraktivitet`
prints (the same columns and format), and the sortable table on the page."""
from __future__ import annotations

import pandas as pd

from stadkraft import eksport

# Source column -> Norwegian header, in order; and the decimals shown.
KOLONNER = {
    "kommunenummer": "Nr.", "navn": "Kommune", "fylkesnavn": "Fylke", "sentralitetsklasse": "Sentralitetsklasse",
    "ba_regionnavn": "BA-region", "folkemengde": "Folketall ved start", "n_aar": "År i snittet",
    "naering": "Næringsattraktivitet, % per år", "naering_se": "Næringsattraktivitet, standardfeil",
    "bosted": "Bostedsattraktivitet, % per år", "bosted_se": "Bostedsattraktivitet, standardfeil",
    "samlet": "Samlet attraktivitet, % per år", "samlet_se": "Samlet attraktivitet, standardfeil",
    "klasse": "Klasse", "liten": "Under 1 000 innbyggere", "estimat": "Bygger på anslag",
    "rang": "Plass", "antall": "Av", "klasserang": "Plass i sentralitetsklassen", "klasseantall": "Av i klassen",
    "naering_jobber": "Næringsattraktivitet, arbeidsplasser", "bosted_personer": "Bostedsattraktivitet, personer",
    "samlet_personer": "Samlet attraktivitet, personer",
}
DESIMALER = {"folkemengde": 0, "naering": 2, "naering_se": 2, "bosted": 2, "bosted_se": 2, "samlet": 2,
             "samlet_se": 2, "naering_jobber": 0, "bosted_personer": 0, "samlet_personer": 0}


def sortert(periode: pd.DataFrame) -> pd.DataFrame:
    """Highest total first; municipalities without a figure last, by number."""
    return periode.sort_values(["samlet", "kommunenummer"], ascending=[False, True], na_position="last")


def csv_bytes(periode: pd.DataFrame) -> bytes:
    """The download: semicolon-separated, decimal comma, UTF-8 with BOM (as every Stadkraft CSV)."""
    return eksport.csv_bytes(sortert(periode), KOLONNER, DESIMALER)
