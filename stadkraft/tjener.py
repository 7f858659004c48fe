"""The web server: Streamlit's own (`st.App`) with what a room and a slow line need on top.

- `/api/kart/<fil>.json`: the map's geometry (boundaries, counties, name points), made once per
  database and cached by the browser, so a new indicator or period sends only colours.
- `/api/okt/<kode>/tilstand`: a waiting phone's «has anything changed?», without a script run.
- Streamlit's frontend gzipped, compressed once per file and kept: Streamlit serves its 3 MB of
  JavaScript uncompressed (to save CPU per request); a phone on a slow line needs a third of it.

`python -m stadkraft.start` runs this app; `streamlit run stadkraft/tjener.py` does the same.
"""
from __future__ import annotations

import gzip
import logging
import re
import sys
import threading
from pathlib import Path

# `streamlit run` imports this file as a top-level module with its folder first on the path: put
# the project there instead (a module of the package must not shadow a library's name).
ROT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROT)] + [p for p in sys.path if Path(p or ".").resolve() not in (ROT, ROT / "stadkraft")]

import streamlit as st  # noqa: E402
from starlette.concurrency import run_in_threadpool  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from stadkraft import kartgeometri  # noqa: E402

KOMPRIMERBAR = (b"text/", b"application/javascript", b"application/json", b"image/svg+xml")
MAKS_KOMPRIMERT = 64 * 1024 * 1024   # what the kept compressed files may take in memory together


class Forhandskomprimert:
    """ASGI middleware: Streamlit's static files (`/static/...`, named by content hash, immutable)
    gzipped for a browser that accepts it, each compressed once and then served from memory."""

    def __init__(self, app) -> None:
        self.app = app
        self._lager: dict[str, tuple[list, bytes]] = {}
        self._storrelse = 0
        self._las = threading.Lock()

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] != "http" or scope.get("method") != "GET" or "/static/" not in scope.get("path", "")
                or b"gzip" not in dict(scope.get("headers") or []).get(b"accept-encoding", b"")):
            await self.app(scope, receive, send)
            return
        sti = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        if (lagret := self._lager.get(sti)) is not None:
            await _send(send, 200, *lagret)
            return
        status, hoder, kropp = await _hent(self.app, scope, receive)
        typ = dict(hoder).get(b"content-type", b"")
        if status != 200 or not typ.startswith(KOMPRIMERBAR) or len(kropp) < 1024 or b"content-encoding" in dict(hoder):
            await _send(send, status, hoder, kropp)
            return
        hoder = [(k, v) for k, v in hoder if k.lower() != b"content-length"]
        komprimert = await run_in_threadpool(gzip.compress, kropp, 9)
        hoder += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
        with self._las:
            if self._storrelse + len(komprimert) <= MAKS_KOMPRIMERT and sti not in self._lager:
                self._lager[sti] = (hoder, komprimert)
                self._storrelse += len(komprimert)
        await _send(send, 200, hoder, komprimert)


# Streamlit's web fonts for text and icons (`@font-face` rules in its stylesheet).
NETTSKRIFTER = re.compile(rb"@font-face\{font-family:(?:Source Sans|Material Symbols Rounded);[^}]*\}")
UTEN_SKRIFTER = b"uten-skrifter"
FORHANDSLAST_SKRIFT = re.compile(rb'<link\s+rel="preload"[^>]*as="font"[^>]*>')   # index.html fetches the text font at once


class Telefonside:
    """ASGI middleware: a participant's page (`/bli-med`, `/kapasitet-delta`) is a phone's. Its HTML
    gets `ramme.TELEFONSTIL` in the head (it holds from the first paint) and links Streamlit's
    stylesheet without the web fonts for text and icons (`?uten-skrifter`): Streamlit asks for both
    as it starts, 545 kB of a phone's first load on a room's Wi-Fi. The page's text is then set in
    the phone's own font."""

    def __init__(self, app, stier: tuple[str, ...], stil: str) -> None:
        self.app, self.stier, self.stil = app, stier, stil.encode("utf-8")

    async def __call__(self, scope, receive, send) -> None:
        sti = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
        elif sti.rstrip("/") in self.stier:
            await self._side(scope, receive, send)
        elif "/static/css/" in sti and scope.get("query_string") == UTEN_SKRIFTER:
            status, hoder, kropp = await _hent(self.app, {**scope, "query_string": b""}, receive)
            await _send(send, status, hoder, NETTSKRIFTER.sub(b"", kropp) if status == 200 else kropp)
        else:
            await self.app(scope, receive, send)

    async def _side(self, scope, receive, send) -> None:
        # The page as plain HTML (8 kB), to write into.
        ren = {**scope, "headers": [(k, v) for k, v in scope.get("headers") or [] if k.lower() != b"accept-encoding"]}
        status, hoder, kropp = await _hent(self.app, ren, receive)
        hoder = [(k, v) for k, v in hoder if k.lower() not in (b"etag", b"last-modified")]
        if status == 200 and b"</head>" in kropp:
            kropp = re.sub(rb'(href="[^"]*/static/css/[^"?]+\.css)"', rb'\1?' + UTEN_SKRIFTER + b'"', kropp)
            kropp = FORHANDSLAST_SKRIFT.sub(b"", kropp)
            kropp = kropp.replace(b"</head>", self.stil + b"</head>", 1)
        await _send(send, status, hoder, kropp)


async def _hent(app, scope, receive) -> tuple[int, list, bytes]:
    """The inner app's whole response to `scope`: status, headers, body."""
    start: dict = {}
    deler: list[bytes] = []

    async def fang(melding) -> None:
        if melding["type"] == "http.response.start":
            start.update(melding)
        elif melding["type"] == "http.response.body":
            deler.append(melding.get("body", b""))

    await app(scope, receive, fang)
    return start.get("status", 500), list(start.get("headers", [])), b"".join(deler)


async def _send(send, status: int, hoder: list, kropp: bytes) -> None:
    hoder = [(k, v) for k, v in hoder if k.lower() != b"content-length"] + [(b"content-length", str(len(kropp)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": hoder})
    await send({"type": "http.response.body", "body": kropp})


async def kartfil(request) -> Response:
    """One of the map's geometry files. The address carries the database's version (`?v=`), so
    the browser may keep it for good; an old version is answered with today's file."""
    navn = request.path_params["fil"]
    try:
        filer = await run_in_threadpool(kartgeometri.filer)
    except Exception:  # noqa: BLE001 - no database yet: the page says so; the map stays empty
        return Response("Statistikkdatabasen mangler.", status_code=503, media_type="text/plain; charset=utf-8")
    if navn not in filer.innhold:
        return Response("Ukjent kartfil.", status_code=404, media_type="text/plain; charset=utf-8")
    rå, komprimert = filer.innhold[navn]
    gzip_ok = "gzip" in request.headers.get("accept-encoding", "")
    hoder = {"Cache-Control": "public, max-age=31536000, immutable", "Vary": "Accept-Encoding"}
    if gzip_ok:
        hoder["Content-Encoding"] = "gzip"
    return Response(komprimert if gzip_ok else rå, media_type="application/json", headers=hoder)


async def tilstand(request) -> Response:
    """A phone's question «has anything changed?» (`workshop.ui.vakt`): the session's state as a
    fingerprint, read from the store's shared state without a script run. A code this process did
    not sign gets 404, whether the session exists or not."""
    from stadkraft.workshop import lager_fra_miljo
    from stadkraft.workshop.feil import UkjentOkt
    from stadkraft.workshop.ui import vakt

    kode = request.path_params["kode"]
    if not vakt.gyldig(kode, request.query_params.get("s", "")):
        return Response("Ukjent.", status_code=404, media_type="text/plain; charset=utf-8")
    try:
        svar = await run_in_threadpool(lambda: lager_fra_miljo().tilstand_delt(kode).nokkel())
    except UkjentOkt:
        svar = "ukjent"     # (the page reruns and says so)
    except Exception:  # noqa: BLE001 - the store is away a moment: the phone asks again
        return Response("Prøv igjen.", status_code=503, media_type="text/plain; charset=utf-8")
    return Response(svar, media_type="text/plain; charset=utf-8", headers={"Cache-Control": "no-store"})


# (Imported here, not at the top: the frame's module imports Streamlit's page machinery.)
from stadkraft.ui.ramme import DELTAKERSIDER, TELEFONSTIL  # noqa: E402


def forvarm() -> None:
    """Work Streamlit does once per process on first use, done before the first room does it:
    the first alert with a non-ASCII letter loads its emoji table and compiles a large regular
    expression (0,6 s with the lock held, in the middle of a room pressing «Send svar»)."""
    try:   # (Streamlit's own helper: if a release moves it, the first room pays as before)
        from streamlit.string_util import extract_leading_icon
        extract_leading_icon("Takk! Svaret ditt er registrert, så lenge økta er åpen.")
    except Exception:  # noqa: BLE001 - an optimisation only
        logging.getLogger(__name__).debug("Forvarming hoppet over", exc_info=True)


threading.Thread(target=forvarm, name="forvarming", daemon=True).start()

app = st.App(ROT / "dashboard.py", routes=[Route("/api/kart/{fil}.json", kartfil),
                                           Route("/api/okt/{kode}/tilstand", tilstand)],
             middleware=[Middleware(Forhandskomprimert),
                         Middleware(Telefonside, stier=tuple(f"/{s}" for s in DELTAKERSIDER), stil=TELEFONSTIL)])
