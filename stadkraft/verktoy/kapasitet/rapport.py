"""The capacity diamond's rows in the report: the consensus CSV and the PDF's table."""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from .modell import KOMPONENTER, skalaetikett, spredningstekst, talltekst


def rapportrader(oppsummering: pd.DataFrame | None, konsensus: Mapping, **_) -> list[dict]:
    """Per component: number of answers, median, lowest, highest, felleskarakter, note."""
    rader = []
    o_alle = oppsummering.set_index("nokkel") if oppsummering is not None else None
    for k in KOMPONENTER:
        rad = {"komponent": k.navn}
        if o_alle is not None:
            o = o_alle.loc[k.nokkel]
            rad.update({"svar": int(o["n"]), "median": o["median"], "laveste": o["min"],
                        "høyeste": o["maks"], "diskuter": "ja" if o["diskuter"] else ""})
        s = konsensus.get(k.nokkel)
        rad.update({"felleskarakter": s.verdi if s else None, "merknad": (s.begrunnelse or "") if s else ""})
        rader.append(rad)
    return rader


def pdftabell(oppsummering: pd.DataFrame | None, konsensus: Mapping, **_) -> tuple[list, list[list[str]], str]:
    """Columns (name, width in mm), rows, and the note under the table."""
    if oppsummering is not None:
        kol = [("Komponent", 50), ("Svar", 14), ("Median", 18), ("Spenn", 22), ("Diskuter", 20),
               ("Felleskarakter", 56)]
    else:
        kol = [("Komponent", 60), ("Karakter", 60)]
    o_alle = oppsummering.set_index("nokkel") if oppsummering is not None else None
    rader = []
    for k in KOMPONENTER:
        s = konsensus.get(k.nokkel)
        verdier = [k.navn]
        if o_alle is not None:
            o = o_alle.loc[k.nokkel]
            verdier += [str(int(o["n"])), talltekst(o["median"]), spredningstekst(o),
                        "ja" if o["diskuter"] else ""]
        verdier.append(skalaetikett(s.verdi) if s else "ikke satt")
        rader.append(verdier)
    merk = "Skala 1–5 (1 = svært dårleg, 5 = svært god)."
    if oppsummering is not None:
        merk += " Medianen er et hjelpemiddel; felleskarakteren er det gruppa ble enige om."
    return kol, rader, merk
