"""The shared back end: PostgreSQL (optionally in a schema of its own), through psycopg's pool."""
from __future__ import annotations

import contextlib
from typing import Iterator

from .felles import Lager, Utforer


class PgLager(Lager):
    """The shared store: PostgreSQL, for several app processes behind a load balancer.

    A `psycopg_pool.ConnectionPool` of autocommit connections (at most `maks_tilkoblinger`);
    each operation runs in its own transaction; concurrent submits share one (group commit,
    `gruppe=True`, see `Lager._send`)."""

    pg = True
    las_rad = " FOR SHARE"  # a submit and a phase change on the same session never interleave

    def __init__(self, url: str, skjema: str | None = None, maks_tilkoblinger: int = 10, gruppe: bool = True):
        import psycopg
        from psycopg_pool import ConnectionPool

        self._psycopg = psycopg
        self.url = url
        self.skjema = skjema
        self.beskrivelse = "PostgreSQL" + (f" (skjema {skjema})" if skjema else "")
        kw = {"autocommit": True, "connect_timeout": 10}
        if skjema:
            if not skjema.replace("_", "").isalnum():
                raise ValueError(f"Ugyldig skjemanavn: {skjema!r}")
            with psycopg.connect(url, autocommit=True) as con:
                con.execute(f'CREATE SCHEMA IF NOT EXISTS "{skjema}"')
            kw["options"] = f"-c search_path={skjema}"
        self._pool = ConnectionPool(url, min_size=1, max_size=maks_tilkoblinger, kwargs=kw, open=True,
                                    name=f"stadkraft-{skjema or 'public'}", timeout=30)
        self._gruppecommit(gruppe)
        self._migrer()

    # A batch as one array per column, unnested by the server: a few parameters instead of one per
    # value (thousands of parameters make psycopg and the planner slow, and 65 535 is the limit).
    # The arrays go in binary (psycopg's own `%b`, so past `Utforer`'s `?`): text format quotes every
    # element, a third of a batch's time.
    TYPER = {"verdi": "integer", "verdi2": "integer", "tid": "timestamp"}

    def _skriv(self, db, tabell, kolonner, rader, slutt="") -> None:
        if len(rader) <= 10:
            return super()._skriv(db, tabell, kolonner, rader, slutt)
        kol = ", ".join(kolonner)
        arrays = ", ".join(f"%b::{self.TYPER.get(k, 'text')}[]" for k in kolonner)
        db.cur.execute(f"INSERT INTO {tabell} ({kol}) SELECT * FROM unnest({arrays}){slutt}",
                       [list(kolonne) for kolonne in zip(*rader)])

    @contextlib.contextmanager
    def _transaksjon(self) -> Iterator[Utforer]:
        with self._pool.connection() as con:
            with con.transaction():
                with con.cursor() as cur:
                    yield Utforer(cur, pg=True)

    def _tabeller(self, db: Utforer) -> set[str]:
        return {r[0] for r in db.alle(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def _las_skjema(self, db: Utforer) -> None:
        db("SELECT pg_advisory_xact_lock(8177001)")

    def _er_konflikt(self, feil: Exception) -> bool:
        e = self._psycopg.errors
        return isinstance(feil, (e.SerializationFailure, e.DeadlockDetected, e.UniqueViolation,
                                 self._psycopg.OperationalError))

    def slett_skjema(self) -> None:
        """Drop this store's schema (tests and the load test use a schema of their own)."""
        self._pool.close()
        if self.skjema:
            with self._psycopg.connect(self.url, autocommit=True) as con:
                con.execute(f'DROP SCHEMA IF EXISTS "{self.skjema}" CASCADE')

    def lukk(self) -> None:
        self._pool.close()
