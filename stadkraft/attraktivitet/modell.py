"""The model, computed once per database: every municipality's annual components and the regression.

`beregn(grunnlag)` is pure (tested on known inputs); `for_database()` computes it for the statistics
database the app uses and keeps it per database file (path and modification time), like `db.sporring`.

Year conventions (as on the growth page): jobs are counted in the 4th quarter, population at 1 January.
The annual value for year t is the change during t: jobs Q4 t-1 -> Q4 t, population 1 Jan t -> 1 Jan
t+1, births, deaths and moves during t. A period fra-til (1 Jan fra -> 1 Jan til) is then the years
fra .. til-1.
"""
from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stadkraft import db
from stadkraft.stier import db_sti

from . import bosted, naering, pendling, periode
from .grunnlag import Grunnlag, les, matriser
from .regresjon import Regresjon, ols

ETTERSLEP = (0, 1, 2)  # own job growth this year, last year and the year before (TF's lags)
KILDER = ("offentlig", "struktur", "naering")  # public jobs; private by structure (BE + PE); private by NA
# The regression's terms, in the order of its coefficients (after the intercept «konstant»).
TERMER = ["storrelse", "integrasjon", "nabo", *(f"{k}_{l}" for k in KILDER for l in ETTERSLEP)]
# The parts of expected net migration the page shows, each the sum of its terms' contributions.
FORVENTET_DELER = {"konstant": ["konstant"], "storrelse": ["storrelse"], "integrasjon": ["integrasjon"],
                   "nabo": ["nabo"], **{k: [f"{k}_{l}" for l in ETTERSLEP] for k in KILDER}}


@dataclass(frozen=True)
class Modell:
    """The computed model.

    `aarlig`: one row per municipality and year with every component (see `KOLONNER_AARLIG` in
    `tabell`); `regresjon`: the fitted residential regression; `aar_naering` and `aar_bosted`: the
    years each side has; `aar_bransje`: the years with an industry effect (empty without employment
    by industry); `pendling_aar`: the years of the commuting flows behind integration and neighbours
    (None without them: those two terms are then left out). `folkeeffekt` is the population effect's
    factor and `folkeeffekt_anslag` the regression it was estimated by (None when it was given, or could
    not be estimated: then the factor is 0); `bransjer` the industry groups of the shift-share;
    `dekning` the years the database has counts for ("privat": private jobs, Q4; "befolkningsendring":
    natural increase with Norway's net immigration), for the note on periods outside the data.
    """
    aarlig: pd.DataFrame
    regresjon: Regresjon | None
    kommuner: pd.DataFrame
    aar_naering: list[int]
    aar_bosted: list[int]
    aar_bransje: list[int]
    pendling_aar: tuple[int, int] | None
    folkeeffekt: float = 0.0
    merknader: list[str] = field(default_factory=list)
    folkeeffekt_anslag: Regresjon | None = None
    bransjer: tuple[str, ...] = ()
    dekning: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def aar(self) -> list[int]:
        """The years both sides have: the periods the page can show are inside them."""
        return sorted(set(self.aar_naering) & set(self.aar_bosted))

    @functools.cached_property
    def kumulativ(self) -> periode.Kumulativ:
        """The annual rows as running sums per municipality (`periode.kumuler`), so a period's table is a
        difference of two columns rather than a groupby: computed once per model, kept with it."""
        return periode.kumuler(self.aarlig)


def _bransjeeffekt(m, T: int) -> tuple[np.ndarray, list[int]]:
    """BE per municipality and year where employment by industry exists for t-1 and t, else 0."""
    be = np.zeros((len(m.koder), T))
    aar = []
    for t, a in enumerate(m.aarene):
        if int(a) in m.naering and int(a) - 1 in m.naering:
            be[:, t] = naering.naeringseffekt(m.naering[int(a) - 1], m.naering[int(a)])
            aar.append(int(a))
    return be, aar


def _varierer(x: np.ndarray) -> bool:
    v = x[np.isfinite(x)]
    return v.size > 1 and float(v.max() - v.min()) > 0


def _aarspenn(aarene: np.ndarray, *matriser: np.ndarray) -> tuple[int, int] | None:
    """First and last year (column) in which every matrix has some figure; None when there is none."""
    har = np.logical_and.reduce([np.isfinite(x).any(axis=0) for x in matriser])
    return (int(aarene[har][0]), int(aarene[har][-1])) if har.any() else None


def beregn(g: Grunnlag, folkeeffekt: float | None = None) -> Modell:
    """Compute every component for every municipality and year, and fit the residential regression.

    `folkeeffekt` None (the app): the population effect's factor is estimated from the same statistics
    (`naering.anslaa_folkeeffekt`); a number fixes it (the hand-made tests)."""
    m = matriser(g)
    K, T = len(m.koder), len(m.aarene)
    f = naering.forskyv
    P, P_neste = m["folkemengde"], m["folkemengde_neste"]

    # --- Business: private jobs by place of work -----------------------------------------------------
    privat, privat_f = m["syss_privat"], f(m["syss_privat"])
    g_priv = naering.vekst_prosent(privat_f, privat)
    nb = naering.nasjonal_vekst(privat_f, privat)[None, :].repeat(K, axis=0)
    bv = naering.vekst_prosent(P, P_neste)                      # population growth during t
    bv_land = naering.nasjonal_vekst(P, P_neste)
    be, aar_bransje = _bransjeeffekt(m, T)
    be = np.where(np.isnan(g_priv), np.nan, be)
    folk_utover = f(bv) - f(bv_land[None, :])
    anslag = None
    if folkeeffekt is None:  # estimated on what is left once national growth and industry mix have had their say
        anslag = naering.anslaa_folkeeffekt(g_priv - nb - be, folk_utover)
        folkeeffekt = float(anslag.koeffisienter["folk"]) if anslag is not None else 0.0
    pe = naering.folkeeffekt(f(bv), f(bv_land[None, :]), folkeeffekt)
    na = naering.naeringsattraktivitet(g_priv, nb, be, pe)

    # --- Residential: net migration against its expected value -------------------------------------
    fo = bosted.per_hundre(m["fodselsoverskudd"], P)
    ib = m.innvandring_land[None, :].repeat(K, axis=0)
    relnm = bosted.relativ_nettoflytting(bv, fo, ib)
    offentlig, offentlig_f = m["syss_offentlig"], f(m["syss_offentlig"])
    x_off = bosted.per_hundre(bosted.overskuddsjobber(offentlig_f, offentlig,
                                                      naering.nasjonal_vekst(offentlig_f, offentlig)), P)
    x_str = bosted.per_hundre(naering.personer(be + pe, privat_f), P)
    x_na = bosted.per_hundre(naering.personer(na, privat_f), P)
    alle, alle_f = m["syss_alle"], f(m["syss_alle"])
    overskudd_alle = bosted.overskuddsjobber(alle_f, alle, naering.nasjonal_vekst(alle_f, alle))
    if len(g.pendling):
        F = pendling.matrise(g.pendling, m.koder)
        integrasjon = bosted.sentrer(pendling.utpendling(F)[:, None].repeat(T, axis=1))
        nabo = pendling.nabovekst(pendling.naboandeler(F), overskudd_alle, P)
        pendling_aar = (int(g.pendling["aar_fra"].iloc[0]), int(g.pendling["aar_til"].iloc[0]))
    else:  # without commuting the two terms are left out of the regression (zero, so they drop)
        integrasjon = nabo = np.zeros((K, T))
        pendling_aar = None
    x = {"storrelse": bosted.storrelse(P), "integrasjon": integrasjon, "nabo": nabo}
    for navn, verdi in (("offentlig", x_off), ("struktur", x_str), ("naering", x_na)):
        for lag in ETTERSLEP:
            x[f"{navn}_{lag}"] = f(verdi, lag)
    termer = [t for t in TERMER if _varierer(x[t])]  # a term with no variation cannot be estimated

    X = np.stack([x[t].ravel() for t in termer], axis=1)
    y = relnm.ravel()
    ok = np.isfinite(y) & np.isfinite(X).all(axis=1)
    regresjon = ols(y, X, termer) if ok.sum() > len(termer) + 1 else None

    # --- The long table --------------------------------------------------------------------------
    koder = np.repeat(np.array(m.koder), T)
    aar = np.tile(m.aarene, K)
    ut = {"kommunenummer": koder, "aar": aar, "folkemengde": P.ravel(), "privat_forrige": privat_f.ravel(),
          "privat": privat.ravel(), "estimat": m["estimat"].ravel() | (np.nan_to_num(f(m["estimat"].astype(float)), nan=0.0).ravel() > 0),
          "privat_vekst": g_priv.ravel(), "nasjonal": nb.ravel(), "bransje": be.ravel(), "folk": pe.ravel(),
          "naering": na.ravel(), "befolkningsvekst": bv.ravel(), "fodselsoverskudd": fo.ravel(),
          "nettoflytting": bosted.nettoflytting(bv, fo).ravel(),
          "innvandring_land": ib.ravel(), "relativ_flytting": relnm.ravel()}
    if regresjon is not None:
        b = regresjon.koeffisienter
        bidrag = {"konstant": np.where(ok, b["konstant"], np.nan)}
        for t in termer:
            bidrag[t] = np.where(ok, b[t] * X[:, termer.index(t)], np.nan)
        for del_, deler in FORVENTET_DELER.items():
            bidrag_del = [bidrag[t] for t in deler if t in bidrag]
            ut[f"forventet_{del_}"] = np.sum(bidrag_del, axis=0) if bidrag_del else np.where(ok, 0.0, np.nan)
        forventet = np.sum([ut[f"forventet_{d}"] for d in FORVENTET_DELER], axis=0)
        ut["forventet"] = forventet
        ut["bosted"] = bosted.bostedsattraktivitet(y, forventet)
        # TF's total: residential attractiveness plus the migration that business attractiveness brought.
        ut["samlet"] = ut["bosted"] + ut["forventet_naering"]
    else:
        for k in [*(f"forventet_{d}" for d in FORVENTET_DELER), "forventet", "bosted", "samlet"]:
            ut[k] = np.full(K * T, np.nan)
    aarlig = pd.DataFrame(ut)
    aar_naering = sorted(int(a) for a in aarlig.loc[aarlig["naering"].notna(), "aar"].unique())
    aar_bosted = sorted(int(a) for a in aarlig.loc[aarlig["bosted"].notna(), "aar"].unique())
    aarlig = aarlig[aarlig["aar"].isin(set(aar_naering) | set(aar_bosted))].reset_index(drop=True)
    merknader = []
    if not aar_bransje:
        merknader.append("uten_bransje")
    if pendling_aar is None:
        merknader.append("uten_pendling")
    dekning = {k: v for k, v in (("privat", _aarspenn(m.aarene, privat)),
                                 ("befolkningsendring", _aarspenn(m.aarene, m["fodselsoverskudd"],
                                                                  m.innvandring_land[None, :]))) if v}
    return Modell(aarlig, regresjon, g.kommuner, aar_naering, aar_bosted, aar_bransje, pendling_aar,
                  folkeeffekt, merknader, anslag, tuple(m.bransjer), dekning)


# --- Once per database ----------------------------------------------------------------------------

_LAAS = threading.Lock()
_MODELLER: dict[tuple[str, float], Modell] = {}


def for_database() -> Modell:
    """The model for the statistics database in use, computed on first use and kept while the file is
    unchanged (a rebuilt database gets a new model). Do not mutate the result: sessions share it."""
    sti = db_sti()
    nokkel = (str(sti), sti.stat().st_mtime if sti.exists() else 0.0)
    modell = _MODELLER.get(nokkel)
    if modell is None:
        with _LAAS:  # two sessions opening the page at once compute it once
            modell = _MODELLER.get(nokkel)
            if modell is None:
                modell = beregn(les(db.kjor))
                modell.kumulativ  # noqa: B018 - computed here, once, not on the first period change
                for gammel in [k for k in _MODELLER if k[0] == nokkel[0]]:
                    del _MODELLER[gammel]
                _MODELLER[nokkel] = modell
    return modell
