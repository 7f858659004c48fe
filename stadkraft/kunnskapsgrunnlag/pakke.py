"""Every figure (SVG and PNG) and table (CSV, as Excel in Norway opens it) of a knowledge base in one ZIP,
for a planner to put into the plan document; the PDF goes in too."""
from __future__ import annotations

import io
import zipfile

from stadkraft import eksport

from . import innhold


def zip_bytes(grunnlag: innhold.Grunnlag, svg: dict[str, str], pdf: bytes | None = None) -> bytes:
    import vl_convert as vlc
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, f in enumerate(grunnlag.figurer, 1):
            stamme = f"figurer/{i:02d}_{f.navn}"
            z.writestr(f"{stamme}.svg", svg[f.navn])
            z.writestr(f"{stamme}.png", vlc.svg_to_png(svg[f.navn], scale=2))
            if f.data is not None:
                z.writestr(f"{stamme}.csv", eksport.csv_bytes(f.data, **(f.oppsett or {})))
        for i, t in enumerate(grunnlag.tabeller, 1):
            z.writestr(f"tabeller/{i:02d}_{t.navn}.csv", eksport.csv_bytes(t.data))
        z.writestr("LESMEG.txt", (f"{grunnlag.tittel}\n{grunnlag.undertittel}\nLaget {grunnlag.laget} med Stadkraft; "
                                  f"data per {grunnlag.dataens_dato}.\nKilde: Statistisk sentralbyrå (NLOD). "
                                  "Kart: © Kartverket (CC BY 4.0).\nfigurer/: hver figur som SVG (vektor) og PNG, "
                                  "med dataene som CSV; tabeller/: tabellene som CSV (semikolon, desimalkomma).\n"
                                  ).encode("utf-8"))
        if pdf is not None:
            z.writestr("kunnskapsgrunnlag.pdf", pdf)
    return buf.getvalue()
