"""Map indicators: what each shows, how its values are classed into colours and written.

Fixed, readable class limits (not quantiles) so the same colour means the same thing for
every period and every reader; the legend is built from the same limits.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from stadkraft import eksport
from stadkraft import format as fmt
from stadkraft.diagram.stil import BLAA, MANGLER_FARGE, RGB, SENTRALITET, VEKST

from . import vekst



@dataclass(frozen=True)
class Indikator:
    kode: str                      # in the URL: ?indikator=vekst
    navn: str
    kolonne: str                   # column in queries/oversikt_indikatorer.sql
    grenser: tuple[float, ...]     # class limits; len(palett) == len(grenser) + 1
    palett: tuple[RGB, ...]
    skriv: Callable[[float], str]
    kilde: str
    trenger_periode: bool = False
    klassenavn: tuple[str, ...] | None = None  # for categories instead of ranges
    # Header for captions and the table, naming the year the values are for: {til} is the
    # period's end, {aar} the year in the `aar_kolonne` column (the latest employment year).
    tittel: str = ""
    aar_kolonne: str | None = None
    estimat_kolonne: str | None = None  # True where an estimated cell entered the value
    tabell: str | None = None           # key in `dekning.kilder()`, when the source depends on the build
    # Short table header ({fra}, {til}, {aar} as in `tittel`): a long one pushes the numbers out of
    # view in the narrow table beside the map; the caption carries the full title.
    kort: str = ""
    desimaler: int = 0                  # as `skriv` shows it; the CSV rounds to the same
    # What the values need (a key of `dekning.dekning()`): without it for the period the page says so
    # in words (`mangel()`) instead of drawing a map of missing values.
    krever: str | None = None


def _folk(v) -> str:
    return fmt.tall(v)


def _vekst(v) -> str:
    return fmt.prosent(v, 1, fortegn=True)


def _klasse(v) -> str:
    return fmt.MANGLER if pd.isna(v) else f"Klasse {int(v)}"


INDIKATORER: dict[str, Indikator] = {i.kode: i for i in [
    Indikator("vekst", "Befolkningsvekst i perioden (%)", "vekst_prosent", (-10, -5, 0, 5, 10), tuple(VEKST),
              _vekst, "SSB tabell 07459", trenger_periode=True, estimat_kolonne="estimat",
              kort="Vekst {fra}–{til}, %", desimaler=1),
    Indikator("sysselsettingsvekst", "Sysselsettingsvekst i perioden (%)", "syss_vekst_prosent",
              (-10, -5, 0, 5, 10), tuple(VEKST), _vekst, "SSB", trenger_periode=True,
              estimat_kolonne="syss_vekst_estimat", tabell="sysselsetting", kort="Syss. {fra}–{til}, %",
              desimaler=1, krever="sysselsetting",
              tittel="Sysselsettingsvekst {fra}–{til} (arbeidssted, 4. kvartal)"),
    Indikator("nettoinnflytting", "Nettoinnflytting i perioden (% av folketallet)", "nettoinnflytting_prosent",
              (-10, -5, 0, 5, 10), tuple(VEKST), _vekst, "SSB", trenger_periode=True,
              estimat_kolonne="endring_estimat", tabell="endring", kort="Innfl. {fra}–{til}, %",
              desimaler=1, krever="endring",
              tittel="Nettoinnflytting {fra}–{til} i prosent av folketallet 1. januar {fra}"),
    Indikator("fodselsoverskudd", "Fødselsoverskudd i perioden (% av folketallet)", "fodselsoverskudd_prosent",
              (-4, -2, 0, 2, 4), tuple(VEKST), _vekst, "SSB", trenger_periode=True,
              estimat_kolonne="endring_estimat", tabell="endring", kort="Fødselsoverskudd, %",
              desimaler=1, krever="endring",
              tittel="Fødselsoverskudd {fra}–{til} i prosent av folketallet 1. januar {fra}"),
    Indikator("folkemengde", "Folkemengde 1. januar", "folkemengde", (2000, 5000, 10000, 20000, 50000),
              tuple(BLAA), _folk, "SSB tabell 07459", tittel="Folkemengde 1. januar {til}",
              estimat_kolonne="folkemengde_estimat", kort="Folkemengde {til}"),
    Indikator("sentralitet", "Sentralitetsklasse (1 = mest sentral)", "sentralitetsklasse",
              (1.5, 2.5, 3.5, 4.5, 5.5), tuple(SENTRALITET), _klasse, "SSB sentralitetsindeks 2020",
              klassenavn=tuple(f"{k} {'(mest sentral)' if k == 1 else '(minst sentral)' if k == 6 else ''}".strip()
                               for k in range(1, 7)), kort="Sentralitetsklasse"),
    Indikator("sysselsatte", "Sysselsatte etter arbeidssted (siste år)", "sysselsatte", (1000, 2500, 5000, 10000, 25000),
              tuple(BLAA), _folk, "SSB tabell 13470/07984", tittel="Sysselsatte etter arbeidssted, 4. kvartal {aar}",
              aar_kolonne="sysselsatte_aar", estimat_kolonne="sysselsatte_estimat", tabell="sysselsetting_siste",
              kort="Sysselsatte {aar}"),
]}
STANDARD = "vekst"


# Computed columns. Growth over the period: name -> (figure of `vekst.periodevekst`, start, end, and the
# hole flag of `vekst_hull.sql`: a year of the period without a figure). Shares: name -> (value, base).
VEKST_BEREGNET = {
    "endring": ("endring", "folk_fra", "folkemengde", "folk_mangler"),
    "vekst_prosent": ("prosent", "folk_fra", "folkemengde", "folk_mangler"),
    "syss_vekst_prosent": ("prosent", "syss_fra", "syss_til", "syss_mangler"),
}
ANDEL_BEREGNET = {
    "nettoinnflytting_prosent": ("nettoinnflytting", "folk_fra"),
    "fodselsoverskudd_prosent": ("fodselsoverskudd", "folk_fra"),
}


def beregn(df: pd.DataFrame, hull: pd.DataFrame | None = None) -> pd.DataFrame:
    """queries/oversikt_indikatorer.sql with the indicators' values, computed by `stadkraft.beregning.vekst`
    (the one place for growth arithmetic and for the rule for a missing year): population growth and
    change, employment growth, and the period's net migration and natural increase in % of the
    population at the start. `hull` is `vekst_hull.sql` for the same period: a municipality with a year
    of the period missing gets no growth, as on the growth page. A value that cannot be computed is
    NaN, never 0. Columns already there are kept."""
    perioden = [k for k, (_, a, b, _) in VEKST_BEREGNET.items() if k not in df and a in df and b in df]
    andel = [k for k, (a, b) in ANDEL_BEREGNET.items() if k not in df and a in df and b in df]
    if not perioden and not andel:
        return df
    ut = vekst.med_hull(df, hull) if hull is not None else df.copy()
    for k in perioden:
        figur, a, b, m = VEKST_BEREGNET[k]
        ut[k] = vekst.periodevekst(ut[a], ut[b], mangler=ut[m] if m in ut else False)[figur]
    for k in andel:
        a, b = ANDEL_BEREGNET[k]
        ut[k] = vekst.andel_prosent(ut[a], ut[b])
    return ut


def mangel(indikator: Indikator, data: pd.DataFrame, dekning: dict, fra: int, til: int) -> str | None:
    """A Norwegian notice when the indicator has no value for the period (`dekning.dekning()` says
    which years exist); None when the map can be drawn."""
    if indikator.kolonne in data and data[indikator.kolonne].notna().any():
        return None
    if indikator.krever == "sysselsetting":
        return (f"Sysselsettingsveksten kan ikke vises for {fra}–{til}: databasen har sysselsetting etter "
                f"arbeidssted for {dekning['sysselsetting_aar']}, og begge årene i perioden må være med. "
                "Velg en periode innenfor de årene.")
    if indikator.krever == "endring":
        navn = indikator.navn.split(" i perioden")[0]
        if (spenn := dekning.get("endring_spenn")) is None:
            return f"{navn} kan ikke vises: databasen har ingen befolkningsendringer."
        a, b = spenn
        return (f"{navn} kan ikke vises for {fra}–{til}: databasen har befolkningsendringer for årene {a}–{b}, "
                f"og perioden trenger hvert år fra {fra} til {til - 1}. Velg en periode mellom {a} og {b + 1}. "
                f"Befolkningsendringer etter {b} finnes ennå ikke i databasen.")
    return f"{indikator.navn} har ingen tall for {fra}–{til}."


def overskrift(indikator: Indikator, data: pd.DataFrame, til: int, fra: int | None = None) -> str:
    """The indicator's name with the year its values are for (the map shows one year, say which)."""
    if not indikator.tittel:
        return indikator.navn
    if indikator.aar_kolonne is None:
        return indikator.tittel.format(til=til, fra=fra)
    aar = data[indikator.aar_kolonne].dropna()
    return indikator.tittel.format(aar=int(aar.max())) if len(aar) else indikator.navn


def kolonnenavn(indikator: Indikator, data: pd.DataFrame, fra: int, til: int) -> str:
    """A short header for the value column of the map's table (`kort`), with its year or period."""
    if not indikator.kort:
        return indikator.navn
    aar = data[indikator.aar_kolonne].dropna() if indikator.aar_kolonne else pd.Series(dtype=float)
    if indikator.aar_kolonne and not len(aar):
        return indikator.kort.split(" {")[0]
    return indikator.kort.format(fra=fra, til=til, aar=int(aar.max()) if len(aar) else "")


# Under the map of a period's net migration or natural increase: what the figure is.
ENDRING_FORKLARING = ("Summen av årene {fra}–{siste} (hendelsene som forklarer endringen fra 1. januar {fra} til "
                      "1. januar {til}) i prosent av folketallet 1. januar {fra}. Nettoinnflytting er all flytting, "
                      "innenlands og fra utlandet til sammen; fødselsoverskudd er fødte minus døde.")


def kilde(indikator: Indikator, kilder: dict[str, str]) -> str:
    """The source to state under the map: the build's own table where that varies; a share of the
    population names the population's table too."""
    if not indikator.tabell:
        return indikator.kilde
    tekst = kilder.get(indikator.tabell, indikator.kilde)
    if indikator.krever == "endring":
        tekst = f"{tekst} (befolkningsendringer) og {kilder.get('befolkning', 'SSB tabell 07459')} (folketall)"
    return tekst


def estimert(df: pd.DataFrame, indikator: Indikator) -> pd.Series:
    """True where the indicator's value exists and an estimated source cell entered it."""
    if indikator.estimat_kolonne is None or indikator.estimat_kolonne not in df:
        return pd.Series(False, index=df.index)
    return df[indikator.estimat_kolonne].fillna(False).astype(bool) & df[indikator.kolonne].notna()


def klasse(verdi, grenser) -> int | None:
    """Index of the colour class for a value; None when the value is missing."""
    if pd.isna(verdi):
        return None
    return bisect.bisect_right(list(grenser), verdi)


def farge(verdi, indikator: Indikator) -> RGB:
    i = klasse(verdi, indikator.grenser)
    return MANGLER_FARGE if i is None else indikator.palett[i]


def tegnforklaring(indikator: Indikator) -> list[tuple[RGB, str]]:
    """(colour, label) per class, then the colour for missing data."""
    if indikator.klassenavn:
        rader = list(zip(indikator.palett, indikator.klassenavn))
    else:
        g, s = indikator.grenser, indikator.skriv
        tekster = [f"under {s(g[0])}"] + [f"{s(a)} til {s(b)}" for a, b in zip(g, g[1:])] + [f"{s(g[-1])} og over"]
        rader = list(zip(indikator.palett, tekster))
    return rader + [(MANGLER_FARGE, "Mangler tall")]


def fargelegg(df: pd.DataFrame, indikator: Indikator, hull: pd.DataFrame | None = None) -> pd.DataFrame:
    """The indicator's value, its text and its colour per municipality (`hull` as in `beregn`)."""
    df = beregn(df, hull)
    verdi = df[indikator.kolonne]
    ut = df[["kommunenummer", "navn"]].copy()
    ut["verdi"] = verdi
    ut["verdi_tekst"] = [indikator.skriv(v) for v in verdi]
    ut.loc[estimert(df, indikator), "verdi_tekst"] += " (anslag)"
    ut["farge"] = [list(farge(v, indikator)) for v in verdi]
    return ut


# --- The map's table twin -----------------------------------------------------------------

def kart_tabell(data: pd.DataFrame, indikator: Indikator, fra: int, til: int) -> pd.DataFrame:
    """The map's accessible twin: every municipality with the indicator, numbers kept numeric.

    The value column has a short header (`kolonnenavn()`, with its year; the caption has the full
    title); estimated values are marked.
    """
    tabell = data[["kommunenummer", "navn", indikator.kolonne, "fylkesnavn"]].rename(columns={
        "kommunenummer": "Nr.", "navn": "Kommune", "fylkesnavn": "Fylke",
        indikator.kolonne: kolonnenavn(indikator, data, fra, til)})
    if indikator.estimat_kolonne:
        tabell.insert(3, "Anslag", estimert(data, indikator).map({True: "ja", False: ""}))
    return tabell


def valgte_forst(tabell: pd.DataFrame, valgte) -> pd.DataFrame:
    """`kart_tabell()` with the chosen municipalities on top, the rest in their order: the grid
    cannot be scrolled to a row, so the chosen one is where the eye starts."""
    valgt = tabell["Nr."].isin(list(valgte))
    return pd.concat([tabell[valgt], tabell[~valgt]], ignore_index=True)


def kommune_i_rad(tabell: pd.DataFrame, rader: list[int]) -> str | None:
    """The municipality number of the row chosen in `kart_tabell()` (positions, as Streamlit
    reports a selection, also when the reader has sorted the table)."""
    return str(tabell["Nr."].iloc[rader[0]]) if rader and 0 <= rader[0] < len(tabell) else None


def kart_csv(tabell: pd.DataFrame, indikator: Indikator) -> bytes:
    """`kart_tabell()` as CSV, the values rounded as the table shows them (not 21,84104…)."""
    verdi = tabell.columns[2]  # the value column, after Nr. and Kommune
    return eksport.csv_bytes(tabell, desimaler={verdi: indikator.desimaler})
