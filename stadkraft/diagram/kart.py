"""Choropleth map of the municipalities as a pydeck spec: no basemap, nothing fetched; and its template,
serialised once and recoloured per period.

The boundaries come simplified from the database; this module only attaches colours and text.
"""
from __future__ import annotations

import copy
import json
import math
import re

import pandas as pd
import pydeck as pdk

from .stil import MANGLER_FARGE

LAG_KOMMUNER = "kommuner"
LAG_FYLKER = "fylker"
LAG_VALGT = "valgt"
LAG_NAVN = "navn"
# Names sized in metres on the ground: specks at the national view, readable from a county's
# zoom up, never larger than the page's small type.
NAVN_METER = 2500
NAVN_MAKS_PX = 14
TOOLTIP_FELT = ("navn", "verdi_tekst")
NORGE = {"latitude": 65.0, "longitude": 15.0, "zoom": 3.4}


class KompaktDeck(pdk.Deck):
    """pydeck writes its JSON with indent=2, several times the bytes; serialise once, compactly.

    Streamlit calls `to_json()` on every rerun, so a cached deck costs nothing the second time.
    """

    _json: str | None = None

    def to_json(self) -> str:
        if self._json is None:
            self._json = json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)
        return self._json


def _feature(geometri: str, egenskaper: dict) -> dict:
    return {"type": "Feature", "geometry": json.loads(geometri), "properties": egenskaper}


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def utsnitt(min_lon: float, min_lat: float, max_lon: float, max_lat: float,
            bredde_px: int = 480, hoyde_px: int = 560) -> dict:
    """Centre and zoom (Web Mercator, deck.gl's 512 px tiles) that fit a bounding box into a map
    about 480 px wide, as beside its table on a laptop screen."""
    y_min, y_max = _mercator_y(min_lat), _mercator_y(max_lat)
    # At zoom z the world is 512 * 2^z px wide: 360 degrees of longitude, 2*pi in Mercator y.
    zoom_x = math.log2(bredde_px * 360 / (512 * max(max_lon - min_lon, 0.01)))
    zoom_y = math.log2(hoyde_px * 2 * math.pi / (512 * max(y_max - y_min, 0.0002)))
    midt_lat = math.degrees(2 * math.atan(math.exp((y_min + y_max) / 2)) - math.pi / 2)
    return {"latitude": midt_lat, "longitude": (min_lon + max_lon) / 2,
            "zoom": max(min(min(zoom_x, zoom_y) - 0.3, 10), 2)}


def kommunekart(grenser: pd.DataFrame, fylker: pd.DataFrame, verdier: pd.DataFrame,
                valgt: str | None = None, medlemmer: tuple[str, ...] = ()) -> KompaktDeck:
    """`grenser`: queries/kommunegrenser.sql; `verdier`: kommunenummer, verdi_tekst, farge ([r, g, b]).

    `valgt` is outlined and the view fits it; `medlemmer` (a region's) are all outlined and the view fits them."""
    tabell = grenser.merge(verdier[["kommunenummer", "verdi_tekst", "farge"]], on="kommunenummer", how="left")
    kommuner = {"type": "FeatureCollection", "features": [
        _feature(r.geometri, {"kommunenummer": r.kommunenummer, "navn": r.navn,
                              "verdi_tekst": r.verdi_tekst, "farge": r.farge})
        for r in tabell.itertuples()]}
    fylkeslag = {"type": "FeatureCollection", "features": [
        _feature(r.geometri, {"fylkesnavn": r.fylkesnavn}) for r in fylker.itertuples()]}
    lag = [
        pdk.Layer("GeoJsonLayer", kommuner, id=LAG_KOMMUNER, pickable=True, stroked=True, filled=True,
                  get_fill_color="properties.farge", get_line_color=[255, 255, 255], line_width_min_pixels=0.3,
                  auto_highlight=True, highlight_color=[255, 200, 0, 160]),
        pdk.Layer("GeoJsonLayer", fylkeslag, id=LAG_FYLKER, pickable=False, stroked=True, filled=False,
                  get_line_color=[40, 40, 40], line_width_min_pixels=1.2),
        navnelag(tabell),
    ]
    utsyn = NORGE
    if medlemmer and (rader := tabell[tabell["kommunenummer"].isin(list(medlemmer))]).shape[0]:
        lag.append(pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": [
            _feature(g, {}) for g in rader["geometri"]]}, id=LAG_VALGT, pickable=False, stroked=True, filled=False,
            get_line_color=[230, 0, 70], line_width_min_pixels=2.5))
        utsyn = utsnitt(rader["min_lon"].min(), rader["min_lat"].min(), rader["max_lon"].max(), rader["max_lat"].max())
    elif valgt is not None and (rad := tabell[tabell["kommunenummer"] == valgt]).shape[0]:
        r = rad.iloc[0]
        lag.append(pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": [_feature(r.geometri, {})]},
                             id=LAG_VALGT, pickable=False, stroked=True, filled=False,
                             get_line_color=[230, 0, 70], line_width_min_pixels=3))
        utsyn = utsnitt(r.min_lon, r.min_lat, r.max_lon, r.max_lat)
    return KompaktDeck(
        layers=lag,
        initial_view_state=pdk.ViewState(**utsyn),
        # No provider and pydeck's default style sentinel: Streamlit draws no basemap. (An explicit
        # map_style=None would make Streamlit pick a Carto basemap from the internet.)
        map_provider=None,
        tooltip={"html": "<b>{navn}</b><br/>{verdi_tekst}",
                 "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "14px"}},
    )


def navnelag(grenser: pd.DataFrame) -> pdk.Layer:
    """The municipalities' names at the point inside each boundary. `pdk.types.String` keeps pydeck
    from reading «auto» and «meters» as data accessors; «auto» draws æ, ø, å and Sámi letters."""
    return pdk.Layer(
        "TextLayer", [{"navn": r.navn, "punkt": [r.senter_lon, r.senter_lat]} for r in grenser.itertuples()
                      if pd.notna(r.senter_lon) and pd.notna(r.senter_lat)],
        id=LAG_NAVN, pickable=False, get_position="punkt", get_text="navn", get_size=NAVN_METER,
        size_units=pdk.types.String("meters"), size_max_pixels=NAVN_MAKS_PX,
        character_set=pdk.types.String("auto"), font_family=pdk.types.String("sans-serif"),
        get_color=[20, 20, 20], outline_width=2, outline_color=[255, 255, 255, 220],
        font_settings={"sdf": True})


def klikket_kommune(utvalg) -> str | None:
    """The municipality number of a click on the map, from `st.pydeck_chart`'s selection state
    (`{"objects": {"kommuner": [feature]}}`), or None for a click beside the municipalities."""
    objekter = (utvalg or {}).get("objects", {}).get(LAG_KOMMUNER) or []
    if not objekter:
        return None
    egenskaper = objekter[0].get("properties", objekter[0])
    kode = str(egenskaper.get("kommunenummer", ""))
    return kode if kode.isdigit() and len(kode) == 4 else None


# --- The map, recoloured without re-serialising ------------------------------------------
#
# pydeck's to_json walks every coordinate of the 357 polygons (about 1 s). Only colours and
# tooltips change with the period, so the map is serialised once per (database, selected
# municipality) with placeholders, and each period only swaps the placeholders in the JSON.

_PLASSHOLDER = re.compile(r'"~([FT])(\d{4})~"')


def kartmal(grenser: pd.DataFrame, fylker: pd.DataFrame, valgt: str | None) -> tuple[pdk.Deck, str]:
    """`kart.kommunekart` with a placeholder colour and text per municipality, and its JSON.

    The selected municipality is outlined, but the view is all of Norway: the split is a
    national pattern.
    """
    verdier = pd.DataFrame({"kommunenummer": grenser["kommunenummer"],
                            "verdi_tekst": "~T" + grenser["kommunenummer"] + "~",
                            "farge": "~F" + grenser["kommunenummer"] + "~"})
    deck = kommunekart(grenser, fylker, verdier, valgt)
    deck.initial_view_state = pdk.ViewState(**NORGE)
    return deck, deck.to_json()


def fargelagt_kart(mal: tuple[pdk.Deck, str], verdier: pd.DataFrame) -> pdk.Deck:
    """The template deck with `verdier` (kommunenummer, verdi_tekst, farge) filled in."""
    deck, tekst = mal
    farger = dict(zip(verdier["kommunenummer"], verdier["farge"]))
    tekster = dict(zip(verdier["kommunenummer"], verdier["verdi_tekst"]))

    def bytt(m: re.Match) -> str:
        if m.group(1) == "F":
            return json.dumps(list(farger.get(m.group(2), MANGLER_FARGE)))
        return json.dumps(tekster.get(m.group(2), "Mangler data"))

    ferdig = _PLASSHOLDER.sub(bytt, tekst)
    kopi = copy.copy(deck)
    kopi.to_json = lambda: ferdig  # st.pydeck_chart sends exactly this
    return kopi
