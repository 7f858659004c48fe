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


# --- The attractiveness page (Attraktivitet) ------------------------------------------------
# Our own words about Telemarksforsking's model (version 2.1); the model itself is credited to them.

ATTR_INGRESS = (
    "En kommune er attraktiv når den vokser mer enn strukturen tilsier. Telemarksforsking skiller mellom "
    "**næringsattraktivitet** (vekst i private arbeidsplasser utover det nasjonal vekst, bransjene og "
    "befolkningsveksten gir) og **bostedsattraktivitet** (netto innflytting utover det størrelse, pendling "
    "og arbeidsplassvekst gir). Stadkraft regner modellen på nytt, åpent, fra SSBs tall.")
ATTR_UTEN_BRANSJE = (
    "Bransjeeffekten er utelatt: databasen har ikke sysselsetting etter næring for disse årene, så "
    "næringsattraktiviteten inneholder også det bransjesammensetningen ville forklart.")
ATTR_MED_BRANSJE = ("Bransjeeffekten (skift-andel over {n} næringsgrupper) er med for årene {aar}; offentlig "
                    "administrasjon, undervisning og helse- og sosialtjenester er holdt utenfor, fordi de for det "
                    "meste er offentlige.")
ATTR_UTEN_PENDLING = (
    "Databasen har ikke pendlingstall (SSB-tabell **03321**), så pendlingsmuligheter og jobbvekst hos naboene "
    "er utelatt fra det bostedsattraktiviteten sammenlignes med." + LEGG_TIL)
ATTR_FORBEHOLD = (
    "Plass er en posisjon, ikke en karakter. Tallene er snitt av årlige verdier som svinger mye i små kommuner; "
    "én god periode kan være flaks (Telemarksforsking 2018, gjengitt i Distriktssenteret 2018). Se sporet og "
    "de årlige verdiene før du trekker slutninger, og sammenlign helst innen samme sentralitetsklasse.")
ATTR_LITEN = ("Under 1 000 innbyggere: de årlige tallene svinger med noen få personer eller arbeidsplasser, "
              "så plass og klasse er usikre.")
ATTR_KLASSEREGEL = (
    "**Klart positiv** når snittet ligger mer enn én standardfeil over 0, **negativ** når det ligger mer enn én "
    "standardfeil under, ellers **omtrent middels**. Standardfeilen er kommunens egen spredning fra år til år "
    "delt på kvadratroten av antall år (med færre enn tre år: den typiske spredningen i kommuner av samme "
    "størrelse). Regelen er Stadkrafts egen; Telemarksforsking har ikke publisert sin.")
ATTR_UTEN_FLYTTING = (
    "Databasen har ikke befolkningsendringene modellen trenger (fødselsoverskudd per kommune og Norges netto "
    "innvandring), så bostedsattraktiviteten, og dermed matrisen, kan ikke regnes ut. SSB-tabell **01223** "
    "(befolkningsendringer) eller **06913** med Norges nettoinnvandring ville fylt hullet." + LEGG_TIL)
ATTR_UTEN_SYSSELSETTING = (
    "Databasen har ikke private arbeidsplasser etter arbeidssted, så næringsattraktiviteten kan ikke regnes ut. "
    "Sysselsetting etter arbeidssted og sektor (og gjerne næring, SSB-tabell **07984**) ville fylt hullet." + LEGG_TIL)
ATTR_UTENFOR = "{perioder} ligger utenfor dataene: modellen dekker perioder innenfor {spenn} (1. januar)."
ATTR_UTENFOR_DEKNING = " Databasen har private arbeidsplasser etter arbeidssted for {privat} og befolkningsendringer for {endring}."
ATTR_UTENFOR_ETTER = (
    " Etter {siste} ville SSB-tabell **07984** (sysselsatte etter arbeidssted og næring, fra 2008) med privat sektor, "
    "**01223** (befolkningsendringer) og **03321** (pendling) fylt dem.")
ATTR_UTENFOR_FOR = (
    " Før {forste} mangler modellen de to årene den ser tilbake på (etterslepene i regresjonen); eldre årganger av "
    "de samme seriene (private arbeidsplasser etter arbeidssted, befolkningsendringer i SSB-tabell **06913**) "
    "ville fylt dem.")
ATTR_LEGG_TIL_DEM = " Den som drifter Stadkraft kan legge dem til (se README)."


def attr_utenfor(perioder: list[str], spenn: str, privat: str, endring: str, forste: int, siste: int,
                 etter: bool, foer: bool) -> str:
    """Which periods lie outside the data, what the database has, and which SSB tables would fill them."""
    navn = (f"Perioden {perioder[0]}" if len(perioder) == 1 else
            f"Periodene {', '.join(perioder[:-1])} og {perioder[-1]}")
    return (ATTR_UTENFOR.format(perioder=navn, spenn=spenn) + ATTR_UTENFOR_DEKNING.format(privat=privat, endring=endring)
            + (ATTR_UTENFOR_ETTER.format(siste=siste) if etter else "")
            + (ATTR_UTENFOR_FOR.format(forste=forste) if foer else "") + ATTR_LEGG_TIL_DEM)


ATTR_TERMER = {
    "konstant": "Konstant",
    "storrelse": "Størrelse (ln folketall, sentrert per år)",
    "integrasjon": "Arbeidsmarkedsintegrasjon (utpendlingsandel i %, sentrert)",
    "nabo": "Jobbvekst hos pendlingsnaboene (overskuddsjobber per 100 innbyggere)",
    "offentlig_0": "Egne offentlige jobber, samme år", "offentlig_1": "Egne offentlige jobber, året før",
    "offentlig_2": "Egne offentlige jobber, to år før",
    "struktur_0": "Egne private jobber fra strukturen, samme år", "struktur_1": "… fra strukturen, året før",
    "struktur_2": "… fra strukturen, to år før",
    "naering_0": "Egne private jobber fra næringsattraktivitet, samme år",
    "naering_1": "… fra næringsattraktivitet, året før", "naering_2": "… fra næringsattraktivitet, to år før",
}
# The decomposition's rows: (column in the period table, label). Jobs first, then net migration.
ATTR_JOBBDELER = [("nasjonal", "Nasjonal vekst"), ("bransje", "Bransjeeffekt"), ("folk", "Befolkningseffekt"),
                  ("naering", "Næringsattraktivitet")]
ATTR_FLYTTEDELER = [("innvandring_land", "Norges innvandring"), ("forventet_konstant", "Grunnivå (konstant)"),
                    ("forventet_storrelse", "Størrelse"), ("forventet_integrasjon", "Pendlingsmuligheter"),
                    ("forventet_nabo", "Jobbvekst hos naboene"), ("forventet_offentlig", "Egne offentlige jobber"),
                    ("forventet_struktur", "Egne private jobber fra strukturen"),
                    ("forventet_naering", "Egne private jobber fra næringsattraktivitet"),
                    ("bosted", "Bostedsattraktivitet")]


# The method panel's variable parts: each chosen from what the database has (see `ui.attraktivitet.metode`).
ATTR_METODE_BRANSJE_MED = (
    "- *Bransjeeffekten* er en skift-andel over {n} næringsgrupper (SSB 07984) for årene {aar}. Tabellen skiller "
    "ikke sektor innen næring, så offentlig administrasjon (84), undervisning (85) og helse- og sosialtjenester "
    "(86–88), som for det meste er offentlige, er holdt utenfor; andelene er av jobbene i de øvrige gruppene.")
ATTR_METODE_BRANSJE_UTEN = (
    "- *Bransjeeffekten* er utelatt: databasen har ikke sysselsetting etter næring (SSB 07984), så "
    "næringsattraktiviteten inneholder også det bransjesammensetningen ville forklart.")
ATTR_METODE_PENDLING_MED = (
    "- *Pendlingsmuligheter*: andelen av de sysselsatte som bor i kommunen og jobber i en annen (SSB 03321).\n"
    "- *Jobbvekst hos naboene*: nye jobber utover nasjonal vekst i andre kommuner, vektet med hvor stor andel av\n"
    "  arbeidstakerne der som bor i kommunen, per 100 innbyggere.\n"
    "- Pendlingstallene finnes for {aar} og holdes faste over modellens år.")
ATTR_METODE_PENDLING_UTEN = (
    "- *Pendlingsmuligheter* og *jobbvekst hos naboene* er utelatt fra regresjonen: databasen har ikke "
    "pendlingstall (SSB 03321).")
ATTR_METODE_FOLK_ANSLATT = (
    "- *Befolkningseffekten* bruker én faktor for alle kommuner, {faktor} (standardfeil {se}), anslått fra den samme "
    "statistikken: en regresjon over {n} kommuneår av veksten i private arbeidsplasser utover nasjonal vekst{og_bransje} "
    "på befolkningsveksten året før utover landets. Hos Telemarksforsking varierer faktoren med hvor stor del av "
    "jobbene som betjener lokalbefolkningen.")
ATTR_METODE_FOLK_FAST = "- *Befolkningseffekten* bruker en fast faktor, {faktor}."
ATTR_METODE_FOLK_UTEN = ("- *Befolkningseffekten* er utelatt (faktor 0): databasen har for få kommuneår til å "
                         "anslå faktoren.")
ATTR_KILDE_SAMMENSTILT = (
    " Arbeidsplassene og befolkningsendringene for {aar} i Stadkrafts frakoblede kildemappe er SSB-tall slik "
    "Telemarksforsking sammenstilte dem til sin modell (se datakatalogen).")


def attr_metode(*, r2: str, n: str, aar: str, folkeeffekt: str, valg: list[str], kilder: str) -> str:
    """The method panel's text in plain Norwegian; every argument already formatted (numbers in Norwegian
    style), `valg` the list of choices that depend on the data, `kilder` the sources the database has."""
    valg_tekst = "\n".join(valg)
    return f"""
**Modellen er Telemarksforskings** attraktivitetsmodell (versjon 2.1), slik den er beskrevet i Telemarksforskings
egne rapporter og nettløsning for attraktivitetsanalysene. Stadkraft regner den på nytt fra SSBs statistikk, med
de valgene som er beskrevet her. Telemarksforskings egne resultater er ikke brukt som grunnlag.

**Hvert år for seg.** Alt regnes som vekst fra ett år til det neste. Arbeidsplasser telles i 4. kvartal og
befolkningen 1. januar, så året *t* er endringen fra 4. kvartal *t*−1 til 4. kvartal *t* og fra 1. januar *t*
til 1. januar *t*+1. En periode fra–til (1. januar til 1. januar) er snittet av de årlige verdiene for årene
fra og med *fra* til og med *til*−1.

**Næringsattraktivitet** (prosent av de private arbeidsplassene per år): veksten i private arbeidsplasser etter
arbeidssted, minus nasjonal vekst i private arbeidsplasser, minus bransjeeffekten (den veksten kommunens
næringssammensetning ville gitt om hver næring vokste som i landet), minus befolkningseffekten
({folkeeffekt} × kommunens befolkningsvekst året før utover landets; lokale tjenester følger folketallet).
Delene summerer seg eksakt til den faktiske veksten.

**Bostedsattraktivitet** (prosent av folketallet per år): befolkningsveksten minus fødselsoverskuddet minus
Norges netto innvandring (i prosent av landets folketall) gir kommunens netto innflytting utover landets
innvandring. Den sammenlignes med det en regresjon over alle kommuner og år forventer ut fra størrelse,
pendlingsmuligheter, jobbvekst hos naboene og kommunens egen jobbvekst (offentlig, privat fra strukturen og
privat fra næringsattraktiviteten, samme år og de to årene før). Restleddet er bostedsattraktiviteten.

**Samlet attraktivitet** er, som hos Telemarksforsking, bostedsattraktiviteten pluss den innflyttingen som
næringsattraktiviteten ga (regresjonens ledd for egne private jobber fra næringsattraktivitet). Å legge de to
aksene rett sammen ville gitt en rangering nesten bare etter næringsattraktivitet, fordi den svinger mye mer.

**Regresjonen** er vanlig minste kvadraters metode, uvektet, med konstantledd og uten årsdummyer, over
{n} kommuneår ({aar}); forklart andel av variasjonen R² = {r2}. Koeffisientene står i tabellen under.

**Valg Stadkraft har gjort** der Telemarksforskings beskrivelse ikke er eksakt, og det databasen har:
{valg_tekst}

**Grenser.** Modellen sier hvor mye en kommune har vokst utover det strukturen forklarer, ikke hvorfor.
Små kommuner får store utslag av enkeltbedrifter og tilfeldigheter. Sentrale kommuner kan vokse i folketall
selv med lav samlet attraktivitet, fordi de har gunstige strukturelle betingelser; distriktskommuner trenger
ofte positiv attraktivitet for å unngå nedgang (Distriktssenteret 2018).

**Kilder:** {kilder} Telemarksforsking: attraktivitetsmodellen og *Attraktivitetsanalyser – Hva får steder
til å vokse?*; Distriktssenteret (2018).
"""


# --- The attractiveness page for a region ---------------------------------------------------------
ATTR_REGIONVALG = (
    "Regionens attraktivitet er kommunenes årlige tall veid sammen, næringsattraktiviteten med kommunenes private "
    "arbeidsplasser året før og bostedsattraktiviteten og den samlede med folketallet 1. januar, slik at regionen "
    "teller som summen av kommunene, og så snittet over årene som for en kommune.")
ATTR_REGION_UTEN_TALL = (
    "Regionen har ikke tall for hele perioden: et år teller bare når alle kommunene i den har tall.")


# --- The shared pickers (municipality, region): a typed search that names no single option -------

SOK_INGEN = ("Fant ingen {hva} som passer til «{sok}». Skriv en del av navnet (æ, ø og å kan skrives "
             "ae, o og a) eller nummeret, og velg i lista.")
SOK_FLERE = "Flere passer til «{sok}»: {navn}. Skriv mer av navnet, eller velg i lista."
SOK_VIS = 6  # names listed in SOK_FLERE
