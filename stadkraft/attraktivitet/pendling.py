"""The commuting matrix (SSB 03321) as the model's two commuting terms.

- Labour-market integration: the share of a municipality's employed residents who work in another
  municipality (%). TF's exact variable is unknown; this is the simplest measure of how tied a place
  is to other labour markets, and it is what the method note suggests first.
- Neighbour growth: excess jobs in the other municipalities, each weighted by the share of its
  workers who live in this one, per 100 inhabitants here: the new jobs next door that this
  municipality's residents would take at today's commuting pattern.

The flows exist only for 2017-2022; the model holds them fixed over its years (commuting patterns
move slowly) and says so on the page.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .bosted import per_hundre


def matrise(flyt: pd.DataFrame, koder: list[str]) -> np.ndarray:
    """`attraktivitet_pendling.sql` rows as a square matrix F[i, j] = employed living in i, working in j."""
    plass = {k: i for i, k in enumerate(koder)}
    F = np.zeros((len(koder), len(koder)))
    b = flyt["bostedskommune"].map(plass)
    a = flyt["arbeidskommune"].map(plass)
    ok = b.notna() & a.notna()
    np.add.at(F, (b[ok].astype(int).to_numpy(), a[ok].astype(int).to_numpy()),
              pd.to_numeric(flyt["sysselsatte"][ok]).to_numpy(dtype="float64"))
    return F


def utpendling(F: np.ndarray) -> np.ndarray:
    """Share (%) of each municipality's employed residents who work elsewhere; NaN with no residents counted."""
    bosatte = F.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(bosatte > 0, (bosatte - np.diag(F)) / bosatte * 100.0, np.nan)


def naboandeler(F: np.ndarray) -> np.ndarray:
    """W[i, j] = share of the workers in j who live in i (i != j), 0 on the diagonal."""
    arbeidere = F.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        W = np.where(arbeidere > 0, F / arbeidere, 0.0)
    np.fill_diagonal(W, 0.0)
    return W


def nabovekst(W: np.ndarray, overskudd: np.ndarray, folkemengde: np.ndarray) -> np.ndarray:
    """Neighbours' excess jobs taken by this municipality's residents, per 100 inhabitants (rows x years).

    A neighbour without a figure in a year adds nothing (its weight is left out, not its jobs made 0).
    """
    return per_hundre(W @ np.nan_to_num(overskudd), folkemengde)
