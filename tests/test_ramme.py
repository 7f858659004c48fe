"""The shared frame in AppTest: the view in the URL survives moving between pages."""
import pytest

from stadkraft.start import navigasjon_i_apptest
from stadkraft.ui import ramme

from .conftest import app


@pytest.fixture(autouse=True)
def som_stadkraft_start():
    with navigasjon_i_apptest():
        yield




def param(at, navn):
    verdi = at.query_params[navn]
    return verdi if isinstance(verdi, str) else verdi[0]


def test_periode_og_kommune_folger_med_mellom_sidene(fixtur_db, bruk_db):
    bruk_db(fixtur_db)
    at = app(kommune="5014", fra="2007", til="2017")
    assert not at.exception
    at.switch_page("pages/vekst.py").run()
    assert not at.exception
    assert (at.selectbox(key="_url_fra").value, at.selectbox(key="_url_til").value) == ("2007", "2017")
    assert (param(at, "fra"), param(at, "til"), param(at, "kommune")) == ("2007", "2017", "5014")
    at.selectbox(key="_url_fra").set_value("2010").run()
    at.switch_page("pages/oversikt.py").run()
    assert not at.exception
    assert (at.selectbox(key="_url_fra").value, at.selectbox(key="_url_til").value) == ("2010", "2017")
    assert at.selectbox(key="_kommunevelger").value == "5014"


def test_terskler_folger_med_tilbake_til_vekst(fixtur_db, bruk_db):
    bruk_db(fixtur_db)
    at = app(kommune="5014", fra="2007", til="2017")
    at.switch_page("pages/vekst.py").run()
    at.number_input(key="_url_andel").set_value(20).run()
    at.switch_page("pages/oversikt.py").run()
    at.switch_page("pages/vekst.py").run()
    assert not at.exception
    assert at.number_input(key="_url_andel").value == 20


def test_kildelinja_for_statistikken_ikke_paa_workshopsidene(fixtur_db, bruk_db, tmp_path, monkeypatch):
    bruk_db(fixtur_db)
    monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "workshop.duckdb"))
    monkeypatch.delenv("STADKRAFT_WORKSHOP_URL", raising=False)
    at = app(kommune="5014")
    assert any("Statistisk sentralbyrå" in c.value for c in at.caption)
    for side in ("pages/kapasitet_leiar.py", "pages/kapasitet_delta.py"):
        at.switch_page(side).run()
        assert not at.exception
        assert not any("Statistisk sentralbyrå" in c.value for c in at.caption)


# --- Typed search in the pickers ---------------------------------------------------------------------

KOMMUNER = {"5014": "Frøya (5014)", "1508": "Ålesund (1508)", "3201": "Bærum (3201)", "5501": "Tromsø (5501)",
            "5610": "Kárášjohka - Karasjok (5610)", "3451": "Nord-Aurdal (3451)", "3449": "Sør-Aurdal (3449)",
            "5605": "Sør-Varanger (5605)", "5056": "Hitra (5056)", "5036": "Frosta (5036)"}


@pytest.mark.parametrize("sok, kode", [
    ("froya", "5014"), ("Alesund", "1508"), ("baerum", "3201"), ("tromso", "5501"), ("TROMSØ", "5501"),
    ("5014", "5014"), ("karasjohka", "5610"), ("karasjok", "5610"), ("varanger", "5605"), ("hitr", "5056"),
    ("Frøya (5014)", "5014"), ("  froya ", "5014"),
])
def test_finn_i_lista_uten_eksakt_stavemaate(sok, kode):
    assert ramme.finn_i_lista(sok, KOMMUNER) == [kode]


def test_finn_i_lista_flere_eller_ingen():
    assert ramme.finn_i_lista("aurdal", KOMMUNER) == ["3451", "3449"]
    assert ramme.finn_i_lista("fr", KOMMUNER) == ["5014", "5036"]
    assert ramme.finn_i_lista("50", KOMMUNER) == ["5014", "5056", "5036"]   # the start of a number
    assert ramme.finn_i_lista("qqq", KOMMUNER) == []
    assert ramme.finn_i_lista("", KOMMUNER) == []


def test_finn_i_lista_for_regioner():
    valg = {"": "Ingen (vis kommunen)", "fylke-50": "Trøndelag - Trööndelage (fylke)",
            "ba-018": "BA-region Trondheim", "regionraad-hallingdal": "Hallingdal (regionråd)"}
    assert ramme.finn_i_lista("trondelag", valg) == ["fylke-50"]
    assert ramme.finn_i_lista("trondheim", valg) == ["ba-018"]
    assert ramme.finn_i_lista("hallingdal", valg) == ["regionraad-hallingdal"]


@pytest.fixture
def okt(monkeypatch):
    """The callbacks' session state and URL as plain dicts (AppTest cannot type a new option)."""
    tilstand, url = {}, {}
    monkeypatch.setattr(ramme.st, "session_state", tilstand)
    monkeypatch.setattr(ramme.st, "query_params", url)
    return tilstand, url


def test_skrevet_navn_i_kommunevelgeren_velger_kommunen(okt):
    tilstand, url = okt
    tilstand["_kommunevelger"] = "froya"    # what the picker sends for typed text
    ramme._kommune_skrevet(KOMMUNER)
    assert tilstand["_kommunevelger"] == "5014" and url["kommune"] == "5014"
    assert ramme._melding("_kommunevelger") is None


def test_ukjent_sok_gir_norsk_hint_og_beholder_valget(okt):
    tilstand, url = okt
    url["kommune"] = "5014"
    tilstand["_kommunevelger"] = "qqq*"
    ramme._kommune_skrevet(KOMMUNER)
    assert tilstand["_kommunevelger"] == "5014" and url["kommune"] == "5014"
    assert ramme._melding("_kommunevelger").startswith("Fant ingen kommune som passer til «qqq\\*»")
    assert ramme._melding("_kommunevelger") is None   # said once
    tilstand["_kommunevelger"] = "aurdal"
    ramme._kommune_skrevet(KOMMUNER)
    assert tilstand["_kommunevelger"] == "5014"
    assert "Nord\\-Aurdal \\(3451\\), Sør\\-Aurdal" in ramme._melding("_kommunevelger")


def test_skrevet_navn_i_regionvelgeren(okt):
    tilstand, url = okt
    valg = {"": "Ingen (vis kommunen)", "fylke-50": "Trøndelag - Trööndelage (fylke)"}
    tilstand["_regionvelger"] = "trondelag"
    ramme._region_skrevet(valg)
    assert url["region"] == "fylke-50"
    tilstand["_regionvelger"] = "qqq"
    ramme._region_skrevet(valg)
    assert tilstand["_regionvelger"] == "fylke-50" and url["region"] == "fylke-50"
    assert "Fant ingen region" in ramme._melding("_regionvelger")


def test_velgerne_tar_skrevet_tekst(fixtur_db, bruk_db):
    bruk_db(fixtur_db)
    at = app(kommune="5014")
    assert not at.exception
    for nokkel in ("_kommunevelger", "_regionvelger"):
        assert at.selectbox(key=nokkel).proto.accept_new_options
    assert at.selectbox(key="_kommunevelger").value == "5014"
