"""Bring figures on old municipality codes onto the 2024 structure.

A code valid in a year maps to one or more 2024 municipalities with a weight; a weight below 1
means a split municipality whose figure is shared out by an estimate, so the cell is flagged.
"""
from __future__ import annotations

import pandas as pd

from .skjema import KILDE_ESTIMAT, KILDE_MANGLER, KILDE_SSB

_RANG = {KILDE_SSB: 0, KILDE_ESTIMAT: 1, KILDE_MANGLER: 2}


def verste_kilde(kilder: pd.Series) -> str:
    """A sum is only as good as its weakest cell."""
    return max(kilder, key=_RANG.__getitem__)


def harmoniser(df: pd.DataFrame, kodeendring: pd.DataFrame, verdier: list[str],
               noekler: list[str] = ("kommunenummer", "aar")) -> pd.DataFrame:
    """Sum `verdier` per 2024 municipality; `df` has `kommunenummer`, `aar`, `kilde` and `verdier`."""
    noekler = list(noekler)
    koblet = df.merge(kodeendring.rename(columns={"kommunenummer": "ny", "kommunenummer_original": "kommunenummer"}),
                      on=["kommunenummer", "aar"], how="left")
    koblet["ny"] = koblet["ny"].fillna(koblet["kommunenummer"])
    koblet["vekt"] = koblet["vekt"].fillna(1.0)
    for v in verdier:
        vektet = koblet[v].astype("Float64") * koblet["vekt"]
        koblet[v] = vektet.round().astype("Int64")
    delt = koblet["vekt"] < 1
    koblet.loc[delt & (koblet["kilde"] == KILDE_SSB), "kilde"] = KILDE_ESTIMAT
    # Only a row with no figure at all is missing: a table may lack some columns by design (06913
    # has no immigration/emigration); holes in the columns it has are flagged by its reader.
    koblet.loc[koblet[verdier].isna().all(axis=1), "kilde"] = KILDE_MANGLER
    koblet["kommunenummer"] = koblet["ny"]
    ut = koblet.groupby(noekler, as_index=False).agg(
        **{v: (v, lambda s: s.sum(min_count=len(s))) for v in verdier}, kilde=("kilde", verste_kilde))
    return ut[noekler + verdier + ["kilde"]]
