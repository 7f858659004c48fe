"""Exports for the minutes: raw answers and consensus as CSV, the chart as PNG/SVG, and a
one-page PDF report of a session, for any tool (its rows come from the tool's hooks).

CSV files are semicolon-separated UTF-8 with a byte-order mark and decimal commas, the way
Excel opens them in Norway; headers are bokmål, while item names keep the tool's own words. Participants are numbered (D01, D02, ...) in the order they first answered;
their random ids are not exported. The PDF uses fpdf2's core Helvetica with the Windows-1252
encoding, which covers æ, ø, å and the en dash; other characters get near equivalents.
"""
from __future__ import annotations

import io
from datetime import date
from typing import Mapping, Sequence

import altair as alt
import pandas as pd

from stadkraft.eksport import uten_formler, uten_formler_ramme  # noqa: F401 - one owner of the guard

from . import regler
from .modell import ROLLER, Okt, Skaar, Tiltak
from .verktoy import verktoy

KILDENAVN = {"mobil": "mobil", "papir": "papir", "egen": "egenvurdering"}


def csv_fil(ramme: pd.DataFrame) -> bytes:
    """Every CSV the workshop writes: semicolons, decimal commas, UTF-8 with BOM, no formulas."""
    return uten_formler_ramme(ramme).to_csv(sep=";", index=False, decimal=",").encode("utf-8-sig")


def filnavn(okt: Okt, del_: str, ending: str) -> str:
    """`<type>_bergen_2025-03-01_svar.csv`: safe for every file system."""
    tekst = f"{okt.type}_{okt.enhet.navn}_{okt.dato.isoformat()}_{del_}".lower()
    for fra, til in (("æ", "ae"), ("ø", "o"), ("å", "a")):
        tekst = tekst.replace(fra, til)
    trygg = "".join(c if c.isalnum() or c in "-_" else "-" for c in tekst)
    return f"{trygg}.{ending}"


def _hovud(okt: Okt) -> dict:
    return {"kode": okt.kode, "enhet": okt.enhet.navn, "tittel": okt.tittel,
            "dato": okt.dato.isoformat(), "runde": okt.navn}


def svar_csv(okt: Okt, svar: pd.DataFrame, elementer=None) -> bytes:
    """Every individual answer (facilitator's export): one row per participant and item."""
    v = verktoy(okt.type)
    elementer = tuple(elementer) if elementer is not None else v.elementer
    navn = {e.nokkel: e.navn for e in elementer}
    rekkefolge = {d: f"D{i:02d}" for i, d in enumerate(dict.fromkeys(svar["deltaker"]), start=1)}
    orden = {e.nokkel: i for i, e in enumerate(elementer)}
    svar = svar.assign(_d=svar["deltaker"].map(rekkefolge), _k=svar["element"].map(orden)) \
        .sort_values(["_d", "_k"], kind="stable")
    # A role held by fewer than 3 would point at a person: merged or withheld (regler.vist_rolle).
    roller = svar.drop_duplicates("deltaker")["rolle"].fillna("").value_counts().to_dict()
    vist = regler.vist_rolle(roller)
    vist_gruppe = regler.vist_rolle(svar.drop_duplicates("deltaker")["gruppe"].fillna("").value_counts().to_dict())
    ut = pd.DataFrame({
        **{k: [verdi] * len(svar) for k, verdi in _hovud(okt).items()},
        "deltaker": [rekkefolge[d] for d in svar["deltaker"]],
        "rolle": [vist.get(r, "") or ("skjult (færre enn 3)" if r else "") for r in svar["rolle"].fillna("")],
        "kilde": svar["kilde"].map(lambda k: KILDENAVN.get(k, k)).tolist(),
        **({"gruppe": [vist_gruppe.get(g, "") or ("skjult (færre enn 3)" if g else "")
                       for g in svar["gruppe"].fillna("")]} if v.har_grupper else {}),
        v.elementord[0]: [navn.get(e, e) for e in svar["element"]],
        **{akse: svar[kol].astype("Int64").tolist() for akse, kol in zip(v.akser, ("verdi", "verdi2"))},
        "begrunnelse": svar["begrunnelse"].fillna("").tolist(),
    })
    return csv_fil(ut)


def konsensus_rader(okt: Okt, oppsummering: pd.DataFrame | None, konsensus: Mapping[str, Skaar],
                    elementer=None, grupper=None) -> pd.DataFrame:
    """The tool's consensus rows (per item: answers, summary, agreed score, note; for tools with
    groups each group's placement), with the session's heading columns."""
    v = verktoy(okt.type)
    elementer = tuple(elementer) if elementer is not None else v.elementer
    ut = pd.DataFrame([{**_hovud(okt), **rad}
                       for rad in v.rapportrader(oppsummering, konsensus, elementer=elementer, grupper=grupper)])
    for kol in ut.columns:
        if kol in ("felleskarakter", *v.akser):
            ut[kol] = ut[kol].astype("Int64")
    return ut


def konsensus_csv(okt: Okt, oppsummering, konsensus, elementer=None, grupper=None) -> bytes:
    return csv_fil(konsensus_rader(okt, oppsummering, konsensus, elementer, grupper))


def konsensus_excel(okt: Okt, oppsummering, konsensus, elementer=None, grupper=None) -> bytes:
    from .regneark import som_excel

    return som_excel(konsensus_rader(okt, oppsummering, konsensus, elementer, grupper), "Resultat")


def _elementnavn(okt: Okt, nokkel: str | None, elementer=None) -> str:
    if not nokkel:
        return ""
    return verktoy(okt.type).element(nokkel, elementer).navn


def tiltak_csv(okt: Okt, tiltak: Sequence[Tiltak], elementer=None) -> bytes:
    ord_ = verktoy(okt.type).elementord[0]
    ut = pd.DataFrame([{
        **_hovud(okt), "nr": t.id, ord_: _elementnavn(okt, t.element, elementer),
        "tiltak": t.hva, "ansvar": t.ansvarlig, "frist": t.frist.isoformat() if t.frist else "",
    } for t in tiltak], columns=[*_hovud(okt), "nr", ord_, "tiltak", "ansvar", "frist"])
    return csv_fil(ut)


def rolletekst(roller: Mapping[str, int]) -> str:
    """«politiker 4, andre (færre enn 3 hver) 3, ikke oppgitt 2»: no role counted below 3."""
    orden = sorted(roller.items(), key=lambda rv: (ROLLER.index(rv[0]) if rv[0] in ROLLER else 99))
    return ", ".join(f"{r or 'ikke oppgitt'} {v}" for r, v in regler.synlige_grupper(dict(orden)).items())


def diagram_png(diagram: alt.TopLevelMixin | dict, skala: float = 2.0) -> bytes:
    """The chart (an Altair chart or its spec) for the PDF, as it is (the PDF's headings name the
    unit and source; a file of its own is made by `stadkraft.eksport.diagram_png` with both drawn in)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(diagram if isinstance(diagram, dict) else diagram.to_dict(), scale=skala)


# Windows-1252 has the en dash, the ellipsis and curly quotes; not the minus sign or thin spaces.
_ERSTATT = {"\u2212": "-", "\u202f": " ", "\u2009": " ", "\u00a0": " "}
KODING = "windows-1252"


def pdf_tekst(tekst: str) -> str:
    """Text for the PDF's core font: what Windows-1252 lacks gets a near equivalent or «?»."""
    for fra, til in _ERSTATT.items():
        tekst = tekst.replace(fra, til)
    return tekst.encode(KODING, "replace").decode(KODING)


def _dato(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def _forkort(pdf, tekst: str, bredde: float) -> str:
    """Cut the text (at a word, with «…») so that it fits in `bredde` mm at the current font."""
    if pdf.get_string_width(tekst) <= bredde:
        return tekst
    ord_ = tekst.split(" ")
    while len(ord_) > 1 and pdf.get_string_width(" ".join(ord_) + " …") > bredde:
        ord_.pop()
    kort = " ".join(ord_)
    while len(kort) > 1 and pdf.get_string_width(kort + "…") > bredde:
        kort = kort[:-1]
    return kort.rstrip(" ,.;:") + " …"


def rapport_pdf(
    okt: Okt,
    oppsummering: pd.DataFrame | None,
    konsensus: Mapping[str, Skaar],
    tiltak: Sequence[Tiltak],
    diagram: alt.TopLevelMixin | dict,
    roller: Mapping[str, int] | None = None,
    alt_tekst: str = "",
    elementer=None,
    grupper=None,
) -> bytes:
    """An A4 report: heading, the chart, the tool's table per item, the consensus notes and the
    action list; one page for a short list, more (numbered, the table's header repeated) for a
    long one. Without `oppsummering` (a self-assessment) the table has the scores only."""
    from fpdf import FPDF

    v = verktoy(okt.type)
    elementer = tuple(elementer) if elementer is not None else v.elementer
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.core_fonts_encoding = KODING
    pdf.set_auto_page_break(False)
    pdf.alias_nb_pages()
    pdf.set_margins(15, 12, 15)
    pdf.add_page()
    tittel = v.overskrift(okt.tittel)
    pdf.set_title(tittel)
    pdf.set_author("Stadkraft")
    bredde = pdf.w - 30

    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(bredde, 8, _forkort(pdf, pdf_tekst(tittel), bredde), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    n = int(oppsummering["n"].max()) if oppsummering is not None and len(oppsummering) else 0
    deler = [okt.enhet.navn, _dato(okt.dato), okt.etikett,
             "egenvurdering" if okt.er_egenvurdering else (f"{n} svar" if n else None)]
    pdf.cell(bredde, 5, pdf_tekst(" – ".join(d for d in deler if d)), new_x="LMARGIN", new_y="NEXT")
    if roller:
        pdf.cell(bredde, 5, pdf_tekst(f"Roller: {rolletekst(roller)}"), new_x="LMARGIN", new_y="NEXT")

    png = diagram_png(diagram, skala=2.0)
    bilde_b = 110
    y0 = pdf.get_y() + 2
    info = pdf.image(io.BytesIO(png), x=(pdf.w - bilde_b) / 2, y=y0, w=bilde_b)
    pdf.set_y(y0 + info.rendered_height + 1)
    if alt_tekst:
        pdf.set_font("Helvetica", "I", 8.5)
        pdf.multi_cell(bredde, 4, pdf_tekst(alt_tekst), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    kol, rader, merk = v.pdftabell(oppsummering, konsensus, elementer=elementer, grupper=grupper)
    bunn = pdf.h - 20

    def hode():
        pdf.set_font("Helvetica", "B", 9.5)
        pdf.set_fill_color(230, 236, 245)
        for navn, b in kol:
            pdf.cell(b, 6, _forkort(pdf, pdf_tekst(navn), b - 1), border=1, fill=True)
        pdf.ln()
        pdf.set_font("Helvetica", "", 9.5)
    hode()
    for verdier in rader:
        if pdf.get_y() + 6 > bunn:
            _ny_side(pdf, okt)
            hode()
        for (_, b), tekst in zip(kol, verdier):
            pdf.cell(b, 6, _forkort(pdf, pdf_tekst(tekst), b - 1.5), border=1)
        pdf.ln()
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(bredde, 4, pdf_tekst(merk), align="L", new_x="LMARGIN", new_y="NEXT")   # wraps, never runs off

    merknader = [(e.navn, " ".join(konsensus[e.nokkel].begrunnelse.split())) for e in elementer
                 if e.nokkel in konsensus and konsensus[e.nokkel].begrunnelse]
    if merknader:
        pdf.ln(1.5)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(bredde, 5.5, "Begrunnelser" if okt.er_egenvurdering else "Merknader til felleskarakteren",
                 new_x="LMARGIN", new_y="NEXT")
        for navn, tekst in merknader:
            if pdf.get_y() + 9 > bunn:
                _ny_side(pdf, okt)
            # At most two lines each, so the action list keeps its room on the page.
            pdf.set_font("Helvetica", "B", 8.5)
            forst = pdf_tekst(f"{navn}: ")
            innrykk = pdf.get_string_width(forst) + 1
            pdf.cell(innrykk, 4, forst)
            pdf.set_font("Helvetica", "", 8.5)
            pdf.multi_cell(bredde - innrykk, 4, _forkort(pdf, pdf_tekst(tekst), 1.8 * (bredde - innrykk)),
                           align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    if pdf.get_y() + 25 > bunn:
        _ny_side(pdf, okt)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(bredde, 6, "Tiltak: hva skal styrkes, hvem har ansvar, frist", new_x="LMARGIN", new_y="NEXT")
    tk = [(v.elementord[0].capitalize(), 36), ("Tiltak", 84), ("Ansvar", 40), ("Frist", 20)]
    if not tiltak:
        pdf.set_font("Helvetica", "", 9.5)
        pdf.cell(bredde, 5, "Ingen tiltak registrert.", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.set_font("Helvetica", "B", 9)
        for navn, b in tk:
            pdf.cell(b, 5.5, navn, border=1, fill=True)
        pdf.ln()
        pdf.set_font("Helvetica", "", 9)
        for i, t in enumerate(tiltak):
            if pdf.get_y() + 11 > bunn:
                pdf.set_font("Helvetica", "I", 8.5)
                pdf.cell(bredde, 5, pdf_tekst(f"… og {len(tiltak) - i} tiltak til (se tiltakslisten i CSV)."),
                         new_x="LMARGIN", new_y="NEXT")
                break
            verdier = [_elementnavn(okt, t.element, elementer), t.hva, t.ansvarlig, _dato(t.frist)]
            for (_, b), tekst in zip(tk, verdier):
                pdf.cell(b, 5.5, _forkort(pdf, pdf_tekst(tekst), b - 2), border=1)
            pdf.ln()

    _bunntekst(pdf, okt, nummer=pdf.page_no() > 1)
    return bytes(pdf.output())


def _bunntekst(pdf, okt: Okt, nummer: bool) -> None:
    v = verktoy(okt.type)
    pdf.set_y(pdf.h - 16)
    pdf.set_font("Helvetica", "", 7.5)
    side = f" Side {pdf.page_no()} av {{nb}}." if nummer else ""
    pdf.multi_cell(pdf.w - 30, 3.5, pdf_tekst(
        f"{v.kilde + '. ' if v.kilde else ''}Laget med Stadkraft {_dato(date.today())}. Økt {okt.kode}.{side}"))


def _ny_side(pdf, okt: Okt) -> None:
    """The page's foot, then a new page (the report runs over when the list is long)."""
    _bunntekst(pdf, okt, nummer=True)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9.5)
