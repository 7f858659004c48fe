"""The embedded back end: a DuckDB file (default `data/workshop.duckdb`)."""
from __future__ import annotations

import contextlib
import os
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Iterator

import pandas as pd

from .felles import Lager, Utforer, _Innsending

_DUCK_LAS = threading.Lock()
_DUCK: dict[str, object] = {}


class DuckLager(Lager):
    """The embedded store: one DuckDB connection per process and file, a cursor per operation
    (a shared DuckDB connection raises under concurrent use), explicit BEGIN/COMMIT.

    Group commit (`gruppe=True`, the default): DuckDB spends a few milliseconds of CPU on each
    write transaction and commits one at a time, so 200 phones submitting at once would queue
    for a second. Instead, submits that arrive while another is being written are written
    together, in one transaction, by whichever request thread gets there first; each submit is
    still checked on its own (a rejected one writes nothing) and its request returns only after
    the commit that holds it. If a shared transaction fails for an unexpected reason, its
    submits are retried one transaction each. `gruppe=False` gives one transaction per submit.
    """

    samle_s = 0.003         # how long the first writer waits for company (group commit)

    def __init__(self, sti: str | os.PathLike, gruppe: bool = True):
        import duckdb

        self._duckdb = duckdb
        self.sti = str(Path(sti).resolve())
        self.gruppe = gruppe
        self.beskrivelse = f"DuckDB {self.sti}"
        with _DUCK_LAS:
            con = _DUCK.get(self.sti)
            if con is None:
                Path(self.sti).parent.mkdir(parents=True, exist_ok=True)
                con = duckdb.connect(self.sti)
                _DUCK[self.sti] = con
        self._con = con
        self._ko: list[tuple[_Innsending, Future]] = []
        self._ko_las = threading.Lock()
        self._skriver = threading.Lock()
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

    def _send(self, inns: _Innsending) -> int:
        if not self.gruppe:
            return super()._send(inns)
        fut: Future = Future()
        with self._ko_las:
            self._ko.append((inns, fut))
        # Whoever holds `_skriver` writes everything queued until the queue is empty; it checks
        # for emptiness and lets go in one step under `_ko_las`, so a submit queued meanwhile is
        # either taken by that writer or finds the lock free and writes itself. Waiters block.
        if self._skriver.acquire(blocking=False):
            try:
                # Like PostgreSQL's commit_delay: a moment's wait lets submits that arrive together
                # share the first commit instead of queueing behind a commit of one.
                time.sleep(self.samle_s)
                while True:
                    with self._ko_las:
                        parti, self._ko = self._ko, []
                        if not parti:
                            self._skriver.release()
                            break
                    self._skriv_parti(parti)
            except BaseException:
                self._skriver.release()
                raise
        svar = fut.result()
        if isinstance(svar, Exception):
            raise svar
        return svar

    def _skriv_parti(self, parti: list[tuple[_Innsending, Future]]) -> None:
        try:
            try:
                resultat = self._kjor(lambda db: self._parti(db, [i for i, _ in parti]))
            except Exception:  # noqa: BLE001 - one transaction each, so one cannot sink the rest
                resultat = []
                for inns, _ in parti:
                    try:
                        resultat.append(self._kjor(lambda db, inns=inns: self._parti(db, [inns]))[0])
                    except Exception as feil:  # noqa: BLE001 - handed to the waiting request
                        resultat.append(feil)
            for (_, fut), svar in zip(parti, resultat):
                fut.set_result(svar)
        finally:
            for _, fut in parti:
                if not fut.done():
                    fut.set_result(RuntimeError("Svaret ble ikke lagret. Send på nytt."))

    def lukk(self) -> None:
        """Close the process's connection to this file (the next `DuckLager` reopens it)."""
        with _DUCK_LAS:
            con = _DUCK.pop(self.sti, None)
        if con is not None:
            con.close()
