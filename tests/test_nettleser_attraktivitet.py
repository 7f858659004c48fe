"""A deep link to the Attraktivitet page in a real browser: the matrix draws, Frøya ranks first 2007-2017,
and nothing is fetched from outside the machine."""
import pytest

from .nettleser import krev_chromium, nettleser, streamlit_server


@pytest.mark.timeout(180)
def test_dyplenke_til_attraktivitet(ekte_db):
    krev_chromium()
    with streamlit_server({"STADKRAFT_DB": str(ekte_db)}) as url, nettleser() as b:
        side = b.new_page(viewport={"width": 1920, "height": 1080})
        eksterne = []
        side.on("request", lambda r: eksterne.append(r.url)
                if not r.url.startswith((url, "data:", "blob:", "http://localhost", "http://127.0.0.1")) else None)
        side.goto(f"{url}/attraktivitet?kommune=5014&fra=2007&til=2017&modus=presentasjon", wait_until="domcontentloaded")
        side.get_by_text("Attraktivitet: vekst utover det strukturen tilsier").wait_for(timeout=90_000)
        side.get_by_text("nr. 1 av 357").first.wait_for(timeout=60_000)
        side.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for(
            timeout=60_000)
        assert "kommune=5014" in side.url and "fra=2007" in side.url and "til=2017" in side.url
        assert not eksterne, eksterne
