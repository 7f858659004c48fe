"""The shared frame in AppTest: the view in the URL survives moving between pages."""
import pytest

from stadkraft.start import navigasjon_i_apptest

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
