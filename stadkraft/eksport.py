"""Downloads: CSV that opens right in a Norwegian Excel; charts as PNG and SVG, offline."""
from __future__ import annotations

import pandas as pd

JA_NEI = {True: "ja", False: "nei"}
FORMELTEGN = ("=", "+", "-", "@", "\t", "\r")


def uten_formler(verdi):
    """A text Excel would run as a formula (OWASP CSV injection) gets a leading «'»: a name
    typed by anyone (an item, a region, a note) must reach the spreadsheet as text."""
    if isinstance(verdi, str) and verdi.startswith(FORMELTEGN):
        return "'" + verdi
    return verdi


def uten_formler_ramme(ramme: pd.DataFrame) -> pd.DataFrame:
    """`uten_formler` on every text cell and header (every CSV and Excel file goes through here)."""
    ut = ramme.apply(lambda k: k.map(uten_formler) if k.dtype == object or pd.api.types.is_string_dtype(k) else k)
    return ut.rename(columns=uten_formler)


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
    ut = uten_formler_ramme(csv_tabell(df, kolonner, desimaler))
    return ut.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def diagram_png(diagram, skala: float = 2.0) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_png(diagram.to_json(), scale=skala)


def diagram_svg(diagram) -> str:
    import vl_convert as vlc
    return vlc.vegalite_to_svg(diagram.to_json())
