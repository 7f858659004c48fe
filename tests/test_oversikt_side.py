"""The overview page in AppTest: deep link, profile card, indicator choice, table, missing database."""
import json

import pyarrow as pa
import pytest

from stadkraft import kartgeometri
from stadkraft.diagram import kart

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
    assert any("Fant ingen kommune med nummer «9999»" in i.value for i in at.sidebar.info)   # said, not dropped


def test_gammelt_kommunenummer_i_lenken_aapner_kommunen_det_ble(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="1620")                        # Frøya's number before 2020
    assert not at.exception
    assert "Frøya (5014)" in [s.value for s in at.subheader] and at.query_params["kommune"] == "5014"
    assert any("1620 er fra før kommunereformen" in i.value for i in at.sidebar.info)


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
    """What the page's map shows per municipality (its colours and labels over the geometry files)."""
    return kart.kartinnhold(json.loads(at.get("deck_gl_json_chart")[0].proto.json), kartgeometri.filer())


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
    assert "Sysselsatte 2022" in at.dataframe[0].value.columns
    assert all(len(k) <= 20 for k in at.dataframe[0].value.columns)
    # The latest year (2022) is SSB 11618, as sysselsetting_serie records it.
    assert any(c.value.startswith("Sysselsatte etter arbeidssted, 4. kvartal 2022. Kilde: SSB tabell 11618.")
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
    for kode, fra, til in (("vekst", "2016", "2026"), ("folkemengde", "2016", "2026"), ("sentralitet", "2016", "2026"),
                           ("sysselsatte", "2016", "2026"), ("sysselsettingsvekst", "2012", "2022"),
                           ("nettoinnflytting", "2007", "2017"), ("fodselsoverskudd", "2007", "2017")):
        at = app(indikator=kode, fra=fra, til=til)
        assert not at.exception
        assert all(len(k) <= 20 for k in at.dataframe[0].value.columns), at.dataframe[0].value.columns


def test_csv_avrundet_som_tabellen(ekte_db, bruk_db):
    bruk_db(ekte_db)
    from stadkraft import db
    from stadkraft.beregning import indikatorer as ind
    for kode, froya in (("vekst", "21,8"), ("folkemengde", "4937")):  # not 21,84104…
        i = ind.INDIKATORER[kode]
        data = ind.beregn(db.sporring("oversikt_indikatorer", fra=2007, til=2017))
        tekst = ind.kart_csv(ind.kart_tabell(data, i, 2007, 2017), i).decode("utf-8-sig")
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


def test_nettoinnflytting_paa_kartet(ekte_db, bruk_db):
    # Frøya 2007-2016: net migration of the years 2007..2015 = 729 over 4 052 on 1 January 2007 = 18,0 %.
    bruk_db(ekte_db)
    at = app(indikator="nettoinnflytting", kommune="5014", fra="2007", til="2016")
    assert not at.exception
    tabell = at.dataframe[1]
    rader = tabell.value.set_index("Nr.")
    assert round(rader.loc["5014", "Innfl. 2007–2016, %"], 4) == round(100 * 729 / 4052, 4)
    assert vist(tabell)["Innfl. 2007–2016, %"][rader.index.get_loc("5014")] == "+18,0\u00a0%"
    assert kartegenskaper(at)["5014"]["verdi_tekst"] == "+18,0\u00a0%"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Nettoinnflytting 2007–2016 i prosent av folketallet 1. januar 2007. Kilde: SSB "
                            "(sammenstilt av Telemarksforsking) (befolkningsendringer) og SSB tabell 07459 (folketall).")
               for c in captions)
    assert any("innenlands og fra utlandet til sammen" in c for c in captions)


def test_indikator_uten_tall_for_perioden_gir_melding_ikke_nuller(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(indikator="nettoinnflytting", fra="2010", til="2020")
    assert not at.exception
    assert any(i.value.startswith("Nettoinnflytting kan ikke vises for 2010–2020") for i in at.info)
    assert not at.get("deck_gl_json_chart")  # no map of missing values
    at = app(indikator="sysselsettingsvekst", fra="1990", til="2000")
    assert any("Sysselsettingsveksten kan ikke vises for 1990–2000" in i.value for i in at.info)
    assert not at.get("deck_gl_json_chart")


def test_sysselsettingsvekst_med_brudd(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(indikator="sysselsettingsvekst", kommune="5014", fra="2007", til="2016")
    assert not at.exception
    rader = at.dataframe[1].value.set_index("Nr.")
    assert rader.loc["5014", "Syss. 2007–2016, %"] == pytest.approx(100 * (2648 - 2122) / 2122)  # +24,8 %
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Sysselsettingsvekst 2007–2016 (arbeidssted, 4. kvartal). Kilde: SSB, registerbasert "
                            "sysselsetting (sammenstilt av Telemarksforsking).") for c in captions)
    assert any(c.startswith("Perioden 2007–2016 går over et brudd i sysselsettingsserien (2014–2015)") for c in captions)
    at = app(indikator="sysselsettingsvekst", fra="2017", til="2022")
    assert not any("brudd i sysselsettingsserien" in c.value for c in at.caption)
    assert any("Kilde: SSB tabell 11618." in c.value for c in at.caption)


def test_en_rad_i_karttabellen_gir_kommunenummeret():
    import pandas as pd
    from stadkraft.beregning import indikatorer as ind
    tabell = pd.DataFrame({"Nr.": ["0301", "5014"], "Kommune": ["Oslo", "Frøya"], "Vekst": [1.0, 2.0]})
    assert ind.kommune_i_rad(tabell, [1]) == "5014"
    assert ind.kommune_i_rad(tabell, []) is None      # the tick taken away
    assert ind.kommune_i_rad(tabell, [2]) is None     # a stale selection from a longer table


def test_valgte_kommuner_staar_forst_i_karttabellen():
    import pandas as pd
    from stadkraft.beregning import indikatorer as ind
    tabell = pd.DataFrame({"Nr.": ["0301", "1101", "5014", "5056"], "Vekst": [1.0, 2.0, 3.0, 4.0]})
    vist = ind.valgte_forst(tabell, ("5056", "5014"))
    assert list(vist["Nr."]) == ["5014", "5056", "0301", "1101"]    # the chosen in table order, then the rest
    assert ind.kommune_i_rad(vist, [0]) == "5014"                   # a click reads the table as shown
    assert list(ind.valgte_forst(tabell, ())["Nr."]) == list(tabell["Nr."])


def test_valgt_kommune_er_markert_over_og_i_tabellen(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(kommune="5014", fra="2007", til="2017")
    assert not at.exception
    assert any("**Frøya**: +21,8" in m.value and "øverst i tabellen, markert" in m.value for m in at.markdown)
    tabell = at.dataframe[-1]
    assert list(tabell.value["Nr."][:2]) == ["5014", "0301"]   # the chosen one on top, then number order
    assert tabell.proto.selection_mode  # rows can be picked
