"""The end-to-end guard (issue 13): every page in a real browser, on a laptop, a phone and (the
statistics pages) a projector. Each case loads a deep link, draws its chart or map, shows no
exception and logs no console error, asks nothing of any host but this machine, and has no
critical or serious axe-core violation. The municipality picker and a phone's scoring form work
with the keyboard alone. Each case's seconds to a settled page and bytes fetched, cold and warm (a second
visit in the same browser), are printed as a
table (pytest -s), beside a bare Streamlit page's, and kept with a full-page screenshot per case
in the artifact folder ($STADKRAFT_ARTIFAKTER, else a temporary folder; its path is printed)."""
from __future__ import annotations

import json
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from stadkraft.workshop import Enhet
from stadkraft.workshop.lager import DuckLager

from .nettleser import (
    LOKALE_VERTER,
    Maaler,
    axe_brudd,
    bar_streamlit_server,
    fullside_skjermbilde,
    krev_chromium,
    nettleser,
    streamlit_server,
)
from .test_nettleser_workshop import vent_til_rolig

VENT = 90_000  # the machine is shared and slow: generous waits
VISNINGER = {
    "laptop": {"viewport": {"width": 1400, "height": 1000}},
    "mobil": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "presentasjon": {"viewport": {"width": 1920, "height": 1080}},
}
DYPLENKE = "kommune=5014&fra=2007&til=2017"
DIAGRAM_VEGA = '[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas'
DIAGRAM_KART = '[data-testid="stDeckGlJsonChart"] canvas'

# path, query, texts that prove the deep link opened the right view, chart selector (None: no chart)
SIDER = {
    "oversikt": ("/", DYPLENKE, ["Oversikt", "Frøya (5014)"], DIAGRAM_KART),
    "vekst": ("/vekst", DYPLENKE, ["Vekst: befolkning og arbeidsplasser", "+21,8 %", "Frøya"], DIAGRAM_VEGA),
    "attraktivitet": ("/attraktivitet", DYPLENKE,
                      ["Attraktivitet: vekst utover det strukturen tilsier", "nr. 1 av 357", "Frøya"], DIAGRAM_VEGA),
    "kapasitet": ("/kapasitet", "", ["Kapasitetsdiamanten", "Opprett workshop"], None),
    "prioritering": ("/prioritering", "", ["Prioriteringsverktøyet", "Opprett workshop"], None),
    "bli-med": ("/bli-med", "kode={kode}", ["Kapasitetsdiamanten", "Frøya", "Send svar"], None),
}
STATISTIKK = ("oversikt", "vekst", "attraktivitet")
TILFELLER = [(s, v) for s in SIDER for v in VISNINGER if v != "presentasjon" or s in STATISTIKK]

# Streamlit's own frontend probes `<page>/_stcore/health` and `<page>/_stcore/host-config` relative
# to a deep path (/vekst/_stcore/health) before it falls back to the root, and Chromium logs the
# 404 as a console error. Nothing of ours: exactly these two are not counted.
STREAMLIT_SONDE = re.compile(r"^https?://(127\.0\.0\.1|localhost):\d+/[^?#]+/_stcore/(health|host-config)$")

MAALINGER: list[dict] = []
BAR: dict = {}


@pytest.fixture(scope="module")
def artefakter(tmp_path_factory):
    mappe = Path(os.environ.get("STADKRAFT_ARTIFAKTER") or tmp_path_factory.mktemp("artefakter"))
    mappe.mkdir(parents=True, exist_ok=True)
    print(f"\nArtefakter (skjermbilder, maalinger.json): {mappe}")
    yield mappe
    skriv_rapport(mappe)


@pytest.fixture(scope="module")
def okt(ekte_db, tmp_path_factory):
    """A fresh workshop store with one open capacity session (made before the server holds the file)."""
    sti = tmp_path_factory.mktemp("workshop") / "workshop.duckdb"
    lager = DuckLager(sti)
    try:
        kode = lager.opprett_okt("kapasitet", Enhet.kommune("5014", "Frøya"), "Workshop", date.today()).okt.kode
    finally:
        lager.lukk()
    return sti, kode


@pytest.fixture(scope="module")
def server(ekte_db, okt):
    krev_chromium()
    with streamlit_server({"STADKRAFT_DB": str(ekte_db), "STADKRAFT_WORKSHOP_DB": str(okt[0])}) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    krev_chromium()
    with nettleser() as b:
        yield b


def ny_side(browser, visning: str):
    kontekst = browser.new_context(**VISNINGER[visning], locale="nb-NO")
    side = kontekst.new_page()
    feil = []
    side.on("console", lambda m: feil.append(f"{m.text} ({m.location.get('url')})")
            if m.type == "error" and not ("404" in m.text and STREAMLIT_SONDE.match(m.location.get("url") or ""))
            else None)
    side.on("pageerror", lambda e: feil.append(f"pageerror: {e}"))
    return kontekst, side, feil


def synlig_diagram(side, velger: str) -> None:
    """A chart or map is drawn: the element is there and has a non-zero size."""
    side.locator(velger).first.wait_for(state="visible", timeout=VENT)
    side.wait_for_function("""sel => [...document.querySelectorAll(sel)].some(e => {
        const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; })""", arg=velger, timeout=VENT)


def vurder_axe(side, navn: str) -> list[str]:
    """The critical and serious violations, one line per element (none is excused)."""
    return [f"{brudd['id']} ({brudd['impact']}) {' '.join(map(str, node['target']))}: {node['html'][:160]}"
            for brudd in axe_brudd(side) if brudd["impact"] in ("critical", "serious") for node in brudd["nodes"]]


@pytest.mark.timeout(240)
@pytest.mark.parametrize("side_navn,visning", TILFELLER, ids=[f"{s}-{v}" for s, v in TILFELLER])
def test_side(server, browser, okt, artefakter, side_navn, visning):
    sti, sporring, tekster, diagram = SIDER[side_navn]
    sporring = sporring.format(kode=okt[1])
    if visning == "presentasjon":
        sporring = f"{sporring}&modus=presentasjon"
    adresse = f"{server}{sti}" + (f"?{sporring}" if sporring else "")
    kontekst, side, feil = ny_side(browser, visning)
    maaler = Maaler(side)
    try:
        start = time.monotonic()
        side.goto(adresse, wait_until="domcontentloaded")
        hoved = side.locator('[data-testid="stMain"]')
        for tekst in tekster:
            hoved.get_by_text(tekst).first.wait_for(state="visible", timeout=VENT)
        if diagram:
            synlig_diagram(side, diagram)
        synlig = time.monotonic() - start         # what the user waits for: the page's content drawn
        vent_til_rolig(side)
        sekunder = time.monotonic() - start
        http, ws = maaler.http_bytes(), maaler.ws_bytes
        MAALINGER.append({"side": side_navn, "visning": visning, "adresse": adresse.removeprefix(server),
                          "synlig_sekunder": round(synlig, 2), "sekunder": round(sekunder, 2),
                          "http_bytes": http, "ws_bytes": ws, "bytes": http + ws})

        assert side.locator('[data-testid="stException"]').count() == 0, "siden viser en feil"
        for del_ in sporring.split("&"):
            if del_.startswith(("kommune=", "kode=")):
                assert del_ in side.url, f"dyplenka mistet {del_}: {side.url}"
        fullside_skjermbilde(side, artefakter / f"{side_navn}-{visning}.png")
        ukjente = vurder_axe(side, f"{side_navn}-{visning}")
        assert not ukjente, "axe-core: kritiske/alvorlige brudd:\n" + "\n".join(ukjente)
        assert not feil, f"feil i konsollen: {feil}"
        assert maaler.verter <= LOKALE_VERTER, f"forespørsler forlot maskinen: {maaler.verter}"

        # Warm: the same address again in the same browser (its cache holds the frontend and the map's files).
        igjen = kontekst.new_page()
        varm = Maaler(igjen)
        start = time.monotonic()
        igjen.goto(adresse, wait_until="domcontentloaded")
        for tekst in tekster:
            igjen.locator('[data-testid="stMain"]').get_by_text(tekst).first.wait_for(state="visible", timeout=VENT)
        if diagram:
            synlig_diagram(igjen, diagram)
        vent_til_rolig(igjen)
        MAALINGER[-1].update(sekunder_varm=round(time.monotonic() - start, 2), bytes_varm=varm.http_bytes() + varm.ws_bytes)
        assert varm.http_bytes() < http, "a second visit fetches less over HTTP (the browser keeps the frontend)"
    finally:
        kontekst.close()


@pytest.mark.timeout(180)
def test_kommunevelgeren_med_tastatur_alene(server, browser):
    kontekst, side, feil = ny_side(browser, "laptop")
    try:
        side.goto(f"{server}/vekst", wait_until="domcontentloaded")
        velger = side.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Kommune")
        velger.wait_for(timeout=VENT)
        vent_til_rolig(side)
        assert "kommune=" not in side.url
        velger.focus()
        expect(velger).to_be_focused()
        side.keyboard.type("Frøya", delay=50)
        side.wait_for_timeout(500)
        side.keyboard.press("Enter")
        side.wait_for_url(re.compile(r".*kommune=5014.*"), timeout=VENT, wait_until="commit")
        side.locator('[data-testid="stMain"]').get_by_text("Frøya").first.wait_for(timeout=VENT)
        vent_til_rolig(side)
        assert side.locator('[data-testid="stException"]').count() == 0
        assert not feil, feil
    finally:
        kontekst.close()


AKTIV_RADIOGRUPPE = """() => { const e = document.activeElement;
    if (!e || e.type !== 'radio') return -1;
    return [...document.querySelectorAll('[role=radiogroup]')].indexOf(e.closest('[role=radiogroup]')); }"""


def tab_til(side, sjekk, arg=None, grense: int = 60) -> None:
    """Press Tab until `sjekk` (a JS function of arg) is true of the focused element."""
    for _ in range(grense):
        side.keyboard.press("Tab")
        if side.evaluate(sjekk, arg):
            return
    raise AssertionError(f"Tab nådde aldri fram ({sjekk[:60]}…)")


@pytest.mark.timeout(180)
def test_mobilskjemaet_med_tastatur_alene(server, browser, okt, artefakter):
    kontekst, side, feil = ny_side(browser, "mobil")
    try:
        side.goto(f"{server}/bli-med?kode={okt[1]}", wait_until="domcontentloaded")
        grupper = side.get_by_role("radiogroup")
        grupper.first.wait_for(timeout=VENT)
        vent_til_rolig(side)
        assert grupper.count() == 5
        karakterer = [3, 1, 5, 2, 4]
        for i, karakter in enumerate(karakterer):
            tab_til(side, f"() => ({AKTIV_RADIOGRUPPE})() === {i}")
            side.keyboard.press("Space")                  # the first score, then the arrows move along
            for _ in range(karakter - 1):
                side.keyboard.press("ArrowRight")
            expect(grupper.nth(i).get_by_role("radio").nth(karakter - 1)).to_be_checked()
        tab_til(side, "() => document.activeElement?.innerText?.trim() === 'Send svar'")
        side.keyboard.press("Enter")
        side.get_by_text("Takk!").first.wait_for(timeout=VENT)
        vent_til_rolig(side)
        fullside_skjermbilde(side, artefakter / "bli-med-tastatur-sendt.png")
        assert not feil, feil
    finally:
        kontekst.close()


BAR_SKRIPT = '''import pandas as pd
import streamlit as st

df = pd.DataFrame({"lat": [63.7, 63.43, 59.91, 60.39], "lon": [8.83, 10.39, 10.75, 5.32], "verdi": [1, 3, 2, 4]})
st.title("Bar Streamlit")
st.map(df)
st.line_chart(df["verdi"])
st.dataframe(df)
'''


@pytest.mark.timeout(180)
def test_bar_streamlit_til_sammenligning(browser, tmp_path, artefakter):
    """A bare Streamlit page with a map, a line chart and a table, measured the same way."""
    krev_chromium()
    skript = tmp_path / "bar.py"
    skript.write_text(BAR_SKRIPT, encoding="utf-8")
    with bar_streamlit_server(skript) as url:
        kontekst, side, _ = ny_side(browser, "laptop")
        stoppet = []
        # st.map asks a tile server for its basemap: kept off the network, and not counted.
        kontekst.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*"),
                       lambda r: (stoppet.append(r.request.url), r.abort()))
        maaler = Maaler(side)
        try:
            start = time.monotonic()
            side.goto(url, wait_until="domcontentloaded")
            side.get_by_text("Bar Streamlit").wait_for(timeout=VENT)
            synlig_diagram(side, DIAGRAM_KART)
            synlig_diagram(side, DIAGRAM_VEGA)
            side.locator('[data-testid="stDataFrame"]').wait_for(timeout=VENT)
            vent_til_rolig(side)
            sekunder = time.monotonic() - start
            http, ws = maaler.http_bytes(), maaler.ws_bytes
            fullside_skjermbilde(side, artefakter / "bar-streamlit.png")
        finally:
            kontekst.close()
    BAR.update({"side": "bar Streamlit", "visning": "laptop", "adresse": "/", "sekunder": round(sekunder, 2),
                "http_bytes": http, "ws_bytes": ws, "bytes": http + ws, "stoppet_eksternt": len(stoppet)})
    vaar = next((m for m in MAALINGER if m["side"] == "oversikt" and m["visning"] == "laptop"), None)
    if vaar:
        BAR["forhold_oversikt_mot_bar"] = round(vaar["bytes"] / BAR["bytes"], 2)
    assert http > 0 and ws > 0


def mb(n: int) -> str:
    return f"{n / 1_000_000:.2f}"


def skriv_rapport(mappe: Path) -> None:
    rader = MAALINGER + ([BAR] if BAR else [])
    if not rader:
        return
    print("\n\nside            visning        synlig s  sekunder  http MB  ws MB  sum MB  varm s  varm MB  adresse")
    for m in rader:
        varm = f"{m['sekunder_varm']:>7.2f} {mb(m['bytes_varm']):>8}" if "sekunder_varm" in m else f"{'–':>7} {'–':>8}"
        synlig = f"{m['synlig_sekunder']:>8.2f}" if "synlig_sekunder" in m else f"{'–':>8}"
        print(f"{m['side']:<15} {m['visning']:<14} {synlig}  {m['sekunder']:>8.2f} {mb(m['http_bytes']):>8} "
              f"{mb(m['ws_bytes']):>6} {mb(m['bytes']):>7} {varm}  {m['adresse']}")
    if "forhold_oversikt_mot_bar" in BAR:
        print(f"Første lasting av /: Stadkraft / bar Streamlit = {BAR['forhold_oversikt_mot_bar']:.2f} "
              f"(bar siden: {BAR['stoppet_eksternt']} eksterne forespørsler stoppet, ikke talt)")
    (mappe / "maalinger.json").write_text(json.dumps(
        {"sider": MAALINGER, "bar_streamlit": BAR},
        ensure_ascii=False, indent=2), encoding="utf-8")
