"""Downloads: CSV that opens right in a Norwegian Excel; charts as PNG and SVG, offline."""
from __future__ import annotations

import pandas as pd


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM (what Excel in Norway expects)."""
    return df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def diagram_png(diagram, skala: float = 2.0) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_png(diagram.to_json(), scale=skala)


def diagram_svg(diagram) -> str:
    import vl_convert as vlc
    return vlc.vegalite_to_svg(diagram.to_json())
