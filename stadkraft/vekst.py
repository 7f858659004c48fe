"""Growth measures for the Vekst page: small, pure functions (no Streamlit), tested by hand.

Conventions:
- Population is at 1 January (`befolkning.aar`); a period `fra`-`til` runs from 1 Jan `fra`
  to 1 Jan `til`, so it spans `til - fra` years.
- Components of change (`befolkningsendring.aar`) are the events *during* year `aar`; the
  change 1 Jan `fra` -> 1 Jan `til` is explained by the events of `fra` .. `til - 1`.
- A figure that cannot be computed is NaN (shown as "–"), never 0.

Every function takes scalars or pandas Series (element-wise) unless it says otherwise.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from stadkraft import format as fmt

# --- Periods ----------------------------------------------------------------------------

# Periods the source documents use. Shown to users with author and year; the line numbers in
# ../shared/seeds/ stay here: 003 L2574-2580; 003 L2550, 000 L889; 000 L40-42; 000 L839, 003 L2554, L2615.
PERIODER_FRA_DOKUMENTENE: list[tuple[str, int, int, str]] = [
    ("2007–2017", 2007, 2017, "Frøya mest attraktive kommune 2007–2017 (Telemarksforsking, i Distriktssenteret 2018)"),
    ("2011–2017", 2011, 2017, "Suksessrike distriktskommuner 2011–2017 (Telemarksforsking, i Distriktssenteret "
                              "2018; Onsager, NIBR 2019)"),
    ("2005–2016", 2005, 2016, "Gunstig periode for distriktene 2005–16 (Onsager, NIBR 2019)"),
    ("2011–2018", 2011, 2018, "Sysselsetting 2011–18 etter sentralitet (Onsager, NIBR 2019); Gamvik og Bø "
                              "(Distriktssenteret 2018)"),
]
SISTE_AAR = (3, 5, 10)
STANDARD_PERIODE = (2007, 2017)


def forhandsvalg(forste: int, siste: int) -> list[tuple[str, int, int, str]]:
    """Presets (label, fra, til, why) that fit inside the years `forste`..`siste` the data has."""
    valg = [p for p in PERIODER_FRA_DOKUMENTENE if forste <= p[1] and p[2] <= siste]
    for n in SISTE_AAR:
        if siste - n >= forste:
            valg.append((f"Siste {n} år", siste - n, siste, f"{siste - n}–{siste}"))
    return valg


def tolk_periode(fra, til, forste: int, siste: int,
                 standard: tuple[int, int] = STANDARD_PERIODE) -> tuple[int, int, str | None]:
    """Read `fra`/`til` from the URL (strings or None) into a valid period inside the data.

    Returns (fra, til, message); the message says what was corrected, None when nothing was.
    """
    def heltall(x):
        try:
            return int(str(x).strip())
        except (TypeError, ValueError):
            return None

    s_fra = max(forste, min(standard[0], siste - 1))
    s_til = min(siste, max(standard[1], s_fra + 1))
    if fra is None and til is None:
        return s_fra, s_til, None
    f = s_fra if fra is None else heltall(fra)  # one end left out: the default for that end
    t = s_til if til is None else heltall(til)
    if f is None or t is None:
        return s_fra, s_til, f"Perioden i lenken ({fra}–{til}) kunne ikke leses; viser {s_fra}–{s_til}."
    snudd = omvendt_periode(f, t)
    if snudd:
        f, t = snudd[0], snudd[1]
    f2, t2 = max(forste, min(f, siste - 1)), min(siste, max(t, forste + 1))
    if f2 >= t2:
        t2 = min(siste, f2 + 1)
    if (f2, t2) != (f, t):
        return f2, t2, f"Data finnes for {forste}–{siste}; perioden {f}–{t} er justert til {f2}–{t2}."
    return f2, t2, snudd[2] if snudd else None


def omvendt_periode(fra, til) -> tuple[int, int, str] | None:
    """A from-year after the to-year: (fra, til, message) in the right order, else None.

    The page writes the pair back to the URL, so the link and the dropdowns show what is used.
    """
    try:
        f, t = int(str(fra).strip()), int(str(til).strip())
    except (TypeError, ValueError):
        return None
    if f <= t:
        return None
    return t, f, f"Fra-året ({f}) kom etter til-året ({t}); perioden er snudd til {t}–{f}."


# --- Growth -----------------------------------------------------------------------------

def _f(x):
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
    return _f(slutt) - _f(start)


def endring_prosent(start, slutt):
    """Change in percent of the start value; NaN when the start is 0 or missing."""
    s = _f(start)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = (_f(slutt) - s) / s * 100.0
        return _der(res, s > 0)


def andel_prosent(verdi, grunnlag):
    """`verdi` in percent of `grunnlag` (for instance a period's net migration in % of the population
    at its start); NaN when the base is 0 or missing."""
    g = _f(grunnlag)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = _f(verdi) / g * 100.0
        return _der(res, g > 0)


def arlig_vekst(start, slutt, aar):
    """Average annual growth in percent, compound: ((slutt / start) ** (1 / aar) - 1) * 100.

    `aar` is the number of years (til - fra). NaN when start or end is not positive or aar < 1.
    """
    s, e, n = _f(start), _f(slutt), _f(aar)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = (np.power(e / s, 1.0 / n) - 1.0) * 100.0
        gyldig = (s > 0) & (e > 0) & (n >= 1)
        return _der(res, gyldig)


def indeks(verdier: pd.Series, aar: pd.Series, basisaar: int) -> pd.Series:
    """Index to 100 at `basisaar`: 100 * value / value in the base year (NaN if that is missing)."""
    verdier, aar = _f(verdier), pd.Series(aar, index=verdier.index)
    basis = verdier[aar == basisaar]
    if basis.empty or not basis.iloc[0] > 0:
        return pd.Series(np.nan, index=verdier.index)
    return verdier / basis.iloc[0] * 100.0


def indeks_per_serie(df: pd.DataFrame, nokler: list[str], basisaar: int) -> pd.Series:
    """`indeks()` for every series in long data at once: 100 * verdi / the series' verdi in
    `basisaar`, per combination of `nokler`; NaN for a series whose base is missing or not positive."""
    verdier = _f(df["verdi"])
    basis = verdier.where(df["aar"] == basisaar).groupby([df[k] for k in nokler], sort=False).transform("max")
    return (verdier / basis * 100.0).where(basis > 0)


def rangering(verdier: pd.Series, grupper: pd.Series | None = None) -> pd.DataFrame:
    """Rank, highest value = 1, ties share the best rank (1, 2, 2, 4); NaN is not ranked.

    With `grupper`, ranks within each group. Returns columns `rang` (Int64) and `antall`
    (how many ranked values the rank is out of).
    """
    v = _f(verdier)
    if grupper is None:
        grupper = pd.Series(0, index=v.index)
    grupper = pd.Series(grupper, index=v.index)
    rang = v.groupby(grupper, dropna=False).rank(method="min", ascending=False)
    antall = v.notna().groupby(grupper, dropna=False).transform("sum")
    return pd.DataFrame({"rang": rang.astype("Int64"), "antall": antall.astype("Int64")},
                        index=v.index)


# --- Østby's split ----------------------------------------------------------------------
#
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
    u = e - _f(netto_innvandring)
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
    mangler = (ut["n_mangler"].to_numpy() > 0) | np.isnan(start) | np.isnan(slutt)
    start, slutt = np.where(mangler, np.nan, start), np.where(mangler, np.nan, slutt)
    ut["start"], ut["slutt"] = start, slutt
    ut["mangler"], ut["estimat"] = mangler, ut["n_estimat"].to_numpy() > 0
    ut["endring"] = endring(start, slutt)
    ut["prosent"] = endring_prosent(start, slutt)
    ut["arlig"] = arlig_vekst(start, slutt, til - fra)
    return ut[kolonner]


def visningstabell(tall: pd.DataFrame, fra: int, til: int) -> pd.DataFrame:
    """Key figures as Norwegian strings for display; "*" marks a figure built on an estimate."""
    rader = []
    for navn, start, slutt, endr, prosent, arlig, estimat, mangler in zip(
            *(tall[k].tolist() for k in ("navn", "start", "slutt", "endring", "prosent", "arlig", "estimat", "mangler"))):
        merk = "*" if estimat and not mangler else ""
        rader.append({
            "Sammenlikning": navn,
            f"{fra}": fmt.tall(start) + merk,
            f"{til}": fmt.tall(slutt) + merk,
            "Endring": fmt.tall(endr, fortegn=True) + merk,
            "Endring %": fmt.prosent(prosent, fortegn=True) + merk,
            "Årlig vekst %": fmt.prosent(arlig, 2, fortegn=True) + merk,
        })
    return pd.DataFrame(rader, columns=["Sammenlikning", f"{fra}", f"{til}", "Endring", "Endring %", "Årlig vekst %"])


# --- Employment: sectors and breaks in the series ----------------------------------------
#
# `sysselsetting` counts all jobs, private jobs and public jobs (= all - private) by place of work;
# `sysselsetting_serie` says per year and sector which series fills it, and `brudd` when the
# change from the year before is partly a change of definition (a-ordningen 2015, a new source).
# A period fra-til spans a break year b when fra < b <= til (the change b-1 -> b lies inside it).

SEKTORER = {"alle": "Alle sektorer", "privat": "Privat sektor", "offentlig": "Offentlig sektor"}
SEKTOR_MAAL = {"alle": "sysselsetting", "privat": "sysselsetting_privat", "offentlig": "sysselsetting_offentlig"}
SEKTOR_ANTALL = {"alle": "Sysselsatte", "privat": "Sysselsatte i privat sektor",
                 "offentlig": "Sysselsatte i offentlig sektor"}


def _serierader(serie: pd.DataFrame | None) -> list[tuple[int, str, str, str | None]]:
    """`vekst_brudd.sql` rows as (aar, sektor, tabell, brudd): a few dozen, read in plain Python."""
    if serie is None or serie.empty:
        return []
    return [(int(a), str(s), str(t), b if isinstance(b, str) else None)
            for a, s, t, b in zip(serie["aar"].tolist(), serie["sektor"].tolist(), serie["tabell"].tolist(),
                                  serie["brudd"].tolist())]


def brudd_i_perioden(serie: pd.DataFrame, fra: int, til: int, sektor: str = "alle") -> dict[int, str]:
    """The break years b with fra < b <= til in `sektor`'s series (`vekst_brudd.sql`): {b: why}."""
    return {a: b for a, s, _, b in _serierader(serie) if s == sektor and b and fra < a <= til}


def brudd_notis(brudd: dict[int, str], fra: int, til: int) -> str | None:
    """The note for a period that spans breaks in the employment series; None when it spans none."""
    if not brudd:
        return None
    if len(brudd) == 1:
        (aar, hvorfor), = brudd.items()
        return (f"Perioden {fra}–{til} går over et brudd i sysselsettingsserien ({aar - 1}–{aar}): {hvorfor} "
                "Endringen over perioden er derfor ikke bare endring i antall sysselsatte.")
    deler = " ".join(f"**{aar - 1}–{aar}:** {hvorfor}" for aar, hvorfor in sorted(brudd.items()))
    return (f"Perioden {fra}–{til} går over {len(brudd)} brudd i sysselsettingsserien. {deler} "
            "Endringen over perioden er derfor ikke bare endring i antall sysselsatte.")


def sektor_aar(serie: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The first and last year each sector's series has (`vekst_brudd.sql`)."""
    ut: dict[str, tuple[int, int]] = {}
    for a, s, _, _ in _serierader(serie):
        f, t = ut.get(s, (a, a))
        ut[s] = (min(f, a), max(t, a))
    return dict(sorted(ut.items()))


def sektor_tekst(aar: dict[str, tuple[int, int]]) -> str:
    """«alle sektorer 2003–2022, privat og offentlig sektor 2003–2016» from `sektor_aar()`."""
    deler = []
    if "alle" in aar:
        deler.append(f"alle sektorer {_spenn(*aar['alle'])}")
    if "privat" in aar:
        deler.append(f"privat og offentlig sektor {_spenn(*aar['privat'])}")
    return ", ".join(deler) or "ingen år"


def sektor_melding(sektor: str, fra: int, til: int, aar: dict[str, tuple[int, int]]) -> str | None:
    """Plain words when the chosen sector (private or public) has no figures for the whole period."""
    if sektor == "alle":
        return None
    spenn = aar.get(sektor)
    if spenn is None:
        return f"Databasen har ikke tall for {SEKTORER[sektor].lower()}; velg «Alle sektorer»."
    if spenn[0] <= fra and til <= spenn[1]:
        return None
    return (f"Privat og offentlig sektor finnes bare for {spenn[0]}–{spenn[1]} i databasen. Perioden {fra}–{til} "
            f"går utover det, så veksten i {SEKTORER[sektor].lower()} kan ikke regnes ut. Velg en periode innenfor "
            f"{spenn[0]}–{spenn[1]}, eller «Alle sektorer».")


def sektortabell(tall: pd.DataFrame, fra: int, til: int) -> pd.DataFrame:
    """The municipality's employment by sector (`nokkeltall()` rows of gruppe 'kommune'), for display."""
    sektor = {maal: s for s, maal in SEKTOR_MAAL.items()}
    egne = tall[(tall["gruppe"] == "kommune") & tall["maal"].isin(list(sektor))]
    egne = egne.assign(navn=egne["maal"].map(lambda m: SEKTORER[sektor[m]]),
                       _orden=egne["maal"].map(list(sektor).index)).sort_values("_orden")
    return visningstabell(egne, fra, til).rename(columns={"Sammenlikning": "Sektor"})


# --- Ranking ----------------------------------------------------------------------------

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
        ok = ~alle[f"{pre}_mangler"].to_numpy(dtype=bool)
        s = np.where(ok, _f(alle[f"{pre}_fra"]).to_numpy(), np.nan)
        e = np.where(ok, _f(alle[f"{pre}_til"]).to_numpy(), np.nan)
        kolonner[f"{hva}_personer"] = endring(s, e)
        kolonner[f"{hva}_prosent"] = endring_prosent(s, e)
        kolonner[f"{hva}_arlig"] = arlig_vekst(s, e, til - fra)
    grunnlag = ostby_grunnlag(alle)
    netto = alle.get("netto_innflytting" if grunnlag == OSTBY_INNFLYTTING else "netto_innvandring")
    netto = _f(netto) if netto is not None else pd.Series(np.nan, index=alle.index)
    kolonner["ostby_netto"] = netto
    ok = ~alle["folk_mangler"].astype(bool)
    kolonner["ostby"] = ostby_kategori(_f(alle["folk_fra"]).where(ok), alle["folk_til"], netto, grunnlag)
    return alle.assign(**kolonner)


def ranger(vekst: pd.DataFrame, maal: str) -> pd.DataFrame:
    """`vekstmaal()` output with ranks for one measure: `rang_<maal>` / `antall_<maal>` among all
    municipalities, `klasserang_<maal>` / `klasseantall_<maal>` within the centrality class."""
    r = rangering(vekst[maal])
    k = rangering(vekst[maal], vekst["sentralitetsklasse"])
    return vekst.assign(**{f"rang_{maal}": r["rang"], f"antall_{maal}": r["antall"],
                           f"klasserang_{maal}": k["rang"], f"klasseantall_{maal}": k["antall"]})


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
OMSTILLING_FORMAT = {"Nedgang, personer": fmt.tall, "Nedgang, % av total": functools.partial(fmt.tall, desimaler=1)}


# --- CSV downloads ------------------------------------------------------------------------
# Source column -> Norwegian header, and the decimals the page shows (for `eksport.csv_bytes`).

_CSV: dict[str, tuple[dict[str, str], dict[str, int]]] = {
    "indeks": ({"navn": "Navn", "aar": "År", "verdi": "Verdi", "indeks": "Indeks", "anslag": "Anslag"},
               {"verdi": 0, "indeks": 1}),
    "komponenter": ({"aar": "År", "komponent": "Komponent", "verdi": "Personer", "anslag": "Anslag"},
                    {"verdi": 0}),
    "ostby": ({k: k for k in ("Kommune", "Kategori", "Endring", "Netto innvandring", "Anslag", "Fylke")},
              {"Endring": 0, "Netto innvandring": 0}),
    "ostby_innflytting": ({k: k for k in ("Kommune", "Kategori", "Endring", "Netto innflytting", "Anslag", "Fylke")},
                          {"Endring": 0, "Netto innflytting": 0}),
    "omstilling": ({"naering": "Næringskode", "naeringsnavn": "Næring", "fra_aar": "Fra år", "til_aar": "Til år",
                    "sysselsatte_fra": "Sysselsatte fra år", "sysselsatte_til": "Sysselsatte til år",
                    "nedgang": "Nedgang, personer", "total_fra": "Total sysselsetting fra år",
                    "andel": "Nedgang, % av total", "over_andel": "Over prosentterskelen",
                    "over_personer": "Over personterskelen", "flagg": "Krysser begge", "estimat": "Anslag",
                    "mangler": "Mangler tall"},
                   {"sysselsatte_fra": 0, "sysselsatte_til": 0, "nedgang": 0, "total_fra": 0, "andel": 1}),
}


# The restructuring screen's break columns, after «Krysser begge», when a window spans a break.
_CSV_BRUDD = {"over_brudd": "Over brudd i serien", "brudd": "Brudd i serien"}


def csv_oppsett(hva: str, maal: str | None = None, *, brudd: bool = False) -> dict:
    """Keyword arguments for `eksport.csv_bytes` for one of the page's downloads.

    `hva` is indeks, komponenter, ostby, omstilling or rangering (which needs `maal`); for ostby,
    `maal` is the split's grunnlag (OSTBY_INNFLYTTING names the migration column so); for
    omstilling, `brudd` adds whether each window spans a break in the series, and which.
    """
    if hva == "ostby" and maal == OSTBY_INNFLYTTING:
        hva = "ostby_innflytting"
    if hva == "rangering":
        desimaler = 0 if maal.endswith("personer") else 2 if maal.endswith("arlig") else 1
        return {"kolonner": {"kommunenummer": "Nr.", "navn": "Kommune", "sentralitetsklasse": "Sentralitetsklasse",
                             maal: MAAL[maal], f"rang_{maal}": "Plass",
                             f"klasserang_{maal}": "Plass i sentralitetsklassen"},
                "desimaler": {maal: desimaler}}
    kolonner, desimaler = _CSV[hva]
    if hva == "omstilling" and brudd:
        deler = list(kolonner.items())
        i = [k for k, _ in deler].index("flagg") + 1
        kolonner = dict(deler[:i] + list(_CSV_BRUDD.items()) + deler[i:])
    return {"kolonner": kolonner, "desimaler": desimaler}


def ostby_telling(vekst: pd.DataFrame, grunnlag: str | None = None) -> pd.DataFrame:
    """How many municipalities fall in each of the split's categories (all categories listed)."""
    grunnlag = grunnlag or ostby_grunnlag(vekst) or OSTBY_INNVANDRING
    kun = _INNFLYTTING[OSTBY_KUN_ENDRING] if grunnlag == OSTBY_INNFLYTTING else OSTBY_KUN_ENDRING
    kat = ostby_kategorier(grunnlag) + ([kun] if (vekst["ostby"] == kun).any() else [])
    n = vekst["ostby"].value_counts().reindex(kat, fill_value=0)
    return pd.DataFrame({"kategori": n.index, "kommuner": n.to_numpy()})


# --- What the database lacks, and how to fill it ----------------------------------------
#
# The boxes speak to the page's reader (a mayor, an adviser): which SSB table would fill the gap
# and that whoever runs Stadkraft can add it. The commands are for that person only, folded away
# once per page (DRIFT). A gap already explained higher up gets only a pointer (`mangeltekst`).

DRIFT_TITTEL = "For den som drifter Stadkraft"
DRIFT = ("Tallene hentes inn når databasen bygges på nytt, se README (avsnittet «Where the data comes "
         "from»):\n\n"
         "- med nett: `python -m stadkraft.data build --kilde ssb` (henter fra SSBs PxWebApi);\n"
         "- uten nett: last ned tabellen som CSV fra Statistikkbanken, legg den i kildemappa "
         "(undermappa `statistikkbanken/`) og kjør `python -m stadkraft.data build --kilde <mappe>`.")
LEGG_TIL = " Den som drifter Stadkraft kan legge den til (se README)."
MANGLER = {
    "sysselsetting": ("Databasen har sysselsetting etter arbeidssted for {aar}. Perioden {fra}–{til} går utenfor, "
                      "så sysselsettingsveksten kan ikke regnes ut; velg en periode innenfor {aar}."),
    "endring": ("Databasen har befolkningsendringer for årene {aar}. Perioden {fra}–{til} trenger årene "
                "{fra}–{siste_hendelse}, så komponentene og delingen av veksten mangler for en del av perioden. "
                "SSB-tabell **01223** (befolkningsendringer med inn- og utvandring hver for seg) eller "
                "**06913** ville fylt hullet." + LEGG_TIL),
    "innvandring": ("Databasen skiller ikke innvandring fra innenlandsk flytting for disse årene, bare all netto "
                    "innflytting (innenlands og fra utlandet til sammen). Veksten deles derfor i vekst med og uten "
                    "netto innflytting, ikke etter innvandring som hos Østby. SSB-tabell **01223** har inn- og "
                    "utvandring hver for seg." + LEGG_TIL),
}
MANGLER_KORT = {
    "sysselsetting": "Sysselsetting mangler for perioden (se over).",
    "endring": "Befolkningsendringer mangler for deler av perioden (se over).",
    "innvandring": "Innvandring hver for seg mangler (se over).",
}


def mangeltekst(hva: str, sagt_for: bool = False, **fyll) -> str:
    """The missing-data box for `hva`: in full the first time on a page, a pointer after that.

    `fyll` has aar (the years the database has) and fra, til (the period); for endring
    `siste_hendelse` (til - 1) is filled in here.
    """
    if sagt_for:
        return MANGLER_KORT[hva]
    if "til" in fyll:
        fyll.setdefault("siste_hendelse", int(fyll["til"]) - 1)
    return MANGLER[hva].format(**fyll)


def _dekningsrader(dekning_df: pd.DataFrame) -> dict[str, dict]:
    """`vekst_dekning.sql` as {tabell: row}: a handful of rows, read in plain Python."""
    kolonner = [k for k in dekning_df.columns if k != "tabell"]
    return {t: dict(zip(kolonner, verdier)) for t, *verdier in
            zip(dekning_df["tabell"].tolist(), *(dekning_df[k].tolist() for k in kolonner))}


def uten_data(dekning_df: pd.DataFrame) -> str | None:
    """One plain sentence naming what the database still has no figures for, and which SSB tables
    would fill it (`vekst_dekning.sql`); None when nothing on the page lacks data."""
    d = _dekningsrader(dekning_df)

    def har(tabell: str) -> bool:
        return tabell in d and pd.notna(d[tabell]["forste"])

    def siste(tabell: str) -> int | None:
        return int(d[tabell]["siste"]) if har(tabell) else None

    mangler, tabeller = [], []
    if har("befolkningsendring") and not har("endring_fodte") and "endring_fodte" in d:
        mangler.append("fødte og døde hver for seg")
    endring_siste, folk_siste = siste("befolkningsendring"), siste("befolkning")
    if endring_siste is not None and folk_siste is not None and endring_siste < folk_siste - 1:
        mangler.append(f"flytting og fødselsoverskudd etter {endring_siste}")
    if har("befolkningsendring") and not har("endring_innvandring") and "endring_innvandring" in d:
        mangler.append("innenlandsk flytting og innvandring hver for seg")
    if mangler:
        tabeller.append("**01223** (befolkningsendringer)")
    if har("sysselsetting") and not (d["sysselsetting"]["antall_naeringer"] or 0) > 0:
        mangler.append("sysselsetting etter næring")
        tabeller.append("**07984** (sysselsatte etter næring)")
    if not mangler:
        return None
    liste = mangler[0] if len(mangler) == 1 else ", ".join(mangler[:-1]) + " eller " + mangler[-1]
    return (f"Databasen har ennå ikke {liste}. SSB-tabell {' og '.join(tabeller)} ville fylt hullene. "
            "Den som drifter Stadkraft kan legge dem til (se README).")


def siste_sysselsetting(syss: pd.DataFrame) -> tuple[int, float, bool] | None:
    """The latest total employment (`vekst_naering.sql`): (year, persons, estimate), or None."""
    total = syss[(syss["naering"] == "00-99") & syss["sysselsatte"].notna()]
    if total.empty:
        return None
    r = total.sort_values("aar").iloc[-1]
    return int(r["aar"]), float(r["sysselsatte"]), r["kilde"] == "estimat"


def _spenn(forste, siste) -> str:
    if pd.isna(forste):
        return "ingen år"
    return f"{int(forste)}" if forste == siste else f"{int(forste)}–{int(siste)}"


def dekning(dekning_df: pd.DataFrame, fra: int, til: int) -> dict:
    """From `vekst_dekning.sql`: what the page can show for the period.

    `sysselsetting`: total employment at both ends (and at least two years in all);
    `naering`: industry groups exist; `endring`: population-change figures (at least the
    balances) cover every year fra..til-1; `fodte`, `innvandring`: births and deaths apart,
    immigration apart, cover those years. `*_aar`: the years as text ("2003–2016").
    """
    d = _dekningsrader(dekning_df)

    def dekker(tabell: str, a: int, b: int) -> bool:
        if tabell not in d or pd.isna(d[tabell]["forste"]):
            return False
        return int(d[tabell]["forste"]) <= a and int(d[tabell]["siste"]) >= b

    def aar(tabell: str) -> str:
        return _spenn(d[tabell]["forste"], d[tabell]["siste"]) if tabell in d else "ingen år"

    def spenn(tabell: str) -> tuple[int, int] | None:
        if tabell not in d or pd.isna(d[tabell]["forste"]):
            return None
        return int(d[tabell]["forste"]), int(d[tabell]["siste"])

    s = d.get("sysselsetting")
    return {
        "befolkning": (int(d["befolkning"]["forste"]), int(d["befolkning"]["siste"])),
        "sysselsetting": dekker("sysselsetting", fra, til) and int(s["antall_aar"]) >= 2,
        "sysselsetting_aar": aar("sysselsetting"),
        "naering": s is not None and bool((s["antall_naeringer"] or 0) > 0),
        "endring": dekker("befolkningsendring", fra, til - 1),
        "endring_aar": aar("befolkningsendring"),
        "endring_spenn": spenn("befolkningsendring"),
        "sysselsetting_spenn": spenn("sysselsetting"),
        "fodte": dekker("endring_fodte", fra, til - 1),
        "innvandring": (dekker("endring_innvandring", fra, til - 1) if "endring_innvandring" in d else
                        "befolkningsendring" in d and bool(d["befolkningsendring"]["har_innvandring"])),
    }


# Where the figures come from. Employment: `sysselsetting_serie.tabell`, per year and sector, as the
# build recorded it. Population change: the database records no table, but what a year holds tells
# it: counted events with immigration apart are SSB 01223; events without it a 06913 export (its
# migration includes moves abroad); balances alone are the 2003-2016 series that Telemarksforsking
# compiled from SSB's population statistics (the offline folder's befolkningsendring/, data README).
ENDRING_KILDER = {"endring_innvandring": "SSB tabell 01223", "endring_flytting": "SSB tabell 06913",
                  "endring_balanser": "SSB (sammenstilt av Telemarksforsking)"}


def kildenavn(tabell: str) -> str:
    """A table as the source line writes it: «SSB tabell 11618»; a named series gets a comma after
    the body («SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking)»)."""
    tabell = str(tabell).strip()
    if tabell.startswith("SSB ") and not tabell.startswith(("SSB tabell", "SSB (", "SSB,")):
        return "SSB, " + tabell[4:]
    return tabell


def _med_aar(deler: list[tuple[str, int, int]]) -> str:
    """«A» for one source; «A (2007–2016) og B (2017–2020)» for several; «A og B» when they cover
    the same years (different municipalities' figures from different tables)."""
    if len({(a, b) for _, a, b in deler}) == 1:
        return " og ".join(navn for navn, _, _ in deler)
    return " og ".join(f"{navn} ({_spenn(a, b)})" for navn, a, b in deler)


def serie_kilde(serie: pd.DataFrame, sektor: str = "alle", fra: int | None = None,
                til: int | None = None) -> str | None:
    """The employment source(s) of `sektor` for the years fra..til, from `vekst_brudd.sql`
    (`sysselsetting_serie.tabell`), in year order; None when the series has no such years."""
    rader = sorted((a, t) for a, s, t, _ in _serierader(serie) if s == sektor)
    if not rader:
        return None
    if fra is not None and til is not None:
        rader = [(a, t) for a, t in rader if fra <= a <= til] or rader
    deler: list[tuple[str, int, int]] = []
    for aar, tabell in rader:
        navn = kildenavn(tabell)
        if deler and deler[-1][0] == navn:
            deler[-1] = (navn, deler[-1][1], aar)
        else:
            deler.append((navn, aar, aar))
    return _med_aar(deler)


def kilder(dekning_df: pd.DataFrame, metadata: dict, serie: pd.DataFrame | None = None,
           fra: int | None = None, til: int | None = None) -> dict[str, str]:
    """Which source each kind of figure comes from, for the period fra..til when given.

    Population is always 07459. Employment (`sysselsetting`, `sysselsetting_privat`,
    `sysselsetting_offentlig`, and `sysselsetting_siste` for the latest year) is read from
    `serie` (`vekst_brudd.sql`); a database without it falls back to a guess: the SSB build reads
    07984, one year is 13470, else either. Population change (`endring`, the events of
    fra..til-1) follows ENDRING_KILDER; without those rows: 01223 when immigration is apart, else 06913.
    """
    d = _dekningsrader(dekning_df)
    aar_syss = d["sysselsetting"]["antall_aar"] if "sysselsetting" in d else None
    if str(metadata.get("kilde", "")).startswith("SSB PxWebApi"):
        syss = "SSB tabell 07984"
    elif pd.isna(aar_syss) or int(aar_syss) <= 1:
        syss = "SSB tabell 13470"
    else:
        syss = "SSB tabell 07984 eller 13470"
    ut = {"befolkning": "SSB tabell 07459"}
    ut["sysselsetting"] = serie_kilde(serie, "alle", fra, til) or syss
    for sektor in ("privat", "offentlig"):
        ut[f"sysselsetting_{sektor}"] = serie_kilde(serie, sektor, fra, til) or ut["sysselsetting"]
    siste = sektor_aar(serie).get("alle")
    ut["sysselsetting_siste"] = serie_kilde(serie, "alle", siste[1], siste[1]) if siste else syss

    def endringskilder(periode: bool) -> list[tuple[str, int, int]]:
        deler = []
        for rad, navn in ENDRING_KILDER.items():
            if rad in d and pd.notna(d[rad]["forste"]):
                a, b = int(d[rad]["forste"]), int(d[rad]["siste"])
                if periode and fra is not None and til is not None:
                    a, b = max(a, fra), min(b, til - 1)
                if a <= b:
                    deler.append((navn, a, b))
        return sorted(deler, key=lambda x: x[1])

    # The period's sources; a period without population change names what the database has.
    if deler := endringskilder(True) or endringskilder(False):
        ut["endring"] = _med_aar(deler)
    else:
        innvandring = "befolkningsendring" in d and bool(d["befolkningsendring"]["har_innvandring"])
        ut["endring"] = "SSB tabell 01223" if innvandring else "SSB tabell 06913"
    return ut


def delta_stil(verdi, desimaler: int = 1) -> dict[str, str]:
    """`st.metric` arrow and colour from the number itself, for `**` into the call.

    Streamlit reads the direction from the delta text and knows only an ASCII '-', so a delta
    written with a real minus (U+2212) would get a green up arrow. A missing figure or one
    that shows as zero gets no arrow.
    """
    if verdi is None or pd.isna(verdi) or round(float(verdi), desimaler) == 0:
        return {"delta_arrow": "off", "delta_color": "gray"}
    if verdi < 0:
        return {"delta_arrow": "down", "delta_color": "red"}
    return {"delta_arrow": "up", "delta_color": "green"}


# --- Sources cited on the page ----------------------------------------------------------
# The seed documents in ../shared/seeds/ (000: NIBR 2019:7; 002: Hallingdal SAK 27/20 with Prop. 1 S
# and Oxford Research; 003: Distriktssenteret 2018). Cited on the page by author and year.

LITTERATUR: list[str] = [
    "Distriktssenteret (2018): *Livskraftige lokalsamfunn – tilfeldig og planlagt?* Distriktssenteret 10 år. "
    "Med blant annet Telemarksforsking om suksessrike distriktskommuner (Hatling og Wekre) og "
    "Lars Østby (SSB): «Hvordan har det gått med folketallet i kommunene, og er innvandring redningen?»",
    "Onsager, Knut (2019): *Nærings- og distriktsutvikling – perspektiver, politikk/virkemidler og "
    "samhandling.* NIBR-rapport 2019:7. Gjengir Telemarksforsking (2018) om tilfeldige hendelser.",
    "Regionrådet for Hallingdal (2020): *Sak 27/20 Sats på Hallingdal (regional omstilling)*, med "
    "utdrag av Prop. 1 S (2019–2020) for Kommunal- og moderniseringsdepartementet, kap. 553 post 65.",
    "Oxford Research (2018): utredning om rolle- og ansvarsfordelingen i regional omstilling og avtalebaserte "
    "modeller, for Kommunal- og moderniseringsdepartementet.",
]
