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
    heltall = andel.apply(lambda x: x // 1 if pd.notna(x) else x).astype("Float64")
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
