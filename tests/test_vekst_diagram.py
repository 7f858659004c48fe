"""Chart builders for the Vekst page, tested through their specs (and one offline render)."""
import json

import pandas as pd
import pytest

from stadkraft import eksport
from stadkraft.beregning import befolkningsendring as be
from stadkraft.beregning import omstilling, rangering
from stadkraft.diagram import kart, stil
from stadkraft.diagram import vekst as dv


def _serie():
    rader = []
    for gruppe, kode, navn, rekk, verdier, est in [
        ("kommune", "5014", "Frøya", 1, [4052, 4500, 4937], [0, 0, 0]),
        ("land", "Norge", "Norge", 5, [1000, 1050, 1100], [1, 1, 1]),
    ]:
        for aar, v, e in zip([2007, 2012, 2017], verdier, est):
            rader.append(("befolkning", rekk, gruppe, kode, navn, aar, v, e, 0, 1))
    return pd.DataFrame(rader, columns=["maal", "rekkefolge", "gruppe", "kode", "navn", "aar", "verdi",
                                        "n_estimat", "n_mangler", "n_kommuner"])


def _lag(spec):
    return spec.get("layer", [spec])


def test_indeksserie_og_diagram():
    s = dv.indeksserie(_serie(), 2007)
    f = s[s["gruppe"] == "kommune"]
    assert f["indeks"].tolist() == pytest.approx([100.0, 4500 / 4052 * 100, 4937 / 4052 * 100])
    assert s[s["gruppe"] == "land"]["anslag"].all()
    beskrivelse = dv.beskrivelse_indeks(s, "befolkning", 2007, 2017)
    assert "Frøya 121,8" in beskrivelse and "Norge 110,0" in beskrivelse
    spec = dv.indeksdiagram(s, "Befolkning", beskrivelse).to_dict()  # validates against the schema
    assert spec["description"] == beskrivelse
    assert spec["config"]["locale"]["number"] == {"decimal": ",", "thousands": "\u00a0", "grouping": [3],
                                                  "currency": ["", "\u00a0kr"], "minus": "\u2212"}
    lag = _lag(spec)
    merker = [l["mark"]["type"] if isinstance(l["mark"], dict) else l["mark"] for l in lag]
    assert merker == ["rule", "line", "point", "line", "point"]  # the selected one drawn again, last
    assert lag[0]["encoding"]["y"] == {"datum": 100}
    data = spec["datasets"][spec["data"]["name"]]
    assert {d["navn"] for d in data if d["valgt"]} == {"Frøya"}
    assert lag[2]["encoding"]["fill"]["condition"]["test"] == "datum.anslag"
    assert {d["anslagstekst"] for d in data} == {"ja", "nei"}  # the tooltip in Norwegian


def _karasjok():
    # Karasjok is its own BA region: the two lines are equal, and the municipality must stay on top.
    rader = []
    for gruppe, navn, rekk, verdier, est in [
        ("kommune", "Karasjok", 1, [100, 98, 96], [0, 1, 0]), ("fylke", "Finnmark", 2, [100, 101, 102], [0, 0, 0]),
        ("region", "BA-region Karasjok", 4, [100, 98, 96], [0, 1, 0]), ("land", "Norge", 5, [100, 103, 106], [0] * 3),
        ("annen", "Alta", 6, [100, 104, 108], [0] * 3), ("annen", "Tana", 6, [None] * 3, [0] * 3),
    ]:
        for aar, v, e in zip([2007, 2012, 2017], verdier, est):
            rader.append(("befolkning", rekk, gruppe, navn, navn, aar, v, e, 0, 1))
    return dv.indeksserie(pd.DataFrame(rader, columns=["maal", "rekkefolge", "gruppe", "kode", "navn", "aar",
                                                       "verdi", "n_estimat", "n_mangler", "n_kommuner"]), 2007)


def test_indeksdiagram_har_egne_farger_og_valgt_overst():
    spec = dv.indeksdiagram(_karasjok(), "Befolkning", "b").to_dict()
    lag = _lag(spec)
    # Explicit colours, not the theme's: the screen (Streamlit theme) and PNG/SVG (vl-convert) agree.
    farge = lag[1]["encoding"]["color"]
    assert farge["scale"]["range"] == [stil.VALGT_FARGE, stil.GRUPPEFARGER["fylke"], stil.GRUPPEFARGER["region"],
                                       stil.GRUPPEFARGER["land"], stil.ANDRE_FARGER[0]]
    assert farge["sort"] == {"field": "orden", "op": "min"}
    assert lag[2]["encoding"]["fill"]["scale"] == farge["scale"]  # the points' fill follows the lines
    data = spec["datasets"][spec["data"]["name"]]
    orden = {d["navn"]: d["orden"] for d in data}
    assert orden == {"Karasjok": 0, "Finnmark": 1, "BA-region Karasjok": 2, "Norge": 3, "Alta": 4}  # Tana: no data
    # The selected municipality is the last layers, in its own colour, over the equal BA-region line.
    assert lag[3]["transform"] == [{"filter": "datum.valgt"}] and lag[3]["mark"]["color"] == stil.VALGT_FARGE
    assert lag[3]["mark"]["strokeWidth"] > lag[1]["mark"]["strokeWidth"]


def test_indeksdiagram_eksport_med_samme_farger_og_hule_punkter():
    import re
    svg = eksport.diagram_svg(dv.indeksdiagram(_karasjok(), "Befolkning", "b"))
    farger = {f.lower() for f in re.findall(r'(?:stroke|fill)="(#[0-9a-fA-F]{6})"', svg)}
    assert {stil.VALGT_FARGE, stil.GRUPPEFARGER["fylke"], stil.ANDRE_FARGER[0]} <= farger
    assert "#4c78a8" not in farger  # Vega's default first colour: the export is not using its palette
    # The estimate (2012) is a white point with a coloured ring, visible in the export.
    hule = re.findall(r'<path[^>]*fill="(?:#fff|#ffffff|white)"[^>]*stroke="#c8102e"[^>]*>', svg)
    assert hule, "hollow estimate points in the export"


def test_komponentdiagram():
    komp = pd.DataFrame({"aar": [2015, 2015, 2015], "komponent": ["Fødte", "Døde", "Netto innvandring"],
                         "rekkefolge": [1, 2, 4], "verdi": [50, -40, 30], "kilde": ["ssb"] * 3})
    beskrivelse = dv.beskrivelse_komponenter(komp, "Frøya", 2015, 2016)
    assert "fødte +50, døde \u221240, netto innvandring +30" in beskrivelse
    spec = dv.komponentdiagram(komp, "Komponenter", beskrivelse).to_dict()
    stolper = _lag(spec)[0]
    assert stolper["encoding"]["y"]["stack"] == "zero"
    assert stolper["encoding"]["color"]["scale"]["domain"] == ["Fødte", "Døde", "Netto innvandring"]
    assert spec["description"] == beskrivelse


def test_rangering_og_plassering():
    alle = pd.DataFrame({
        "kommunenummer": ["a", "b", "c"], "navn": ["A", "B", "C"], "sentralitetsklasse": [1, 1, 2],
        "befolkning_prosent": [5.0, 10.0, None], "folk_estimat": [True, False, False],
        "syss_estimat": [False] * 3})
    r = rangering.ranger(alle, "befolkning_prosent")
    plass = dv.plassering(r, "befolkning_prosent", "a")
    assert (plass["rang"], plass["antall"], plass["klasserang"], plass["klasseantall"]) == (2, 2, 2, 2)
    assert plass["verdi_tekst"] == "+5,0\u00a0%" and plass["estimat"]
    assert dv.plassering(r, "befolkning_prosent", "c") == {"rang": None}
    beskrivelse = dv.beskrivelse_rangering(plass, "Befolkningsvekst, prosent", 2007, 2017)
    assert "nr. 2 av 2" in beskrivelse
    spec = dv.rangeringsdiagram(r, "befolkning_prosent", "a", "Rangering", beskrivelse).to_dict()
    data = spec["datasets"][spec["data"]["name"]]
    assert len(data) == 2  # the municipality without a value is left out
    assert [d["valgt"] for d in data] == [True, False]


def test_omstillingsdiagram_merker_flagg():
    syss = pd.DataFrame({"aar": [2010, 2013] * 2, "naering": ["00-99", "00-99", "10-33", "10-33"],
                         "sysselsatte": [1000, 900, 400, 200], "kilde": ["ssb"] * 4})
    s = omstilling.skjerm(syss)
    sam = omstilling.sammendrag(s)
    beskrivelse = dv.beskrivelse_omstilling(s, sam, 15, 150)
    assert "1 celle krysser begge" in beskrivelse and "Industri 2010–2013: 200 personer, 20,0\u00a0%" in beskrivelse
    spec = dv.omstillingsdiagram(s, 15, "Omstilling", beskrivelse).to_dict()
    data = next(iter(spec["datasets"].values()))
    merker = {(d["naeringsnavn"], d["vindu"]): d["merke"] for d in data}
    assert merker == {("Alle næringer", "2010–2013"): "", ("Industri", "2010–2013"): "●"}


def test_ostbykart_har_kategorienes_farger_og_hele_landet():
    grenser = pd.DataFrame({
        "kommunenummer": ["5014", "5056"], "navn": ["Frøya", "Hitra"], "fylkesnummer": ["50", "50"],
        "geometri": [json.dumps({"type": "Polygon", "coordinates": [[[8, 63], [9, 63], [9, 64], [8, 63]]]})] * 2,
        "min_lon": [8, 8], "min_lat": [63, 63], "max_lon": [9, 9], "max_lat": [64, 64],
        "senter_lon": [8.5, 8.6], "senter_lat": [63.5, 63.6]})
    fylker = pd.DataFrame({"fylkesnummer": ["50"], "fylkesnavn": ["Trøndelag"], "geometri": [grenser.geometri[0]]})
    v = pd.DataFrame({"kommunenummer": ["5014", "5056"], "ostby": [be.NEDGANG, None],
                      "befolkning_personer": [-5.0, None], "folk_estimat": [True, False]})
    verdier = dv.ostby_kartverdier(v)
    assert verdier["farge"].tolist() == [list(stil.OSTBY_FARGER[be.NEDGANG]), list(stil.MANGLER_FARGE)]
    assert verdier["verdi_tekst"][0] == "Nedgang: \u22125 personer (anslag)"
    assert verdier["verdi_tekst"][1] == "Mangler data for perioden"
    spec = json.loads(kart.kommunekart(grenser, verdier, kart.geometrifiler(grenser, fylker).adresser(), "5014",
                                       hele_landet=True).to_json())
    farger = json.loads(spec["layers"][0]["getFillColor"][len("@@=("):-len(")[properties.i]")])
    assert farger == [list(stil.OSTBY_FARGER[be.NEDGANG]), list(stil.MANGLER_FARGE)]
    utsyn = spec["initialViewState"]
    assert (utsyn["latitude"], utsyn["zoom"]) == (65.0, 3.4)  # all of Norway, the selected one outlined
    assert [lag["id"] for lag in spec["layers"]] == ["kommuner", "fylker", "navn", "valgt"]


def test_skjelettet_gjenbrukes_uendret():
    a = dv.indeksdiagram(dv.indeksserie(_serie(), 2007), "A", "a")
    b = dv.indeksdiagram(dv.indeksserie(_serie(), 2012), "B", "b")
    assert a.to_dict()["description"] == "a" and b.to_dict()["description"] == "b"
    assert a.to_dict()["datasets"] != b.to_dict()["datasets"]
    assert dv._indeks_skjelett(stil.linjefarger(["kommune", "land"])).to_dict(validate=False).get("description") is None


def test_png_og_svg_offline_med_norske_tall():
    komp = pd.DataFrame({"aar": [2015, 2015], "komponent": ["Fødte", "Døde"], "rekkefolge": [1, 2],
                         "verdi": [1500, -1200], "kilde": ["ssb"] * 2})
    diagram = dv.komponentdiagram(komp, "Komponenter", "beskrivelse")
    svg = eksport.diagram_svg(diagram)
    assert svg.startswith("<svg")
    assert ">1\u00a0000<" in svg and ">\u22121\u00a0000<" in svg  # the axis in Norwegian style
    png = eksport.diagram_png(diagram)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_komponentdiagram_merker_anslag():
    komp = pd.DataFrame({"aar": [2015, 2015, 2016, 2016], "komponent": ["Fødte", "Døde"] * 2,
                         "rekkefolge": [1, 2, 1, 2], "verdi": [50, -40, 45, -42],
                         "kilde": ["estimat", "estimat", "ssb", "ssb"]})
    beskrivelse = dv.beskrivelse_komponenter(komp, "Hitra", 2015, 2017)
    assert beskrivelse.endswith("Bleke stolper er anslag (2015).")
    assert "anslag" not in dv.beskrivelse_komponenter(komp.assign(kilde="ssb"), "Hitra", 2015, 2017)
    spec = dv.komponentdiagram(komp, "Komponenter", beskrivelse).to_dict()
    stolper = _lag(spec)[0]
    assert stolper["encoding"]["opacity"]["condition"]["test"] == "datum.anslag"
    assert stolper["encoding"]["opacity"]["value"] == 1.0
    assert {"field": "kildetekst", "type": "nominal", "title": "Kilde"} in stolper["encoding"]["tooltip"]
    data = spec["datasets"][spec["data"]["name"]]
    assert [(d["aar"], d["anslag"], d["kildetekst"]) for d in data][::2] == [(2015, True, "anslag"),
                                                                             (2016, False, "SSB")]


def test_indeksdiagram_merker_brudd_med_strek_og_tooltip():
    s = dv.indeksserie(_serie(), 2007)
    brudd = {2012: "Ny definisjon i 2012."}
    beskrivelse = dv.beskrivelse_indeks(s, "sysselsetting", 2007, 2017, brudd)
    assert "Stiplet loddrett strek markerer brudd i serien (2011–2012)" in beskrivelse
    spec = dv.indeksdiagram(s, "Sysselsetting", beskrivelse, brudd).to_dict()
    lag = _lag(spec)
    regel = next(l for l in lag if l["mark"]["type"] == "rule" and l.get("transform"))
    assert regel["mark"]["strokeDash"] and regel["encoding"]["x"]["field"] == "x"
    assert {"calculate": "datum.aar - 0.5", "as": "x"} in regel["transform"]
    assert [t["field"] for t in regel["encoding"]["tooltip"]] == ["mellom", "brudd"]
    data = spec["datasets"][spec["data"]["name"]]
    assert {d["aar"]: d["brudd"] for d in data if d.get("brudd")} == {2012: "Ny definisjon i 2012."}
    # A break outside the data is not drawn, and no break means no rule layers at all.
    uten = dv.indeksdiagram(s, "S", "b", {2030: "x"}).to_dict()
    assert not any(l.get("transform") for l in _lag(uten) if l["mark"]["type"] == "rule")


def test_omstillingsdiagram_rammer_vinduer_over_brudd():
    syss = pd.DataFrame({"aar": [2013, 2014, 2016, 2017], "naering": ["00-99"] * 4,
                         "sysselsatte": [1000, 1000, 900, 800], "kilde": ["ssb"] * 4})
    s = omstilling.skjerm(syss, brudd={2015: "A-ordningen."})
    sam = omstilling.sammendrag(s)
    beskrivelse = dv.beskrivelse_omstilling(s, sam, 15, 150)
    assert "Vinduer over brudd i sysselsettingsserien (stiplet ramme" in beskrivelse and "2013–2016, 2014–2017" in beskrivelse
    spec = dv.omstillingsdiagram(s, 15, "Omstilling", beskrivelse).to_dict()
    ramme = _lag(spec)[-1]
    assert ramme["transform"] == [{"filter": "datum.over_brudd"}] and ramme["mark"]["strokeDash"]
    assert ramme["encoding"]["tooltip"][-1] == {"field": "bruddtekst", "type": "nominal", "title": "Brudd i serien"}
    data = next(iter(spec["datasets"].values()))
    assert {d["vindu"]: d["bruddtekst"] for d in data} == {"2013–2016": "2014–2015: A-ordningen.",
                                                          "2014–2017": "2014–2015: A-ordningen."}


def test_spesifikasjonen_er_den_altair_selv_skriver():
    # The fast to_dict (the skeleton's validated spec plus data) gives exactly Altair's own spec.
    for diagram in (dv.indeksdiagram(dv.indeksserie(_serie(), 2007), "A", "a", {2012: "b"}),
                    dv.komponentdiagram(pd.DataFrame({"aar": [2015], "komponent": ["Fødte"], "rekkefolge": [1],
                                                      "verdi": [5], "kilde": ["ssb"]}), "K", "k")):
        assert diagram.to_dict() == type(diagram).to_dict(diagram)
        assert json.loads(diagram.to_json()) == json.loads(type(diagram).to_json(diagram))
