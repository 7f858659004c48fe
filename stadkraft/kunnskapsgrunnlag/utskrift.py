"""The knowledge base's print theme: the page's Vega-Lite charts made fit for paper, without touching the
charts on screen (it works on a copy of each spec).

- One font for layout and drawing: vl-convert lays text out in Bitstream Vera (registered from ReportLab's
  own font folder) and svglib draws it in the same Vera, so labels are as wide as Vega measured them.
- Readable in black and white: every line coloured by a series gets a dash pattern of its own (the legend
  shows it); a diverging heat-map scale becomes one hue from white to dark; coloured bars get one hue at
  spread lightness and a thin dark edge.
- Text at least `MIN_PT` when printed: a chart that would be scaled down so far is laid out again
  narrower (its plot area shrinks, its text keeps its size).
- Hidden text stays hidden: Vega marks the axis labels it drops for overlap with `opacity="0"`, which
  svglib ignores (it would draw "20122013"), so those elements are removed before drawing.
"""
from __future__ import annotations

import copy
import os
import re

FAMILIE = "Bitstream Vera Sans"
# Vera first (the layout's and the PDF's); the rest for an SVG from the ZIP opened where Vera is missing
# (DejaVu Sans has Vera's metrics).
FONT = f"{FAMILIE}, DejaVu Sans, Verdana, sans-serif"
MIN_PT = 7.5
# Dash per series in legend order; the first (the selected municipality, drawn bold on top) solid.
STREKER = ([1, 0], [7, 3], [2, 2], [10, 3, 2, 3], [4, 4], [1, 3], [12, 4], [6, 2, 1, 2, 1, 2])
# One hue (ColorBrewer Blues) at spread lightness: dark, light, middle, ... so neighbours differ in grey.
BLAATONER = ("#08306b", "#9ecae1", "#2171b5", "#deebf7", "#4292c6", "#c6dbef", "#08519c", "#6baed6")
VARME = "reds"  # ColorBrewer Reds, lightness falling steadily: near white = no fall, darkest = the threshold
CONFIG = {"font": FONT,
          "axis": {"labelFontSize": 10, "titleFontSize": 11},
          "legend": {"labelFontSize": 10, "titleFontSize": 10},
          "title": {"fontSize": 13},
          # discrete x axes too (the components' years, the screen's windows): the step of 20 px is too narrow
          "view": {"continuousWidth": 460, "continuousHeight": 300, "discreteWidth": 440}}

_registrert = False


def registrer_skrift() -> None:
    """Vera for vl-convert's layout, once per process (ReportLab ships it; nothing to install)."""
    global _registrert
    if _registrert:
        return
    import reportlab
    import vl_convert as vlc
    vlc.register_font_directory(os.path.join(os.path.dirname(reportlab.__file__), "fonts"))
    _registrert = True


def enheter(spec: dict):
    """Every unit spec (one with a `mark`) in a layered or concatenated spec."""
    if "mark" in spec:
        yield spec
    for nokkel in ("layer", "concat", "hconcat", "vconcat"):
        for under in spec.get(nokkel, []):
            yield from enheter(under)
    if isinstance(spec.get("spec"), dict):
        yield from enheter(spec["spec"])


def _marktype(enhet: dict) -> str:
    mark = enhet["mark"]
    return mark.get("type", "") if isinstance(mark, dict) else str(mark)


def med_streker(spec: dict) -> dict:
    """Lines coloured by a field get a dash per series as well, in the colour's order; the legend shows both.

    Every layer coloured by that field gets the dash too (the points' rings): Vega-Lite merges the colour
    and dash legends into one only when each layer that has the one has the other."""
    enheter_ = list(enheter(spec))
    felt = {e["encoding"]["color"]["field"] for e in enheter_ if _marktype(e) == "line"
            and "field" in e.get("encoding", {}).get("color", {})}
    for enhet in enheter_:
        farge = enhet.get("encoding", {}).get("color", {})
        if farge.get("field") not in felt:
            continue
        antall = len(farge.get("scale", {}).get("range") or STREKER)
        enhet["encoding"]["strokeDash"] = {
            "field": farge["field"], "type": farge.get("type", "nominal"), "sort": farge.get("sort"),
            "title": farge.get("title"), "legend": farge.get("legend"),
            "scale": {"range": [list(STREKER[i % len(STREKER)]) for i in range(antall)]}}
    return spec


def enfarget(spec: dict) -> dict:
    """Greyscale-safe colour scales: a diverging quantitative scale on cells becomes white-to-dark red over
    its upper half (the restructuring screen asks about falls: a rise is white, as no fall); nominal
    colours on bars become one hue at spread lightness with a thin dark edge."""
    for enhet in enheter(spec):
        farge = enhet.get("encoding", {}).get("color", {})
        skala = farge.get("scale") or {}
        mark = _marktype(enhet)
        if mark == "rect" and farge.get("type") == "quantitative" and len(skala.get("domain") or []) == 3:
            skala.pop("range", None)
            skala.update(domain=[0, skala["domain"][-1]], scheme=VARME, clamp=True)
            if isinstance(enhet["mark"], dict) and enhet["mark"].get("stroke") == "white":
                enhet["mark"]["stroke"] = "#bdbdbd"   # white cells must still show their edges on paper
        elif mark == "bar" and farge.get("type") == "nominal" and skala.get("range"):
            skala["range"] = [BLAATONER[i % len(BLAATONER)] for i in range(len(skala["range"]))]
            enhet["mark"] = {**(enhet["mark"] if isinstance(enhet["mark"], dict) else {"type": mark}),
                             "stroke": "#222222", "strokeWidth": 0.5}
    return spec


def spesifikasjon(spec: dict) -> dict:
    """The print version of a chart's Vega-Lite spec (a copy): font, sizes, dashes, one-hue scales."""
    ut = enfarget(med_streker(copy.deepcopy(spec)))
    ut.setdefault("config", {})
    for nokkel, verdi in CONFIG.items():
        ut["config"][nokkel] = {**verdi, **ut["config"].get(nokkel, {})} if isinstance(verdi, dict) else verdi
    ut["config"]["view"] = {**ut["config"]["view"], **CONFIG["view"]}  # the page's width, not Streamlit's 300
    return ut


# --- Sizes -----------------------------------------------------------------------------------------

_STORRELSE = re.compile(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"')
_SKRIFT = re.compile(r'<text\s[^>]*font-size="([\d.]+)px"[^>]*>(.*?)</text>', re.DOTALL)


def storrelse(svg: str) -> tuple[float, float]:
    m = _STORRELSE.search(svg)
    return (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)


def minste_skrift(svg: str) -> float | None:
    """The smallest font size (px) of visible, non-empty text in an SVG from vl-convert."""
    storrelser = [float(s) for s, tekst in _SKRIFT.findall(rens(svg)) if re.sub(r"<[^>]+>", "", tekst).strip()]
    return min(storrelser) if storrelser else None


PT_PER_PX = 0.75   # svglib reads a px as 0.75 pt (96 dpi); `pdf.svg_tegning` then scales the drawing


def skala(svg: str, bredde: float, maks_hoyde: float, maks: float = 1.6) -> float:
    """Points on paper per px of the SVG once `pdf.svg_tegning` fits it to `bredde` x `maks_hoyde` points,
    enlarging at most `maks` times."""
    b, h = storrelse(svg)
    return min(bredde / b, maks_hoyde / h, maks * PT_PER_PX) if b and h else PT_PER_PX


def minste_pt(svg: str, bredde: float, maks_hoyde: float) -> float | None:
    """The smallest text on paper, in points."""
    f = minste_skrift(svg)
    return None if f is None else f * skala(svg, bredde, maks_hoyde)


def smalere(spec: dict, svg: str, bredde: float, maks_hoyde: float) -> dict | None:
    """A copy of `spec` whose plot area is shrunk so the drawing fits at a scale where the smallest text
    is `MIN_PT`; None when it already is (or the size is not the spec's to change)."""
    f = minste_skrift(svg)
    if f is None or f * skala(svg, bredde, maks_hoyde) >= MIN_PT - 0.01:
        return None
    b, h = storrelse(svg)
    mal = MIN_PT / f                       # the scale the drawing may have at most
    ut, endret = copy.deepcopy(spec), False
    for akse, ytre, grense in (("width", b, bredde), ("height", h, maks_hoyde)):
        for_mye = ytre - grense / mal       # px the drawing must lose along this axis
        if for_mye <= 0.5:
            continue
        verdi = ut.get(akse, CONFIG["view"]["continuousWidth" if akse == "width" else "continuousHeight"])
        if isinstance(verdi, (int, float)):
            ut[akse] = max(120.0, verdi - for_mye)
            endret = True
        elif isinstance(verdi, dict) and "step" in verdi:
            ut[akse] = {"step": max(10.0, verdi["step"] * (1 - for_mye / ytre))}
            endret = True
    return ut if endret else None


# --- SVG for svglib ----------------------------------------------------------------------------------

_SKJULT_TEKST = re.compile(r'<text\s[^>]*\sopacity="0"[^>]*>.*?</text>', re.DOTALL)
_SKJULT = re.compile(r'<\w+\s[^<>]*\sopacity="0"[^<>]*/>')
_OPASITET = re.compile(r'<\w+\s[^<>]*\sopacity="([\d.]+)"[^<>]*>')


def _opasitet(m: re.Match) -> str:
    tagg = m.group(0)
    if "fill-opacity" in tagg or "stroke-opacity" in tagg:
        return tagg
    verdi = m.group(1)
    return tagg.replace(f' opacity="{verdi}"', f' fill-opacity="{verdi}" stroke-opacity="{verdi}"', 1)


# Vega draws a point as a path of two arcs; svglib turns each arc into curves slowly (a matrix of 357
# points took 0.9 s). The same circle as a <circle> is drawn alike, ten times faster.
_SIRKEL = re.compile(r'<path ([^<>]*?)transform="translate\(([-\d.e]+),([-\d.e]+)\)" '
                     r'd="M([\d.]+),0A\4,\4,0,1,1,-\4,0A\4,\4,0,1,1,\4,0"([^<>]*)/>')


def rens(svg: str) -> str:
    """The SVG as svglib should see it: hidden elements gone, an element's opacity as fill and stroke
    opacity (svglib reads those, not `opacity`), points as circles."""
    svg = _SKJULT.sub("", _SKJULT_TEKST.sub("", svg))
    svg = _SIRKEL.sub(r'<circle \1cx="\2" cy="\3" r="\4"\5/>', svg)
    return _OPASITET.sub(_opasitet, svg)


# --- Labels on top of labels -------------------------------------------------------------------------

_NS = "{http://www.w3.org/2000/svg}"
_FLYTT = re.compile(r"translate\(\s*([-\d.e]+)[ ,]*([-\d.e]*)\s*\)")


def _flytt(transform: str | None) -> tuple[float, float] | None:
    """(dx, dy) of a plain translate; None for anything rotated or scaled (left alone)."""
    if not transform:
        return (0.0, 0.0)
    if "rotate" in transform or "scale" in transform or "matrix" in transform:
        return None
    m = _FLYTT.search(transform)
    return (float(m.group(1)), float(m.group(2) or 0)) if m else (0.0, 0.0)


def _tekstbredde(tekst: str, storrelse: float, fet: bool) -> float:
    from reportlab.pdfbase import pdfmetrics

    from .pdf import SKRIFT, SKRIFT_FET, _skrifter
    _skrifter()
    return pdfmetrics.stringWidth(tekst, SKRIFT_FET if fet else SKRIFT, storrelse)


def _boks(el, x: float, y: float) -> tuple[float, float, float, float] | None:
    """The text's box (left, top, right, bottom) in the SVG's px, measured in Vera as vl-convert laid it out."""
    linjer = [t.text or "" for t in el.iter(f"{_NS}tspan")] or [el.text or ""]
    storrelse = float((el.get("font-size") or "10px").rstrip("px") or 10)
    fet = el.get("font-weight") in ("bold", "700")
    bredde = max(_tekstbredde(linje, storrelse, fet) for linje in linjer)
    if not bredde:
        return None
    anker = el.get("text-anchor", "start")
    venstre = x - (bredde / 2 if anker == "middle" else bredde if anker == "end" else 0)
    linjeavstand = max([float(t.get("dy", 0) or 0) for t in el.iter(f"{_NS}tspan")] + [storrelse])
    return (venstre, y - 0.75 * storrelse, venstre + bredde, y + 0.2 * storrelse + linjeavstand * (len(linjer) - 1))


def uten_kollisjoner(svg: str) -> str:
    """The SVG without the data labels (text marks) that would cover other text: the larger label, then
    the one drawn first, is kept. The figure's caption (its alt text) still names every labelled point."""
    if "mark-text role-mark" not in svg:
        return svg
    import xml.etree.ElementTree as ET
    ET.register_namespace("", _NS[1:-1])
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    rot = ET.fromstring(svg)
    tekster = []   # (size, order, element, parent, box, is a data label)

    def gaa(el, x, y, merke, foreldre):
        flytt = _flytt(el.get("transform"))
        if flytt is None:
            return
        x, y = x + flytt[0], y + flytt[1]
        merke = merke or ("mark-text" in (el.get("class") or "") and "role-mark" in (el.get("class") or ""))
        for barn in list(el):
            if barn.tag == f"{_NS}text":
                fb = _flytt(barn.get("transform"))
                if fb is None or barn.get("opacity") == "0":
                    continue
                if (boks := _boks(barn, x + fb[0], y + fb[1])) is not None:
                    tekster.append((-float((barn.get("font-size") or "10px").rstrip("px")), len(tekster), barn,
                                    el, boks, merke))
            else:
                gaa(barn, x, y, merke, foreldre)

    gaa(rot, 0.0, 0.0, False, None)
    beholdt, fjernet = [], 0
    for _, _, el, forelder, (v, t, h, b), merke in sorted(tekster, key=lambda r: (r[5], r[0], r[1])):  # axes first
        if merke and any(v < h2 - 1 and v2 < h - 1 and t < b2 - 1 and t2 < b - 1 for v2, t2, h2, b2 in beholdt):
            forelder.remove(el)
            fjernet += 1
            continue
        beholdt.append((v, t, h, b))
    return ET.tostring(rot, encoding="unicode") if fjernet else svg
