"""Neighbours from the real (simplified) municipality boundaries, and on hand-made squares."""
import json

import pytest

from stadkraft.data.naboer import naboer

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
