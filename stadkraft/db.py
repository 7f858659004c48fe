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


@st.cache_resource(show_spinner=False)
def _tilkobling(sti: str, _endret: float) -> duckdb.DuckDBPyConnection:
    # `_endret` (the file's mtime) is part of the key so a rebuilt database is reopened.
    return duckdb.connect(sti, read_only=True)


def tilkobling() -> duckdb.DuckDBPyConnection:
    sti = db_sti()
    if not sti.exists():
        raise DatabaseMangler(
            f"Fant ikke statistikkdatabasen {sti}. Bygg den med «make data» "
            "(eller python -m stadkraft.data build --kilde <mappe>)."
        )
    return _tilkobling(str(sti), sti.stat().st_mtime)


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
