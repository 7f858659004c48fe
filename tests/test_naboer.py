"""Neighbours from the real (simplified) municipality boundaries, and on hand-made squares; the nearest
municipalities offered when there are few (stadkraft.beregning.naboer)."""
import json
import math

import duckdb
import pytest

from stadkraft import db
from stadkraft.beregning import naboer as nb
from stadkraft.data.naboer import naboer
from stadkraft.data.skjema import DDL


@pytest.fixture(scope="module")
def ekte_par(kildemappe) -> set[tuple[str, str]]:
    kart = kildemappe / "kart" / "kommuner2024_S.geojson"
    return set(naboer(json.loads(kart.read_text(encoding="utf-8"))).itertuples(index=False, name=None))


def test_oslo_og_baerum_deler_grense(ekte_par):
    assert ("0301", "3201") in ekte_par and ("3201", "0301") in ekte_par


def test_froya_og_hitra_skilles_av_sjo(ekte_par):
    assert ("5014", "5056") not in ekte_par
    assert not any(a == "5014" for a, _ in ekte_par)  # Frøya is islands only


def test_flere_kjente_par(ekte_par):
    assert ("5001", "5028") in ekte_par   # Trondheim - Melhus
    assert ("4601", "4628") in ekte_par   # Bergen - Vaksdal
    assert ("0301", "5001") not in ekte_par  # Oslo - Trondheim, far apart


def test_oslos_naboer(ekte_par):
    # Oslo's land neighbours: Bærum, Lillestrøm, Nordre Follo, Enebakk, Lørenskog, Nittedal, Lunner, Ringerike.
    assert {b for a, b in ekte_par if a == "0301"} == {"3201", "3205", "3207", "3220", "3222", "3232", "3234", "3305"}


def test_symmetrisk_og_uten_seg_selv(ekte_par):
    assert all((b, a) in ekte_par for a, b in ekte_par)
    assert all(a != b for a, b in ekte_par)


def _kvadrat(kode, x0, y0, side=1.0):
    ring = [[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]
    return {"type": "Feature", "properties": {"kommunenummer": kode},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_toleranse_tetter_forenklingsglipper():
    # B's edge is 0.0002 degrees (about 20 m) from A's; C is 0.01 degrees (about 1 km) away.
    feats = [_kvadrat("0001", 0, 0), _kvadrat("0002", 1.0002, 0), _kvadrat("0003", 2.0102, 0)]
    par = set(naboer(feats).itertuples(index=False, name=None))
    assert par == {("0001", "0002"), ("0002", "0001")}
    assert naboer(feats, toleranse=0).empty


def test_heltallskoder_fylles_ut():
    feats = [_kvadrat(301, 0, 0), _kvadrat(3201, 1, 0)]
    assert naboer({"type": "FeatureCollection", "features": feats}).values.tolist() == [["0301", "3201"], ["3201", "0301"]]


# --- Nearest municipalities for those with few bordering ones (stadkraft.beregning.naboer) ---------

GRAD_KM = math.pi * nb.JORDRADIUS_KM / 180  # one degree along a great circle, 111.195 km


def test_avstand_km_kjente_verdier():
    assert nb.avstand_km(0, 0, 0, 1) == pytest.approx(GRAD_KM)
    assert nb.avstand_km(60, 10, 61, 10) == pytest.approx(GRAD_KM)  # along a meridian
    assert nb.avstand_km(63, 8, 63, 8) == 0
    assert nb.avstand_km(0, 0, 0, 180) == pytest.approx(math.pi * nb.JORDRADIUS_KM)  # half way round
    # Oslo to Trondheim, about 390 km as the crow flies
    assert nb.avstand_km(59.9139, 10.7522, 63.4305, 10.3951) == pytest.approx(391.6, abs=1)


def test_regelen_faerre_enn_to_naboer():
    assert nb.trenger_naermeste(0) and nb.trenger_naermeste(1)
    assert not nb.trenger_naermeste(2) and not nb.trenger_naermeste(5)


@pytest.fixture
def tre_punkter(tmp_path, bruk_db):
    """Three municipalities on the equator at longitude 0, 1 and 3, no borders; a fourth without a boundary."""
    sti = tmp_path / "tre.duckdb"
    con = duckdb.connect(str(sti))
    con.execute(DDL)
    for kode, navn, lon in [("0001", "Aa", 0.0), ("0002", "Bb", 1.0), ("0003", "Cc", 3.0), ("0004", "Dd", None)]:
        con.execute("INSERT INTO kommune VALUES (?, ?, '00', 'Fylke', 1, 500, '001', 'R')", [kode, navn])
        if lon is not None:
            con.execute("INSERT INTO kommunegrense VALUES (?, '{}', ?, 0, ?, 0, ?, 0)", [kode, lon, lon, lon])
    con.close()
    return bruk_db(sti)


def _forslag(kommune, **kw):
    df = nb.forslag(db.kjor("vekst_kommuner", kommune=kommune), **kw)
    return df[df["er_naermeste"]][["kommunenummer", "avstand_km"]].values.tolist()


def test_tre_punkter_uten_grenser_gir_naermeste_i_rekkefolge(tre_punkter):
    assert _forslag("0001") == [["0002", pytest.approx(GRAD_KM)], ["0003", pytest.approx(3 * GRAD_KM)]]
    assert _forslag("0003") == [["0002", pytest.approx(2 * GRAD_KM)], ["0001", pytest.approx(3 * GRAD_KM)]]
    assert _forslag("0002", antall=1) == [["0001", pytest.approx(GRAD_KM)]]
    # Dd has no point: it is never among the nearest and gets none itself, but is still offered last.
    assert _forslag("0004") == []
    assert nb.forslag(db.kjor("vekst_kommuner", kommune="0001"))["kommunenummer"].tolist() == ["0002", "0003", "0004"]


def test_naboer_forst_og_ingen_naermeste_med_nok_naboer(tre_punkter):
    k = db.kjor("vekst_kommuner", kommune="0003")
    k["er_nabo"] = k["kommunenummer"] == "0004"  # one bordering neighbour: still topped up
    df = nb.forslag(k)
    assert df["kommunenummer"].tolist() == ["0004", "0002", "0001"]
    assert df["er_naermeste"].tolist() == [False, True, True]
    k["er_nabo"] = k["kommunenummer"].isin(["0004", "0001"])  # two: the neighbours are enough
    assert not nb.forslag(k)["er_naermeste"].any()


@pytest.fixture(scope="module")
def ekte_forslag(ekte_db):
    con = duckdb.connect(str(ekte_db), read_only=True)
    sql = db.les_sql("vekst_kommuner")
    koder = [r[0] for r in con.execute("SELECT kommunenummer FROM kommune").fetchall()]
    ut = {k: nb.forslag(con.execute(sql, {"kommune": k}).df()) for k in koder}
    con.close()
    return ut


def test_froya_far_hitra_som_naermeste(ekte_forslag):
    df = ekte_forslag["5014"]
    naer = df[df["er_naermeste"]]
    assert not df["er_nabo"].any()
    assert naer["kommunenummer"].tolist()[0] == "5056"  # Hitra, across the sound
    assert naer["avstand_km"].iloc[0] == pytest.approx(22, abs=3)
    assert len(naer) == nb.ANTALL_NAERMESTE and df["kommunenummer"].iloc[0] == "5056"


def test_hitra_har_en_nabo_og_far_froya(ekte_forslag):
    df = ekte_forslag["5056"]
    assert df.loc[df["er_nabo"], "kommunenummer"].tolist() == ["5059"]  # Orkland
    assert df.loc[df["er_naermeste"], "kommunenummer"].iloc[0] == "5014"


def test_alle_uten_naboer_far_naermeste(ekte_forslag):
    uten = [k for k, df in ekte_forslag.items() if not df["er_nabo"].any()]
    assert len(uten) >= 20  # the islands (26 on the 2024 boundaries)
    for k in uten:
        assert ekte_forslag[k]["er_naermeste"].sum() == nb.ANTALL_NAERMESTE, k
    # Those with enough neighbours keep the list as before.
    assert all(not df["er_naermeste"].any() for df in ekte_forslag.values() if df["er_nabo"].sum() >= nb.MIN_NABOER)
