"""The model's inputs, read from the statistics database (queries/attraktivitet_*.sql) as
municipality x year matrices.

Everything arrives harmonised to the 2024 structure by the data build: merged municipalities are the
sums of their parts, split ones carry the mapping's weighted shares and the flag `estimat`. Rates are
computed here from those sums, never averaged from the parts' rates.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stadkraft import db
from stadkraft.beregning.vekst import andel_prosent


@dataclass(frozen=True)
class Grunnlag:
    """The rows the model is computed from: the register, the yearly figures, Norway's net immigration,
    jobs by industry (empty without them) and the summed commuting flows (empty without them)."""
    kommuner: pd.DataFrame
    aar: pd.DataFrame
    land: pd.DataFrame
    naering: pd.DataFrame
    pendling: pd.DataFrame


def les(kjor=db.kjor) -> Grunnlag:
    """Read every input through `kjor` (db.kjor uncached; db.sporring cached)."""
    return Grunnlag(*(kjor(f"attraktivitet_{n}") for n in ("kommuner", "aar", "land", "naering", "pendling")))


@dataclass(frozen=True)
class Matriser:
    """`Grunnlag` laid out as arrays: rows `koder` (municipalities), columns `aarene` (years)."""
    koder: list[str]
    aarene: np.ndarray
    verdier: dict[str, np.ndarray]
    naering: dict[int, np.ndarray]      # year -> municipalities x industries (jobs), where the data has them
    innvandring_land: np.ndarray        # Norway's net immigration, % of its population, per year
    bransjer: list[str] = field(default_factory=list)  # the industry groups: `naering`'s columns

    def __getitem__(self, navn: str) -> np.ndarray:
        return self.verdier[navn]


KOLONNER = ("folkemengde", "folkemengde_neste", "fodselsoverskudd", "syss_alle", "syss_privat", "syss_offentlig")


def matriser(g: Grunnlag) -> Matriser:
    koder = g.kommuner["kommunenummer"].tolist()
    aar = g.aar
    aarene = np.arange(int(aar["aar"].min()), int(aar["aar"].max()) + 1) if len(aar) else np.arange(0)
    rad = aar["kommunenummer"].map({k: i for i, k in enumerate(koder)}).to_numpy()
    kol = (aar["aar"].to_numpy() - (aarene[0] if len(aarene) else 0)).astype(int)
    verdier = {}
    for navn in (*KOLONNER, "estimat"):
        m = np.full((len(koder), len(aarene)), np.nan)
        m[rad, kol] = pd.to_numeric(aar[navn].astype("float64") if navn == "estimat" else aar[navn],
                                    errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        verdier[navn] = m
    verdier["estimat"] = np.nan_to_num(verdier["estimat"]) > 0
    naering: dict[int, np.ndarray] = {}
    bransjer: list[str] = []
    if len(g.naering):
        bransjer = sorted(g.naering["naering"].unique())
        j = g.naering["naering"].map({b: i for i, b in enumerate(bransjer)}).to_numpy()
        r = g.naering["kommunenummer"].map({k: i for i, k in enumerate(koder)})
        for a, del_ in g.naering.assign(_r=r, _j=j).dropna(subset=["_r"]).groupby("aar"):
            m = np.zeros((len(koder), len(bransjer)))
            np.add.at(m, (del_["_r"].astype(int).to_numpy(), del_["_j"].to_numpy()),
                      del_["sysselsatte"].to_numpy(dtype="float64"))
            naering[int(a)] = m
    land = g.land.set_index("aar")
    ib = andel_prosent(land["nettoinnvandring"].reindex(aarene).to_numpy(dtype="float64"),
                       land["folkemengde"].reindex(aarene).to_numpy(dtype="float64"))
    return Matriser(koder, aarene, verdier, naering, ib, bransjer)
