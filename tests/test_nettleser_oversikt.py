"""End to end in a real browser: the overview page renders its map and only talks to localhost."""
from urllib.parse import urlparse

import pytest

from .nettleser import krev_chromium, nettleser, streamlit_server


@pytest.fixture(scope="module")
def server(ekte_db):
    krev_chromium()
    with streamlit_server({"STADKRAFT_DB": str(ekte_db)}) as url:
        yield url


@pytest.mark.timeout(180)
def test_dyplenke_viser_kart_profil_og_tabell_uten_eksterne_kall(server, tmp_path):
    forespurt = []
    with nettleser() as b:
        side = b.new_page(viewport={"width": 1400, "height": 1000})
        side.on("request", lambda r: forespurt.append(r.url))
        side.goto(f"{server}/?kommune=5014&fra=2007&til=2017", wait_until="domcontentloaded")
        side.get_by_text("Frøya (5014)").first.wait_for(timeout=90_000)
        side.locator("canvas").first.wait_for(timeout=60_000)  # deck.gl draws into a canvas
        side.get_by_text("Last ned tabellen (CSV)").wait_for(timeout=30_000)
        side.screenshot(path=str(tmp_path / "oversikt.png"))
        assert "kommune=5014" in side.url and "fra=2007" in side.url
    verter = {urlparse(u).hostname for u in forespurt if u.startswith("http")}
    assert verter <= {"127.0.0.1", "localhost"}, f"requests left the machine: {verter}"
