"""The bundled snapshot: the same figures as the source folder, small, our own format, and safe."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from stadkraft.data import snapshot
from stadkraft.data.__main__ import main as cli
from stadkraft.data.build import bygg
from stadkraft.data.feil import KildeFeil

from .conftest import ANTALL_LITEN, KILDE_LITEN, statistikkbank_eksport


def innhold(db: Path) -> dict[str, list]:
    """Every table but the build's own metadata, in a fixed order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tabeller = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
                    if t != "metadata"]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tabeller}
    finally:
        con.close()


def test_snapshotet_gir_samme_tall_som_kildemappa(ekte_db, kildemappe, tmp_path):
    # The committed snapshot must be what the folder gives today: a stale snapshot fails here.
    # `make snapshot` writes it again.
    fra_snapshot = tmp_path / "snapshot.duckdb"
    meta = bygg(None, fra_snapshot)
    assert meta["kilde"].startswith("snapshot ")
    mappe, snap = innhold(ekte_db), innhold(fra_snapshot)
    assert mappe.keys() == snap.keys()
    for tabell in mappe:
        assert snap[tabell] == mappe[tabell], f"{tabell} i snapshotet er utdatert: kjør make snapshot"


def test_snapshotet_er_lite_og_sier_hvor_tallene_kommer_fra():
    filer = list(snapshot.MAPPE.iterdir())
    assert sum(f.stat().st_size for f in filer) < 10_000_000
    manifest = snapshot.manifest()
    assert manifest["laget"] and "../shared/data" in manifest["kilde"]
    for navn, info in manifest["tabeller"].items():
        assert (snapshot.MAPPE / info["fil"]).is_file() and info["lisens"], navn
    assert manifest["tabeller"]["sysselsetting"]["fra_aar"] == 2003
    assert "Telemarksforsking" in manifest["tabeller"]["sysselsetting"]["lisens"]


def test_snapshotet_er_ikke_kopier_av_kildefilene(kildemappe):
    kilde = {hashlib.sha256(f.read_bytes()).hexdigest() for f in kildemappe.rglob("*") if f.is_file()}
    for fil in snapshot.MAPPE.iterdir():
        assert hashlib.sha256(fil.read_bytes()).hexdigest() not in kilde, fil.name
    assert {f.suffix for f in snapshot.MAPPE.iterdir()} == {".parquet", ".json"}


@pytest.fixture
def liten_snapshot(tmp_path) -> Path:
    mappe = tmp_path / "kilder"
    assert cli(["snapshot", "--kilde", str(KILDE_LITEN), "--til", str(mappe)]) == 0
    return mappe


def test_snapshot_av_en_mappe_bygger_det_samme(liten_snapshot, fixtur_db, tmp_path):
    db = tmp_path / "fra_snapshot.duckdb"
    bygg(liten_snapshot, db, forventet_antall=ANTALL_LITEN)
    assert innhold(db) == innhold(fixtur_db)


def test_samme_fakta_gir_samme_filer(liten_snapshot, tmp_path):
    # Sorted by key and written the same way: git sees a change only when the figures change.
    igjen = tmp_path / "igjen"
    assert cli(["snapshot", "--kilde", str(KILDE_LITEN), "--til", str(igjen)]) == 0
    for fil in liten_snapshot.glob("*.parquet"):
        assert (igjen / fil.name).read_bytes() == fil.read_bytes(), fil.name


def test_oedelagt_snapshot_gir_melding_og_beholder_databasen(liten_snapshot, fixtur_db, tmp_path):
    db = tmp_path / "s.duckdb"
    shutil.copy(fixtur_db, db)
    for_ = db.read_bytes()
    (liten_snapshot / "befolkning.parquet").write_bytes(b"ikke parquet")
    with pytest.raises(KildeFeil, match="make snapshot"):
        bygg(liten_snapshot, db, forventet_antall=ANTALL_LITEN)
    assert db.read_bytes() == for_
    (liten_snapshot / snapshot.MANIFEST).unlink()
    with pytest.raises(KildeFeil, match="Snapshotet mangler"):
        snapshot.les(liten_snapshot)


def test_mislykket_snapshot_beholder_det_forrige(liten_snapshot, tmp_path, capsys):
    for_ = {f.name: f.read_bytes() for f in liten_snapshot.iterdir()}
    kilde = tmp_path / "kilde"
    shutil.copytree(KILDE_LITEN, kilde)
    (kilde / "befolkning/folkemengde_1jan_kommuner2024_1986-2026.csv").write_text("helt feil\n")
    assert cli(["snapshot", "--kilde", str(kilde), "--til", str(liten_snapshot)]) == 1
    assert "forrige snapshotet er beholdt" in capsys.readouterr().err
    assert {f.name: f.read_bytes() for f in liten_snapshot.iterdir()} == for_


def test_bygg_uten_kilde_bruker_snapshotet(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("STADKRAFT_KILDE", raising=False)
    db = tmp_path / "s.duckdb"
    assert cli(["build", "--db", str(db)]) == 0
    assert "fra snapshot" in capsys.readouterr().out
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT sum(folkemengde) FROM befolkning WHERE aar = 2024").fetchone() == (5550203,)
    con.close()


def test_eksport_fra_statistikkbanken_legges_over_snapshotet(liten_snapshot, tmp_path):
    # A Statistikkbanken export works with the snapshot as with a folder: its cells replace the snapshot's.
    eksport = statistikkbank_eksport(
        tmp_path / "07984_ny.csv", "07984: Sysselsatte per 4. kvartal, etter region, næring (SN2007), statistikkvariabel og år",
        '"region";"næring (SN2007)";"statistikkvariabel";"2018"',
        '"5014 Frøya";"10-33 Industri";"Sysselsatte personer etter arbeidssted";999')
    db = tmp_path / "s.duckdb"
    bygg(liten_snapshot, db, forventet_antall=ANTALL_LITEN, ekstra_csv=[eksport])
    con = duckdb.connect(str(db), read_only=True)
    rad = ("SELECT sysselsatte FROM sysselsetting WHERE kommunenummer = '5014' AND aar = ? AND naering = '10-33' "
           "AND sektor = 'alle'")
    assert con.execute(rad, [2018]).fetchone() == (999,)
    assert con.execute(rad, [2019]).fetchone() == (1000,)  # the snapshot's, untouched
    con.close()
