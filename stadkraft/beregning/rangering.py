"""Ranking: every municipality's growth measures for a period, and its place among all and in its class."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .befolkningsendring import OSTBY_INNFLYTTING, ostby_grunnlag, ostby_kategori
from . import vekst
from .vekst import flyttall

def rangering(verdier: pd.Series, grupper: pd.Series | None = None) -> pd.DataFrame:
    """Rank, highest value = 1, ties share the best rank (1, 2, 2, 4); NaN is not ranked.

    With `grupper`, ranks within each group. Returns columns `rang` (Int64) and `antall`
    (how many ranked values the rank is out of).
    """
    v = flyttall(verdier)
    if grupper is None:
        grupper = pd.Series(0, index=v.index)
    grupper = pd.Series(grupper, index=v.index)
    rang = v.groupby(grupper, dropna=False).rank(method="min", ascending=False)
    antall = v.notna().groupby(grupper, dropna=False).transform("sum")
    return pd.DataFrame({"rang": rang.astype("Int64"), "antall": antall.astype("Int64")},
                        index=v.index)


# Growth measures the ranking can use: key -> (label, column in `vekstmaal`'s output).
MAAL = {
    "befolkning_prosent": "Befolkningsvekst, prosent",
    "befolkning_arlig": "Befolkningsvekst, gjennomsnittlig årlig prosent",
    "befolkning_personer": "Befolkningsvekst, personer",
    "sysselsetting_prosent": "Sysselsettingsvekst (arbeidssted), prosent",
    "sysselsetting_arlig": "Sysselsettingsvekst, gjennomsnittlig årlig prosent",
    "sysselsetting_personer": "Sysselsettingsvekst, personer",
}


def tilgjengelige_maal(vekst: pd.DataFrame) -> dict[str, str]:
    """The measures in MAAL that some municipality has a figure for (`vekstmaal()` output).

    A choice that can never show a ranking is not offered (employment needs two years of data).
    """
    return {k: navn for k, navn in MAAL.items() if k in vekst and vekst[k].notna().any()}


def vekstmaal(alle: pd.DataFrame, fra: int, til: int) -> pd.DataFrame:
    """Per municipality (from `vekst_alle.sql`): every measure in MAAL and Østby's category."""
    kolonner: dict[str, object] = {}
    for hva, pre in (("befolkning", "folk"), ("sysselsetting", "syss")):
        v = vekst.periodevekst(flyttall(alle[f"{pre}_fra"]).to_numpy(), flyttall(alle[f"{pre}_til"]).to_numpy(),
                               til - fra, alle[f"{pre}_mangler"].to_numpy(dtype=bool))
        kolonner[f"{hva}_personer"], kolonner[f"{hva}_prosent"], kolonner[f"{hva}_arlig"] = (
            v["endring"], v["prosent"], v["arlig"])
    grunnlag = ostby_grunnlag(alle)
    netto = alle.get("netto_innflytting" if grunnlag == OSTBY_INNFLYTTING else "netto_innvandring")
    netto = flyttall(netto) if netto is not None else pd.Series(np.nan, index=alle.index)
    kolonner["ostby_netto"] = netto
    ok = ~alle["folk_mangler"].astype(bool)
    kolonner["ostby"] = ostby_kategori(flyttall(alle["folk_fra"]).where(ok), alle["folk_til"], netto, grunnlag)
    return alle.assign(**kolonner)


def ranger(vekst: pd.DataFrame, maal: str) -> pd.DataFrame:
    """`vekstmaal()` output with ranks for one measure: `rang_<maal>` / `antall_<maal>` among all
    municipalities, `klasserang_<maal>` / `klasseantall_<maal>` within the centrality class."""
    r = rangering(vekst[maal])
    k = rangering(vekst[maal], vekst["sentralitetsklasse"])
    return vekst.assign(**{f"rang_{maal}": r["rang"], f"antall_{maal}": r["antall"],
                           f"klasserang_{maal}": k["rang"], f"klasseantall_{maal}": k["antall"]})

