"""Browser benchmark (not a test): what a page costs in Debian's Chromium, through the real server.

    python scripts/bench_nettleser.py [--db data/stadkraft.duckdb]

For the overview page: seconds to a settled page and bytes transferred on a first visit (HTTP
bodies as sent, and websocket frames), then the bytes of each interaction that changes no
geometry (indicator, period, a municipality picked in the table) - the target is under 150 KB -
and the same first visit of a bare Streamlit page (a map, a chart and a table) in the same run.
Prints `name: value unit` lines.
"""
from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))
from tests.nettleser import bar_streamlit_server, nettleser, streamlit_server  # noqa: E402

BAR_SIDE = '''import numpy as np, pandas as pd, streamlit as st
df = pd.DataFrame({"lat": 63 + np.random.rand(50), "lon": 8 + np.random.rand(50), "v": np.arange(50)})
st.map(df)
st.line_chart(df["v"])
st.dataframe(df)
'''


class Maler:
    """Bytes a page receives: HTTP response bodies (encoded size as sent) and websocket frames."""

    def __init__(self, side) -> None:
        self.http = 0
        self.ws = 0
        self.ferdige = []   # the finished requests, to see what a compressing proxy would send
        side.on("requestfinished", self._ferdig)
        side.on("websocket", lambda ws: ws.on("framereceived", self._ramme))

    def _ferdig(self, forespørsel) -> None:
        try:
            sendt = forespørsel.sizes()["responseBodySize"]   # (read later, it can differ)
            self.http += sendt
            self.ferdige.append((sendt, forespørsel))
        except Exception:  # noqa: BLE001 - a request the browser dropped has no size
            pass

    def _ramme(self, data) -> None:
        self.ws += len(data) if isinstance(data, (bytes, str)) else 0

    def nullstill(self) -> None:
        self.http = self.ws = 0
        self.ferdige = []

    @property
    def sum(self) -> int:
        return self.http + self.ws

    def gzip_kb(self) -> float:
        """What the README's compressing proxy would send: a body the server sent compressed as it
        was sent (the proxy passes it on), any other gzipped at level 6 (a proxy's usual) when that
        is smaller. (Gzipping every body again counted the frontend's compressed files twice.)"""
        total = 0
        for sendt, forespørsel in self.ferdige:
            try:
                svar = forespørsel.response()
                if svar.headers.get("content-encoding"):
                    total += sendt
                else:
                    total += min(sendt, len(gzip.compress(svar.body(), 6)))
            except Exception:  # noqa: BLE001 - a redirect or a dropped request has no body
                pass
        return total / 1000


def rolig(side, frist_s: float = 90) -> None:
    """Until Streamlit has finished its run (its status widget is gone) and the page is still
    (the frontend loads some of its code after the first paint)."""
    side.wait_for_timeout(400)
    side.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=frist_s * 1000)
    try:   # (a bare page's map asks for basemap tiles from the internet, which never answers here)
        side.wait_for_load_state("networkidle", timeout=10_000)
    except Exception:  # noqa: BLE001 - still, then, as far as this machine goes
        pass
    side.wait_for_timeout(2000)


def linje(navn: str, verdi, enhet: str) -> None:
    print(f"{navn}: {verdi:.2f} {enhet}" if isinstance(verdi, float) else f"{navn}: {verdi} {enhet}", flush=True)


def forste_besok(b, url: str, vent_paa: str | None = None) -> tuple[float, Maler]:
    side = b.new_page(viewport={"width": 1400, "height": 1000})
    maler = Maler(side)
    t0 = time.monotonic()
    side.goto(url, wait_until="domcontentloaded")
    if vent_paa:
        side.get_by_text(vent_paa).first.wait_for(timeout=90_000)
    side.locator("canvas").first.wait_for(timeout=90_000)
    rolig(side)
    return time.monotonic() - t0, maler, side


def main(argv: list[str] | None = None) -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--db", default=os.environ.get("STADKRAFT_DB", str(ROT / "data" / "stadkraft.duckdb")))
    args = a.parse_args(argv)
    with streamlit_server({"STADKRAFT_DB": args.db}) as url, nettleser() as b:
        sekunder, maler, side = forste_besok(b, f"{url}/?kommune=5014&fra=2007&til=2017", "Frøya (5014)")
        linje("oversikt_forste_besok_s", sekunder, "s")
        linje("oversikt_forste_besok_http_kb", maler.http / 1000, "kB")
        linje("oversikt_forste_besok_ws_kb", maler.ws / 1000, "kB")
        linje("oversikt_forste_besok_http_gzip_kb", maler.gzip_kb(), "kB")
        forste = maler.sum

        def samspill(navn: str, handling) -> None:
            rolig(side)
            maler.nullstill()
            t0 = time.monotonic()
            handling()
            rolig(side)
            linje(f"{navn}_s", time.monotonic() - t0, "s")
            linje(f"{navn}_kb", maler.sum / 1000, "kB")

        def velg(etikett: str, valg: str):
            def gjor():
                side.get_by_label(etikett).first.click()
                side.get_by_role("option", name=valg, exact=True).click()
            return gjor

        samspill("indikator", velg("Indikator på kartet", "Folkemengde 1. januar"))
        samspill("indikator_tilbake", velg("Indikator på kartet", "Befolkningsvekst i perioden (%)"))

        def tabellrad():
            tabell = side.locator('[data-testid="stDataFrame"]').last
            tabell.scroll_into_view_if_needed()
            boks = tabell.bounding_box()
            side.mouse.click(boks["x"] + 14, boks["y"] + 35 + 17)   # the first row: Oslo
            side.get_by_text("Oslo (0301)").first.wait_for(timeout=60_000)
        samspill("valg_i_tabellen", tabellrad)

    with tempfile.TemporaryDirectory() as mappe:
        fil = Path(mappe) / "bar.py"
        fil.write_text(BAR_SIDE)
        with bar_streamlit_server(fil) as bar, nettleser() as b:
            sekunder, maler, _ = forste_besok(b, bar)
            linje("bar_side_forste_besok_s", sekunder, "s")
            linje("bar_side_forste_besok_kb", maler.sum / 1000, "kB")
            linje("oversikt_mot_bar_side", forste / max(maler.sum, 1), "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
