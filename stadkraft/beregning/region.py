"""A region's figures from its members: the sum per year, and each member's contribution to the change.

The rows are those of queries/region_serie.sql (the columns of vekst_serie.sql): members carry gruppe
'medlem'; `regionsum` adds the region itself as gruppe 'kommune', the place of the selected unit, so the
growth page's key figures and charts (`vekst.nokkeltall`, `diagram.vekst.indeksdiagram`) treat it as the
one selected. Growth in % stays with `vekst.periodevekst` (through `vekst.nokkeltall`).

Rules, as the build's for counties (stadkraft/data/skjema.py, GRUPPEVERDI):
- a region's value in a year is the members' sum, and missing (NaN) when any member lacks that year;
- `n_estimat` counts the members' estimated cells (a split municipality's weighted parts).

A member's contribution to the region's growth, in percentage points, is its change in persons in % of
the region's start value (`vekst.andel_prosent`): the members' contributions add up to the region's growth.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import vekst

VALGT = "kommune"   # the selected unit's gruppe in vekst_serie.sql's columns
MEDLEM = "medlem"
KOLONNER = ["maal", "rekkefolge", "gruppe", "kode", "navn", "aar", "verdi", "n_estimat", "n_mangler", "n_kommuner"]


def regionsum(serie: pd.DataFrame, navn: str, kode: str = "region") -> pd.DataFrame:
    """`serie` with the region's own rows (gruppe 'kommune', rekkefolge 1) summed from its members."""
    m = serie[serie["gruppe"] == MEDLEM]
    if m.empty:
        return serie
    verdi = pd.to_numeric(m["verdi"], errors="coerce").astype("float64")
    mangler = verdi.isna() | (pd.to_numeric(m["n_mangler"]).fillna(1) > 0)
    g = pd.DataFrame({"maal": m["maal"], "aar": m["aar"], "verdi": verdi.fillna(0.0),
                      "n_estimat": pd.to_numeric(m["n_estimat"]).fillna(0).astype(int),
                      "n_mangler": mangler.astype(int)}).groupby(["maal", "aar"], sort=True)
    sum_ = g.agg(verdi=("verdi", "sum"), n_estimat=("n_estimat", "sum"), n_mangler=("n_mangler", "sum"),
                 n_kommuner=("verdi", "size")).reset_index()
    sum_["verdi"] = sum_["verdi"].where(sum_["n_mangler"] == 0)
    sum_ = sum_.assign(rekkefolge=1, gruppe=VALGT, kode=kode, navn=navn)[KOLONNER]
    return pd.concat([sum_, serie[KOLONNER]], ignore_index=True)


def bidrag(tall: pd.DataFrame) -> pd.DataFrame:
    """Each member's change and its contribution to the region's growth, from `vekst.nokkeltall` rows
    (one measure) holding the region (gruppe 'kommune') and its members (gruppe 'medlem').

    Columns: kode, navn, start, slutt, endring, prosent, bidrag (percentage points of the region's
    growth, NaN when the member or the region lacks a figure), estimat, mangler; largest contribution first.
    """
    region = tall[tall["gruppe"] == VALGT]
    medlemmer = tall[tall["gruppe"] == MEDLEM].copy()
    start = float(region["start"].iloc[0]) if len(region) else np.nan
    medlemmer["bidrag"] = vekst.andel_prosent(medlemmer["endring"], pd.Series(start, index=medlemmer.index))
    kolonner = ["kode", "navn", "start", "slutt", "endring", "prosent", "bidrag", "estimat", "mangler"]
    return medlemmer.sort_values("bidrag", ascending=False, na_position="last")[kolonner].reset_index(drop=True)


PROFILPERIODER = (1, 5, 10)


def profilrader(serie: pd.DataFrame, til: int) -> pd.DataFrame:
    """The profile card's rows (the columns of queries/profil_vekst.sql) for a region, its counties and
    Norway: population at both ends of the last 1, 5 and 10 years up to `til`; missing when an end is.

    `serie`: `regionsum` rows for population covering til-10 .. til.
    """
    niva = {VALGT: ("region", 1), "fylke": ("fylke", 2), "land": ("land", 3)}
    s = serie[(serie["maal"] == "befolkning") & serie["gruppe"].isin(list(niva))]
    verdier = {(g, n, a): (v, e) for g, n, a, v, e in zip(s["gruppe"], s["navn"], s["aar"],
                                                          pd.to_numeric(s["verdi"], errors="coerce"), s["n_estimat"])}
    enheter = sorted({(niva[g][1], g, n) for g, n in zip(s["gruppe"], s["navn"])})
    rader = []
    for tilbake in PROFILPERIODER:
        for _, g, n in enheter:
            a, b = verdier.get((g, n, til - tilbake)), verdier.get((g, n, til))
            mangler = a is None or b is None or pd.isna(a[0]) or pd.isna(b[0])
            rader.append({"niva": niva[g][0], "enhet": n.removesuffix(" (fylke)"), "aar_tilbake": tilbake, "fra": til - tilbake, "til": til,
                          "start": np.nan if mangler else a[0], "slutt": np.nan if mangler else b[0],
                          "estimat": bool(not mangler and (a[1] or b[1])) and g == VALGT, "mangler": mangler})
    return pd.DataFrame(rader, columns=["niva", "enhet", "aar_tilbake", "fra", "til", "start", "slutt",
                                        "estimat", "mangler"])


def naeringssum(rader: pd.DataFrame, kommuner: tuple[str, ...]) -> pd.DataFrame:
    """queries/region_naering.sql summed to the region (`aar, naering, sysselsatte, kilde`, as
    vekst_naering.sql), for `omstilling.skjerm`. A cell is 'mangler' when a member lacks it (a missing
    cell or no row), 'estimat' when a member's is an estimate."""
    kolonner = ["aar", "naering", "sysselsatte", "kilde"]
    if rader.empty:
        return pd.DataFrame(columns=kolonner)
    verdi = pd.to_numeric(rader["sysselsatte"], errors="coerce").astype("float64")
    d = pd.DataFrame({"aar": rader["aar"], "naering": rader["naering"], "verdi": verdi.fillna(0.0),
                      "mangler": verdi.isna() | (rader["kilde"] == "mangler"), "estimat": rader["kilde"] == "estimat",
                      "kommune": rader["kommunenummer"]})
    g = d.groupby(["aar", "naering"], sort=True).agg(sysselsatte=("verdi", "sum"), mangler=("mangler", "any"),
                                                     estimat=("estimat", "any"), n=("kommune", "nunique")).reset_index()
    mangler = g["mangler"] | (g["n"] < len(kommuner))
    g["kilde"] = np.where(mangler, "mangler", np.where(g["estimat"], "estimat", "ssb"))
    g["sysselsatte"] = g["sysselsatte"].where(~mangler)
    return g[kolonner]
