"""Kapasitetsdiamanten: components and texts, group statistics, the radar chart's geometry,
alt text, and the exports (CSV, PNG/SVG, one-page PDF)."""
from __future__ import annotations

import io
import re
import math
import zlib
from datetime import date

import pandas as pd
import pytest

import stadkraft.verktoy.kapasitet as kap
from stadkraft import eksport
from stadkraft.workshop import Enhet, Fase, Skaar, Tiltak, verktoy
from stadkraft.workshop import rapport
from stadkraft.workshop.deling import app_base, delta_lenke, er_lokal_adresse, leder_lenke, qr_svg
from stadkraft.workshop.modell import ENHETSTYPER, Okt
from stadkraft.workshop.ui import antall_tekst


# --- Components --------------------------------------------------------------------------------------

def test_fem_komponentar_i_kjeldas_rekkjefolgje():
    assert [k.navn for k in kap.KOMPONENTER] == [
        "Utviklingsleiing", "Utviklingskompetanse", "Utviklingskultur", "Utviklingsøkonomi", "Tidsressursar"]
    assert [k.nr for k in kap.KOMPONENTER] == [1, 2, 3, 4, 5]
    for k in kap.KOMPONENTER:
        assert k.forklaring and k.sporsmal.endswith("?")
    assert verktoy("kapasitet").nokler == kap.NOKLER
    assert kap.skalaetikett(1) == "1 – svært dårleg" and kap.skalaetikett(5) == "5 – svært god"
    assert kap.skalaetikett(3) == "3"        # the source anchors only the end points
    assert kap.KILDE.startswith("Kilde: Distriktssenteret 2018")       # running text is bokmål
    assert kap.KILDE_KORT == "Kilde: Distriktssenteret 2018"
    assert ENHETSTYPER["sted"] == "Sted / bygd"


def test_overskrift_seier_ikkje_namnet_to_gonger():
    assert kap.overskrift("Kapasitetsdiamanten") == "Kapasitetsdiamanten"
    assert kap.overskrift(" kapasitetsdiamanten ") == "kapasitetsdiamanten"
    assert kap.overskrift("Kapasitetsdiamanten 2025") == "Kapasitetsdiamanten 2025"
    assert kap.overskrift("Workshop på Ål") == "Kapasitetsdiamanten: Workshop på Ål"
    assert kap.er_standardtittel("KAPASITETSDIAMANTEN") and not kap.er_standardtittel("Workshop")


def test_antall_tekst():
    assert antall_tekst(1, "begrunnelse", "begrunnelser") == "1 begrunnelse"
    assert antall_tekst(2, "begrunnelse", "begrunnelser") == "2 begrunnelser"
    assert antall_tekst(0, "økt", "økter") == "0 økter"
    assert antall_tekst(1, "økt", "økter") == "1 økt"


# --- Statistics --------------------------------------------------------------------------------------

def svar(**per_komponent) -> pd.DataFrame:
    return pd.DataFrame([{"element": k, "verdi": v} for k, vs in per_komponent.items() for v in vs])


def test_median_og_spreiing():
    o = kap.oppsummer(svar(utviklingsleiing=[1, 2, 4, 5], utviklingskompetanse=[3, 3, 3],
                           utviklingskultur=[2, 3, 3, 4]))
    o = o.set_index("nokkel")
    assert o.loc["utviklingsleiing", "median"] == 3.0         # even count: middle of 2 and 4
    assert (o.loc["utviklingsleiing", "min"], o.loc["utviklingsleiing", "maks"]) == (1, 5)
    assert o.loc["utviklingsleiing", "spenn"] == 4
    assert o.loc["utviklingsleiing", "avvik"] == pytest.approx(1.5)   # (2+1+1+2)/4
    assert o.loc["utviklingsleiing", "fordeling"] == [1, 1, 0, 1, 1]
    assert o.loc["utviklingskompetanse", "spenn"] == 0 and o.loc["utviklingskompetanse", "avvik"] == 0
    assert o.loc["tidsressursar", "n"] == 0 and math.isnan(o.loc["tidsressursar", "median"])
    assert kap.talltekst(3.5) == "3,5" and kap.talltekst(3.0) == "3"
    assert kap.spredningstekst(o.loc["utviklingsleiing"]) == "1–5"
    assert kap.spredningstekst(o.loc["utviklingskompetanse"]) == "alle 3"


def test_usemje_markert_for_diskusjon():
    o = kap.oppsummer(svar(
        utviklingsleiing=[1, 1, 5, 5],       # split room: avvik 2
        utviklingskompetanse=[2, 3, 3, 4],   # spenn 2, avvik 0.5
        utviklingskultur=[3, 3, 3, 3],       # agreement
        utviklingsokonomi=[1, 3, 3, 5],      # spenn 4, avvik 1
        tidsressursar=[3, 4, 4, 4],          # spenn 1: never marked
    )).set_index("nokkel")
    assert list(o.index[o["diskuter"]]) == ["utviklingsleiing", "utviklingsokonomi"]
    alle_samde = kap.oppsummer(svar(**{k: [3, 3, 4] for k in kap.NOKLER}))
    assert not alle_samde["diskuter"].any()


# --- The radar chart's geometry ----------------------------------------------------------------------------

def lagdata(spec: dict, namn: str) -> list[dict]:
    lag = next(l for l in spec["layer"] if l.get("name") == namn)
    return spec["datasets"][lag["data"]["name"]]


def test_komponent_1_oppe_og_med_klokka():
    assert kap.vinkel(0) == 90
    assert kap.punkt(0, 5) == pytest.approx((0.0, 5.0))
    x, y = kap.punkt(1, 5)                         # component 2: upper right
    assert x > 0 and y > 0
    x, y = kap.punkt(4, 5)                         # component 5: upper left
    assert x < 0 and y > 0


def test_diamant_geometri_fra_spesifikasjonen():
    verdiar = {"utviklingsleiing": 4, "utviklingskompetanse": 2, "utviklingskultur": 5,
               "utviklingsokonomi": 1, "tidsressursar": 3}
    spec = kap.diamant([kap.Serie("Felleskarakter", verdiar)]).to_dict()
    punkt = lagdata(spec, "serie")
    assert len(punkt) == 6 and punkt[0]["komponent"] == "Utviklingsleiing"
    assert (punkt[0]["x"], punkt[0]["y"]) == pytest.approx((0.0, 4.0))      # component 1 straight up
    assert (punkt[-1]["x"], punkt[-1]["y"]) == pytest.approx((0.0, 4.0))    # the line is closed
    for i, p in enumerate(punkt[:5]):
        assert math.hypot(p["x"], p["y"]) == pytest.approx(p["verdi"])      # score = radius
        assert math.degrees(math.atan2(p["y"], p["x"])) % 360 == pytest.approx((90 - 72 * i) % 360)
    assert [p["komponent"] for p in punkt[:5]] == [k.navn for k in kap.KOMPONENTER]

    ringar = pd.DataFrame(lagdata(spec, "ringer"))
    assert sorted(ringar["ring"].unique()) == [1, 2, 3, 4, 5]
    for ring, rader in ringar.groupby("ring"):
        assert len(rader) == 6                                               # closed pentagon
        assert all(math.hypot(x, y) == pytest.approx(ring) for x, y in zip(rader["x"], rader["y"]))
    eiker = lagdata(spec, "eiker")
    assert (eiker[0]["x2"], eiker[0]["y2"]) == pytest.approx((0.0, 5.0))

    # Equal scale on both axes, so the pentagon is not squashed.
    x_dom = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    y_dom = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert (x_dom[1] - x_dom[0]) / spec["width"] == pytest.approx((y_dom[1] - y_dom[0]) / spec["height"], rel=0.01)


def test_diamant_overlegg_og_spreiing():
    o = kap.oppsummer(svar(**{k: [2, 3, 5] for k in kap.NOKLER}))
    seriar = kap.serier(o, {k: 3 for k in kap.NOKLER}, [("År 1", {k: 2 for k in kap.NOKLER})], "År 3")
    assert [(s.navn, s.stil) for s in seriar] == [
        ("År 1", "tidligere"), ("Median År 3", "median"), ("Felleskarakter År 3", "konsensus")]
    spec = kap.diamant(seriar, kap.spredning_fra(o)).to_dict()
    band = lagdata(spec, "spredning")
    assert len(band) == 5
    assert (band[0]["y"], band[0]["y2"]) == pytest.approx((2.0, 5.0))        # lowest to highest on the spoke
    farge = next(l for l in spec["layer"] if l.get("name") == "serie")["encoding"]["color"]
    assert farge["scale"]["domain"] == ["År 1", "Median År 3", "Felleskarakter År 3"]
    dash = next(l for l in spec["layer"] if l.get("name") == "serie")["encoding"]["strokeDash"]
    assert dash["scale"]["range"][2] != [1, 0]                                # earlier rounds dashed


def test_alt_tekst():
    o = kap.oppsummer(svar(utviklingsleiing=[4, 4, 5], utviklingskompetanse=[1, 3, 5],
                           utviklingskultur=[3, 3, 3], utviklingsokonomi=[2, 2, 2], tidsressursar=[3, 3, 4]))
    tekst = kap.alt_tekst(o, {k: 3 for k in kap.NOKLER}, [("År 1", {k: 2 for k in kap.NOKLER})])
    assert "3 svar" in tekst and "høyest for Utviklingsleiing (4)" in tekst
    assert "lavest for Utviklingsøkonomi (2)" in tekst
    assert "Størst uenighet om Utviklingskompetanse" in tekst
    assert "Endring fra År 1: Utviklingsleiing +1" in tekst
    lik = kap.oppsummer(svar(**{k: [3, 3, 3] for k in kap.NOKLER}))
    assert "lik for alle komponentene (3)" in kap.alt_tekst(lik)


# --- Links and QR ----------------------------------------------------------------------------------------

def test_lenker_og_qr():
    assert app_base("http://10.0.0.5:8501/kapasitet-leiar") == "http://10.0.0.5:8501"
    assert app_base("https://k.no/stadkraft/kapasitet-leiar/") == "https://k.no/stadkraft"
    assert app_base(None) == "http://localhost:8501"
    assert app_base("https://k.no/stadkraft/bli-med") == "https://k.no/stadkraft"
    assert app_base("https://k.no/stadkraft/kapasitet") == "https://k.no/stadkraft"
    assert app_base("http://10.0.0.5:8501/kapasitet-delta") == "http://10.0.0.5:8501"       # old addresses
    assert delta_lenke("https://k.no", "AB2CD") == "https://k.no/bli-med?kode=AB2CD"        # one join page
    assert leder_lenke("https://k.no/", "kapasitet", "AB2CD", "t-1") == "https://k.no/kapasitet?kode=AB2CD&token=t-1"
    for lokal in ("http://localhost:8501", "http://LOCALHOST:8501/x", "http://127.0.0.1:8501",
                  "http://127.0.1.1", "http://[::1]:8501", "http://0.0.0.0:8501", "http://app.localhost"):
        assert er_lokal_adresse(lokal), lokal
    for ute in ("http://10.0.0.5:8501", "https://k.no/stadkraft", "http://192.168.1.20:8501",
                "http://localhost.example.no", None, "", "http://[ugyldig"):
        assert not er_lokal_adresse(ute), ute
    svg = qr_svg("https://k.no/bli-med?kode=AB2CD")
    assert svg.startswith("<svg") and 'fill="white"' in svg


# --- Exports --------------------------------------------------------------------------------------------------

@pytest.fixture
def okt():
    return Okt(id="x", type="kapasitet", kode="AB2CD", tittel="Workshop – Ål", enhet=Enhet.kommune("3328", "Ål"),
               dato=date(2025, 3, 1), etikett="År 3", fase=Fase.KONSENSUS, min_svar=3, opprettet=None)


@pytest.fixture
def ramme():
    rader = []
    for i, d in enumerate(["deltakar-b", "deltakar-a", "deltakar-c"]):
        for k in kap.NOKLER:
            rader.append([d, "politiker" if i == 0 else None, "mobil", None, k, i + 2, None,
                          "Lite tid − mykje å gjere" if k == "tidsressursar" else None, None])
    from stadkraft.workshop.lager import SVARKOLONNER
    return pd.DataFrame(rader, columns=SVARKOLONNER)


def test_csv(okt, ramme):
    tekst = rapport.svar_csv(okt, ramme).decode("utf-8-sig")
    lest = pd.read_csv(io.StringIO(tekst), sep=";")
    assert len(lest) == 15 and list(lest["deltaker"].unique()) == ["D01", "D02", "D03"]
    assert "deltakar-a" not in tekst                                 # random ids are not exported
    assert list(lest["komponent"][:5]) == [k.navn for k in kap.KOMPONENTER]
    assert "Lite tid − mykje å gjere" in tekst
    o = kap.oppsummer(ramme.rename(columns={}))
    semje = {k: Skaar(k, 3, None, "einige") for k in kap.NOKLER}
    s = pd.read_csv(io.StringIO(rapport.konsensus_csv(okt, o, semje).decode("utf-8-sig")), sep=";", decimal=",")
    assert list(s["felleskarakter"]) == [3] * 5 and list(s["median"]) == [3.0] * 5
    t = rapport.tiltak_csv(okt, [Tiltak("Kurs i prosessleiing", "HR", date(2025, 6, 1), "utviklingsleiing", 1)])
    assert "Kurs i prosessleiing;HR;2025-06-01" in t.decode("utf-8-sig")
    # Bokmål headers with proper letters; component names and roles keep the tool's words.
    hovud = ["kode", "enhet", "tittel", "dato", "runde"]
    assert list(lest.columns) == hovud + ["deltaker", "rolle", "kilde", "komponent", "karakter", "begrunnelse"]
    assert list(s.columns) == hovud + ["komponent", "svar", "median", "laveste", "høyeste", "diskuter",
                                       "felleskarakter", "merknad"]
    assert list(s["merknad"]) == ["einige"] * 5
    tl = pd.read_csv(io.StringIO(t.decode("utf-8-sig")), sep=";")
    assert list(tl.columns) == hovud + ["nr", "komponent", "tiltak", "ansvar", "frist"]
    # One politician among the answers: the role is withheld, so no answer points at a person.
    assert set(lest["rolle"].dropna()) == {"skjult (færre enn 3)"} and set(lest["kilde"]) == {"mobil"}
    tom = pd.read_csv(io.StringIO(rapport.tiltak_csv(okt, []).decode("utf-8-sig")), sep=";")
    assert list(tom.columns) == list(tl.columns) and tom.empty
    assert rapport.filnavn(okt, "svar", "csv") == "kapasitet_al_2025-03-01_svar.csv"


def test_diagram_png_svg_og_pdf(okt, ramme):
    o = kap.oppsummer(ramme)
    semje = {k: Skaar(k, 3) for k in kap.NOKLER}
    diagram = kap.diamant(kap.serier(o, {k: 3 for k in kap.NOKLER}, navn_no="År 3"), kap.spredning_fra(o))
    png = rapport.diagram_png(diagram)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = eksport.diagram_svg(diagram, enhet="Frøya", kilde=kap.KILDE_KORT)
    assert svg.lstrip().startswith("<svg") and "Utviklingsleiing" in svg.replace("Utviklings-", "Utviklings")
    tiltak = [Tiltak(f"Tiltak {i} − styrke samarbeidet", "Ordførar", date(2025, 12, 1), "utviklingskultur", i)
              for i in range(30)]
    pdf = rapport.rapport_pdf(okt, o, semje, tiltak, diagram, {"politiker": 1, "": 2}, kap.alt_tekst(o))
    assert pdf[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1           # one page, even with 30 actions
    assert rapport.pdf_tekst("−3 – «Ål» … ✓") == "-3 – «Ål» … ?"


def pdf_tekst(pdf: bytes) -> str:
    """The text drawn on the PDF's pages (fpdf2 compresses each page's content stream)."""
    tekst = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            tekst.append(zlib.decompress(m.group(1)).decode("cp1252", "replace"))
        except zlib.error:
            continue
    # No «.*?» across the streams: an image's bytes hold many «(», and that search grew quadratic.
    return "".join(re.findall(r"\(((?:[^()\\]|\\.)*)\) Tj", "".join(tekst)))


def test_pdf_tittel_merknader_og_tankestrek(okt, ramme):
    o = kap.oppsummer(ramme)
    semje = {k: Skaar(k, 1 if k == "utviklingsleiing" else 3, None,
                      "Einige etter lang diskusjon" if k == "tidsressursar" else None) for k in kap.NOKLER}
    diagram = kap.diamant(kap.serier(o, {k: s.verdi for k, s in semje.items()}))
    standard = Okt(**{**okt.__dict__, "tittel": "Kapasitetsdiamanten"})
    tekst = pdf_tekst(rapport.rapport_pdf(standard, o, semje, [], diagram))
    assert "Kapasitetsdiamanten: Kapasitetsdiamanten" not in tekst and "Kapasitetsdiamanten" in tekst
    assert "Merknader til felleskarakteren" in tekst and "Einige etter lang diskusjon" in tekst
    assert "Skala 1–5" in tekst and "2–4" in tekst                      # en dash, as in the app
    assert "1 – svært dårleg" in tekst                                   # the score with its scale word
    assert "Kapasitetsdiamanten: Workshop – Ål" in pdf_tekst(rapport.rapport_pdf(okt, o, semje, [], diagram))

    # A self-assessment: scores and reasons, no median or spread.
    eigen = Okt(**{**okt.__dict__, "min_svar": 1})
    diagram = kap.diamant(kap.serier(None, {k: s.verdi for k, s in semje.items()}))
    tekst = pdf_tekst(rapport.rapport_pdf(eigen, None, semje, [], diagram))
    assert "egenvurdering" in tekst and "Begrunnelser" in tekst and "Median" not in tekst
