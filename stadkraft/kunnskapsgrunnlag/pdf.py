"""The knowledge base as a PDF, laid out with ReportLab's Platypus (flowing text, tables, a table of
contents, page templates): A4, each section on a new page, page numbers in the footer, charts as vectors.

Charts: Vega-Lite -> SVG (vl-convert, offline) -> ReportLab drawing (svglib), so lines and text stay
vectors. The font is Bitstream Vera, which ReportLab ships (nothing to install on the machine): it has
æøå, the real minus (U+2212) and the no-break space that `stadkraft.format` writes; the charts are laid
out and drawn in it too. The charts get a print theme (`utskrift`): dashes per series and one-hue
scales, so no meaning is carried by colour alone and the pack reads when printed in black and white.
"""
from __future__ import annotations

import contextlib
import io
import os
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from . import innhold, utskrift

SKRIFT, SKRIFT_FET, SKRIFT_KURSIV = "Vera", "Vera-Bold", "Vera-Italic"
BREDDE, HOYDE = A4
MARG = 18 * mm
TEKSTBREDDE = BREDDE - 2 * MARG
MAKS_FIGURHOYDE = 150 * mm


def _skrifter() -> None:
    if SKRIFT in pdfmetrics.getRegisteredFontNames():
        return
    mappe = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for navn, fil in ((SKRIFT, "Vera.ttf"), (SKRIFT_FET, "VeraBd.ttf"), (SKRIFT_KURSIV, "VeraIt.ttf"),
                      ("Vera-BoldItalic", "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(navn, os.path.join(mappe, fil)))
    pdfmetrics.registerFontFamily(SKRIFT, normal=SKRIFT, bold=SKRIFT_FET, italic=SKRIFT_KURSIV,
                                  boldItalic="Vera-BoldItalic")
    # The charts' text in the font vl-convert laid it out in (utskrift.FONT), and Vega's defaults.
    from svglib import fonts
    for familie in (utskrift.FAMILIE, "DejaVu Sans", "Verdana", "sans-serif", "Helvetica", "Arial",
                    "Liberation Sans"):
        fonts.register_font(familie, rlgFontName=SKRIFT)
        fonts.register_font(familie, weight="bold", rlgFontName=SKRIFT_FET)
        fonts.register_font(familie, style="italic", rlgFontName=SKRIFT_KURSIV)
        fonts.register_font(familie, weight="bold", style="italic", rlgFontName="Vera-BoldItalic")


def _stiler() -> dict[str, ParagraphStyle]:
    grunn = ParagraphStyle("grunn", fontName=SKRIFT, fontSize=9.5, leading=13.5, alignment=TA_LEFT,
                           hyphenationLang=None, splitLongWords=True, spaceAfter=4)
    return {
        "grunn": grunn,
        "tittel": ParagraphStyle("tittel", parent=grunn, fontName=SKRIFT_FET, fontSize=22, leading=27, spaceAfter=10),
        "under": ParagraphStyle("under", parent=grunn, fontSize=11, leading=15, spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=grunn, fontName=SKRIFT_FET, fontSize=15, leading=19, spaceBefore=4,
                             spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=grunn, fontName=SKRIFT_FET, fontSize=10.5, leading=14, spaceBefore=8,
                             spaceAfter=3, keepWithNext=True),
        "kilde": ParagraphStyle("kilde", parent=grunn, fontName=SKRIFT_KURSIV, fontSize=7.5, leading=10,
                                textColor=colors.HexColor("#333333"), spaceAfter=8),
        "celle": ParagraphStyle("celle", parent=grunn, fontSize=8, leading=10, spaceAfter=0),
        "celle_fet": ParagraphStyle("celle_fet", parent=grunn, fontName=SKRIFT_FET, fontSize=8, leading=10,
                                    spaceAfter=0),
        "inn1": ParagraphStyle("inn1", parent=grunn, fontSize=10.5, leading=16, leftIndent=0),
    }


class _Dokument(BaseDocTemplate):
    """Registers each section heading in the table of contents, with a PDF bookmark."""

    def __init__(self, fil, grunnlag: innhold.Grunnlag, **kw):
        super().__init__(fil, pagesize=A4, leftMargin=MARG, rightMargin=MARG, topMargin=MARG, bottomMargin=MARG,
                         title=grunnlag.tittel, author="Stadkraft", subject="Kunnskapsgrunnlag",
                         lang="nb-NO", **kw)
        self.grunnlag = grunnlag
        ramme = Frame(MARG, MARG + 6 * mm, TEKSTBREDDE, HOYDE - 2 * MARG - 6 * mm, id="tekst", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("side", [ramme], onPage=self._bunn)])

    passering = 0          # the build pass multiBuild is in (1, 2, ...)
    tegn_forste = False    # draw the charts in pass 1 too (only when a single pass is all there is)

    def build(self, flowables, *a, **kw):
        self.passering += 1
        return super().build(flowables, *a, **kw)

    def _bunn(self, lerret, dok) -> None:
        lerret.saveState()
        lerret.setFont(SKRIFT, 7.5)
        lerret.setFillColor(colors.HexColor("#333333"))
        lerret.drawString(MARG, MARG - 2 * mm, f"{self.grunnlag.tittel} · Stadkraft · {self.grunnlag.dataens_dato}")
        lerret.drawRightString(BREDDE - MARG, MARG - 2 * mm, f"Side {dok.page}")
        lerret.restoreState()

    def afterFlowable(self, flyt) -> None:
        if isinstance(flyt, Paragraph) and flyt.style.name == "h1":
            tekst = flyt.getPlainText()
            nokkel = f"s{self.seq.nextf('seksjon')}"
            self.canv.bookmarkPage(nokkel)
            self.canv.addOutlineEntry(tekst, nokkel, level=0)
            self.notify("TOCEntry", (0, tekst, self.page, nokkel))


def _p(tekst: str, stil) -> Paragraph:
    return Paragraph(escape(str(tekst)), stil)


class _Figur(Flowable):
    """A chart's drawing, drawn only in the pass that is kept: the first pass only finds the table of
    contents' page numbers, and drawing a chart costs as much as all the text of a page."""

    def __init__(self, tegning):
        super().__init__()
        self.tegning = tegning
        self.width, self.height = tegning.width, tegning.height

    def wrap(self, *_):
        return self.width, self.height

    def draw(self):
        dok = getattr(self.canv, "_doctemplate", None)
        if dok is not None and getattr(dok, "passering", 0) == 1 and not dok.tegn_forste:
            return
        with _uten_formkontroll():
            self.tegning.drawOn(self.canv, 0, 0)


@contextlib.contextmanager
def _uten_formkontroll():
    """ReportLab checks every attribute set on a shape (a third of svglib's time); svglib's are valid."""
    from reportlab import rl_config
    for_ = rl_config.shapeChecking
    rl_config.shapeChecking = 0
    try:
        yield
    finally:
        rl_config.shapeChecking = for_


def svg_tegning(svg: str, bredde: float = TEKSTBREDDE, maks_hoyde: float = MAKS_FIGURHOYDE):
    """An SVG as a ReportLab drawing scaled to fit `bredde` x `maks_hoyde` (vectors, not pixels)."""
    from svglib.svglib import svg2rlg
    with _uten_formkontroll():
        tegning = svg2rlg(io.BytesIO(utskrift.rens(svg).encode("utf-8")))
    skala = min(bredde / tegning.width, maks_hoyde / tegning.height, 1.6)   # as utskrift.skala
    tegning.width, tegning.height = tegning.width * skala, tegning.height * skala
    tegning.scale(skala, skala)
    return tegning


def _tabell(df, s: dict) -> Table:
    kolonner = [str(c) for c in df.columns]
    rader = [[_p(c, s["celle_fet"]) for c in kolonner]]
    rader += [[_p("" if v is None else v, s["celle"]) for v in rad] for rad in df.astype(object).itertuples(index=False)]
    t = Table(rader, repeatRows=1, hAlign="LEFT",
              colWidths=[TEKSTBREDDE / len(kolonner)] * len(kolonner) if len(kolonner) > 2 else
              [TEKSTBREDDE * 0.45, TEKSTBREDDE * 0.55])
    t.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def flyt(grunnlag: innhold.Grunnlag, svg: dict[str, str]) -> list:
    """The story: title page with the table of contents, then a page per section."""
    s = _stiler()
    innholdsliste = TableOfContents(levelStyles=[s["inn1"]], dotsMinLevel=0)
    ut = [Spacer(1, 30 * mm), _p(grunnlag.tittel, s["tittel"]), _p(grunnlag.undertittel, s["under"]),
          _p(f"Laget {grunnlag.laget} med Stadkraft. Dataenes dato: {grunnlag.dataens_dato}.", s["grunn"]),
          Spacer(1, 12 * mm), _p("Innhold", s["h2"]), innholdsliste,
          Spacer(1, 10 * mm),
          _p("Alle figurer og tabeller finnes også hver for seg (SVG, PNG og CSV) i ZIP-filen som lages sammen med "
             "rapporten, klare til å settes inn i planen.", s["grunn"])]
    for seksjon in grunnlag.seksjoner:
        ut += [PageBreak(), _p(seksjon.tittel, s["h1"])]
        for i, del_ in enumerate(seksjon.deler):
            if isinstance(del_, innhold.Avsnitt):
                ut.append(_p(del_.tekst, s["grunn"]))
            elif isinstance(del_, innhold.Tabell):
                ut.append(CondPageBreak(40 * mm))
                ut += [_p(del_.tittel, s["h2"]), _tabell(del_.data, s), _p(del_.kilde, s["kilde"])]
            elif isinstance(del_, innhold.Figur):
                tegning = _Figur(svg_tegning(svg[del_.navn]))
                ut.append(KeepTogether([_p(f"Figur: {del_.tittel}", s["h2"]), tegning,
                                        _p(f"{del_.beskrivelse} {del_.kilde}", s["kilde"])]))
    return ut


_MAAL: dict[tuple, dict] = {}   # (figure, its own width and height) -> the print size found last time


def figur_svg(diagram, navn: str = "", bredde: float = TEKSTBREDDE, maks_hoyde: float = MAKS_FIGURHOYDE) -> str:
    """One chart as SVG in the print theme (`utskrift`), laid out again narrower while its smallest text
    would print under `utskrift.MIN_PT`, without data labels that would cover other text. The size found
    is remembered per figure, so the next pack lays the chart out once."""
    import vl_convert as vlc
    utskrift.registrer_skrift()
    spec = utskrift.spesifikasjon(diagram.to_dict())
    nokkel = (navn, str(spec.get("width")), str(spec.get("height")))
    spec = {**spec, **_MAAL.get(nokkel, {})}
    svg = vlc.vegalite_to_svg(spec)
    for _ in range(3):  # each pass gets close; three are plenty
        smalere = utskrift.smalere(spec, svg, bredde, maks_hoyde)
        if smalere is None:
            break
        spec, svg = smalere, vlc.vegalite_to_svg(smalere)
        _MAAL[nokkel] = {k: spec[k] for k in ("width", "height") if k in spec}
    return utskrift.uten_kollisjoner(svg)


def svg_for(grunnlag: innhold.Grunnlag) -> dict[str, str]:
    """Every figure as SVG (vl-convert, offline), keyed by figure name."""
    return {f.navn: figur_svg(f.diagram, f.navn) for f in grunnlag.figurer}


def skriv(grunnlag: innhold.Grunnlag, svg: dict[str, str] | None = None) -> bytes:
    """The PDF's bytes (two passes: the second fills in the table of contents' page numbers)."""
    _skrifter()
    svg = svg if svg is not None else svg_for(grunnlag)
    buf = io.BytesIO()
    dok = _Dokument(buf, grunnlag)
    dok.multiBuild(flyt(grunnlag, svg))
    if dok.passering < 2:   # pass 1 left the charts out; it was the only one, so draw it again with them
        buf = io.BytesIO()
        dok = _Dokument(buf, grunnlag)
        dok.tegn_forste = True
        dok.multiBuild(flyt(grunnlag, svg))
    return buf.getvalue()
