"""The overview page in AppTest: deep link, profile card, indicator choice, table, missing database."""
from streamlit.testing.v1 import AppTest

from .conftest import ROT


def app(**parametre) -> AppTest:
    at = AppTest.from_file(str(ROT / "dashboard.py"), default_timeout=60)
    for k, v in parametre.items():
        at.query_params[k] = v
    return at.run()


def test_dyplenke_aapner_froya_med_periode(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="5014", fra="2007", til="2017")
    assert not at.exception
    assert "Frøya (5014)" in [s.value for s in at.subheader]
    assert at.selectbox(key="_kommunevelger").value == "5014"
    tabell = at.dataframe[1].value  # the map's twin table
    froya = tabell[tabell["Nr."] == "5014"].iloc[0]
    assert round(froya["Befolkningsvekst i perioden (%)"], 1) == 21.8
    assert at.query_params["kommune"] == ["5014"] or at.query_params["kommune"] == "5014"


def test_profilkort_viser_folkemengde_og_vekst(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="0301")
    verdier = [m.value for m in at.metric]
    assert verdier[0].replace("\u00a0", " ").isascii() or verdier[0]
    profil = at.dataframe[0].value
    assert list(profil.columns) == ["Vekst siste", "Kommunen: Oslo", "Fylket: Oslo", "Norge"]
    assert len(profil) == 3


def test_bytte_indikator_oppdaterer_url_og_tabell(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="5014")
    at.selectbox(key="_url_indikator").select("sentralitet").run()
    assert not at.exception
    assert "Sentralitetsklasse (1 = mest sentral)" in at.dataframe[1].value.columns
    assert at.query_params["indikator"] in ("sentralitet", ["sentralitet"])


def test_velge_kommune_i_velgeren_setter_lenken(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app()
    assert any("Velg en kommune" in i.value for i in at.info)
    at.selectbox(key="_kommunevelger").select("5014").run()
    assert "Frøya (5014)" in [s.value for s in at.subheader]
    assert at.query_params["kommune"] in ("5014", ["5014"])


def test_ugyldig_kommune_i_lenken_ignoreres(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="9999", fra="abc")
    assert not at.exception
    assert any("Velg en kommune" in i.value for i in at.info)


def test_presentasjonsmodus_skjuler_sidepanelet(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(modus="presentasjon", kommune="5014")
    assert not at.exception
    assert len(at.sidebar.selectbox) == 0
    assert "Frøya (5014)" in [s.value for s in at.subheader]


def test_manglende_database_gir_tydelig_melding(tmp_path, bruk_db):
    bruk_db(tmp_path / "finnes-ikke.duckdb")
    at = app()
    assert not at.exception
    assert any("make data" in e.value for e in at.error)
