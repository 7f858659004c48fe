"""A region on the attractiveness matrix: its annual values from its members' annual components.

The one formula (`regionaar`): each year, the region's value of a measure or part is its members' values
weighted by the base the model expresses that value in, so the region is what its members add up to:

    business side (naering and its parts, % of private jobs the year before):
        weight = the member's private jobs by place of work in Q4 the year before (`privat_forrige`)
    residential side (bosted, the expected net migration and its parts, % of population 1 January):
        weight = the member's population 1 January (`folkemengde`)
    total (`samlet`, % of population): weighted by population, as the residential side, so it stays the
        model's total (residential attractiveness plus the migration business attractiveness brought)

A year counts for the region only when every member has the figure (the growth page's rule for sums).
The region's period (means, standard errors, classes, persons) then comes from `periode.periodetabell`,
unchanged, as for a municipality. Pure functions, no Streamlit.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import periode as ap

FOLK, JOBBER = "folkemengde", "privat_forrige"
# Every rate the model keeps per year, and the base it is a percentage of (the model's own split of the sides).
RATER = [*ap.DELER_PROSENT, "naering", "bosted", "samlet"]
SUMMER = ("folkemengde", "privat_forrige", "privat")  # counts: the region's is the sum


def vekt(kolonne: str) -> str:
    """The weight of a rate column: private jobs the year before for the business side, else population."""
    return FOLK if kolonne in ap.FLYTTEDELER or kolonne in ("bosted", "samlet") else JOBBER


def regionaar(aarlig: pd.DataFrame, medlemmer: Sequence[str], kode: str) -> pd.DataFrame:
    """The region's annual rows in the model's columns (`kommunenummer` = `kode`), one per year.

    Rates are the members' rates weighted as `vekt()` says; counts are summed; `estimat` is true when any
    member's figure is; `n_medlemmer` is how many members the year has. A value is NaN in a year where a
    member lacks it (or its weight).
    """
    medlemmer = list(dict.fromkeys(medlemmer))
    d = aarlig[aarlig["kommunenummer"].isin(medlemmer)]
    g = d.groupby("aar", sort=True)
    komplett = g["kommunenummer"].nunique() == len(medlemmer)
    ut = pd.DataFrame(index=g.size().index)
    for k in SUMMER:
        ut[k] = g[k].sum(min_count=1).where(komplett & (g[k].count() == len(medlemmer)))
    ut["estimat"] = g["estimat"].any().astype(bool)
    for k in RATER:
        w = d[vekt(k)]
        rader = pd.DataFrame({"aar": d["aar"], "vx": d[k] * w, "w": w.where(d[k].notna())}).groupby("aar")
        alle = komplett & (rader["vx"].count() == len(medlemmer))
        ut[k] = (rader["vx"].sum() / rader["w"].sum()).where(alle)
    ut["n_medlemmer"] = g["kommunenummer"].nunique()
    return ut.reset_index().assign(kommunenummer=kode)[["kommunenummer", "aar", *[c for c in ut.columns]]]


def regionperiode(aarlig: pd.DataFrame, medlemmer: Sequence[str], kode: str, navn: str, fra: int, til: int,
                  spredning: pd.DataFrame | None = None) -> pd.Series:
    """The region's row for the period, in `periode.periodetabell`'s columns (its rank among itself dropped).

    `spredning` is the municipalities' typical spread per size class (`periode.typisk_spredning`), which a
    region with fewer than MINST_AAR years falls back on, as a municipality does.
    """
    if spredning is None:
        spredning = ap.typisk_spredning(aarlig)
    register = pd.DataFrame({"kommunenummer": [kode], "navn": [navn], "sentralitetsklasse": [np.nan]})
    rad = ap.periodetabell(regionaar(aarlig, medlemmer, kode), register, fra, til, spredning).iloc[0]
    rad["medlemmer"] = len(list(dict.fromkeys(medlemmer)))
    for k in ("rang", "antall", "klasserang", "klasseantall"):
        rad[k] = pd.NA
    return rad
