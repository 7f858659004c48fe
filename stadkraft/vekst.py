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
    """Float (or float Series) with None / pd.NA as NaN."""
    if isinstance(x, pd.Series):
        return pd.to_numeric(x, errors="coerce").astype("float64")
    if x is None or x is pd.NA:
        return np.float64("nan")
    return np.float64(x)  # numpy scalars divide by zero to inf/nan instead of raising


def endring(start, slutt):
    """Change in persons: slutt - start."""
    return _f(slutt) - _f(start)


def endring_prosent(start, slutt):
    """Change in percent of the start value; NaN when the start is 0 or missing."""
    s = _f(start)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = (_f(slutt) - s) / s * 100.0
    return res.where(s > 0) if isinstance(res, pd.Series) else (res if s > 0 else np.nan)


def arlig_vekst(start, slutt, aar):
    """Average annual growth in percent, compound: ((slutt / start) ** (1 / aar) - 1) * 100.

    `aar` is the number of years (til - fra). NaN when start or end is not positive or aar < 1.
    """
    s, e, n = _f(start), _f(slutt), _f(aar)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = (np.power(e / s, 1.0 / n) - 1.0) * 100.0
    gyldig = (s > 0) & (e > 0) & (n >= 1)
    return res.where(gyldig) if isinstance(res, pd.Series) else (res if gyldig else np.nan)


def indeks(verdier: pd.Series, aar: pd.Series, basisaar: int) -> pd.Series:
    """Index to 100 at `basisaar`: 100 * value / value in the base year (NaN if that is missing)."""
    verdier, aar = _f(verdier), pd.Series(aar, index=verdier.index)
    basis = verdier[aar == basisaar]
    if basis.empty or not basis.iloc[0] > 0:
        return pd.Series(np.nan, index=verdier.index)
    return verdier / basis.iloc[0] * 100.0


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

UTEN_INNVANDRING = "Vekst uten innvandring"
BARE_INNVANDRING = "Vekst bare på grunn av innvandring"
NEDGANG = "Nedgang"
OSTBY_KATEGORIER = [UTEN_INNVANDRING, BARE_INNVANDRING, NEDGANG]
OSTBY_KUN_ENDRING = "Vekst (kan ikke deles uten innvandringstall)"
# Short labels for the narrow table beside the map; the legend and the text above carry the full ones.
OSTBY_KORT = {UTEN_INNVANDRING: "Vekst uten innvandring", BARE_INNVANDRING: "Vekst pga. innvandring",
              NEDGANG: NEDGANG, OSTBY_KUN_ENDRING: "Vekst, ikke delt"}


def ostby_kategori(start, slutt, netto_innvandring):
    """Østby's category for a period (see the definition above); None when it cannot be told.

    When `netto_innvandring` is missing, a decline is still a decline; growth gets
    OSTBY_KUN_ENDRING (we know it grew, not why).
    """
    e = endring(start, slutt)
    u = e - _f(netto_innvandring)
    if not isinstance(e, pd.Series):
        if np.isnan(e):
            return None
        if e < 0:
            return NEDGANG
        if np.isnan(u):
            return OSTBY_KUN_ENDRING
        return BARE_INNVANDRING if u < 0 else UTEN_INNVANDRING
    res = np.select([e.isna(), e < 0, u.isna(), u < 0],
                    [None, NEDGANG, OSTBY_KUN_ENDRING, BARE_INNVANDRING], UTEN_INNVANDRING)
    return pd.Series(res, index=e.index, dtype="object").where(e.notna(), None)


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
    i_perioden = serie[(serie["aar"] >= fra) & (serie["aar"] <= til)]
    ender = i_perioden[i_perioden["aar"].isin([fra, til])]
    start = ender[ender["aar"] == fra].set_index(nokler)["verdi"]
    slutt = ender[ender["aar"] == til].set_index(nokler)["verdi"]
    g = i_perioden.groupby(nokler, sort=False)
    ut = pd.DataFrame({
        "n_mangler": g["n_mangler"].sum(),
        "n_estimat_ender": ender.groupby(nokler, sort=False)["n_estimat"].sum(),
    })
    ut["start"] = _f(start.reindex(ut.index))
    ut["slutt"] = _f(slutt.reindex(ut.index))
    ut["mangler"] = (ut["n_mangler"] > 0) | ut["start"].isna() | ut["slutt"].isna()
    ut.loc[ut["mangler"], ["start", "slutt"]] = np.nan
    ut["estimat"] = ut["n_estimat_ender"].fillna(0) > 0
    ut["endring"] = endring(ut["start"], ut["slutt"])
    ut["prosent"] = endring_prosent(ut["start"], ut["slutt"])
    ut["arlig"] = arlig_vekst(ut["start"], ut["slutt"], pd.Series(til - fra, index=ut.index))
    return ut.reset_index()[kolonner]


def visningstabell(tall: pd.DataFrame, fra: int, til: int) -> pd.DataFrame:
    """Key figures as Norwegian strings for display; "*" marks a figure built on an estimate."""
    def merk(tekst, rad):
        return f"{tekst}*" if rad["estimat"] and not rad["mangler"] else tekst

    rader = []
    for _, r in tall.iterrows():
        rader.append({
            "Sammenlikning": r["navn"],
            f"{fra}": merk(fmt.tall(r["start"]), r),
            f"{til}": merk(fmt.tall(r["slutt"]), r),
            "Endring": merk(fmt.tall(r["endring"], fortegn=True), r),
            "Endring %": merk(fmt.prosent(r["prosent"], fortegn=True), r),
            "Årlig vekst %": merk(fmt.prosent(r["arlig"], 2, fortegn=True), r),
        })
    return pd.DataFrame(rader)


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
    ut = alle.copy()
    n_aar = pd.Series(til - fra, index=ut.index)
    for hva, pre in (("befolkning", "folk"), ("sysselsetting", "syss")):
        ok = ~ut[f"{pre}_mangler"].astype(bool)
        s, e = _f(ut[f"{pre}_fra"]).where(ok), _f(ut[f"{pre}_til"]).where(ok)
        ut[f"{hva}_personer"] = endring(s, e)
        ut[f"{hva}_prosent"] = endring_prosent(s, e)
        ut[f"{hva}_arlig"] = arlig_vekst(s, e, n_aar)
    ok = ~ut["folk_mangler"].astype(bool)
    ut["ostby"] = ostby_kategori(_f(ut["folk_fra"]).where(ok), ut["folk_til"], ut["netto_innvandring"])
    return ut


def ranger(vekst: pd.DataFrame, maal: str) -> pd.DataFrame:
    """`vekstmaal()` output with ranks for one measure: `rang_<maal>` / `antall_<maal>` among all
    municipalities, `klasserang_<maal>` / `klasseantall_<maal>` within the centrality class."""
    ut = vekst.copy()
    r = rangering(ut[maal])
    k = rangering(ut[maal], ut["sentralitetsklasse"])
    ut[f"rang_{maal}"], ut[f"antall_{maal}"] = r["rang"], r["antall"]
    ut[f"klasserang_{maal}"], ut[f"klasseantall_{maal}"] = k["rang"], k["antall"]
    return ut


def ostby_tabell(vekst: pd.DataFrame) -> pd.DataFrame:
    """The map's sortable twin: every municipality, its category, change and net immigration.

    The county comes last: in the narrow column beside the map the figures must stay in view.
    """
    return pd.DataFrame({
        "Kommune": vekst["navn"],
        "Kategori": vekst["ostby"].map(OSTBY_KORT).fillna("Mangler data"),
        "Endring": vekst["befolkning_personer"], "Netto innvandring": vekst["netto_innvandring"],
        "Anslag": vekst["folk_estimat"].fillna(False).astype(bool).map({True: "ja", False: ""}),
        "Fylke": vekst["fylkesnavn"],
    })


# Display formats for the tables' numeric columns, for `DataFrame.style.format` as the overview
# table does: shown the Norwegian way, still numeric underneath, so a header click sorts by value.
OSTBY_FORMAT = {"Endring": functools.partial(fmt.tall, fortegn=True),
                "Netto innvandring": functools.partial(fmt.tall, fortegn=True)}
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
    "omstilling": ({"naering": "Næringskode", "naeringsnavn": "Næring", "fra_aar": "Fra år", "til_aar": "Til år",
                    "sysselsatte_fra": "Sysselsatte fra år", "sysselsatte_til": "Sysselsatte til år",
                    "nedgang": "Nedgang, personer", "total_fra": "Total sysselsetting fra år",
                    "andel": "Nedgang, % av total", "over_andel": "Over prosentterskelen",
                    "over_personer": "Over personterskelen", "flagg": "Krysser begge", "estimat": "Anslag",
                    "mangler": "Mangler tall"},
                   {"sysselsatte_fra": 0, "sysselsatte_til": 0, "nedgang": 0, "total_fra": 0, "andel": 1}),
}


def csv_oppsett(hva: str, maal: str | None = None) -> dict:
    """Keyword arguments for `eksport.csv_bytes` for one of the page's downloads.

    `hva` is indeks, komponenter, ostby, omstilling or rangering (which needs `maal`).
    """
    if hva == "rangering":
        desimaler = 0 if maal.endswith("personer") else 2 if maal.endswith("arlig") else 1
        return {"kolonner": {"kommunenummer": "Nr.", "navn": "Kommune", "sentralitetsklasse": "Sentralitetsklasse",
                             maal: MAAL[maal], f"rang_{maal}": "Plass",
                             f"klasserang_{maal}": "Plass i sentralitetsklassen"},
                "desimaler": {maal: desimaler}}
    kolonner, desimaler = _CSV[hva]
    return {"kolonner": kolonner, "desimaler": desimaler}


def ostby_telling(vekst: pd.DataFrame) -> pd.DataFrame:
    """How many municipalities fall in each of Østby's categories (all categories listed)."""
    kat = OSTBY_KATEGORIER + ([OSTBY_KUN_ENDRING] if (vekst["ostby"] == OSTBY_KUN_ENDRING).any() else [])
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
    "sysselsetting": ("Databasen har ikke sysselsetting over tid for denne perioden (bare {aar}). "
                      "SSB-tabell **07984** (sysselsatte etter arbeidssted og næring, 4. kvartal) "
                      "ville fylt hullet." + LEGG_TIL),
    "endring": ("Databasen har ikke befolkningsendringer (fødte, døde, flytting, innvandring) for "
                "perioden. SSB-tabell **01223** (befolkningsendringer med inn- og utvandring hver for "
                "seg, som Østbys inndeling trenger) eller **06913** ville fylt hullet." + LEGG_TIL),
    "innvandring": ("Kilden skiller ikke innvandring fra innenlandsk flytting, så veksten kan ikke deles "
                    "etter Østby. SSB-tabell **01223** har inn- og utvandring hver for seg." + LEGG_TIL),
}
MANGLER_KORT = {
    "sysselsetting": "Sysselsetting over tid mangler for perioden (se over).",
    "endring": "Befolkningsendringer mangler for perioden (se over).",
    "innvandring": "Innvandringstall mangler (se over).",
}


def mangeltekst(hva: str, sagt_for: bool = False, **fyll) -> str:
    """The missing-data box for `hva`: in full the first time on a page, a pointer after that."""
    return MANGLER_KORT[hva] if sagt_for else MANGLER[hva].format(**fyll)


def siste_sysselsetting(syss: pd.DataFrame) -> tuple[int, float, bool] | None:
    """The latest total employment (`vekst_naering.sql`): (year, persons, estimate), or None."""
    total = syss[(syss["naering"] == "00-99") & syss["sysselsatte"].notna()]
    if total.empty:
        return None
    r = total.sort_values("aar").iloc[-1]
    return int(r["aar"]), float(r["sysselsatte"]), r["kilde"] == "estimat"


def dekning(dekning_df: pd.DataFrame, fra: int, til: int) -> dict:
    """From `vekst_dekning.sql`: what the page can show for the period.

    `sysselsetting`: at least two years of total employment inside the period;
    `naering`: industry groups exist; `endring`: population-change components cover every year
    fra..til-1; `innvandring`: they split immigration from domestic moves.
    """
    d = dekning_df.set_index("tabell")

    def dekker(tabell: str, a: int, b: int) -> bool:
        if tabell not in d.index or pd.isna(d.loc[tabell, "forste"]):
            return False
        return int(d.loc[tabell, "forste"]) <= a and int(d.loc[tabell, "siste"]) >= b

    s = d.loc["sysselsetting"] if "sysselsetting" in d.index else None
    syss_aar = "ingen år" if s is None or pd.isna(s["forste"]) else (
        f"{int(s['forste'])}" if s["forste"] == s["siste"] else f"{int(s['forste'])}–{int(s['siste'])}")
    return {
        "befolkning": (int(d.loc["befolkning", "forste"]), int(d.loc["befolkning", "siste"])),
        "sysselsetting": dekker("sysselsetting", fra, til) and int(s["antall_aar"]) >= 2,
        "sysselsetting_aar": syss_aar,
        "naering": s is not None and bool((s["antall_naeringer"] or 0) > 0),
        "endring": dekker("befolkningsendring", fra, til - 1),
        "innvandring": bool(d.loc["befolkningsendring", "har_innvandring"]) if "befolkningsendring" in d.index else False,
    }


def kilder(dekning_df: pd.DataFrame, metadata: dict) -> dict[str, str]:
    """Which SSB table each kind of figure comes from, as far as the database can tell.

    Population is always 07459. Components: only 01223 splits immigration from domestic moves,
    so a split means 01223 and none means 06913. Employment: the SSB build reads 07984, the
    offline folder's single year is 13470; a Statistikkbanken export may be either, and the
    database does not record which, so then both are named.
    """
    d = dekning_df.set_index("tabell")
    aar_syss = d.loc["sysselsetting", "antall_aar"] if "sysselsetting" in d.index else None
    if str(metadata.get("kilde", "")).startswith("SSB PxWebApi"):
        syss = "SSB tabell 07984"
    elif pd.isna(aar_syss) or int(aar_syss) <= 1:
        syss = "SSB tabell 13470"
    else:
        syss = "SSB tabell 07984 eller 13470"
    innvandring = "befolkningsendring" in d.index and bool(d.loc["befolkningsendring", "har_innvandring"])
    return {"befolkning": "SSB tabell 07459", "sysselsetting": syss,
            "endring": "SSB tabell 01223" if innvandring else "SSB tabell 06913"}


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
