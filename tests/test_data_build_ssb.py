"""The build with --kilde ssb: statistics from PxWebApi v2 (a fake server serving JSON-stat
fixtures), register and boundaries from a reference folder."""
import json
import shutil

import duckdb
import pytest

from stadkraft.data import ssb
from stadkraft.data.build import bygg
from stadkraft.data.feil import ValideringsFeil

from .conftest import KILDE_LITEN
from .test_ssb import lag_klient

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
