"""Boundaries prepared once at build time, so the app sends a small map and never re-simplifies."""
from __future__ import annotations

import json

import pandas as pd
from shapely.geometry import mapping, shape

# About 150 m at Norwegian latitudes: invisible on a national map, and it keeps the page small.
TOLERANSE_GRADER = 0.0015
DESIMALER = 4  # about 10 m


def _avrund(koordinater):
    if isinstance(koordinater[0], (int, float)):
        return [round(koordinater[0], DESIMALER), round(koordinater[1], DESIMALER)]
    return [_avrund(k) for k in koordinater]


def forenkle(geometri: dict) -> tuple[str, object]:
    """A simplified GeoJSON geometry as compact text, and the shapely shape it came from."""
    flate = shape(geometri)
    enkel = flate.simplify(TOLERANSE_GRADER, preserve_topology=True)
    if enkel.is_empty:
        enkel = flate
    gj = mapping(enkel)
    gj = {"type": gj["type"], "coordinates": _avrund(json.loads(json.dumps(gj["coordinates"])))}
    return json.dumps(gj, separators=(",", ":")), flate


def kommunegrenser(features: list[dict]) -> pd.DataFrame:
    rader = []
    for f in features:
        tekst, flate = forenkle(f["geometry"])
        punkt = flate.representative_point()
        min_lon, min_lat, max_lon, max_lat = flate.bounds
        rader.append({
            "kommunenummer": str(f["properties"]["kommunenummer"]).zfill(4),
            "geometri": tekst, "senter_lon": punkt.x, "senter_lat": punkt.y,
            "min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat,
        })
    return pd.DataFrame(rader)


def fylkesgrenser(features: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{
        "fylkesnummer": str(f["properties"]["fylkesnummer"]).zfill(2),
        "fylkesnavn": f["properties"]["fylkesnavn"],
        "geometri": forenkle(f["geometry"])[0],
    } for f in features])
