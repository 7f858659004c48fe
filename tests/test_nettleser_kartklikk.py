"""Click a municipality on the overview map in a real browser: it becomes the selection.

Runs on the six-municipality fixture database: deck.gl's picking in software WebGL (SwiftShader)
is reliable on a small map. The page opens zoomed to Frøya; the test clicks a point of Hitra, its
neighbour, projected to the screen with the Web Mercator maths deck.gl uses.
"""
import math
import re

import duckdb
import pytest
from shapely import box, from_geojson

from stadkraft.diagram.kart import utsnitt

from .nettleser import krev_chromium, nettleser, streamlit_server


def pikselpunkt(lon: float, lat: float, utsyn: dict, bredde: float, hoyde: float) -> tuple[float, float]:
    """Screen position (from the canvas' top left) of a point, for deck.gl's 512 px tiles."""
    skala = 512 * 2 ** utsyn["zoom"]

    def xy(lo, la):
        return (skala * (lo + 180) / 360,
                skala * (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2)

    x, y = xy(lon, lat)
    x0, y0 = xy(utsyn["longitude"], utsyn["latitude"])
    return bredde / 2 + x - x0, hoyde / 2 + y - y0


def grense(db, kode: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT geometri, min_lon, min_lat, max_lon, max_lat FROM kommunegrense "
                           "WHERE kommunenummer = ?", [kode]).fetchone()
    finally:
        con.close()


@pytest.mark.timeout(240)
def test_klikk_paa_nabokommunen_velger_den(fixtur_db):
    krev_chromium()
    _, *froya_boks = grense(fixtur_db, "5014")
    utsyn = utsnitt(*froya_boks)
    hitra = from_geojson(grense(fixtur_db, "5056")[0])
    with streamlit_server({"STADKRAFT_DB": str(fixtur_db)}) as url, nettleser() as b:
        side = b.new_page(viewport={"width": 1400, "height": 1800})  # the whole map on screen
        side.goto(f"{url}/?kommune=5014&fra=2007&til=2017", wait_until="domcontentloaded")
        side.get_by_text("Frøya (5014)").first.wait_for(timeout=90_000)
        lerret = side.locator("[data-testid=stDeckGlJsonChart] canvas").first
        lerret.wait_for(timeout=60_000)
        lerret.scroll_into_view_if_needed()
        side.wait_for_timeout(2000)  # let deck.gl draw and build its picking buffer
        ramme = lerret.bounding_box()
        # A point inside Hitra that is on screen: Hitra cut to the visible area, its inner point.
        halv_b, halv_h = ramme["width"] / 2, ramme["height"] / 2
        skala = 512 * 2 ** utsyn["zoom"]
        dlon = halv_b * 360 / skala * 0.8
        dlat = halv_h * 360 / skala * math.cos(math.radians(utsyn["latitude"])) * 0.8
        synleg = box(utsyn["longitude"] - dlon, utsyn["latitude"] - dlat,
                     utsyn["longitude"] + dlon, utsyn["latitude"] + dlat)
        punkt = hitra.intersection(synleg).buffer(-0.005).representative_point()
        assert not punkt.is_empty, "Hitra is not in view next to Frøya"
        x, y = pikselpunkt(punkt.x, punkt.y, utsyn, ramme["width"], ramme["height"])
        side.mouse.move(ramme["x"] + x, ramme["y"] + y)
        side.wait_for_timeout(500)
        side.mouse.click(ramme["x"] + x, ramme["y"] + y)
        side.wait_for_url(re.compile(r".*kommune=5056.*"), timeout=30_000, wait_until="commit")
        side.get_by_text("Hitra (5056)").first.wait_for(timeout=30_000)


@pytest.mark.timeout(240)
def test_en_rad_i_tabellen_velger_kommunen_paa_hele_kartet(ekte_db, tmp_path):
    """The full 357-municipality map: software WebGL draws it but may not pick on it, so the
    table beside it selects too. Row 1 is the chosen Frøya, row 2 Oslo (then number order)."""
    krev_chromium()
    with streamlit_server({"STADKRAFT_DB": str(ekte_db)}) as url, nettleser() as b:
        side = b.new_page(viewport={"width": 1400, "height": 1200})
        side.goto(f"{url}/?kommune=5014&fra=2007&til=2017", wait_until="domcontentloaded")
        side.get_by_text("Frøya (5014)").first.wait_for(timeout=90_000)
        side.get_by_text("(øverst i tabellen, markert)").wait_for(timeout=30_000)
        tabell = side.locator('[data-testid="stDataFrame"]').last
        tabell.wait_for(timeout=60_000)
        tabell.scroll_into_view_if_needed()
        side.wait_for_timeout(1500)  # the grid draws into its canvas
        boks = tabell.bounding_box()
        # The selection column is the grid's first (about 30 px); rows are 35 px under a 35 px header.
        side.mouse.click(boks["x"] + 14, boks["y"] + 35 + 35 + 17)
        side.wait_for_url(re.compile(r".*kommune=0301.*"), timeout=30_000, wait_until="commit")
        side.get_by_text("Oslo (0301)").first.wait_for(timeout=30_000)
        side.get_by_text(re.compile(r"Oslo: \+21,5\s%\s\(øverst i tabellen, markert\)")).wait_for(timeout=30_000)
        side.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=30_000)
        side.screenshot(path=str(tmp_path / "tabellvalg.png"), full_page=True)
