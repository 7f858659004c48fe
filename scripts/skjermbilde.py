"""Screenshot a page in headless Chromium: python scripts/skjermbilde.py '<path?query>' <out.png>."""
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.nettleser import nettleser, streamlit_server  # noqa: E402

sti, ut = sys.argv[1], sys.argv[2]
vent_paa = sys.argv[3] if len(sys.argv) > 3 else None
with streamlit_server({}) as url, nettleser() as b:
    side = b.new_page(viewport={"width": 1400, "height": int(os.environ.get("HOYDE", "1100"))})
    side.goto(f"{url}/{sti}", wait_until="domcontentloaded")
    if vent_paa:
        side.get_by_text(vent_paa).first.wait_for(timeout=90_000)
    time.sleep(float(os.environ.get("VENT", "4")))  # let the map and charts draw
    side.screenshot(path=ut, full_page=True)
    print(ut)
