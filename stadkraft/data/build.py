"""Build the statistics database: read sources, write a new DuckDB file, validate, then replace.

The previous database is only replaced after the new one has passed every check, so a broken
source or a failed download never leaves the dashboard without data.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import grenser, katalog, lokal, validering
from .feil import KildeFeil, ValideringsFeil
from .harmonisering import harmoniser
from .skjema import DDL, GRUPPEVERDI, KOLONNER

ANTALL_KOMMUNER_2024 = 357

# A folder build reports these steps, in order, to `fremdrift`; the CLI sizes its progress bar
# from them. (An SSB build adds one per query, so its count is not known in advance.)
STEG_MAPPE = ("Kart", "Naboer", "Register", "Befolkning", "Sysselsetting", "Statistikkbanken",
              "Skriver database", "Validerer")

TABELLER = ["kommune", "befolkning", "befolkning_land", "sysselsetting", "befolkningsendring",
            "kodeendring", "kommunegrense", "fylkesgrense", "nabo", "egen_tabell"]


@dataclass
class Kildedata:
    """Everything the database holds, as frames, before it is written."""
    kommune: pd.DataFrame
    befolkning: pd.DataFrame
    kodeendring: pd.DataFrame
    kommunegrense: pd.DataFrame
    fylkesgrense: pd.DataFrame
    nabo: pd.DataFrame
    befolkning_land: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLONNER["befolkning_land"]))
    sysselsetting: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLONNER["sysselsetting"]))
    befolkningsendring: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLONNER["befolkningsendring"]))
    egen_tabell: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLONNER["egen_tabell"]))
    metadata: dict = field(default_factory=dict)


def les_referanse(mappe: Path, steg) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Register, mapping and boundaries: the parts that come from files, whatever the statistics' source."""
    from .naboer import naboer

    steg("Kart")
    kommuner = lokal.les_geojson(lokal.finn(mappe, katalog.KOMMUNEKART), ["kommunenummer", "kommunenavn"])
    fylker = lokal.les_geojson(lokal.finn(mappe, katalog.FYLKESKART), ["fylkesnummer", "fylkesnavn"])
    kommunegrense = grenser.kommunegrenser(kommuner)
    fylkesgrense = grenser.fylkesgrenser(fylker)
    steg("Naboer")
    nabo = naboer(kommuner)
    steg("Register")
    kodeendring = lokal.les_kodeendring(mappe)
    sentralitet = lokal.les_sentralitet(mappe)
    ba = lokal.les_ba_regioner(mappe, kodeendring)
    kommune = pd.DataFrame({
        "kommunenummer": [str(f["properties"]["kommunenummer"]).zfill(4) for f in kommuner],
        "navn": [f["properties"]["kommunenavn"] for f in kommuner],
    })
    kommune["fylkesnummer"] = kommune["kommunenummer"].str[:2]
    kommune = (kommune.merge(fylkesgrense[["fylkesnummer", "fylkesnavn"]], on="fylkesnummer", how="left")
               .merge(sentralitet, on="kommunenummer", how="left")
               .merge(ba, on="kommunenummer", how="left"))
    uten_fylke = kommune[kommune["fylkesnavn"].isna()]
    if len(uten_fylke):
        k = uten_fylke.iloc[0]
        raise KildeFeil(katalog.FYLKESKART.sti, f"Fylke {k.fylkesnummer} (for {k.kommunenummer} {k.navn}) finnes ikke i fylkeskartet.")
    return kommune, kodeendring, kommunegrense, fylkesgrense, nabo


def les_statistikkbanken(filer: list[Path], kodeendring: pd.DataFrame, data: Kildedata) -> None:
    """User exports from Statistikkbanken: known tables fill the core tables, the rest `egen_tabell`."""
    if not filer:
        return
    from .statistikkbanken import les_statistikkbank_csv, til_egen_tabell, til_kjernetabell

    for sti in filer:
        tabell = les_statistikkbank_csv(sti)
        kjerne = til_kjernetabell(tabell)
        if kjerne is None:
            # Stored as exported: its values may be rates, which cannot be summed onto 2024 codes.
            data.egen_tabell = pd.concat([data.egen_tabell, til_egen_tabell(tabell)], ignore_index=True)
            continue
        navn, df = kjerne
        noekler = ["kommunenummer", "aar"] + (["naering"] if navn == "sysselsetting" else [])
        verdier = [k for k in KOLONNER[navn] if k not in noekler + ["kilde"]]
        df = harmoniser(df, kodeendring, verdier, noekler)
        eksisterende = getattr(data, navn)
        # A user's export replaces the same cells from other sources.
        if len(eksisterende):
            behold = ~eksisterende.set_index(noekler).index.isin(df.set_index(noekler).index)
            df = pd.concat([eksisterende[behold], df], ignore_index=True)
        setattr(data, navn, df[KOLONNER[navn]])


def les_lokal_mappe(mappe: Path, steg, ekstra_csv: list[Path]) -> Kildedata:
    kommune, kodeendring, kommunegrense, fylkesgrense, nabo = les_referanse(mappe, steg)
    steg("Befolkning")
    data = Kildedata(kommune=kommune, befolkning=lokal.les_befolkning(mappe), kodeendring=kodeendring,
                     kommunegrense=kommunegrense, fylkesgrense=fylkesgrense, nabo=nabo)
    steg("Sysselsetting")
    data.sysselsetting = lokal.les_sysselsetting(mappe)
    steg("Statistikkbanken")
    filer = sorted((Path(mappe) / katalog.STATISTIKKBANKEN).glob("*.csv")) + list(ekstra_csv)
    les_statistikkbanken(filer, kodeendring, data)
    data.metadata["kilde"] = f"lokal mappe {Path(mappe).resolve()}"
    return data


def les_ssb(referanse: Path, steg, ekstra_csv: list[Path], klient=None, fra_aar=1986, til_aar=None) -> Kildedata:
    from . import ssb

    kommune, kodeendring, kommunegrense, fylkesgrense, nabo = les_referanse(referanse, steg)
    klient = klient or ssb.SsbKlient()
    til_aar = til_aar or dt.date.today().year
    tabeller = ssb.hent_alt(klient, fra_aar, til_aar, fremdrift=steg)
    data = Kildedata(kommune=kommune, befolkning=tabeller["befolkning"], kodeendring=kodeendring,
                     kommunegrense=kommunegrense, fylkesgrense=fylkesgrense, nabo=nabo,
                     befolkning_land=tabeller["befolkning_land"],
                     sysselsetting=tabeller["sysselsetting"],
                     befolkningsendring=tabeller["befolkningsendring"])
    les_statistikkbanken(list(ekstra_csv), kodeendring, data)
    data.metadata["kilde"] = (f"SSB PxWebApi v2 (tabell {ssb.BEFOLKNING}, {ssb.BEFOLKNINGSENDRING}, "
                              f"{ssb.SYSSELSETTING})")
    return data


def skriv(data: Kildedata, sti: Path) -> None:
    """Write every table; a broken key or NOT NULL rule becomes a ValideringsFeil, not a traceback."""
    con = duckdb.connect(str(sti))
    try:
        con.execute(DDL)
        for tabell in TABELLER:
            df = getattr(data, tabell)
            if len(df) == 0:
                continue
            kolonner = [r[0] for r in con.execute(f"DESCRIBE {tabell}").fetchall()]
            con.register("ny", df[kolonner])
            try:
                con.execute(f"INSERT INTO {tabell} SELECT * FROM ny")
            except duckdb.ConstraintException as e:
                # Readers check their own files; this catches what slips past them (e.g. merged sources).
                raise ValideringsFeil(_brutt_regel(con, tabell, df[kolonner], e)) from None
            con.unregister("ny")
        con.execute(GRUPPEVERDI)
        skriv_metadata(con, data.metadata)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def skriv_metadata(con, metadata: dict) -> None:
    con.executemany("INSERT OR REPLACE INTO metadata VALUES (?, ?)", [(k, str(v)) for k, v in metadata.items()])


def _brutt_regel(con, tabell: str, df: pd.DataFrame, feil: Exception) -> str:
    """A Norwegian message for a constraint violation, naming the repeated key when there is one."""
    pk = con.execute("SELECT constraint_column_names FROM duckdb_constraints() "
                     "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'", [tabell]).fetchone()
    if pk:
        noekler = list(pk[0])
        dobbel = df[df.duplicated(noekler, keep=False)]
        if len(dobbel):
            rad = dobbel.iloc[0]
            hva = ", ".join(f"{k} {rad[k]}" for k in noekler)
            return (f"Tabellen {tabell} fikk samme nøkkel to ganger ({hva}). Finn den doble raden i kildene "
                    f"som fyller {tabell} (kildefilene eller eksportene fra Statistikkbanken), fjern den og "
                    "bygg på nytt.")
    return (f"Tabellen {tabell} kan ikke skrives fordi en regel i databasen er brutt ({feil}). "
            f"Sjekk kildene som fyller {tabell}, rett dem og bygg på nytt.")


def bygg(kilde: str | Path, db: Path, *, referanse: Path | None = None, ekstra_csv=(),
         forventet_antall: int = ANTALL_KOMMUNER_2024, klient=None, fremdrift=None) -> dict:
    """Build `db` from `kilde` (a folder, or "ssb"). Returns the metadata written.

    Raises KildeFeil or ValideringsFeil; in both cases the previous `db` is untouched.
    """
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    steg = fremdrift or (lambda _tekst: None)
    ekstra_csv = [Path(p) for p in ekstra_csv]
    if str(kilde) == "ssb":
        if referanse is None:
            raise KildeFeil("--referanse", "Bygging fra SSB trenger en mappe med kart og kodelister (--referanse).")
        data = les_ssb(Path(referanse), steg, ekstra_csv, klient=klient)
    else:
        mappe = Path(kilde)
        if not mappe.is_dir():
            raise KildeFeil(mappe, "Kildemappa finnes ikke. Oppgi en mappe med kildefiler (se data/README.md) eller «ssb».")
        data = les_lokal_mappe(mappe, steg, ekstra_csv)
    siste = int(data.befolkning["aar"].max())
    data.metadata.update({
        "bygget": dt.datetime.now().isoformat(timespec="seconds"),
        "befolkning_siste_aar": siste,
        "dataens_dato": f"Folkemengde per 1. januar {siste}",
    })
    ny = db.with_name(f"{db.name}.ny-{os.getpid()}")
    ny.unlink(missing_ok=True)
    try:
        steg("Skriver database")
        skriv(data, ny)
        steg("Validerer")
        merknader = validering.valider(ny, forventet_antall)
        # What the checks could not cover (e.g. no national totals) is recorded, not passed over.
        con = duckdb.connect(str(ny))
        try:
            skriv_metadata(con, merknader)
        finally:
            con.close()
        data.metadata.update(merknader)
        os.replace(ny, db)  # atomic on the same file system
    finally:
        ny.unlink(missing_ok=True)
        Path(f"{ny}.wal").unlink(missing_ok=True)
    return data.metadata
