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
# SSB's figures as Telemarksforsking compiled them for its attractiveness model: the figures are
# SSB's (NLOD); the compilation is credited to Telemarksforsking.
SSB_TF = "Statistisk sentralbyrå (NLOD), sammenstilt av Telemarksforsking"
KARTVERKET = "© Kartverket (CC BY 4.0)"

BEFOLKNING = Kildefil("befolkning/folkemengde_1jan_kommuner2024_1986-2026.csv",
                      "befolkning (SSB tabell 07459, kommuner 2024 sammenslåtte tidsserier)", SSB)
SENTRALITET = Kildefil("sentralitet/sentralitet_kommuner2024.csv",
                       "kommune.sentralitetsklasse, kommune.sentralitetsindeks", SSB)
KOMMUNEKART = Kildefil("kart/kommuner2024_S.geojson", "kommune.navn, kommunegrense, nabo", KARTVERKET)
FYLKESKART = Kildefil("kart/fylker2024_S.geojson", "kommune.fylkesnavn, fylkesgrense", KARTVERKET)
KODEENDRING = Kildefil("kodeendringer/kommunekode_til_2024_per_aar.csv", "kodeendring", SSB)
GRUPPERING = Kildefil("kodeendringer/ssb_kommuner2024_sammenslaatte_tidsserier.csv",
                      "kodeendring (retter vekter for koder som ikke ble delt: SSBs gruppering til 2024-kommuner)",
                      SSB, paakrevd=False)
BA_REGIONER = Kildefil("regioner/ba_regioner_kommuner2020.xlsx",
                       "kommune.ba_region (NIBR 2020, bo- og arbeidsmarkedsregioner)",
                       "NIBR / Kommunal- og distriktsdepartementet", paakrevd=False)
ARBEIDSPLASSER = Kildefil("sysselsetting/arbeidsplasser_arbeidssted_2003-2016_kommuner2017.csv",
                          "sysselsetting 2003–2016: alle og private arbeidsplasser etter arbeidssted, 4. kvartal "
                          "(SSBs registerbaserte sysselsetting, 2017-kommuner)", SSB_TF, paakrevd=False)
SYSSELSATTE = Kildefil("sysselsetting/sysselsatte_15-74_arbeidssted_bosted_2017-2022.csv",
                       "sysselsetting 2017–2022 og sysselsatte_bosted (SSB tabell 11618, 15–74 år, 4. kvartal)",
                       SSB, paakrevd=False)
BEFOLKNINGSENDRING = Kildefil("befolkningsendring/befolkningsendring_2003-2016_kommuner2017.csv",
                              "befolkningsendring 2003–2016: folketilvekst, fødselsoverskudd og nettoinnflytting "
                              "(2017-kommuner)", SSB_TF, paakrevd=False)
NETTOINNVANDRING = Kildefil("befolkningsendring/nasjonal_nettoinnvandring_2003-2016.csv",
                            "nettoinnvandring_land (Norges nettoinnvandring 2003–2016)", SSB, paakrevd=False)
PENDLING = Kildefil("pendling/pendling_arbeidssted_bosted_2017-2022.csv",
                    "pendling (SSB tabell 03321, bosted × arbeidssted, 15–74 år, 4. kvartal)", SSB, paakrevd=False)
# Any number of CSV files exported from Statistikkbanken ("semikolonseparert med overskrift").
STATISTIKKBANKEN = "statistikkbanken"

ALLE = [BEFOLKNING, SENTRALITET, KOMMUNEKART, FYLKESKART, KODEENDRING, GRUPPERING, BA_REGIONER, ARBEIDSPLASSER,
        SYSSELSATTE, BEFOLKNINGSENDRING, NETTOINNVANDRING, PENDLING]

# The structure the 2003-2016 compilations are published in (their codes are 2017's in every year).
STRUKTUR_2017 = 2017
