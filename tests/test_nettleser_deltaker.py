"""A phone's identity in a real browser: kept in the browser (a cookie), never in the address.
A reload is the same participant; the same address on another device is someone new; Enter in
a reason field sends nothing, and Streamlit's English hint about it never shows; the reason's
length is counted as it is typed, and 1-5 is one line of thumb-sized choices."""
import re

import pytest

from stadkraft.workshop import Enhet
from stadkraft.workshop.lager import DuckLager

from .nettleser import krev_chromium, nettleser, streamlit_server
from .test_nettleser_workshop import velg, vent_til_rolig


@pytest.mark.timeout(240)
def test_en_enhet_teller_en_gang_og_lenka_bærer_ingen_identitet(ekte_db, tmp_path):
    krev_chromium()
    from datetime import date

    sti = tmp_path / "workshop.duckdb"
    lager = DuckLager(sti)
    kode = lager.opprett_okt("kapasitet", Enhet.kommune("5014", "Frøya"), "Workshop", date.today()).okt.kode
    lager.lukk()
    miljo = {"STADKRAFT_DB": str(ekte_db), "STADKRAFT_WORKSHOP_DB": str(sti)}
    with streamlit_server(miljo) as url, nettleser() as b:
        mobil = b.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        mobil.goto(f"{url}/bli-med?kode={kode}", wait_until="domcontentloaded")
        grupper = mobil.get_by_role("radiogroup")
        grupper.first.wait_for(timeout=60_000)
        vent_til_rolig(mobil)
        # One line of 1-5 on a 390 px phone, each choice a thumb's target.
        valg = grupper.first.locator("label")
        bokser = [valg.nth(i).bounding_box() for i in range(5)]
        assert len({round(b["y"]) for b in bokser}) == 1, bokser
        assert all(b["width"] >= 44 and b["height"] >= 44 for b in bokser), bokser
        assert bokser[-1]["x"] + bokser[-1]["width"] <= 390, bokser
        for i in range(5):
            velg(grupper.nth(i), 3)
        grunn = mobil.get_by_role("textbox", name=re.compile("Kort begrunnelse for Utviklingsleiing"))
        # The count is live, as the thumb types (a form tells the server nothing before «Send svar»).
        grunn.fill("æ" * 510)
        mobil.get_by_text("510 av 500 tegn: 10 for mange. Kort ned før du sender.").wait_for(timeout=5_000)
        grunn.fill("Halvferdig tanke")
        mobil.get_by_text("16 av 500 tegn", exact=True).wait_for(timeout=5_000)
        grunn.press("Enter")                                  # must not send the unfinished form
        mobil.wait_for_timeout(1500)
        assert mobil.get_by_text("Svaret ditt er registrert").count() == 0
        assert mobil.get_by_text("Press Enter").count() == 0
        mobil.get_by_role("button", name="Send svar").click()
        mobil.get_by_text("Svaret ditt er registrert").first.wait_for(timeout=30_000)
        assert "d=" not in mobil.url and "deltak" not in mobil.url     # nothing of the phone in its address

        # A reload is the same phone: its answer is there, and it still counts once.
        mobil.reload(wait_until="domcontentloaded")
        mobil.get_by_text("Du har svart før").first.wait_for(timeout=60_000)

        # The same address opened on another device is a new participant, who sees nothing of the first.
        annen = b.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        annen.goto(mobil.url, wait_until="domcontentloaded")
        annen.get_by_role("radiogroup").first.wait_for(timeout=60_000)
        vent_til_rolig(annen)
        assert annen.get_by_text("Du har svart før").count() == 0
        assert annen.get_by_role("textbox", name=re.compile("Kort begrunnelse for Utviklingsleiing")).input_value() == ""
    lager = DuckLager(sti)
    try:
        assert lager.tell_rader(kode)["deltakere"] == 1
    finally:
        lager.lukk()
