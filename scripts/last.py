"""Load test of the workshop store: many participants submit at the same moment.

    python scripts/last.py --deltakere 200 --backend duckdb
    python scripts/last.py --deltakere 200 --backend postgres --url postgresql://...
    python scripts/last.py --verktoy prioritering --elementer 25 --deltakere 200

Each simulated participant is a thread; all wait at a barrier and then submit a whole answer at
once (one transaction each): the capacity diamond's five scores, or with `--verktoy prioritering`
two scores for each of `--elementer` items (one in twenty a «kan ikke vurdere»). Afterwards every stored answer is
compared with what was sent: each (participant, component) must be stored exactly once with
the last value sent. The last line is

    lagret=N tapt=M p50_ms=X p95_ms=Y

where N counts stored component scores that match, M the ones missing or wrong, and the
percentiles are the submit latencies as a participant's request would see them (including any
wait for the database). DuckDB runs against a fresh temporary file unless `--db` is given
(a file the app has open cannot be opened by a second process); PostgreSQL runs in a schema
of its own that is dropped afterwards. Not a timed test: the target (p95 < 100 ms with DuckDB)
is reported, and the exit code is 1 only if an answer was lost, duplicated or failed.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

import pandas as pd  # noqa: E402

from stadkraft.workshop import Enhet, Fase, verktoy  # noqa: E402
from stadkraft.workshop.modell import HOPPET  # noqa: E402
from stadkraft.workshop.lager import DuckLager, Lager, PgLager  # noqa: E402


def _persentil(verdier: list[float], p: float) -> float:
    if not verdier:
        return float("nan")
    s = sorted(verdier)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def _okt(lager: Lager, type_: str, tittel: str, elementer: int):
    egne = [f"Element {i}" for i in range(1, elementer + 1)] if verktoy(type_).egne_elementer else None
    return lager.opprett_okt(type_, Enhet.fritekst(tittel, "sted"), tittel, date.today(), elementer=egne)


def _svar(v, nokler, rng: random.Random) -> dict:
    """One participant's whole answer: a score per item and axis (and, where the tool allows,
    now and then «kan ikke vurdere»)."""
    if len(v.akser) == 1:
        return {k: rng.randint(1, 5) for k in nokler}
    return {k: HOPPET if v.kan_hoppe and rng.random() < 0.05 else (rng.randint(1, 5), rng.randint(1, 5))
            for k in nokler}


def kjor_last(lager: Lager, deltakere: int, runder: int = 1, frø: int = 1, type_: str = "kapasitet",
              elementer: int = 25) -> dict:
    """Run the load against `lager`; return counts and latencies (ms)."""
    v = verktoy(type_)
    # A running app has served rooms before this one; a small burst in a session of its own pays
    # the first-write costs (lazy imports, the first batched insert) outside the measurement.
    varm = _okt(lager, type_, "Oppvarming", elementer)
    varme_nokler = [e.nokkel for e in lager.elementer(varm.okt.kode)]
    varme = [threading.Thread(target=lager.send_svar, args=(varm.okt.kode, f"oppvarming-{i}",
                                                             _svar(v, varme_nokler, random.Random(i))))
             for i in range(min(deltakere, 50))]
    for t in varme:
        t.start()
    for t in varme:
        t.join()
    lager.slett_okt(varm.okt.kode, varm.token)

    ny = _okt(lager, type_, "Lasttest", elementer)
    nokler = [e.nokkel for e in lager.elementer(ny.okt.kode)]
    rng = random.Random(frø)
    ider = [f"last-{i:05d}-{uuid.uuid4().hex[:8]}" for i in range(deltakere)]
    # What each participant sends in each round; the last round's values must be the ones stored.
    planar = [[_svar(v, nokler, rng) for _ in range(runder)] for _ in ider]
    forste = nokler[0]
    tider: list[float] = []
    feil: list[str] = []
    las = threading.Lock()
    sperre = threading.Barrier(deltakere)

    def deltaker(i: int) -> None:
        try:
            sperre.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass
        for runde in range(runder):
            t0 = time.perf_counter()
            try:
                lager.send_svar(ny.okt.kode, ider[i], planar[i][runde],
                                {forste: f"runde {runde + 1}"}, rolle="innbygger")
            except Exception as e:  # noqa: BLE001 - counted and reported
                with las:
                    feil.append(f"{type(e).__name__}: {e}")
                return
            finally:
                ms = (time.perf_counter() - t0) * 1000
            with las:
                tider.append(ms)

    trader = [threading.Thread(target=deltaker, args=(i,), daemon=True) for i in range(deltakere)]
    start = time.perf_counter()
    for t in trader:
        t.start()
    for t in trader:
        t.join()
    total_s = time.perf_counter() - start

    lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)
    lagret = lager.svar(ny.okt.kode, ny.token)
    def lagra(verdi, verdi2):
        return HOPPET if pd.isna(verdi) else (int(verdi) if pd.isna(verdi2) else (int(verdi), int(verdi2)))
    venta = {(d, k): planar[i][-1][k] for i, d in enumerate(ider) for k in nokler}
    par = list(zip(lagret["deltaker"], lagret["element"], map(lagra, lagret["verdi"], lagret["verdi2"])))
    nokkel_tal: dict[tuple, int] = {}
    for d, k, _ in par:
        nokkel_tal[(d, k)] = nokkel_tal.get((d, k), 0) + 1
    dubletter = sum(n - 1 for n in nokkel_tal.values() if n > 1)
    rette = {(d, k) for d, k, v in par if venta.get((d, k)) == v and nokkel_tal[(d, k)] == 1}
    rader = lager.tell_rader(ny.okt.kode)
    return {
        "venta": len(venta),
        "lagret": len(rette),
        "tapt": len(venta) - len(rette),
        "dubletter": dubletter,
        "deltakere_lagret": rader["deltakere"],
        "feil": feil,
        "tider": tider,
        "total_s": total_s,
        "elementer": len(nokler),
        "akser": len(v.akser),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python scripts/last.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--deltakere", "--deltakarar", type=int, default=200, dest="deltakere",
                   help="simulated participants submitting at once (default 200)")
    p.add_argument("--backend", choices=["duckdb", "postgres"], default="duckdb")
    p.add_argument("--verktoy", default="kapasitet", help="the tool: kapasitet (default) or prioritering")
    p.add_argument("--elementer", type=int, default=25, help="items per session for a tool with its own (default 25)")
    p.add_argument("--url", help="PostgreSQL URL (default: STADKRAFT_WORKSHOP_URL or STADKRAFT_TEST_PG_URL)")
    p.add_argument("--db", help="DuckDB file (default: a fresh temporary file)")
    p.add_argument("--runder", type=int, default=1,
                   help="submits per participant; later ones change the answer (default 1)")
    p.add_argument("--en-per-transaksjon", "--ein-per-transaksjon", action="store_true", dest="en_per_transaksjon",
                   help="without group commit: every submit its own transaction")
    a = p.parse_args(argv)

    if a.backend == "duckdb":
        mappe = None
        if a.db:
            sti = Path(a.db)
        else:
            mappe = tempfile.TemporaryDirectory(prefix="stadkraft-last-")
            sti = Path(mappe.name) / "workshop.duckdb"
        lager: Lager = DuckLager(sti, gruppe=not a.en_per_transaksjon)

        def opprydding():
            lager.lukk()
            if mappe is not None:
                mappe.cleanup()
    else:
        url = a.url or os.environ.get("STADKRAFT_WORKSHOP_URL") or os.environ.get("STADKRAFT_TEST_PG_URL")
        if not url:
            print("Mangler URL til PostgreSQL: bruk --url eller sett STADKRAFT_WORKSHOP_URL.", file=sys.stderr)
            return 2
        lager = PgLager(url, skjema=f"last_{uuid.uuid4().hex[:10]}", maks_tilkoblinger=10,
                        gruppe=not a.en_per_transaksjon)
        opprydding = lager.slett_skjema

    try:
        r = kjor_last(lager, a.deltakere, runder=a.runder, type_=a.verktoy, elementer=a.elementer)
    finally:
        opprydding()

    tider = r["tider"]
    p50, p95 = _persentil(tider, 50), _persentil(tider, 95)
    modus = " (én transaksjon per innsending)" if a.en_per_transaksjon else " (gruppecommit)"
    karakterer = f"{r['elementer']} elementer x {r['akser']} karakterer"
    print(f"# {a.verktoy}, {a.backend}{modus}: {a.deltakere} deltakere x {a.runder} innsending(er), {karakterer} hver, "
          f"på {r['total_s']:.2f} s; maks {max(tider, default=float('nan')):.1f} ms, "
          f"snitt {statistics.fmean(tider) if tider else float('nan'):.1f} ms")
    print(f"# lagrede deltakere {r['deltakere_lagret']} av {a.deltakere}; dubletter {r['dubletter']}; "
          f"feil {len(r['feil'])}")
    for f in r["feil"][:5]:
        print(f"#   {f}")
    print(f"lagret={r['lagret']} tapt={r['tapt']} p50_ms={p50:.1f} p95_ms={p95:.1f}")
    return 0 if (r["tapt"] == 0 and not r["dubletter"] and not r["feil"]) else 1


if __name__ == "__main__":
    sys.exit(main())
