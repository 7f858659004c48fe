"""The Attraktivitet page in AppTest: the real database, a period change, presentation mode, a region, and a
database without migration data."""
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

ROT = Path(__file__).resolve().parents[1]
SIDE = str(ROT / "pages" / "attraktivitet.py")


def side(db: Path, monkeypatch, **lenke) -> AppTest:
    monkeypatch.setenv("STADKRAFT_DB", str(db))
    at = AppTest.from_file(SIDE, default_timeout=120)
    for navn, verdi in lenke.items():
        at.query_params[navn] = verdi
    return at.run()


def tekst(at) -> str:
    return "\n".join(str(e.value) for e in [*at.info, *at.caption, *at.markdown, *at.warning])


def metrikker(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def lenke(at, navn: str) -> str:
    verdi = at.query_params[navn]
    return verdi if isinstance(verdi, str) else verdi[0]


def test_froya_2007_2017(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="5014", fra="2007", til="2017")
    assert not at.exception
    m = metrikker(at)
    assert m["Blant alle kommuner"] == "nr. 1 av 357"
    assert m["I sentralitetsklasse 6"] == "nr. 1 av 108"
    assert m["Klasse (samlet)"] == "Klart positiv"
    assert m["Samlet attraktivitet, % per år"].startswith("+1,")
    # Matrix, trail, annual values and two waterfalls, each described, each in the Norwegian locale.
    specs = [json.loads(d.proto.spec) for d in at.get("vega_lite_chart")]
    assert len(specs) == 5
    for spec in specs:
        assert spec.get("description") and spec["config"]["locale"]["number"]["decimal"] == ","
    t = tekst(at)
    assert "Bransjeeffekten er utelatt" in t          # the mirror has no employment by industry
    assert "2011–2018" in t and "07984" in t            # a document's period outside the data, and what fills it
    assert "Plass er en posisjon, ikke en karakter" in t
    assert "Telemarksforsking" in t
    # The method panel shows the fitted coefficients.
    koef = next(d.value for d in at.dataframe if "Koeffisient" in d.value.columns)
    assert len(koef) == 13 and koef["Ledd"].iloc[0] == "Konstant"


def test_periodebytte_i_lenken_og_forhandsvalg(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="5626", fra="2007", til="2017")
    assert not at.exception
    at.query_params["fra"] = "2011"
    at.run()
    assert not at.exception
    assert metrikker(at)["Blant alle kommuner"] == "nr. 1 av 357"   # Gamvik 2011-2017
    assert at.header[0].value == "Matrisen 2011–2017"
    # A preset writes the period to the URL.
    at.pills(key="_attr_forhandsvalg").set_value("Siste 3 år").run()
    assert not at.exception
    assert (lenke(at, "fra"), lenke(at, "til")) == ("2014", "2017")
    assert at.header[0].value == "Matrisen 2014–2017"


def test_lenke_utenfor_dataene_justeres(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, fra="2003", til="2026")
    assert not at.exception
    assert (lenke(at, "fra"), lenke(at, "til")) == ("2006", "2017")
    assert "justert til 2006–2017" in tekst(at)
    assert "Velg en kommune" in tekst(at)              # no municipality: the matrix and the ranking still show
    assert len(at.get("vega_lite_chart")) == 1


def test_filtre_i_lenken(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="5014", fylke="50", storrelse="0", sammenlign="5056")
    assert not at.exception
    beskrivelse = json.loads(at.get("vega_lite_chart")[0].proto.spec)["description"]
    merket = beskrivelse.split("Merket")[1]
    assert "Frøya" in merket and "Hitra" in merket and "Oslo" not in merket
    antall = int(beskrivelse.split("y-aksen, ")[1].split(" kommuner")[0])
    assert 30 < antall < 60                           # Trøndelag's municipalities only, every size
    assert lenke(at, "fylke") == "50" and lenke(at, "sammenlign") == "5056"


def test_region_hallingdal_med_kommunene(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, region="regionraad-hallingdal", fra="2007", til="2017")
    assert not at.exception
    assert "Hallingdal og kommunene i regionen" in [h.value for h in at.header]
    # The region's point on the matrix, its six members labelled beside it (Flå too, under 1 000 inhabitants).
    beskrivelse = json.loads(at.get("vega_lite_chart")[0].proto.spec)["description"]
    assert "Regionen Hallingdal (rombe)" in beskrivelse
    merket = beskrivelse.split("Merket")[1]
    for navn in ("Flå", "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol"):
        assert navn in merket
    # The short table: the region first, then its members.
    tabell = next(d.value for d in at.dataframe if "Private jobber året før start" in d.value.columns)
    assert list(tabell["Kommune"]) == ["Hallingdal (regionen)", "Flå", "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol"]
    assert tabell["Folketall ved start"].iloc[0] == tabell["Folketall ved start"].iloc[1:].sum()
    # The region's figures, weighted as the page says, on the page and in the method panel.
    m = metrikker(at)
    assert m["Næringsattraktivitet, % per år"].startswith("−0,7")
    assert m["Bostedsattraktivitet, % per år"].startswith("+0,2")
    t = tekst(at)
    assert t.count("private arbeidsplasser året før og bostedsattraktiviteten og den samlede med folketallet") >= 2
    assert "Blant alle kommuner" not in m                 # the region has no place among municipalities
    assert len(at.get("vega_lite_chart")) == 5            # matrix, trail, annual values, two waterfalls


def test_presentasjonsmodus(ekte_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(ekte_db))
    at = AppTest.from_file(str(ROT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"modus": "presentasjon", "kommune": "5014", "fra": "2007", "til": "2017"})
    at.run()
    at.switch_page("pages/attraktivitet.py").run()
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    tekster = [lag for lag in spec["layer"] if lag.get("mark", {}).get("type") == "text"]
    assert max(lag["mark"].get("fontSize", 0) for lag in tekster) >= 20  # large type for the back of the room


@pytest.fixture(scope="module")
def db_uten_flytting(ekte_db, tmp_path_factory) -> Path:
    sti = tmp_path_factory.mktemp("uten_flytting") / "stadkraft.duckdb"
    shutil.copy(ekte_db, sti)
    with duckdb.connect(str(sti)) as con:
        con.execute("DELETE FROM befolkningsendring")
        con.execute("DELETE FROM nettoinnvandring_land")
    return sti


def test_database_uten_flyttetall_forklarer(db_uten_flytting, monkeypatch):
    at = side(db_uten_flytting, monkeypatch, kommune="5014", fra="2007", til="2017")
    assert not at.exception
    t = tekst(at)
    assert "bostedsattraktiviteten, og dermed matrisen, kan ikke regnes ut" in t and "01223" in t
    assert not at.get("vega_lite_chart")
