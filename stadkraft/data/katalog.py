"""The source catalogue: which files a local source folder holds, what each fills, its licence.

A folder laid out like this (for example ../shared/data, or a folder of files downloaded from
SSB and Kartverket) is what `python -m stadkraft.data build --kilde <mappe>` reads.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Kildefil:
    sti: str            # relative to the source folder
    fyller: str         # what it fills in the database
    lisens: str
    paakrevd: bool = True


SSB = "Statistisk sentralbyrå (NLOD)"
KARTVERKET = "© Kartverket (CC BY 4.0)"

BEFOLKNING = Kildefil("befolkning/folkemengde_1jan_kommuner2024_1986-2026.csv",
                      "befolkning (SSB tabell 07459, kommuner 2024 sammenslåtte tidsserier)", SSB)
SENTRALITET = Kildefil("sentralitet/sentralitet_kommuner2024.csv",
                       "kommune.sentralitetsklasse, kommune.sentralitetsindeks", SSB)
KOMMUNEKART = Kildefil("kart/kommuner2024_S.geojson", "kommune.navn, kommunegrense, nabo", KARTVERKET)
FYLKESKART = Kildefil("kart/fylker2024_S.geojson", "kommune.fylkesnavn, fylkesgrense", KARTVERKET)
KODEENDRING = Kildefil("kodeendringer/kommunekode_til_2024_per_aar.csv", "kodeendring", SSB)
BA_REGIONER = Kildefil("regioner/ba_regioner_kommuner2020.xlsx",
                       "kommune.ba_region (NIBR 2020, bo- og arbeidsmarkedsregioner)",
                       "NIBR / Kommunal- og distriktsdepartementet", paakrevd=False)
SYSSELSETTING = Kildefil("sysselsetting/sysselsatte_arbeidssted_2017_kommuner2024.csv",
                         "sysselsetting (SSB tabell 13470, 4. kvartal 2017)", SSB, paakrevd=False)
# Any number of CSV files exported from Statistikkbanken ("semikolonseparert med overskrift").
STATISTIKKBANKEN = "statistikkbanken"

ALLE = [BEFOLKNING, SENTRALITET, KOMMUNEKART, FYLKESKART, KODEENDRING, BA_REGIONER, SYSSELSETTING]
