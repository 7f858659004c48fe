"""Population change: Østby's split of growth by net immigration (or by all net migration)."""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from stadkraft import format as fmt

from .vekst import endring, flyttall

# Source: Lars Østby in document 003, L4237-4264 ("Kart 1: Innvandringens betydning for
# folketallet i kommunene 2006-2018"): «156 kommuner hadde færre innbyggere i 2018 enn i 2006.
# 118 kommuner hadde vekst i folketallet, men ville hatt nedgang om de ikke var «berget» av
# innvandringen. De resterende 148 kommunene ville hatt vekst i folketallet selv uten innvandring.»
#
# Defined here, for a period 1 Jan fra -> 1 Jan til:
#   endring             = folketall(til) - folketall(fra)
#   netto_innvandring   = sum over years fra..til-1 of (innvandring - utvandring)
#   uten_innvandring    = endring - netto_innvandring
#     (= births - deaths + net domestic migration + SSB's registration residual)
#   NEDGANG             if endring < 0                 (fewer inhabitants at the end)
#   BARE_INNVANDRING    elif uten_innvandring < 0      (grew or held, but would have declined)
#   UTEN_INNVANDRING    otherwise                      (would have grown even without it)
# A change of exactly 0 is not a decline (Østby counts only "færre innbyggere" as decline).
#
# With only the balances (2003-2016: natural increase and net migration, domestic and from abroad
# together), immigration cannot be told apart. The same split is then made with all net
# migration as the migration term (grunnlag OSTBY_INNFLYTTING): growth with and without net
# in-migration. That is not Østby's split, and the page says so; the labels say it too.

OSTBY_INNVANDRING, OSTBY_INNFLYTTING = "innvandring", "innflytting"
UTEN_INNVANDRING = "Vekst uten innvandring"
BARE_INNVANDRING = "Vekst bare på grunn av innvandring"
NEDGANG = "Nedgang"
OSTBY_KATEGORIER = [UTEN_INNVANDRING, BARE_INNVANDRING, NEDGANG]
OSTBY_KUN_ENDRING = "Vekst (kan ikke deles uten innvandringstall)"
UTEN_INNFLYTTING = "Vekst uten netto innflytting"
BARE_INNFLYTTING = "Vekst bare på grunn av netto innflytting"
OSTBY_KUN_ENDRING_FLYTTING = "Vekst (kan ikke deles uten flyttetall)"
# The immigration labels -> the labels of the split by all net migration.
_INNFLYTTING = {UTEN_INNVANDRING: UTEN_INNFLYTTING, BARE_INNVANDRING: BARE_INNFLYTTING, NEDGANG: NEDGANG,
                OSTBY_KUN_ENDRING: OSTBY_KUN_ENDRING_FLYTTING}
# Short labels for the narrow table beside the map; the legend and the text above carry the full ones.
OSTBY_KORT = {UTEN_INNVANDRING: "Vekst uten innvandring", BARE_INNVANDRING: "Vekst pga. innvandring",
              NEDGANG: NEDGANG, OSTBY_KUN_ENDRING: "Vekst, ikke delt",
              UTEN_INNFLYTTING: "Vekst uten innflytting", BARE_INNFLYTTING: "Vekst pga. innflytting",
              OSTBY_KUN_ENDRING_FLYTTING: "Vekst, ikke delt"}
# What the migration term is called in tables and downloads.
OSTBY_NETTO = {OSTBY_INNVANDRING: "Netto innvandring", OSTBY_INNFLYTTING: "Netto innflytting"}


def ostby_kategorier(grunnlag: str | None = OSTBY_INNVANDRING) -> list[str]:
    """The three categories (growth without, growth only because of, decline) for a `grunnlag`."""
    if grunnlag == OSTBY_INNFLYTTING:
        return [_INNFLYTTING[k] for k in OSTBY_KATEGORIER]
    return list(OSTBY_KATEGORIER)


def ostby_kategori(start, slutt, netto_innvandring, grunnlag: str | None = OSTBY_INNVANDRING):
    """Østby's category for a period (see the definition above); None when it cannot be told.

    When `netto_innvandring` is missing, a decline is still a decline; growth gets
    OSTBY_KUN_ENDRING (we know it grew, not why). With `grunnlag=OSTBY_INNFLYTTING` the third
    argument is all net migration and the labels say "netto innflytting".
    """
    e = endring(start, slutt)
    u = e - flyttall(netto_innvandring)
    if not isinstance(e, pd.Series):
        if np.isnan(e):
            return None
        if e < 0:
            k = NEDGANG
        elif np.isnan(u):
            k = OSTBY_KUN_ENDRING
        else:
            k = BARE_INNVANDRING if u < 0 else UTEN_INNVANDRING
        return _INNFLYTTING[k] if grunnlag == OSTBY_INNFLYTTING else k
    res = np.select([e.isna(), e < 0, u.isna(), u < 0],
                    [None, NEDGANG, OSTBY_KUN_ENDRING, BARE_INNVANDRING], UTEN_INNVANDRING)
    ut = pd.Series(res, index=e.index, dtype="object").where(e.notna(), None)
    return ut.map(_INNFLYTTING).where(e.notna(), None) if grunnlag == OSTBY_INNFLYTTING else ut


def ostby_grunnlag(alle: pd.DataFrame) -> str | None:
    """What the split of `vekst_alle.sql` (or `vekstmaal()`) rows can rest on for the period:
    OSTBY_INNVANDRING when net immigration is counted (for some municipality), else
    OSTBY_INNFLYTTING when all net migration is, else None (growth or decline only)."""
    if "netto_innvandring" in alle and alle["netto_innvandring"].notna().any():
        return OSTBY_INNVANDRING
    if "netto_innflytting" in alle and alle["netto_innflytting"].notna().any():
        return OSTBY_INNFLYTTING
    return None


def ostby_tabell(vekst: pd.DataFrame, grunnlag: str | None = None) -> pd.DataFrame:
    """The map's sortable twin: every municipality, its category, change and the migration term
    (net immigration, or all net migration when that is what the split rests on).

    The county comes last: in the narrow column beside the map the figures must stay in view.
    """
    grunnlag = grunnlag or ostby_grunnlag(vekst) or OSTBY_INNVANDRING
    netto = vekst["ostby_netto"] if "ostby_netto" in vekst else vekst["netto_innvandring"]
    return pd.DataFrame({
        "Kommune": vekst["navn"],
        "Kategori": vekst["ostby"].map(OSTBY_KORT).fillna("Mangler data"),
        "Endring": vekst["befolkning_personer"], OSTBY_NETTO[grunnlag]: netto,
        "Anslag": vekst["folk_estimat"].fillna(False).astype(bool).map({True: "ja", False: ""}),
        "Fylke": vekst["fylkesnavn"],
    })


# Display formats for the tables' numeric columns, for `DataFrame.style.format` as the overview
# table does: shown the Norwegian way, still numeric underneath, so a header click sorts by value.
OSTBY_FORMAT = {"Endring": functools.partial(fmt.tall, fortegn=True),
                "Netto innvandring": functools.partial(fmt.tall, fortegn=True),
                "Netto innflytting": functools.partial(fmt.tall, fortegn=True)}


def ostby_telling(vekst: pd.DataFrame, grunnlag: str | None = None) -> pd.DataFrame:
    """How many municipalities fall in each of the split's categories (all categories listed)."""
    grunnlag = grunnlag or ostby_grunnlag(vekst) or OSTBY_INNVANDRING
    kun = _INNFLYTTING[OSTBY_KUN_ENDRING] if grunnlag == OSTBY_INNFLYTTING else OSTBY_KUN_ENDRING
    kat = ostby_kategorier(grunnlag) + ([kun] if (vekst["ostby"] == kun).any() else [])
    n = vekst["ostby"].value_counts().reindex(kat, fill_value=0)
    return pd.DataFrame({"kategori": n.index, "kommuner": n.to_numpy()})

