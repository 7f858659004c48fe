"""Kapasitetsdiamanten: the five components, their texts and the group statistics.

The tool is Distriktssenteret's self-assessment of development capacity (Jørgensen, Lyngaas
and Fredheim 2018, seeds/003 L2716-2903): each participant scores five components 1-5
(1 = svært dårleg, 5 = svært god) with a reason, the group reflects on the spread and agrees a
common score (felleskarakter) per component. The source gives no rule for aggregating: the
median and spread shown here are aids for the discussion, never the felleskarakter.

Pure functions: no Streamlit. The chart is in `diagram.py`, the tool's registration in `__init__.py`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from stadkraft.format import tall

NAVN = "Kapasitetsdiamanten"
# The source line is running bokmål text; the quoted titles keep their own nynorsk.
KILDE = (
    "Kilde: Distriktssenteret 2018 (Jørgensen, Lyngaas og Fredheim: «Kapasitetsdiamanten – "
    "eigenvurdering av utviklingskapasitet», i «Livskraftige lokalsamfunn – tilfeldig og planlagt?»)"
)
KILDE_KORT = "Kilde: Distriktssenteret 2018"


@dataclass(frozen=True)
class Komponent:
    nr: int
    nokkel: str
    navn: str          # the tool's own (nynorsk) name
    etikett: str       # chart label, hyphenated over two lines
    forklaring: str    # what the component means, in our own words (bokmål)
    sporsmal: str      # the tool's guiding question, quoted (nynorsk)


KOMPONENTER: tuple[Komponent, ...] = (
    Komponent(
        1, "utviklingsleiing", "Utviklingsleiing", "Utviklings-\nleiing",
        "Evnen til å lede utviklingsprosesser og prosjekter: å få mange med, åpne for "
        "medvirkning og sørge for at arbeidet har forankring, tillit og oppslutning.",
        "Korleis har leiinga bidrege til at planen skal fungere som styringsverktøy?",
    ),
    Komponent(
        2, "utviklingskompetanse", "Utviklingskompetanse", "Utviklings-\nkompetanse",
        "Kunnskapen og ferdighetene som utviklingsarbeid krever, for eksempel "
        "samfunnsplanlegging, nærings- og bomiljøutvikling og prosjekt- og prosessarbeid.",
        "Jobbar vi etter beste praksis? Har vi rett og tilstrekkeleg kunnskap og kompetanse?",
    ),
    Komponent(
        3, "utviklingskultur", "Utviklingskultur", "Utviklings-\nkultur",
        "Hvordan kommunen og lokalsamfunnet arbeider sammen om utvikling: med tillit, åpenhet "
        "og rom for nye folk og grupper.",
        "Har vi ein kultur for å jobbe langsiktig og målretta etter vedteke plan?",
    ),
    Komponent(
        4, "utviklingsokonomi", "Utviklingsøkonomi", "Utviklings-\nøkonomi",
        "Pengene som kan settes inn i utviklingen av lokalsamfunnet, enten kommunen har dem "
        "selv eller kan hente dem inn fra andre.",
        "Har vi sjølve eller har vi tilgang til midlar som kan nyttast til gjennomføring?",
    ),
    Komponent(
        5, "tidsressursar", "Tidsressursar", "Tidsressursar",
        "Tiden som faktisk er satt av til utviklingsarbeid, i kommuneorganisasjonen og hos "
        "innbyggere, næringsliv og lag og foreninger. Bredt engasjement gir mer tid totalt.",
        "Har vi frigjort tilstrekkeleg personalressursar til gjennomføring?",
    ),
)
NOKLER = tuple(k.nokkel for k in KOMPONENTER)
KOMPONENT = {k.nokkel: k for k in KOMPONENTER}

SKALA = {1: "svært dårleg", 5: "svært god"}  # the source anchors only the end points
SKALA_TEKST = "1 = svært dårleg, 5 = svært god"

INNLEDNING = (
    "Kapasitetsdiamanten er en egenvurdering av hvor godt rustet kommunen eller lokalsamfunnet "
    "er til å drive utviklingsarbeid. Hver deltaker vurderer nåsituasjonen for fem komponenter "
    "på en skala fra 1 (svært dårleg) til 5 (svært god). Etterpå ser gruppa på spredningen, "
    "diskuterer begrunnelsene og blir enige om en felleskarakter per komponent."
)
GRUPPETIPS = (
    "Distriktssenteret anbefaler en gruppe på 6–10 personer med både politikere, "
    "administrative ledere og folk fra næringsliv og frivillig sektor, og en prosessleder som "
    "kjenner kommunen godt."
)

def skalaetikett(verdi: int) -> str:
    """`1` -> `"1 – svært dårleg"`, `3` -> `"3"`."""
    return f"{verdi} – {SKALA[verdi]}" if verdi in SKALA else str(verdi)


# --- Statistics --------------------------------------------------------------------------------

OPPSUMMERING_KOLONNER = ["nr", "nokkel", "navn", "n", "median", "min", "maks", "q1", "q3",
                         "spenn", "avvik", "fordeling", "diskuter"]


def oppsummer(svar: pd.DataFrame, antall_diskuter: int = 2, min_spenn: int = 2) -> pd.DataFrame:
    """Median and spread per component from individual scores (columns `element`, `verdi`).

    - `median`: the group's median (x.5 when an even number split in the middle);
    - `min`/`maks`, `q1`/`q3` (quartiles, linear), `spenn` = maks - min;
    - `avvik`: the mean distance from the median, our measure of disagreement (ordinal
      scores, so distance from the median rather than a standard deviation);
    - `fordeling`: counts of 1, 2, 3, 4, 5;
    - `diskuter`: the components where people disagree most, marked for discussion: the
      `antall_diskuter` highest `avvik` (ties included) among those with `spenn >= min_spenn`.
    """
    rader = []
    for k in KOMPONENTER:
        v = pd.to_numeric(svar.loc[svar["element"] == k.nokkel, "verdi"], errors="coerce").dropna()
        if v.empty:
            rader.append([k.nr, k.nokkel, k.navn, 0] + [math.nan] * 7 + [[0] * 5, False])
            continue
        med = float(v.median())
        rader.append([
            k.nr, k.nokkel, k.navn, int(v.size), med, float(v.min()), float(v.max()),
            float(v.quantile(0.25)), float(v.quantile(0.75)), float(v.max() - v.min()),
            float((v - med).abs().mean()), [int((v == s).sum()) for s in range(1, 6)], False,
        ])
    ut = pd.DataFrame(rader, columns=OPPSUMMERING_KOLONNER)
    kandidater = ut[(ut["spenn"] >= min_spenn) & ut["avvik"].notna()]
    if not kandidater.empty:
        grense = sorted(kandidater["avvik"], reverse=True)[min(antall_diskuter, len(kandidater)) - 1]
        ut["diskuter"] = (ut["spenn"] >= min_spenn) & (ut["avvik"] >= grense - 1e-9)
    return ut


def talltekst(verdi) -> str:
    """A score in Norwegian style: `3` -> `3`, `3.5` -> `3,5`."""
    if verdi is None or (isinstance(verdi, float) and math.isnan(verdi)):
        return "–"
    return tall(verdi, 0 if float(verdi).is_integer() else 1)


def spredningstekst(rad) -> str:
    if not rad["n"]:
        return "–"
    if rad["min"] == rad["maks"]:
        return f"alle {talltekst(rad['min'])}"
    return f"{talltekst(rad['min'])}–{talltekst(rad['maks'])}"


