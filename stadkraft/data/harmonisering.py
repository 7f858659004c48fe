"""Bring figures on old municipality codes onto the 2024 structure.

A code valid in a year maps to one or more 2024 municipalities with a weight; a weight below 1
means a split municipality whose figure is shared out by an estimate, so the cell is flagged.
"""
from __future__ import annotations

import pandas as pd

from .skjema import KILDE_ESTIMAT, KILDE_MANGLER, KILDE_SSB

_RANG = {KILDE_SSB: 0, KILDE_ESTIMAT: 1, KILDE_MANGLER: 2}


def verste_kilde(kilder: pd.Series) -> str:
    """A sum is only as good as its weakest cell."""
    return max(kilder, key=_RANG.__getitem__)


def _verste_per_gruppe(kilde: pd.Series, grupper) -> pd.Series:
    rang = kilde.map(_RANG).groupby(grupper).max()
    return rang.map({r: k for k, r in _RANG.items()})


def fordel(verdi: pd.Series, vekt: pd.Series, rad: pd.Series) -> pd.Series:
    """Share each source cell (rows with the same `rad`) out by its weights in whole persons so that
    the parts add up to the cell (largest remainder): a split never adds or loses a person."""
    andel = verdi.astype("Float64") * vekt
    heltall = andel // 1
    rest = andel - heltall
    mangler = (andel.groupby(rad).transform("sum").round() - heltall.groupby(rad).transform("sum"))
    orden = rest.groupby(rad).rank(method="first", ascending=False)
    return (heltall + (orden <= mangler).astype("Float64")).round().astype("Int64")


def harmoniser(df: pd.DataFrame, kodeendring: pd.DataFrame, verdier: list[str],
               noekler: list[str] = ("kommunenummer", "aar")) -> pd.DataFrame:
    """Sum `verdier` per 2024 municipality; `df` has `kommunenummer`, `aar`, `kilde` and `verdier`.

    A sum is a figure only when every cell in it is (`min_count`); a split cell is flagged.
    """
    noekler = list(noekler)
    koblet = df.reset_index(drop=True).rename_axis("rad").reset_index().merge(
        kodeendring.rename(columns={"kommunenummer": "ny", "kommunenummer_original": "kommunenummer"}),
        on=["kommunenummer", "aar"], how="left")
    koblet["ny"] = koblet["ny"].fillna(koblet["kommunenummer"])
    koblet["vekt"] = koblet["vekt"].fillna(1.0)
    delt = koblet["vekt"] < 1
    for v in verdier:
        koblet[v] = fordel(koblet[v], koblet["vekt"], koblet["rad"]) if delt.any() else koblet[v].astype("Int64")
    koblet.loc[delt & (koblet["kilde"] == KILDE_SSB), "kilde"] = KILDE_ESTIMAT
    # Only a row with no figure at all is missing: a table may lack some columns by design (06913
    # has no immigration/emigration); holes in the columns it has are flagged by its reader.
    koblet.loc[koblet[verdier].isna().all(axis=1), "kilde"] = KILDE_MANGLER
    koblet["kommunenummer"] = koblet["ny"]
    g = koblet.groupby(noekler)
    ut = g[verdier].sum(min_count=1)
    ut = ut.where(g[verdier].count().eq(g.size(), axis=0)).astype("Int64")
    ut["kilde"] = _verste_per_gruppe(koblet["kilde"], [koblet[k] for k in noekler])
    return ut.reset_index()[noekler + verdier + ["kilde"]]


def i_struktur(kodeendring: pd.DataFrame, struktur: int, aar) -> pd.DataFrame:
    """The mapping of the codes valid in `struktur`, for every year in `aar`.

    A file published "on 2017 codes" carries 2017's codes in every year, also in years when a code
    did not exist yet; it is harmonised by the mapping of 2017, not of the row's year.
    """
    gyldig = kodeendring[kodeendring["aar"] == struktur].drop(columns="aar")
    return pd.concat([gyldig.assign(aar=int(a)) for a in sorted(set(aar))], ignore_index=True)[kodeendring.columns]


def alle_flagg(df: pd.DataFrame, kodeendring: pd.DataFrame, flagg: str,
               noekler: list[str] = ("kommunenummer", "aar")) -> pd.Series:
    """A yes/no flag per 2024 municipality: true only when it is true for every old code summed in."""
    koblet = df.merge(kodeendring.rename(columns={"kommunenummer": "ny", "kommunenummer_original": "kommunenummer"}),
                      on=["kommunenummer", "aar"], how="left")
    koblet["kommunenummer"] = koblet["ny"].fillna(koblet["kommunenummer"])
    return koblet.groupby(list(noekler))[flagg].all()


def harmoniser_par(df: pd.DataFrame, kodeendring: pd.DataFrame, fra: str, til: str, verdi: str) -> pd.DataFrame:
    """A matrix between municipalities (commuting: residence x work) on 2024 codes at both ends.

    A cell of a split municipality is shared by the product of both ends' weights and flagged.
    """
    kart = kodeendring.rename(columns={"kommunenummer_original": "gammel"})
    koblet = df.reset_index(drop=True).rename_axis("rad").reset_index()
    for ende in (fra, til):
        koblet = koblet.merge(kart.rename(columns={"gammel": ende, "kommunenummer": f"{ende}_ny", "vekt": f"{ende}_vekt"}),
                              on=[ende, "aar"], how="left")
        koblet[f"{ende}_ny"] = koblet[f"{ende}_ny"].fillna(koblet[ende])
        koblet[f"{ende}_vekt"] = koblet[f"{ende}_vekt"].fillna(1.0)
    vekt = koblet[f"{fra}_vekt"] * koblet[f"{til}_vekt"]
    koblet[verdi] = fordel(koblet[verdi], vekt, koblet["rad"])
    koblet.loc[(vekt < 1) & (koblet["kilde"] == KILDE_SSB), "kilde"] = KILDE_ESTIMAT
    koblet[fra], koblet[til] = koblet[f"{fra}_ny"], koblet[f"{til}_ny"]
    koblet["rang"] = koblet["kilde"].map(_RANG)
    ut = koblet.groupby(["aar", fra, til], as_index=False).agg(**{verdi: (verdi, "sum"), "rang": ("rang", "max")})
    ut["kilde"] = ut["rang"].map({r: k for k, r in _RANG.items()})
    return ut[ut[verdi] > 0].drop(columns="rang").reset_index(drop=True)


def uten_tomme_koder(df: pd.DataFrame, kodeendring: pd.DataFrame, verdier: list[str],
                     koder: list[str] = ("kommunenummer",)) -> pd.DataFrame:
    """Without rows for codes that did not exist in the row's year and hold only zeros or nothing.

    SSB's tables list every code of the table's whole period in every year, with 0 where the
    municipality did not exist; such a row is no figure. A non-zero figure on such a code stays
    and fails validation, naming the code.
    """
    gyldige = pd.MultiIndex.from_frame(kodeendring[["kommunenummer_original", "aar"]].drop_duplicates())
    tom = (df[verdier].fillna(0) == 0).all(axis=1)
    ugyldig = pd.Series(False, index=df.index)
    for kode in koder:
        ugyldig |= ~pd.MultiIndex.from_frame(df[[kode, "aar"]]).isin(gyldige)
    return df[~(tom & ugyldig)].reset_index(drop=True)


def rettede_vekter(kodeendring: pd.DataFrame, befolkning: pd.DataFrame,
                   gruppering: pd.DataFrame | None) -> pd.DataFrame:
    """The mapping with better weights where its constant split weights are known to be wrong.

    The year-aware mapping shares some codes out by fixed weights (Ålesund 1507 0.5/0.5 between
    Ålesund and Haram), also codes that were never split but only passed through a later merger
    (old Haram 1534 is Haram 1580, not half of it). Two corrections, each only where the facts allow:
    1. SSB's grouping (`gruppering`: old code -> one 2024 municipality, or K.Rest for real splits)
       names one successor, and every 2024 municipality the code is shared between has SSB's own
       population figure that year (no estimate): the code was not split; it goes whole to that one.
    2. A split code is the only code behind each of its 2024 municipalities that year: it is shared
       by their populations (which the population series has per municipality), not by a constant.
    """
    k = kodeendring.copy()
    delt = k[k["vekt"] < 1]
    if delt.empty:
        return k
    pop = befolkning.set_index(["kommunenummer", "aar"])
    ssb_tall = set(pop.index[pop["kilde"] == KILDE_SSB])
    folk = pop["folkemengde"].astype("Float64")
    kilder_per_mal = k.groupby(["kommunenummer", "aar"])["kommunenummer_original"].agg(set)
    etterfolger = {} if gruppering is None else dict(zip(gruppering["kode"], gruppering["kommunenummer"]))
    nye, fjern = [], []
    for (kode, aar), rader in delt.groupby(["kommunenummer_original", "aar"]):
        mal = list(rader["kommunenummer"])
        hel = etterfolger.get(kode)
        if hel in mal and all((m, aar) in ssb_tall for m in mal):
            fjern.append((kode, aar))
            nye.append((kode, aar, hel, 1.0))
            continue
        if all(kilder_per_mal.get((m, aar), set()) == {kode} for m in mal):
            tall = [folk.get((m, aar)) for m in mal]
            if all(pd.notna(t) and t > 0 for t in tall):
                fjern.append((kode, aar))
                nye.extend((kode, aar, m, float(t) / float(sum(tall))) for m, t in zip(mal, tall))
    if not nye:
        return k
    bort = pd.MultiIndex.from_frame(k[["kommunenummer_original", "aar"]]).isin(fjern)
    rettet = pd.DataFrame(nye, columns=["kommunenummer_original", "aar", "kommunenummer", "vekt"])
    return pd.concat([k[~bort], rettet], ignore_index=True)[list(kodeendring.columns)]
