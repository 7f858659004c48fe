"""The page-level load test in small (scripts/last_side.py): phones on the join page through the
real server, over Streamlit's own protocol; every one that presses «Send svar» gets «Takk!», and
its answer is in the store as sent. No timing is asserted: `make last-side` reports the figures."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from stadkraft.workshop.verktoy import alle

from .hjelp.workshop import pg_url

ROT = Path(__file__).resolve().parents[1]


def _last_side():
    spec = importlib.util.spec_from_file_location("last_side", ROT / "scripts" / "last_side.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def _kjor(fixtur_db, *ekstra) -> dict:
    return _last_side().kjor(["--deltakere", "10", "--takt", "5", "--tomgang-s", "4", "--innsvinging-s", "4",
                              "--frist-s", "180", "--stat-db", str(fixtur_db), *ekstra])


def _alle_bekreftet(r: dict) -> None:
    assert not r["lastefeil"], r["lastefeil"]
    assert not r["feil"], r["feil"]
    assert r["bekreftet_antall"] == 10
    assert r["lagret"] == 10 and not r["mangler"], r["mangler"]
    assert r["fasesjekk_antall"] > 0, "the phones ran the phase check the page asks for"
    assert r["helse_svar"] > 0
    assert r["storskjerm_vist"] == 10, "the projector's count reached every answer"


# Every tool the app itself registers (a tool a test module registers lives only in the test process).
@pytest.mark.parametrize("type_", [v.type for v in alle() if not v.type.endswith("_test")])
def test_ti_telefoner_gjennom_serveren_duckdb(fixtur_db, type_):
    _alle_bekreftet(_kjor(fixtur_db, "--backend", "duckdb", "--verktoy", type_))


@pytest.mark.pg
def test_ti_telefoner_gjennom_serveren_postgres(fixtur_db):
    _alle_bekreftet(_kjor(fixtur_db, "--backend", "postgres", "--url", pg_url()))


def test_skriptet_slutter_med_en_linje(fixtur_db, capsys, monkeypatch):
    modul = _last_side()
    kode = modul.main(["--deltakere", "3", "--takt", "5", "--tomgang-s", "2", "--innsvinging-s", "3",
                       "--frist-s", "180", "--stat-db", str(fixtur_db)])
    linjer = capsys.readouterr().out.strip().splitlines()
    assert kode == 0
    assert linjer[-1].startswith("side: deltakere=3 bekreftet=3 p95_s=")
    assert "tomgang_cpu_prosent=" in linjer[-1]
    assert all(linje.startswith("#") for linje in linjer[:-1])
