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
