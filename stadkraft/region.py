"""Regions as units: a named set of municipalities (2024 codes) that every statistics page can show.

Four kinds (`Region.type`):
    fylke       a county (the register's `kommune.fylkesnummer`)
    ba          a housing and labour market region (NIBR 2020, `kommune.ba_region`)
    regionraad  a regional council, pre-seeded below from the requirement documents
    egen        the user's own group, carried whole in the URL so it can be shared as a link

In the URL (`stadkraft.lenker`): `?region=fylke-50`, `?region=ba-018`, `?region=regionraad-hallingdal`,
`?region=egen&kommuner=3320,3322&navn=Mitt+utvalg`. A bare BA code (`?region=018`, the attractiveness
page's old filter) is read as that BA region.

Pure functions: the municipality register comes in as a frame (queries/region_kommuner.sql).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from stadkraft import lenker

FYLKE, BA, REGIONRAAD, EGEN = "fylke", "ba", "regionraad", "egen"
TYPER = {FYLKE: "Fylke", BA: "Bo- og arbeidsmarkedsregion", REGIONRAAD: "Regionråd", EGEN: "Egen gruppe"}
MAKS_EGNE = 60          # municipalities in an own group (a link stays a link)
MAKS_NAVN = 60          # characters in its name
EGEN_NAVN = "Egen gruppe"

# Onsager, NIBR-rapport 2019:7 (requirements/seeds_000_001_analysis.md section 3.2; D0 fn78, fn80-82,
# fn84) for five councils, and «Sats på Hallingdal», Regionrådet for Hallingdal SAK 27/20 (document 002)
# for Hallingdal. Members as they were then, carried to 2024 codes with SSB's reform mapping.
_NIBR = "Onsager, NIBR-rapport 2019:7, kap. 5.4"
REGIONRAAD_LISTE: dict[str, tuple[str, tuple[str, ...], str]] = {
    # Bardu, Dyrøy, Målselv, Sørreisa, Senja (= Berg, Lenvik, Torsken, Tranøy from 2020) and Salangen,
    # which joined in 2020 (fn78).
    "midt-troms": ("Midt-Troms", ("5520", "5522", "5524", "5526", "5528", "5530"), _NIBR + ", fotnote 78"),
    # Namsos (with Fosnes and Namdalseid from 2020), Nærøysund (Nærøy and Vikna), and nine more (fn80).
    "namdalen": ("Namdalen", ("5007", "5020", "5042", "5043", "5044", "5045", "5046", "5047", "5049",
                              "5052", "5060"), _NIBR + ", fotnote 80"),
    # Sogndal (with Balestrand and Leikanger from 2020), Vik, Høyanger, Aurland, Lærdal, Årdal, Luster (fn81).
    "sogn": ("Sogn", ("4638", "4639", "4640", "4641", "4642", "4643", "4644"), _NIBR + ", fotnote 81"),
    # Seljord, Kviteseid, Nissedal, Fyresdal, Tokke, Vinje (fn82).
    "vest-telemark": ("Vest-Telemark", ("4022", "4028", "4030", "4032", "4034", "4036"), _NIBR + ", fotnote 82"),
    # Gjøvik, Østre Toten, Vestre Toten, Søndre Land, Nordre Land (fn84).
    "gjovikregionen": ("Gjøvikregionen", ("3407", "3442", "3443", "3447", "3448"), _NIBR + ", fotnote 84"),
    # Flå, Nesbyen, Gol, Hemsedal, Ål, Hol.
    "hallingdal": ("Hallingdal", ("3320", "3322", "3324", "3326", "3328", "3330"),
                   "Regionrådet for Hallingdal, SAK 27/20 «Sats på Hallingdal» (2020)"),
}

# The documents' reference figures (population 1 January 2019, change 1 Jan 2010 -> 1 Jan 2019) and the
# council as it was in 2019, in 2024 codes. Midt-Troms had not yet taken in Salangen (5522).
REFERANSE = {
    "midt-troms": (30_500, 2.7, ("5520", "5524", "5526", "5528", "5530")),
    "namdalen": (37_807, 2.0, None),
    "sogn": (32_919, 2.7, None),
    "vest-telemark": (14_050, -1.4, None),
    "gjovikregionen": (71_302, 4.0, None),
}


@dataclass(frozen=True)
class Region:
    """A named set of municipalities. `kode` is the county or BA code, the council's slug, or '' (own)."""
    type: str
    kode: str
    navn: str
    kommuner: tuple[str, ...]
    kilde: str = ""

    @property
    def nokkel(self) -> str:
        """The value of `?region=`."""
        return EGEN if self.type == EGEN else f"{self.type}-{self.kode}"

    @property
    def tittel(self) -> str:
        return self.navn if self.type in (EGEN, REGIONRAAD) else f"{self.navn} ({TYPER[self.type].lower()})"

    def url(self) -> dict[str, str]:
        """The URL parameters that open this region (an own group carries its members and name)."""
        if self.type == EGEN:
            return {lenker.REGION: EGEN, lenker.KOMMUNER: ",".join(self.kommuner), lenker.NAVN: self.navn}
        return {lenker.REGION: self.nokkel}


def _koder(register: pd.DataFrame) -> set[str]:
    return set(register["kommunenummer"].tolist())


def fylke(register: pd.DataFrame, nummer: str) -> Region | None:
    rader = register[register["fylkesnummer"] == nummer]
    if rader.empty:
        return None
    return Region(FYLKE, nummer, str(rader["fylkesnavn"].iloc[0]), tuple(sorted(rader["kommunenummer"])),
                  "Statistisk sentralbyrå, fylkesinndeling 2024")


def ba_region(register: pd.DataFrame, kode: str) -> Region | None:
    rader = register[register["ba_region"] == kode]
    if rader.empty:
        return None
    navn = rader["ba_regionnavn"].iloc[0]
    return Region(BA, kode, f"BA-region {navn if isinstance(navn, str) and navn else kode}",
                  tuple(sorted(rader["kommunenummer"])), "NIBR 2020 (bo- og arbeidsmarkedsregioner)")


def regionraad(register: pd.DataFrame, slug: str) -> Region | None:
    if slug not in REGIONRAAD_LISTE:
        return None
    navn, kommuner, kilde = REGIONRAAD_LISTE[slug]
    finnes = _koder(register)
    return Region(REGIONRAAD, slug, navn, tuple(k for k in kommuner if k in finnes), kilde)


def rens_navn(navn: str | None) -> str:
    """A typed group name as plain, short text (it is shown in headings and file names)."""
    tekst = " ".join(re.sub(r"[^\w .,()'-]", " ", navn or "").split())[:MAKS_NAVN].strip()
    return tekst or EGEN_NAVN


def egen(register: pd.DataFrame, kommuner: str | list[str] | None, navn: str | None = None) -> Region | None:
    """The user's own group: known 4-digit codes, in the order given, each once; None when none is known."""
    deler = kommuner.split(",") if isinstance(kommuner, str) else list(kommuner or [])
    finnes, sett, ut = _koder(register), set(), []
    for k in (d.strip() for d in deler):
        if k in finnes and k not in sett:
            sett.add(k)
            ut.append(k)
    if not ut:
        return None
    return Region(EGEN, "", rens_navn(navn), tuple(ut[:MAKS_EGNE]), "Egen gruppe, satt sammen av brukeren")


def fra_nokkel(register: pd.DataFrame, nokkel: str | None, kommuner: str | None = None,
               navn: str | None = None) -> Region | None:
    """The region a `?region=` value names, or None (unknown, empty or an own group without members)."""
    nokkel = (nokkel or "").strip()
    if not nokkel:
        return None
    if nokkel == EGEN:
        return egen(register, kommuner, navn)
    if nokkel.isdigit():  # the attractiveness page's old ?region=<BA code>
        return ba_region(register, nokkel)
    type_, _, kode = nokkel.partition("-")
    return {FYLKE: fylke, BA: ba_region, REGIONRAAD: regionraad}.get(type_, lambda *_: None)(register, kode)


def fra_url(parametre: Mapping[str, str], register: pd.DataFrame) -> Region | None:
    """The region in a link (st.query_params), or None."""
    return fra_nokkel(register, lenker.les(parametre, lenker.REGION), lenker.les(parametre, lenker.KOMMUNER),
                      lenker.les(parametre, lenker.NAVN))


def valg(register: pd.DataFrame) -> dict[str, str]:
    """Every pre-defined region for a picker, `nokkel -> label`: councils, counties, then BA regions."""
    ut = {f"{REGIONRAAD}-{s}": f"{n} (regionråd)" for s, (n, _, _) in REGIONRAAD_LISTE.items()}
    fylker = register[["fylkesnummer", "fylkesnavn"]].drop_duplicates().sort_values("fylkesnummer")
    ut.update({f"{FYLKE}-{n}": f"{navn} (fylke)" for n, navn in fylker.itertuples(index=False)})
    ba = register.dropna(subset=["ba_region"])[["ba_region", "ba_regionnavn"]].drop_duplicates()
    ut.update({f"{BA}-{k}": f"BA-region {navn or k}" for k, navn in
               sorted(ba.itertuples(index=False), key=lambda r: str(r[1] or r[0]))})
    return ut


def fylker_for(register: pd.DataFrame, region: Region) -> list[str]:
    """The counties the members lie in, most members first (the region's comparison counties)."""
    rader = register[register["kommunenummer"].isin(region.kommuner)]
    return rader["fylkesnummer"].value_counts(sort=True).index.tolist()


def serie(region: Region, register: pd.DataFrame, fra: int, til: int, kjor, fylker: list[str] | None = None):
    """queries/region_serie.sql for the region's members, its counties and Norway, with the region's sum
    (`beregning.region.regionsum`). `kjor` runs a query (`db.sporring` in the app, `db.kjor` elsewhere)."""
    from stadkraft.beregning import region as beregning

    fylker = fylker_for(register, region) if fylker is None else fylker
    rader = kjor("region_serie", kommuner=",".join(region.kommuner), fylker=",".join(fylker), fra=fra, til=til)
    return beregning.regionsum(rader, region.navn, region.nokkel)
