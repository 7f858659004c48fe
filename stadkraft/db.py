"""Read access to the statistics database.

The database is opened read-only once per process; every query runs through its own
cursor, because a DuckDB connection shared by threads raises under concurrent sessions.
SQL lives in `queries/<navn>.sql` with named parameters (`$kommune`, `$fra`, `$til`).
"""
from __future__ import annotations

import functools

import duckdb
import pandas as pd
import streamlit as st

from .stier import ROT, db_sti

SPORRINGER = ROT / "queries"


class DatabaseMangler(RuntimeError):
    """The statistics database has not been built yet."""


@functools.cache
def les_sql(navn: str) -> str:
    return (SPORRINGER / f"{navn}.sql").read_text(encoding="utf-8")


@st.cache_resource(show_spinner=False, on_release=lambda con: con.close())
def _tilkobling(sti: str, endret: float) -> duckdb.DuckDBPyConnection:
    # `endret` (the file's mtime) is part of the key. (An argument named with a leading
    # underscore would be left out of it.)
    return duckdb.connect(sti, read_only=True)


_ENDRET: dict[str, float] = {}  # the mtime each open database had when it was opened


def tilkobling() -> duckdb.DuckDBPyConnection:
    sti = db_sti()
    if not sti.exists():
        raise DatabaseMangler(
            f"Fant ikke statistikkdatabasen {sti}. Bygg den med «make data» "
            "(eller python -m stadkraft.data build --kilde <mappe>)."
        )
    endret = sti.stat().st_mtime
    if _ENDRET.setdefault(str(sti), endret) != endret:
        # Rebuilt: DuckDB hands out the open instance for a path until it is closed, so close it.
        _tilkobling.clear()
        _ENDRET.clear()
        _ENDRET[str(sti)] = endret
    return _tilkobling(str(sti), endret)


def kjor(navn: str, **parametre) -> pd.DataFrame:
    """Run `queries/<navn>.sql` with named parameters; uncached (for builds, tests, benchmarks)."""
    sql = les_sql(navn)
    cur = tilkobling().cursor()
    try:
        return cur.execute(sql, parametre or None).df()
    finally:
        cur.close()


@st.cache_data(max_entries=512, show_spinner=False)
def _sporring_cachet(navn: str, sti: str, endret: float, parametre: tuple) -> pd.DataFrame:
    return kjor(navn, **dict(parametre))


def sporring(navn: str, **parametre) -> pd.DataFrame:
    """Run a query, cached per (query, parameters, database file). Do not mutate the result."""
    sti = db_sti()
    endret = sti.stat().st_mtime if sti.exists() else 0.0
    return _sporring_cachet(navn, str(sti), endret, tuple(sorted(parametre.items())))
