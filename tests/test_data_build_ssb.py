"""The build with --kilde ssb: statistics from PxWebApi v2 (a fake server serving JSON-stat
fixtures) on top of the bundled snapshot, or register and boundaries from a reference folder."""
import json
import shutil

import duckdb
import pandas as pd
import pytest

from stadkraft.data import snapshot, ssb
from stadkraft.data.build import bygg
from stadkraft.data.feil import KildeFeil, ValideringsFeil
from stadkraft.data.skjema import NOEKLER

from .conftest import KILDE_LITEN
from .test_ssb import BASE, les, lag_klient

# The SSB fixtures hold these five municipalities (2024 codes).
KOMMUNER = {"0301": "0301", "1806": "1508", "3101": "3201", "5014": "5014", "5056": "5056"}  # ny: fra kilde_liten


def lag_referanse(mappe):
    """A reference folder for the fixtures' municipalities, made from the small fixture folder."""
    shutil.copytree(KILDE_LITEN / "kart", mappe / "kart")
    shutil.copytree(KILDE_LITEN / "kodeendringer", mappe / "kodeendringer")
    (mappe / "sentralitet").mkdir()
    kart = json.loads((mappe / "kart/kommuner2024_S.geojson").read_text())
    etter_gammel = {gammel: ny for ny, gammel in KOMMUNER.items()}
    kart["features"] = [f for f in kart["features"] if f["properties"]["kommunenummer"] in etter_gammel]
    for f in kart["features"]:
        f["properties"]["kommunenummer"] = etter_gammel[f["properties"]["kommunenummer"]]
    (mappe / "kart/kommuner2024_S.geojson").write_text(json.dumps(kart))
    fylker = json.loads((mappe / "kart/fylker2024_S.geojson").read_text())
    for f, (nr, navn) in zip(fylker["features"], [("03", "Oslo"), ("31", "Østfold"), ("50", "Trøndelag"), ("18", "Nordland")]):
        f["properties"].update(fylkesnummer=nr, fylkesnavn=navn)
    (mappe / "kart/fylker2024_S.geojson").write_text(json.dumps(fylker))
    (mappe / "sentralitet/sentralitet_kommuner2024.csv").write_text(
        "kom2024,sent_klasse,sent_indeks\n" + "".join(f"{k},3,700\n" for k in KOMMUNER))


@pytest.fixture
def landstall_lik_summen(monkeypatch):
    """The fixtures hold five municipalities but Norway's real totals; make the totals their sum."""
    ekte = ssb.hent_alt

    def hent_alt(*a, **kw):
        tabeller = ekte(*a, **kw)
        b = tabeller["befolkning"]
        tabeller["befolkning_land"] = b.groupby("aar", as_index=False)["folkemengde"].sum()
        return tabeller
    monkeypatch.setattr(ssb, "hent_alt", hent_alt)


def test_landstall_som_ikke_er_summen_stopper_bygget(tmp_path):
    lag_referanse(tmp_path / "ref")
    db = tmp_path / "ssb.duckdb"
    db.write_bytes(b"forrige")
    with pytest.raises(ValideringsFeil, match="landstallet"):
        bygg("ssb", db, referanse=tmp_path / "ref", klient=lag_klient()[0], forventet_antall=len(KOMMUNER))
    assert db.read_bytes() == b"forrige"


def test_bygg_fra_ssb_api(tmp_path, landstall_lik_summen):
    lag_referanse(tmp_path / "ref")
    klient, server, _ = lag_klient()
    db = tmp_path / "ssb.duckdb"
    meta = bygg("ssb", db, referanse=tmp_path / "ref", klient=klient, forventet_antall=len(KOMMUNER))
    assert meta["kilde"].startswith("SSB PxWebApi v2")
    # Population change comes from 01223 (it has immigration/emigration), not 06913.
    assert "01223" in meta["kilde"] and "06913" not in meta["kilde"]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT folkemengde FROM befolkning WHERE kommunenummer='5014' AND aar=2017").fetchone() == (4937,)
    assert con.execute("SELECT count(*) FROM befolkning_land").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM sysselsetting WHERE naering='00-99'").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM befolkningsendring").fetchone()[0] > 0
    assert all(f["url"].startswith("https://data.ssb.no/api/pxwebapi/v2") for f in server.foresporsler)
    # The national totals were there, so the sum check ran, and the database says so.
    kontroll = con.execute("SELECT verdi FROM metadata WHERE noekkel = 'kontroll_landstall'").fetchone()[0]
    assert kontroll.startswith("kontrollert") and meta["kontroll_landstall"] == kontroll


# ---- no folder: the snapshot underneath, SSB's tables on top -------------------------------------

@pytest.fixture
def landstall_som_snapshot_pluss_ssb(monkeypatch):
    """Norway's totals as the sum of the snapshot's municipalities with SSB's fetched cells laid
    over them (the fixtures hold five municipalities), so the national sum check runs for real."""
    ekte = ssb.hent_alt

    def hent_alt(*a, **kw):
        tabeller = ekte(*a, **kw)
        hentet = tabeller["befolkning"]
        under = snapshot.les(snapshot.MAPPE)["befolkning"]
        noekler = NOEKLER["befolkning"]
        under = under[~under.set_index(noekler).index.isin(hentet.set_index(noekler).index)]
        alle = pd.concat([under, hentet], ignore_index=True)
        alle = alle[alle["aar"].isin(hentet["aar"])]
        land = alle.groupby("aar", as_index=False)["folkemengde"].sum()
        tabeller["befolkning_land"] = land.astype({"folkemengde": "int64"})
        return tabeller
    monkeypatch.setattr(ssb, "hent_alt", hent_alt)


def _les(db, sql, *param):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(param)).fetchall()
    finally:
        con.close()


def test_bygg_fra_ssb_uten_mappe(tmp_path, landstall_som_snapshot_pluss_ssb):
    klient, server, _ = lag_klient()
    db = tmp_path / "ssb.duckdb"
    meldinger = []
    meta = bygg("ssb", db, klient=klient, fremdrift=meldinger.append)
    assert meta["kilde"] == "SSB PxWebApi v2 (tabell 07459, 01223, 07984, 03321) og snapshot"
    assert meta["kontroll_landstall"].startswith("kontrollert")
    assert all(f["url"].startswith(BASE) for f in server.foresporsler)
    assert meldinger[0] == "Snapshot" and len(meldinger) >= len(server.foresporsler)

    # Register and maps from the snapshot: all 357 municipalities, the others' series kept.
    assert _les(db, "SELECT count(*) FROM kommune") == [(357,)]
    assert _les(db, "SELECT count(DISTINCT kommunenummer) FROM befolkning WHERE aar = 2024") == [(357,)]

    # befolkning: SSB's cells replace the snapshot's.
    assert _les(db, "SELECT folkemengde, kilde FROM befolkning WHERE kommunenummer='5014' AND aar=2017") == [(4937, "ssb")]
    # ... but a hole never replaces a figure: SSB's merged series write 0 for Hitra before its 2020
    # split, where the snapshot has an estimate; the estimate stays.
    under = snapshot.les(snapshot.MAPPE)["befolkning"].query("kommunenummer == '5056' and aar == 2010")
    assert _les(db, "SELECT folkemengde, kilde FROM befolkning WHERE kommunenummer='5056' AND aar=2010") == \
        [(int(under["folkemengde"].iloc[0]), "estimat")]

    # sysselsetting: 07984's industry rows, sector 'alle', 2008-2023; the series says so.
    rader = dict(_les(db, "SELECT naering, sysselsatte FROM sysselsetting WHERE kommunenummer='0301' "
                          "AND aar=2023 AND sektor='alle'"))
    assert len(rader) == 18 and rader["00-99"] == sum(v for k, v in rader.items() if k != "00-99")
    assert _les(db, "SELECT sysselsatte, kilde FROM sysselsetting WHERE kommunenummer='5014' AND aar=2023 "
                    "AND naering='00-99' AND sektor='alle'") == [(3120, "ssb")]
    assert _les(db, "SELECT kilde FROM sysselsetting WHERE kommunenummer='5014' AND aar=2023 AND naering='01-03'") == [("estimat",)]
    assert _les(db, "SELECT DISTINCT sektor FROM sysselsetting WHERE naering <> '00-99'") == [("alle",)]
    serie = dict(_les(db, "SELECT aar, tabell FROM sysselsetting_serie WHERE sektor='alle'"))
    assert all(serie[a] == "SSB tabell 07984" for a in range(2008, 2024)) and serie[2007] != "SSB tabell 07984"
    assert _les(db, "SELECT brudd FROM sysselsetting_serie WHERE sektor='alle' AND aar=2008")[0][0].startswith("Ny kilde fra 2008")
    # Norway's jobs per year in gruppeverdi count the 07984 cells.
    assert _les(db, "SELECT count(*) FROM gruppeverdi WHERE maal='sysselsetting' AND aar=2023") != [(0,)]

    # befolkningsendring: the parts from 01223, the balances derived by the build.
    oslo = _les(db, "SELECT fodte, dode, innflytting, utflytting, innvandring, utvandring, fodselsoverskudd, "
                    "nettoinnflytting, folketilvekst, folketilvekst_eksakt, kilde FROM befolkningsendring "
                    "WHERE kommunenummer='0301' AND aar=2023")
    assert oslo == [(7820, 4498, 29450, 34210, 21380, 7003, 7820 - 4498, 29450 - 34210 + 21380 - 7003,
                     7820 - 4498 + 29450 - 34210 + 21380 - 7003, True, "ssb")]
    # The snapshot's years that SSB did not replace keep their balances (2003-2016, Telemarksforsking).
    assert _les(db, "SELECT count(*) FROM befolkningsendring WHERE kommunenummer='0301' AND aar=2010 "
                    "AND folketilvekst IS NOT NULL") == [(1,)]

    # pendling: 03321's years replace the snapshot's years whole, harmonised to 2024 codes.
    assert _les(db, "SELECT count(*) FROM pendling WHERE aar = 2018") != [(0,)]  # snapshot year kept
    koder_2019 = {k for r in _les(db, "SELECT DISTINCT bostedskommune, arbeidskommune FROM pendling WHERE aar=2019") for k in r}
    assert koder_2019 <= {"0301", "1806", "5014", "5055", "5056", "5059"}
    celle = {(b, a): (n, k) for b, a, n, k in _les(db, "SELECT bostedskommune, arbeidskommune, sysselsatte, kilde "
                                                     "FROM pendling WHERE aar=2019")}
    assert celle[("0301", "0301")] == (380112, "ssb")
    assert celle[("1806", "1806")] == (7804 + 452 + 301 + 698, "ssb")  # Narvik 1805 + Ballangen 1854
    assert celle[("1806", "0301")] == (121, "ssb")                      # lives in Narvik, works in Oslo
    assert celle[("5014", "5014")] == (2603, "ssb")
    assert celle[("5059", "5059")][1] == "estimat"                      # from Snillfjord's split
    # A split shares persons out but never adds or loses one: the year's total is the fixture's.
    fiks = les("03321_data.json")["value"][0::2]  # Tid varies fastest: even cells are 2019
    assert _les(db, "SELECT sum(sysselsatte) FROM pendling WHERE aar=2019") == [(sum(v or 0 for v in fiks),)]
    assert _les(db, "SELECT sysselsatte FROM pendling WHERE aar=2020 AND bostedskommune='1806' "
                    "AND arbeidskommune='1806'") == [(9291,)]


def test_feilende_henting_beholder_forrige_database(tmp_path, landstall_som_snapshot_pluss_ssb):
    db = tmp_path / "ssb.duckdb"
    bygg("ssb", db, klient=lag_klient()[0])
    forrige = db.read_bytes()

    klient, server, klokke = lag_klient(forsok=3)
    server.utilgjengelig.add("03321")  # SSB answers 503 for the commuting table, the last one fetched
    with pytest.raises(KildeFeil, match=r"tables/03321/metadata.*503.*3 forsøk"):
        bygg("ssb", db, klient=klient)
    assert db.read_bytes() == forrige
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ssb.duckdb"]  # no half-written file left
    assert len([f for f in server.foresporsler if "03321" in f["url"]]) == 3 and klokke.sovnet  # retried, paced
