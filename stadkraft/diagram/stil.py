"""Chart style: the Norwegian number locale, the palettes, and the chart-skeleton cache.

Each chart carries a Norwegian number locale (`5 550 203`, `21,8`, real minus). Colours are explicit
(Streamlit's theme and vl-convert's PNG/SVG have different default palettes). A chart's data-free
skeleton is built and validated once (`skjelett`, `fyll`).
"""
from __future__ import annotations

import copy
import functools

import altair as alt
import pandas as pd
from altair.utils import schemapi
from altair.vegalite.v6 import api

from stadkraft.beregning import befolkningsendring as be

RGB = tuple[int, int, int]

NORSK_LOCALE = {"number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3],
                           "currency": ["", "\u00a0kr"], "minus": "\u2212"}}
AAR_AKSE = alt.Axis(format="d", title=None, labelAngle=0)
VALGT_FARGE = "#c8102e"
GRAA = "#9e9e9e"
# Text and reference lines drawn on the plot itself: Streamlit themes axes, legends and titles, never a
# text mark (Vega-Lite's default is black). This grey is 4.3:1 on white and on the dark theme's #0f1419.
NOYTRAL = "#7a7a7a"

# Østby's categories: purple = growth (dark = without immigration), orange = decline.
OSTBY_FARGER: dict[str, RGB] = {
    be.UTEN_INNVANDRING: (84, 39, 136),
    be.BARE_INNVANDRING: (177, 164, 214),
    be.NEDGANG: (230, 120, 20),
    be.OSTBY_KUN_ENDRING: (120, 170, 210),
    # The same split by all net migration (the balances 2003-2016): the same colours.
    be.UTEN_INNFLYTTING: (84, 39, 136),
    be.BARE_INNFLYTTING: (177, 164, 214),
    be.OSTBY_KUN_ENDRING_FLYTTING: (120, 170, 210),
}
MANGLER_FARGE: RGB = (200, 200, 200)
ANSLAG_OPASITET = 0.4  # estimated bars are pale
MORK_TEKST: RGB = (20, 20, 20)
LYS_TEKST: RGB = (255, 255, 255)


def relativ_luminans(farge: RGB) -> float:
    """WCAG 2's relative luminance of an sRGB colour (0 black, 1 white)."""
    def lineær(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = map(lineær, farge[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def kontrast(a: RGB, b: RGB) -> float:
    """WCAG 2's contrast ratio of two colours (1 to 21)."""
    lysest, morkest = sorted((relativ_luminans(a), relativ_luminans(b)), reverse=True)
    return (lysest + 0.05) / (morkest + 0.05)


def tekst_paa(farge: RGB) -> RGB:
    """Dark or white text on `farge`, whichever has the higher contrast ratio: on the dark
    purple of growth without immigration, white."""
    return max((MORK_TEKST, LYS_TEKST), key=lambda tekst: kontrast(tekst, farge))


KOMPONENT_FARGER = {
    "Fødte": "#4daf4a",
    "Fødselsoverskudd (fødte minus døde)": "#4daf4a",
    "Døde": "#636363",
    "Netto innenlandsk flytting": "#377eb8",
    "Netto flytting (innenlands og utland)": "#377eb8",
    "Netto innvandring": "#984ea3",
}


# Map palettes. ColorBrewer Blues (sequential) and PuOr (diverging, orange = decline, purple = growth).
BLAA: list[RGB] = [(239, 243, 255), (198, 219, 239), (158, 202, 225), (107, 174, 214), (49, 130, 189), (8, 81, 156)]
VEKST: list[RGB] = [(179, 88, 6), (241, 163, 64), (254, 224, 182), (216, 218, 235), (153, 142, 195), (84, 39, 136)]
# Centrality 1 (most central) darkest, as SSB's own maps do.
SENTRALITET: list[RGB] = [(37, 52, 148), (44, 127, 184), (65, 182, 196), (127, 205, 187), (199, 233, 180), (255, 255, 204)]

# Explicit line colours: Streamlit's theme and vl-convert (PNG/SVG) have different default
# palettes, so a chart without its own range looks different on screen and in the export.
GRUPPEFARGER = {"kommune": VALGT_FARGE, "fylke": "#1f6fb4", "sentralitet": "#e08a00", "region": "#2e9a57",
                "land": "#6b6b6b", "privat": "#9467bd", "offentlig": "#0f9b9b"}
BRUDD_FARGE = NOYTRAL
ANDRE_FARGER = ("#9467bd", "#0f9b9b", "#8c564b", "#e377c2", "#6b6b00", "#1b9e77", "#666699", "#b8860b")


def linjefarger(grupper) -> tuple[str, ...]:
    """A colour per series, in the legend's order: fixed per group, then the added municipalities."""
    andre = iter(ANDRE_FARGER * 10)
    return tuple(GRUPPEFARGER.get(g) or next(andre) for g in grupper)


# --- The chart-skeleton cache -----------------------------------------------------------

def skjelett(bygger):
    """Cache a chart's data-free skeleton (layers, encodings, locale) per argument set.

    Building an Altair chart costs about 50 ms (each encoding is resolved against the schema), and
    turning it into a spec with validation as much again. The skeleton is built once; `fyll` gives
    a chart that carries the data, title and description and writes its spec from the skeleton's,
    which is validated against the Vega-Lite schema the first time it is filled (`_mal`).
    """
    @functools.cache
    @functools.wraps(bygger)
    def bygg(*args):
        with schemapi.debug_mode(False):
            # Marks carry no ARIA of their own: screen readers get the chart's description (its
            # alt text) and the axes; a mark group without a label fails axe-core's svg-img-alt.
            return (bygger(*args).configure(locale=NORSK_LOCALE).configure_view(stroke=None)
                    .configure_mark(aria=False))
    return bygg


_MALER: dict[int, dict] = {}  # id(skeleton) -> its validated spec (the skeletons live for the process)


def _mal(skjelett, kopi) -> dict:
    """The skeleton's spec without data, title, description, theme or $schema, validated once
    against the schema, from its first filling `kopi` (a chart with data writes its layers
    differently from one without).

    A later filling differs only in its data (an inline dataset, which the schema does not
    constrain), title and description (strings), so one validation covers every filling.
    """
    mal = _MALER.get(id(skjelett))
    if mal is None:
        mal = type(kopi).to_dict(kopi, validate=True, context={"top_level": False})
        for nokkel in ("data", "datasets", "title", "description"):
            mal.pop(nokkel, None)
        _MALER[id(skjelett)] = mal
    return mal


def _spesifikasjon(kopi, mal: dict, validate: bool = True, *, format: str = "vega-lite", ignore=None,
                   context=None) -> dict:
    """`to_dict()` of a filled chart: the skeleton's validated spec with the chart's data (through the
    active data transformer, as Altair does: Streamlit's keeps the frame for Arrow), title,
    description, $schema and the active theme. Anything else goes to Altair's own `to_dict`."""
    if format != "vega-lite" or ignore or context:  # to_json() passes [] and {}
        return type(kopi).to_dict(kopi, validate=validate, format=format, ignore=ignore, context=context)
    spec = copy.deepcopy(mal)
    kontekst: dict = {"datasets": {}}
    data = api._prepare_data(kopi._kwds["data"], kontekst)
    spec["data"] = data.to_dict() if isinstance(data, schemapi.SchemaBase) else data
    spec["title"], spec["description"] = kopi._kwds["title"], kopi._kwds["description"]
    if kontekst["datasets"]:
        spec["datasets"] = kontekst["datasets"]
    spec["$schema"] = api.SCHEMA_URL
    if tema := api.theme.get():
        spec = api.utils.update_nested(tema(), spec, copy=True)
    return spec


def fyll(skjelett, data: pd.DataFrame, tittel: str, beskrivelse: str):
    """The skeleton with data, title and description, as a chart of its own (the skeleton is untouched).

    About 1 ms, and its `to_dict()` (what Streamlit, `to_json()` and the exports call) a few more:
    see `_spesifikasjon`.
    """
    kopi = copy.copy(skjelett)
    object.__setattr__(kopi, "_kwds", {**skjelett._kwds, "data": data, "title": tittel, "description": beskrivelse})
    object.__setattr__(kopi, "to_dict", functools.partial(_spesifikasjon, kopi, _mal(skjelett, kopi)))
    return kopi

