"""Residential attractiveness (bostedsattraktivitet): net migration beyond what structure and jobs predict.

After Telemarksforsking's model (version 2.1), per municipality i and year t, in % of the population
at 1 January t:

    BV(i,t)    population growth during t;  FO(i,t) natural increase (births - deaths)
    IB(t)      Norway's net immigration, % of Norway's population (the same for every municipality)
    relNM(i,t) = BV - FO - IB: net migration, domestic and from abroad, beyond the national inflow
    expected   = the pooled regression's fitted value (see `regresjon` and `modell`)
    BA(i,t)    = relNM - expected

The regressors: size (ln population, centred per year), labour-market integration and neighbour
growth (`pendling`), and the municipality's own job growth as excess jobs per 100 inhabitants.
"""
from __future__ import annotations

import warnings

import numpy as np

from stadkraft.beregning.vekst import andel_prosent, flyttall


def nettoflytting(befolkningsvekst, fodselsoverskudd):
    """Net migration, domestic and from abroad together (with SSB's registration residual): BV - FO."""
    return flyttall(befolkningsvekst) - flyttall(fodselsoverskudd)


def relativ_nettoflytting(befolkningsvekst, fodselsoverskudd, innvandring_land):
    """relNM = BV - FO - IB, all in % of the population at the start of the year."""
    return nettoflytting(befolkningsvekst, fodselsoverskudd) - flyttall(innvandring_land)


def sentrer(x: np.ndarray) -> np.ndarray:
    """Each year's (column's) mean over the municipalities subtracted: a term that says "more than most"."""
    x = flyttall(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a year without any figure: the mean of nothing
        return x - np.nanmean(x, axis=0, keepdims=True)


def storrelse(folkemengde: np.ndarray) -> np.ndarray:
    """Size: ln population minus that year's mean of ln population over municipalities (TF's size term)."""
    p = flyttall(folkemengde)
    with np.errstate(divide="ignore", invalid="ignore"):
        return sentrer(np.where(p > 0, np.log(p), np.nan))


def overskuddsjobber(forrige, naa, nasjonal_vekst):
    """Jobs gained beyond national growth: (naa - forrige) - forrige x national growth / 100."""
    f = flyttall(forrige)
    return flyttall(naa) - f - f * flyttall(nasjonal_vekst) / 100.0


def per_hundre(jobber, folkemengde):
    """Jobs per 100 inhabitants (the unit of the own-job-growth terms)."""
    return andel_prosent(jobber, folkemengde)


def bostedsattraktivitet(relativ, forventet):
    """BA = relNM - expected: the in-migration the model cannot explain."""
    return flyttall(relativ) - flyttall(forventet)
