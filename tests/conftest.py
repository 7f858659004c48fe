"""Shared fixtures: statistics databases built by the real build from real-format sources."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from stadkraft.data.build import bygg

ROT = Path(__file__).resolve().parents[1]
KILDE_LITEN = ROT / "tests" / "fixtures" / "kilde_liten"
ANTALL_LITEN = 6  # municipalities in the small fixture folder


def pytest_collection_modifyitems(items) -> None:
    """Every test in a browser module (tests/test_nettleser_*.py) carries the `browser` marker."""
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1].startswith("test_nettleser_"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _glem_kodeforsok():
    """Each test starts with no failed join codes counted (the counter is the process's)."""
    from stadkraft.workshop.sperre import KODEFORSOK, KODEFORSOK_ADRESSE

    KODEFORSOK.nullstill()
    KODEFORSOK_ADRESSE.nullstill()
    yield


def ekte_kilde() -> Path:
    """The offline mirror of SSB and Kartverket: $STADKRAFT_KILDE or ../shared/data."""
    return Path(os.environ.get("STADKRAFT_KILDE") or ROT.parent / "shared" / "data")


@pytest.fixture(scope="session")
def kildemappe() -> Path:
    """The mirror's folder, for tests that compare with its files; CI has it (STADKRAFT_KREV_KILDE=1)."""
    kilde = ekte_kilde()
    if not kilde.is_dir():
        if os.environ.get("STADKRAFT_KREV_KILDE") == "1":
            pytest.fail(f"STADKRAFT_KREV_KILDE=1, men kildemappa {kilde} finnes ikke; sett STADKRAFT_KILDE.")
        pytest.skip(f"Kildemappa {kilde} finnes ikke ved siden av klonen (testen leser kildefilene).")
    return kilde


@pytest.fixture(scope="session")
def fixtur_db(tmp_path_factory) -> Path:
    """Six municipalities with synthetic figures, employment by industry and population change."""
    db = tmp_path_factory.mktemp("fixtur") / "stadkraft.duckdb"
    bygg(KILDE_LITEN, db, forventet_antall=ANTALL_LITEN)
    return db


@pytest.fixture(scope="session")
def ekte_db(tmp_path_factory) -> Path:
    """All 357 municipalities from the real open data: built from the mirror's folder where it lies
    beside the clone, else from the bundled snapshot (the same figures: tests/test_snapshot.py)."""
    kilde = ekte_kilde()
    db = tmp_path_factory.mktemp("ekte") / "stadkraft.duckdb"
    bygg(kilde if kilde.is_dir() else None, db)
    return db


def statistikkbank_eksport(sti: Path, tittel: str, *linjer: str) -> Path:
    """A CSV as Statistikkbanken exports it: title, blank line, header and rows; CRLF, Latin-1."""
    sti.write_bytes("\r\n".join([f'"{tittel}"', "", *linjer, ""]).encode("latin-1"))
    return sti


@pytest.fixture
def bruk_db(monkeypatch):
    """Point the app (stadkraft.db) at a given database for one test."""
    def bruk(sti: Path) -> Path:
        monkeypatch.setenv("STADKRAFT_DB", str(sti))
        return sti
    return bruk


def app(**parametre) -> AppTest:
    """The whole dashboard (frame and default page) in AppTest, opened from a link with `parametre`."""
    at = AppTest.from_file(str(ROT / "dashboard.py"), default_timeout=60)
    for k, v in parametre.items():
        at.query_params[k] = v
    return at.run()
