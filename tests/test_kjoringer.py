"""Script runs take turns (stadkraft.ui.kjoringer): at most a few at once, re-entrant within a
run, a place given back on an error, and no run kept waiting longer than its limit."""
import threading
import time

import pytest

from stadkraft.ui import kjoringer


def _kjor(antall: int, arbeid_s: float) -> tuple[int, list[float]]:
    """`antall` threads each hold a place for `arbeid_s`; the most inside at once, and each one's wait."""
    inne, mest, las = 0, 0, threading.Lock()
    ventet: list[float] = []

    def kjoring() -> None:
        nonlocal inne, mest
        t0 = time.monotonic()
        with kjoringer.plass():
            with las:
                ventet.append(time.monotonic() - t0)
                inne += 1
                mest = max(mest, inne)
            time.sleep(arbeid_s)
            with las:
                inne -= 1

    trader = [threading.Thread(target=kjoring) for _ in range(antall)]
    for t in trader:
        t.start()
    for t in trader:
        t.join(timeout=30)
    return mest, ventet


def test_bare_noen_kjorer_samtidig():
    mest, ventet = _kjor(12, 0.1)
    assert mest == kjoringer.SAMTIDIGE
    assert len(ventet) == 12 and max(ventet) > 0.15     # the last ones waited two turns (0,2 s)


def test_en_kjoring_som_har_plass_gaar_videre_inni_seg_selv():
    ferdig = threading.Event()

    def kjoring() -> None:
        with kjoringer.plass():          # the page
            with kjoringer.plass():      # the form's fragment, drawn inside the page's run
                ferdig.set()

    # Every other place taken: a second wait for a place would block until the limit.
    holdt = [kjoringer._plasser.acquire() for _ in range(kjoringer.SAMTIDIGE - 1)]
    try:
        t = threading.Thread(target=kjoring)
        t0 = time.monotonic()
        t.start()
        assert ferdig.wait(timeout=kjoringer.VENT_S / 2), "the inner run waited for a place of its own"
        assert time.monotonic() - t0 < kjoringer.VENT_S / 2
        t.join()
    finally:
        for _ in holdt:
            kjoringer._plasser.release()


def test_plassen_gis_tilbake_ved_feil():
    for _ in range(kjoringer.SAMTIDIGE + 2):
        with pytest.raises(RuntimeError):
            with kjoringer.plass():
                raise RuntimeError("st.rerun() or a store error")
    mest, _ = _kjor(kjoringer.SAMTIDIGE, 0.01)
    assert mest == kjoringer.SAMTIDIGE                  # every place is free again


def test_ingen_venter_lenger_enn_grensen(monkeypatch):
    """Runs stuck on a database that is away must not hold the room: after the limit, a run goes
    on without a place (and gives back none it did not get)."""
    monkeypatch.setattr(kjoringer, "VENT_S", 0.2)
    mest, ventet = _kjor(kjoringer.SAMTIDIGE + 3, 1.0)
    assert mest == kjoringer.SAMTIDIGE + 3
    assert sorted(ventet)[-3] == pytest.approx(0.2, abs=0.15)
    mest, _ = _kjor(kjoringer.SAMTIDIGE + 2, 0.05)
    assert mest == kjoringer.SAMTIDIGE                  # the semaphore is whole again
