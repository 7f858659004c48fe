"""The Attraktivitet page in AppTest: the real database, a period change, presentation mode, a region, and
databases without migration data, without commuting data, and with employment by industry."""
import json
import re
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
    # The panel's numbers in Norwegian style, its choices and sources from what this database has.
    assert re.search(r"over \d{1,2}\s\d{3} kommuneår", t) and not re.search(r"\d{4} kommuneår", t)
    assert "anslått fra den samme statistikken" in t and "se merknaden over" not in t
    assert "Pendlingstallene finnes for 2017–2022" in t
    assert "private arbeidsplasser etter arbeidssted 2003–2016" in t and "Telemarksforsking sammenstilte" in t


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
    # The note names the period the link asked for, the years the database has and what would fill the rest.
    merknad = next(c.value for c in at.caption if "ligger utenfor dataene" in c.value)
    assert merknad.startswith("Periodene 2003–2026 og 2011–2018")
    assert "for 2003–2016" in merknad and "Før 2006" in merknad and "Etter 2017" in merknad and "07984" in merknad
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


def kopi(ekte_db: Path, mappe: Path, *sql: str) -> Path:
    """A copy of the real database with `sql` run on it (the original stays as it is)."""
    sti = mappe / "stadkraft.duckdb"
    shutil.copy(ekte_db, sti)
    with duckdb.connect(str(sti)) as con:
        for s in sql:
            con.execute(s)
    return sti


@pytest.fixture(scope="module")
def db_uten_pendling(ekte_db, tmp_path_factory) -> Path:
    return kopi(ekte_db, tmp_path_factory.mktemp("uten_pendling"), "DELETE FROM pendling")


def test_database_uten_pendling_sier_at_leddene_er_utelatt(db_uten_pendling, monkeypatch):
    at = side(db_uten_pendling, monkeypatch, kommune="5014", fra="2007", til="2017")
    assert not at.exception
    t = tekst(at)
    assert sum("Databasen har ikke pendlingstall" in c.value for c in at.caption) == 1
    assert "utelatt fra regresjonen: databasen har ikke pendlingstall" in t
    assert "ingen år" not in t and "Pendlingstallene finnes" not in t
    flytting = next(d.value for d in at.dataframe if "Faktisk netto innflytting" in list(d.value.get("Del", [])))
    assert "Pendlingsmuligheter" not in list(flytting["Del"]) and "Størrelse" in list(flytting["Del"])
    koef = next(d.value for d in at.dataframe if "Koeffisient" in d.value.columns)
    assert len(koef) == 11                                 # integration and neighbours left out


@pytest.fixture(scope="module")
def db_med_naering(ekte_db, tmp_path_factory) -> Path:
    # Each municipality's private jobs split into manufacturing and trade, the manufacturing share growing
    # 5 % a year and differing between municipalities, so the industry effect is not zero; one mostly public
    # group (84) as well, which the shift-share leaves out.
    andel = ("((CAST(kommunenummer AS INTEGER) % 97) / 97.0 * 0.8 + 0.1) * pow(1.05, aar - 2003) / "
             "(((CAST(kommunenummer AS INTEGER) % 97) / 97.0 * 0.8 + 0.1) * pow(1.05, aar - 2003) + "
             "1 - ((CAST(kommunenummer AS INTEGER) % 97) / 97.0 * 0.8 + 0.1))")
    privat = "FROM sysselsetting WHERE sektor = 'privat' AND naering = '00-99' AND sysselsatte IS NOT NULL"
    return kopi(ekte_db, tmp_path_factory.mktemp("med_naering"),
                f"INSERT INTO sysselsetting (kommunenummer, aar, naering, sektor, sysselsatte, kilde) "
                f"SELECT kommunenummer, aar, '10-33', 'alle', round(sysselsatte * {andel}), kilde {privat}",
                f"INSERT INTO sysselsetting (kommunenummer, aar, naering, sektor, sysselsatte, kilde) "
                f"SELECT kommunenummer, aar, '45-47', 'alle', sysselsatte - round(sysselsatte * {andel}), kilde {privat}",
                f"INSERT INTO sysselsetting (kommunenummer, aar, naering, sektor, sysselsatte, kilde) "
                f"SELECT kommunenummer, aar, '84', 'alle', 50, kilde {privat}")


def test_database_med_naeringstall_viser_bransjeeffekten(db_med_naering, monkeypatch):
    at = side(db_med_naering, monkeypatch, kommune="5014", fra="2007", til="2017")
    assert not at.exception
    t = tekst(at)
    assert "Bransjeeffekten (skift-andel over 2 næringsgrupper) er med for årene 2004–2016" in t
    assert "Bransjeeffekten er utelatt" not in t and "skift-andel over 2 næringsgrupper (SSB 07984)" in t
    jobber = next(d.value for d in at.dataframe if "Faktisk endring" in list(d.value.get("Del", [])))
    assert list(jobber["Del"][:4]) == ["Nasjonal vekst", "Bransjeeffekt", "Befolkningseffekt", "Næringsattraktivitet"]
    rad = jobber.set_index("Del").loc["Bransjeeffekt"]
    assert rad["Personer"] not in ("0", "+0", "–")
    fossefall = json.loads(at.get("vega_lite_chart")[3].proto.spec)["description"]  # the jobs' waterfall
    assert fossefall.startswith("Fossefallsdiagram: endring i private arbeidsplasser")
    assert f"Bransjeeffekt {rad['Personer']}" in fossefall


def test_bare_liknende_kommuner_og_kunnskapsgrunnlaget(ekte_db, monkeypatch):
    """The similar municipalities (the growth page's, ?liknende= once edited) as a filter; the evidence
    pack's buttons for the period on screen."""
    from stadkraft.ui import region as region_ui

    at = side(ekte_db, monkeypatch, kommune="5014", fra="2007", til="2017", utvalg="liknende", storrelse="0")
    assert not at.exception
    liknende = region_ui.liknende_standard("5014")
    assert len(liknende) == 10 and "5014" not in liknende
    rangert = next(d.value for d in at.dataframe if "Kommune" in d.value.columns and len(d.value) > 5)
    assert len(rangert) == 11                                   # Frøya and its ten
    assert "Bare liknende kommuner (10)" in [o for s in at.selectbox for o in s.options]
    assert len([b for b in at.get("download_button") if b.proto.label.startswith("Kunnskapsgrunnlag")]) == 1
    egen = side(ekte_db, monkeypatch, kommune="5014", fra="2007", til="2017", utvalg="liknende", storrelse="0",
                liknende="5055,5056")
    rangert = next(d.value for d in egen.dataframe if "Kommune" in d.value.columns and len(d.value) > 2)
    assert len(rangert) == 3                                    # Frøya and the user's own two, from the link
