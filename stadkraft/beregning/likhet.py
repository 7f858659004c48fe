"""Similar municipalities: the comparison group of those most like a municipality, as Kolada's «liknande
kommuner» and SSB's KOSTRA groups serve, with an open method.

Five traits (KJENNETEGN), each standardised over all municipalities (z-score: minus the mean, divided by
the standard deviation), equal weights:
    storrelse            log10 of the population (1 January, latest year)
    sentralitet          SSB's centrality index (0-1000)
    bosetting            log10 of inhabitants per km² (settlement: sparse or dense)
    arbeidsplassdekning  jobs by place of work per employed resident (structure: a job centre or a
                         commuter municipality)
    privat_andel         the private sector's share of the jobs (structure: public or private jobs)
The distance is the Euclidean distance over the traits both municipalities have (divided by their
number, so a missing trait does not make a municipality look closer); the nearest are most alike.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

KJENNETEGN = {"storrelse": "Folketall (log)", "sentralitet": "Sentralitetsindeks", "bosetting": "Innbyggere per km² (log)",
              "arbeidsplassdekning": "Arbeidsplasser per sysselsatt innbygger", "privat_andel": "Andel private arbeidsplasser"}
ANTALL = 10
JORDRADIUS_KM = 6371.0088


def _ring_km2(ring) -> float:
    """Area of a lon/lat ring on the sphere, in km² (equal-area cylindrical projection; a few per mille
    for a municipality)."""
    if len(ring) < 4:
        return 0.0
    lon = np.radians(np.array([p[0] for p in ring]))
    lat = np.radians(np.array([p[1] for p in ring]))
    x, y = lon * JORDRADIUS_KM, np.sin(lat) * JORDRADIUS_KM
    return abs(float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))) / 2


def areal_km2(geometri: str | None) -> float:
    """Area of a GeoJSON Polygon or MultiPolygon (lon/lat) in km², holes subtracted; NaN without one."""
    if not geometri:
        return math.nan
    g = json.loads(geometri)
    polygoner = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"] if g["type"] == "MultiPolygon" else []
    return sum(_ring_km2(p[0]) - sum(_ring_km2(h) for h in p[1:]) for p in polygoner) or math.nan


def log10_positiv(x):
    x = pd.to_numeric(x, errors="coerce").astype("float64")
    return np.log10(x.where(x > 0))


def kjennetegn(rader: pd.DataFrame) -> pd.DataFrame:
    """queries/region_likhet.sql -> one row per municipality (index kommunenummer) with the traits."""
    folk = pd.to_numeric(rader["folkemengde"], errors="coerce")
    areal = rader["geometri"].map(areal_km2)
    with np.errstate(divide="ignore", invalid="ignore"):
        dekning = pd.to_numeric(rader["jobber"], errors="coerce") / pd.to_numeric(rader["bosatte_sysselsatte"],
                                                                                   errors="coerce")
    ut = pd.DataFrame({"navn": rader["navn"].to_numpy(), "storrelse": log10_positiv(folk).to_numpy(),
                       "sentralitet": pd.to_numeric(rader["sentralitetsindeks"], errors="coerce").to_numpy(),
                       "bosetting": log10_positiv(folk / areal).to_numpy(),
                       "arbeidsplassdekning": dekning.where(np.isfinite(dekning)).to_numpy(),
                       "privat_andel": pd.to_numeric(rader["privat_andel"], errors="coerce").to_numpy()},
                      index=rader["kommunenummer"].to_numpy())
    ut.index.name = "kommunenummer"
    return ut


def standardiser(kj: pd.DataFrame) -> pd.DataFrame:
    """Each trait as a z-score over all municipalities; a trait with no spread is left out (NaN)."""
    t = kj[list(KJENNETEGN)].astype("float64")
    sd = t.std(ddof=0)
    return (t - t.mean()) / sd.where(sd > 0)


def avstand(z: pd.DataFrame, kommune: str) -> pd.Series:
    """Distance from `kommune` to every municipality: sqrt(mean of squared z differences over shared traits)."""
    diff = (z - z.loc[kommune]) ** 2
    n = diff.notna().sum(axis=1)
    return np.sqrt(diff.sum(axis=1, min_count=1) / n.where(n > 0))


def liknende(kj: pd.DataFrame, kommune: str, antall: int = ANTALL) -> list[str]:
    """The `antall` municipalities most like `kommune` (nearest first, ties by number); [] if unknown."""
    if kommune not in kj.index:
        return []
    a = avstand(standardiser(kj), kommune).drop(kommune).dropna()
    return a.sort_values(kind="stable").index[:antall].tolist()
