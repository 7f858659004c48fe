"""The knowledge base (stadkraft/kunnskapsgrunnlag): the PDF for a municipality and a region (page count,
the figures named in it, no text cut off), the ZIP of figures and tables, the command, and similar
municipalities. Page 1 is rendered to PNG and kept (STADKRAFT_ARTEFAKTER, else the test's tmp folder)."""
import io
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from stadkraft import db
from stadkraft import region as r
from stadkraft.beregning import likhet
from stadkraft.kunnskapsgrunnlag import lag_pakke
from stadkraft.kunnskapsgrunnlag.__main__ import main

pdfium = pytest.importorskip("pypdfium2")


@pytest.fixture
def ekte(ekte_db, monkeypatch, tmp_path):
    monkeypatch.setenv("STADKRAFT_DB", str(ekte_db))
    monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "ingen_workshop.duckdb"))  # none made
    return db.kjor


def _sider(pdf: bytes) -> list[str]:
    dok = pdfium.PdfDocument(pdf)
    return [dok[i].get_textpage().get_text_range() for i in range(len(dok))]


def _tegn(side) -> list[tuple[str, tuple[float, float, float, float], int, float]]:
    """Each visible character on a page: (character, tight box, its text object, size in points on paper)."""
    import ctypes
    import math

    from pypdfium2 import raw
    tekstside = side.get_textpage()
    ut = []
    for i in range(tekstside.count_chars()):
        tegn = tekstside.get_text_range(i, 1)
        if not tegn.strip():
            continue
        m = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(tekstside.raw, i, ctypes.byref(m))
        storrelse = raw.FPDFText_GetFontSize(tekstside.raw, i) * math.sqrt(abs(m.a * m.d - m.b * m.c))
        objekt = ctypes.cast(raw.FPDFText_GetTextObject(tekstside.raw, i), ctypes.c_void_p).value
        ut.append((tegn, tekstside.get_charbox(i), objekt, storrelse))
    return ut


def overlappende_tekst(pdf: bytes, andel: float = 0.3) -> list[tuple[int, str, str]]:
    """Characters of different text objects whose boxes overlap by more than `andel` of the smaller box:
    text drawn on top of other text ("20122013"). Within one text object, kerning may touch; not counted."""
    funn = []
    for nr, side in enumerate(pdfium.PdfDocument(pdf), 1):
        tegn = sorted(_tegn(side), key=lambda t: t[1][0])
        for i, (a, (v1, b1, h1, t1), o1, _) in enumerate(tegn):
            for b, (v2, b2, h2, t2), o2, _ in tegn[i + 1:]:
                if v2 >= h1:
                    break   # sorted by the left edge: nothing further right can overlap this one
                if o1 == o2:
                    continue
                felles = max(0.0, min(h1, h2) - v2) * max(0.0, min(t1, t2) - max(b1, b2))
                minst = min((h1 - v1) * (t1 - b1), (h2 - v2) * (t2 - b2))
                if minst > 0 and felles > andel * minst:
                    funn.append((nr, a, b))
    return funn


def minste_tekst(pdf: bytes) -> float:
    """The smallest text in the PDF, in points on paper (a chart's text after its drawing is scaled)."""
    return min(t[3] for side in pdfium.PdfDocument(pdf) for t in _tegn(side))


def _artefakt(pdf: bytes, navn: str, tmp_path: Path) -> Path:
    mappe = Path(os.environ.get("STADKRAFT_ARTEFAKTER") or tmp_path)
    mappe.mkdir(parents=True, exist_ok=True)
    sti = mappe / f"{navn}_side1.png"
    pdfium.PdfDocument(pdf)[0].render(scale=1.5).to_pil().save(sti)
    return sti


def _sjekk(pdf: bytes, grunnlag, tmp_path: Path, navn: str) -> list[str]:
    sider = _sider(pdf)
    assert 8 <= len(sider) <= 15, len(sider)
    tekst = "\n".join(sider)
    for figur in grunnlag.figurer:  # every figure named in the PDF with its title
        assert f"Figur: {figur.tittel}" in " ".join(tekst.split()), figur.tittel
    assert "Innhold" in sider[0] and "Kilder og metode" in sider[0]      # the table of contents
    assert all(f"Side {i}" in s for i, s in enumerate(sider, 1))        # page numbers
    assert "\ufffd" not in tekst                                          # no glyph lost
    for side in pdfium.PdfDocument(pdf):                                  # nothing outside the page
        tekstside = side.get_textpage()
        bredde, hoyde = side.get_size()
        for i in range(tekstside.count_rects()):
            v, b, h, t = tekstside.get_rect(i)
            assert 0 <= v and h <= bredde and 0 <= b and t <= hoyde
    assert overlappende_tekst(pdf) == []                                  # no text on top of text
    assert minste_tekst(pdf) >= 7                                         # readable when printed
    assert _artefakt(pdf, navn, tmp_path).stat().st_size > 10_000
    return sider


def test_kunnskapsgrunnlag_for_froya(ekte, tmp_path):
    pdf, zip_, g = lag_pakke(kommune="5014")
    sider = _sjekk(pdf, g, tmp_path, "froya")
    navn = {f.navn for f in g.figurer}
    assert {"befolkning_indeks", "befolkning_komponenter", "omstilling", "attraktivitet_matrise", "kart"} <= navn
    assert "Kunnskapsgrunnlag: Frøya" in sider[0]
    assert "Liknende kommuner" in "\n".join(sider)
    # An island: no bordering municipality, so its nearest are there, said to be no neighbours.
    flat = " ".join("\n".join(sider).split())
    assert "Nabokommuner: ingen." in flat and "Nærmeste kommuner uten felles grense" in flat and "Hitra" in flat
    with zipfile.ZipFile(io.BytesIO(zip_)) as z:
        filer = z.namelist()
        for f in g.figurer:
            assert any(n.endswith(f"_{f.navn}.svg") for n in filer) and any(n.endswith(f"_{f.navn}.png") for n in filer)
        assert len([n for n in filer if n.startswith("tabeller/")]) == len(g.tabeller)
        csv = z.read(next(n for n in filer if n.endswith("_nokkeltall.csv"))).decode("utf-8-sig")
        assert "Folketall 1. januar" in csv
        assert z.read("kunnskapsgrunnlag.pdf") == pdf


def test_kunnskapsgrunnlag_for_region_av_ti(ekte, tmp_path):
    register = ekte("region_kommuner")
    region = r.egen(register, "5014,5056,5055,5059,5057,5058,5020,5053,5054,5052", "Ti i Trøndelag")
    pdf, _, g = lag_pakke(region=region, med_zip=False)
    sider = _sjekk(pdf, g, tmp_path, "region")
    assert "befolkning_bidrag" in {f.navn for f in g.figurer}
    assert "Ti i Trøndelag" in sider[0]
    matrise = next(f for f in g.figurer if f.navn == "attraktivitet_matrise").data
    assert (matrise["rolle"] == "region").sum() == 1 and (matrise["rolle"] == "medlem").sum() == 10


def test_kommandoen(ekte, tmp_path, capsys):
    ut = tmp_path / "hallingdal.pdf"
    assert main(["--region", "regionraad-hallingdal", "-o", str(ut)]) == 0
    assert ut.read_bytes()[:5] == b"%PDF-" and ut.with_suffix(".zip").exists()
    assert main(["--region", "regionraad-finnes-ikke", "-o", str(ut)]) == 2
    assert main(["--kommune", "9999", "-o", str(ut)]) == 2


# --- Similar municipalities on a fixture --------------------------------------------------------

def _kvadrat(x0, side=0.1):
    import json
    return json.dumps({"type": "Polygon", "coordinates": [[[x0, 60], [x0 + side, 60], [x0 + side, 60 + side],
                                                           [x0, 60 + side], [x0, 60]]]})


def test_liknende_kommuner_paa_fixtur():
    rader = pd.DataFrame({
        "kommunenummer": ["0001", "0002", "0003", "0004"], "navn": ["A", "B", "C", "D"],
        "sentralitetsindeks": [500, 520, 900, 510], "folkemengde": [5000, 5200, 90000, 20000],
        "jobber": [2000, 2100, 50000, 8000], "bosatte_sysselsatte": [2400, 2500, 45000, 9000],
        "privat_andel": [0.6, 0.62, 0.8, 0.6],
        "geometri": [_kvadrat(0), _kvadrat(1), _kvadrat(2, 0.05), _kvadrat(3)]})
    kj = likhet.kjennetegn(rader)
    # A 0.1 x 0.1 degree square at 60° N: about 11.1 km x 5.6 km.
    assert likhet.areal_km2(_kvadrat(0)) == pytest.approx(61.9, rel=0.01)
    assert likhet.liknende(kj, "0001", 2) == ["0002", "0004"]
    assert likhet.liknende(kj, "0003", 1) == ["0004"]
    assert likhet.liknende(kj, "9999") == []
    z = likhet.standardiser(kj)
    assert z["storrelse"].mean() == pytest.approx(0) and z["storrelse"].std(ddof=0) == pytest.approx(1)
    # A missing trait is left out of the distance, not counted as zero.
    kj.loc["0002", "privat_andel"] = float("nan")
    assert likhet.liknende(kj, "0001", 1) == ["0002"]


# --- The print theme (kunnskapsgrunnlag/utskrift.py) ---------------------------------------------

def test_overlapp_finnes_i_en_pdf_med_tekst_over_tekst():
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    lerret = canvas.Canvas(buf)
    lerret.drawString(100, 700, "2012")
    lerret.drawString(112, 700, "2013")   # starts inside "2012": reads "20122013"
    lerret.drawString(100, 600, "2014 2015")
    lerret.save()
    assert overlappende_tekst(buf.getvalue())
    lerret = canvas.Canvas(buf := io.BytesIO())
    lerret.drawString(100, 700, "2012")
    lerret.drawString(140, 700, "2013")
    lerret.save()
    assert overlappende_tekst(buf.getvalue()) == []


def test_skjulte_aksetall_tegnes_ikke():
    """Vega hides the labels it drops for overlap with opacity 0; svglib would draw them on top of each other."""
    from stadkraft.kunnskapsgrunnlag import utskrift
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20">'
           '<text transform="translate(0,15)" font-size="10px" opacity="1">2012</text>'
           '<text transform="translate(30,15)" font-size="10px" opacity="0">2013</text>'
           '<path d="M0,0L1,1" opacity="0"/><circle r="2" opacity="0.35"/></svg>')
    ren = utskrift.rens(svg)
    assert "2012" in ren and "2013" not in ren and "<path" not in ren
    assert 'fill-opacity="0.35" stroke-opacity="0.35"' in ren
    assert utskrift.minste_skrift(svg) == 10 and utskrift.storrelse(svg) == (100, 20)


def _linjespec():
    farge = {"field": "navn", "type": "nominal", "scale": {"range": ["#c8102e", "#1f6fb4", "#6b6b6b"]},
             "legend": {"orient": "bottom"}}
    return {"layer": [{"mark": {"type": "line"}, "encoding": {"color": farge}},
                      {"mark": {"type": "point"}, "encoding": {"color": farge}},
                      {"mark": {"type": "rule"}, "encoding": {"y": {"datum": 100}}}]}


def test_utskrift_gir_hver_linje_sin_strek_og_skjermen_er_urort():
    from stadkraft.kunnskapsgrunnlag import utskrift
    spec = _linjespec()
    ut = utskrift.spesifikasjon(spec)
    linje, punkt, regel = ut["layer"]
    streker = linje["encoding"]["strokeDash"]["scale"]["range"]
    assert len(streker) == 3 and len({tuple(s) for s in streker}) == 3       # one dash per series
    assert punkt["encoding"]["strokeDash"] == linje["encoding"]["strokeDash"]  # one merged legend
    assert "strokeDash" not in regel.get("encoding", {})
    assert ut["config"]["font"].startswith(utskrift.FAMILIE)
    assert "strokeDash" not in spec["layer"][0]["encoding"] and "config" not in spec   # a copy


def test_utskrift_gjor_varmekartet_enfarget():
    from stadkraft.kunnskapsgrunnlag import utskrift
    spec = {"layer": [{"mark": {"type": "rect", "stroke": "white"},
                       "encoding": {"color": {"field": "andel", "type": "quantitative", "scale": {
                           "domain": [-15, 0, 15], "range": ["#2166ac", "#f7f7f7", "#b2182b"], "clamp": True}}}},
                      {"mark": {"type": "bar"}, "encoding": {"color": {"field": "k", "type": "nominal",
                                                                       "scale": {"range": ["#4daf4a", "#377eb8"]}}}}]}
    celler, stolper = utskrift.spesifikasjon(spec)["layer"]
    skala = celler["encoding"]["color"]["scale"]
    assert skala["domain"] == [0, 15] and skala["scheme"] == utskrift.VARME and "range" not in skala
    assert celler["mark"]["stroke"] != "white"
    farger = stolper["encoding"]["color"]["scale"]["range"]
    assert farger == list(utskrift.BLAATONER[:2]) and stolper["mark"]["stroke"]


def test_liten_tekst_gir_smalere_diagram():
    from stadkraft.kunnskapsgrunnlag import utskrift
    svg = '<svg width="900" height="500"><text font-size="11px">A</text></svg>'
    assert utskrift.minste_pt(svg, 493, 425) == pytest.approx(11 * 493 / 900)   # about 6 pt
    smalere = utskrift.smalere({"width": 800, "height": 400}, svg, 493, 425)
    assert smalere["width"] < 800 and smalere["height"] == 400
    assert utskrift.smalere({"width": 300}, '<svg width="400" height="300"><text font-size="11px">A</text></svg>',
                            493, 425) is None


# --- The pack follows the view: period, edited similar municipalities, added municipalities -------

def test_pakken_folger_visningen(ekte):
    from stadkraft.kunnskapsgrunnlag import innhold
    g = innhold.lag(kommune="5014", fra=2010, til=2016, liknende=["5056", "9999", "5014"], sammenlign=["5055"])
    tabeller = {t.navn: t for t in g.tabeller}
    nokkel = tabeller["nokkeltall"].data
    assert "Befolkningsendring 2010–2016" in nokkel.iloc[:, 0].tolist()
    assert "Heim" in tabeller["befolkning_sammenligning"].data.to_string()          # ?sammenlign=5055
    indeks = next(f for f in g.figurer if f.navn == "befolkning_indeks").data
    assert "5055" in set(indeks["kode"]) and indeks["aar"].min() == 2010 and indeks["aar"].max() == 2016
    egne = next(t for t in g.tabeller if t.tittel == "Liknende kommuner (valgt av brukeren)")
    assert egne.data["Kommune"].tolist() == ["Frøya (valgt)", "Hitra"]             # unknown and itself dropped
    matrise = next(f for f in g.figurer if f.navn == "attraktivitet_matrise")
    assert set(matrise.data.loc[matrise.data["rolle"] != "annen", "navn"]) == {"Frøya", "Heim"}
    assert matrise.tittel == "Attraktivitet 2010–2016"                              # the chosen period
    # Without a view: the computed ten and the standard period of the reports.
    g = innhold.lag(kommune="5014")
    assert any(t.tittel == "Liknende kommuner" and len(t.data) == 11 for t in g.tabeller)


def test_attraktivitetsperioden():
    from stadkraft.kunnskapsgrunnlag.innhold import attraktivitetsperiode
    assert attraktivitetsperiode(2000, 2020, None) == (2007, 2017)
    assert attraktivitetsperiode(2000, 2020, (2010, 2016)) == (2010, 2016)
    assert attraktivitetsperiode(2009, 2020, (2001, None)) == (2009, 2020)
    assert attraktivitetsperiode(2009, 2014, (2016, 2018)) == (2009, 2014)   # outside: the standard, clamped


# --- Earlier workshop results: only the published, agreed ones ------------------------------------

def test_workshopresultater_i_pakken(ekte, monkeypatch, tmp_path):
    from datetime import date

    import stadkraft.verktoy.kapasitet as kap
    from stadkraft.kunnskapsgrunnlag import innhold
    from stadkraft.workshop.lager import glem_lager, lager_fra_miljo
    from stadkraft.workshop.modell import Enhet, Fase

    monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "workshop.duckdb"))
    glem_lager()
    lager = lager_fra_miljo()
    froya = Enhet.kommune("5014", "Frøya")

    def plenum(tittel, dato, felles, publiser):
        ny = lager.opprett_okt("kapasitet", froya, tittel, dato)
        for i, svar in enumerate((1, 5, 2)):   # individual answers: never in the pack
            lager.send_svar(ny.okt.kode, f"deltaker-{i:04d}", {k: svar for k in kap.NOKLER})
        for fase in (Fase.STENGT, Fase.VIST, Fase.KONSENSUS):
            lager.set_fase(ny.okt.kode, ny.token, fase)
        lager.sett_konsensus(ny.okt.kode, ny.token, {k: felles for k in kap.NOKLER})
        if publiser:
            lager.publiser(ny.okt.kode, ny.token)

    try:
        plenum("Kommunestyret samlet", date(2024, 3, 1), 4, publiser=True)
        plenum("Ikke publisert", date(2025, 3, 1), 3, publiser=False)
        lager.egenvurdering("kapasitet", froya, "Rådmannens vurdering", date(2025, 6, 1),
                            {k: 2 for k in kap.NOKLER}, publiser=True)
        s = innhold._workshop("Frøya", "5014", None)
        tabeller = [d for d in s.deler if isinstance(d, innhold.Tabell)]
        assert [t.tittel.split(":")[1].split("(")[0].strip() for t in tabeller] == [
            "Kommunestyret samlet", "Rådmannens vurdering"]                 # the unpublished one left out
        workshop, egen = tabeller
        assert set(workshop.data["Felleskarakter"]) == {"4"} and "omforent resultat i plenum" in workshop.kilde
        assert "(workshop, 01.03.2024)" in workshop.tittel
        assert set(egen.data["Karakter"]) == {"2"} and "egenvurdering" in egen.kilde and "plenum" not in egen.kilde
        assert "(egenvurdering, 01.06.2025)" in egen.tittel
        tekst = " ".join(t.data.to_string() for t in tabeller)
        assert "5" not in tekst.replace("2025", "") and "1" not in set(workshop.data["Felleskarakter"])

        # More than three published: the latest three, and a sentence on the rest.
        for aar in (2021, 2022, 2023):
            lager.egenvurdering("kapasitet", froya, f"Runde {aar}", date(aar, 1, 1), {k: 3 for k in kap.NOKLER},
                                publiser=True)
        s = innhold._workshop("Frøya", "5014", None)
        titler = [d.tittel for d in s.deler if isinstance(d, innhold.Tabell)]
        assert len(titler) == 3 and "Runde 2021" not in " ".join(titler) and "Rådmannens vurdering" in titler[-1]
        assert any("2 eldre publiserte resultater" in d.tekst for d in s.deler if isinstance(d, innhold.Avsnitt))

        pdf, _, _ = lag_pakke(kommune="5014", med_zip=False)       # still within 8-15 pages
        assert 8 <= len(pdfium.PdfDocument(pdf)) <= 15
        assert "Rådmannens vurdering" in " ".join(" ".join(_sider(pdf)).split())
    finally:
        glem_lager()


def test_siste_okter():
    from stadkraft.kunnskapsgrunnlag.innhold import siste_okter
    assert siste_okter([1, 2, 3, 4, 5]) == ([3, 4, 5], 2)
    assert siste_okter([1, 2]) == ([1, 2], 0)


def test_regionraad_og_komponentaar_i_pakken(ekte):
    from stadkraft.diagram import vekst as dv
    from stadkraft.kunnskapsgrunnlag import innhold
    assert innhold.regionraad_for("3320") == ["Hallingdal"] and innhold.regionraad_for("5014") == []
    g = innhold.lag(kommune="3320")   # Flå: BA region and regional council side by side
    nokkel = g.tabeller[0].data.set_index("")["Verdi"]
    assert nokkel["Regionråd"] == "Hallingdal" and "Bo- og arbeidsmarkedsregion (NIBR 2020)" in nokkel.index
    # The components' caption names the years the bars cover, not the period asked for.
    komp = pd.DataFrame({"aar": [2012, 2016], "komponent": ["Fødte", "Fødte"], "verdi": [1, 2]})
    assert "per år 2012–2016," in dv.beskrivelse_komponenter(komp, "Frøya", 2012, 2022)
