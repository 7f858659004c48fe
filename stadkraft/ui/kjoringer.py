"""Script runs take turns: a few at a time, first come, first served.

Python runs one thread at a time (the GIL). A room of 200 phones pressing «Send svar» together is
200 script threads that Python switches between every few milliseconds, so every phone waited
for the last one, and the server's own loop (which sends the answers out and answers
/_stcore/health) got no turn until all were done. Queued, they finish one after another: the
first phones are thanked at once, the loop keeps its turns. A few places, so a run that waits
on PostgreSQL or DuckDB does not hold up the rest.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

SAMTIDIGE = 4
_plasser = threading.BoundedSemaphore(SAMTIDIGE)
_har = threading.local()


@contextmanager
def plass() -> Iterator[None]:
    """Hold a place for this thread's run (a run that holds one already goes on)."""
    if getattr(_har, "plass", False):
        yield
        return
    with _plasser:
        _har.plass = True
        try:
            yield
        finally:
            _har.plass = False
