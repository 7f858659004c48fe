"""Limits on guessing join codes: failed attempts per client in a sliding window, for the
process. A client that tries too many wrong codes waits; the right code is never slowed.
Pure Python (the clock is passed in), thread-safe."""
from __future__ import annotations

import threading
import time
from collections import deque

MAKS_FEIL = 10        # wrong codes a client may try ...
VINDU_S = 60.0        # ... within this many seconds


class Forsoksteller:
    def __init__(self, maks: int = MAKS_FEIL, vindu_s: float = VINDU_S, maks_klienter: int = 10_000):
        self.maks, self.vindu_s, self.maks_klienter = maks, vindu_s, maks_klienter
        self._feil: dict[str, deque] = {}
        self._las = threading.Lock()

    def _rydd(self, rekke: deque, naa: float) -> None:
        while rekke and naa - rekke[0] > self.vindu_s:
            rekke.popleft()

    def sperret(self, klient: str, naa: float | None = None) -> bool:
        naa = time.monotonic() if naa is None else naa
        with self._las:
            rekke = self._feil.get(klient)
            if not rekke:
                return False
            self._rydd(rekke, naa)
            return len(rekke) >= self.maks

    def nullstill(self) -> None:
        with self._las:
            self._feil.clear()

    def feil(self, klient: str, naa: float | None = None) -> None:
        naa = time.monotonic() if naa is None else naa
        with self._las:
            if len(self._feil) >= self.maks_klienter:  # a flood of clients: forget the quiet ones
                for k in [k for k, r in self._feil.items() if not r or naa - r[-1] > self.vindu_s]:
                    del self._feil[k]
            rekke = self._feil.setdefault(klient, deque())
            self._rydd(rekke, naa)
            rekke.append(naa)


# Per browser session (one phone guessing), and per address with room for a whole hall behind one
# Wi-Fi or proxy address: a room's typos never lock the room out.
KODEFORSOK = Forsoksteller()
KODEFORSOK_ADRESSE = Forsoksteller(maks=200)
