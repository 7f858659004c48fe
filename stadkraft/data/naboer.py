"""Neighbouring municipalities (shared border) from boundary polygons; the build fills `nabo`.

The simplified boundaries (kart/kommuner2024_S.geojson) were simplified per polygon, so two
municipalities that share a border need not share vertices: a small gap or overlap is left
along the border. Two municipalities count as neighbours when their polygons come within
`toleranse` degrees of each other. The default, 0.0005 degrees, is about 55 m north-south and
25 m east-west at 63 °N: well above the simplification gaps and far below the narrowest
sound between islands that are separate municipalities (checked on the real boundaries in
tests/test_naboer.py: Oslo-Bærum touch, Frøya-Hitra do not).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import shapely
from shapely.geometry import shape

TOLERANSE_GRADER = 0.0005


def _features(features) -> list[Mapping]:
    if isinstance(features, Mapping):
        return list(features.get("features", []))
    return list(features)


def naboer(features: Iterable[Mapping] | Mapping, toleranse: float = TOLERANSE_GRADER,
           nokkel: str = "kommunenummer") -> pd.DataFrame:
    """Pairs of municipalities whose polygons lie within `toleranse` degrees of each other.

    `features` is a GeoJSON FeatureCollection or its list of features, with the 4-digit code
    in `properties[nokkel]` (integers are padded). Both directions are returned, sorted, as a
    DataFrame with columns `kommunenummer`, `nabo`.
    """
    feats = _features(features)
    koder = [str(f["properties"][nokkel]).zfill(4) for f in feats]
    geom = [shapely.make_valid(shape(f["geometry"])) for f in feats]
    tre = shapely.STRtree(geom)
    venstre, hoyre = tre.query(geom, predicate="dwithin", distance=toleranse)
    par = {(koder[i], koder[j]) for i, j in zip(venstre, hoyre) if koder[i] != koder[j]}
    par |= {(b, a) for a, b in par}
    return (pd.DataFrame(sorted(par), columns=["kommunenummer", "nabo"])
            .reset_index(drop=True))
