"""Every chart reads in the light and the dark theme (issue 13).

Streamlit (`st.altair_chart(theme="streamlit")`) colours axes, legends and titles per theme when the
spec leaves them unset, but never a text mark: Vega-Lite draws those black unless told otherwise. So
every text mark must carry a colour, and every colour that carries text (on the plot, or set on an
axis, legend or title) must reach WCAG's 3:1 for large text on both themes' backgrounds
(.streamlit/config.toml), or on the mark it is drawn on.
"""
from __future__ import annotations

import json

import pandas as pd
import pytest

import stadkraft.verktoy.kapasitet as kap
from stadkraft.beregning import omstilling, rangering
from stadkraft.diagram import attraktivitet as da
from stadkraft.diagram import region as dr
from stadkraft.diagram import stil
from stadkraft.diagram import vekst as dv
from stadkraft.verktoy.prioritering import diagram as dp

from .test_vekst_diagram import _karasjok

LYS, MORK = "#ffffff", "#0f1419"  # [theme.light] and [theme.dark] backgroundColor
MINST = 3.0                       # WCAG 2.x, large text (and graphics)
NAVNGITT = {"white": "#ffffff", "black": "#000000"}


def luminans(farge: str) -> float:
    h = NAVNGITT.get(farge.lower(), farge).lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    kanaler = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in kanaler)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def kontrast(a: str, b: str) -> float:
    lys, mork = sorted((luminans(a), luminans(b)), reverse=True)
    return (lys + 0.05) / (mork + 0.05)


def test_kontrast_som_wcag():
    assert kontrast("#000", "#fff") == pytest.approx(21.0)
    assert kontrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert kontrast(stil.NOYTRAL, LYS) >= 4.2 and kontrast(stil.NOYTRAL, MORK) >= 4.2


# --- Small known inputs for every chart builder -------------------------------------------------

def _omstilling():
    syss = pd.DataFrame({"aar": [2010, 2013] * 2, "naering": ["00-99", "00-99", "10-33", "10-33"],
                         "sysselsatte": [1000, 900, 400, 200], "kilde": ["ssb"] * 4})
    return dv.omstillingsdiagram(omstilling.skjerm(syss), 15, "Omstilling", "b")


def _rangering():
    alle = pd.DataFrame({"kommunenummer": ["a", "b"], "navn": ["A", "B"], "sentralitetsklasse": [1, 2],
                         "befolkning_prosent": [5.0, 10.0], "folk_estimat": [False] * 2, "syss_estimat": [False] * 2})
    return dv.rangeringsdiagram(rangering.ranger(alle, "befolkning_prosent"), "befolkning_prosent", "a", "R", "b")


def _komponenter():
    komp = pd.DataFrame({"aar": [2015] * 3, "komponent": ["Fødte", "Døde", "Netto innvandring"],
                         "rekkefolge": [1, 2, 4], "verdi": [50, -40, 30], "kilde": ["ssb", "ssb", "estimat"]})
    return dv.komponentdiagram(komp, "Komponenter", "b")


def _kommuner():
    return pd.DataFrame({"kommunenummer": ["1", "2", "3"], "navn": ["Aa", "Bb", "Cc"], "naering": [1.0, -2.0, 0.5],
                         "bosted": [0.5, 0.2, -0.3], "samlet": [0.6, 0.1, -0.2], "klasse": ["x", "y", "z"],
                         "folkemengde": [1000, 2000, 3000]})


def _matrise():
    region = pd.Series({"kommunenummer": "egen", "navn": "Rr", "naering": -0.5, "bosted": 0.1, "samlet": 0.05,
                        "klasse": None, "folkemengde": 3000})
    return da.matrisediagram(da.matrisedata(_kommuner(), "1", ["3"], region, ["2"]), "Matrise", "b")


def _spor():
    spor = pd.DataFrame({"periode": ["2010–2013", "2011–2014", "2012–2015"], "naering": [0.1, 0.3, -0.2],
                         "bosted": [0.2, -0.1, 0.4], "samlet": [0.3, 0.2, 0.2], "til": [2013, 2014, 2015]})
    return da.spordiagram(spor, "Spor", "b")


def _aar():
    data = pd.DataFrame({"aar": [2010, 2011, 2012], "verdi": [0.5, -0.2, 0.1], "snitt": 0.13,
                         "nedre": -0.1, "ovre": 0.36})
    return da.aarsdiagram(data, "naering", "År", "b")


def _fossefall():
    return da.fossefallsdiagram(da.fossefall([("Fødte", 40.0), ("Døde", -30.0)], "Sum"), "Personer", "F", "b")


def _bidrag():
    bidrag = pd.DataFrame({"kode": ["1", "2"], "navn": ["Aa", "Bb"], "endring": [50, -20], "prosent": [2.0, -1.0],
                           "bidrag": [1.2, -0.4]})
    return dr.bidragsdiagram(bidrag, "Bidrag", "b")


def _kart():
    rute = json.dumps({"type": "Polygon", "coordinates": [[[10, 60], [11, 60], [11, 61], [10, 61], [10, 60]]]})
    grenser = pd.DataFrame({"kommunenummer": ["1", "2"], "navn": ["Aa", "Bb"], "geometri": [rute, rute]})
    return dr.oversiktskart(grenser, ["1"], "Kart", "b")


def _diamant():
    verdier = {k.nokkel: 2 + i % 3 for i, k in enumerate(kap.KOMPONENTER)}
    serier = [kap.Serie("År 1", verdier, "tidligere"), kap.Serie("Median no", verdier, "median"),
              kap.Serie("Felleskarakter no", verdier, "konsensus")]
    return kap.diamant(serier, {k.nokkel: (1.0, 5.0) for k in kap.KOMPONENTER}, storrelse=640, tittel="Diamanten")


def _prioritering():
    punkter = [dp.Punkt("a", 1, "Bredbånd i hele kommunen", 4.5, 4.6), dp.Punkt("b", 2, "Boliger", 2.0, 4.0),
               dp.Punkt("c", 3, "Kollektivtilbud", 1.5, 1.5, dp.FELLES)]
    return dp.matrise(punkter, spredning={"a": (0.4, 0.3)}, forflytning=[(punkter[1], punkter[0])], tittel="Matrise")


# Builder -> {text colour: the marks it is drawn on} for text that sits on a mark, not on the page.
BYGGERE = {
    "indeks": (lambda: dv.indeksdiagram(_karasjok(), "Befolkning", "b", {2012: "Ny definisjon"}), {}),
    "komponenter": (_komponenter, {}),
    "rangering": (_rangering, {}),
    # The ● marks only flagged cells, and those are always the scale's darkest red (clamped).
    "omstilling": (_omstilling, {"white": ["#b2182b"]}),
    "bidrag": (_bidrag, {}),
    "oversiktskart": (_kart, {}),
    "matrise": (_matrise, {}),
    "spor": (_spor, {}),
    "aar": (_aar, {}),
    "fossefall": (_fossefall, {}),
    "diamant": (_diamant, {}),
    # The numbers sit in their circles; the main quadrant's name on the shaded quadrant.
    "prioritering": (_prioritering, {"white": [dp.FARGER[dp.SNITT], dp.FARGER[dp.FELLES]],
                                     dp.KVADRANTTEKST: [dp.KVADRANTFARGE]}),
}
# The matrix's item names may sit on the shaded quadrant as well as on the page.
EKSTRA_BAKGRUNN = {"prioritering": [dp.KVADRANTFARGE]}


def _marktype(node: dict) -> str | None:
    mark = node.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _verdifarger(kanal) -> list[str]:
    """The fixed colours an encoding channel can give: a value, a condition's values, a scale's range."""
    if not isinstance(kanal, dict):
        return []
    ut = [kanal["value"]] if isinstance(kanal.get("value"), str) else []
    betingelser = kanal.get("condition", [])
    for b in betingelser if isinstance(betingelser, list) else [betingelser]:
        ut += _verdifarger(b)
    omraade = (kanal.get("scale") or {}).get("range")
    if isinstance(omraade, list):
        ut += [f for f in omraade if isinstance(f, str)]
    return ut


def tekstfarger(spec) -> list[tuple[str, str]]:
    """(where, colour) for every colour that carries text; (where, "") for a text mark with none."""
    ut: list[tuple[str, str]] = []

    def gaa(node, sti: str) -> None:
        if isinstance(node, list):
            for i, n in enumerate(node):
                gaa(n, f"{sti}[{i}]")
            return
        if not isinstance(node, dict):
            return
        if _marktype(node) == "text":
            mark = node["mark"] if isinstance(node["mark"], dict) else {}
            koding = node.get("encoding", {})
            farger = [mark[k] for k in ("color", "fill") if isinstance(mark.get(k), str)]
            farger += _verdifarger(koding.get("color")) + _verdifarger(koding.get("fill"))
            ut.extend((f"{sti}.mark", f) for f in farger) if farger else ut.append((f"{sti}.mark", ""))
        for nokkel, verdi in node.items():
            if nokkel in ("labelColor", "titleColor", "subtitleColor") and isinstance(verdi, str):
                ut.append((f"{sti}.{nokkel}", verdi))
            elif nokkel == "title" and isinstance(verdi, dict) and isinstance(verdi.get("color"), str):
                ut.append((f"{sti}.title.color", verdi["color"]))
            if nokkel not in ("data", "datasets"):
                gaa(verdi, f"{sti}.{nokkel}")

    gaa(spec, "spec")
    return ut


@pytest.mark.parametrize("navn", list(BYGGERE))
def test_tekst_leses_i_lyst_og_morkt_tema(navn):
    bygg, paa_merke = BYGGERE[navn]
    spec = bygg().to_dict()
    funn = tekstfarger(spec)
    feil = []
    for hvor, farge in funn:
        if not farge:
            feil.append(f"{hvor}: tekst uten farge blir svart på mørk bakgrunn")
            continue
        bakgrunner = paa_merke.get(farge) or [LYS, MORK, *EKSTRA_BAKGRUNN.get(navn, [])]
        for bakgrunn in bakgrunner:
            if (k := kontrast(farge, bakgrunn)) < MINST:
                feil.append(f"{hvor}: {farge} på {bakgrunn} har kontrast {k:.2f}")
    assert not feil, "\n".join(feil)


def test_byggerne_har_tekst_aa_sjekke():
    """The walk finds the text marks (a broken walk would pass every chart)."""
    assert len(tekstfarger(_diamant().to_dict())) >= 4
    assert ("spec.layer[2].mark", stil.NOYTRAL) in tekstfarger(_fossefall().to_dict())
    assert tekstfarger({"layer": [{"mark": "text"}]}) == [("spec.layer[0].mark", "")]
    assert tekstfarger({"config": {"axis": {"labelColor": "#333"}}}) == [("spec.config.axis.labelColor", "#333")]


def test_diamantens_navn_leses_paa_morkt():
    """The issue's example: the diamond's component names were #222222 (1,16:1 on #0f1419)."""
    lag = _diamant().to_dict()["layer"]
    navn = [lg for lg in lag if lg.get("name", "").startswith("etiketter_")]
    assert navn and all(kontrast(lg["mark"]["color"], MORK) >= MINST for lg in navn)
