"""queries/vekst_*.sql on a hand-made database whose sums can be checked by hand, and the
reference figure on the real data (Frøya 2007 -> 2017: 4 052 -> 4 937, +21,8 %)."""
import json
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from stadkraft import db
from stadkraft.beregning import befolkningsendring as be
from stadkraft.beregning import dekning, omstilling, rangering, sysselsetting, vekst
from stadkraft.data.skjema import DDL, GRUPPEVERDI

# Three municipalities. Frøya and Hitra: county 50, BA region 102; Oslo: county 03.
# Frøya and Oslo are centrality class 1 here (so the class sum is Frøya + Oslo).
KOMMUNER = [
    ("5014", "Frøya", "50", "Trøndelag", 1, 500, "102", "Hitra"),
    ("5056", "Hitra", "50", "Trøndelag", 2, 450, "102", "Hitra"),
    ("0301", "Oslo", "03", "Oslo", 1, 1000, "001", "Oslo"),
]
BEFOLKNING = {  # 2010..2016
    "5014": [1000, 1100, 1200, 1300, 1400, 1500, 1600],
    "5056": [2000, None, 2200, 2300, 2400, 2500, 2600],   # 2011 missing
    "0301": [10000, 10100, 10200, 10300, 10400, 10500, 10600],
}
ANSLAG = {("5056", 2016)}  # an estimated cell
# Frøya: industry 10-33 falls 400 -> 200 from 2011 to 2014 (200 persons, 20 % of 1 000) and
# 350 -> 200 from 2012 to 2015 (150 persons, 15.3 % of 980); the total never falls 15 %.
SYSSELSETTING = [(aar, "00-99", t) for aar, t in zip(range(2010, 2017), [1000, 1000, 980, 960, 900, 900, 920])] + \
                [(aar, "10-33", t) for aar, t in zip(range(2010, 2017), [400, 400, 350, 300, 200, 200, 200])] + \
                [(aar, "85", 300) for aar in range(2010, 2017)] + [(2013, "03.2", 50)]
# Frøya's components 2010..2015 (events in the year); Hitra's lack immigration (a 06913 export).
ENDRING = [("5014", aar, 20, 10, 100, 80, 70, 0) for aar in range(2010, 2016)] + \
          [("5056", aar, 30, 20, 200, 110, None, None) for aar in range(2010, 2016)]
# Only the balances (natural increase, all net migration), as the real 2003-2016 series has them.
# Frøya: +10 and +90 a year; Hitra the same; Oslo -20 and +120 (it grows only by migration).
BALANSER = [(kode, aar, f, n) for aar in range(2010, 2016)
            for kode, f, n in (("5014", 10, 90), ("5056", 10, 90), ("0301", -20, 120))]
# Private jobs 2010-2015 (the register series; public = all - private); all jobs change source in 2016.
PRIVAT = {"5014": [600, 600, 590, 580, 540, 540], "5056": [1500] * 6, "0301": [1500] * 6}
REGISTER = "SSB registerbasert sysselsetting (sammenstilt av Telemarksforsking)"
A_ORDNINGEN = "SSB gikk over til a-ordningen som kilde i 2015 (test)."
NY_KILDE = "Ny kilde fra 2016: SSB tabell 11618 (test)."


def _kvadrat(x0: float) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[[x0, 60], [x0 + 1, 60], [x0 + 1, 61], [x0, 61], [x0, 60]]]})


def lag_vekst_db(sti: Path, bare_balanser: bool = False) -> Path:
    """A small statistics database with the schema from stadkraft/data/skjema.py.

    `bare_balanser`: population change as only the balances (no births, deaths, migration apart),
    as the real 2003-2016 series; else counted events (Frøya with immigration apart, Hitra without).
    """
    con = duckdb.connect(str(sti))
    con.execute(DDL)
    con.executemany("INSERT INTO kommune VALUES (?, ?, ?, ?, ?, ?, ?, ?)", KOMMUNER)
    for kode, verdier in BEFOLKNING.items():
        for aar, v in zip(range(2010, 2017), verdier):
            kilde = "mangler" if v is None else "estimat" if (kode, aar) in ANSLAG else "ssb"
            con.execute("INSERT INTO befolkning VALUES (?, ?, ?, ?)", [kode, aar, v, kilde])
    con.executemany("INSERT INTO sysselsetting VALUES ('5014', ?, ?, 'alle', ?, 'ssb')", SYSSELSETTING)
    for kode in ("5056", "0301"):
        con.executemany("INSERT INTO sysselsetting VALUES (?, ?, '00-99', 'alle', ?, 'ssb')",
                        [(kode, aar, 2000) for aar in range(2010, 2017)])
    alle = {("5014", a): t for a, n, t in SYSSELSETTING if n == "00-99"}
    for kode, verdier in PRIVAT.items():
        for aar, v in zip(range(2010, 2016), verdier):
            total = alle.get((kode, aar), 2000)
            con.executemany("INSERT INTO sysselsetting VALUES (?, ?, '00-99', ?, ?, 'ssb')",
                            [(kode, aar, "privat", v), (kode, aar, "offentlig", total - v)])
    for aar in range(2010, 2017):
        sektorer = ("alle",) if aar == 2016 else ("alle", "privat", "offentlig")
        for sektor in sektorer:
            tabell = "SSB tabell 11618" if aar == 2016 else REGISTER
            brudd = NY_KILDE if aar == 2016 else A_ORDNINGEN if aar == 2015 else None
            con.execute("INSERT INTO sysselsetting_serie VALUES (?, ?, 'Arbeidsplasser (test)', ?, ?)",
                        [aar, sektor, tabell, brudd])
    sett_inn = ("INSERT INTO befolkningsendring (kommunenummer, aar, fodte, dode, innflytting, utflytting, "
                "innvandring, utvandring, folketilvekst, fodselsoverskudd, nettoinnflytting, folketilvekst_eksakt, "
                "kilde) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, 'ssb')")
    if bare_balanser:
        con.executemany(sett_inn, [(k, a, None, None, None, None, None, None, f + n, f, n) for k, a, f, n in BALANSER])
    else:  # the balances derived from the events, as the build does (stadkraft/data/avledning.py)
        con.executemany(sett_inn, [(k, a, fo, do, inn, ut, iv, uv, fo - do + inn - ut + (iv or 0) - (uv or 0),
                                    fo - do, inn - ut + (iv or 0) - (uv or 0))
                                   for k, a, fo, do, inn, ut, iv, uv in ENDRING])
    con.executemany("INSERT INTO nabo VALUES (?, ?)", [("5014", "5056"), ("5056", "5014")])
    for i, (kode, *_rest) in enumerate(KOMMUNER):
        con.execute("INSERT INTO kommunegrense VALUES (?, ?, ?, 60.5, ?, 60, ?, 61)",
                    [kode, _kvadrat(i * 2), i * 2 + 0.5, i * 2, i * 2 + 1])
    con.execute("INSERT INTO fylkesgrense VALUES ('50', 'Trøndelag', ?), ('03', 'Oslo', ?)", [_kvadrat(0), _kvadrat(4)])
    con.execute("INSERT INTO metadata VALUES ('kilde', 'test'), ('bygget', '2026-01-01T00:00:00')")
    con.execute(GRUPPEVERDI)  # as the build does
    con.close()
    return sti


@pytest.fixture(scope="module")
def vekst_db(tmp_path_factory) -> Path:
    return lag_vekst_db(tmp_path_factory.mktemp("vekst") / "vekst.duckdb")


@pytest.fixture
def kjor(vekst_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(vekst_db))
    return db.kjor


def _verdi(df, gruppe, aar, maal="befolkning"):
    rad = df[(df["gruppe"] == gruppe) & (df["aar"] == aar) & (df["maal"] == maal)]
    assert len(rad) == 1, (gruppe, aar, maal)
    return rad.iloc[0]


def test_serie_summerer_grupper(kjor):
    s = kjor("vekst_serie", kommune="5014", fra=2010, til=2016, andre="0301")
    assert _verdi(s, "kommune", 2010)["verdi"] == 1000
    assert _verdi(s, "fylke", 2010)["verdi"] == 3000          # Frøya + Hitra
    assert _verdi(s, "region", 2012)["verdi"] == 3400
    assert _verdi(s, "sentralitet", 2010)["verdi"] == 11000   # Frøya + Oslo (class 1)
    assert _verdi(s, "land", 2010)["verdi"] == 13000
    assert _verdi(s, "annen", 2010)["navn"] == "Oslo"
    assert _verdi(s, "kommune", 2013, "sysselsetting")["verdi"] == 960
    assert _verdi(s, "land", 2013, "sysselsetting")["verdi"] == 4960


def test_fylke_med_kommunens_navn_merkes(kjor):
    # Oslo is both a municipality and a county: the county row says so, once.
    s = kjor("vekst_serie", kommune="0301", fra=2010, til=2016, andre="")
    assert _verdi(s, "kommune", 2010)["navn"] == "Oslo"
    assert _verdi(s, "fylke", 2010)["navn"] == "Oslo (fylke)"
    s = kjor("vekst_serie", kommune="5014", fra=2010, til=2016, andre="")
    assert _verdi(s, "fylke", 2010)["navn"] == "Trøndelag"


def test_serie_mangler_og_anslag(kjor):
    s = kjor("vekst_serie", kommune="5014", fra=2010, til=2016, andre="")
    hull = _verdi(s, "fylke", 2011)
    assert pd.isna(hull["verdi"]) and hull["n_mangler"] == 1
    assert _verdi(s, "kommune", 2011)["verdi"] == 1100  # Frøya itself is whole
    # County and national sums of estimated cells are exact (a split's parts add up); other groups are marked.
    assert _verdi(s, "land", 2016)["n_estimat"] == 0 and _verdi(s, "fylke", 2016)["n_estimat"] == 0
    assert _verdi(s, "region", 2016)["n_estimat"] == 1
    assert (s["gruppe"] == "annen").sum() == 0


def test_nokkeltall_fra_serien(kjor):
    s = kjor("vekst_serie", kommune="5014", fra=2010, til=2016, andre="")
    n = vekst.nokkeltall(s, 2010, 2016).set_index(["maal", "gruppe"])
    f = n.loc[("befolkning", "kommune")]
    assert (f["start"], f["slutt"], f["endring"]) == (1000, 1600, 600)
    assert f["prosent"] == pytest.approx(60.0)
    assert f["arlig"] == pytest.approx((1.6 ** (1 / 6) - 1) * 100)
    # The county's period touches Hitra's missing 2011: no figure. From 2012 it has one (exact: see above).
    assert n.loc[("befolkning", "fylke"), "mangler"] and math.isnan(n.loc[("befolkning", "fylke"), "prosent"])
    s2 = kjor("vekst_serie", kommune="5014", fra=2012, til=2016, andre="")
    n2 = vekst.nokkeltall(s2, 2012, 2016).set_index(["maal", "gruppe"])
    fylke = n2.loc[("befolkning", "fylke")]
    assert not fylke["mangler"] and not fylke["estimat"]
    assert n2.loc[("befolkning", "region"), "estimat"]
    assert fylke["prosent"] == pytest.approx((4200 - 3400) / 3400 * 100)
    syss = n2.loc[("sysselsetting", "kommune")]
    assert (syss["start"], syss["slutt"]) == (980, 920)


def test_alle_kommuner(kjor):
    a = kjor("vekst_alle", fra=2010, til=2016).set_index("kommunenummer")
    assert a.loc["5014", "folk_fra"] == 1000 and not a.loc["5014", "folk_mangler"]
    assert a.loc["5056", "folk_mangler"]                       # 2011 inside the period
    assert a.loc["5014", "netto_innvandring"] == 420           # 70 a year, 2010..2015
    assert pd.isna(a.loc["5056", "netto_innvandring"])         # no immigration split
    assert pd.isna(a.loc["0301", "netto_innvandring"])         # no components at all
    a2 = kjor("vekst_alle", fra=2012, til=2016).set_index("kommunenummer")
    assert not a2.loc["5056", "folk_mangler"] and a2.loc["5056", "folk_estimat"]
    assert a2.loc["5014", "netto_innvandring"] == 280         # 2012..2015
    v = rangering.vekstmaal(kjor("vekst_alle", fra=2010, til=2016), 2010, 2016).set_index("kommunenummer")
    # Frøya: +600, of which 420 net immigration: +180 without it -> growth without immigration.
    assert v.loc["5014", "ostby"] == be.UTEN_INNVANDRING
    assert v.loc["5056", "ostby"] is None
    assert v.loc["0301", "ostby"] == be.OSTBY_KUN_ENDRING


def test_komponenter(kjor):
    k = kjor("vekst_komponenter", kommune="5014", fra=2010, til=2013)
    assert sorted(k["aar"].unique()) == [2010, 2011, 2012]
    ar = k[k["aar"] == 2010].set_index("komponent")["verdi"]
    assert ar.to_dict() == {"Fødte": 20, "Døde": -10, "Netto innenlandsk flytting": 20, "Netto innvandring": 70}
    h = kjor("vekst_komponenter", kommune="5056", fra=2010, til=2011)
    assert set(h["komponent"]) == {"Fødte", "Døde", "Netto flytting (innenlands og utland)"}


def test_naering_og_skjerm(kjor):
    n = kjor("vekst_naering", kommune="5014")
    assert set(n["naering"]) == {"00-99", "10-33", "85"}  # 03.2 is a subset, not an industry group
    s = omstilling.skjerm(n)
    flagg = s[s["flagg"]]
    assert list(zip(flagg["naering"], flagg["fra_aar"], flagg["til_aar"])) == [("10-33", 2011, 2014), ("10-33", 2012, 2015)]


def test_kommuner_naboer_først_og_dekning(kjor):
    k = kjor("vekst_kommuner", kommune="5014")
    assert k.iloc[0]["kommunenummer"] == "5056" and k.iloc[0]["er_nabo"]
    assert "5014" not in set(k["kommunenummer"])
    d = dekning.dekning(kjor("vekst_dekning"), 2010, 2016)
    assert d["sysselsetting"] and d["naering"] and d["endring"] and d["innvandring"]
    assert not dekning.dekning(kjor("vekst_dekning"), 2010, 2017)["endring"]


def test_froya_referanse_på_ekte_data(ekte_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(ekte_db))
    s = db.kjor("vekst_serie", kommune="5014", fra=2007, til=2017, andre="")
    f = vekst.nokkeltall(s, 2007, 2017).set_index(["maal", "gruppe"]).loc[("befolkning", "kommune")]
    assert (f["start"], f["slutt"]) == (4052, 4937)
    assert round(f["prosent"], 1) == 21.8
    # Norway = the sum of the 357 municipalities; 1 January 2024 = 5 550 203 (data README).
    s24 = db.kjor("vekst_serie", kommune="5014", fra=2023, til=2024, andre="")
    assert _verdi(s24, "land", 2024)["verdi"] == 5550203
    # A period reaching into the split municipalities' missing years (before 2005) has no figure for
    # Hitra, nor for Norway; Frøya itself is whole.
    a = rangering.vekstmaal(db.kjor("vekst_alle", fra=2000, til=2010), 2000, 2010).set_index("kommunenummer")
    assert math.isnan(a.loc["5056", "befolkning_prosent"]) and not math.isnan(a.loc["5014", "befolkning_prosent"])
    n = vekst.nokkeltall(db.kjor("vekst_serie", kommune="5014", fra=2000, til=2010, andre=""), 2000, 2010)
    assert n.set_index(["maal", "gruppe"]).loc[("befolkning", "land"), "mangler"]
    # Estimated cells (Hitra 2005-2019) are flagged where they enter.
    assert a.loc["5056", "folk_estimat"] if not a.loc["5056", "folk_mangler"] else True
    a2 = db.kjor("vekst_alle", fra=2007, til=2017).set_index("kommunenummer")
    assert a2.loc["5056", "folk_estimat"] and not a2.loc["5014", "folk_estimat"]


# --- Employment by sector, breaks, and population change as balances ---------------------

@pytest.fixture(scope="module")
def balanse_db(tmp_path_factory) -> Path:
    return lag_vekst_db(tmp_path_factory.mktemp("balanse") / "vekst.duckdb", bare_balanser=True)


def test_serie_har_sektorene_og_gruppene(kjor):
    s = kjor("vekst_serie", kommune="5014", fra=2010, til=2016, andre="")
    assert _verdi(s, "kommune", 2012, "sysselsetting_privat")["verdi"] == 590
    assert _verdi(s, "kommune", 2012, "sysselsetting_offentlig")["verdi"] == 980 - 590
    assert _verdi(s, "fylke", 2012, "sysselsetting_privat")["verdi"] == 590 + 1500   # Frøya + Hitra
    assert _verdi(s, "land", 2015, "sysselsetting_offentlig")["verdi"] == (900 - 540) + 500 + 500
    # Private jobs stop in 2015: no 2016 row, so a period to 2016 has no figure for them.
    assert not ((s["maal"] == "sysselsetting_privat") & (s["aar"] == 2016)).any()
    n = vekst.nokkeltall(s, 2010, 2016).set_index(["maal", "gruppe"])
    assert n.loc[("sysselsetting_privat", "kommune"), "mangler"]
    p = vekst.nokkeltall(s, 2010, 2015).set_index(["maal", "gruppe"]).loc[("sysselsetting_privat", "kommune")]
    assert (p["start"], p["slutt"], p["endring"]) == (600, 540, -60) and p["prosent"] == pytest.approx(-10.0)


def test_brudd_fra_serietabellen(kjor):
    serie = kjor("vekst_brudd")
    assert sysselsetting.brudd_i_perioden(serie, 2010, 2016) == {2015: A_ORDNINGEN, 2016: NY_KILDE}
    assert sysselsetting.brudd_i_perioden(serie, 2010, 2015, "privat") == {2015: A_ORDNINGEN}
    k = dekning.kilder(kjor("vekst_dekning"), {}, serie, 2010, 2016)
    assert k["sysselsetting"] == ("SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking) (2010–2015) "
                                  "og SSB tabell 11618 (2016)")
    # Events with immigration apart (Frøya) and without (Hitra, a 06913 export) in the same years.
    assert k["endring"] == "SSB tabell 01223 og SSB tabell 06913"


def test_omstilling_merker_vinduer_over_brudd(kjor):
    serie = kjor("vekst_brudd")
    s = omstilling.skjerm(kjor("vekst_naering", kommune="5014"), brudd=sysselsetting.brudd_i_perioden(serie, 2010, 2016))
    ind = s[s["naering"] == "10-33"].set_index("fra_aar")
    assert ind.loc[2011, "flagg"] and not ind.loc[2011, "over_brudd"]           # 2011-2014: before a-ordningen
    assert ind.loc[2012, "flagg"] and ind.loc[2012, "over_brudd"]               # 2012-2015 spans 2015
    assert ind.loc[2012, "brudd"] == f"2014–2015: {A_ORDNINGEN}"
    assert ind.loc[2013, "brudd"] == f"2014–2015: {A_ORDNINGEN} 2015–2016: {NY_KILDE}"
    assert omstilling.sammendrag(s)["over_brudd"] == ["2012–2015", "2013–2016"]


def test_komponenter_fra_balansene(balanse_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(balanse_db))
    k = db.kjor("vekst_komponenter", kommune="0301", fra=2010, til=2012)
    assert k[k["aar"] == 2010].set_index("komponent")["verdi"].to_dict() == {
        "Fødselsoverskudd (fødte minus døde)": -20, "Netto flytting (innenlands og utland)": 120}
    assert k["balanse"].all()
    d = dekning.dekning(db.kjor("vekst_dekning"), 2010, 2016)
    assert d["endring"] and not d["fodte"] and not d["innvandring"]
    assert dekning.kilder(db.kjor("vekst_dekning"), {}, db.kjor("vekst_brudd"), 2010, 2016)["endring"] == (
        "SSB (sammenstilt av Telemarksforsking)")


def test_ostby_med_netto_innflytting_fra_balansene(balanse_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(balanse_db))
    a = db.kjor("vekst_alle", fra=2010, til=2016).set_index("kommunenummer")
    assert a.loc["5014", "netto_innflytting"] == 6 * 90 and a.loc["5014", "fodselsoverskudd"] == 6 * 10
    assert pd.isna(a.loc["5014", "netto_innvandring"])
    v = rangering.vekstmaal(db.kjor("vekst_alle", fra=2010, til=2016), 2010, 2016).set_index("kommunenummer")
    # Frøya: +600, 540 of it net in-migration: +60 without it. Oslo: +600, 720 net in-migration: -120.
    assert v.loc["5014", "ostby"] == be.UTEN_INNFLYTTING
    assert v.loc["0301", "ostby"] == be.BARE_INNFLYTTING
    assert be.ostby_grunnlag(v) == be.OSTBY_INNFLYTTING
    # A period reaching past the last year of change: no sums, no split.
    a2 = db.kjor("vekst_alle", fra=2010, til=2017).set_index("kommunenummer")
    assert a2[["netto_innflytting", "fodselsoverskudd"]].isna().all().all()


def test_oversikt_indikatorer_regnet_i_python(balanse_db, monkeypatch):
    from stadkraft.beregning import indikatorer as ind
    monkeypatch.setenv("STADKRAFT_DB", str(balanse_db))
    d = ind.beregn(db.kjor("oversikt_indikatorer", fra=2010, til=2016)).set_index("kommunenummer")
    f = d.loc["5014"]
    assert f["nettoinnflytting_prosent"] == pytest.approx(540 / 1000 * 100)
    assert f["fodselsoverskudd_prosent"] == pytest.approx(60 / 1000 * 100)
    assert f["syss_vekst_prosent"] == pytest.approx((920 - 1000) / 1000 * 100)
    assert f["vekst_prosent"] == pytest.approx(60.0) and f["endring"] == 600
    assert d.loc["0301", "nettoinnflytting_prosent"] == pytest.approx(720 / 10000 * 100)


# --- The real data (the offline folder) ----------------------------------------------------

@pytest.fixture
def ekte(ekte_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(ekte_db))
    return db.kjor


def test_froya_sysselsetting_2007_2016_paa_ekte_data(ekte):
    # Jobs at Frøya's place of work (data README: 2016 = 2 648 in all, 1 977 private); 2007 = 2 122 / 1 522.
    s = ekte("vekst_serie", kommune="5014", fra=2007, til=2016, andre="")
    n = vekst.nokkeltall(s, 2007, 2016).set_index(["maal", "gruppe"])
    alle, privat, offentlig = (n.loc[(m, "kommune")] for m in
                               ("sysselsetting", "sysselsetting_privat", "sysselsetting_offentlig"))
    assert (alle["start"], alle["slutt"], alle["endring"]) == (2122, 2648, 526)
    assert alle["prosent"] == pytest.approx(526 / 2122 * 100)                  # +24,8 %
    assert alle["arlig"] == pytest.approx(((2648 / 2122) ** (1 / 9) - 1) * 100)
    assert (privat["start"], privat["slutt"]) == (1522, 1977)
    assert (offentlig["start"], offentlig["slutt"]) == (2122 - 1522, 2648 - 1977)
    assert not alle["mangler"] and not n.loc[("sysselsetting", "land"), "mangler"]
    # 2017 is SSB 11618 (employed 15-74): 2 801 (data README).
    s17 = ekte("vekst_serie", kommune="5014", fra=2016, til=2017, andre="")
    assert _verdi(s17, "kommune", 2017, "sysselsetting")["verdi"] == 2801
    serie = ekte("vekst_brudd")
    assert set(sysselsetting.brudd_i_perioden(serie, 2007, 2016)) == {2015}
    assert set(sysselsetting.brudd_i_perioden(serie, 2007, 2017)) == {2015, 2017}
    assert sysselsetting.brudd_notis(sysselsetting.brudd_i_perioden(serie, 2007, 2016), 2007, 2016).startswith(
        "Perioden 2007–2016 går over et brudd i sysselsettingsserien (2014–2015): SSB gikk over til a-ordningen")
    k = dekning.kilder(ekte("vekst_dekning"), {}, serie, 2007, 2016)
    assert k["sysselsetting"] == "SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking)"
    assert k["endring"] == "SSB (sammenstilt av Telemarksforsking)"
    assert dekning.kilder(ekte("vekst_dekning"), {}, serie, 2017, 2022)["sysselsetting"] == "SSB tabell 11618"


def test_omstilling_paa_ekte_data_over_bruddene(ekte):
    serie = ekte("vekst_brudd")
    s = omstilling.skjerm(ekte("vekst_naering", kommune="5014"), brudd=sysselsetting.brudd_i_perioden(serie, 2003, 2022))
    vinduer = s.set_index("fra_aar")
    assert list(vinduer.index) == list(range(2003, 2020))          # every 3-year window 2003-2006 .. 2019-2022
    assert vinduer.loc[2014, "til_aar"] == 2017 and vinduer.loc[2014, "over_brudd"]
    assert "2014–2015" in vinduer.loc[2014, "brudd"] and "2016–2017" in vinduer.loc[2014, "brudd"]
    assert not vinduer.loc[2003, "over_brudd"] and not vinduer.loc[2017, "over_brudd"]
    assert [v for v in vinduer.index if vinduer.loc[v, "over_brudd"]] == [2012, 2013, 2014, 2015, 2016]


def test_befolkningsendring_paa_ekte_data(ekte):
    # Norway 2016 (data README): natural increase 18 139, the sum of the municipalities.
    a = ekte("vekst_alle", fra=2016, til=2017)
    assert a["fodselsoverskudd"].sum() == 18139
    k = ekte("vekst_komponenter", kommune="5014", fra=2007, til=2016)
    assert sorted(k["aar"].unique()) == list(range(2007, 2016))
    assert set(k["komponent"]) == {"Fødselsoverskudd (fødte minus døde)", "Netto flytting (innenlands og utland)"}
    assert k.groupby("komponent")["verdi"].sum().to_dict() == {"Fødselsoverskudd (fødte minus døde)": 18,
                                                               "Netto flytting (innenlands og utland)": 729}
