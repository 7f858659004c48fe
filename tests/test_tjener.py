"""The server's own parts (stadkraft/tjener.py), driven as ASGI apps: the map's geometry files and
the gzipped frontend. (The browser tests run them in the real server.)"""
import asyncio
import gzip
import json

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from stadkraft import kartgeometri, tjener


def hent(app, sti: str, gzip_ok: bool = True) -> tuple[int, dict, bytes]:
    """One GET through the ASGI app: status, headers (lower case) and body."""
    sti, _, sporring = sti.partition("?")
    scope = {"type": "http", "method": "GET", "path": sti, "raw_path": sti.encode(), "query_string": sporring.encode(),
             "headers": [(b"accept-encoding", b"gzip, deflate")] if gzip_ok else [], "http_version": "1.1",
             "scheme": "http", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 5000), "root_path": ""}
    svar: dict = {"body": b""}

    async def motta():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(melding):
        if melding["type"] == "http.response.start":
            svar["status"], svar["headers"] = melding["status"], {k.decode().lower(): v.decode() for k, v in melding["headers"]}
        else:
            svar["body"] += melding.get("body", b"")

    asyncio.run(app(scope, motta, send))
    return svar["status"], svar["headers"], svar["body"]


def test_kartfilene_fra_databasen(fixtur_db, bruk_db):
    bruk_db(fixtur_db)
    app = Starlette(routes=[Route("/api/kart/{fil}.json", tjener.kartfil)])
    filer = kartgeometri.filer()
    status, hoder, kropp = hent(app, f"/api/kart/kommuner.json?v={filer.versjon}")
    assert status == 200 and hoder["content-encoding"] == "gzip" and "immutable" in hoder["cache-control"]
    kommuner = json.loads(gzip.decompress(kropp))
    assert len(kommuner["features"]) == 6 and kommuner["features"][0]["properties"]["i"] == 0
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in kommuner["features"])
    status, hoder, kropp = hent(app, "/api/kart/fylker.json", gzip_ok=False)
    assert status == 200 and "content-encoding" not in hoder and json.loads(kropp)["type"] == "FeatureCollection"
    assert hent(app, "/api/kart/hemmelig.json")[0] == 404
    assert set(kartgeometri.adresser()) == {"kommuner", "fylker", "navn"}


def test_kartfilene_uten_database_gir_en_melding(tmp_path, bruk_db):
    bruk_db(tmp_path / "finnes_ikke.duckdb")
    status, _, kropp = hent(Starlette(routes=[Route("/api/kart/{fil}.json", tjener.kartfil)]), "/api/kart/kommuner.json")
    assert status == 503 and "Statistikkdatabasen mangler" in kropp.decode()


def test_frontenden_gzippes_en_gang_og_holdes():
    kall = []
    js = b"function streamlit(){return 1}\n" * 4000

    async def statisk(request):
        kall.append(request.url.path)
        return Response(js, media_type="application/javascript",
                        headers={"Cache-Control": "public, immutable, max-age=31536000"})

    async def bilde(request):
        return Response(b"\x89PNG" + b"\0" * 5000, media_type="image/png")

    app = tjener.Forhandskomprimert(Starlette(routes=[Route("/static/js/index.js", statisk),
                                                      Route("/static/media/logo.png", bilde)]))
    for _ in range(3):
        status, hoder, kropp = hent(app, "/static/js/index.js")
        assert status == 200 and hoder["content-encoding"] == "gzip" and gzip.decompress(kropp) == js
        assert int(hoder["content-length"]) == len(kropp) < len(js) / 10
        assert hoder["cache-control"] == "public, immutable, max-age=31536000" and hoder["vary"] == "Accept-Encoding"
    assert kall == ["/static/js/index.js"], "compressed once, then served from memory"
    # A browser that does not accept gzip, and an image (already compressed), are passed through.
    status, hoder, kropp = hent(app, "/static/js/index.js", gzip_ok=False)
    assert "content-encoding" not in hoder and kropp == js
    status, hoder, kropp = hent(app, "/static/media/logo.png")
    assert status == 200 and "content-encoding" not in hoder and kropp.startswith(b"\x89PNG")


def test_deltakersiden_uten_nettskrifter():
    html = (b'<html><head><link rel="preload" href="./static/media/SourceSansVF.woff2" as="font" type="font/woff2" '
            b'crossorigin /><link rel="stylesheet" crossorigin href="./static/css/index.abc.css"></head><body></body></html>')
    css = (b"body{color:red}@font-face{font-family:Source Sans;font-weight:100 900;src:url(../media/SourceSansVF.woff2)}"
           b"@font-face{font-family:Material Symbols Rounded;font-style:normal;src:url(../media/Material.woff2)}"
           b"@font-face{font-family:Source Code Pro;src:url(../media/Code.woff2)}")

    async def side(request):
        return Response(html, media_type="text/html", headers={"ETag": '"1"'})

    async def stilark(request):
        return Response(css, media_type="text/css")

    indre = Starlette(routes=[Route("/bli-med", side), Route("/vekst", side), Route("/static/css/index.abc.css", stilark)])
    app = tjener.Forhandskomprimert(tjener.Telefonside(indre, stier=("/bli-med",), stil="<style>h1{}</style>"))
    status, hoder, kropp = hent(app, "/bli-med?kode=K7M2Q")
    assert status == 200 and "etag" not in hoder
    assert b'href="./static/css/index.abc.css?uten-skrifter"' in kropp and b'as="font"' not in kropp
    assert kropp.index(b"<style>h1{}</style>") > kropp.index(b"stylesheet"), "after Streamlit's stylesheet"
    assert hent(app, "/vekst")[2] == html, "the dashboard's pages are left as they are"
    status, hoder, kropp = hent(app, "/static/css/index.abc.css?uten-skrifter", gzip_ok=False)
    assert kropp == b"body{color:red}@font-face{font-family:Source Code Pro;src:url(../media/Code.woff2)}"
    assert hent(app, "/static/css/index.abc.css", gzip_ok=False)[2] == css


def test_telefonens_vakt_faar_bare_et_fingeravtrykk(tmp_path, monkeypatch):
    from datetime import date

    from stadkraft.workshop import Enhet, Fase, lager_fra_miljo
    from stadkraft.workshop.ui import vakt

    monkeypatch.setenv("STADKRAFT_WORKSHOP_URL", "")
    monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "workshop.duckdb"))
    lager = lager_fra_miljo()
    ny = lager.opprett_okt("kapasitet", Enhet.kommune("5014", "Frøya"), "Kapasitet", date.today())
    kode = ny.okt.kode
    app = Starlette(routes=[Route("/api/okt/{kode}/tilstand", tjener.tilstand)])
    status, hoder, kropp = hent(app, vakt.adresse(kode))
    assert status == 200 and kropp.decode() == lager.tilstand(kode).nokkel() and hoder["cache-control"] == "no-store"
    foer = kropp
    lager.set_fase(kode, ny.token, Fase.STENGT)
    lager.tilstand(kode)   # (the shared state is a second old at most; a page load refreshes it)
    assert hent(app, vakt.adresse(kode))[2] != foer, "closing the session changes the answer"
    # A code this process did not sign: 404, whether the session exists or not (no way to guess codes).
    assert hent(app, f"/api/okt/{kode}/tilstand?s=0000")[0] == 404
    assert hent(app, f"/api/okt/{kode}/tilstand")[0] == 404
    assert hent(app, "/api/okt/ZZZZZ/tilstand?s=0000")[0] == 404
    # A signed code whose session is gone: an answer that differs, so the phone reruns and is told.
    assert hent(app, vakt.adresse("ZZZZZ"))[2] == b"ukjent"
    assert len(vakt.adresse(kode)) < 80 and "tilstand" not in lager.tilstand(kode).nokkel()
