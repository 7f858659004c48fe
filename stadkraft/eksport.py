"""Downloads: CSV that opens right in a Norwegian Excel; charts as PNG and SVG, offline."""
from __future__ import annotations

import copy
import json

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


# --- Charts as files ------------------------------------------------------------------------------

AVSENDER = "Stadkraft"
# Keys only a top-level spec may carry: they move to the wrapper `med_tittel_og_kilde` puts around a chart.
_TOPPNIVAA = ("$schema", "config", "datasets", "background", "padding", "autosize", "usermeta", "params")


def _tittel_tekst(tittel) -> str | list[str] | None:
    if isinstance(tittel, dict):
        return tittel.get("text")
    return tittel or None


def kildelinje(kilde: str | None) -> str:
    """«Kilde: SSB tabell 07459 · Stadkraft» from «SSB tabell 07459», «Kilde: …» or «Kilde: ….»."""
    tekst = (kilde or "").strip()
    if tekst.lower().startswith("kilde:"):
        tekst = tekst[len("kilde:"):].strip()
    tekst = tekst.rstrip(". ")
    return f"Kilde: {tekst} · {AVSENDER}" if tekst else AVSENDER


def med_tittel_og_kilde(diagram, enhet: str | None, kilde: str | None) -> dict:
    """The spec a PNG/SVG file is drawn from: the unit (municipality or region) as the title with the
    chart's own title under it, and the source line at the bottom. The page shows both beside the chart;
    a file travels alone. On white, as vl-convert draws text black (a dark viewer shows transparency
    black). `diagram` is an Altair chart or its spec; neither is changed."""
    spec = copy.deepcopy(diagram if isinstance(diagram, dict) else diagram.to_dict())
    topp = {k: spec.pop(k) for k in _TOPPNIVAA if k in spec}
    egen = _tittel_tekst(spec.pop("title", None))
    tittel: dict = {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12, "subtitlePadding": 4, "offset": 12}
    if enhet:
        tittel |= {"text": enhet, **({"subtitle": egen} if egen else {})}
    elif egen:
        tittel["text"] = egen
    if "text" in tittel:
        spec["title"] = tittel
    return {
        **topp,
        "background": "white",
        "title": {"text": kildelinje(kilde), "orient": "bottom", "anchor": "start", "fontSize": 11,
                  "fontWeight": "normal", "color": "#555555", "offset": 14},
        "vconcat": [spec],
    }


def diagram_png(diagram, skala: float = 2.0, enhet: str | None = None, kilde: str | None = None) -> bytes:
    import vl_convert as vlc
    return vlc.vegalite_to_png(json.dumps(med_tittel_og_kilde(diagram, enhet, kilde)), scale=skala)


def diagram_svg(diagram, enhet: str | None = None, kilde: str | None = None) -> str:
    import vl_convert as vlc
    return vlc.vegalite_to_svg(json.dumps(med_tittel_og_kilde(diagram, enhet, kilde)))
