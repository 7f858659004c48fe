"""A line of Stadkraft's statistics beside an item on the phone: the item's statistic
(`Element.statistikk`) for the session's municipality, from the statistics database. Nothing
when the unit is no municipality or the database lacks the figures."""
from __future__ import annotations

import pandas as pd

from stadkraft.beregning.vekst import andel_prosent, periodevekst
from stadkraft.format import prosent, tall

from .modell import STATISTIKKER

SIDER = {"befolkning": "vekst", "sysselsetting": "vekst", "pendling": ""}  # where the figure is in full


def kontekst(element, enhet) -> str | None:
    if not element.statistikk or element.statistikk not in STATISTIKKER or enhet.type != "kommune":
        return None
    try:
        from stadkraft.db import sporring

        fakta = sporring("element_kontekst", kommune=enhet.id)
    except Exception:  # noqa: BLE001 - no statistics database: the item stands alone
        return None
    return kontekstlinje(element.statistikk, fakta, enhet.navn)


def kontekstlinje(statistikk: str, fakta: pd.DataFrame, navn: str) -> str | None:
    """The sentence for one statistic from the query's rows (maal, fra, til, start, slutt)."""
    rad = fakta[fakta["maal"] == statistikk]
    if rad.empty or rad.iloc[0][["start", "slutt"]].isna().any():
        return None
    r = rad.iloc[0]
    if statistikk == "pendling":
        return (f"{prosent(andel_prosent(r['start'], r['slutt']), 0)} av de sysselsatte som bor i {navn}, "
                f"jobbet i en annen kommune i {int(r['til'])} (SSB).")
    vekst = periodevekst(r["start"], r["slutt"])
    hva = "Folketallet" if statistikk == "befolkning" else "Antall arbeidsplasser"
    return (f"{hva} i {navn}: {tall(r['slutt'])} i {int(r['til'])}, "
            f"{prosent(vekst['prosent'], 1, fortegn=True)} siden {int(r['fra'])} (SSB).")
