"""Shaping the overview page's data: the profile card's growth table and the map's twin table."""
from __future__ import annotations

import pandas as pd

from . import eksport
from . import format as fmt
from . import vekst as _vekst
from .indikatorer import Indikator, estimert, kolonnenavn

NIVAA = {"kommune": "Kommunen", "fylke": "Fylket", "land": "Norge"}


def profilvekst(rader: pd.DataFrame) -> pd.DataFrame:
    """queries/profil_vekst.sql with `vekst_prosent`, computed by `stadkraft.vekst` (NaN when missing)."""
    if "vekst_prosent" in rader:
        return rader
    return rader.assign(vekst_prosent=_vekst.endring_prosent(rader["start"], rader["slutt"]))


def profiltabell(vekst: pd.DataFrame) -> pd.DataFrame:
    """queries/profil_vekst.sql -> rows per period, a column per level, in Norwegian text.

    A missing figure says so; an estimated one is marked, never shown as plain SSB figures.
    """
    vekst = profilvekst(vekst)
    def tekst(rad) -> str:
        if rad.mangler or pd.isna(rad.vekst_prosent):
            return "mangler tall"
        return fmt.prosent(rad.vekst_prosent, 1, fortegn=True) + (" (anslag)" if rad.estimat else "")

    df = vekst.assign(tekst=[tekst(r) for r in vekst.itertuples()],
                      periode=[f"{n} år ({f}–{t})" for n, f, t in zip(vekst.aar_tilbake, vekst.fra, vekst.til)])
    navn = dict(zip(df.niva, df.enhet))
    tabell = df.pivot(index="periode", columns="niva", values="tekst")
    rekkefolge = sorted(df.periode.unique(), key=lambda p: int(p.split()[0]))
    tabell = tabell.loc[rekkefolge, [n for n in NIVAA if n in tabell.columns]]
    tabell.columns = [f"{NIVAA[n]}: {navn[n]}" if n != "land" else "Norge" for n in tabell.columns]
    tabell.index.name = "Vekst siste"
    return tabell.reset_index()


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


def kart_csv(tabell: pd.DataFrame, indikator: Indikator) -> bytes:
    """`kart_tabell()` as CSV, the values rounded as the table shows them (not 21,84104…)."""
    verdi = tabell.columns[2]  # the value column, after Nr. and Kommune
    return eksport.csv_bytes(tabell, desimaler={verdi: indikator.desimaler})
