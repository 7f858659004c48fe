"""Choropleth map of the municipalities as a pydeck spec: no basemap, nothing fetched from
another host.

The geometry (boundaries, county lines, name points) is written once per database as three files
the server hands out (`geometrifiler`, served by `stadkraft.tjener` and kept by the browser); a
map's spec carries only their addresses and a colour per municipality, indexed by the file's
`i`, so a new indicator, period or selection sends a few kilobytes instead of the whole map.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import math
from typing import NamedTuple

import pandas as pd
import pydeck as pdk

from .stil import LYS_TEKST, MANGLER_FARGE, MORK_TEKST, tekst_paa

LAG_KOMMUNER = "kommuner"
LAG_FYLKER = "fylker"
LAG_VALGT = "valgt"
LAG_NAVN = "navn"
LAG_NAVN_LYS = "navn_lys"   # the names on dark fills
# Names sized in metres on the ground: specks at the national view, readable from a county's
# zoom up, never larger than the page's small type.
NAVN_METER = 2500
NAVN_MAKS_PX = 14
TOOLTIP_FELT = ("navn",)
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


class Geometrifiler(NamedTuple):
    """The map's geometry as the server sends it: `innhold[navn]` = (JSON, the same gzipped);
    `versjon` changes with the content (the browser keeps a version for good)."""
    innhold: dict[str, tuple[bytes, bytes]]
    versjon: str

    def adresser(self) -> dict[str, str]:
        return {navn: f"{ADRESSE}/{navn}.json?v={self.versjon}" for navn in self.innhold}


ADRESSE = "/api/kart"
FIL_KOMMUNER, FIL_FYLKER, FIL_NAVN = "kommuner", "fylker", "navn"


def _json(data) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def geometrifiler(grenser: pd.DataFrame, fylker: pd.DataFrame) -> Geometrifiler:
    """`grenser`: queries/kommunegrenser.sql, `fylker`: queries/fylkesgrenser.sql. Each municipality
    carries `i`, its row in `grenser`: a map's colours are a list in that order."""
    import gzip

    dokumenter = {
        FIL_KOMMUNER: {"type": "FeatureCollection", "features": [
            _feature(r.geometri, {"i": i, "kommunenummer": r.kommunenummer, "navn": r.navn})
            for i, r in enumerate(grenser.itertuples())]},
        FIL_FYLKER: {"type": "FeatureCollection", "features": [
            _feature(r.geometri, {"fylkesnavn": r.fylkesnavn}) for r in fylker.itertuples()]},
        FIL_NAVN: [{"i": i, "punkt": [r.senter_lon, r.senter_lat]} for i, r in enumerate(grenser.itertuples())
                   if pd.notna(r.senter_lon) and pd.notna(r.senter_lat)],
    }
    innhold = {navn: (rå := _json(d), gzip.compress(rå, 9, mtime=0)) for navn, d in dokumenter.items()}
    versjon = hashlib.sha256(b"".join(r for r, _ in innhold.values())).hexdigest()[:12]
    return Geometrifiler(innhold, versjon)


def _uttrykk(liste: list) -> str:
    """A deck.gl JSON expression that picks a feature's entry from `liste` by its `i` (pydeck
    marks a string accessor as an expression: `@@=`). The parentheses matter: deck.gl's expression
    parser indexes a group, but not an array literal (`[..][i]` is undefined: black polygons)."""
    return "(" + json.dumps(liste, separators=(",", ":"), ensure_ascii=False) + ")[properties.i]"


def _fra_uttrykk(uttrykk: str) -> list:
    """The list in an expression `_uttrykk` (or `navnelag`) wrote."""
    return json.loads(uttrykk.removeprefix("@@=")[1:uttrykk.removeprefix("@@=").rindex(")[")])


def kartinnhold(spec: dict, filer: Geometrifiler) -> dict[str, dict]:
    """What a map's spec (`json.loads(deck.to_json())`) shows for each municipality, read back as
    deck.gl does from the geometry files: {kommunenummer: {navn, farge, etikett, verdi_tekst, markert}}."""
    lag = {l["id"]: l for l in spec["layers"]}
    farger = _fra_uttrykk(lag[LAG_KOMMUNER]["getFillColor"])
    etiketter = [m or l for m, l in zip(_fra_uttrykk(lag[LAG_NAVN]["getText"]),
                                        _fra_uttrykk(lag[LAG_NAVN_LYS]["getText"]) if LAG_NAVN_LYS in lag
                                        else itertools.repeat(""))]
    linjer = _fra_uttrykk(lag[LAG_VALGT]["getLineColor"]) if LAG_VALGT in lag else None
    kommuner = json.loads(filer.innhold[FIL_KOMMUNER][0])["features"]
    return {f["properties"]["kommunenummer"]: {
        "navn": f["properties"]["navn"], "farge": farger[f["properties"]["i"]], "etikett": etiketter[f["properties"]["i"]],
        "verdi_tekst": etiketter[f["properties"]["i"]].partition("\n")[2], "markert": bool(linjer and linjer[f["properties"]["i"]][3])} for f in kommuner}


def _nokkel(*deler) -> str:
    """deck.gl redraws an accessor only when its update trigger changes."""
    return hashlib.sha256(_json(deler)).hexdigest()[:12]


def kommunekart(grenser: pd.DataFrame, verdier: pd.DataFrame, adresser: dict[str, str],
                valgt: str | None = None, medlemmer: tuple[str, ...] = (), hele_landet: bool = False) -> KompaktDeck:
    """`grenser`: queries/kommunegrenser.sql (the rows the geometry files were made from);
    `verdier`: kommunenummer, verdi_tekst, farge ([r, g, b]); `adresser`: `Geometrifiler.adresser()`.

    Each municipality's name and value are written on the map (readable from a county's zoom up).
    `valgt` is outlined and the view fits it; `medlemmer` (a region's) are all outlined and the view fits
    them; `hele_landet` keeps the view on all of Norway (a national pattern, the selected one outlined)."""
    tabell = grenser[["kommunenummer", "navn", "min_lon", "min_lat", "max_lon", "max_lat"]].merge(
        verdier[["kommunenummer", "verdi_tekst", "farge"]], on="kommunenummer", how="left")
    farger = [list(f) if isinstance(f, (list, tuple)) else list(MANGLER_FARGE) for f in tabell["farge"]]
    etiketter = [f"{n}\n{t}" if isinstance(t, str) and t else n for n, t in zip(tabell["navn"], tabell["verdi_tekst"])]
    markert = set(medlemmer) or ({valgt} if valgt else set())
    linjer = [[230, 0, 70, 255] if k in markert else [0, 0, 0, 0] for k in tabell["kommunenummer"]]
    lag = [
        pdk.Layer("GeoJsonLayer", adresser[FIL_KOMMUNER], id=LAG_KOMMUNER, pickable=True, stroked=True, filled=True,
                  get_fill_color=_uttrykk(farger), get_line_color=[255, 255, 255], line_width_min_pixels=0.3,
                  auto_highlight=True, highlight_color=[255, 200, 0, 160],
                  update_triggers={"getFillColor": _nokkel(farger)}),
        pdk.Layer("GeoJsonLayer", adresser[FIL_FYLKER], id=LAG_FYLKER, pickable=False, stroked=True, filled=False,
                  get_line_color=[40, 40, 40], line_width_min_pixels=1.2),
        *navnelag(adresser[FIL_NAVN], etiketter, farger),
    ]
    utsyn = NORGE
    if len(r := tabell[tabell["kommunenummer"].isin(list(markert))]):
        # The same file, each municipality's line see-through but the marked ones'.
        lag.append(pdk.Layer("GeoJsonLayer", adresser[FIL_KOMMUNER], id=LAG_VALGT, pickable=False, stroked=True,
                             filled=False, get_line_color=_uttrykk(linjer), line_width_min_pixels=3 if len(r) == 1 else 2.5,
                             update_triggers={"getLineColor": _nokkel(linjer)}))
        if not hele_landet:
            utsyn = utsnitt(r["min_lon"].min(), r["min_lat"].min(), r["max_lon"].max(), r["max_lat"].max())
    return KompaktDeck(
        layers=lag,
        initial_view_state=pdk.ViewState(**utsyn),
        # No provider and pydeck's default style sentinel: Streamlit draws no basemap. (An explicit
        # map_style=None would make Streamlit pick a Carto basemap from the internet.)
        map_provider=None,
        tooltip={"html": "<b>{navn}</b>", "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "14px"}},
    )


def navnelag(adresse: str, etiketter: list[str], farger: list[list[int]]) -> list[pdk.Layer]:
    """The municipalities' names (and values) at the point inside each boundary: dark with a
    white halo on a light fill, white with a dark halo on a dark one (deck.gl's halo is one colour
    per layer, so two layers, each naming its own). `pdk.types.String` keeps pydeck from reading
    «auto» and «meters» as data accessors; «auto» draws æ, ø, å and Sámi letters."""
    lys = [tekst_paa(f) == LYS_TEKST for f in farger]
    lag = []
    for id_, hvite, farge, kant in ((LAG_NAVN, False, MORK_TEKST, [255, 255, 255, 220]),
                                    (LAG_NAVN_LYS, True, LYS_TEKST, [20, 20, 20, 200])):
        tekster = [e if l == hvite else "" for e, l in zip(etiketter, lys)]
        if hvite and not any(tekster):
            continue
        lag.append(pdk.Layer(
            "TextLayer", adresse, id=id_, pickable=False, get_position="punkt",
            get_text="(" + json.dumps(tekster, separators=(",", ":"), ensure_ascii=False) + ")[i]",
            update_triggers={"getText": _nokkel(tekster)}, get_size=NAVN_METER,
            size_units=pdk.types.String("meters"), size_max_pixels=NAVN_MAKS_PX,
            character_set=pdk.types.String("auto"), font_family=pdk.types.String("sans-serif"),
            get_color=list(farge), outline_width=2, outline_color=kant, font_settings={"sdf": True}))
    return lag


def klikket_kommune(utvalg) -> str | None:
    """The municipality number of a click on the map, from `st.pydeck_chart`'s selection state
    (`{"objects": {"kommuner": [feature]}}`), or None for a click beside the municipalities."""
    objekter = (utvalg or {}).get("objects", {}).get(LAG_KOMMUNER) or []
    if not objekter:
        return None
    egenskaper = objekter[0].get("properties", objekter[0])
    kode = str(egenskaper.get("kommunenummer", ""))
    return kode if kode.isdigit() and len(kode) == 4 else None
