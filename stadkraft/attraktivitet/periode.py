"""Periods: the mean of the annual values, its standard error, the class and the ranking.

A period fra-til runs from 1 January fra to 1 January til: its annual values are the years
fra .. til-1 (see `modell`). TF averages the annual values the same way (2007-2016 = the mean of ten
annual values); the classes are Stadkraft's own rule, since TF publishes none:

    klart positiv   mean > its standard error     (more than one standard error above 0)
    negativ         mean < -its standard error
    omtrent middels otherwise

The standard error is the municipality's own year-to-year standard deviation over the period divided
by the square root of the number of years; with fewer than MINST_AAR years the typical deviation of its
size class (over all the model's years) stands in. Municipalities under LITEN inhabitants are marked:
their annual values swing by several points from chance alone.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from stadkraft.beregning.perioder import PERIODER_FRA_DOKUMENTENE
from stadkraft.beregning.rangering import rangering

POSITIV, MIDDELS, NEGATIV = "Klart positiv", "Omtrent middels", "Negativ"
KLASSER = [POSITIV, MIDDELS, NEGATIV]
MINST_AAR = 3
LITEN = 1_000
STORRELSER = (0, 1_000, 3_000, 10_000)  # TF's population filters: all, over 1 000, 3 000, 10 000
MAAL = ("naering", "bosted", "samlet")
# Sums of persons over the period, and means of the parts (% per year), for the decomposition.
DELER_PROSENT = ("privat_vekst", "nasjonal", "bransje", "folk", "befolkningsvekst", "fodselsoverskudd", "nettoflytting",
                 "innvandring_land", "relativ_flytting", "forventet", "forventet_konstant", "forventet_storrelse",
                 "forventet_integrasjon", "forventet_nabo", "forventet_offentlig", "forventet_struktur",
                 "forventet_naering")
FLYTTEDELER = {k for k in DELER_PROSENT if k not in ("privat_vekst", "nasjonal", "bransje", "folk")}
FORHANDSVALG = ("2007–2017", "2011–2017", "2011–2018")
SISTE = (3, 10)


def aarene(fra: int, til: int) -> range:
    """The annual values of a period 1 Jan fra -> 1 Jan til: the years fra .. til-1."""
    return range(fra, til)


def standardfeil(sd, n):
    """sd / sqrt(n), element-wise; NaN for n < 1."""
    n = np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n >= 1, np.asarray(sd, dtype="float64") / np.sqrt(n), np.nan)


def klasse(snitt, se):
    """The class of a period mean against its standard error (see the module's rule); None when unknown."""
    s, e = np.asarray(snitt, dtype="float64"), np.asarray(se, dtype="float64")
    ut = np.select([np.isnan(s) | np.isnan(e), s > e, s < -e], [None, POSITIV, NEGATIV], MIDDELS)
    return ut.astype(object) if ut.ndim else (None if ut.item() is None else str(ut.item()))


def storrelsesklasse(folkemengde) -> np.ndarray:
    """0, 1, 2, 3 for under 1 000, 1-3 000, 3-10 000 and 10 000 inhabitants or more."""
    return np.searchsorted(np.array(STORRELSER[1:]), np.asarray(folkemengde, dtype="float64"), side="right")


def typisk_spredning(aarlig: pd.DataFrame) -> pd.DataFrame:
    """Per size class: the median over municipalities of each measure's year-to-year standard deviation."""
    g = aarlig.groupby("kommunenummer")
    sd = g[list(MAAL)].std()  # pandas: NaN (no warning) for a municipality with one year
    sd["klasse"] = storrelsesklasse(g["folkemengde"].mean())
    return sd.groupby("klasse")[list(MAAL)].median()


def periodetabell(aarlig: pd.DataFrame, kommuner: pd.DataFrame, fra: int, til: int,
                  spredning: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per municipality for the period: means, standard errors, classes, ranks, persons.

    Columns: the register's, `folkemengde` (1 January fra), `n_aar`, for each measure in MAAL its mean,
    `<maal>_se`, `<maal>_klasse`; `klasse` (of the total), `liten`, `estimat`, the mean of each part in
    DELER_PROSENT, `<maal>_personer` and `privat_endring` / `flytting_personer` etc. (sums over the
    period), and `rang`, `antall`, `klasserang`, `klasseantall` on the total.
    """
    if spredning is None:
        spredning = typisk_spredning(aarlig)
    d = aarlig[(aarlig["aar"] >= fra) & (aarlig["aar"] < til)]
    # Each side's parts count only in the years the side has a figure, so the parts add up to the whole.
    jobbside = d["naering"].notna()
    flytteside = d["bosted"].notna()
    d = d.assign(**{k: d[k].where(flytteside if k in FLYTTEDELER else jobbside) for k in DELER_PROSENT},
                 privat=d["privat"].where(jobbside), privat_forrige=d["privat_forrige"].where(jobbside),
                 flyttegrunnlag=d["folkemengde"].where(flytteside))
    g = d.groupby("kommunenummer", sort=True)
    ut = kommuner.set_index("kommunenummer").copy()
    start = d[d["aar"] == fra].set_index("kommunenummer")["folkemengde"]
    ut["folkemengde"] = start.reindex(ut.index)
    ut["n_aar"] = g["samlet"].count().reindex(ut.index).fillna(0).astype(int)
    str_klasse = storrelsesklasse(ut["folkemengde"].fillna(0).to_numpy())
    for maal in MAAL:
        n = g[maal].count().reindex(ut.index).fillna(0).to_numpy()
        snitt = g[maal].mean().reindex(ut.index)
        sd = g[maal].std().reindex(ut.index).to_numpy()
        typisk = spredning[maal].reindex(str_klasse).to_numpy() if len(spredning) else np.full(len(ut), np.nan)
        sd = np.where(n >= MINST_AAR, sd, typisk)
        ut[maal] = snitt
        ut[f"{maal}_se"] = standardfeil(sd, n)
        ut[f"{maal}_klasse"] = klasse(snitt.to_numpy(), ut[f"{maal}_se"].to_numpy())
    ut["klasse"] = ut["samlet_klasse"]
    ut["liten"] = ut["folkemengde"] < LITEN
    ut["estimat"] = g["estimat"].any().reindex(ut.index).fillna(False).astype(bool)
    for k in DELER_PROSENT:
        ut[k] = g[k].mean().reindex(ut.index)
    # Persons over the whole period: each year's rate times its own base, summed.
    personer = d.assign(
        privat_endring=d["privat"] - d["privat_forrige"],
        **{f"{k}_jobber": d[k] / 100.0 * d["privat_forrige"] for k in ("nasjonal", "bransje", "folk", "naering")},
        **{f"{k}_personer": d[k] / 100.0 * d["flyttegrunnlag"] for k in ("nettoflytting", "relativ_flytting", "innvandring_land", "bosted",
                                                                      "samlet", *(x for x in DELER_PROSENT
                                                                                  if x.startswith("forventet")))})
    sumkol = [c for c in personer.columns if c.endswith(("_jobber", "_personer")) or c == "privat_endring"]
    summer = personer.groupby("kommunenummer")[sumkol].sum(min_count=1).reindex(ut.index)
    ut = ut.join(summer)
    ut["privat_fra"] = d[d["aar"] == fra].set_index("kommunenummer")["privat_forrige"].reindex(ut.index)
    r = rangering(ut["samlet"])
    k = rangering(ut["samlet"], ut["sentralitetsklasse"])
    ut["rang"], ut["antall"], ut["klasserang"], ut["klasseantall"] = r["rang"], r["antall"], k["rang"], k["antall"]
    return ut.reset_index()


def rullerende(aarlig: pd.DataFrame, kommune: str, bredde: int = 3) -> pd.DataFrame:
    """The municipality's trail: means over each run of `bredde` consecutive years that all have a total.

    Columns fra, til (the period 1 Jan fra -> 1 Jan til), naering, bosted, samlet, periode («2012–2015»).
    """
    d = aarlig[aarlig["kommunenummer"] == kommune].set_index("aar").sort_index()
    rader = []
    for slutt in d.index:
        vindu = d.loc[slutt - bredde + 1: slutt]
        if len(vindu) == bredde and vindu["samlet"].notna().all() and vindu["naering"].notna().all():
            fra, til = int(slutt) - bredde + 1, int(slutt) + 1
            rader.append({"fra": fra, "til": til, "periode": f"{fra}–{til}",
                          **{m: vindu[m].mean() for m in MAAL}})
    return pd.DataFrame(rader, columns=["fra", "til", "periode", *MAAL])


def forhandsvalg(forste: int, siste: int) -> list[tuple[str, int, int, str]]:
    """Presets (label, fra, til, why) inside the periods the model covers (fra >= forste, til <= siste):
    the documents' 2007-2017, 2011-2017 and 2011-2018, and the last 3 and 10 years."""
    valg = [p for p in PERIODER_FRA_DOKUMENTENE if p[0] in FORHANDSVALG and forste <= p[1] and p[2] <= siste]
    for n in SISTE:
        if siste - n >= forste and not any((v[1], v[2]) == (siste - n, siste) for v in valg):
            valg.append((f"Siste {n} år", siste - n, siste, f"{siste - n}–{siste}"))
    return valg


def utenfor(fra: int, til: int, forste: int, siste: int) -> list[str]:
    """The documents' presets the data cannot show (labels), for the page's note on what would fill them."""
    return [p[0] for p in PERIODER_FRA_DOKUMENTENE if p[0] in FORHANDSVALG and not (forste <= p[1] and p[2] <= siste)]
