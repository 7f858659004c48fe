"""Stores for tests, one per back end (used by the tests' fixtures and nothing else).

PostgreSQL tests read `STADKRAFT_TEST_PG_URL` and are skipped when it is unset, unless
`STADKRAFT_KREV_PG=1` (CI), in which case a missing URL fails the test. Each PostgreSQL store
lives in a schema of its own that is dropped afterwards.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from stadkraft.workshop.lager import DuckLager, Lager, PgLager

# The PostgreSQL runs carry the `pg` marker (pyproject.toml): `pytest -m "not pg"` leaves them out.
BAKSTYKKE = ("duckdb", pytest.param("postgres", marks=pytest.mark.pg))


def pg_url() -> str:
    url = os.environ.get("STADKRAFT_TEST_PG_URL")
    if not url:
        if os.environ.get("STADKRAFT_KREV_PG") == "1":
            pytest.fail("STADKRAFT_KREV_PG=1, men STADKRAFT_TEST_PG_URL er ikke satt.")
        pytest.skip("STADKRAFT_TEST_PG_URL er ikke satt (PostgreSQL-testene hoppes over).")
    return url


@contextlib.contextmanager
def lager_for_test(bakstykke: str, mappe: Path, **kw) -> Iterator[Lager]:
    if bakstykke == "duckdb":
        lager = DuckLager(mappe / "workshop.duckdb", **kw)
        try:
            yield lager
        finally:
            lager.lukk()
    else:
        lager = PgLager(pg_url(), skjema=f"test_{uuid.uuid4().hex[:12]}", **kw)
        try:
            yield lager
        finally:
            lager.slett_skjema()
