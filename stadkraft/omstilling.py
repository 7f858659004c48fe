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
sysselsettinga [i kommunen]"). Employment is by place of work (SSB 07984, 4th quarter).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

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
            "estimat", "mangler"]


def skjerm(syss: pd.DataFrame, min_andel: float = MIN_ANDEL, min_personer: float = MIN_PERSONER,
           vindu: int = VINDU, fra: int | None = None, til: int | None = None) -> pd.DataFrame:
    """Screen one municipality's employment (`aar, naering, sysselsatte, kilde`).

    Returns one row per (industry, window) with the columns in KOLONNER; the total
    (`naering == NAERING_ALLE`) comes first. Windows lie inside `fra`..`til` when given. When
    the source has no total row, the total is the sum of the industries. A window with a
    missing cell has NaN figures, `mangler = True` and is never flagged.
    """
    if syss.empty:
        return pd.DataFrame(columns=KOLONNER)
    d = syss.copy()
    d["sysselsatte"] = pd.to_numeric(d["sysselsatte"], errors="coerce").astype("float64")
    d["mangler"] = d["sysselsatte"].isna() | (d["kilde"] == KILDE_MANGLER)
    d["estimat"] = d["kilde"] == KILDE_ESTIMAT
    if not (d["naering"] == NAERING_ALLE).any():
        total = d.groupby("aar", as_index=False).agg(
            sysselsatte=("sysselsatte", lambda s: s.sum(min_count=len(s))),
            mangler=("mangler", "any"), estimat=("estimat", "any"))
        total["naering"] = NAERING_ALLE
        d = pd.concat([d, total], ignore_index=True)
    tot = d[d["naering"] == NAERING_ALLE].set_index("aar")

    d = d.set_index(["naering", "aar"])
    rader = []
    for t in sorted(d.index.get_level_values("aar").unique()):
        s = t - vindu
        if (fra is not None and s < fra) or (til is not None and t > til) or s not in tot.index:
            continue
        for naering in d.index.get_level_values("naering").unique():
            if (naering, s) not in d.index or (naering, t) not in d.index:
                continue
            a, b = d.loc[(naering, s)], d.loc[(naering, t)]
            mangler = bool(a["mangler"] or b["mangler"] or tot.loc[s, "mangler"])
            rader.append({
                "naering": naering, "fra_aar": s, "til_aar": t,
                "sysselsatte_fra": a["sysselsatte"], "sysselsatte_til": b["sysselsatte"],
                "total_fra": tot.loc[s, "sysselsatte"],
                "estimat": bool(a["estimat"] or b["estimat"] or tot.loc[s, "estimat"]),
                "mangler": mangler,
            })
    if not rader:
        return pd.DataFrame(columns=KOLONNER)
    ut = pd.DataFrame(rader)
    ut.loc[ut["mangler"], ["sysselsatte_fra", "sysselsatte_til", "total_fra"]] = np.nan
    ut["nedgang"] = ut["sysselsatte_fra"] - ut["sysselsatte_til"]
    with np.errstate(divide="ignore", invalid="ignore"):
        ut["andel"] = (ut["nedgang"] / ut["total_fra"] * 100.0).where(ut["total_fra"] > 0)
    ut["over_andel"] = ut["andel"] >= min_andel
    ut["over_personer"] = ut["nedgang"] >= min_personer
    ut["flagg"] = ut["over_andel"] & ut["over_personer"]
    ut["naeringsnavn"] = ut["naering"].map(NAERINGSNAVN).fillna(ut["naering"])
    ut["_total_forst"] = ut["naering"] != NAERING_ALLE
    ut = ut.sort_values(["_total_forst", "naering", "til_aar"]).reset_index(drop=True)
    return ut[KOLONNER]


def sammendrag(skjerm_df: pd.DataFrame) -> dict:
    """Counts for the page's headline: windows screened, windows flagged, the largest fall."""
    gyldig = skjerm_df[~skjerm_df["mangler"].astype(bool)] if len(skjerm_df) else skjerm_df
    flagget = gyldig[gyldig["flagg"].astype(bool)] if len(gyldig) else gyldig
    storst = gyldig.loc[gyldig["andel"].idxmax()] if len(gyldig) and gyldig["andel"].notna().any() else None
    return {
        "vinduer": int(gyldig[["fra_aar", "til_aar"]].drop_duplicates().shape[0]) if len(gyldig) else 0,
        "flagget": flagget,
        "storst": storst,
        "har_naering": bool(len(skjerm_df)) and (skjerm_df["naering"] != NAERING_ALLE).any(),
    }


def tabell(skjerm_df: pd.DataFrame) -> pd.DataFrame:
    """The screen's windows with Norwegian headers, for display beside the heat map."""
    return pd.DataFrame({
        "Næring": skjerm_df["naeringsnavn"],
        "Vindu": skjerm_df["fra_aar"].astype(int).astype(str) + "–" + skjerm_df["til_aar"].astype(int).astype(str),
        "Nedgang, personer": skjerm_df["nedgang"],
        "Nedgang, % av total": skjerm_df["andel"],
        "Krysser begge": skjerm_df["flagg"].map({True: "ja", False: ""}),
        "Anslag": skjerm_df["estimat"].map({True: "ja", False: ""}),
    })
