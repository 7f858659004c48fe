"""The growth page's Norwegian texts: missing-data boxes, the literature it cites and its CSV layouts."""
from __future__ import annotations

from .beregning.befolkningsendring import OSTBY_INNFLYTTING
from .beregning.rangering import MAAL

# A figure built on an estimate is marked «*»; this says what that means.
ANSLAG = "\\* bygger på anslåtte kildetall (kommuner som er delt: tall før delingen er fordelt etter en vekt)."

# --- What the database lacks, and how to fill it ----------------------------------------
#
# The boxes speak to the page's reader (a mayor, an adviser): which SSB table would fill the gap
# and that whoever runs Stadkraft can add it. The commands are for that person only, folded away
# once per page (DRIFT). A gap already explained higher up gets only a pointer (`mangeltekst`).

DRIFT_TITTEL = "For den som drifter Stadkraft"
DRIFT = ("Tallene hentes inn når databasen bygges på nytt, se README (avsnittet «Where the data comes "
         "from»):\n\n"
         "- med nett: `python -m stadkraft.data build --kilde ssb` (henter fra SSBs PxWebApi);\n"
         "- uten nett: last ned tabellen som CSV fra Statistikkbanken, legg den i kildemappa "
         "(undermappa `statistikkbanken/`) og kjør `python -m stadkraft.data build --kilde <mappe>`.")
LEGG_TIL = " Den som drifter Stadkraft kan legge den til (se README)."
MANGLER = {
    "sysselsetting": ("Databasen har sysselsetting etter arbeidssted for {aar}. Perioden {fra}–{til} går utenfor, "
                      "så sysselsettingsveksten kan ikke regnes ut; velg en periode innenfor {aar}."),
    "endring": ("Databasen har befolkningsendringer for årene {aar}. Perioden {fra}–{til} trenger årene "
                "{fra}–{siste_hendelse}, så komponentene og delingen av veksten mangler for en del av perioden. "
                "SSB-tabell **01223** (befolkningsendringer med inn- og utvandring hver for seg) eller "
                "**06913** ville fylt hullet." + LEGG_TIL),
    "innvandring": ("Databasen skiller ikke innvandring fra innenlandsk flytting for disse årene, bare all netto "
                    "innflytting (innenlands og fra utlandet til sammen). Veksten deles derfor i vekst med og uten "
                    "netto innflytting, ikke etter innvandring som hos Østby. SSB-tabell **01223** har inn- og "
                    "utvandring hver for seg." + LEGG_TIL),
}
MANGLER_KORT = {
    "sysselsetting": "Sysselsetting mangler for perioden (se over).",
    "endring": "Befolkningsendringer mangler for deler av perioden (se over).",
    "innvandring": "Innvandring hver for seg mangler (se over).",
}


def mangeltekst(hva: str, sagt_for: bool = False, **fyll) -> str:
    """The missing-data box for `hva`: in full the first time on a page, a pointer after that.

    `fyll` has aar (the years the database has) and fra, til (the period); for endring
    `siste_hendelse` (til - 1) is filled in here.
    """
    if sagt_for:
        return MANGLER_KORT[hva]
    if "til" in fyll:
        fyll.setdefault("siste_hendelse", int(fyll["til"]) - 1)
    return MANGLER[hva].format(**fyll)



# --- CSV downloads ------------------------------------------------------------------------
# Source column -> Norwegian header, and the decimals the page shows (for `eksport.csv_bytes`).

_CSV: dict[str, tuple[dict[str, str], dict[str, int]]] = {
    "indeks": ({"navn": "Navn", "aar": "År", "verdi": "Verdi", "indeks": "Indeks", "anslag": "Anslag"},
               {"verdi": 0, "indeks": 1}),
    "komponenter": ({"aar": "År", "komponent": "Komponent", "verdi": "Personer", "anslag": "Anslag"},
                    {"verdi": 0}),
    "ostby": ({k: k for k in ("Kommune", "Kategori", "Endring", "Netto innvandring", "Anslag", "Fylke")},
              {"Endring": 0, "Netto innvandring": 0}),
    "ostby_innflytting": ({k: k for k in ("Kommune", "Kategori", "Endring", "Netto innflytting", "Anslag", "Fylke")},
                          {"Endring": 0, "Netto innflytting": 0}),
    "omstilling": ({"naering": "Næringskode", "naeringsnavn": "Næring", "fra_aar": "Fra år", "til_aar": "Til år",
                    "sysselsatte_fra": "Sysselsatte fra år", "sysselsatte_til": "Sysselsatte til år",
                    "nedgang": "Nedgang, personer", "total_fra": "Total sysselsetting fra år",
                    "andel": "Nedgang, % av total", "over_andel": "Over prosentterskelen",
                    "over_personer": "Over personterskelen", "flagg": "Krysser begge", "estimat": "Anslag",
                    "mangler": "Mangler tall"},
                   {"sysselsatte_fra": 0, "sysselsatte_til": 0, "nedgang": 0, "total_fra": 0, "andel": 1}),
}


# The restructuring screen's break columns, after «Krysser begge», when a window spans a break.
_CSV_BRUDD = {"over_brudd": "Over brudd i serien", "brudd": "Brudd i serien"}


def csv_oppsett(hva: str, maal: str | None = None, *, brudd: bool = False) -> dict:
    """Keyword arguments for `eksport.csv_bytes` for one of the page's downloads.

    `hva` is indeks, komponenter, ostby, omstilling or rangering (which needs `maal`); for ostby,
    `maal` is the split's grunnlag (OSTBY_INNFLYTTING names the migration column so); for
    omstilling, `brudd` adds whether each window spans a break in the series, and which.
    """
    if hva == "ostby" and maal == OSTBY_INNFLYTTING:
        hva = "ostby_innflytting"
    if hva == "rangering":
        desimaler = 0 if maal.endswith("personer") else 2 if maal.endswith("arlig") else 1
        return {"kolonner": {"kommunenummer": "Nr.", "navn": "Kommune", "sentralitetsklasse": "Sentralitetsklasse",
                             maal: MAAL[maal], f"rang_{maal}": "Plass",
                             f"klasserang_{maal}": "Plass i sentralitetsklassen"},
                "desimaler": {maal: desimaler}}
    kolonner, desimaler = _CSV[hva]
    if hva == "omstilling" and brudd:
        deler = list(kolonner.items())
        i = [k for k, _ in deler].index("flagg") + 1
        kolonner = dict(deler[:i] + list(_CSV_BRUDD.items()) + deler[i:])
    return {"kolonner": kolonner, "desimaler": desimaler}



# --- Sources cited on the page ----------------------------------------------------------
# The seed documents in ../shared/seeds/ (000: NIBR 2019:7; 002: Hallingdal SAK 27/20 with Prop. 1 S
# and Oxford Research; 003: Distriktssenteret 2018). Cited on the page by author and year.

LITTERATUR: list[str] = [
    "Distriktssenteret (2018): *Livskraftige lokalsamfunn – tilfeldig og planlagt?* Distriktssenteret 10 år. "
    "Med blant annet Telemarksforsking om suksessrike distriktskommuner (Hatling og Wekre) og "
    "Lars Østby (SSB): «Hvordan har det gått med folketallet i kommunene, og er innvandring redningen?»",
    "Onsager, Knut (2019): *Nærings- og distriktsutvikling – perspektiver, politikk/virkemidler og "
    "samhandling.* NIBR-rapport 2019:7. Gjengir Telemarksforsking (2018) om tilfeldige hendelser.",
    "Regionrådet for Hallingdal (2020): *Sak 27/20 Sats på Hallingdal (regional omstilling)*, med "
    "utdrag av Prop. 1 S (2019–2020) for Kommunal- og moderniseringsdepartementet, kap. 553 post 65.",
    "Oxford Research (2018): utredning om rolle- og ansvarsfordelingen i regional omstilling og avtalebaserte "
    "modeller, for Kommunal- og moderniseringsdepartementet.",
]
