"""The embedded back end: a DuckDB file (default `data/workshop.duckdb`)."""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Iterator

import pandas as pd

from .felles import Lager, Utforer

_DUCK_LAS = threading.Lock()
_DUCK: dict[str, object] = {}


class DuckLager(Lager):
    """The embedded store: one DuckDB connection per process and file, a cursor per operation
    (a shared DuckDB connection raises under concurrent use), explicit BEGIN/COMMIT.

    Group commit (`gruppe=True`, the default; see `Lager._send`): DuckDB spends a few
    milliseconds of CPU on each write transaction and commits one at a time.
    """

    def __init__(self, sti: str | os.PathLike, gruppe: bool = True):
        import duckdb

        self._duckdb = duckdb
        self.sti = str(Path(sti).resolve())
        self.beskrivelse = f"DuckDB {self.sti}"
        with _DUCK_LAS:
            con = _DUCK.get(self.sti)
            if con is None:
                Path(self.sti).parent.mkdir(parents=True, exist_ok=True)
                con = duckdb.connect(self.sti)
                _DUCK[self.sti] = con
        self._con = con
        self._gruppecommit(gruppe)
        self._migrer()

    @contextlib.contextmanager
    def _transaksjon(self) -> Iterator[Utforer]:
        cur = self._con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield Utforer(cur, pg=False)
                cur.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(Exception):
                    cur.execute("ROLLBACK")
                raise
        finally:
            cur.close()

    def _tabeller(self, db: Utforer) -> set[str]:
        return {r[0] for r in db.alle(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_catalog = current_database()")}

    def _er_konflikt(self, feil: Exception) -> bool:
        return isinstance(feil, self._duckdb.TransactionException) or "Conflict" in str(feil)

    def _skriv(self, db, tabell, kolonner, rader, slutt="") -> None:
        # Binding thousands of parameters is slow in DuckDB; a registered frame is not.
        if len(rader) <= 10:
            return super()._skriv(db, tabell, kolonner, rader, slutt)
        ramme = pd.DataFrame(rader, columns=list(kolonner), dtype=object)  # NULLs stay NULL
        navn = f"_nye_{tabell}"
        db.cur.register(navn, ramme)
        try:
            kol = ", ".join(kolonner)
            db(f"INSERT INTO {tabell} ({kol}) SELECT {kol} FROM {navn}{slutt}")
        finally:
            db.cur.unregister(navn)

    def lukk(self) -> None:
        """Close the process's connection to this file (the next `DuckLager` reopens it)."""
        with _DUCK_LAS:
            con = _DUCK.pop(self.sti, None)
        if con is not None:
            con.close()
