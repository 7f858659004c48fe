"""queries/vekst_*.sql on a hand-made database whose sums can be checked by hand, and the
reference figure on the real data (Frøya 2007 -> 2017: 4 052 -> 4 937, +21,8 %)."""
import json
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from stadkraft import db, omstilling, vekst
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


def _kvadrat(x0: float) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[[x0, 60], [x0 + 1, 60], [x0 + 1, 61], [x0, 61], [x0, 60]]]})


def lag_vekst_db(sti: Path) -> Path:
    """A small statistics database with the schema from stadkraft/data/skjema.py."""
    con = duckdb.connect(str(sti))
    con.execute(DDL)
    con.executemany("INSERT INTO kommune VALUES (?, ?, ?, ?, ?, ?, ?, ?)", KOMMUNER)
    for kode, verdier in BEFOLKNING.items():
        for aar, v in zip(range(2010, 2017), verdier):
            kilde = "mangler" if v is None else "estimat" if (kode, aar) in ANSLAG else "ssb"
            con.execute("INSERT INTO befolkning VALUES (?, ?, ?, ?)", [kode, aar, v, kilde])
    con.executemany("INSERT INTO sysselsetting VALUES ('5014', ?, ?, ?, 'ssb')", SYSSELSETTING)
    for kode in ("5056", "0301"):
        con.executemany("INSERT INTO sysselsetting VALUES (?, ?, '00-99', ?, 'ssb')",
                        [(kode, aar, 2000) for aar in range(2010, 2017)])
    con.executemany("INSERT INTO befolkningsendring VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ssb')", ENDRING)
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
    v = vekst.vekstmaal(kjor("vekst_alle", fra=2010, til=2016), 2010, 2016).set_index("kommunenummer")
    # Frøya: +600, of which 420 net immigration: +180 without it -> growth without immigration.
    assert v.loc["5014", "ostby"] == vekst.UTEN_INNVANDRING
    assert v.loc["5056", "ostby"] is None
    assert v.loc["0301", "ostby"] == vekst.OSTBY_KUN_ENDRING


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
    d = vekst.dekning(kjor("vekst_dekning"), 2010, 2016)
    assert d["sysselsetting"] and d["naering"] and d["endring"] and d["innvandring"]
    assert not vekst.dekning(kjor("vekst_dekning"), 2010, 2017)["endring"]


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
    a = vekst.vekstmaal(db.kjor("vekst_alle", fra=2000, til=2010), 2000, 2010).set_index("kommunenummer")
    assert math.isnan(a.loc["5056", "befolkning_prosent"]) and not math.isnan(a.loc["5014", "befolkning_prosent"])
    n = vekst.nokkeltall(db.kjor("vekst_serie", kommune="5014", fra=2000, til=2010, andre=""), 2000, 2010)
    assert n.set_index(["maal", "gruppe"]).loc[("befolkning", "land"), "mangler"]
    # Estimated cells (Hitra 2005-2019) are flagged where they enter.
    assert a.loc["5056", "folk_estimat"] if not a.loc["5056", "folk_mangler"] else True
    a2 = db.kjor("vekst_alle", fra=2007, til=2017).set_index("kommunenummer")
    assert a2.loc["5056", "folk_estimat"] and not a2.loc["5014", "folk_estimat"]
