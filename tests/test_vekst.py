"""Growth, index, ranking and Østby's split against hand-computed values (stadkraft/beregning/)."""
import math
import re

import numpy as np
import pandas as pd
import pytest

from stadkraft import tekster
from stadkraft.beregning import befolkningsendring as be
from stadkraft.beregning import dekning, omstilling, perioder, rangering, sysselsetting, vekst
from stadkraft.ui import deler


def test_endring_og_prosent_frøya_2007_2017():
    # README reference: 4 052 -> 4 937 = +885 = +21.8 % (885 / 4052 = 0.218410...).
    assert vekst.endring(4052, 4937) == 885
    assert vekst.endring_prosent(4052, 4937) == pytest.approx(21.8411, abs=1e-4)


def test_arlig_vekst_er_sammensatt():
    # 100 -> 121 in 2 years: 1.1 * 1.1 = 1.21, so 10 % a year (not 21 / 2 = 10.5).
    assert vekst.arlig_vekst(100, 121, 2) == pytest.approx(10.0)
    # 1000 -> 729 in 3 years: 0.9 ** 3 = 0.729, so -10 % a year.
    assert vekst.arlig_vekst(1000, 729, 3) == pytest.approx(-10.0)
    # Frøya: 1.218411 ** (1/10) = 1.019951.
    assert vekst.arlig_vekst(4052, 4937, 10) == pytest.approx(1.9951, abs=1e-4)


@pytest.mark.parametrize("start, slutt", [(0, 10), (None, 10), (10, None), (np.nan, 5), (pd.NA, 5)])
def test_mangler_eller_null_gir_nan(start, slutt):
    assert math.isnan(vekst.endring_prosent(start, slutt))
    assert math.isnan(vekst.arlig_vekst(start, slutt, 5))


def test_indeks_per_serie_som_indeks():
    df = pd.DataFrame({"maal": ["b"] * 3 + ["s"] * 3, "aar": [2007, 2008, 2009] * 2,
                       "verdi": [200, 250, 300, None, 5, 6]})
    i = vekst.indeks_per_serie(df, ["maal"], 2007)
    assert i.tolist()[:3] == [100.0, 125.0, 150.0] and i.iloc[3:].isna().all()  # no base: no index


def test_funksjonene_virker_på_serier():
    s = pd.Series([100, 200, 0, None], dtype="Int64")
    e = pd.Series([110, 150, 5, 7], dtype="Int64")
    p = vekst.endring_prosent(s, e)
    assert p.iloc[0] == pytest.approx(10.0) and p.iloc[1] == pytest.approx(-25.0)
    assert p.iloc[2:].isna().all()
    a = vekst.arlig_vekst(s, e, pd.Series([1, 1, 1, 1]))
    assert a.iloc[0] == pytest.approx(10.0) and a.iloc[2:].isna().all()


def test_indeks_til_100_i_startaar():
    v = pd.Series([200, 250, 300])
    i = vekst.indeks(v, pd.Series([2007, 2008, 2009]), 2007)
    assert i.tolist() == [100.0, 125.0, 150.0]
    # Base year absent or missing: no index at all rather than a wrong one.
    assert vekst.indeks(v, pd.Series([2007, 2008, 2009]), 2006).isna().all()
    assert vekst.indeks(pd.Series([None, 5.0]), pd.Series([2007, 2008]), 2007).isna().all()


def test_rangering_med_likhet_og_manglende():
    r = rangering.rangering(pd.Series([5.0, 3.0, 5.0, np.nan, 1.0]))
    assert r["rang"].tolist() == [1, 3, 1, pd.NA, 4]
    assert r["antall"].tolist() == [4] * 5


def test_rangering_innen_gruppe():
    v = pd.Series([5.0, 3.0, 4.0, 9.0, 4.0])
    g = pd.Series([1, 1, 2, 2, 2])
    r = rangering.rangering(v, g)
    assert r["rang"].tolist() == [1, 2, 2, 1, 2]
    assert r["antall"].tolist() == [2, 2, 3, 3, 3]


@pytest.mark.parametrize("start, slutt, netto, kategori", [
    (1000, 1100, 50, be.UTEN_INNVANDRING),      # +100, +50 without immigration
    (1000, 1100, 100, be.UTEN_INNVANDRING),     # exactly 0 without immigration: not a decline
    (1000, 1020, 50, be.BARE_INNVANDRING),      # +20, but -30 without immigration
    (1000, 1000, 10, be.BARE_INNVANDRING),      # held only thanks to immigration
    (1000, 990, 50, be.NEDGANG),                # fewer inhabitants
    (1000, 990, -5, be.NEDGANG),
    (1000, 1100, None, be.OSTBY_KUN_ENDRING),   # grew; why is unknown
    (1000, 900, None, be.NEDGANG),              # a decline needs no components
    (None, 900, 5, None),
])
def test_ostby_kategori(start, slutt, netto, kategori):
    assert be.ostby_kategori(start, slutt, netto) == kategori


def test_ostby_kategori_på_serier_gir_samme_svar():
    start = pd.Series([1000, 1000, 1000, None, 1000])
    slutt = pd.Series([1100, 1020, 990, 900, 1100])
    netto = pd.Series([50, 50, 50, 5, None])
    assert be.ostby_kategori(start, slutt, netto).tolist() == [
        be.UTEN_INNVANDRING, be.BARE_INNVANDRING, be.NEDGANG, None, be.OSTBY_KUN_ENDRING]


def _serie(rader):
    return pd.DataFrame(rader, columns=["maal", "gruppe", "kode", "navn", "aar", "verdi",
                                        "n_estimat", "n_mangler"])


def test_nokkeltall_estimat_og_mangler():
    s = _serie([
        ("befolkning", "kommune", "5014", "Frøya", 2007, 4052, 0, 0),
        ("befolkning", "kommune", "5014", "Frøya", 2012, 4500, 0, 0),
        ("befolkning", "kommune", "5014", "Frøya", 2017, 4937, 0, 0),
        ("befolkning", "fylke", "50", "Trøndelag", 2007, 1000, 1, 0),  # estimate at the start
        ("befolkning", "fylke", "50", "Trøndelag", 2012, 1050, 0, 0),
        ("befolkning", "fylke", "50", "Trøndelag", 2017, 1100, 0, 0),
        ("befolkning", "region", "X", "Region", 2007, 500, 0, 0),
        ("befolkning", "region", "X", "Region", 2012, None, 0, 1),  # a missing year inside
        ("befolkning", "region", "X", "Region", 2017, 600, 0, 0),
        ("sysselsetting", "kommune", "5014", "Frøya", 2017, 3000, 0, 0),  # only one year
    ])
    n = vekst.nokkeltall(s, 2007, 2017).set_index(["maal", "gruppe"])
    f = n.loc[("befolkning", "kommune")]
    assert (f["start"], f["slutt"], f["endring"]) == (4052, 4937, 885)
    assert f["prosent"] == pytest.approx(21.8411, abs=1e-4)
    assert f["arlig"] == pytest.approx(1.9951, abs=1e-4)
    assert not f["estimat"] and not f["mangler"]
    assert n.loc[("befolkning", "fylke"), "estimat"]
    r = n.loc[("befolkning", "region")]
    assert r["mangler"] and math.isnan(r["prosent"]) and math.isnan(r["start"])
    sy = n.loc[("sysselsetting", "kommune")]
    assert sy["mangler"] and math.isnan(sy["endring"])
    # A period that avoids the missing year has a number.
    assert vekst.nokkeltall(s, 2012, 2017).set_index(["gruppe"]).loc["region", "mangler"]
    assert not vekst.nokkeltall(s, 2007, 2012).set_index(["maal", "gruppe"]).loc[
        ("befolkning", "kommune"), "mangler"]


def test_visningstabell_norsk_format_og_merking():
    s = _serie([
        ("befolkning", "kommune", "5014", "Frøya", 2007, 4052, 1, 0),
        ("befolkning", "kommune", "5014", "Frøya", 2017, 4937, 0, 0),
        ("befolkning", "region", "X", "Region", 2007, None, 0, 1),
        ("befolkning", "region", "X", "Region", 2017, 600, 0, 0),
    ])
    t = vekst.visningstabell(vekst.nokkeltall(s, 2007, 2017), 2007, 2017)
    assert t.loc[0, "2007"] == "4\u00a0052*"
    assert t.loc[0, "Endring %"] == "+21,8\u00a0%*"
    assert t.loc[1, "Endring %"] == "–"


def test_tolk_periode():
    assert perioder.tolk_periode(None, None, 1986, 2026) == (2007, 2017, None)
    assert perioder.tolk_periode("2011", "2018", 1986, 2026) == (2011, 2018, None)
    fra, til, melding = perioder.tolk_periode("2018", "2011", 1986, 2026)  # reversed: swapped, and said so
    assert (fra, til) == (2011, 2018) and "snudd til 2011–2018" in melding
    fra, til, melding = perioder.tolk_periode("1970", "2030", 1986, 2026)
    assert (fra, til) == (1986, 2026) and "justert" in melding
    fra, til, melding = perioder.tolk_periode("x", "2017", 1986, 2026)
    assert (fra, til) == (2007, 2017) and melding
    assert perioder.tolk_periode("2017", "2017", 1986, 2026)[:2] == (2017, 2018)
    assert perioder.tolk_periode("2011", None, 1986, 2026) == (2011, 2017, None)  # one end: default for the other


def test_omvendt_periode():
    assert perioder.omvendt_periode("2020", "2012") == (2012, 2020, perioder.omvendt_periode(2020, 2012)[2])
    assert "Fra-året (2020) kom etter til-året (2012)" in perioder.omvendt_periode("2020", "2012")[2]
    for ok in (("2012", "2020"), ("2017", "2017"), (None, "2012"), ("x", "2012")):
        assert perioder.omvendt_periode(*ok) is None


def test_forhandsvalg_uten_interne_henvisninger():
    # Users see author and year, not "dok. 003, L2574"; line numbers live in code comments.
    for _, _, _, hvorfor in perioder.PERIODER_FRA_DOKUMENTENE:
        assert not re.search(r"dok\.|\bL\d|linje", hvorfor), hvorfor
        assert re.search(r"(Distriktssenteret|NIBR|Telemarksforsking).*\d{4}", hvorfor), hvorfor


def test_mangeltekst_uten_kommandoer_og_kort_andre_gang():
    forst = tekster.mangeltekst("sysselsetting", aar="2003–2022", fra=1990, til=2000)
    assert "for 2003–2022" in forst and "1990–2000 går utenfor" in forst
    endring = tekster.mangeltekst("endring", aar="2003–2016", fra=2007, til=2020)
    assert "årene 2007–2019" in endring and "01223" in endring and "drifter Stadkraft" in endring
    for hva in tekster.MANGLER:
        tekst = tekster.mangeltekst(hva, aar="2003–2016", fra=2007, til=2020)
        assert "python" not in tekst and "`" not in tekst
        kort = tekster.mangeltekst(hva, sagt_for=True)
        assert "se over" in kort and len(kort) < 80
    assert "python -m stadkraft.data build --kilde ssb" in tekster.DRIFT


def _full_dekning(**endre):
    """vekst_dekning.sql rows as the real offline build has them (balances 2003-2016, no industries)."""
    rader = {"befolkning": (1986, 2026, 41, None, None), "sysselsetting": (2003, 2022, 20, 0, None),
             "sysselsetting_privat": (2003, 2016, 14, None, None), "sysselsetting_offentlig": (2003, 2016, 14, None, None),
             "befolkningsendring": (2003, 2016, 14, None, False), "endring_fodte": (None, None, 0, None, None),
             "endring_innvandring": (None, None, 0, None, None), "endring_flytting": (None, None, 0, None, None),
             "endring_balanser": (2003, 2016, 14, None, None)}
    rader.update(endre)
    return pd.DataFrame([(k, *v) for k, v in rader.items()],
                        columns=["tabell", "forste", "siste", "antall_aar", "antall_naeringer", "har_innvandring"])


def test_uten_data_en_setning_om_det_som_mangler():
    tekst = dekning.uten_data(_full_dekning())
    assert tekst.startswith("Databasen har ennå ikke fødte og døde hver for seg, flytting og fødselsoverskudd "
                            "etter 2016, innenlandsk flytting og innvandring hver for seg eller sysselsetting "
                            "etter næring.")
    assert "01223" in tekst and "07984" in tekst and tekst.count(".") >= 2
    # An SSB build with 01223 and industries up to the last year: nothing is missing.
    alt = _full_dekning(endring_fodte=(2003, 2025, 23, None, None), endring_innvandring=(2003, 2025, 23, None, None),
                        befolkningsendring=(2003, 2025, 23, None, True), sysselsetting=(2003, 2025, 23, 17, None))
    assert dekning.uten_data(alt) is None
    # Only industries lacking: the sentence names that alone.
    bare = _full_dekning(endring_fodte=(2003, 2025, 23, None, None), endring_innvandring=(2003, 2025, 23, None, None),
                         befolkningsendring=(2003, 2025, 23, None, True))
    assert dekning.uten_data(bare).startswith("Databasen har ennå ikke sysselsetting etter næring. SSB-tabell **07984**")


def test_dekning_for_perioden():
    d = dekning.dekning(_full_dekning(), 2007, 2017)
    assert d["sysselsetting"] and d["endring"] and not d["fodte"] and not d["innvandring"] and not d["naering"]
    assert (d["sysselsetting_aar"], d["endring_aar"], d["endring_spenn"]) == ("2003–2022", "2003–2016", (2003, 2016))
    assert not dekning.dekning(_full_dekning(), 2007, 2018)["endring"]      # needs the events of 2017
    assert not dekning.dekning(_full_dekning(), 2000, 2010)["sysselsetting"]
    assert dekning.dekning(_full_dekning(), 2020, 2022)["sysselsetting"]


def _syss_serie(sektor="alle", aar=range(2003, 2023)):
    rader = []
    for a in aar:
        tabell = "SSB tabell 11618" if a >= 2017 else "SSB registerbasert sysselsetting (sammenstilt av Telemarksforsking)"
        brudd = "A-ordningen." if a == 2015 else "Ny kilde." if a == 2017 else None
        rader.append((a, sektor, "def", tabell, brudd))
    return pd.DataFrame(rader, columns=["aar", "sektor", "definisjon", "tabell", "brudd"])


def test_brudd_i_perioden_og_notis():
    s = pd.concat([_syss_serie(), _syss_serie("privat", range(2003, 2017))], ignore_index=True)
    assert sysselsetting.brudd_i_perioden(s, 2007, 2016) == {2015: "A-ordningen."}
    assert sysselsetting.brudd_i_perioden(s, 2007, 2017) == {2015: "A-ordningen.", 2017: "Ny kilde."}
    # fra < b <= til: a period that starts in the break year does not span it; one ending in it does.
    assert sysselsetting.brudd_i_perioden(s, 2015, 2016) == {}
    assert sysselsetting.brudd_i_perioden(s, 2014, 2015) == {2015: "A-ordningen."}
    assert sysselsetting.brudd_i_perioden(s, 2007, 2020, "privat") == {2015: "A-ordningen."}
    notis = sysselsetting.brudd_notis({2015: "A-ordningen."}, 2007, 2016)
    assert notis.startswith("Perioden 2007–2016 går over et brudd i sysselsettingsserien (2014–2015): A-ordningen.")
    assert "2 brudd" in sysselsetting.brudd_notis(sysselsetting.brudd_i_perioden(s, 2003, 2022), 2003, 2022)
    assert sysselsetting.brudd_notis({}, 2007, 2014) is None


def test_sektorer_finnes_bare_2003_2016():
    s = pd.concat([_syss_serie(), _syss_serie("privat", range(2003, 2017)), _syss_serie("offentlig", range(2003, 2017))])
    aar = sysselsetting.sektor_aar(s)
    assert aar == {"alle": (2003, 2022), "offentlig": (2003, 2016), "privat": (2003, 2016)}
    assert sysselsetting.sektor_melding("alle", 2007, 2020, aar) is None
    assert sysselsetting.sektor_melding("privat", 2007, 2016, aar) is None
    melding = sysselsetting.sektor_melding("offentlig", 2007, 2017, aar)
    assert "bare for 2003–2016" in melding and "2007–2017" in melding and "offentlig sektor" in melding


def test_kilder_fra_serien_med_aar():
    s = pd.concat([_syss_serie(), _syss_serie("privat", range(2003, 2017))], ignore_index=True)
    tf = "SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking)"
    k = dekning.kilder(_full_dekning(), {}, s, 2007, 2016)
    assert k["sysselsetting"] == tf and k["sysselsetting_privat"] == tf
    assert k["endring"] == "SSB (sammenstilt av Telemarksforsking)"
    assert dekning.kilder(_full_dekning(), {}, s, 2018, 2022)["sysselsetting"] == "SSB tabell 11618"
    assert dekning.kilder(_full_dekning(), {}, s, 2007, 2020)["sysselsetting"] == f"{tf} (2007–2016) og SSB tabell 11618 (2017–2020)"
    assert k["sysselsetting_siste"] == "SSB tabell 11618"
    # A period after the population-change years names the source the database has.
    assert dekning.kilder(_full_dekning(), {}, s, 2018, 2022)["endring"] == "SSB (sammenstilt av Telemarksforsking)"
    blandet = _full_dekning(endring_flytting=(2015, 2023, 9, None, None), endring_balanser=(2005, 2014, 10, None, None))
    assert dekning.kilder(blandet, {}, s, 2010, 2020)["endring"] == (
        "SSB (sammenstilt av Telemarksforsking) (2010–2014) og SSB tabell 06913 (2015–2019)")
    assert dekning.kildenavn("SSB tabell 07459") == "SSB tabell 07459"


def test_andel_av_befolkningen():
    # Frøya 2007-2016 (the real CSV): net migration 2007..2015 = 729, population 1 Jan 2007 = 4 052.
    assert vekst.andel_prosent(729, 4052) == pytest.approx(17.9911, abs=1e-4)
    assert math.isnan(vekst.andel_prosent(5, 0)) and math.isnan(vekst.andel_prosent(None, 100))
    serie = vekst.andel_prosent(pd.Series([10.0, -5.0, None]), pd.Series([1000, 0, 50]))
    assert serie.iloc[0] == pytest.approx(1.0) and serie.iloc[1:].isna().all()


def test_ostby_med_netto_innflytting():
    # Only balances: the split is by all net migration, and the labels say so.
    g = be.OSTBY_INNFLYTTING
    assert be.ostby_kategori(1000, 1100, 60, g) == be.UTEN_INNFLYTTING
    assert be.ostby_kategori(1000, 1020, 60, g) == be.BARE_INNFLYTTING
    assert be.ostby_kategori(1000, 990, 60, g) == be.NEDGANG
    assert be.ostby_kategori(1000, 1100, None, g) == be.OSTBY_KUN_ENDRING_FLYTTING
    serie = be.ostby_kategori(pd.Series([1000, 1000]), pd.Series([1100, 1020]), pd.Series([60, 60]), g)
    assert serie.tolist() == [be.UTEN_INNFLYTTING, be.BARE_INNFLYTTING]
    alle = pd.DataFrame({"kommunenummer": ["a", "b"], "navn": ["A", "B"], "fylkesnavn": ["F", "F"],
                         "sentralitetsklasse": [1, 2], "folk_fra": [1000, 1000], "folk_til": [1100, 1020],
                         "folk_mangler": [False, False], "folk_estimat": [False, False],
                         "syss_fra": [None, None], "syss_til": [None, None], "syss_mangler": [True, True],
                         "syss_estimat": [False, False], "netto_innvandring": [None, None],
                         "netto_innflytting": [60.0, 60.0]})
    v = rangering.vekstmaal(alle, 2007, 2016)
    assert be.ostby_grunnlag(v) == g
    assert v["ostby"].tolist() == [be.UTEN_INNFLYTTING, be.BARE_INNFLYTTING]
    tabell = be.ostby_tabell(v)
    assert "Netto innflytting" in tabell and "Netto innvandring" not in tabell
    assert tabell["Kategori"].tolist() == ["Vekst uten innflytting", "Vekst pga. innflytting"]
    assert be.ostby_telling(v)["kategori"].tolist() == be.ostby_kategorier(g)
    from stadkraft import eksport
    assert eksport.csv_bytes(tabell, **tekster.csv_oppsett("ostby", g)).decode("utf-8-sig").splitlines()[0] == (
        "Kommune;Kategori;Endring;Netto innflytting;Anslag;Fylke")


def test_tilgjengelige_maal():
    v = pd.DataFrame({"befolkning_prosent": [1.0, None], "befolkning_arlig": [0.1, None],
                      "befolkning_personer": [5.0, None], "sysselsetting_prosent": [None, None],
                      "sysselsetting_arlig": [None, None], "sysselsetting_personer": [None, None]})
    assert list(rangering.tilgjengelige_maal(v)) == ["befolkning_prosent", "befolkning_arlig", "befolkning_personer"]
    v["sysselsetting_prosent"] = [2.0, None]
    assert "sysselsetting_prosent" in rangering.tilgjengelige_maal(v)


def test_csv_norske_overskrifter_ja_nei_og_avrunding():
    from stadkraft import eksport
    data = pd.DataFrame({"navn": ["Frøya", "Norge"], "aar": [2017, 2017], "verdi": [4937.0, 5258317.0],
                         "indeks": [121.83611, 110.04], "anslag": [False, True], "gruppe": ["kommune", "land"]})
    tekst = eksport.csv_bytes(data, **tekster.csv_oppsett("indeks")).decode("utf-8-sig")
    assert tekst.splitlines() == ["Navn;År;Verdi;Indeks;Anslag", "Frøya;2017;4937;121,8;nei",
                                  "Norge;2017;5258317;110,0;ja"]
    alle = pd.DataFrame({"kommunenummer": ["5014"], "navn": ["Frøya"], "sentralitetsklasse": [5],
                         "befolkning_arlig": [1.98765], "rang_befolkning_arlig": pd.array([3], "Int64"),
                         "klasserang_befolkning_arlig": pd.array([1], "Int64")})
    tekst = eksport.csv_bytes(alle, **tekster.csv_oppsett("rangering", "befolkning_arlig")).decode("utf-8-sig")
    assert tekst.splitlines() == ["Nr.;Kommune;Sentralitetsklasse;Befolkningsvekst, gjennomsnittlig årlig prosent;"
                                  "Plass;Plass i sentralitetsklassen", "5014;Frøya;5;1,99;3;1"]
    ostby = be.ostby_tabell(pd.DataFrame({"navn": ["A"], "fylkesnavn": ["F"], "ostby": [be.OSTBY_KUN_ENDRING],
                                             "befolkning_personer": [12.0], "netto_innvandring": [float("nan")],
                                             "folk_estimat": [True]}))
    assert eksport.csv_bytes(ostby, **tekster.csv_oppsett("ostby")).decode("utf-8-sig").splitlines() == [
        "Kommune;Kategori;Endring;Netto innvandring;Anslag;Fylke", "A;Vekst, ikke delt;12;;ja;F"]
    # Every header a download can have is Norwegian text, never a column name from the code.
    for hva in ("indeks", "komponenter", "ostby", "omstilling"):
        for overskrift in tekster.csv_oppsett(hva)["kolonner"].values():
            assert "_" not in overskrift and overskrift[0].isupper(), overskrift


def test_forhandsvalg_etter_data():
    valg = {v[0]: (v[1], v[2]) for v in perioder.forhandsvalg(1986, 2026)}
    assert valg["2007–2017"] == (2007, 2017)
    assert valg["2005–2016"] == (2005, 2016)
    assert valg["Siste 3 år"] == (2023, 2026) and valg["Siste 10 år"] == (2016, 2026)
    # Only presets the data covers.
    assert "2005–2016" not in {v[0] for v in perioder.forhandsvalg(2008, 2026)}


def test_vekstmaal_og_ostby_telling():
    alle = pd.DataFrame({
        "kommunenummer": ["a", "b", "c", "d"], "navn": list("ABCD"), "fylkesnavn": ["F"] * 4,
        "sentralitetsklasse": [1, 1, 2, 2],
        "folk_fra": [100, 200, 300, None], "folk_til": [110, 190, 303, 50],
        "folk_mangler": [False, False, False, True], "folk_estimat": [False] * 4,
        "netto_innvandring": [5, 5, 10, 0],
        "syss_fra": [None] * 4, "syss_til": [10, 20, 30, 40],
        "syss_mangler": [True] * 4, "syss_estimat": [False] * 4,
    })
    v = rangering.ranger(rangering.vekstmaal(alle, 2007, 2017), "befolkning_prosent")
    assert v["befolkning_prosent"].tolist()[:3] == pytest.approx([10.0, -5.0, 1.0])
    assert v["rang_befolkning_prosent"].tolist() == [1, 3, 2, pd.NA]
    assert v["klasserang_befolkning_prosent"].tolist() == [1, 2, 1, pd.NA]
    assert v["klasseantall_befolkning_prosent"].tolist() == [2, 2, 1, 1]
    assert v["ostby"].tolist() == [be.UTEN_INNVANDRING, be.NEDGANG, be.BARE_INNVANDRING, None]
    assert v["sysselsetting_prosent"].isna().all()
    tabell = be.ostby_tabell(v)
    assert tabell["Kategori"].tolist()[3] == "Mangler data" and tabell["Endring"].tolist()[0] == 10
    telling = be.ostby_telling(v).set_index("kategori")["kommuner"]
    assert telling.to_dict() == {be.UTEN_INNVANDRING: 1, be.BARE_INNVANDRING: 1, be.NEDGANG: 1}


def test_siste_sysselsetting():
    syss = pd.DataFrame({"aar": [2017, 2016, 2018, 2018], "naering": ["00-99", "00-99", "00-99", "10-33"],
                         "sysselsatte": [2805, 2700, None, 100], "kilde": ["estimat", "ssb", "mangler", "ssb"]})
    assert sysselsetting.siste_sysselsetting(syss) == (2017, 2805.0, True)  # a missing year is skipped
    assert sysselsetting.siste_sysselsetting(syss[syss["naering"] == "10-33"]) is None


def test_delta_stil_fra_fortegnet_ikke_teksten():
    # Streamlit reads "−6,2 %" (real minus) as positive: the arrow and colour come from the number.
    assert deler.delta_stil(-6.2) == {"delta_arrow": "down", "delta_color": "red"}
    assert deler.delta_stil(21.8) == {"delta_arrow": "up", "delta_color": "green"}
    for ingen in (float("nan"), None, pd.NA, 0.0, -0.04):  # missing, or shown as 0,0
        assert deler.delta_stil(ingen) == {"delta_arrow": "off", "delta_color": "gray"}


def _dekning(syss_aar, innvandring):
    return pd.DataFrame({"tabell": ["befolkning", "sysselsetting", "befolkningsendring"],
                         "forste": [1986, 2017, 2010], "siste": [2026, 2017, 2020],
                         "antall_aar": [41, syss_aar, 11], "antall_naeringer": [None, 0, None],
                         "har_innvandring": [None, None, innvandring]})


def test_kilder_uten_serien_gjetter_som_for():
    # A database without sysselsetting_serie rows (an older build): the guess from metadata.
    lokal = {"kilde": "lokal mappe /work/shared/data"}
    k = dekning.kilder(_dekning(1, False), lokal)  # one year of 13470, no components
    assert (k["befolkning"], k["sysselsetting"], k["endring"]) == ("SSB tabell 07459", "SSB tabell 13470",
                                                                  "SSB tabell 06913")
    ssb = dekning.kilder(_dekning(11, True), {"kilde": "SSB PxWebApi v2 (tabell 07459, 06913, 07984)"})
    assert (ssb["sysselsetting"], ssb["endring"]) == ("SSB tabell 07984", "SSB tabell 01223")
    # A Statistikkbanken export: the database does not say which employment table, so both are named.
    assert dekning.kilder(_dekning(8, False), lokal)["sysselsetting"] == "SSB tabell 07984 eller 13470"


def test_tabellformater_norsk_og_numerisk():
    t = be.ostby_tabell(pd.DataFrame({"navn": ["A"], "fylkesnavn": ["F"], "ostby": [be.NEDGANG],
                                         "befolkning_personer": [-1234.0], "netto_innvandring": [float("nan")],
                                         "folk_estimat": [False]}))
    assert t["Endring"].dtype.kind == "f"  # sorts by value
    vist = t.style.format(be.OSTBY_FORMAT, na_rep="–").to_html()
    assert "\u22121\u00a0234" in vist and "–" in vist
    assert omstilling.OMSTILLING_FORMAT["Nedgang, % av total"](25.0) == "25,0"
