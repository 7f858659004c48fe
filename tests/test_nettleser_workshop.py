"""A live workshop in real browsers: the facilitator creates a session, three phones answer,
the projector's count rises by itself, and the diamond is revealed. A fourth phone is half-way
through when the session closes: what it filled in stays. The laptop agrees scores and adds an
action; its form comes back empty and the projector follows, read-only."""
import os
import re
import time

import pytest
from playwright.sync_api import expect

from .nettleser import krev_chromium, nettleser, streamlit_server


def vent_til_rolig(side) -> None:
    """Wait until Streamlit has no script run in progress (its status widget is gone)."""
    side.wait_for_timeout(300)
    side.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=30_000)


def velg(gruppe, karakter: int) -> None:
    """Tick a score by clicking its label, as a thumb would (Playwright checks the click lands)."""
    etikett = gruppe.locator("label").nth(karakter - 1)
    etikett.click()
    expect(gruppe.get_by_role("radio").nth(karakter - 1)).to_be_checked()


@pytest.mark.timeout(300)
def test_workshop_fra_mobil_til_storskjerm(ekte_db, tmp_path):
    krev_chromium()
    miljo = {"STADKRAFT_DB": str(ekte_db), "STADKRAFT_WORKSHOP_DB": str(tmp_path / "workshop.duckdb")}
    with streamlit_server(miljo) as url, nettleser() as b:
        leiar = b.new_page(viewport={"width": 1400, "height": 1000})
        leiar.goto(f"{url}/kapasitet-leiar?kommune=5014", wait_until="domcontentloaded")
        opprett = leiar.get_by_role("button", name="Opprett workshop")
        opprett.wait_for(timeout=90_000)
        vent_til_rolig(leiar)
        opprett.click()
        leiar.wait_for_url(re.compile(r".*kode=[A-Z0-9]+.*token=.*"), timeout=60_000, wait_until="commit")
        kode = re.search(r"kode=([A-Z0-9]+)", leiar.url).group(1)
        leiar.get_by_text("Svar mottatt").first.wait_for(timeout=30_000)

        for nr in range(3):
            mobil = b.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            mobil.goto(f"{url}/kapasitet-delta?kode={kode}", wait_until="domcontentloaded")
            grupper = mobil.get_by_role("radiogroup")
            grupper.first.wait_for(timeout=60_000)
            vent_til_rolig(mobil)
            for i in range(5):
                velg(grupper.nth(i), (nr + i) % 5 + 1)
            mobil.get_by_role("button", name="Send svar").click()
            mobil.get_by_text("Svaret ditt er registrert").first.wait_for(timeout=30_000)
            mobil.close()

        # The projector counts on its own (st.fragment(run_every=...)), no reload.
        leiar.wait_for_function(
            "() => document.querySelector('[data-testid=\"stMetricValue\"]')?.innerText.trim() === '3'",
            timeout=30_000)

        # A fourth phone has scored two components and typed a reason, not sent, when the leader closes.
        sein = b.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        sein.goto(f"{url}/kapasitet-delta?kode={kode}", wait_until="domcontentloaded")
        grupper = sein.get_by_role("radiogroup")
        grupper.first.wait_for(timeout=60_000)
        vent_til_rolig(sein)
        velg(grupper.nth(0), 2)
        velg(grupper.nth(1), 4)
        grunn = sein.get_by_role("textbox", name=re.compile(r"Kort begrunnelse for Utviklingsleiing \(valgfritt"))
        grunn.fill("Halvferdig tanke")
        leiar.get_by_role("button", name="Steng for svar").click()
        sein.get_by_text("Økta er stengt for svar nå").first.wait_for(timeout=30_000)
        vent_til_rolig(sein)
        expect(sein.get_by_role("button", name="Send svar")).to_be_disabled(timeout=15_000)
        expect(grupper.nth(0).get_by_role("radio").nth(1)).to_be_checked()
        expect(grupper.nth(1).get_by_role("radio").nth(3)).to_be_checked()
        expect(grunn).to_have_value("Halvferdig tanke")
        sein.close()
        leiar.get_by_role("button", name="Vis resultatet").click(timeout=30_000)
        leiar.get_by_text("Median").first.wait_for(timeout=60_000)
        leiar.get_by_text("Median").first.scroll_into_view_if_needed()
        leiar.screenshot(path=os.environ.get("STADKRAFT_SKJERMBILDE", str(tmp_path / "diamant.png")))

        # The projector is a second tab in presentation mode; the laptop moves on to consensus and
        # adds an action, and the projector follows by itself (no reload).
        skjerm = b.new_page(viewport={"width": 1400, "height": 1000})
        skjerm.goto(leiar.url + "&modus=presentasjon", wait_until="domcontentloaded")
        skjerm.get_by_text("Median").first.wait_for(timeout=60_000)
        vent_til_rolig(leiar)
        leiar.get_by_role("button", name="Gå videre til felleskarakter").click()
        t0 = time.monotonic()
        skjerm.get_by_text("Tiltak: hva skal styrkes").first.wait_for(timeout=30_000)
        print(f"Fra «Gå videre til felleskarakter» på laptopen til storskjermen: {time.monotonic() - t0:.1f} s")
        leiar.get_by_role("textbox", name="Hva skal styrkes?").wait_for(timeout=60_000)
        vent_til_rolig(leiar)
        leiar.get_by_role("textbox", name="Hva skal styrkes?").fill("Fast møtetid for utviklingsarbeid")
        leiar.get_by_role("textbox", name="Hvem har ansvar?").fill("Ordføreren")
        leiar.get_by_role("button", name="Legg til tiltak").click()
        leiar.get_by_text("Fast møtetid for utviklingsarbeid").first.wait_for(timeout=30_000)
        skjerm.get_by_text("Fast møtetid for utviklingsarbeid").first.wait_for(timeout=30_000)
        # The form comes back empty, so a second click cannot add the same action again.
        vent_til_rolig(leiar)
        expect(leiar.get_by_role("textbox", name="Hva skal styrkes?")).to_have_value("", timeout=15_000)
        expect(leiar.get_by_role("textbox", name="Hvem har ansvar?")).to_have_value("")

        # The laptop agrees the scores with a note; the projector shows them read-only, and again
        # after a change (no stale form there).
        for runde, (karakter, merknad) in enumerate([(3, "Enige etter lang diskusjon"), (4, "Endret etter pause")]):
            for i in range(5):
                velg(leiar.get_by_role("radiogroup").nth(i), karakter)
            leiar.get_by_role("textbox", name="Merknad til Tidsressursar (valgfritt)").fill(merknad)
            leiar.get_by_role("button", name="Lagre felleskarakter").click()
            t0 = time.monotonic()
            skjerm.get_by_text(merknad).first.wait_for(timeout=30_000)
            print(f"Fra «Lagre felleskarakter» på laptopen til storskjermen: {time.monotonic() - t0:.1f} s")
            leiar.get_by_text("Felleskarakteren er lagret").first.wait_for(timeout=30_000)
            vent_til_rolig(leiar)
        expect(skjerm.get_by_role("radiogroup")).to_have_count(0)
        expect(skjerm.get_by_role("button", name="Fjern")).to_have_count(0)
