"""Prioriteringsverktøyet: items scored 1-5 on importance and on local influence, placed in a
2x2 matrix; the tool's texts, templates and statistics.

The tool is Distriktssenteret's priority tool for community development (Wekre and Eliassen,
seeds/003 L803-881): an Excel sheet where topics, factors or work areas get a score 1-5 for how
important they are (viktighet) and how far they can be influenced locally (påvirkbarhet), used by
individuals, then small groups agreeing a placement, then the plenary. The source names no
quadrants and no cut-off; Stadkraft splits at the scale's midpoint (3) and names the quadrants.

Pure functions: no Streamlit. The matrix is in `diagram.py`, the registration in `__init__.py`.
"""
from __future__ import annotations

import math
from typing import Mapping

import pandas as pd

from stadkraft.format import tall
from stadkraft.workshop.verktoy import Element

NAVN = "Prioriteringsverktøyet"
AKSER = ("viktighet", "påvirkbarhet")
KILDE = ("Kilde: Distriktssenteret 2018 (Wekre og Eliassen: «Prioriteringsverktøy for samfunnsutvikling», "
         "i «Livskraftige lokalsamfunn – tilfeldig og planlagt?»)")
KILDE_KORT = "Kilde: Distriktssenteret 2018"
INNLEDNING = (
    "Mye påvirker hvordan et sted utvikler seg, men ikke alt som er viktig, kan påvirkes lokalt. "
    "Gi hvert element to karakterer fra 1 til 5: hvor viktig det er for utviklingen (viktighet), og "
    "hvor mye vi selv kan påvirke det, lokalt eller regionalt (påvirkbarhet). Det som er både viktig "
    "og mulig å påvirke, er der innsatsen gir mest. Kan du ikke vurdere et element, kryss av for det."
)
TIPS = ("Noen må lede prosessen, og resultatet bør vises på storskjerm. Først vurderer hver enkelt, så "
        "blir små grupper (gjerne på tvers av sektorer) enige om en plassering, og til slutt samles salen "
        "om en felles prioritering.")

MIDT = 3  # the scale's midpoint: the matrix's dividing lines
KVADRANTER = {  # (important?, can be influenced?) -> name
    (True, True): "Viktig og mulig å påvirke",
    (True, False): "Viktig, men vanskelig å påvirke",
    (False, True): "Mulig å påvirke, men mindre viktig",
    (False, False): "Mindre viktig og vanskelig å påvirke",
}
HOVEDKVADRANT = KVADRANTER[(True, True)]

# Statistics in Stadkraft an item can point to (shown beside it on the phone, for a municipality).
STATISTIKKER = {
    "befolkning": "Befolkningsvekst",
    "sysselsetting": "Sysselsettingsvekst (arbeidsplasser)",
    "pendling": "Pendling ut av kommunen",
}


def _e(navn: str, statistikk: str = "") -> Element:
    return Element(navn, navn, statistikk=statistikk)


# Ready-made lists, in our own words: the tool's own five examples, then the factors the
# collection names, in the four factor groups of its attractiveness chapter (seeds/000 L1622-1655;
# lists in seeds/003 L657-664, L1033-1045, L1252-1291, L3280-3282, L4447-4505; seeds/004 L51-124).
MALER: dict[str, tuple[Element, ...]] = {
    "Eksemplene i verktøyet": (
        _e("Arbeidsplasser", "sysselsetting"), _e("Tilgang på arbeidskraft", "sysselsetting"),
        _e("Pendlingsmuligheter", "pendling"), _e("Boligtilbud", "befolkning"), _e("Bredbånd og mobildekning"),
    ),
    "Strukturelle forutsetninger og fortrinn": (
        _e("Næringsliv og bedriftsmiljøer"), _e("Kompetanse, innovasjon og gründerskap"),
        _e("Naturressurser og kulturarv"), _e("Befolkningsgrunnlag", "befolkning"),
        _e("Avstander og bosettingsmønster"), _e("Veier, havner og kollektivtilbud"),
        _e("Næringsarealer"),
    ),
    "Attraktivitet for innbyggere, bedrifter og besøkende": (
        _e("Varierte boliger og utleieboliger", "befolkning"), _e("Barnehage og skole"),
        _e("Møteplasser og fritidstilbud"), _e("Kultur- og friluftsliv"), _e("Et levende sentrum"),
        _e("Helse- og omsorgstjenester"), _e("Butikker og service"),
        _e("Inkludering av innvandrere og tilflyttere", "befolkning"), _e("Omdømme og identitet"),
        _e("Reiseliv og besøksnæring"), _e("Tilrettelegging for kunnskapsbedrifter", "sysselsetting"),
    ),
    "Utviklingskapasitet, kultur og samarbeid": (
        _e("Dialog med næringslivet"), _e("Samarbeid med nabokommunene"),
        _e("Samarbeid på tvers av etatene i kommunen"), _e("Samarbeid med fylkeskommunen og staten"),
        _e("Kompetanse i kommuneadministrasjonen"), _e("Frivillighet og lokal mobilisering"),
        _e("Innbyggermedvirkning"), _e("Tillit mellom politikere, administrasjon og næringsliv"),
    ),
    "Kontakt med kunnskapsnettverk utenfor": (
        _e("Samarbeid med universiteter og høgskoler"), _e("Regionale og nasjonale nettverk"),
        _e("Internasjonale nettverk og markeder"), _e("Virkemiddelapparatet (Innovasjon Norge m.fl.)"),
    ),
}


# --- The summary ----------------------------------------------------------------------------

OPPSUMMERING_KOLONNER = ["nokkel", "navn", "n", "hoppet", *AKSER, "sd_viktighet", "sd_påvirkbarhet", "kvadrant"]


def kvadrant(viktighet, paavirkbarhet) -> str:
    """The quadrant a position lies in; on a dividing line (3) it counts as the upper side."""
    if viktighet is None or paavirkbarhet is None or pd.isna(viktighet) or pd.isna(paavirkbarhet):
        return ""
    return KVADRANTER[(viktighet >= MIDT, paavirkbarhet >= MIDT)]


def oppsummer(anonyme: pd.DataFrame, elementer) -> pd.DataFrame:
    """Per item: answers with scores (`n`), skips («kan ikke vurdere», left out of every mean),
    the mean and standard deviation on each axis, and the mean's quadrant."""
    rader = []
    for e in elementer:
        del_ = anonyme[anonyme["element"] == e.nokkel]
        scoret = del_[del_["verdi"].notna()]
        v = pd.to_numeric(scoret["verdi"], errors="coerce").astype(float)
        p = pd.to_numeric(scoret["verdi2"], errors="coerce").astype(float)
        snitt_v = float(v.mean()) if len(v) else math.nan
        snitt_p = float(p.mean()) if len(p) else math.nan
        rader.append({
            "nokkel": e.nokkel, "navn": e.navn, "n": int(len(scoret)), "hoppet": int(len(del_) - len(scoret)),
            "viktighet": snitt_v, "påvirkbarhet": snitt_p,
            "sd_viktighet": float(v.std(ddof=0)) if len(v) else math.nan,
            "sd_påvirkbarhet": float(p.std(ddof=0)) if len(p) else math.nan,
            "kvadrant": kvadrant(snitt_v, snitt_p),
        })
    return pd.DataFrame(rader, columns=OPPSUMMERING_KOLONNER)


def talltekst(verdi) -> str:
    """A mean as written: «4,3», «–» when nobody scored it."""
    if verdi is None or pd.isna(verdi):
        return "–"
    return tall(verdi, 0 if float(verdi).is_integer() else 1)


def plassering(skaar) -> tuple[float, float] | None:
    """An agreed placement (a stored `Skaar` or a (viktighet, påvirkbarhet) pair) as a pair."""
    if skaar is None:
        return None
    if isinstance(skaar, tuple):
        return float(skaar[0]), float(skaar[1])
    return float(skaar.verdi), float(skaar.verdi2)


# Groups disagree on an item when their placements lie this far apart on either axis.
UENIG_AVSTAND = 2


def uenighet(gruppeplasseringer: Mapping[str, Mapping]) -> dict[str, int]:
    """Per item, the largest difference between two groups' placements on either axis (only
    items that at least two groups placed)."""
    per_element: dict[str, list[tuple[float, float]]] = {}
    for plasseringer in gruppeplasseringer.values():
        for nokkel, s in plasseringer.items():
            if (p := plassering(s)) is not None:
                per_element.setdefault(nokkel, []).append(p)
    return {k: int(max(max(a[0] for a in ps) - min(a[0] for a in ps), max(a[1] for a in ps) - min(a[1] for a in ps)))
            for k, ps in per_element.items() if len(ps) >= 2}


def rangering(oppsummering: pd.DataFrame | None, elementer, konsensus: Mapping | None = None,
              grupper: Mapping[str, Mapping] | None = None) -> pd.DataFrame:
    """The ranked list for the minutes: items ordered by their position (the agreed placement
    where set, else the individual mean) on importance, then on influence, then by name; with the
    means, each group's placement and the agreed placement."""
    konsensus = konsensus or {}
    grupper = grupper or {}
    snitt = oppsummering.set_index("nokkel") if oppsummering is not None and len(oppsummering) else None
    strid = uenighet(grupper)
    rader = []
    for e in elementer:
        rad = {"nokkel": e.nokkel, "navn": e.navn}
        if snitt is not None and e.nokkel in snitt.index:
            s = snitt.loc[e.nokkel]
            rad.update(n=int(s["n"]), hoppet=int(s["hoppet"]), snitt_viktighet=s["viktighet"],
                       snitt_påvirkbarhet=s["påvirkbarhet"])
        else:
            rad.update(n=0, hoppet=0, snitt_viktighet=math.nan, snitt_påvirkbarhet=math.nan)
        for gruppe, plasseringer in grupper.items():
            rad[f"gruppe:{gruppe}"] = plassering(plasseringer.get(e.nokkel))
        enig = plassering(konsensus.get(e.nokkel))
        rad["viktighet"], rad["påvirkbarhet"] = enig if enig else (math.nan, math.nan)
        rad["avtalt"] = enig is not None
        rad["uenighet"] = strid.get(e.nokkel, 0)
        v, p = enig if enig else (rad["snitt_viktighet"], rad["snitt_påvirkbarhet"])
        rad["kvadrant"] = kvadrant(v, p)
        rad["_v"], rad["_p"] = (-1 if pd.isna(v) else v), (-1 if pd.isna(p) else p)
        rader.append(rad)
    ut = pd.DataFrame(rader)
    if ut.empty:
        return ut
    ut = ut.sort_values(["_v", "_p", "navn"], ascending=[False, False, True], kind="stable")
    ut.insert(0, "rang", range(1, len(ut) + 1))
    return ut.drop(columns=["_v", "_p"]).reset_index(drop=True)
