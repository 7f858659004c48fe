"""Growth: change, growth in %, annual growth, index and key figures. Small, pure functions, tested by hand.

The one owner of growth in % and of the rule for a missing year (`periodevekst`): the growth page's key
figures (`nokkeltall`), the ranking (`rangering.vekstmaal`), the overview map (`indikatorer.beregn`) and
the profile card (`profilvekst`) all go through it, so they cannot disagree.

Conventions:
- Population is at 1 January (`befolkning.aar`); a period `fra`-`til` runs from 1 Jan `fra`
  to 1 Jan `til`, so it spans `til - fra` years.
- Components of change (`befolkningsendring.aar`) are the events *during* year `aar`; the
  change 1 Jan `fra` -> 1 Jan `til` is explained by the events of `fra` .. `til - 1`.
- A figure that cannot be computed is NaN (shown as "–"), never 0.

Every function takes scalars or pandas Series (element-wise) unless it says otherwise.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from stadkraft import format as fmt

# --- Growth -----------------------------------------------------------------------------

def flyttall(x):
    """Float (or float Series / array) with None / pd.NA as NaN."""
    if isinstance(x, pd.Series):
        return pd.to_numeric(x, errors="coerce").astype("float64")
    if isinstance(x, np.ndarray):
        return x.astype("float64")
    if x is None or x is pd.NA:
        return np.float64("nan")
    return np.float64(x)  # numpy scalars divide by zero to inf/nan instead of raising


def _der(res, gyldig):
    """`res` where `gyldig`, NaN elsewhere, for a scalar, an array or a Series."""
    if isinstance(res, pd.Series):
        return res.where(gyldig)
    if isinstance(res, np.ndarray):
        return np.where(gyldig, res, np.nan)
    return res if gyldig else np.nan


def endring(start, slutt):
    """Change in persons: slutt - start."""
    return flyttall(slutt) - flyttall(start)


def endring_prosent(start, slutt):
    """Change in percent of the start value; NaN when the start is 0 or missing."""
    s = flyttall(start)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = (flyttall(slutt) - s) / s * 100.0
        return _der(res, s > 0)


def andel_prosent(verdi, grunnlag):
    """`verdi` in percent of `grunnlag` (for instance a period's net migration in % of the population
    at its start); NaN when the base is 0 or missing."""
    g = flyttall(grunnlag)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = flyttall(verdi) / g * 100.0
        return _der(res, g > 0)


def arlig_vekst(start, slutt, aar):
    """Average annual growth in percent, compound: ((slutt / start) ** (1 / aar) - 1) * 100.

    `aar` is the number of years (til - fra). NaN when start or end is not positive or aar < 1.
    """
    s, e, n = flyttall(start), flyttall(slutt), flyttall(aar)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = (np.power(e / s, 1.0 / n) - 1.0) * 100.0
        gyldig = (s > 0) & (e > 0) & (n >= 1)
        return _der(res, gyldig)


def indeks(verdier: pd.Series, aar: pd.Series, basisaar: int) -> pd.Series:
    """Index to 100 at `basisaar`: 100 * value / value in the base year (NaN if that is missing)."""
    verdier, aar = flyttall(verdier), pd.Series(aar, index=verdier.index)
    basis = verdier[aar == basisaar]
    if basis.empty or not basis.iloc[0] > 0:
        return pd.Series(np.nan, index=verdier.index)
    return verdier / basis.iloc[0] * 100.0


def indeks_per_serie(df: pd.DataFrame, nokler: list[str], basisaar: int) -> pd.Series:
    """`indeks()` for every series in long data at once: 100 * verdi / the series' verdi in
    `basisaar`, per combination of `nokler`; NaN for a series whose base is missing or not positive."""
    verdier = flyttall(df["verdi"])
    basis = verdier.where(df["aar"] == basisaar).groupby([df[k] for k in nokler], sort=False).transform("max")
    return (verdier / basis * 100.0).where(basis > 0)



def periodevekst(start, slutt, aar=None, mangler=False) -> dict:
    """Growth over a period from its two ends: start, slutt, endring, prosent, arlig and mangler.

    The rule for a missing year, the same everywhere: when `mangler` is true (a year of the period has
    no figure: `vekst_serie.sql`'s n_mangler, `vekst_hull.sql` through `med_hull`) or an end is absent,
    every figure is NaN, never a number from the two ends. `aar` is til - fra (annual growth is NaN
    without it). Element-wise for arrays and Series; `mangler` is a flag per element or one for all.
    """
    s, e = flyttall(start), flyttall(slutt)
    m = np.asarray(mangler, dtype=bool) | np.isnan(np.asarray(s)) | np.isnan(np.asarray(e))
    s, e = _der(s, ~m), _der(e, ~m)
    return {"start": s, "slutt": e, "mangler": m, "endring": endring(s, e), "prosent": endring_prosent(s, e),
            "arlig": arlig_vekst(s, e, np.nan if aar is None else aar)}


HULL = ("folk_mangler", "syss_mangler")  # population, employment: a year of the period without a figure


def med_hull(df: pd.DataFrame, hull: pd.DataFrame | None) -> pd.DataFrame:
    """Rows per municipality with `folk_mangler` and `syss_mangler` from `vekst_hull.sql` (or-ed with
    flags already there), so that `periodevekst` applies the key figures' rule for a missing year.
    A municipality that `hull` does not list counts as missing; without `hull`, `df` is returned as is."""
    if hull is None:
        return df
    flagg = hull.set_index("kommunenummer")
    ut = df.copy()
    for k in HULL:
        fra_hull = ut["kommunenummer"].map(flagg[k]).fillna(True).astype(bool)
        ut[k] = fra_hull | ut[k].fillna(True).astype(bool) if k in ut else fra_hull
    return ut


# --- Key figures ------------------------------------------------------------------------

def nokkeltall(serie: pd.DataFrame, fra: int, til: int) -> pd.DataFrame:
    """Key figures per series from the yearly values of `vekst_serie.sql`.

    `serie` has columns maal, gruppe, kode, navn, aar, verdi, n_estimat, n_mangler. Returns one
    row per (maal, gruppe, kode, navn) with start, slutt, endring, prosent, arlig, and
    `estimat` (an estimated cell enters the figure) and `mangler` (a year of the period is
    missing, or an end is absent: then every figure is NaN).
    """
    nokler = ["maal", "gruppe", "kode", "navn"]
    kolonner = nokler + ["start", "slutt", "endring", "prosent", "arlig", "estimat", "mangler"]
    if serie.empty:
        return pd.DataFrame(columns=kolonner)
    # One pass in plain Python: a few hundred rows, where pandas' grouping costs more than the sums.
    grupper: dict[tuple, list] = {}
    for *nokkel, aar, verdi, n_estimat, n_mangler in zip(*(serie[k].tolist() for k in nokler), serie["aar"].tolist(),
                                                         serie["verdi"].tolist(), serie["n_estimat"].tolist(),
                                                         serie["n_mangler"].tolist()):
        if not fra <= aar <= til:
            continue
        g = grupper.setdefault(tuple(nokkel), [np.nan, np.nan, 0, 0])
        verdi = np.nan if verdi is None or verdi is pd.NA else float(verdi)
        if aar == fra:
            g[0] = verdi
        if aar == til:
            g[1] = verdi
        g[2] += int(n_mangler or 0)
        if aar in (fra, til):
            g[3] += int(n_estimat or 0)
    if not grupper:
        return pd.DataFrame(columns=kolonner)
    ut = pd.DataFrame([(*k, *v) for k, v in grupper.items()],
                      columns=nokler + ["start", "slutt", "n_mangler", "n_estimat"])
    start, slutt = ut["start"].to_numpy(dtype="float64"), ut["slutt"].to_numpy(dtype="float64")
    vekst = periodevekst(start, slutt, til - fra, ut["n_mangler"].to_numpy() > 0)
    for k in ("start", "slutt", "mangler", "endring", "prosent", "arlig"):
        ut[k] = vekst[k]
    ut["estimat"] = ut["n_estimat"].to_numpy() > 0
    return ut[kolonner]


def visningstabell(tall: pd.DataFrame, fra: int, til: int) -> pd.DataFrame:
    """Key figures as Norwegian strings for display; "*" marks a figure built on an estimate."""
    rader = []
    for navn, start, slutt, endr, prosent, arlig, estimat, mangler in zip(
            *(tall[k].tolist() for k in ("navn", "start", "slutt", "endring", "prosent", "arlig", "estimat", "mangler"))):
        merk = "*" if estimat and not mangler else ""
        rader.append({
            "Sammenligning": navn,
            f"{fra}": fmt.tall(start) + merk,
            f"{til}": fmt.tall(slutt) + merk,
            "Endring": fmt.tall(endr, fortegn=True) + merk,
            "Endring %": fmt.prosent(prosent, fortegn=True) + merk,
            "Årlig vekst %": fmt.prosent(arlig, 2, fortegn=True) + merk,
        })
    return pd.DataFrame(rader, columns=["Sammenligning", f"{fra}", f"{til}", "Endring", "Endring %", "Årlig vekst %"])


# --- The overview's profile card ---------------------------------------------------------

NIVAA = {"kommune": "Kommunen", "region": "Regionen", "fylke": "Fylket", "land": "Norge"}


def profilvekst(rader: pd.DataFrame) -> pd.DataFrame:
    """queries/profil_vekst.sql with `vekst_prosent` from `periodevekst` (NaN when missing)."""
    if "vekst_prosent" in rader:
        return rader
    return rader.assign(vekst_prosent=periodevekst(rader["start"], rader["slutt"], mangler=rader["mangler"])["prosent"])


def profiltabell(vekst: pd.DataFrame) -> pd.DataFrame:
    """queries/profil_vekst.sql -> rows per period, a column per level, in Norwegian text.

    A missing figure says so; an estimated one is marked, never shown as plain SSB figures.
    """
    vekst = profilvekst(vekst)
    def tekst(rad) -> str:
        if rad.mangler or pd.isna(rad.vekst_prosent):
            return "mangler tall"
        return fmt.prosent(rad.vekst_prosent, 1, fortegn=True) + (" (anslag)" if rad.estimat else "")

    df = vekst.assign(tekst=[tekst(r) for r in vekst.itertuples()],
                      periode=[f"{n} år ({f}–{t})" for n, f, t in zip(vekst.aar_tilbake, vekst.fra, vekst.til)])
    navn = dict(zip(df.niva, df.enhet))
    tabell = df.pivot(index="periode", columns="niva", values="tekst")
    rekkefolge = sorted(df.periode.unique(), key=lambda p: int(p.split()[0]))
    tabell = tabell.loc[rekkefolge, [n for n in NIVAA if n in tabell.columns]]
    tabell.columns = [f"{NIVAA[n]}: {navn[n]}" if n != "land" else "Norge" for n in tabell.columns]
    tabell.index.name = "Vekst siste"
    return tabell.reset_index()


