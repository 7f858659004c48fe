"""A client that speaks Streamlit's own protocol, as the browser does, for page-level load tests.

The browser talks to the server over one websocket, `/_stcore/stream`: it sends `BackMsg`
protobufs (a rerun with the address's query string and the widgets' values) and receives
`ForwardMsg`s (the page's deltas, the run's start and end, address changes, and the
`auto_rerun` that `st.fragment(run_every=...)` sends, on which the browser reruns that
fragment on a timer). `Fane` is one such tab, without a browser: it keeps the query string
the server sets (`page_info_changed`), the elements of the last run, the committed widget
values, a timer per fragment, and the phone's watch (`workshop/ui/vakt.py`: it asks an HTTP
address every few seconds and reruns the page on a change), and it fills a form generically (every radio in the form of
a submit button gets a value) so that any workshop tool's form can be sent.

`Server` starts the app as `make run` does (`python -m stadkraft.start`) on a free port on
127.0.0.1 and reads its CPU time from /proc; `Helsesjekk` polls `/_stcore/health` and keeps
the longest gap between answers. Only localhost is ever contacted.

Used by scripts/last_side.py and the tests (tests/test_last_side.py, tests/test_flere_prosesser.py);
needs nothing beyond the app's own packages (websockets comes with Streamlit).
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable, Iterable, Mapping

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

ROT = Path(__file__).resolve().parents[2]
_FERDIG = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
_FRAGMENT_FERDIG = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
VAKT = "stadkraft.endringsvakt"   # the phone's watch (stadkraft/workshop/ui/vakt.py)
_TIKK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def persentil(verdier: Iterable[float], p: float) -> float:
    s = sorted(verdier)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


# --- the server -------------------------------------------------------------------------------
class Server:
    """The app in a process of its own on 127.0.0.1: `with Server(miljo) as s: s.url`.

    `miljo`: environment on top of this one (STADKRAFT_DB, STADKRAFT_WORKSHOP_DB or _URL, ...);
    `valg`: extra Streamlit options, e.g. `{"runner.postScriptGC": "true"}`; `logg`: a file for
    the server's output (default: discarded)."""

    def __init__(self, miljo: Mapping[str, str], *, port: int | None = None,
                 valg: Mapping[str, str] | None = None, logg: str | os.PathLike | None = None,
                 oppstart_s: float = 90):
        self.port = port or ledig_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._miljo = {**os.environ, **miljo}
        self._valg = dict(valg or {})
        self._logg = logg
        self._oppstart_s = oppstart_s
        self.prosess: subprocess.Popen | None = None

    def start(self) -> "Server":
        args = [sys.executable, "-m", "stadkraft.start", "--server.port", str(self.port),
                "--server.address", "127.0.0.1", "--server.headless", "true"]
        for k, v in self._valg.items():
            args += [f"--{k}", str(v)]
        ut = open(self._logg, "ab") if self._logg else subprocess.DEVNULL
        self.prosess = subprocess.Popen(args, cwd=ROT, env=self._miljo, stdout=ut, stderr=subprocess.STDOUT)
        if ut is not subprocess.DEVNULL:
            ut.close()
        frist = time.monotonic() + self._oppstart_s
        while time.monotonic() < frist:
            if self.prosess.poll() is not None:
                raise RuntimeError(f"Streamlit avsluttet ved oppstart med kode {self.prosess.returncode}")
            if helse(self.url, 1.0):
                return self
            time.sleep(0.25)
        self.stopp()
        raise RuntimeError(f"Streamlit svarte ikke på {self.url}/_stcore/health innen {self._oppstart_s:.0f} s")

    @property
    def pid(self) -> int:
        assert self.prosess is not None
        return self.prosess.pid

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used so far (all its threads)."""
        with open(f"/proc/{self.pid}/stat") as f:
            felt = f.read().rsplit(")", 1)[1].split()
        return (int(felt[11]) + int(felt[12])) / _TIKK

    def drep(self) -> None:
        """kill -9: no shutdown, no cleanup, as a crash or an OOM kill."""
        if self.prosess is not None and self.prosess.poll() is None:
            os.kill(self.prosess.pid, signal.SIGKILL)
            self.prosess.wait(timeout=30)

    def stopp(self) -> None:
        if self.prosess is None or self.prosess.poll() is not None:
            return
        self.prosess.terminate()
        try:
            self.prosess.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.drep()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stopp()


def helse(url: str, tidsavbrudd: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=tidsavbrudd) as svar:
            return svar.status == 200
    except OSError:
        return False


class Helsesjekk:
    """Polls `/_stcore/health` in a thread every `hvert_s`; `lengste_gap_s` is the longest time
    between two answers (or from the start to the first, or from the last to the stop)."""

    def __init__(self, url: str, hvert_s: float = 0.5, tidsavbrudd: float = 5.0):
        self.url, self.hvert_s, self.tidsavbrudd = url, hvert_s, tidsavbrudd
        self.lengste_gap_s = 0.0
        self.svar = self.feil = 0
        self._stopp = threading.Event()
        self._trad = threading.Thread(target=self._kjor, daemon=True)

    def _kjor(self) -> None:
        forrige = time.monotonic()
        while not self._stopp.is_set():
            ok = helse(self.url, self.tidsavbrudd)
            no = time.monotonic()
            if ok:
                self.svar += 1
                self.lengste_gap_s = max(self.lengste_gap_s, no - forrige)
                forrige = no
            else:
                self.feil += 1
            self._stopp.wait(self.hvert_s)
        self.lengste_gap_s = max(self.lengste_gap_s, time.monotonic() - forrige)

    def __enter__(self) -> "Helsesjekk":
        self._trad.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopp.set()
        self._trad.join(timeout=self.tidsavbrudd + 5)


# --- one tab ----------------------------------------------------------------------------------
class Fane:
    """One browser tab on `side` (a page's url_path, e.g. "bli-med") with `query` ("kode=K7M2Q")."""

    def __init__(self, base: str, side: str, query: str = "", *, ws_url: str | None = None):
        self.base = base.rstrip("/")
        self.side = side
        self.query = query
        self.ws_url = ws_url or self.base.replace("http", "ws", 1) + "/_stcore/stream"
        self.page_script_hash = ""
        self.elementer: dict[tuple, tuple[str, object]] = {}  # delta path -> (run id, Element)
        self.fragmenter: dict[tuple, str] = {}                # delta path -> the fragment that drew it
        self.tilstand: dict[str, WidgetState] = {}              # committed widget values
        self.lyttere: list[Callable[[ForwardMsg, bytes, float], None]] = []
        self.sjekketider: list[float] = []    # s per phase check: a fragment rerun, or the watch's HTTP question
        self.fullkjoringer = 0
        self.sjekker = 0
        self.mottatt_bytes = 0
        self.lukket = False
        self._ws = None
        self._leser: asyncio.Task | None = None
        self._tidtakere: dict[str, tuple[float, asyncio.Task]] = {}
        self._fragment_sendt: float | None = None
        self._vakt: asyncio.Task | None = None
        self._kjoring = ""
        self._ferdig = asyncio.Event()

    # -- connection --
    async def apne(self, tidsavbrudd: float = 120) -> float:
        """Connect and load the page as a browser does; return the seconds until the first run ended."""
        t0 = time.monotonic()
        self._ws = await connect(self.ws_url, subprotocols=["streamlit"], origin=self.base, max_size=None,
                                 open_timeout=tidsavbrudd, ping_interval=None, close_timeout=2)
        self._leser = asyncio.create_task(self._les())
        self._ferdig.clear()
        await self._send_rerun()
        await self.vent_paa_kjoring(tidsavbrudd - (time.monotonic() - t0))
        return time.monotonic() - t0

    async def lukk(self) -> None:
        for _, oppgave in self._tidtakere.values():
            oppgave.cancel()
        self._tidtakere.clear()
        if self._vakt is not None:
            self._vakt.cancel()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws.close(), 5)
        if self._leser is not None:
            self._leser.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._leser
        self.lukket = True

    async def vent_paa_kjoring(self, tidsavbrudd: float) -> None:
        """Until the next full run of the page has finished."""
        await asyncio.wait_for(self._ferdig.wait(), max(tidsavbrudd, 0.01))
        if self.lukket and not self.fullkjoringer:
            raise ConnectionError("Forbindelsen ble lukket før siden var lastet")

    # -- what the page shows --
    def element(self, art: str) -> list:
        """The elements of one kind ("radio", "button", "metric", "alert", ...) of the last run, in page order."""
        return [getattr(e, art) for _, (_, e) in sorted(self.elementer.items()) if e.WhichOneof("type") == art]

    def knapp(self, etikett: str):
        for b in self.element("button"):
            if b.label == etikett:
                return b
        raise LookupError(f"Ingen knapp «{etikett}» på siden (knapper: {[b.label for b in self.element('button')]})")

    def tekster(self) -> str:
        """Every text field (body, label, options, ...) of the last run's elements, one per line."""
        ut: list[str] = []

        def samle(melding) -> None:
            for felt, verdi in melding.ListFields():
                if felt.type == felt.TYPE_STRING:
                    ut.extend(verdi if _gjentatt(felt) else [verdi])
                elif felt.type == felt.TYPE_MESSAGE:
                    for del_ in (verdi if _gjentatt(felt) else [verdi]):
                        samle(del_)

        for _, (_, e) in sorted(self.elementer.items()):
            samle(e)
        return "\n".join(ut)

    # -- what a person does --
    async def send_skjema(self, knappetekst: str = "Send svar",
                          velg: Callable[[object], str] | None = None) -> dict[str, str]:
        """Fill every choice in the submit button's form (radios, and segmented controls or pills:
        `velg(widget)` -> one of `alternativer(widget)`, default a random option that starts with
        a digit, else any) and press the button. Returns {widget id: option chosen}. Like the
        browser, the values stay committed afterwards."""
        knapp = self.knapp(knappetekst)
        if knapp.disabled:
            raise RuntimeError(f"«{knappetekst}» er sperret")
        velg = velg or velg_tilfeldig
        valgt = {}
        for art in ("radio", "button_group"):
            for w in self.element(art):
                if w.form_id != knapp.form_id or w.disabled:
                    continue
                verdi = velg(w)
                valgt[w.id] = verdi
                if art == "radio":
                    self.tilstand[w.id] = WidgetState(id=w.id, string_value=verdi)
                else:
                    tilstand = WidgetState(id=w.id)
                    tilstand.string_array_value.data.append(verdi)
                    self.tilstand[w.id] = tilstand
        # A form inside a fragment reruns only that fragment, as the browser asks.
        await self._send_rerun(self._fragment_av(knapp.id), ekstra=[WidgetState(id=knapp.id, trigger_value=True)])
        return valgt

    async def trykk(self, etikett: str) -> None:
        """Press a button outside a form."""
        knapp = self.knapp(etikett)
        await self._send_rerun(self._fragment_av(knapp.id), ekstra=[WidgetState(id=knapp.id, trigger_value=True)])

    def _fragment_av(self, widget_id: str) -> str:
        for sti, (_, e) in self.elementer.items():
            if getattr(getattr(e, e.WhichOneof("type") or "", None), "id", None) == widget_id:
                return self.fragmenter.get(sti, "")
        return ""

    async def vent_paa_tekst(self, tekst: str | bytes, tidsavbrudd: float) -> float:
        """Until a ForwardMsg holds `tekst`; return the monotonic time it arrived."""
        nal = tekst.encode() if isinstance(tekst, str) else tekst
        fremtid = asyncio.get_running_loop().create_future()

        def lytt(_m, data, t):
            if nal in data and not fremtid.done():
                fremtid.set_result(t)

        self.lyttere.append(lytt)
        try:
            return await asyncio.wait_for(fremtid, tidsavbrudd)
        finally:
            self.lyttere.remove(lytt)

    # -- the protocol --
    async def _send_rerun(self, fragment_id: str = "", auto: bool = False, ekstra: Iterable[WidgetState] = ()) -> None:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_script_hash
        if not self.page_script_hash:
            cs.page_name = self.side
        if fragment_id:
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = auto
        ekstra = list(ekstra)
        ekstra_ider = {w.id for w in ekstra}
        for w in [*(w for k, w in self.tilstand.items() if k not in ekstra_ider), *ekstra]:
            cs.widget_states.widgets.add().CopyFrom(w)
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "Europe/Oslo", -60, "nb-NO"
        ci.url = f"{self.base}/{self.side}" + (f"?{self.query}" if self.query else "")
        ci.is_embedded, ci.color_scheme = False, "light"
        if not fragment_id:
            self._ferdig.clear()
        await self._ws.send(msg.SerializeToString())

    async def _tidtaker(self, fragment_id: str, intervall: float) -> None:
        """The browser's setInterval: rerun the fragment every `intervall` s, answered or not."""
        with contextlib.suppress(ConnectionClosed, asyncio.CancelledError):
            while True:
                await asyncio.sleep(intervall)
                if self._fragment_sendt is None:
                    self._fragment_sendt = time.monotonic()
                await self._send_rerun(fragment_id, auto=True)

    def _start_vakt(self, komponent) -> None:
        """The page's watch (stadkraft/workshop/ui/vakt.py) as its JavaScript runs in a browser: ask
        the server's address every few seconds; on a new answer (or a 404), send the trigger that
        reruns the page."""
        if self._vakt is not None:
            self._vakt.cancel()
        self._vakt = asyncio.get_running_loop().create_task(self._vakt_sjekk(komponent.id, json.loads(komponent.json)))

    async def _vakt_sjekk(self, komponent_id: str, data: dict) -> None:
        url = urllib.parse.urlsplit(self.base)
        with contextlib.suppress(ConnectionClosed, asyncio.CancelledError):
            while not self.lukket:
                await asyncio.sleep(data["sekunder"] * (0.8 + 0.4 * random.random()))
                t0 = time.monotonic()
                try:
                    status, svar = await _http_get(url.hostname, url.port, data["adresse"])
                except OSError:
                    continue
                self.sjekketider.append(time.monotonic() - t0)
                self.sjekker += 1
                if status == 404 or (status == 200 and svar != data["tilstand"]):
                    utlos = WidgetState(id=f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{komponent_id}__events",
                                        json_trigger_value=json.dumps([{"event": "endret", "value": time.time()}]))
                    await self._send_rerun(ekstra=[utlos])

    async def _les(self) -> None:
        try:
            async for data in self._ws:
                t = time.monotonic()
                self.mottatt_bytes += len(data)
                m = ForwardMsg()
                m.ParseFromString(data)
                self._behandle(m, t)
                for lytt in list(self.lyttere):
                    lytt(m, data, t)
        except ConnectionClosed:
            pass
        finally:
            self.lukket = True
            for _, oppgave in self._tidtakere.values():
                oppgave.cancel()
            self._ferdig.set()

    def _behandle(self, m: ForwardMsg, t: float) -> None:
        art = m.WhichOneof("type")
        if art == "new_session":
            self._kjoring = m.metadata.run.script_run_id
        elif art == "navigation":  # with st.navigation the current page's hash comes here
            if m.navigation.page_script_hash:
                self.page_script_hash = m.navigation.page_script_hash
        elif art == "page_info_changed":
            self.query = m.page_info_changed.query_string
        elif art == "delta":
            if m.delta.WhichOneof("type") == "new_element":
                self.elementer[tuple(m.metadata.delta_path)] = (self._kjoring, m.delta.new_element)
                self.fragmenter[tuple(m.metadata.delta_path)] = m.delta.fragment_id
                if m.delta.new_element.WhichOneof("type") == "bidi_component" \
                        and m.delta.new_element.bidi_component.component_name == VAKT:
                    self._start_vakt(m.delta.new_element.bidi_component)
        elif art == "auto_rerun":
            fid, intervall = m.auto_rerun.fragment_id, m.auto_rerun.interval
            gammel = self._tidtakere.get(fid)
            if fid and (gammel is None or gammel[0] != intervall):
                if gammel is not None:
                    gammel[1].cancel()
                self._tidtakere[fid] = (intervall, asyncio.get_running_loop().create_task(self._tidtaker(fid, intervall)))
        elif art == "stop_auto_rerun":
            for fid in m.stop_auto_rerun.fragment_ids:
                if (gammel := self._tidtakere.pop(fid, None)) is not None:
                    gammel[1].cancel()
        elif art == "script_finished":
            if m.script_finished == _FRAGMENT_FERDIG:
                if self._fragment_sendt is not None:    # (a timer's rerun, not a form's)
                    self.sjekker += 1
                    self.sjekketider.append(t - self._fragment_sendt)
                    self._fragment_sendt = None
            elif m.script_finished == _FERDIG:
                self.fullkjoringer += 1
                kjoring = m.metadata.run.script_run_id or self._kjoring
                self.elementer = {k: v for k, v in self.elementer.items() if v[0] == kjoring}
                self._ferdig.set()


async def _http_get(vert: str, port: int, sti: str) -> tuple[int, str]:
    """One plain HTTP/1.1 GET (a browser's fetch, without a library): status and body."""
    leser, skriver = await asyncio.open_connection(vert, port)
    try:
        skriver.write(f"GET {sti} HTTP/1.1\r\nHost: {vert}:{port}\r\nConnection: close\r\n\r\n".encode())
        await skriver.drain()
        svar = await asyncio.wait_for(leser.read(), 30)
    finally:
        skriver.close()
    hode, _, kropp = svar.partition(b"\r\n\r\n")
    return int(hode.split(b" ", 2)[1]), kropp.decode("utf-8", "replace")


def _gjentatt(felt) -> bool:
    return getattr(felt, "is_repeated", None) if hasattr(felt, "is_repeated") else felt.label == felt.LABEL_REPEATED


def alternativer(widget) -> list[str]:
    """A radio's options, or a segmented control's / pills' as the browser sends them back."""
    return [o if isinstance(o, str) else o.content for o in widget.options]


def velg_tilfeldig(widget, rng: random.Random = random.Random()) -> str:
    """A random option, preferring the scale's points (options that start with a digit)."""
    alle = alternativer(widget)
    skala = [o for o in alle if o[:1].isdigit()]
    return rng.choice(skala or alle)


def deltaker_fra_query(query: str, navn: str = "d") -> str | None:
    from urllib.parse import parse_qs

    return (parse_qs(query).get(navn) or [None])[0]
