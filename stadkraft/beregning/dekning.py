"""Coverage and sources: which years the database has for each kind of figure, and where they come from."""
from __future__ import annotations

import pandas as pd

from .perioder import spenn_tekst
from .sysselsetting import serierader, sektor_aar


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
        return spenn_tekst(d[tabell]["forste"], d[tabell]["siste"]) if tabell in d else "ingen år"

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
    return " og ".join(f"{navn} ({spenn_tekst(a, b)})" for navn, a, b in deler)


def serie_kilde(serie: pd.DataFrame, sektor: str = "alle", fra: int | None = None,
                til: int | None = None) -> str | None:
    """The employment source(s) of `sektor` for the years fra..til, from `vekst_brudd.sql`
    (`sysselsetting_serie.tabell`), in year order; None when the series has no such years."""
    rader = sorted((a, t) for a, s, t, _ in serierader(serie) if s == sektor)
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

