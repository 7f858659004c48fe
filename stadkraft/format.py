"""Numbers written the Norwegian way: `5 550 203`, `21,8 %`, `-3,4 %`.

A narrow no-break space (U+00A0) separates thousands so a number never wraps; the minus is
a real minus sign (U+2212) as Norwegian typography prefers.
"""
import math
import unicodedata

TUSENSKILLE = "\u00a0"
MINUS = "\u2212"
MANGLER = "–"  # shown where a figure cannot be computed


def _er_tom(verdi) -> bool:
    return verdi is None or (isinstance(verdi, float) and math.isnan(verdi)) or verdi is getattr(
        __import__("pandas"), "NA", object())


def tall(verdi, desimaler: int = 0, fortegn: bool = False) -> str:
    """`1234567.8` -> `1 234 568`; `desimaler=1` -> `1 234 567,8`; `fortegn` adds `+`."""
    if _er_tom(verdi):
        return MANGLER
    tekst = f"{abs(verdi):,.{desimaler}f}".replace(",", TUSENSKILLE).replace(".", ",")
    if round(verdi, desimaler) < 0:
        return MINUS + tekst
    if fortegn and round(verdi, desimaler) > 0:
        return "+" + tekst
    return tekst


def prosent(verdi, desimaler: int = 1, fortegn: bool = False) -> str:
    """A percentage already in percent units: `21.8` -> `21,8 %`."""
    if _er_tom(verdi):
        return MANGLER
    return f"{tall(verdi, desimaler, fortegn)}\u00a0%"


def d3_tall(desimaler: int = 0) -> str:
    """A d3 format string for charts; the locale (see `stadkraft.diagram.stil.NORSK_LOCALE`) sets separators."""
    return f",.{desimaler}f"


# Letters without a decomposition in Unicode; the rest (á, č, š, ž, å, ö …) lose their marks below.
_BRETT = str.maketrans({"æ": "ae", "ø": "o", "đ": "d", "ŋ": "n", "ŧ": "t", "ß": "ss", "œ": "oe"})


def sokeform(tekst) -> str:
    """A name as one types it on any keyboard: `Frøya` -> `froya`, `Bærum` -> `baerum`,
    `Ålesund` -> `alesund`, `Kárášjohka` -> `karasjohka`, `Porsáŋgu` -> `porsangu`.
    Lower case, one space between words; for search, never for display."""
    tekst = " ".join(str(tekst or "").lower().split()).translate(_BRETT)
    return "".join(c for c in unicodedata.normalize("NFD", tekst) if not unicodedata.combining(c))
