"""Ordinary least squares with standard errors and fit: the residential side's pooled regression."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Regresjon:
    """A fitted OLS: `koeffisienter`, `standardfeil` and `t` by term (the intercept is «konstant»),
    `r2`, `justert_r2`, `n` observations and `residual_sd` (the residuals' standard deviation)."""
    koeffisienter: pd.Series
    standardfeil: pd.Series
    t: pd.Series
    r2: float
    justert_r2: float
    n: int
    residual_sd: float

    def tabell(self) -> pd.DataFrame:
        return pd.DataFrame({"koeffisient": self.koeffisienter, "standardfeil": self.standardfeil, "t": self.t})

    def forventet(self, X: np.ndarray) -> np.ndarray:
        """Fitted values for regressors `X` (columns in the order of the terms, without the intercept)."""
        b = self.koeffisienter.to_numpy()
        return b[0] + X @ b[1:]


def ols(y: np.ndarray, X: np.ndarray, navn: list[str]) -> Regresjon:
    """y = b0 + X b + e, unweighted, over the rows where y and every column of X are finite.

    Standard errors are the classical ones, s^2 (X'X)^-1, as TF's description has it.
    """
    y, X = np.asarray(y, dtype="float64"), np.asarray(X, dtype="float64")
    ok = np.isfinite(y) & np.isfinite(X).all(axis=1)
    A = np.column_stack([np.ones(ok.sum()), X[ok]])
    b, *_ = np.linalg.lstsq(A, y[ok], rcond=None)
    e = y[ok] - A @ b
    n, k = A.shape
    s2 = e @ e / (n - k)
    se = np.sqrt(np.diag(s2 * np.linalg.pinv(A.T @ A)))
    tss = ((y[ok] - y[ok].mean()) ** 2).sum()
    r2 = 1 - (e @ e) / tss if tss > 0 else float("nan")
    termer = ["konstant", *navn]
    return Regresjon(pd.Series(b, index=termer), pd.Series(se, index=termer),
                     pd.Series(b / se, index=termer), float(r2), float(1 - (1 - r2) * (n - 1) / (n - k)),
                     int(n), float(np.sqrt(s2)))
