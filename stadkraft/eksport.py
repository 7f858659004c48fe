"""Downloads: CSV that opens right in a Norwegian Excel; charts as PNG and SVG, offline."""
from __future__ import annotations

import pandas as pd

JA_NEI = {True: "ja", False: "nei"}


def csv_tabell(df: pd.DataFrame, kolonner: dict[str, str] | None = None,
               desimaler: dict[str, int] | None = None) -> pd.DataFrame:
    """The table as a reader gets it: Norwegian headers, numbers rounded as shown, ja/nei.

    `kolonner` maps source column -> header and picks and orders the columns (all when None);
    `desimaler` (keyed by source column) rounds as the screen shows it, 0 to whole numbers.
    Yes/no columns become «ja»/«nei» (True/False means nothing to a reader in Excel).
    """
    ut = df[list(kolonner)].copy() if kolonner else df.copy()
    for kolonne, n in (desimaler or {}).items():
        if kolonne in ut:
            verdier = pd.to_numeric(ut[kolonne], errors="coerce").round(n)
            ut[kolonne] = verdier.astype("Int64") if n == 0 else verdier
    for kolonne in ut.columns:
        s = ut[kolonne]
        if pd.api.types.infer_dtype(s, skipna=True) == "boolean":  # bool, numpy bool, with or without gaps
            ut[kolonne] = s.map(lambda v: JA_NEI[bool(v)] if pd.notna(v) else "")
    return ut.rename(columns=kolonner) if kolonner else ut


def csv_bytes(df: pd.DataFrame, kolonner: dict[str, str] | None = None,
              desimaler: dict[str, int] | None = None) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM (what Excel in Norway expects)."""
    return csv_tabell(df, kolonner, desimaler).to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def diagram_png(diagram, skala: float = 2.0) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_png(diagram.to_json(), scale=skala)


def diagram_svg(diagram) -> str:
    import vl_convert as vlc
    return vlc.vegalite_to_svg(diagram.to_json())
