"""The engine's plain defaults for a tool that leaves a hook out (`Verktoy` fills them in):
answers and mean per axis for the summary, a table of them, and report rows of the agreed
scores. No chart by default (a tool draws its own). Pure functions."""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from stadkraft.format import tall


def _tekst(verdi) -> str:
    return "–" if verdi is None or pd.isna(verdi) else tall(verdi, 0 if float(verdi).is_integer() else 1)


def oppsummer(v, anonyme: pd.DataFrame, elementer) -> pd.DataFrame:
    rader = []
    for e in elementer:
        del_ = anonyme[anonyme["element"] == e.nokkel]
        rad = {"nokkel": e.nokkel, "navn": e.navn, "n": int(len(del_))}
        for akse, kol in zip(v.akser, ("verdi", "verdi2")):
            rad[akse] = float(pd.to_numeric(del_[kol]).mean()) if len(del_) else float("nan")
        rader.append(rad)
    return pd.DataFrame(rader, columns=["nokkel", "navn", "n", *v.akser])


def resultattabell(v, oppsummering: pd.DataFrame):
    rader = [{v.elementord[0].capitalize(): r["navn"], "Svar": int(r["n"]),
              **{f"Snitt {akse}": _tekst(r[akse]) for akse in v.akser}} for _, r in oppsummering.iterrows()]
    return rader, "Snittet er et hjelpemiddel for samtalen, ikke felleskarakteren."


def _konsensus(v, s) -> dict:
    verdier = (s.verdi, s.verdi2) if s else (None, None)
    return {akse: verdi for akse, verdi in zip(v.akser, verdier)}


def rapportrader(v, oppsummering, konsensus: Mapping, elementer=None, grupper=None) -> list[dict]:
    elementer = v.elementer if elementer is None else elementer
    n = dict(zip(oppsummering["nokkel"], oppsummering["n"])) if oppsummering is not None else {}
    return [{v.elementord[0]: e.navn, **({"svar": int(n.get(e.nokkel, 0))} if n else {}),
             **_konsensus(v, konsensus.get(e.nokkel)),
             "merknad": (konsensus[e.nokkel].begrunnelse or "") if e.nokkel in konsensus else ""}
            for e in elementer]


def pdftabell(v, oppsummering, konsensus: Mapping, elementer=None, grupper=None):
    elementer = v.elementer if elementer is None else elementer
    bredde = 120 // (1 + len(v.akser))
    kol = [(v.elementord[0].capitalize(), 60), *[(akse.capitalize(), bredde) for akse in v.akser]]
    rader = [[e.navn, *[("ikke satt" if x is None else v.skalaetikett(x))
                        for x in _konsensus(v, konsensus.get(e.nokkel)).values()]] for e in elementer]
    return kol, rader, f"Skala {v.laveste}–{v.hoyeste}" + (f" ({v.skala})." if v.skala else ".")
