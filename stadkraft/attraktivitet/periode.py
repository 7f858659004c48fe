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

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from stadkraft import tekster
from stadkraft.beregning.perioder import PERIODER_FRA_DOKUMENTENE, spenn_tekst
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


JOBBDELER = ("nasjonal", "bransje", "folk", "naering")  # parts of job growth counted in jobs over the period
# Parts counted in persons (net migration and its explanation), each times the population 1 January.
PERSONDELER = ("nettoflytting", "relativ_flytting", "innvandring_land", "bosted", "samlet",
               *(x for x in DELER_PROSENT if x.startswith("forventet")))


@dataclass(frozen=True)
class Kumulativ:
    """Every column a period table needs, laid out per municipality (rows `koder`) and year (from `aar0`)
    as running sums over the years, so a period's sum is the difference of two columns: no groupby per
    period. Built once per model (`kumuler`); `periode` turns it into one period's sums.

    `sum[k]` and `antall[k]` are K x (T+1): the sum and count of the column's figures before each year
    (column 0 is empty). MAAL also have `kvadrat` (sums of squares) for the standard deviation, around
    `midt` (each municipality's mean over all years, so the squares do not cancel away precision).
    `ved[k]` is K x T: the figure in a single year (the period's start).
    """
    koder: pd.Index
    aar0: int
    sum: dict[str, np.ndarray]
    antall: dict[str, np.ndarray]
    kvadrat: dict[str, np.ndarray]
    midt: dict[str, np.ndarray]
    ved: dict[str, np.ndarray]

    @property
    def T(self) -> int:
        return next(iter(self.ved.values())).shape[1] if self.ved else 0

    def kolonne(self, aar: int) -> int:
        """The running sums' column for 1 January `aar` (clipped to the years there are)."""
        return int(np.clip(aar - self.aar0, 0, self.T))

    def periode(self, fra: int, til: int) -> dict[str, np.ndarray]:
        """Per municipality: `<k>` the sum, `<k>_n` the count of the years fra .. til-1; for MAAL `<k>_sd`."""
        a, b = self.kolonne(fra), self.kolonne(til)
        ut = {}
        for k, s in self.sum.items():
            ut[k] = s[:, b] - s[:, a]
            ut[f"{k}_n"] = self.antall[k][:, b] - self.antall[k][:, a]
        for k, q in self.kvadrat.items():
            n, s = ut[f"{k}_n"], ut[k] - ut[f"{k}_n"] * self.midt[k]  # the sum around `midt`
            with np.errstate(divide="ignore", invalid="ignore"):
                var = (q[:, b] - q[:, a] - s * s / n) / (n - 1)
            ut[f"{k}_sd"] = np.where(n >= 2, np.sqrt(np.maximum(var, 0.0)), np.nan)
        i = fra - self.aar0
        for k, v in self.ved.items():
            ut[f"{k}_ved_start"] = v[:, i] if 0 <= i < self.T else np.full(len(self.koder), np.nan)
        return ut


def _tabellform(aarlig: pd.DataFrame, kolonne: str, rad: np.ndarray, kol: np.ndarray, K: int, T: int) -> np.ndarray:
    m = np.full((K, T), np.nan)
    m[rad, kol] = pd.to_numeric(aarlig[kolonne], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return m


def _lopende(x: np.ndarray) -> np.ndarray:
    """Running sums over the years with a leading 0 column; NaN counts as nothing."""
    return np.concatenate([np.zeros((x.shape[0], 1)), np.nancumsum(x, axis=1)], axis=1)


def kumuler(aarlig: pd.DataFrame) -> Kumulativ:
    """The running sums of `aarlig` (the model's annual rows) that `periodetabell` takes its periods from.

    Each side's parts count only in the years the side has a figure (business: `naering`; residential:
    `bosted`), so the parts of a period add up to its whole; the persons are each year's rate times that
    year's own base (private jobs the year before, or the population 1 January), summed.
    """
    koder = pd.Index(sorted(aarlig["kommunenummer"].unique()))
    aar0 = int(aarlig["aar"].min()) if len(aarlig) else 0
    T = int(aarlig["aar"].max()) - aar0 + 1 if len(aarlig) else 0
    rad = koder.get_indexer(aarlig["kommunenummer"])
    kol = aarlig["aar"].to_numpy(dtype="int64") - aar0
    K = len(koder)

    def tf(k):
        return _tabellform(aarlig, k, rad, kol, K, T)

    naering_ok, bosted_ok = np.isfinite(tf("naering")), np.isfinite(tf("bosted"))
    deler = {k: np.where(bosted_ok if k in FLYTTEDELER else naering_ok, tf(k), np.nan) for k in DELER_PROSENT}
    maal = {k: tf(k) for k in MAAL}
    privat_forrige = np.where(naering_ok, tf("privat_forrige"), np.nan)
    folk = np.where(bosted_ok, tf("folkemengde"), np.nan)
    rate = {**maal, **deler}
    summer = {**rate, "estimat": tf("estimat"),
              "privat_endring": np.where(naering_ok, tf("privat"), np.nan) - privat_forrige,
              **{f"{k}_jobber": rate[k] / 100.0 * privat_forrige for k in JOBBDELER},
              **{f"{k}_personer": rate[k] / 100.0 * folk for k in PERSONDELER}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a municipality without any figure: the mean of nothing
        midt = {k: np.nan_to_num(np.nanmean(maal[k], axis=1, keepdims=True)) for k in MAAL}
    return Kumulativ(
        koder, aar0,
        sum={k: _lopende(v) for k, v in summer.items()},
        antall={k: _lopende(np.isfinite(v).astype("float64")) for k, v in summer.items()},
        kvadrat={k: _lopende((maal[k] - midt[k]) ** 2) for k in MAAL},
        midt={k: midt[k][:, 0] for k in MAAL},
        ved={"folkemengde": tf("folkemengde"), "privat_forrige": privat_forrige})


def periodetabell(aarlig: pd.DataFrame, kommuner: pd.DataFrame, fra: int, til: int,
                  spredning: pd.DataFrame | None = None, kumulativ: Kumulativ | None = None) -> pd.DataFrame:
    """One row per municipality for the period: means, standard errors, classes, ranks, persons.

    Columns: the register's, `folkemengde` (1 January fra), `n_aar`, for each measure in MAAL its mean,
    `<maal>_se`, `<maal>_klasse`; `klasse` (of the total), `liten`, `estimat`, the mean of each part in
    DELER_PROSENT, `<maal>_personer` and `privat_endring` / `flytting_personer` etc. (sums over the
    period), and `rang`, `antall`, `klasserang`, `klasseantall` on the total. `kumulativ` is
    `kumuler(aarlig)` when the caller keeps it (the model does), else it is built here.
    """
    if spredning is None:
        spredning = typisk_spredning(aarlig)
    if kumulativ is None:
        kumulativ = kumuler(aarlig)
    p = kumulativ.periode(fra, til)
    ut = kommuner.set_index("kommunenummer").copy()
    plass = kumulativ.koder.get_indexer(ut.index)  # -1: a municipality in the register without any figure
    finnes = plass >= 0

    def hent(a: np.ndarray, tom=np.nan) -> np.ndarray:
        return np.where(finnes, a[np.maximum(plass, 0)] if len(a) else tom, tom)

    def snitt(k: str) -> np.ndarray:
        n = hent(p[f"{k}_n"], 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(n > 0, hent(p[k]) / n, np.nan)

    def summen(k: str) -> np.ndarray:  # as a sum with min_count=1: no figure, no sum
        return np.where(hent(p[f"{k}_n"], 0.0) > 0, hent(p[k]), np.nan)

    # Built column by column in a dict and joined once: inserting into the register frame is slow.
    folkemengde = hent(p["folkemengde_ved_start"])
    nye: dict[str, np.ndarray] = {"folkemengde": folkemengde, "n_aar": hent(p["samlet_n"], 0.0).astype(int)}
    str_klasse = storrelsesklasse(np.nan_to_num(folkemengde))
    for maal in MAAL:
        n = hent(p[f"{maal}_n"], 0.0)
        typisk = spredning[maal].reindex(str_klasse).to_numpy() if len(spredning) else np.full(len(ut), np.nan)
        sd = np.where(n >= MINST_AAR, hent(p[f"{maal}_sd"]), typisk)
        nye[maal] = snitt(maal)
        nye[f"{maal}_se"] = standardfeil(sd, n)
        nye[f"{maal}_klasse"] = klasse(nye[maal], nye[f"{maal}_se"])
    nye["klasse"] = nye["samlet_klasse"]
    with np.errstate(invalid="ignore"):
        nye["liten"] = folkemengde < LITEN
    nye["estimat"] = hent(p["estimat"], 0.0) > 0
    nye.update({k: snitt(k) for k in DELER_PROSENT})
    nye["privat_endring"] = summen("privat_endring")
    nye.update({f"{k}_jobber": summen(f"{k}_jobber") for k in JOBBDELER})
    nye.update({f"{k}_personer": summen(f"{k}_personer") for k in PERSONDELER})
    nye["privat_fra"] = hent(p["privat_forrige_ved_start"])
    samlet = pd.Series(nye["samlet"], index=ut.index)
    r = rangering(samlet)
    k = rangering(samlet, ut["sentralitetsklasse"])
    nye.update(rang=r["rang"], antall=r["antall"], klasserang=k["rang"], klasseantall=k["antall"])
    ut = pd.concat([ut, pd.DataFrame(nye, index=ut.index)], axis=1)
    return ut.reset_index()


def rullerende(aarlig: pd.DataFrame, kommune: str, bredde: int = 3) -> pd.DataFrame:
    """The municipality's trail: means over each run of `bredde` consecutive years that all have a total.

    Columns fra, til (the period 1 Jan fra -> 1 Jan til), naering, bosted, samlet, periode («2012–2015»).
    """
    d = aarlig[aarlig["kommunenummer"] == kommune].set_index("aar")[list(MAAL)].sort_index()
    if d.empty:
        return pd.DataFrame(columns=["fra", "til", "periode", *MAAL])
    # Every year in place (a missing year is a gap), then rolling means, which are NaN across any gap.
    d = d.reindex(range(int(d.index.min()), int(d.index.max()) + 1))
    hel = (d["samlet"].notna() & d["naering"].notna()).astype(float).rolling(bredde).sum() == bredde
    snitt = d.rolling(bredde, min_periods=1).mean()[hel]
    til = snitt.index.to_numpy(dtype=int) + 1
    fra = til - bredde
    return pd.DataFrame({"fra": fra, "til": til, "periode": [f"{a}–{b}" for a, b in zip(fra, til)],
                         **{m: snitt[m].to_numpy() for m in MAAL}}, columns=["fra", "til", "periode", *MAAL])


def forhandsvalg(forste: int, siste: int) -> list[tuple[str, int, int, str]]:
    """Presets (label, fra, til, why) inside the periods the model covers (fra >= forste, til <= siste):
    the documents' 2007-2017, 2011-2017 and 2011-2018, and the last 3 and 10 years."""
    valg = [p for p in PERIODER_FRA_DOKUMENTENE if p[0] in FORHANDSVALG and forste <= p[1] and p[2] <= siste]
    for n in SISTE:
        if siste - n >= forste and not any((v[1], v[2]) == (siste - n, siste) for v in valg):
            valg.append((f"Siste {n} år", siste - n, siste, f"{siste - n}–{siste}"))
    return valg


def _utenfor(fra: int | None, til: int | None, forste: int, siste: int,
             dokumentene: bool = True) -> list[tuple[str, int, int]]:
    onsket = ([(f"{fra}–{til}", fra, til)] if fra is not None and til is not None and (fra < forste or til > siste)
              else [])
    return onsket + [p[:3] for p in PERIODER_FRA_DOKUMENTENE if dokumentene and p[0] in FORHANDSVALG
                     and not (forste <= p[1] and p[2] <= siste) and (p[1], p[2]) != (fra, til)]


def utenfor(fra: int | None, til: int | None, forste: int, siste: int, dokumentene: bool = True) -> list[str]:
    """The periods the data cannot show (labels): the one asked for (`fra`-`til` before any clamping; None
    when no period was asked for) when it reaches outside forste-siste, then (with `dokumentene`) the
    documents' presets."""
    return [p[0] for p in _utenfor(fra, til, forste, siste, dokumentene)]


def utenfor_tekst(fra: int | None, til: int | None, forste: int, siste: int,
                  dekning: dict[str, tuple[int, int]], dokumentene: bool = True) -> str | None:
    """The note for the page and the command line when periods lie outside the data: which, the years the
    database has (`Modell.dekning`), and the SSB tables that would fill them; None when none does."""
    perioder = _utenfor(fra, til, forste, siste, dokumentene)
    if not perioder:
        return None
    return tekster.attr_utenfor(
        [p[0] for p in perioder], spenn_tekst(forste, siste),
        spenn_tekst(*dekning.get("privat", (np.nan, np.nan))),
        spenn_tekst(*dekning.get("befolkningsendring", (np.nan, np.nan))), forste, siste,
        etter=any(p[2] > siste for p in perioder), foer=any(p[1] < forste for p in perioder))
