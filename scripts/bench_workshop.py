"""Benchmark of a workshop's screens with a full room: the projector's and the facilitator's
rerun (and the projector's in the live phase after each new answer), and the 2-second live check, for a priority session of 200 participants x 25 items (and
the capacity diamond with 200), on the default store (DuckDB).

    python scripts/bench_workshop.py [--deltakere 200] [--elementer 25] [--runder 7]

Each page is run in Streamlit's AppTest (the script as the server runs it, without the browser),
so the times include Streamlit's own script overhead. Prints one line per measure and ends with
`workshop: ...`. Not a test: the target (under 0,3 s per refresh) is reported, never asserted.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))


def _okt(lager, type_: str, deltakere: int, elementer: int, live: bool = False):
    from stadkraft.workshop import Enhet, Fase, verktoy
    from stadkraft.workshop.modell import HOPPET

    v = verktoy(type_)
    egne = [f"Element nummer {i}" for i in range(1, elementer + 1)] if v.egne_elementer else None
    ny = lager.opprett_okt(type_, Enhet.kommune("5014", "Frøya"), "Ytelse", date.today(), elementer=egne)
    nokler = [e.nokkel for e in lager.elementer(ny.okt.kode)]
    rng = random.Random(1)
    for i in range(deltakere):
        svar = ({k: rng.randint(1, 5) for k in nokler} if len(v.akser) == 1 else
                {k: HOPPET if rng.random() < 0.05 else (rng.randint(1, 5), rng.randint(1, 5)) for k in nokler})
        lager.send_svar(ny.okt.kode, f"bench-{i:05d}", svar)
    for fase in ((Fase.LIVE,) if live else (Fase.STENGT, Fase.VIST)):
        lager.set_fase(ny.okt.kode, ny.token, fase)
    return ny


def _median_s(fn, runder: int) -> float:
    fn()  # warm: imports, caches, the first chart
    tider = []
    for _ in range(runder):
        t0 = time.perf_counter()
        fn()
        tider.append(time.perf_counter() - t0)
    return statistics.median(tider)


def main(argv: list[str] | None = None) -> int:
    a = argparse.ArgumentParser(prog="python scripts/bench_workshop.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--deltakere", type=int, default=200)
    a.add_argument("--elementer", type=int, default=25)
    a.add_argument("--runder", type=int, default=7)
    args = a.parse_args(argv)

    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory(prefix="stadkraft-bench-") as mappe:
        os.environ["STADKRAFT_WORKSHOP_DB"] = str(Path(mappe) / "workshop.duckdb")
        os.environ.pop("STADKRAFT_WORKSHOP_URL", None)
        from stadkraft.workshop.lager import glem_lager, lager_fra_miljo
        from stadkraft.workshop.ui.okt import Kontekst, les_utfall
        from stadkraft.workshop.verktoy import verktoy

        glem_lager()
        lager = lager_fra_miljo()
        linjer = {}
        for type_, side in (("prioritering", "prioritering.py"), ("kapasitet", "kapasitet.py")):
            ny = _okt(lager, type_, args.deltakere, args.elementer)
            kode, token = ny.okt.kode, ny.token

            def side_kjoring(presentasjon: bool):
                at = AppTest.from_file(str(ROT / "pages" / side), default_timeout=120)
                at.query_params["kode"], at.query_params["token"] = kode, token
                if presentasjon:
                    at.query_params["modus"] = "presentasjon"
                return at

            for navn, presentasjon in (("projektor", True), ("leder", False)):
                at = side_kjoring(presentasjon)
                at.run()
                assert not at.exception, at.exception
                linjer[f"{type_}_{navn}_s"] = _median_s(at.run, args.runder)
            # Live: the phase that shows the result while answers come, each rerun after a changed
            # answer (the chart is made anew: nothing cached helps).
            live = _okt(lager, type_, args.deltakere, args.elementer, live=True)
            kode_live = live.okt.kode
            at = AppTest.from_file(str(ROT / "pages" / side), default_timeout=120)
            at.query_params["kode"], at.query_params["token"] = kode_live, live.token
            at.query_params["modus"] = "presentasjon"
            at.run()
            assert not at.exception, at.exception
            nokler = [e.nokkel for e in lager.elementer(kode_live)]
            teller = iter(range(10**6))

            def nytt_svar_og_kjoring():
                i = next(teller)
                lager.send_svar(kode_live, f"bench-{i % args.deltakere:05d}",
                                {k: (1 + (i + j) % 5, 1 + (i * j) % 5) if len(verktoy(type_).akser) == 2 else 1 + (i + j) % 5
                                 for j, k in enumerate(nokler)})
                at.run()
            linjer[f"{type_}_projektor_live_s"] = _median_s(nytt_svar_og_kjoring, args.runder)
            ctx = Kontekst(verktoy(type_), lager, kode, token, "", True, lager.okt(kode))

            def sjekk():  # what the projector's 2-second fragment reads
                lager.okt(kode)
                les_utfall(ctx)
                lager.antall_svar(kode)
            linjer[f"{type_}_sjekk_ms"] = _median_s(sjekk, args.runder * 5) * 1000
            linjer[f"{type_}_mobilsjekk_ms"] = _median_s(lambda: lager.tilstand(kode), args.runder * 5) * 1000
        glem_lager()

    for k, v in linjer.items():
        print(f"# {k} = {v:.3f}")
    print("workshop: " + " ".join(f"{k}={v:.3f}" for k, v in linjer.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
