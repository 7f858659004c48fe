"""Page-level load test: a room of phones on the join page, through the real Streamlit server.

    python scripts/last_side.py --deltakere 200 --backend duckdb
    python scripts/last_side.py --deltakere 200 --backend postgres --url postgresql://...
    python scripts/last_side.py --deltakere 120 --streamlit-standard   # Streamlit's own defaults

Where `scripts/last.py` proves the workshop store, this drives the app as a room does: it starts
the server (`python -m stadkraft.start`, on 127.0.0.1 only) with a fresh workshop store, makes a
session, and opens the join page `/bli-med?kode=...` in N simulated phones that speak
Streamlit's own websocket protocol (tests/hjelp/streamlit_klient.py): each loads the page,
keeps the address the server gives it, and asks the page's watch address every few seconds as
the page's JavaScript does (`stadkraft/workshop/ui/vakt.py`), rerunning the page on a change. A projector
(`/<tool>?kode=...&token=...&modus=presentasjon`) watches the live count. Then:

1. the phones join (`--takt` per second) and sit idle on the form for `--tomgang-s` seconds:
   the server process's CPU in that window is the idle cost (% of one core);
2. every phone fills the form (every radio in it, so any tool's form) and presses «Send svar»
   at the same moment; the confirmation time is from that message to the first ForwardMsg that
   shows «Takk!»;
3. the server is stopped and every confirmed phone's answer is looked up in the store.

Throughout, `/_stcore/health` is polled twice a second (the longest gap between answers is
reported) and the projector's count is compared with the confirmations (how far it lags).
Bounded: every wait has a deadline (`--frist-s`), and the script stops its server. Not a timed
test: the targets (200 idle phones under 30 % of a core, p95 under 3 s, health answering) are
reported; the exit code is 1 only if a phone was not confirmed or a confirmed answer is missing.
The last line is

    side: deltakere=N bekreftet=M p95_s=X tomgang_cpu_prosent=Y
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))  # run as a script from anywhere

from stadkraft import lenker  # noqa: E402
from stadkraft.workshop import Enhet, Fase, verktoy  # noqa: E402
from stadkraft.workshop.lager import DuckLager, Lager, PgLager  # noqa: E402
from tests.hjelp.streamlit_klient import Fane, Helsesjekk, Server, deltaker_fra_query, persentil  # noqa: E402

TAKK = "Takk! Svaret ditt er registrert"
# Streamlit's own defaults for the options .streamlit/config.toml sets for load (--streamlit-standard
# measures the server as it was before they were set).
STREAMLIT_STANDARD = {"runner.postScriptGC": "true", "server.fileWatcherType": "auto",
                      "client.showErrorDetails": "full", "client.showErrorLinks": "auto"}


def _elementer_for(type_: str):
    """A tool with its sessions' own items gets a few; a tool with fixed items, None."""
    return ["Bredband i hele kommunen", "Flere utleieboliger", "Sterkere næringsforening",
            "Bedre kollektivtilbud"] if verktoy(type_).egne_elementer else None


async def _rom(url: str, type_: str, kode: str, token: str, a) -> dict:
    """Join, idle, submit all at once; return what each phone and the projector saw."""
    v = verktoy(type_)
    r: dict = {"lastetid": [], "lastefeil": [], "sendt": {}, "bekreftet": {}, "valg": {}, "feil": []}
    projektor = Fane(url, v.sider[0], f"{lenker.KODE}={kode}&{lenker.TOKEN}={token}&{lenker.MODUS}={lenker.PRESENTASJON}")
    visning: list[tuple[float, int]] = []

    def tell(m, _data, t):
        if m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element" \
                and m.delta.new_element.WhichOneof("type") == "metric" and m.delta.new_element.metric.label == "Svar mottatt":
            try:
                visning.append((t, int(m.delta.new_element.metric.body.replace("\u00a0", "").replace(" ", ""))))
            except ValueError:
                pass

    projektor.lyttere.append(tell)
    await projektor.apne(a.frist_s)

    faner = [Fane(url, "bli-med", f"{lenker.KODE}={kode}") for _ in range(a.deltakere)]

    async def bli_med(i: int, f: Fane) -> None:
        await asyncio.sleep(i / a.takt)
        try:
            r["lastetid"].append(await f.apne(a.frist_s))
        except Exception as e:  # noqa: BLE001 - counted and reported
            r["lastefeil"].append(f"{type(e).__name__}: {e}")

    t0 = time.monotonic()
    await asyncio.gather(*(bli_med(i, f) for i, f in enumerate(faner)))
    r["bli_med_s"] = time.monotonic() - t0
    klare = [f for f in faner if f.fullkjoringer and not f.lukket]

    # Idle: every phone waits on the form, rerunning its phase check when the server asks.
    await asyncio.sleep(a.innsvinging_s)
    for f in klare:
        f.sjekketider.clear()
    c0, w0 = a.server.cpu_s(), time.monotonic()
    await asyncio.sleep(a.tomgang_s)
    r["tomgang_cpu_prosent"] = 100 * (a.server.cpu_s() - c0) / (time.monotonic() - w0)
    r["fasesjekk"] = [x for f in klare for x in f.sjekketider]
    r["fasesjekk_antall"] = len(r["fasesjekk"])

    # Everyone presses «Send svar» at once.
    async def send(i: int, f: Fane) -> None:
        try:
            fremtid = asyncio.ensure_future(f.vent_paa_tekst(TAKK, a.frist_s))
            await asyncio.sleep(0)  # the listener is in place before the message goes
            ts = time.monotonic()
            r["valg"][i] = await f.send_skjema("Send svar")
            r["sendt"][i] = ts
            r["bekreftet"][i] = await fremtid
        except Exception as e:  # noqa: BLE001 - counted and reported
            sett = [a.body[:40] for a in f.element("alert")]
            r["feil"].append(f"telefon {i}: {type(e).__name__} {e} (lukket {f.lukket}, {f.fullkjoringer} hele "
                             f"kjøringer, {f.sjekker} fasesjekker, siden viser {sett})")

    c1, w1, k1 = a.server.cpu_s(), time.monotonic(), time.process_time()
    await asyncio.gather(*(send(i, f) for i, f in enumerate(faner) if f in klare))
    r["innsending_s"] = time.monotonic() - w1
    r["innsending_cpu_prosent"] = 100 * (a.server.cpu_s() - c1) / max(r["innsending_s"], 1e-9)
    # The simulated phones share the machine: a busy client reads the confirmations late.
    r["klient_cpu_prosent"] = 100 * (time.process_time() - k1) / max(r["innsending_s"], 1e-9)
    # The projector: until it shows every confirmed answer, or a deadline.
    frist = time.monotonic() + max(15.0, 5 * 2.0)
    while time.monotonic() < frist and not (visning and visning[-1][1] >= len(r["bekreftet"])):
        await asyncio.sleep(0.2)
    bekreftelser = sorted(r["bekreftet"].values())
    etterslep = []
    for nr, tb in enumerate(bekreftelser, start=1):
        vist = next((t for t, n in visning if n >= nr and t >= tb - 10), None)
        etterslep.append(max(0.0, (vist if vist is not None else time.monotonic()) - tb))
    r["storskjerm_maks_s"] = max(etterslep, default=float("nan"))
    r["storskjerm_vist"] = visning[-1][1] if visning else None
    r["deltakere_id"] = {i: deltaker_fra_query(f.query, lenker.DELTAKER) for i, f in enumerate(faner)}
    r["klienter"] = len(klare)
    await asyncio.gather(*(f.lukk() for f in [*faner, projektor]))
    return r


def _kontroller(lager: Lager, kode: str, token: str, type_: str, r: dict) -> tuple[int, list[str]]:
    """How many confirmed phones' answers are stored as sent; what is missing or wrong."""
    elementer = lager.elementer(kode)
    per: dict[str, list] = {}
    for rad in lager.svar(kode, token).itertuples(index=False):
        per.setdefault(rad.deltaker, []).append(rad)

    def etiketter(rader) -> tuple[int, ...]:
        """The stored scores (both axes), sorted."""
        return tuple(sorted(int(x) for rad in rader for x in (rad.verdi, getattr(rad, "verdi2", None))
                            if x is not None and x == x))

    def sendt(i) -> tuple[int, ...] | None:
        """The scores a phone chose (the number an option starts with), sorted; None if an option has none."""
        tall = [re.match(r"\d+", x) for x in r["valg"].get(i, {}).values()]
        return tuple(sorted(int(t.group()) for t in tall)) if all(tall) else None

    rette, mangler = 0, []
    if all(r["deltakere_id"].get(i) for i in r["bekreftet"]):
        for i in r["bekreftet"]:
            d = r["deltakere_id"][i]
            rader = per.get(d, [])
            valgt = sendt(i)
            if len(rader) != len(elementer):
                mangler.append(f"telefon {i} ({d}): {len(rader)} av {len(elementer)} lagret")
            elif valgt is not None and etiketter(rader) != valgt:
                mangler.append(f"telefon {i} ({d}): lagret {etiketter(rader)}, sendt {valgt}")
            else:
                rette += 1
        ubekreftet = [d for i, d in r["deltakere_id"].items() if i not in r["bekreftet"] and i in r["sendt"]]
        r["lagret_ubekreftet"] = sum(1 for d in ubekreftet if len(per.get(d, [])) == len(elementer))
    else:  # no participant id in the address: the confirmed answers against the stored ones, as a multiset
        lagret = Counter(etiketter(rader) for rader in per.values() if len(rader) == len(elementer))
        for i in r["bekreftet"]:
            valgt = sendt(i)
            if lagret[valgt] > 0:
                lagret[valgt] -= 1
                rette += 1
            else:
                mangler.append(f"telefon {i}: svaret {valgt} er ikke lagret")
        r["lagret_ubekreftet"] = max(0, len(per) - rette)
    return rette, mangler


def kjor(argv: list[str] | None = None) -> dict:
    """Run the whole test; return the figures (also used by tests/test_last_side.py)."""
    p = argparse.ArgumentParser(prog="python scripts/last_side.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--deltakere", "--deltakarar", type=int, default=200, dest="deltakere",
                   help="simulated phones (default 200)")
    p.add_argument("--backend", choices=["duckdb", "postgres"], default="duckdb")
    p.add_argument("--url", help="PostgreSQL URL (default: STADKRAFT_WORKSHOP_URL or STADKRAFT_TEST_PG_URL)")
    p.add_argument("--verktoy", default="kapasitet", help="the tool's type (default kapasitet)")
    p.add_argument("--stat-db", help="the statistics database (default STADKRAFT_DB or data/stadkraft.duckdb; "
                                     "built into a temporary folder when missing)")
    p.add_argument("--takt", type=float, default=20, help="phones joining per second (default 20)")
    p.add_argument("--tomgang-s", type=float, default=30, help="idle window measured (default 30 s)")
    p.add_argument("--innsvinging-s", type=float, default=6, help="settling before the idle window (default 6 s)")
    p.add_argument("--frist-s", type=float, default=120, help="deadline for a page load or a confirmation (default 120 s)")
    p.add_argument("--streamlit-standard", action="store_true",
                   help="run with Streamlit's defaults for the options our config.toml sets for load (before)")
    p.add_argument("--valg", action="append", default=[], metavar="NØKKEL=VERDI",
                   help="an extra Streamlit option for the server, e.g. runner.postScriptGC=true")
    p.add_argument("--logg", help="the server's output to this file")
    a = p.parse_args(argv)

    mappe = tempfile.TemporaryDirectory(prefix="stadkraft-last-side-")
    stat_db = Path(a.stat_db or os.environ.get("STADKRAFT_DB") or ROT / "data" / "stadkraft.duckdb")
    if not stat_db.exists():
        from stadkraft.data.build import bygg

        stat_db = Path(mappe.name) / "stadkraft.duckdb"
        bygg(None, stat_db)
    miljo = {"STADKRAFT_DB": str(stat_db)}
    type_ = a.verktoy
    if a.backend == "duckdb":
        sti = Path(mappe.name) / "workshop.duckdb"
        lager: Lager = DuckLager(sti)
        ny = lager.opprett_okt(type_, Enhet.kommune("5014", "Frøya"), "Lasttest", date.today(),
                               elementer=_elementer_for(type_))
        lager.lukk()  # one process at a time holds the file: the server's now
        miljo["STADKRAFT_WORKSHOP_DB"] = str(sti)

        def lager_etterpaa() -> Lager:
            return DuckLager(sti)
    else:
        url = a.url or os.environ.get("STADKRAFT_WORKSHOP_URL") or os.environ.get("STADKRAFT_TEST_PG_URL")
        if not url:
            raise SystemExit("Mangler URL til PostgreSQL: bruk --url eller sett STADKRAFT_WORKSHOP_URL.")
        skjema = f"last_side_{uuid.uuid4().hex[:10]}"
        lager = PgLager(url, skjema=skjema, maks_tilkoblinger=2)
        ny = lager.opprett_okt(type_, Enhet.kommune("5014", "Frøya"), "Lasttest", date.today(),
                               elementer=_elementer_for(type_))
        miljo.update(STADKRAFT_WORKSHOP_URL=url, STADKRAFT_WORKSHOP_SKJEMA=skjema)

        def lager_etterpaa() -> Lager:
            return lager
    valg = dict(STREAMLIT_STANDARD) if a.streamlit_standard else {}
    valg.update(dict(x.split("=", 1) for x in a.valg))

    server = Server(miljo, valg=valg, logg=a.logg)
    a.server = server
    try:
        with server, Helsesjekk(server.url) as helsesjekk:
            r = asyncio.run(_rom(server.url, type_, ny.okt.kode, ny.token, a))
        r["helse_gap_s"], r["helse_svar"], r["helse_feil"] = helsesjekk.lengste_gap_s, helsesjekk.svar, helsesjekk.feil
        etter = lager_etterpaa()
        try:
            etter.set_fase(ny.okt.kode, ny.token, Fase.STENGT)
            r["lagret"], r["mangler"] = _kontroller(etter, ny.okt.kode, ny.token, type_, r)
        finally:
            if a.backend == "duckdb":
                etter.lukk()
    finally:
        if a.backend == "postgres":
            lager.slett_skjema()
        mappe.cleanup()

    tider = [r["bekreftet"][i] - r["sendt"][i] for i in r["bekreftet"] if i in r["sendt"]]
    r.update(deltakere=a.deltakere, backend=a.backend, verktoy=type_, valg=valg,
             bekreftet_antall=len(tider), p50_s=persentil(tider, 50), p95_s=persentil(tider, 95),
             maks_s=max(tider, default=float("nan")))
    return r


def _s(x: float) -> str:
    return "nan" if x != x else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    # Stopped from outside (timeout, Ctrl-C): the finally blocks stop the server and drop the schema.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    r = kjor(argv)
    sjekk = r["fasesjekk"]
    innstilling = ", ".join(f"{k}={v}" for k, v in r["valg"].items()) or ".streamlit/config.toml"
    print(f"# {r['backend']}, {r['verktoy']}, {innstilling}: {r['klienter']} av {r['deltakere']} telefoner på "
          f"siden på {r['bli_med_s']:.1f} s (lasting p50 {_s(persentil(r['lastetid'], 50))} s, "
          f"p95 {_s(persentil(r['lastetid'], 95))} s; feil {len(r['lastefeil'])})")
    print(f"# tomgang: {r['tomgang_cpu_prosent']:.1f} % av én kjerne; fasesjekk p50 {_s(persentil(sjekk, 50))} s, "
          f"p95 {_s(persentil(sjekk, 95))} s, maks {_s(max(sjekk, default=float('nan')))} s ({len(sjekk)} sjekker)")
    print(f"# innsending: {len(r['sendt'])} samtidig, {r['bekreftet_antall']} bekreftet på {r['innsending_s']:.1f} s "
          f"(serveren {r['innsending_cpu_prosent']:.0f} % CPU, telefonene {r['klient_cpu_prosent']:.0f} %); p50 {_s(r['p50_s'])} s, p95 {_s(r['p95_s'])} s, "
          f"maks {_s(r['maks_s'])} s; feil {len(r['feil'])}")
    print(f"# storskjerm: antallet inntil {_s(r['storskjerm_maks_s'])} s bak bekreftelsene, viste til slutt "
          f"{r['storskjerm_vist']}; helse: lengste gap {r['helse_gap_s']:.1f} s ({r['helse_feil']} feil)")
    print(f"# lagret: {r['lagret']} av {r['bekreftet_antall']} bekreftede svar funnet som sendt; "
          f"mangler {len(r['mangler'])}; lagret uten at telefonen fikk «Takk!»: {r['lagret_ubekreftet']}")
    for f in [*r["lastefeil"][:3], *r["feil"][:3], *r["mangler"][:3]]:
        print(f"#   {f}")
    print(f"side: deltakere={r['deltakere']} bekreftet={r['bekreftet_antall']} p95_s={_s(r['p95_s'])} "
          f"tomgang_cpu_prosent={r['tomgang_cpu_prosent']:.1f}")
    alle = r["bekreftet_antall"] == r["deltakere"] and r["lagret"] == r["bekreftet_antall"]
    return 0 if alle else 1


if __name__ == "__main__":
    sys.exit(main())
