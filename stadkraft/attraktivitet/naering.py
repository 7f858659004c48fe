"""Business attractiveness (næringsattraktivitet): private job growth beyond what structure predicts.

After Telemarksforsking's attractiveness model (version 2.1), per municipality i and year t, in % of
the private jobs at the end of the year before:

    g(i,t)  growth in private jobs by place of work, 4th quarter t-1 -> 4th quarter t
    NB(t)   national private job growth
    BE(i,t) industry effect (shift-share): sum_j s(i,j,t-1) * gN(j,t) - N(t)
    PE(i,t) population effect: a x (population growth during t-1 - Norway's), with the factor a
            estimated from the statistics (`anslaa_folkeeffekt`)
    NA(i,t) = g - NB - BE - PE   (the identity: the four parts add up to actual growth)

Arrays are municipalities x years (or any shape, element-wise); growth in % always comes from
`beregning.vekst.periodevekst`, the one owner of that formula.
"""
from __future__ import annotations

import numpy as np

from stadkraft.beregning.vekst import flyttall, periodevekst

from .regresjon import Regresjon, ols

# Private jobs respond to a municipality's population growth the year before (local services). The
# factor is estimated from the statistics themselves (`anslaa_folkeeffekt`), one for all municipalities:
# Telemarksforsking's published results are not an input. Fewer municipality-years than this, or no
# variation in population growth, and the effect is left out (factor 0) rather than guessed.
MINST_OBS_FOLKEEFFEKT = 30


def vekst_prosent(forrige, naa):
    """Growth in % from one year to the next, element-wise (NaN where an end is missing or 0)."""
    return periodevekst(forrige, naa)["prosent"]


def forskyv(x: np.ndarray, aar: int = 1) -> np.ndarray:
    """Columns (years) moved right by `aar`: column t holds the value of t - aar (NaN before the first)."""
    ut = np.full_like(x, np.nan, dtype="float64")
    if aar == 0:
        return x.astype("float64")
    if aar < x.shape[-1]:
        ut[..., aar:] = x[..., :-aar]
    return ut


def nasjonal_vekst(forrige: np.ndarray, naa: np.ndarray) -> np.ndarray:
    """Norway's growth per year (columns) in %, summed over the municipalities (rows) that have both years.

    Pairing the two ends keeps a municipality without figures from looking like a loss of jobs.
    """
    f, n = flyttall(forrige), flyttall(naa)
    begge = ~np.isnan(f) & ~np.isnan(n)
    return vekst_prosent(np.where(begge, f, 0).sum(axis=0), np.where(begge, n, 0).sum(axis=0))


def naeringseffekt(forrige: np.ndarray, naa: np.ndarray) -> np.ndarray:
    """Shift-share for one year: the growth a municipality's industry mix predicts, minus national growth.

    `forrige` and `naa` are jobs per municipality (rows) and industry (columns) in years t-1 and t.
    Each industry grows at its national rate: expected(i) = sum_j s(i,j) * gN(j), with s the
    municipality's share of its jobs in j the year before; the effect is expected(i) - N, N the
    national growth over the same industries. A municipality with no jobs the year before gets NaN.
    """
    f, n = np.nan_to_num(flyttall(forrige)), np.nan_to_num(flyttall(naa))
    g_naering = np.nan_to_num(vekst_prosent(f.sum(axis=0), n.sum(axis=0)))  # an industry Norway lacks adds 0
    totalt = vekst_prosent(f.sum(), n.sum())
    rad = f.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        andeler = f / rad[:, None]
    forventet = (andeler * g_naering).sum(axis=1)
    return np.where(rad > 0, forventet - totalt, np.nan)


def anslaa_folkeeffekt(vekst_utover, befolkningsvekst_forrige_utover) -> Regresjon | None:
    """The population effect's factor from the data: pooled OLS, with an intercept, over every
    municipality-year, of private job growth beyond national growth and the industry effect (g - NB - BE)
    on last year's population growth beyond Norway's. The slope («folk») is the factor; None when there
    are too few observations or no variation to estimate it from.
    """
    y, x = flyttall(vekst_utover).ravel(), flyttall(befolkningsvekst_forrige_utover).ravel()
    ok = np.isfinite(y) & np.isfinite(x)
    if ok.sum() < MINST_OBS_FOLKEEFFEKT or np.ptp(x[ok]) == 0:
        return None
    return ols(y[ok], x[ok][:, None], ["folk"])


def folkeeffekt(befolkningsvekst_forrige, nasjonal_forrige, faktor: float):
    """The population effect: `faktor` x (last year's population growth - Norway's), in % of private jobs."""
    return faktor * (flyttall(befolkningsvekst_forrige) - flyttall(nasjonal_forrige))


def naeringsattraktivitet(vekst, nasjonal, bransje, folk):
    """NA = g - NB - BE - PE: what is left of private job growth when structure has had its say."""
    return flyttall(vekst) - flyttall(nasjonal) - flyttall(bransje) - flyttall(folk)


def personer(prosent, grunnlag):
    """A rate in % of `grunnlag` as persons (jobs, inhabitants): prosent / 100 x grunnlag."""
    return flyttall(prosent) / 100.0 * flyttall(grunnlag)
