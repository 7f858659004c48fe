"""Periods: the presets from the source documents, and a period read from the URL.

A period `fra`-`til` runs from 1 January `fra` to 1 January `til`, so it spans `til - fra` years.
"""
from __future__ import annotations

import pandas as pd

# Periods the source documents use. Shown to users with author and year; the line numbers in
# ../shared/seeds/ stay here: 003 L2574-2580; 003 L2550, 000 L889; 000 L40-42; 000 L839, 003 L2554, L2615.
PERIODER_FRA_DOKUMENTENE: list[tuple[str, int, int, str]] = [
    ("2007–2017", 2007, 2017, "Frøya mest attraktive kommune 2007–2017 (Telemarksforsking, i Distriktssenteret 2018)"),
    ("2011–2017", 2011, 2017, "Suksessrike distriktskommuner 2011–2017 (Telemarksforsking, i Distriktssenteret "
                              "2018; Onsager, NIBR 2019)"),
    ("2005–2016", 2005, 2016, "Gunstig periode for distriktene 2005–16 (Onsager, NIBR 2019)"),
    ("2011–2018", 2011, 2018, "Sysselsetting 2011–18 etter sentralitet (Onsager, NIBR 2019); Gamvik og Bø "
                              "(Distriktssenteret 2018)"),
]
SISTE_AAR = (3, 5, 10)
STANDARD_PERIODE = (2007, 2017)


def forhandsvalg(forste: int, siste: int) -> list[tuple[str, int, int, str]]:
    """Presets (label, fra, til, why) that fit inside the years `forste`..`siste` the data has."""
    valg = [p for p in PERIODER_FRA_DOKUMENTENE if forste <= p[1] and p[2] <= siste]
    for n in SISTE_AAR:
        if siste - n >= forste:
            valg.append((f"Siste {n} år", siste - n, siste, f"{siste - n}–{siste}"))
    return valg


def tolk_periode(fra, til, forste: int, siste: int,
                 standard: tuple[int, int] = STANDARD_PERIODE) -> tuple[int, int, str | None]:
    """Read `fra`/`til` from the URL (strings or None) into a valid period inside the data.

    Returns (fra, til, message); the message says what was corrected, None when nothing was.
    """
    def heltall(x):
        try:
            return int(str(x).strip())
        except (TypeError, ValueError):
            return None

    s_fra = max(forste, min(standard[0], siste - 1))
    s_til = min(siste, max(standard[1], s_fra + 1))
    if fra is None and til is None:
        return s_fra, s_til, None
    f = s_fra if fra is None else heltall(fra)  # one end left out: the default for that end
    t = s_til if til is None else heltall(til)
    if f is None or t is None:
        return s_fra, s_til, f"Perioden i lenken ({fra}–{til}) kunne ikke leses; viser {s_fra}–{s_til}."
    snudd = omvendt_periode(f, t)
    if snudd:
        f, t = snudd[0], snudd[1]
    f2, t2 = max(forste, min(f, siste - 1)), min(siste, max(t, forste + 1))
    if f2 >= t2:
        t2 = min(siste, f2 + 1)
    if (f2, t2) != (f, t):
        return f2, t2, f"Data finnes for {forste}–{siste}; perioden {f}–{t} er justert til {f2}–{t2}."
    return f2, t2, snudd[2] if snudd else None


def omvendt_periode(fra, til) -> tuple[int, int, str] | None:
    """A from-year after the to-year: (fra, til, message) in the right order, else None.

    The page writes the pair back to the URL, so the link and the dropdowns show what is used.
    """
    try:
        f, t = int(str(fra).strip()), int(str(til).strip())
    except (TypeError, ValueError):
        return None
    if f <= t:
        return None
    return t, f, f"Fra-året ({f}) kom etter til-året ({t}); perioden er snudd til {t}–{f}."



def spenn_tekst(forste, siste) -> str:
    """Years as text: «2003–2016», «2016» for one year, «ingen år» when there is none."""
    if pd.isna(forste):
        return "ingen år"
    return f"{int(forste)}" if forste == siste else f"{int(forste)}–{int(siste)}"
