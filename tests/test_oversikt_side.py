"""The overview page in AppTest: deep link, profile card, indicator choice, table, missing database."""
import json

import pyarrow as pa

from .conftest import app
from .test_vekst_sql import lag_vekst_db




def test_dyplenke_aapner_froya_med_periode(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="5014", fra="2007", til="2017")
    assert not at.exception
    assert "Frøya (5014)" in [s.value for s in at.subheader]
    assert at.selectbox(key="_kommunevelger").value == "5014"
    tabell = at.dataframe[1].value  # the map's twin table
    froya = tabell[tabell["Nr."] == "5014"].iloc[0]
    assert round(froya["Vekst 2007–2017, %"], 1) == 21.8
    assert at.query_params["kommune"] == ["5014"] or at.query_params["kommune"] == "5014"


def test_profilkort_viser_folkemengde_og_vekst(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="0301")
    folk = at.metric[0]
    assert (folk.label, folk.value) == ("Folkemengde 1. januar 2026", "728\u00a0714")  # an SSB figure, unmarked
    assert any(c.value.startswith("Kilde: SSB tabell 07459") for c in at.caption)
    profil = at.dataframe[0].value
    assert list(profil.columns) == ["Vekst siste", "Kommunen: Oslo", "Fylket: Oslo", "Norge"]
    assert len(profil) == 3


def test_bytte_indikator_oppdaterer_url_og_tabell(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="5014")
    at.selectbox(key="_url_indikator").select("sentralitet").run()
    assert not at.exception
    assert "Sentralitetsklasse" in at.dataframe[1].value.columns
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


def vist(tabell):
    """What a styled table shows (the Styler's display values), not the numbers underneath."""
    return pa.ipc.open_stream(tabell.proto.arrow_data.styler.display_values).read_all().to_pandas()


def kartegenskaper(at) -> dict[str, dict]:
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    lag = next(lag for lag in deck["layers"] if lag["id"] == "kommuner")
    return {f["properties"]["kommunenummer"]: f["properties"] for f in lag["data"]["features"]}


def test_profilkort_merker_anslag(tmp_path, bruk_db):
    # Hitra's last year (2016) is an estimate in this small database.
    bruk_db(lag_vekst_db(tmp_path / "vekst.duckdb"))
    at = app(kommune="5056")
    assert not at.exception
    assert at.metric[0].value == "2\u00a0600 (anslag)"


def test_folkemengde_viser_aaret_og_anslag(ekte_db, bruk_db):
    # Ålesund and Haram 2020-2023 are interpolated shares of the old Ålesund (the data README).
    bruk_db(ekte_db)
    at = app(indikator="folkemengde", til="2021")
    assert not at.exception
    tabell = at.dataframe[0]
    assert "Folkemengde 2021" in tabell.value.columns
    rader = tabell.value.set_index("Nr.")
    assert rader.loc["1508", ["Folkemengde 2021", "Anslag"]].tolist() == [57274, "ja"]
    assert rader.loc["1580", ["Folkemengde 2021", "Anslag"]].tolist() == [9396, "ja"]
    assert rader.loc["0301", "Anslag"] == ""
    assert vist(tabell)["Folkemengde 2021"][rader.index.get_loc("1508")] == "57\u00a0274"
    kart = kartegenskaper(at)
    assert kart["1508"]["verdi_tekst"] == "57\u00a0274 (anslag)"
    assert kart["1580"]["verdi_tekst"] == "9\u00a0396 (anslag)"
    assert any(c.value.startswith("Folkemengde 1. januar 2021. Kilde: SSB tabell 07459. Anslag:") for c in at.caption)


def test_sysselsatte_navngir_aaret_og_tabellen(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(indikator="sysselsatte")
    # A short header keeps the right-aligned numbers in view; the caption has the full title.
    assert "Sysselsatte 2017" in at.dataframe[0].value.columns
    assert all(len(k) <= 20 for k in at.dataframe[0].value.columns)
    # The offline folder's one year is SSB 13470 (the SSB build reads 07984).
    assert any(c.value.startswith("Sysselsatte etter arbeidssted, 4. kvartal 2017. Kilde: SSB tabell 13470.")
               for c in at.caption)


def test_samme_fra_og_til_aar_gir_advarsel(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(fra="2017", til="2017")
    assert not at.exception
    assert any("Velg to ulike år" in w.value for w in at.warning)
    assert not at.get("deck_gl_json_chart")  # no map of +0 % everywhere
    at = app(fra="2017", til="2017", indikator="folkemengde")  # a one-year indicator is fine
    assert not at.warning and at.get("deck_gl_json_chart")


def test_kartet_folger_databasen(fixtur_db, ekte_db, bruk_db):
    # The cached map is keyed on the database too: the same view from another database is another map.
    bruk_db(fixtur_db)
    assert len(kartegenskaper(app(kommune="5014", fra="2015", til="2022"))) == 6
    bruk_db(ekte_db)
    assert len(kartegenskaper(app(kommune="5014", fra="2015", til="2022"))) == 357


def test_korte_kolonnenavn_for_alle_indikatorer(ekte_db, bruk_db):
    bruk_db(ekte_db)
    for kode in ("vekst", "folkemengde", "sentralitet", "sysselsatte"):
        at = app(indikator=kode, fra="2016", til="2026")
        assert not at.exception
        assert all(len(k) <= 20 for k in at.dataframe[0].value.columns), at.dataframe[0].value.columns


def test_csv_avrundet_som_tabellen(ekte_db, bruk_db):
    bruk_db(ekte_db)
    from stadkraft import db, oversikt
    from stadkraft import indikatorer as ind
    for kode, froya in (("vekst", "21,8"), ("folkemengde", "4937")):  # not 21,84104…
        i = ind.INDIKATORER[kode]
        data = db.sporring("oversikt_indikatorer", fra=2007, til=2017)
        tekst = oversikt.kart_csv(oversikt.kart_tabell(data, i, 2007, 2017), i).decode("utf-8-sig")
        rad = next(linje for linje in tekst.splitlines() if linje.startswith("5014;"))
        assert rad.split(";")[2] == froya


def test_fylke_vises_helt(ekte_db, bruk_db):
    # A metric cuts long county names; the profile writes it as text.
    bruk_db(ekte_db)
    at = app(kommune="5014")
    assert "Fylke" not in [m.label for m in at.metric]
    assert any("Trøndelag" in m.value for m in at.markdown)


def test_omvendt_periode_rettes_i_lenken_og_velgerne(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(fra="2020", til="2012")
    assert not at.exception
    assert (at.query_params["fra"], at.query_params["til"]) in (("2012", "2020"), (["2012"], ["2020"]))
    assert (at.selectbox(key="_url_fra").value, at.selectbox(key="_url_til").value) == ("2012", "2020")
    assert any("snudd til 2012–2020" in c.value for c in at.caption)
    # Chosen in the dropdown: the same.
    at.selectbox(key="_url_til").set_value("2008").run()
    assert (at.selectbox(key="_url_fra").value, at.selectbox(key="_url_til").value) == ("2008", "2012")
