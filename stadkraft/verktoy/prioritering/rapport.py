"""The priority tool's rows for the minutes: the ranked list (CSV, Excel) and the PDF's table."""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from .modell import rangering, talltekst


def _par(p) -> str:
    return "" if p is None else f"{talltekst(p[0])} / {talltekst(p[1])}"


def rapportrader(oppsummering: pd.DataFrame | None, konsensus: Mapping, elementer=(), grupper=None) -> list[dict]:
    """The ranked list: rank, the item and its agreed placement (the original sheet's three
    columns: element, viktighet, påvirkbarhet), then the individual means, answers, skips, each
    group's placement (viktighet / påvirkbarhet), the disagreement between groups and the quadrant."""
    liste = rangering(oppsummering, elementer, konsensus, grupper)
    rader = []
    for r in liste.to_dict("records"):
        rad = {"rang": r["rang"], "element": r["navn"],
               "viktighet": int(r["viktighet"]) if r["avtalt"] else None,
               "påvirkbarhet": int(r["påvirkbarhet"]) if r["avtalt"] else None,
               "snitt viktighet": None if pd.isna(r["snitt_viktighet"]) else round(float(r["snitt_viktighet"]), 2),
               "snitt påvirkbarhet": None if pd.isna(r["snitt_påvirkbarhet"]) else round(float(r["snitt_påvirkbarhet"]), 2),
               "svar": r["n"], "kan ikke vurdere": r["hoppet"]}
        for gruppe in (grupper or {}):
            rad[f"gruppe {gruppe}"] = _par(r[f"gruppe:{gruppe}"])
        if grupper:
            rad["uenighet mellom gruppene"] = r["uenighet"]
        rad["felt"] = r["kvadrant"]
        merknad = konsensus.get(r["nokkel"])
        rad["merknad"] = (merknad.begrunnelse or "") if merknad is not None and hasattr(merknad, "begrunnelse") else ""
        rader.append(rad)
    return rader


def pdftabell(oppsummering: pd.DataFrame | None, konsensus: Mapping, elementer=(), grupper=None):
    """Columns (name, width in mm), rows and the note: the ranked list, means and agreed placement."""
    grupper = grupper or {}
    # 180 mm across: fixed columns first, the groups share what is left (10-24 mm each, the
    # names keep at least 30 mm; beyond four groups the quadrant gives way to them).
    fast = [("Nr.", 9), ("Snitt v / p", 22), ("Svar", 11), ("Felles v / p", 24)]
    felt = 50 if len(grupper) <= 2 else (30 if len(grupper) <= 4 else 0)   # 50: «Viktig, men vanskelig å påvirke»
    rest = 180 - sum(b for _, b in fast) - felt
    gruppebredde = max(10, min(24, (rest - 45) // len(grupper))) if grupper else 0
    if grupper and rest - gruppebredde * len(grupper) < 30:     # many groups: the names need 30 mm
        gruppebredde = (rest - 30) // len(grupper)
    element = rest - gruppebredde * len(grupper)
    kol = [fast[0], ("Element", element), *fast[1:3], *[(g, gruppebredde) for g in grupper], fast[3],
           *([("Felt", felt)] if felt else [])]
    liste = rangering(oppsummering, elementer, konsensus, grupper)
    nr = {e.nokkel: i for i, e in enumerate(elementer, start=1)}   # the number on the item's point
    rader = []
    for r in liste.to_dict("records"):
        snitt = None if pd.isna(r["snitt_viktighet"]) else (r["snitt_viktighet"], r["snitt_påvirkbarhet"])
        felles = (r["viktighet"], r["påvirkbarhet"]) if r["avtalt"] else None
        rader.append([str(nr.get(r["nokkel"], r["rang"])), r["navn"], _par(snitt), str(r["n"]),
                      *[_par(r[f"gruppe:{g}"]) for g in grupper], _par(felles) or "ikke satt",
                      *([r["kvadrant"]] if felt else [])])
    merk = ("Nr. = nummeret i matrisen; v = viktighet, p = påvirkbarhet, skala 1–5. Rangert etter felles "
            "plassering (ellers snittet): viktighet, så påvirkbarhet. «Kan ikke vurdere» teller ikke i snittet.")
    return kol, rader, merk
