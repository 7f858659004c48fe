"""What the build derives once from what the sources state: the definition of the employment
series per year (and its breaks), public jobs, and the balances of population change.

Counts are summed onto 2024 codes first (harmonisering); everything here works on those sums.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .harmonisering import verste_kilde
from .skjema import (ENDRING_BALANSER, KILDE_ESTIMAT, KILDE_MANGLER, KOLONNER, NAERING_ALLE, SEKTOR_ALLE, SEKTOR_OFFENTLIG,
                     SEKTOR_PRIVAT)

# SSB moved employment statistics to a-ordningen in 2015; national jobs fall about 2 % (private
# about 4 %) that year by definition (data README; SSB). Every register series breaks there.
A_ORDNINGEN = 2015
BRUDD_A_ORDNINGEN = ("SSB gikk over til a-ordningen som kilde i 2015; en del av endringen fra 2014 til 2015 "
                     "skyldes den nye definisjonen, ikke færre arbeidsplasser.")


@dataclass(frozen=True)
class Serie:
    """One employment series a source brings: the years and sectors it fills, what it counts."""
    tabell: str
    definisjon: str
    aar: tuple[int, ...]
    sektorer: tuple[str, ...] = (SEKTOR_ALLE,)


def arbeidsplasser_tf(aar) -> Serie:
    return Serie("SSB registerbasert sysselsetting (sammenstilt av Telemarksforsking)",
                 "Arbeidsplasser etter arbeidssted, alle aldre, 4. kvartal", tuple(sorted(set(aar))),
                 (SEKTOR_ALLE, SEKTOR_PRIVAT))


def ssb_tabell(tabell: str, aar) -> Serie:
    definisjon = {
        "11618": "Sysselsatte 15–74 år etter arbeidssted, 4. kvartal",
        "07984": "Sysselsatte 15–74 år etter arbeidssted, 4. kvartal",
        "13470": "Sysselsatte etter arbeidssted, 4. kvartal",
    }.get(tabell, "Sysselsatte etter arbeidssted, 4. kvartal")
    return Serie(f"SSB tabell {tabell}", definisjon, tuple(sorted(set(aar))))


def med_serie(tabell: pd.DataFrame, serie: Serie) -> pd.DataFrame:
    """`sysselsetting_serie` with `serie` taking over its years and sectors, and every year's break
    worked out again: a new source from one year to the next, or a-ordningen in 2015."""
    ny = pd.DataFrame([(aar, sektor, serie.definisjon, serie.tabell, None)
                       for aar in serie.aar for sektor in serie.sektorer], columns=KOLONNER["sysselsetting_serie"])
    ut = (pd.concat([tabell, ny], ignore_index=True) if len(tabell) else ny)
    ut = ut.drop_duplicates(["aar", "sektor"], keep="last").sort_values(["sektor", "aar"]).reset_index(drop=True)
    ut["brudd"] = _brudd(ut)
    return ut[KOLONNER["sysselsetting_serie"]]


def _brudd(serie: pd.DataFrame) -> list[str | None]:
    forrige = {(r.aar, r.sektor): r for r in serie.itertuples()}
    ut = []
    for r in serie.itertuples():
        f = forrige.get((r.aar - 1, r.sektor))
        if f is not None and (f.tabell, f.definisjon) != (r.tabell, r.definisjon):
            ut.append(f"Ny kilde fra {r.aar}: {r.tabell} ({_liten(r.definisjon)}) i stedet for "
                      f"{f.tabell} ({_liten(f.definisjon)}).")
        elif f is not None and r.aar == A_ORDNINGEN:
            ut.append(BRUDD_A_ORDNINGEN)
        else:
            ut.append(None)
    return ut


def _liten(tekst: str) -> str:
    return tekst[:1].lower() + tekst[1:]


def med_offentlig(sysselsetting: pd.DataFrame, serie: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Public jobs = all minus private, per 2024 municipality and year, where both sectors come
    from the same series that year (two series' difference is no figure). Returns both tables."""
    def definisjon(sektor):
        return serie[serie["sektor"] == sektor].set_index("aar")[["definisjon", "tabell"]]

    felles = definisjon(SEKTOR_ALLE).merge(definisjon(SEKTOR_PRIVAT), left_index=True, right_index=True,
                                           suffixes=("", "_p"))
    felles = felles[(felles["definisjon"] == felles["definisjon_p"]) & (felles["tabell"] == felles["tabell_p"])]
    if felles.empty:
        return sysselsetting, serie
    total = sysselsetting[sysselsetting["naering"] == NAERING_ALLE]
    alle = total[total["sektor"] == SEKTOR_ALLE].set_index(["kommunenummer", "aar"])
    privat = total[total["sektor"] == SEKTOR_PRIVAT].set_index(["kommunenummer", "aar"])
    begge = alle.merge(privat, left_index=True, right_index=True, suffixes=("", "_p")).reset_index()
    begge = begge[begge["aar"].isin(felles.index)]
    offentlig = pd.DataFrame({
        "kommunenummer": begge["kommunenummer"], "aar": begge["aar"], "naering": NAERING_ALLE,
        "sektor": SEKTOR_OFFENTLIG,
        "sysselsatte": (begge["sysselsatte"].astype("Int64") - begge["sysselsatte_p"].astype("Int64")),
        "kilde": [verste_kilde([a, b]) for a, b in zip(begge["kilde"], begge["kilde_p"])],
    })
    ny_serie = serie[(serie["sektor"] == SEKTOR_ALLE) & serie["aar"].isin(felles.index)].assign(sektor=SEKTOR_OFFENTLIG)
    ut = sysselsetting[sysselsetting["sektor"] != SEKTOR_OFFENTLIG]
    return (pd.concat([ut, offentlig], ignore_index=True)[KOLONNER["sysselsetting"]],
            pd.concat([serie[serie["sektor"] != SEKTOR_OFFENTLIG], ny_serie], ignore_index=True))


def med_balanser(endring: pd.DataFrame) -> pd.DataFrame:
    """Fill the balances from the events where a source gave the events: natural increase =
    births - deaths, net migration = in - out (domestic) + immigration - emigration (a 06913 export
    has no immigration apart; its in/out-migration includes moves abroad), change = both together.
    A balance the source gave stays as given."""
    ut = endring.copy()
    for k in ENDRING_BALANSER:
        ut[k] = ut[k].astype("Int64") if k in ut else pd.Series(pd.NA, index=ut.index, dtype="Int64")
    fodsel = ut["fodte"].astype("Int64") - ut["dode"].astype("Int64")
    innenlands = ut["innflytting"].astype("Int64") - ut["utflytting"].astype("Int64")
    utland = ut["innvandring"].astype("Int64") - ut["utvandring"].astype("Int64")
    flytting = innenlands + utland.where(ut["innvandring"].notna() | ut["utvandring"].notna(), 0)
    ut["fodselsoverskudd"] = ut["fodselsoverskudd"].fillna(fodsel)
    ut["nettoinnflytting"] = ut["nettoinnflytting"].fillna(flytting)
    ut["folketilvekst"] = ut["folketilvekst"].fillna(ut["fodselsoverskudd"] + ut["nettoinnflytting"])
    # Counted events add up exactly; a source that states the change says itself whether it is exact.
    avledet = ut["fodte"].notna()
    eksakt = ut["folketilvekst_eksakt"] if "folketilvekst_eksakt" in ut else pd.Series(pd.NA, index=ut.index)
    ut["folketilvekst_eksakt"] = eksakt.astype("boolean").mask(avledet & eksakt.isna(), True)
    return ut[KOLONNER["befolkningsendring"]]


def med_enkeltaar_fylt(df: pd.DataFrame, verdier: list[str], serie: list[str]) -> pd.DataFrame:
    """A municipality without a row in one year of a yearly series, between two years with figures,
    gets the mean of those two years, flagged as an estimate.

    The offline mirror's 11618 lists Rindal under its old code 1567 with 0 in 2019, the year it
    changed county and code, and has no row for its new code 5061: one such hole would empty the
    county's and Norway's sums for 2019 (a sum over a hole is no figure). Only a single missing
    year is filled, never the ends of a series or a longer gap.
    """
    if df.empty:
        return df
    rader = []
    for noekkel, gruppe in df.groupby(serie, sort=False):
        aar = set(gruppe["aar"])
        finnes = gruppe.set_index("aar")
        for a in range(min(aar) + 1, max(aar)):
            if a in aar or a - 1 not in aar or a + 1 not in aar:
                continue
            for_, etter = finnes.loc[a - 1], finnes.loc[a + 1]
            if for_["kilde"] == KILDE_MANGLER or etter["kilde"] == KILDE_MANGLER:
                continue
            rad = dict(zip(serie, noekkel if isinstance(noekkel, tuple) else (noekkel,)))
            rad.update({v: _snitt(for_[v], etter[v]) for v in verdier}, aar=a, kilde=KILDE_ESTIMAT)
            rader.append(rad)
    if not rader:
        return df
    return pd.concat([df, pd.DataFrame(rader)], ignore_index=True)[list(df.columns)]


def _snitt(a, b):
    return pd.NA if pd.isna(a) or pd.isna(b) else int(round((int(a) + int(b)) / 2))
