"""A fresh server whose very first visit is a deep link to the Vekst page gets the whole frame."""
import pytest

from .nettleser import krev_chromium, nettleser, streamlit_server


@pytest.mark.timeout(180)
def test_forste_besok_er_dyplenke_til_vekst(ekte_db):
    krev_chromium()
    with streamlit_server({"STADKRAFT_DB": str(ekte_db)}) as url, nettleser() as b:
        side = b.new_page(viewport={"width": 1400, "height": 1000})
        side.goto(f"{url}/vekst?kommune=5014&fra=2007&til=2017", wait_until="domcontentloaded")
        side.get_by_text("Vekst: befolkning og arbeidsplasser").wait_for(timeout=90_000)
        side.get_by_text("+21,8 %").first.wait_for(timeout=30_000)  # Frøya 2007-2017
        # The shared frame ran: the picker holds Frøya and the footer names the sources.
        side.get_by_text("Frøya (5014)").first.wait_for(timeout=30_000)
        side.get_by_text("Kartverket (CC BY 4.0)").first.wait_for(timeout=30_000)
        assert "kommune=5014" in side.url and "fra=2007" in side.url and "til=2017" in side.url
