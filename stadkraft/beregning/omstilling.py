"""Restructuring screen (regional omstilling): a rule-of-thumb check, not a decision.

The state's criteria for extraordinary restructuring funds, document 002 (Hallingdal, SAK 27/20),
L37-47 (nynorsk; same wording in Viken's slides L506-520 and Oxford Research citing KMD,
L1376-1386):
  «Reduksjonen i den direkte sysselsettinga i hjørnesteinsbedrifta/næringa bør vera «meget
  betydelig» over ein 3-års periode · Reduksjonen bør som hovudregel utgjera minst 15 prosent av
  den totale sysselsettinga. · I absolutte tal bør nedlegginga som eit minimum ligge på 150
  personar. I heilt særskilte tilfelle bør det kunne vurderast om ein kan gå noko lågare på små
  og isolerte stadar.»

The screen, for each window of `vindu` years (t - vindu -> t, both years present):
  nedgang   = sysselsatte(t - vindu) - sysselsatte(t)        per industry and for the total
  andel     = nedgang / total sysselsetting i kommunen (t - vindu) * 100
  flagg     = andel >= min_andel AND nedgang >= min_personer
The fall is measured against the municipality's *total* employment at the start of the window,
whether the fall is in one industry or in the total (002 L43, L512-514: "av den totale
sysselsettinga [i kommunen]"). Employment is by place of work, 4th quarter (the series the
database has: SSB register-based employment 2003-2016, SSB 11618 from 2017, 07984 by industry).

A window s -> t spans a break in the series when a break year b (`sysselsetting_serie.brudd`)
has s < b <= t: part of its change is a change of definition (a-ordningen 2015, a new source
2017). Such windows are screened like the others and marked (`over_brudd`, `brudd`), never hidden.
"""
from __future__ import annotations

import functools

import pandas as pd

from stadkraft import format as fmt

from stadkraft.data.skjema import KILDE_ESTIMAT, KILDE_MANGLER, NAERING_ALLE

VINDU = 3           # 002 L39-41, L508-510: "over ein 3-års periode"
MIN_ANDEL = 15      # 002 L43, L512-514, L1382-1383: "minst 15 prosent av den totale sysselsettinga"
MIN_PERSONER = 150  # 002 L45-47, L516-520: "som eit minimum ligge på 150 personar"

# What else is weighed: the "komplett situasjonsbilde" (002 L51-61), Prop. 1 S post 65
# allocation criteria (002 L784-789) and KMD practice (002 L1790-1794). Shown to users with the
# source's author and year; the line numbers stay in these comments.
HALLINGDAL = "Regionrådet for Hallingdal 2020"
PROP = "Prop. 1 S (2019–2020)"
OXFORD = "Oxford Research 2018"
ANDRE_FORHOLD: list[tuple[str, str]] = [
    ("Reduksjonen i den indirekte sysselsettingen", HALLINGDAL),                              # L53-54
    ("Den generelle arbeidsledigheten i kommunen og regionen", f"{HALLINGDAL}; {PROP}"),     # L54-55, L786-787
    ("Mulighetene for pendling innenfor bo- og arbeidsmarkedsregionen", f"{HALLINGDAL}; {PROP}"),  # L55-56, L785
    ("Trygdebudsjettets størrelse", HALLINGDAL),                                             # L56-57
    ("Andel yrkesaktive i kommunen", HALLINGDAL),                                            # L57
    ("Kommuneøkonomien", HALLINGDAL),                                                        # L57-58
    ("Eventuelle andre forhold som kan ha betydning", PROP),                                 # L788-789
    ("Små og isolerte steder kan vurderes under 150 personer", HALLINGDAL),                  # L45-47
    ("Skjønn: grad av integrering i en større bo- og arbeidsmarkedsregion "
     "(Sør-Varanger fikk midler uten å nå 15 %)", OXFORD),                                   # L1790-1794
]


def andre_forhold_liste() -> str:
    """ANDRE_FORHOLD as a Markdown list; the source is named where it is not Hallingdal's case,
    which the heading above the list already cites."""
    return "\n".join(f"- {tekst}" + ("" if kilde == HALLINGDAL else f" ({kilde})") for tekst, kilde in ANDRE_FORHOLD)


# SN2007 groups in SSB table 07984 (the codes the build stores in `sysselsetting.naering`).
NAERINGSNAVN = {
    NAERING_ALLE: "Alle næringer",
    "01-03": "Jordbruk, skogbruk og fiske",
    "05-09": "Bergverksdrift og utvinning",
    "10-33": "Industri",
    "35-39": "Elektrisitet, vann og renovasjon",
    "41-43": "Bygge- og anleggsvirksomhet",
    "45-47": "Varehandel, motorvognreparasjoner",
    "49-53": "Transport og lagring",
    "55-56": "Overnattings- og serveringsvirksomhet",
    "58-63": "Informasjon og kommunikasjon",
    "64-66": "Finansiering og forsikring",
    "68-75": "Teknisk tjenesteyting, eiendomsdrift",
    "77-82": "Forretningsmessig tjenesteyting",
    "84": "Off. adm., forsvar, sosialforsikring",
    "85": "Undervisning",
    "86-88": "Helse- og sosialtjenester",
    "90-99": "Personlig tjenesteyting",
    "00": "Uoppgitt",
}

KOLONNER = ["naering", "naeringsnavn", "fra_aar", "til_aar", "sysselsatte_fra", "sysselsatte_til",
            "nedgang", "total_fra", "andel", "over_andel", "over_personer", "flagg",
            "over_brudd", "brudd", "estimat", "mangler"]


def skjerm(syss: pd.DataFrame, min_andel: float = MIN_ANDEL, min_personer: float = MIN_PERSONER,
           vindu: int = VINDU, fra: int | None = None, til: int | None = None,
           brudd: dict[int, str] | None = None) -> pd.DataFrame:
    """Screen one municipality's employment (`aar, naering, sysselsatte, kilde`).

    Returns one row per (industry, window) with the columns in KOLONNER; the total
    (`naering == NAERING_ALLE`) comes first. Windows lie inside `fra`..`til` when given. When
    the source has no total row, the total is the sum of the industries. A window with a
    missing cell has NaN figures, `mangler = True` and is never flagged. `brudd` ({year: why})
    marks the windows s -> t with a break year s < b <= t: `over_brudd`, and `brudd` says why.
    """
    brudd = brudd or {}
    if syss.empty:
        return pd.DataFrame(columns=KOLONNER)
    # Plain Python over the cells: a municipality has a few hundred at most, and pandas' per-call
    # overhead would cost more than the arithmetic (the page reruns this on every change).
    celle: dict[tuple[str, int], tuple[float, bool, bool]] = {}
    for naering, aar, verdi, kilde in zip(syss["naering"].tolist(), syss["aar"].tolist(),
                                          pd.to_numeric(syss["sysselsatte"], errors="coerce").tolist(),
                                          syss["kilde"].tolist()):
        verdi = float(verdi) if verdi is not None and verdi == verdi else float("nan")
        celle[(naering, int(aar))] = (verdi, verdi != verdi or kilde == KILDE_MANGLER, kilde == KILDE_ESTIMAT)
    tot = {aar: v for (naering, aar), v in celle.items() if naering == NAERING_ALLE}
    if not tot:  # no total row: the sum of the industries, missing when any of them is
        for (naering, aar), (verdi, mangler, estimat) in celle.items():
            v, m, e = tot.get(aar, (0.0, False, False))
            tot[aar] = (v + verdi, m or mangler, e or estimat)
        celle.update({(NAERING_ALLE, aar): v for aar, v in tot.items()})
    rader = []
    for (naering, s), (v0, m0, e0) in celle.items():
        t = s + vindu
        if (naering, t) not in celle or s not in tot or (fra is not None and s < fra) or (til is not None and t > til):
            continue
        v1, m1, e1 = celle[(naering, t)]
        vt, mt, et = tot[s]
        mangler = m0 or m1 or mt
        over = [aar for aar in sorted(brudd) if s < aar <= t]
        nedgang = float("nan") if mangler else v0 - v1
        andel = nedgang / vt * 100.0 if not mangler and vt > 0 else float("nan")
        rader.append({
            "naering": naering, "naeringsnavn": NAERINGSNAVN.get(naering, naering), "fra_aar": s, "til_aar": t,
            "sysselsatte_fra": float("nan") if mangler else v0, "sysselsatte_til": float("nan") if mangler else v1,
            "nedgang": nedgang, "total_fra": float("nan") if mangler else vt, "andel": andel,
            "over_andel": andel >= min_andel, "over_personer": nedgang >= min_personer,
            "flagg": andel >= min_andel and nedgang >= min_personer,
            "over_brudd": bool(over), "brudd": " ".join(f"{aar - 1}–{aar}: {brudd[aar]}" for aar in over) or None,
            "estimat": e0 or e1 or et, "mangler": mangler,
        })
    if not rader:
        return pd.DataFrame(columns=KOLONNER)
    rader.sort(key=lambda r: (r["naering"] != NAERING_ALLE, r["naering"], r["til_aar"]))
    return pd.DataFrame(rader, columns=KOLONNER)


def sammendrag(skjerm_df: pd.DataFrame) -> dict:
    """Counts for the page's headline: windows screened, windows flagged, the largest fall."""
    if skjerm_df.empty:
        return {"vinduer": 0, "over_brudd": [], "flagget": skjerm_df, "storst": None, "har_naering": False}
    gyldig = ~skjerm_df["mangler"].to_numpy(dtype=bool)
    rader = list(zip(skjerm_df["fra_aar"].tolist(), skjerm_df["til_aar"].tolist(), gyldig.tolist(),
                     skjerm_df["over_brudd"].astype(bool).tolist() if "over_brudd" in skjerm_df else [False] * len(gyldig)))
    vinduer = {(a, b) for a, b, ok, _ in rader if ok}
    over = sorted({(a, b) for a, b, ok, o in rader if ok and o})
    andel = skjerm_df["andel"].where(gyldig)
    return {
        "vinduer": len(vinduer),
        "over_brudd": [f"{int(a)}–{int(b)}" for a, b in over],
        "flagget": skjerm_df[gyldig & skjerm_df["flagg"].to_numpy(dtype=bool)],
        "storst": skjerm_df.loc[andel.idxmax()] if andel.notna().any() else None,
        "har_naering": bool((skjerm_df["naering"] != NAERING_ALLE).any()),
    }


def tabell(skjerm_df: pd.DataFrame) -> pd.DataFrame:
    """The screen's windows with Norwegian headers, for display beside the heat map."""
    return pd.DataFrame({
        "Næring": skjerm_df["naeringsnavn"],
        "Vindu": skjerm_df["fra_aar"].astype(int).astype(str) + "–" + skjerm_df["til_aar"].astype(int).astype(str),
        "Nedgang, personer": skjerm_df["nedgang"],
        "Nedgang, % av total": skjerm_df["andel"],
        "Krysser begge": skjerm_df["flagg"].map({True: "ja", False: ""}),
        "Over brudd": skjerm_df["over_brudd"].map({True: "ja", False: ""}),
        "Anslag": skjerm_df["estimat"].map({True: "ja", False: ""}),
    })


# Display formats for `tabell()`'s numeric columns (`DataFrame.style.format`): Norwegian, still numeric.
OMSTILLING_FORMAT = {"Nedgang, personer": fmt.tall, "Nedgang, % av total": functools.partial(fmt.tall, desimaler=1)}
