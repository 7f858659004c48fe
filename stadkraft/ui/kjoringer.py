"""Script runs take turns: a few at a time.

Python runs one thread at a time (the GIL). A room of 200 phones pressing «Send svar» together is
200 script threads that Python switches between every few milliseconds, so every phone waited
for the last one, and the server's own loop (which sends the answers out and answers
/_stcore/health) got few turns until all were done. Taking turns, they finish a few at a time:
the first phones are thanked at once. A few places, so a run that waits on PostgreSQL or DuckDB
does not hold up the rest; and a run waits for a place at most `VENT_S`, then goes anyway, so
runs stuck on a database that is away (10 s to give up connecting) never hold the whole room.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

SAMTIDIGE = 4
VENT_S = 5.0
_plasser = threading.BoundedSemaphore(SAMTIDIGE)
_har = threading.local()


@contextmanager
def plass() -> Iterator[None]:
    """Hold a place for this thread's run (a run that holds one already goes on; one that has
    waited `VENT_S` goes on without)."""
    if getattr(_har, "plass", False):
        yield
        return
    fikk = _plasser.acquire(timeout=VENT_S)
    _har.plass = True
    try:
        yield
    finally:
        _har.plass = False
        if fikk:
            _plasser.release()
