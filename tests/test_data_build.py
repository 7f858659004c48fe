"""The statistics build: from the small fixture folder, from the real mirror, and every bad input."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from stadkraft.data import build, lokal
from stadkraft.data.__main__ import main as cli
from stadkraft.data.build import bygg
from stadkraft.data.feil import KildeFeil, ValideringsFeil

from .conftest import ANTALL_LITEN, KILDE_LITEN, statistikkbank_eksport


def sql(db: Path, sporring: str, *param):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sporring, list(param)).fetchall()
    finally:
        con.close()


# --- real data -------------------------------------------------------------------------------

def test_ekte_data_har_357_kommuner_med_unike_koder(ekte_db):
    assert sql(ekte_db, "SELECT count(*), count(DISTINCT kommunenummer) FROM kommune") == [(357, 357)]
    assert sql(ekte_db, "SELECT count(*) FROM kommunegrense") == [(357,)]
    assert sql(ekte_db, "SELECT count(*) FROM fylkesgrense") == [(15,)]


def test_ekte_data_norges_folkemengde_1_januar_2024(ekte_db):
    assert sql(ekte_db, "SELECT sum(folkemengde) FROM befolkning WHERE aar = 2024") == [(5550203,)]


def test_gruppeverdier_summert_ved_bygging(ekte_db):
    # Norway in 2024 is the sum of the municipalities; the counties hold all 357 once.
    assert sql(ekte_db, "SELECT verdi, n_kommuner, n_mangler FROM gruppeverdi WHERE maal = 'befolkning' "
                        "AND gruppe = 'land' AND aar = 2024") == [(5550203, 357, 0)]
    assert sql(ekte_db, "SELECT sum(n_kommuner) FROM gruppeverdi WHERE maal = 'befolkning' AND gruppe = 'fylke' "
                        "AND aar = 2024") == [(357,)]
    # Before 2005 the five split municipalities have no figure: Norway and Trøndelag are holes,
    # not sums of what is there; Oslo's county is whole.
    hull = dict(sql(ekte_db, "SELECT kode, verdi FROM gruppeverdi WHERE maal = 'befolkning' AND aar = 2000 "
                             "AND gruppe IN ('land', 'fylke') AND kode IN ('Norge', '50', '03')"))
    assert hull["Norge"] is None and hull["50"] is None and hull["03"] > 500_000
    # Hitra, Heim and Orkland are weighted splits in 2010: their estimated parts add up to the real
    # figures, so Trøndelag and Norway are exact, while a group holding only some of them is not.
    assert sql(ekte_db, "SELECT gruppe, n_estimat FROM gruppeverdi WHERE maal = 'befolkning' AND aar = 2010 "
                        "AND (gruppe, kode) IN (('fylke', '50'), ('land', 'Norge')) ORDER BY gruppe") == [("fylke", 0), ("land", 0)]
    assert sql(ekte_db, "SELECT max(n_estimat) FROM gruppeverdi WHERE maal = 'befolkning' AND aar = 2010 "
                        "AND gruppe IN ('sentralitet', 'region')")[0][0] > 0


def kildesum(kilde: Path, fil: str, kolonne: str, per: str = "aar", **filter_) -> dict[int, int]:
    """The sum of a column per year straight from a file of the offline mirror."""
    df = pd.read_csv(kilde / fil, dtype={"kommunenummer": str})
    for k, v in filter_.items():
        df = df[df[k] == v]
    return {int(a): int(v) for a, v in df.groupby(per)[kolonne].sum().items()}


def test_ekte_data_sysselsetting_referansetall(ekte_db):
    # The mirror's README: Frøya (1620 in 2017) 2016 = 2 648 jobs, 1 977 private; 2017 (11618) = 2 801.
    rader = sql(ekte_db, "SELECT aar, sektor, sysselsatte, kilde FROM sysselsetting WHERE kommunenummer = '5014' "
                         "AND naering = '00-99' AND aar IN (2016, 2017) ORDER BY aar, sektor")
    assert rader == [(2016, "alle", 2648, "ssb"), (2016, "offentlig", 671, "ssb"), (2016, "privat", 1977, "ssb"),
                     (2017, "alle", 2801, "ssb")]
    # Norway: all ages 2016 = 2 575 644; 15-74 in 2017 = 2 609 737 (README), also in gruppeverdi.
    assert sql(ekte_db, "SELECT aar, verdi, n_mangler FROM gruppeverdi WHERE maal = 'sysselsetting' AND gruppe = 'land' "
                        "AND aar IN (2016, 2017) ORDER BY aar") == [(2016, 2575644, 0), (2017, 2609737, 0)]


def test_ekte_data_hver_serie_har_kildens_sum_hvert_aar(ekte_db, kildemappe):
    # Harmonising to 2024 codes (merges summed, splits shared out in whole persons) loses no one.
    jobber = "sysselsetting/arbeidsplasser_arbeidssted_2003-2016_kommuner2017.csv"
    # (Rindal's 2019 is the one cell the source lacks; the build fills it, see the next test.)
    summer = dict(sql(ekte_db, "SELECT aar, sum(sysselsatte) FROM sysselsetting WHERE naering = '00-99' AND "
                               "sektor = 'alle' AND NOT (kommunenummer = '5061' AND aar = 2019) GROUP BY aar"))
    syss = kildesum(kildemappe, "sysselsetting/sysselsatte_15-74_arbeidssted_bosted_2017-2022.csv", "value", "Tid",
                    ContentsCode="SysselArbsted")
    assert summer == {**kildesum(kildemappe, jobber, "arbeidsplasser_alle"), **syss}
    assert dict(sql(ekte_db, "SELECT aar, sum(sysselsatte) FROM sysselsetting WHERE sektor = 'privat' GROUP BY aar")) \
        == kildesum(kildemappe, jobber, "arbeidsplasser_private")
    assert dict(sql(ekte_db, "SELECT aar, sum(sysselsatte) FROM sysselsatte_bosted "
                             "WHERE NOT (kommunenummer = '5061' AND aar = 2019) GROUP BY aar")) == \
        kildesum(kildemappe, "sysselsetting/sysselsatte_15-74_arbeidssted_bosted_2017-2022.csv", "value", "Tid",
                 ContentsCode="SysselBosted")
    endring = "befolkningsendring/befolkningsendring_2003-2016_kommuner2017.csv"
    for kolonne in ("folketilvekst", "fodselsoverskudd", "nettoinnflytting"):
        assert dict(sql(ekte_db, f"SELECT aar, sum({kolonne}) FROM befolkningsendring GROUP BY aar")) == \
            kildesum(kildemappe, endring, kolonne)
    assert dict(sql(ekte_db, "SELECT aar, sum(sysselsatte) FROM pendling GROUP BY aar")) == \
        kildesum(kildemappe, "pendling/pendling_arbeidssted_bosted_2017-2022.csv", "value", "Tid")


def test_ekte_data_ett_manglende_aar_fylles_som_anslag(ekte_db):
    # The mirror lists Rindal under its old code 1567 with 0 in 2019 (the year it changed county and
    # code) and has no row for 5061: the mean of 2018 and 2020, flagged, so Trøndelag and Norway
    # have a 2019 figure instead of a hole.
    rad = "SELECT aar, sysselsatte, kilde FROM sysselsetting WHERE kommunenummer = '5061' AND sektor = 'alle' " \
          "AND aar BETWEEN 2018 AND 2020 ORDER BY aar"
    assert sql(ekte_db, rad) == [(2018, 840, "ssb"), (2019, round((840 + 833) / 2), "estimat"), (2020, 833, "ssb")]
    assert sql(ekte_db, "SELECT count(*) FROM gruppeverdi WHERE maal = 'sysselsetting' AND gruppe IN ('land', 'fylke') "
                        "AND verdi IS NULL") == [(0,)]


def test_ekte_data_aalesund_og_haram_er_ikke_halvparter(ekte_db):
    # The mirror's mapping shares old Ålesund (1504) and old Haram (1534) 0.5/0.5 via their 2020
    # merger; SSB's grouping and SSB's own population figures show they were never split. Only
    # 2020-2023's Ålesund (1507) is shared, by the two municipalities' populations.
    rad = "SELECT kommunenummer, vekt FROM kodeendring WHERE kommunenummer_original = ? AND aar = ? ORDER BY 1"
    assert sql(ekte_db, rad, "1534", 2017) == [("1580", 1.0)]
    assert sql(ekte_db, rad, "1504", 2010) == [("1508", 1.0)]
    [(_, aalesund), (_, haram)] = sql(ekte_db, rad, "1507", 2021)
    folk = dict(sql(ekte_db, "SELECT kommunenummer, folkemengde FROM befolkning WHERE aar = 2021 "
                             "AND kommunenummer IN ('1508', '1580')"))
    assert haram == pytest.approx(folk["1580"] / (folk["1508"] + folk["1580"])) and aalesund + haram == pytest.approx(1)
    # Snillfjord (1613) was really split: its constant weights stay.
    assert sql(ekte_db, rad, "1613", 2010) == [("5055", 0.35), ("5056", 0.35), ("5059", 0.3)]
    assert sql(ekte_db, "SELECT sysselsatte, kilde FROM sysselsetting WHERE kommunenummer = '1580' AND aar = 2016 "
                        "AND sektor = 'alle'")[0][1] == "ssb"


def test_ekte_data_offentlig_er_alle_minus_private(ekte_db):
    assert sql(ekte_db, """SELECT count(*) FROM sysselsetting a JOIN sysselsetting p USING (kommunenummer, aar, naering)
                           JOIN sysselsetting o USING (kommunenummer, aar, naering)
                           WHERE a.sektor = 'alle' AND p.sektor = 'privat' AND o.sektor = 'offentlig'
                             AND o.sysselsatte <> a.sysselsatte - p.sysselsatte""") == [(0,)]
    assert sql(ekte_db, "SELECT min(aar), max(aar), count(*) FROM sysselsetting WHERE sektor = 'offentlig'") == \
        [(2003, 2016, 357 * 14)]


def test_ekte_data_brudd_i_sysselsettingsserien(ekte_db):
    # 2015: a-ordningen; 2017: 11618 (15-74) takes over from the register series (all ages).
    brudd = sql(ekte_db, "SELECT aar, brudd FROM sysselsetting_serie WHERE sektor = 'alle' AND brudd IS NOT NULL "
                         "ORDER BY aar")
    assert [a for a, _ in brudd] == [2015, 2017]
    assert "a-ordningen" in brudd[0][1] and "11618" in brudd[1][1] and "15–74" in brudd[1][1]
    assert sql(ekte_db, "SELECT aar, tabell FROM sysselsetting_serie WHERE sektor = 'alle' AND aar IN (2016, 2017) "
                        "ORDER BY aar") == [(2016, "SSB registerbasert sysselsetting (sammenstilt av Telemarksforsking)"),
                                            (2017, "SSB tabell 11618")]


def test_ekte_data_befolkningsendring_og_nettoinnvandring(ekte_db):
    # README: Norway 2016 natural increase 18 139 (SSB: 18 141, rounding in the source), net immigration 26 070.
    assert sql(ekte_db, "SELECT verdi FROM gruppeverdi WHERE maal = 'fodselsoverskudd' AND gruppe = 'land' "
                        "AND aar = 2016") == [(18139,)]
    assert sql(ekte_db, "SELECT nettoinnvandring FROM nettoinnvandring_land WHERE aar = 2016") == [(26070,)]
    assert sql(ekte_db, "SELECT count(DISTINCT kommunenummer), min(aar), max(aar) FROM befolkningsendring") == \
        [(357, 2003, 2016)]
    # 2016's change comes from the rate, not from consecutive 1 January figures: flagged as inexact.
    assert sql(ekte_db, "SELECT DISTINCT folketilvekst_eksakt FROM befolkningsendring WHERE aar = 2016") == [(False,)]
    assert sql(ekte_db, "SELECT folketilvekst_eksakt FROM befolkningsendring WHERE kommunenummer = '5014' "
                        "AND aar = 2010") == [(True,)]


def test_ekte_data_delte_kommuner_er_anslag_som_summerer_til_kilden(ekte_db, kildemappe):
    # Snillfjord (1613 in 2017) was split in 2020 between Heim, Hitra and Orkland: its jobs are shared
    # out by the mapping's weights, flagged as estimates, and add up to the source's figure.
    kilde = pd.read_csv(kildemappe / "sysselsetting/arbeidsplasser_arbeidssted_2003-2016_kommuner2017.csv",
                        dtype={"kommunenummer": str})
    kart = pd.read_csv(kildemappe / "kodeendringer/kommunekode_til_2024_per_aar.csv", dtype=str).query("year == '2017'")
    tre = {"5055", "5056", "5059"}
    gamle = set(kart[kart["kommunenummer_2024"].isin(tre)]["kommunenummer_original"])
    assert "1613" in gamle and set(kart[kart["kommunenummer_original"] == "1613"]["kommunenummer_2024"]) == tre
    i_kilden = int(kilde[kilde["kommunenummer"].isin(gamle) & (kilde["aar"] == 2010)]["arbeidsplasser_alle"].sum())
    assert sql(ekte_db, "SELECT sum(sysselsatte) FROM sysselsetting WHERE aar = 2010 AND sektor = 'alle' "
                        "AND kommunenummer IN ('5055', '5056', '5059')") == [(i_kilden,)]
    assert {k for (k,) in sql(ekte_db, "SELECT kommunenummer FROM sysselsetting WHERE aar = 2010 AND "
                                       "kilde = 'estimat'")} >= {"5055", "5056", "5059"}
    assert sql(ekte_db, "SELECT count(*) FROM sysselsetting WHERE naering = '00-99' AND sysselsatte = 0") == [(0,)]


def test_ekte_data_froya_2007_2017(ekte_db):
    rader = sql(ekte_db, "SELECT aar, folkemengde FROM befolkning WHERE kommunenummer = '5014' AND aar IN (2007, 2017) ORDER BY aar")
    assert rader == [(2007, 4052), (2017, 4937)]
    assert round(100 * (4937 - 4052) / 4052, 1) == 21.8


def test_ekte_data_flagg_for_anslag_og_manglende_celler(ekte_db):
    # Heim (5055) was split out of old municipalities: 1986-2004 missing, 2005-2019 estimated.
    assert sql(ekte_db, "SELECT kilde, folkemengde IS NULL FROM befolkning WHERE kommunenummer='5055' AND aar=2000") == [("mangler", True)]
    assert sql(ekte_db, "SELECT kilde FROM befolkning WHERE kommunenummer='5055' AND aar=2010") == [("estimat",)]
    assert sql(ekte_db, "SELECT kilde FROM befolkning WHERE kommunenummer='5014' AND aar=2010") == [("ssb",)]


def test_ekte_data_register_og_naboer(ekte_db):
    frøya = sql(ekte_db, "SELECT navn, fylkesnummer, sentralitetsklasse, ba_regionnavn FROM kommune WHERE kommunenummer='5014'")
    assert frøya == [("Frøya", "50", 6, "Hitra")]
    assert sql(ekte_db, "SELECT count(*) FROM kommune WHERE ba_region IS NOT NULL")[0][0] >= 350
    assert sql(ekte_db, "SELECT count(*) FROM nabo WHERE kommunenummer='0301' AND nabo='3201'") == [(1,)]
    assert sql(ekte_db, "SELECT count(*) FROM kodeendring WHERE kommunenummer_original='1507' AND aar=2020") == [(2,)]


# --- the small fixture folder ----------------------------------------------------------------

def test_fixtur_bygges_med_flagg(fixtur_db):
    assert sql(fixtur_db, "SELECT count(*) FROM kommune") == [(ANTALL_LITEN,)]
    assert sql(fixtur_db, "SELECT count(*) FROM befolkning") == [(ANTALL_LITEN * 20,)]
    assert sql(fixtur_db, "SELECT kilde FROM befolkning WHERE kommunenummer='5056' AND aar=2008") == [("estimat",)]
    assert sql(fixtur_db, "SELECT kilde, folkemengde FROM befolkning WHERE kommunenummer='1580' AND aar=2005") == [("mangler", None)]
    meta = dict(sql(fixtur_db, "SELECT noekkel, verdi FROM metadata"))
    assert meta["dataens_dato"] == "Folkemengde per 1. januar 2024"


def test_fixtur_statistikkbank_eksport_fyller_kjernetabellene(fixtur_db):
    # 07984 export: Frøya all industries 2015 = 1600 + 800; it replaces the folder's 2015 and 2017 cells.
    alle = "SELECT sysselsatte FROM sysselsetting WHERE kommunenummer='5014' AND aar=? AND naering='00-99' AND sektor='alle'"
    assert sql(fixtur_db, alle, 2015) == [(2400,)]
    assert sql(fixtur_db, alle, 2017) == [(1300 + 810,)]
    assert sql(fixtur_db, "SELECT fodte, dode FROM befolkningsendring WHERE kommunenummer='5014' AND aar=2015") == [(50, 40)]
    # The export's years are 07984's in the series table; the change of source in 2015 is a break.
    assert sql(fixtur_db, "SELECT tabell, brudd LIKE 'Ny kilde fra 2015%' FROM sysselsetting_serie "
                          "WHERE aar = 2015 AND sektor = 'alle'") == [("SSB tabell 07984", True)]


def test_fixtur_serier_fra_mappa(fixtur_db):
    # The 2003-2016 file is on 2017 codes: Bærum (0219) and Frøya (1620) land on 3201 and 5014.
    rad = "SELECT sektor, sysselsatte FROM sysselsetting WHERE kommunenummer = ? AND aar = ? ORDER BY sektor"
    assert sql(fixtur_db, rad, "3201", 2010) == [("alle", 9100), ("offentlig", 2050), ("privat", 7050)]
    # 11618 is on each year's codes: 2020's Ålesund (1507, 4 181) is the only code behind both
    # Ålesund and Haram, so it is shared by their populations (67 500 and 8 850 in 2020), in whole
    # persons that add up, and flagged.
    assert sql(fixtur_db, "SELECT kommunenummer, sysselsatte, kilde FROM sysselsetting WHERE aar = 2020 "
                          "AND kommunenummer IN ('1508', '1580') ORDER BY 1") == [("1508", 3696, "estimat"),
                                                                              ("1580", 485, "estimat")]
    # A code SSB lists with 0 in a year it did not exist (Frøya's old 1620 in 2018) is no figure.
    assert sql(fixtur_db, "SELECT sysselsatte FROM sysselsatte_bosted WHERE kommunenummer='5014' AND aar=2018") \
        == [(round(2310 * 0.9),)]
    # Commuting: both ends on 2024 codes; Frøya's old 1620 -> 5014, Hitra's 1617 -> 5056.
    assert sql(fixtur_db, "SELECT bostedskommune, arbeidskommune, sysselsatte FROM pendling WHERE aar = 2017 "
                          "AND arbeidskommune = '5014' ORDER BY 1") == [("5014", "5014", 2199), ("5056", "5014", 101)]
    assert sql(fixtur_db, "SELECT sum(sysselsatte) FROM pendling WHERE aar = 2020") == [(3100 + 4000 + 3 + 7,)]
    assert sql(fixtur_db, "SELECT nettoinnvandring FROM nettoinnvandring_land WHERE aar = 2016") == [(31000,)]


def test_fixtur_balanser_fra_delene(fixtur_db):
    # 2014 from the folder's balances; 2015 from the 06913 export's parts: 50 - 40 born, 300 - 250 moved.
    rad = ("SELECT folketilvekst, fodselsoverskudd, nettoinnflytting, folketilvekst_eksakt FROM befolkningsendring "
           "WHERE kommunenummer = '5014' AND aar = ?")
    assert sql(fixtur_db, rad, 2014) == [(19 + 2, 19, 2, True)]
    assert sql(fixtur_db, rad, 2015) == [(60, 10, 50, True)]


def test_fixtur_06913_uten_innvandring_er_ikke_manglende(fixtur_db):
    # 06913 never has immigration/emigration; a row with births, deaths and migration is still known.
    assert sql(fixtur_db, "SELECT kilde, innvandring FROM befolkningsendring WHERE kommunenummer='5014' AND aar=2015") == [("ssb", None)]
    # Hitra 2023 has ".." for deaths: that row is missing.
    assert sql(fixtur_db, "SELECT kilde FROM befolkningsendring WHERE kommunenummer='5056' AND aar=2023") == [("mangler",)]


def test_fixtur_sier_at_landstall_ikke_er_kontrollert(fixtur_db):
    # The folder has no national totals, so the sum check cannot run; the database says so.
    meta = dict(sql(fixtur_db, "SELECT noekkel, verdi FROM metadata"))
    assert meta["kontroll_landstall"].startswith("ikke kontrollert")
    assert "landstall" in meta["kontroll_landstall"]


def test_database_kan_bygges_paa_nytt_og_erstattes(tmp_path):
    db = tmp_path / "s.duckdb"
    bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
    forste = db.stat().st_mtime_ns
    bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
    assert db.stat().st_mtime_ns >= forste
    assert not list(tmp_path.glob("*.ny-*")), "the temporary file is cleaned up"


# --- bad inputs: clear message, previous database untouched ----------------------------------

@pytest.fixture
def kilde(tmp_path) -> Path:
    mappe = tmp_path / "kilde"
    shutil.copytree(KILDE_LITEN, mappe)
    return mappe


@pytest.fixture
def gammel_db(tmp_path) -> Path:
    db = tmp_path / "gammel.duckdb"
    bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
    return db


BEFOLKNING = "befolkning/folkemengde_1jan_kommuner2024_1986-2026.csv"


def bytt_linje(fil: Path, nr: int, ny: str) -> None:
    linjer = fil.read_text(encoding="utf-8").splitlines()
    linjer[nr - 1] = ny
    fil.write_text("\n".join(linjer) + "\n", encoding="utf-8")


def bygg_feiler(kilde: Path, db: Path, feiltype=KildeFeil):
    for_ = db.read_bytes()
    with pytest.raises(feiltype) as e:
        bygg(kilde, db, forventet_antall=ANTALL_LITEN)
    assert db.read_bytes() == for_, "the previous database must be left in place"
    assert not list(db.parent.glob("*.ny-*"))
    return e.value


def test_manglende_fil_navngis(kilde, gammel_db):
    (kilde / BEFOLKNING).unlink()
    feil = bygg_feiler(kilde, gammel_db)
    assert "folkemengde_1jan_kommuner2024_1986-2026.csv" in str(feil) and "mangler" in str(feil)


def test_ikke_tall_i_folkemengde_gir_fil_og_rad(kilde, gammel_db):
    bytt_linje(kilde / BEFOLKNING, 5, "0301,2008,sekstitusen,ssb_07459_agg_KommSummer")
    feil = bygg_feiler(kilde, gammel_db)
    assert feil.rad == 5 and "population_jan1" in str(feil) and "sekstitusen" in str(feil)


def test_negativ_folkemengde_avvises(kilde, gammel_db):
    bytt_linje(kilde / BEFOLKNING, 3, "0301,2006,-5,ssb_07459_agg_KommSummer")
    assert bygg_feiler(kilde, gammel_db).rad == 3


def test_ukjent_kildeflagg_avvises(kilde, gammel_db):
    bytt_linje(kilde / BEFOLKNING, 2, "0301,2005,600000,hentet_fra_luften")
    feil = bygg_feiler(kilde, gammel_db)
    assert feil.rad == 2 and "kildeflagg" in str(feil)


def test_manglende_aar_for_en_kommune_stopper_valideringen(kilde, gammel_db):
    fil = kilde / BEFOLKNING
    linjer = fil.read_text().splitlines()
    fil.write_text("\n".join(l for l in linjer if not l.startswith("5014,2010,")) + "\n")
    assert "5014" in str(bygg_feiler(kilde, gammel_db, ValideringsFeil))


def test_doble_koder_avvises(kilde, gammel_db):
    fil = kilde / BEFOLKNING
    fil.write_text(fil.read_text() + "5014,2010,4500,ssb_07459_agg_KommSummer\n")
    assert "to ganger" in str(bygg_feiler(kilde, gammel_db))


def test_ugyldig_geojson_navngis(kilde, gammel_db):
    (kilde / "kart/kommuner2024_S.geojson").write_text('{"type": "FeatureCollection", "features": [')
    feil = bygg_feiler(kilde, gammel_db)
    assert "kommuner2024_S.geojson" in str(feil) and "GeoJSON" in str(feil)


def test_kartobjekt_uten_kommunenummer_avvises(kilde, gammel_db):
    fil = kilde / "kart/kommuner2024_S.geojson"
    doc = json.loads(fil.read_text())
    del doc["features"][2]["properties"]["kommunenummer"]
    fil.write_text(json.dumps(doc))
    assert "nr. 3" in str(bygg_feiler(kilde, gammel_db))


def test_feil_antall_kommuner_gir_valideringsfeil(kilde, gammel_db):
    for_ = gammel_db.read_bytes()
    with pytest.raises(ValideringsFeil, match="357"):
        bygg(kilde, gammel_db)  # the fixture has 6, the 2024 structure 357
    assert gammel_db.read_bytes() == for_


def test_kommandolinja_skriver_feilen_og_beholder_databasen(kilde, gammel_db, capsys):
    (kilde / "sentralitet/sentralitet_kommuner2024.csv").write_text("kom2024,sent_klasse,sent_indeks\n0301,9,1000\n")
    for_ = gammel_db.read_bytes()
    kode = cli(["build", "--kilde", str(kilde), "--db", str(gammel_db), "--antall-kommuner", str(ANTALL_LITEN)])
    err = capsys.readouterr().err
    assert kode == 1
    assert "sentralitet_kommuner2024.csv, rad 2" in err and "forrige databasen er beholdt" in err
    assert gammel_db.read_bytes() == for_


def test_kommandolinja_bygger(tmp_path, capsys):
    db = tmp_path / "ny.duckdb"
    assert cli(["build", "--kilde", str(KILDE_LITEN), "--db", str(db), "--antall-kommuner", str(ANTALL_LITEN)]) == 0
    ut = capsys.readouterr()
    assert "Bygget" in ut.out and db.exists()
    # The folder has no national totals: the output says the sum check was not run.
    assert "Landstall: ikke kontrollert" in ut.out
    # The progress bar ends full: as many steps as the build reports.
    ferdig, totalt = re.findall(r"(\d+)/(\d+)", ut.err)[-1]
    assert ferdig == totalt


def test_fremdrift_har_like_mange_steg_som_totalen(tmp_path):
    steg = []
    bygg(KILDE_LITEN, tmp_path / "s.duckdb", forventet_antall=ANTALL_LITEN, fremdrift=steg.append)
    assert tuple(steg) == build.STEG_MAPPE


def test_ukjent_kildemappe(tmp_path):
    with pytest.raises(KildeFeil, match="finnes ikke"):
        bygg(tmp_path / "finnes-ikke", tmp_path / "x.duckdb")


def test_egen_tabell_fra_statistikkbanken(tmp_path):
    eksport = statistikkbank_eksport(tmp_path / "12345_egen.csv", "12345: Ledighet, etter region, statistikkvariabel og år",
                                     '"region";"statistikkvariabel";"2022";"2023"', '"5014 Frøya";"Ledige (prosent)";1,5;2,0')
    db = tmp_path / "s.duckdb"
    bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN, ekstra_csv=[eksport])
    assert sql(db, "SELECT tabell, kommunenummer, aar, verdi FROM egen_tabell ORDER BY aar") == [
        ("12345", "5014", 2022, 1.5), ("12345", "5014", 2023, 2.0)]


def test_oedelagt_statistikkbank_eksport_navngir_fil_og_linje(kilde, gammel_db):
    fil = kilde / "statistikkbanken/06913_befolkningsendringer.csv"
    linjer = fil.read_bytes().decode("latin-1").split("\r\n")
    linjer[3] = linjer[3].replace(";50;", ";femti;")
    fil.write_bytes("\r\n".join(linjer).encode("latin-1"))
    feil = bygg_feiler(kilde, gammel_db)
    assert "06913_befolkningsendringer.csv" in str(feil) and feil.rad == 4


# --- duplicate codes: a clear message naming file, row and code, never a database traceback ----

SENTRALITET = "sentralitet/sentralitet_kommuner2024.csv"
SYSSELSETTING = "sysselsetting/arbeidsplasser_arbeidssted_2003-2016_kommuner2017.csv"
KOMMUNEKART = "kart/kommuner2024_S.geojson"


def test_dobbel_rad_i_sentralitet_navngir_fil_rad_og_kode(kilde, gammel_db):
    fil = kilde / SENTRALITET
    fil.write_text(fil.read_text() + "5014,5,531\n")  # row 8; 5014 is first on row 4
    feil = bygg_feiler(kilde, gammel_db)
    assert "sentralitet_kommuner2024.csv" in str(feil) and feil.rad == 8
    assert "5014" in feil.melding and "rad 4" in feil.melding and "Fjern" in feil.melding


def test_dobbel_kommune_i_sysselsetting_navngir_fil_rad_og_kode(kilde, gammel_db):
    fil = kilde / SYSSELSETTING
    fil.write_text(fil.read_text() + "1534,Haram,2010,1100,900\n")  # row 74; first on row 43
    feil = bygg_feiler(kilde, gammel_db)
    assert "arbeidsplasser_arbeidssted_2003-2016_kommuner2017.csv" in str(feil) and feil.rad == 74
    assert "1534" in feil.melding and "rad 43" in feil.melding


def test_flere_private_enn_alle_arbeidsplasser_avvises(kilde, gammel_db):
    bytt_linje(kilde / SYSSELSETTING, 2, "0301,Oslo,2005,20000,20001")
    feil = bygg_feiler(kilde, gammel_db)
    assert feil.rad == 2 and "private" in feil.melding


def test_ukjent_innhold_i_11618_avvises(kilde, gammel_db):
    fil = kilde / "sysselsetting/sysselsatte_15-74_arbeidssted_bosted_2017-2022.csv"
    bytt_linje(fil, 3, "0301,0,15-74,SysselArbeid,2017,100")
    feil = bygg_feiler(kilde, gammel_db)
    assert feil.rad == 3 and "SysselArbeid" in feil.melding


def test_komponenter_som_ikke_summerer_avvises(kilde, gammel_db):
    fil = kilde / "befolkningsendring/befolkningsendring_2003-2016_kommuner2017.csv"
    bytt_linje(fil, 2, "0301,Oslo,2005,1000,31,10,20,0.1,0.01,True")
    feil = bygg_feiler(kilde, gammel_db)
    assert feil.rad == 2 and "folketilveksten" in feil.melding


def test_dobbel_celle_i_pendling_avvises(kilde, gammel_db):
    fil = kilde / "pendling/pendling_arbeidssted_bosted_2017-2022.csv"
    fil.write_text(fil.read_text() + "0301,0219,Sysselsatte,2017,5\n")
    feil = bygg_feiler(kilde, gammel_db)
    assert feil.rad == 10 and "0219" in feil.melding and "rad 2" in feil.melding


def test_dobbelt_kartobjekt_navngir_objekt_og_kode(kilde, gammel_db):
    fil = kilde / KOMMUNEKART
    doc = json.loads(fil.read_text())
    doc["features"].append(doc["features"][2])
    fil.write_text(json.dumps(doc))
    feil = bygg_feiler(kilde, gammel_db)
    assert "kommuner2024_S.geojson" in str(feil)
    assert "nr. 7" in feil.melding and "nr. 3" in feil.melding and "5014" in feil.melding


def test_dobbel_rad_via_kommandolinja_gir_melding_ikke_traceback(kilde, gammel_db, capsys):
    fil = kilde / SENTRALITET
    fil.write_text(fil.read_text() + "0301,1,1000\n")
    for_ = gammel_db.read_bytes()
    kode = cli(["build", "--kilde", str(kilde), "--db", str(gammel_db), "--antall-kommuner", str(ANTALL_LITEN)])
    err = capsys.readouterr().err
    assert kode == 1
    assert "sentralitet_kommuner2024.csv, rad 8" in err and "0301" in err and "forrige databasen er beholdt" in err
    assert "Traceback" not in err and "ConstraintException" not in err
    assert gammel_db.read_bytes() == for_


def test_doble_noekler_ved_skriving_blir_valideringsfeil(kilde, gammel_db, monkeypatch):
    # Safety net for a reader without its own check: the database's key constraint becomes a message.
    ekte = lokal.les_nettoinnvandring

    def med_dobbel_rad(mappe):
        df = ekte(mappe)
        return pd.concat([df, df[df["aar"] == 2010]], ignore_index=True)
    monkeypatch.setattr(lokal, "les_nettoinnvandring", med_dobbel_rad)
    feil = bygg_feiler(kilde, gammel_db, ValideringsFeil)
    assert "nettoinnvandring_land" in str(feil) and "to ganger" in str(feil) and "2010" in str(feil)


def test_gruppeverdi_bruker_ssbs_landstall_der_kilden_har_det(tmp_path):
    from stadkraft.data.skjema import DDL, GRUPPEVERDI

    con = duckdb.connect(str(tmp_path / "g.duckdb"))
    con.execute(DDL)
    con.execute("INSERT INTO kommune VALUES ('5014', 'Frøya', '50', 'Trøndelag', 6, 500, NULL, NULL), "
                "('5056', 'Hitra', '50', 'Trøndelag', 6, 500, NULL, NULL)")
    # 2000: Hitra has no figure (a split municipality before 2005); 2010: both have one.
    con.execute("INSERT INTO befolkning VALUES ('5014', 2000, 3500, 'ssb'), ('5056', 2000, NULL, 'mangler'), "
                "('5014', 2010, 4500, 'ssb'), ('5056', 2010, 4600, 'estimat')")
    con.execute(GRUPPEVERDI)
    rad = "SELECT aar, verdi, n_estimat, n_mangler FROM gruppeverdi WHERE gruppe = ? ORDER BY aar"
    assert con.execute(rad, ["land"]).fetchall() == [(2000, None, 0, 1), (2010, 9100, 0, 0)]
    assert con.execute(rad, ["sentralitet"]).fetchall() == [(2000, None, 0, 1), (2010, 9100, 1, 0)]
    # With SSB's national figures (an SSB build), Norway has a value even where a member has none.
    con.execute("DELETE FROM gruppeverdi")
    con.execute("INSERT INTO befolkning_land VALUES (2000, 4478497), (2010, 4858199)")
    con.execute(GRUPPEVERDI)
    assert con.execute(rad, ["land"]).fetchall() == [(2000, 4478497, 0, 1), (2010, 4858199, 0, 0)]
    con.close()


# --- a header-only file, and what a build killed with -9 leaves -------------------------------

def test_befolkning_med_bare_overskrift_gir_klar_melding(kilde, gammel_db, capsys):
    fil = kilde / BEFOLKNING
    fil.write_text(fil.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    feil = bygg_feiler(kilde, gammel_db)
    assert "folkemengde_1jan_kommuner2024_1986-2026.csv" in str(feil) and "bare overskriftsraden" in str(feil)
    # From the command line: the message in Norwegian and exit code 1, no traceback.
    kode = cli(["build", "--kilde", str(kilde), "--db", str(gammel_db), "--antall-kommuner", str(ANTALL_LITEN)])
    err = capsys.readouterr().err
    assert kode == 1 and "bare overskriftsraden" in err and "Traceback" not in err


def test_tom_befolkning_fra_annen_kilde_gir_klar_melding(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    ekte = build.les_kilde

    def uten_rader(*a, **kw):
        data = ekte(*a, **kw)
        data.befolkning = data.befolkning.iloc[0:0]
        return data
    monkeypatch.setattr(build, "les_kilde", uten_rader)
    with pytest.raises(KildeFeil, match="ingen rader med folkemengde"):
        bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
    assert not db.exists()


def _dod_pid() -> int:
    """The id of a process that has ended (and is not reused this instant)."""
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_neste_bygging_rydder_det_en_drept_bygging_etterlot(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    dod = _dod_pid()
    (tmp_path / f"s.duckdb.ny-{dod}").write_bytes(b"halvskrevet")
    (tmp_path / f"s.duckdb.ny-{dod}.wal").write_bytes(b"wal")
    annen = tmp_path / "annen.duckdb.ny-1"  # another database's file is not ours to remove
    annen.write_bytes(b"x")
    lever = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        pagaende = tmp_path / f"s.duckdb.ny-{lever.pid}"  # a build still running keeps its file
        pagaende.write_bytes(b"under arbeid")
        bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
        rester = sorted(p.name for p in tmp_path.glob("s.duckdb.*"))
        assert rester == [pagaende.name]
        assert annen.exists()
    finally:
        lever.kill()
        lever.wait()
    assert sql(db, "SELECT count(*) FROM kommune") == [(ANTALL_LITEN,)]


def test_bygging_drept_med_kill_9_ryddes_neste_gang(tmp_path):
    """A real kill -9 in the middle of a build: the next build removes `.ny-<pid>` and succeeds."""
    import os
    import signal
    import subprocess
    import sys
    import time

    db = tmp_path / "s.duckdb"
    bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
    for_ = db.read_bytes()
    # The build stops for good in validation, after the new file is written: then it is killed.
    kode = ("import sys, time\n"
            "from stadkraft.data import build, validering\n"
            "validering.valider = lambda *a, **k: time.sleep(600)\n"
            f"build.bygg({str(KILDE_LITEN)!r}, __import__('pathlib').Path({str(db)!r}), forventet_antall={ANTALL_LITEN})\n")
    p = subprocess.Popen([sys.executable, "-c", kode], cwd=Path(__file__).resolve().parents[1])
    try:
        frist = time.monotonic() + 120
        while not list(tmp_path.glob("s.duckdb.ny-*")) and time.monotonic() < frist and p.poll() is None:
            time.sleep(0.1)
        assert list(tmp_path.glob(f"s.duckdb.ny-{p.pid}")), "the build got as far as writing its new file"
    finally:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
    assert list(tmp_path.glob("s.duckdb.ny-*")), "kill -9 leaves the half-written file"
    assert db.read_bytes() == for_, "and the database in place"
    bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
    assert not list(tmp_path.glob("s.duckdb.ny-*"))
    assert sql(db, "SELECT count(*) FROM kommune") == [(ANTALL_LITEN,)]


def test_snapshot_drept_midt_i_byttet_faar_det_gamle_tilbake(tmp_path):
    from stadkraft.data import snapshot

    mappe = tmp_path / "kilder"
    dod = _dod_pid()
    # Killed after moving the old snapshot aside and before the new one was in place.
    gammel = tmp_path / f"kilder.gammel-{dod}"
    gammel.mkdir()
    (gammel / "manifest.json").write_text('{"tabeller": {}}')
    (tmp_path / f"kilder.ny-{dod}").mkdir()
    from stadkraft.data.rydding import rydd_etterlatte

    fjernet = rydd_etterlatte(mappe)
    assert (mappe / "manifest.json").exists(), "the previous snapshot is put back"
    assert [p.name for p in fjernet] == [f"kilder.ny-{dod}"]
    snapshot.skriv({"befolkning": pd.DataFrame({"kommunenummer": ["5014"], "aar": [2024], "folkemengde": [5000],
                                                "kilde": ["ssb"]})}, mappe)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kilder"]
