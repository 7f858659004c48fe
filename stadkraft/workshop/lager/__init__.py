"""The workshop store: sessions, answers, groups, consensus per level and action lists, in a
writable database apart from the statistics.

- `felles.py`: the rules every back end shares (`Lager`), and every SQL statement;
- `skjema.py`: the schema version and its numbered migrations;
- `duck.py`: `DuckLager`, an embedded DuckDB file (default `data/workshop.duckdb`, or
  `STADKRAFT_WORKSHOP_DB`), with group commit;
- `pg.py`: `PgLager`, PostgreSQL when `STADKRAFT_WORKSHOP_URL` is set, through psycopg's pool.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from .duck import DuckLager
from .felles import ANONYME_KOLONNER, SVARKOLONNER, Lager, Utforer, _Innsending  # noqa: F401
from .pg import PgLager
from .skjema import VERSJON

ROT = Path(__file__).resolve().parents[3]
DB_STANDARD = ROT / "data" / "workshop.duckdb"

_STANDARD_LAS = threading.Lock()
_STANDARD: dict[tuple, Lager] = {}

__all__ = ["ANONYME_KOLONNER", "DB_STANDARD", "DuckLager", "Lager", "PgLager", "SVARKOLONNER", "VERSJON",
           "glem_lager", "lager_fra_miljo"]


def glem_lager() -> None:
    """Close and forget the cached stores (tests; a restart in miniature)."""
    with _STANDARD_LAS:
        lagret = list(_STANDARD.values())
        _STANDARD.clear()
    for lager in lagret:
        with contextlib.suppress(Exception):
            lager.lukk()


def lager_fra_miljo() -> Lager:
    """The process's store: PostgreSQL if `STADKRAFT_WORKSHOP_URL` is set (optionally in the
    schema `STADKRAFT_WORKSHOP_SKJEMA`), else the DuckDB file `STADKRAFT_WORKSHOP_DB` (default
    `data/workshop.duckdb`). Cached per configuration, so one connection (pool) per process."""
    url = os.environ.get("STADKRAFT_WORKSHOP_URL") or ""
    skjema = os.environ.get("STADKRAFT_WORKSHOP_SKJEMA") or None
    sti = os.environ.get("STADKRAFT_WORKSHOP_DB") or str(DB_STANDARD)
    nokkel = ("pg", url, skjema) if url else ("duckdb", str(Path(sti).resolve()))
    with _STANDARD_LAS:
        lager = _STANDARD.get(nokkel)
        if lager is None:
            lager = PgLager(url, skjema=skjema) if url else DuckLager(sti)
            _STANDARD[nokkel] = lager
        return lager
