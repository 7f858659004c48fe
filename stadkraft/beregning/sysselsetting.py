"""Employment: sectors, breaks in the series, the latest figure."""
from __future__ import annotations

import pandas as pd

from .perioder import spenn_tekst
from .vekst import visningstabell

# `sysselsetting` counts all jobs, private jobs and public jobs (= all - private) by place of work;
# `sysselsetting_serie` says per year and sector which series fills it, and `brudd` when the
# change from the year before is partly a change of definition (a-ordningen 2015, a new source).
# A period fra-til spans a break year b when fra < b <= til (the change b-1 -> b lies inside it).

SEKTORER = {"alle": "Alle sektorer", "privat": "Privat sektor", "offentlig": "Offentlig sektor"}
SEKTOR_MAAL = {"alle": "sysselsetting", "privat": "sysselsetting_privat", "offentlig": "sysselsetting_offentlig"}
SEKTOR_ANTALL = {"alle": "Sysselsatte", "privat": "Sysselsatte i privat sektor",
                 "offentlig": "Sysselsatte i offentlig sektor"}


def serierader(serie: pd.DataFrame | None) -> list[tuple[int, str, str, str | None]]:
    """`vekst_brudd.sql` rows as (aar, sektor, tabell, brudd): a few dozen, read in plain Python."""
    if serie is None or serie.empty:
        return []
    return [(int(a), str(s), str(t), b if isinstance(b, str) else None)
            for a, s, t, b in zip(serie["aar"].tolist(), serie["sektor"].tolist(), serie["tabell"].tolist(),
                                  serie["brudd"].tolist())]


def brudd_i_perioden(serie: pd.DataFrame, fra: int, til: int, sektor: str = "alle") -> dict[int, str]:
    """The break years b with fra < b <= til in `sektor`'s series (`vekst_brudd.sql`): {b: why}."""
    return {a: b for a, s, _, b in serierader(serie) if s == sektor and b and fra < a <= til}


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
    for a, s, _, _ in serierader(serie):
        f, t = ut.get(s, (a, a))
        ut[s] = (min(f, a), max(t, a))
    return dict(sorted(ut.items()))


def sektor_tekst(aar: dict[str, tuple[int, int]]) -> str:
    """«alle sektorer 2003–2022, privat og offentlig sektor 2003–2016» from `sektor_aar()`."""
    deler = []
    if "alle" in aar:
        deler.append(f"alle sektorer {spenn_tekst(*aar['alle'])}")
    if "privat" in aar:
        deler.append(f"privat og offentlig sektor {spenn_tekst(*aar['privat'])}")
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
    return visningstabell(egne, fra, til).rename(columns={"Sammenligning": "Sektor"})



def siste_sysselsetting(syss: pd.DataFrame) -> tuple[int, float, bool] | None:
    """The latest total employment (`vekst_naering.sql`): (year, persons, estimate), or None."""
    total = syss[(syss["naering"] == "00-99") & syss["sysselsatte"].notna()]
    if total.empty:
        return None
    r = total.sort_values("aar").iloc[-1]
    return int(r["aar"]), float(r["sysselsatte"]), r["kilde"] == "estimat"

