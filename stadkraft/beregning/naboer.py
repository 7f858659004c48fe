"""Comparison suggestions: bordering municipalities, topped up with the nearest ones for islands.

A municipality with fewer than MIN_NABOER bordering neighbours (islands such as Frøya have none; Hitra
borders only Orkland, while its twin Frøya lies across the sea) also gets the ANTALL_NAERMESTE nearest
municipalities it does not border. Distance is the great-circle distance between the point inside
each municipality's boundary that the build stores (`kommunegrense.senter_lat/lon`), not the gap
between the coastlines.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

JORDRADIUS_KM = 6371.0088  # mean Earth radius
MIN_NABOER = 2
ANTALL_NAERMESTE = 3


def avstand_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between points in degrees (haversine); works on arrays."""
    f1, f2 = np.radians(lat1), np.radians(lat2)
    dl, df = np.radians(np.asarray(lon2) - lon1), f2 - f1
    a = np.sin(df / 2) ** 2 + np.cos(f1) * np.cos(f2) * np.sin(dl / 2) ** 2
    return 2 * JORDRADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def trenger_naermeste(antall_naboer: int, min_naboer: int = MIN_NABOER) -> bool:
    """Whether the bordering neighbours are too few to compare with on their own."""
    return antall_naboer < min_naboer


def forslag(kommuner: pd.DataFrame, min_naboer: int = MIN_NABOER, antall: int = ANTALL_NAERMESTE) -> pd.DataFrame:
    """`vekst_kommuner.sql` rows with `avstand_km` and `er_naermeste` added, ordered: neighbours,
    then (when there are fewer than `min_naboer`) the `antall` nearest non-neighbours by distance,
    then the rest as they came. A municipality without a point gets no nearest."""
    df = kommuner.copy()
    df["avstand_km"] = avstand_km(df["fra_lat"].astype(float), df["fra_lon"].astype(float),
                                  df["lat"].astype(float), df["lon"].astype(float))
    df["er_naermeste"] = False
    if trenger_naermeste(int(df["er_nabo"].sum()), min_naboer):
        kandidater = df[~df["er_nabo"] & df["avstand_km"].notna()]
        valgt = kandidater.sort_values(["avstand_km", "navn"], kind="stable").index[:antall]
        df.loc[valgt, "er_naermeste"] = True
    rekke = np.where(df["er_nabo"], 0, np.where(df["er_naermeste"], 1, 2))
    naer = np.where(df["er_naermeste"], df["avstand_km"], 0.0)
    return (df.assign(_r=rekke, _a=naer).sort_values(["_r", "_a"], kind="stable")
            .drop(columns=["_r", "_a"]).reset_index(drop=True))
