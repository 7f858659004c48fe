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
def streamlit_server(miljo: dict[str, str]):
    port = ledig_port()
    env = {**os.environ, **miljo}
    prosess = subprocess.Popen(
        [sys.executable, "-m", "stadkraft.start", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROT, env=env, stdout=subprocess.DEVNULL, stderr=open(os.environ.get("STADKRAFT_SERVERLOGG", os.devnull), "w"))
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
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


@contextlib.contextmanager
def nettleser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
