"""Helpers for browser tests: a real Streamlit server and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Flags that keep headless Chromium off the network and let WebGL run in software.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync", "--disable-quic"]


def krev_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("STADKRAFT_KREV_NETTLESER") == "1":
            pytest.fail(f"{CHROMIUM} mangler (apt-get install chromium)")
        pytest.skip("Chromium er ikke installert (scripts/testmiljo.sh installerer det)")


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _server(kommando: list[str], cwd: Path, env: dict[str, str], logg=subprocess.DEVNULL):
    """A Streamlit process on a free port of 127.0.0.1 until its health check answers; its URL."""
    port = ledig_port()
    prosess = subprocess.Popen([*kommando, "--server.port", str(port), "--server.address", "127.0.0.1",
                                "--server.headless", "true"], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=logg)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.25)
        else:
            raise RuntimeError("Streamlit startet ikke")
        yield url
    finally:
        prosess.terminate()
        prosess.wait(timeout=10)


def streamlit_server(miljo: dict[str, str]):
    """The dashboard (`python -m stadkraft.start`) with `miljo` added to the environment."""
    return _server([sys.executable, "-m", "stadkraft.start"], ROT, {**os.environ, **miljo},
                   open(os.environ.get("STADKRAFT_SERVERLOGG", os.devnull), "w"))


@contextlib.contextmanager
def nettleser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


# --- Measuring a page: bytes, full-page screenshots, axe-core (tests/test_nettleser_sider.py) ---

LOKALE_VERTER = {"127.0.0.1", "localhost"}


class Maaler:
    """Counts what one page fetches: response bodies, websocket frames received, and hosts asked."""

    def __init__(self, side) -> None:
        self.svar, self.ws_bytes, self.verter = [], 0, set()
        side.on("request", self._forespurt)
        side.on("response", lambda r: self.svar.append(r))
        side.on("websocket", self._websocket)

    def _forespurt(self, r) -> None:
        self._vert(r.url)

    def _vert(self, adresse: str) -> None:
        from urllib.parse import urlparse

        if adresse.startswith(("http:", "https:", "ws:", "wss:")):
            self.verter.add(urlparse(adresse).hostname)

    def _websocket(self, ws) -> None:
        self._vert(ws.url)
        ws.on("framereceived", self._ramme)

    def _ramme(self, data) -> None:
        self.ws_bytes += len(data.encode() if isinstance(data, str) else data)

    def http_bytes(self) -> int:
        """Bytes of the response bodies as they came over the wire (compressed where served so)."""
        total = 0
        for r in self.svar:
            with contextlib.suppress(Exception):  # a response without a body (redirect, aborted)
                total += max(r.request.sizes()["responseBodySize"], 0)
        return total


def fullside_skjermbilde(side, sti) -> None:
    """A screenshot of the whole page. Streamlit scrolls inside its own container, so Playwright's
    full_page sees one viewport: the viewport is stretched to the content's height for the shot."""
    bredde, hoyde = side.viewport_size["width"], side.viewport_size["height"]
    innhold = side.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], section')]
            .map(e => e.scrollHeight))""")
    if innhold > hoyde:
        side.set_viewport_size({"width": bredde, "height": min(int(innhold), 16_000)})
        side.wait_for_timeout(800)
    try:
        side.screenshot(path=str(sti), full_page=True)
    finally:
        side.set_viewport_size({"width": bredde, "height": hoyde})


def axe_brudd(side) -> list[dict]:
    """axe-core's violations on the page (the axe.min.js that axe-playwright-python ships, injected inline)."""
    import axe_playwright_python

    side.add_script_tag(path=str(Path(axe_playwright_python.__file__).with_name("axe.min.js")))
    return side.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")


def bar_streamlit_server(skript: Path):
    """A plain `streamlit run <skript>` (no Stadkraft), to compare a page's weight with."""
    return _server([sys.executable, "-m", "streamlit", "run", str(skript), "--browser.gatherUsageStats", "false"],
                   skript.parent, dict(os.environ))
