"""Words in the browser (issue 13): the pickers find names typed without æ, ø, å, and Streamlit's own
English does not show on the statistics pages."""
import pytest
from playwright.sync_api import expect

from .nettleser import krev_chromium, nettleser, streamlit_server

ENGELSK = ("Show/hide columns", "Download as CSV", "Search", "No results", "Choose date", "dd.mm.yyyy",
           "Skip to main content", "Add:", "Fullscreen", "yyyy")

# Streamlit's English as whole text nodes («Oxford Research» in a citation is no UI string) in text that
# is drawn: in a box that is shown, with a font size.
SYNLIG_ENGELSK = """(ord) => {
    const funnet = [];
    const gaa = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = gaa.nextNode(); n; n = gaa.nextNode()) {
        const el = n.parentElement;
        const tekst = n.textContent.trim();
        const treff = ord.filter(o => o.endsWith(':') ? tekst.startsWith(o) : tekst === o);
        if (!treff.length || !el || el.closest('style, script')) continue;
        const vist = el.checkVisibility({visibilityProperty: true, opacityProperty: true})
            && parseFloat(getComputedStyle(el).fontSize) > 0 && el.getClientRects().length > 0;
        if (vist) funnet.push(...treff);
    }
    return funnet;
}"""


def skriv(side, felt, tekst: str) -> None:
    """Type into a picker once the app has settled (a rerun can redraw the sidebar under a keystroke)."""
    side.wait_for_function("() => document.querySelector('.stApp')?.dataset.testScriptState === 'notRunning'",
                           timeout=30_000)
    felt.click()
    felt.fill(tekst)
    expect(felt).to_have_value(tekst)


def synlig_engelsk(side) -> list[str]:
    return side.evaluate(SYNLIG_ENGELSK, list(ENGELSK))


def verktoylinje(side, testid: str) -> list[str]:
    """The buttons the first element `testid` shows in its toolbar on hover; all must be «Fullskjerm»."""
    element = side.locator(f'[data-testid="{testid}"]').first
    element.scroll_into_view_if_needed()
    element.hover()
    knapper = side.locator(f'[data-testid="stElementContainer"]:has([data-testid="{testid}"]) '
                           '[data-testid="stElementToolbar"] button')
    knapper.first.wait_for(state="attached", timeout=10_000)
    side.wait_for_timeout(500)
    vist = [k.get_attribute("aria-label") for k in knapper.all() if k.is_visible()]
    assert all(v.startswith("Fullskjerm") for v in vist), vist
    return vist


def sjekk_side(side, url: str, tittel: str) -> None:
    side.goto(url, wait_until="domcontentloaded")
    side.get_by_text(tittel).first.wait_for(timeout=90_000)
    side.get_by_text("Kartverket (CC BY 4.0)").first.wait_for(timeout=60_000)
    side.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    assert synlig_engelsk(side) == []
    # The skip link: first in the tab order, in Norwegian, still named for screen readers.
    side.keyboard.press("Tab")
    hopp = side.locator('[data-testid="stSkipToContent"]')
    assert hopp.evaluate("e => e === document.activeElement")
    assert "Gå til hovedinnholdet" in hopp.evaluate("e => getComputedStyle(e, '::after').content")
    assert "Gå til hovedinnholdet" in hopp.aria_snapshot()
    assert synlig_engelsk(side) == []
    # The toolbars on hover: only «Fullskjerm» (Streamlit's «Fullscreen», relabelled) is left on a table (the page has its own CSV download)
    # and on a chart where the page has one (its own CSV, PNG and SVG carry the source line).
    assert verktoylinje(side, "stDataFrame")
    if side.locator('[data-testid="stVegaLiteChart"]').count():
        assert verktoylinje(side, "stVegaLiteChart")


@pytest.mark.timeout(480)
def test_skriv_froya_uten_o_med_strek_og_engelsk_er_borte(ekte_db):
    krev_chromium()
    with streamlit_server({"STADKRAFT_DB": str(ekte_db)}) as url, nettleser() as b:
        side = b.new_page(viewport={"width": 1400, "height": 1000})
        side.goto(url, wait_until="domcontentloaded")
        side.get_by_text("Kartverket (CC BY 4.0)").first.wait_for(timeout=90_000)
        velger = side.locator(".st-key-_kommunevelger input")

        # «froya», Enter: Frøya is chosen and the link holds it.
        skriv(side, velger, "froya")
        expect(side.get_by_role("option", name="Søk etter det du har skrevet (Enter)")).to_be_visible()
        assert synlig_engelsk(side) == []          # no «Add: froya», no «No results»
        side.keyboard.press("Enter")
        side.wait_for_function("() => location.search.includes('kommune=5014')", timeout=30_000)
        side.get_by_role("heading", name="Frøya (5014)").wait_for(timeout=30_000)
        assert velger.input_value() == "Frøya (5014)"

        # An unknown search: a Norwegian hint, and Frøya stays.
        skriv(side, velger, "qqqx")
        side.keyboard.press("Enter")
        side.get_by_text("Fant ingen kommune som passer til «qqqx»").wait_for(timeout=30_000)
        assert "kommune=5014" in side.url and velger.input_value() == "Frøya (5014)"

        # «tromso» too, and the region picker folds as well.
        skriv(side, velger, "tromso")
        side.keyboard.press("Enter")
        side.wait_for_function("() => location.search.includes('kommune=5501')", timeout=30_000)
        region = side.locator(".st-key-_regionvelger input")
        skriv(side, region, "trondelag")
        side.keyboard.press("Enter")
        side.wait_for_function("() => location.search.includes('region=fylke-50')", timeout=30_000)
        expect(region).to_have_value("Trøndelag - Trööndelage (fylke)", timeout=30_000)

        # A selectbox without typed search says «Ingen treff», not «No results».
        fra = side.locator(".st-key-_url_fra input")
        skriv(side, fra, "xyz")
        side.get_by_role("listbox").wait_for(timeout=10_000)
        assert side.locator('[role="listbox"][data-empty="true"]').count() == 1
        assert "Ingen treff" in side.locator('[role="listbox"] [role="option"] > span').evaluate(
            "e => getComputedStyle(e, '::after').content")
        assert synlig_engelsk(side) == []
        side.keyboard.press("Escape")

        sjekk_side(side, f"{url}/?kommune=5014&fra=2007&til=2017", "Oversikt")
        sjekk_side(side, f"{url}/vekst?kommune=5014&fra=2007&til=2017", "Vekst: befolkning og arbeidsplasser")


ENGELSKE_ATTRIBUTTER = """(ord) => [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
    .flatMap(el => ['aria-label', 'title', 'placeholder'].map(a => el.getAttribute(a)))
    .filter(v => v && ord.some(o => v === o || v.startsWith(o + ':')))"""


@pytest.mark.timeout(300)
def test_datofeltet_og_fullskjerm_paa_norsk(ekte_db, tmp_path):
    from stadkraft.ui.ramme import NORSKE_ORD

    krev_chromium()
    miljo = {"STADKRAFT_DB": str(ekte_db), "STADKRAFT_WORKSHOP_DB": str(tmp_path / "workshop.duckdb"),
             "STADKRAFT_WORKSHOP_URL": ""}
    with streamlit_server(miljo) as url, nettleser() as b:
        side = b.new_page(viewport={"width": 1400, "height": 1000})
        side.goto(f"{url}/kapasitet", wait_until="domcontentloaded")
        knapp = side.locator('[data-testid="stDateInputCalendarButton"]').first
        knapp.wait_for(timeout=90_000)
        expect(knapp).to_have_attribute("aria-label", "Velg dato", timeout=10_000)
        knapp.click()
        side.locator('[data-testid="stDateInputCalendar"]').wait_for(timeout=10_000)
        side.wait_for_timeout(300)
        assert side.evaluate(ENGELSKE_ATTRIBUTTER, list(NORSKE_ORD)) == []
        assert synlig_engelsk(side) == []
        side.keyboard.press("Escape")
        # The statistics' tables: «Fullskjerm» on hover (checked on the table in sjekk_side too).
        side.goto(f"{url}/?kommune=5014", wait_until="domcontentloaded")
        side.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=90_000)
        assert verktoylinje(side, "stDataFrame")
        assert side.evaluate(ENGELSKE_ATTRIBUTTER, list(NORSKE_ORD)) == []
