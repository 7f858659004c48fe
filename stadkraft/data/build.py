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

from . import avledning, grenser, katalog, lokal, snapshot, validering
from .feil import KildeFeil, ValideringsFeil
from .rydding import rydd_etterlatte
from .harmonisering import alle_flagg, harmoniser, harmoniser_par, i_struktur, rettede_vekter, uten_tomme_koder
from .skjema import DDL, GRUPPEVERDI, KILDE_MANGLER, KOLONNER, NOEKLER

ANTALL_KOMMUNER_2024 = 357

# A folder build reports these steps, in order, to `fremdrift`; the CLI sizes its progress bar
# from them. (An SSB build adds one per query, so its count is not known in advance.)
STEG_MAPPE = ("Kart", "Naboer", "Register", "Befolkning", "Sysselsetting", "Befolkningsendring", "Pendling",
              "Statistikkbanken", "Skriver database", "Validerer")
STEG_SNAPSHOT = ("Snapshot", "Statistikkbanken", "Skriver database", "Validerer")

# The register and the maps: what every build takes from a folder or the snapshot.
REFERANSE = ["kommune", "kodeendring", "kommunegrense", "fylkesgrense", "nabo"]
# The statistics series.
STATISTIKK = ["befolkning", "befolkning_land", "sysselsetting", "sysselsetting_serie", "sysselsatte_bosted",
              "befolkningsendring", "nettoinnvandring_land", "pendling", "egen_tabell"]
TABELLER = REFERANSE + STATISTIKK


def _tom(tabell: str) -> pd.DataFrame:
    return pd.DataFrame(columns=KOLONNER[tabell])


@dataclass
class Kildedata:
    """Everything the database holds, as frames on 2024 codes, before it is written."""
    kommune: pd.DataFrame
    kodeendring: pd.DataFrame
    kommunegrense: pd.DataFrame
    fylkesgrense: pd.DataFrame
    nabo: pd.DataFrame
    befolkning: pd.DataFrame = field(default_factory=lambda: _tom("befolkning"))
    befolkning_land: pd.DataFrame = field(default_factory=lambda: _tom("befolkning_land"))
    sysselsetting: pd.DataFrame = field(default_factory=lambda: _tom("sysselsetting"))
    sysselsetting_serie: pd.DataFrame = field(default_factory=lambda: _tom("sysselsetting_serie"))
    sysselsatte_bosted: pd.DataFrame = field(default_factory=lambda: _tom("sysselsatte_bosted"))
    befolkningsendring: pd.DataFrame = field(default_factory=lambda: _tom("befolkningsendring"))
    nettoinnvandring_land: pd.DataFrame = field(default_factory=lambda: _tom("nettoinnvandring_land"))
    pendling: pd.DataFrame = field(default_factory=lambda: _tom("pendling"))
    egen_tabell: pd.DataFrame = field(default_factory=lambda: _tom("egen_tabell"))
    metadata: dict = field(default_factory=dict)

    def legg_inn(self, tabell: str, df: pd.DataFrame) -> None:
        """Add cells to a table; a later source's cell replaces an earlier one with the same key,
        unless the later one is a hole and the earlier one a figure."""
        noekler = NOEKLER[tabell]
        eksisterende = getattr(self, tabell)
        if len(eksisterende) and len(df) and "kilde" in df:
            # A hole never replaces a figure: SSB's merged series write 0 (no figure) for the
            # municipalities split later, where the snapshot has estimates.
            tall = eksisterende.loc[eksisterende["kilde"] != KILDE_MANGLER, noekler]
            hull = (df["kilde"] == KILDE_MANGLER).to_numpy() & df.set_index(noekler).index.isin(
                pd.MultiIndex.from_frame(tall) if len(noekler) > 1 else tall[noekler[0]])
            df = df[~hull]
        if len(eksisterende) and len(df):
            behold = ~eksisterende.set_index(noekler).index.isin(df.set_index(noekler).index)
            df = pd.concat([eksisterende[behold], df], ignore_index=True)
        elif not len(df):
            df = eksisterende
        kolonner = KOLONNER.get(tabell, list(df.columns))
        setattr(self, tabell, df[kolonner].reset_index(drop=True))

    def legg_inn_sysselsetting(self, df: pd.DataFrame, serie: avledning.Serie) -> None:
        """Employment cells and the series they belong to (for its definition and breaks)."""
        self.legg_inn("sysselsetting", df)
        self.sysselsetting_serie = avledning.med_serie(self.sysselsetting_serie, serie)


def les_referanse(mappe: Path, steg) -> Kildedata:
    """Register, mapping and boundaries from a source folder (the statistics are read apart)."""
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
    return Kildedata(kommune=kommune, kodeendring=kodeendring, kommunegrense=kommunegrense,
                     fylkesgrense=fylkesgrense, nabo=nabo)


def les_statistikkbanken(filer: list[Path], data: Kildedata) -> None:
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
        noekler = [k for k in NOEKLER[navn]]
        verdier = [k for k in KOLONNER[navn] if k not in noekler + ["kilde"] and k in df]
        df = harmoniser(df, data.kodeendring, verdier, noekler).reindex(columns=KOLONNER[navn])
        # A user's export replaces the same cells from other sources.
        if navn == "sysselsetting":
            data.legg_inn_sysselsetting(df, avledning.ssb_tabell(tabell.tabell_id, df["aar"]))
        else:
            data.legg_inn(navn, df)


def les_lokale_serier(mappe: Path, data: Kildedata, steg) -> None:
    """The statistics series of a source folder, harmonised to 2024 codes."""
    steg("Befolkning")
    data.legg_inn("befolkning", lokal.les_befolkning(mappe))
    # Before any series is summed onto 2024 codes: weights from the facts where the constants are wrong.
    data.kodeendring = rettede_vekter(data.kodeendring, data.befolkning, lokal.les_gruppering(mappe))
    steg("Sysselsetting")
    if (jobber := lokal.les_arbeidsplasser(mappe)) is not None:
        kart = i_struktur(data.kodeendring, katalog.STRUKTUR_2017, jobber["aar"])
        df = harmoniser(jobber, kart, ["sysselsatte"], NOEKLER["sysselsetting"])
        data.legg_inn_sysselsetting(df, avledning.arbeidsplasser_tf(df["aar"]))
    if (syss := lokal.les_sysselsatte(mappe)) is not None:
        arbeid = uten_tomme_koder(syss[0], data.kodeendring, ["sysselsatte"])
        bosted = uten_tomme_koder(syss[1], data.kodeendring, ["sysselsatte", "befolkning_15_74"])
        df = harmoniser(arbeid, data.kodeendring, ["sysselsatte"], NOEKLER["sysselsetting"])
        data.legg_inn_sysselsetting(df, avledning.ssb_tabell("11618", df["aar"]))
        data.legg_inn("sysselsatte_bosted",
                      harmoniser(bosted, data.kodeendring, ["sysselsatte", "befolkning_15_74"]))
    steg("Befolkningsendring")
    if (endring := lokal.les_befolkningsendring(mappe)) is not None:
        kart = i_struktur(data.kodeendring, katalog.STRUKTUR_2017, endring["aar"])
        df = harmoniser(endring, kart, ["folketilvekst", "fodselsoverskudd", "nettoinnflytting"])
        eksakt = alle_flagg(endring, kart, "folketilvekst_eksakt")
        df["folketilvekst_eksakt"] = eksakt.reindex(pd.MultiIndex.from_frame(df[["kommunenummer", "aar"]])).to_numpy()
        data.legg_inn("befolkningsendring", df.reindex(columns=KOLONNER["befolkningsendring"]))
    if (land := lokal.les_nettoinnvandring(mappe)) is not None:
        data.legg_inn("nettoinnvandring_land", land)
    steg("Pendling")
    if (pendling := lokal.les_pendling(mappe)) is not None:
        pendling = uten_tomme_koder(pendling, data.kodeendring, ["sysselsatte"], ["bostedskommune", "arbeidskommune"])
        data.legg_inn("pendling", harmoniser_par(pendling, data.kodeendring, "bostedskommune",
                                                 "arbeidskommune", "sysselsatte"))


def les_lokal_mappe(mappe: Path, steg, ekstra_csv: list[Path]) -> Kildedata:
    data = les_referanse(mappe, steg)
    les_lokale_serier(mappe, data, steg)
    steg("Statistikkbanken")
    filer = sorted((Path(mappe) / katalog.STATISTIKKBANKEN).glob("*.csv")) + list(ekstra_csv)
    les_statistikkbanken(filer, data)
    data.metadata["kilde"] = f"lokal mappe {Path(mappe).resolve()}"
    return data


def les_fra_snapshot(mappe: Path, steg, ekstra_csv: list[Path]) -> Kildedata:
    steg("Snapshot")
    data = Kildedata(**snapshot.les(mappe))
    steg("Statistikkbanken")
    les_statistikkbanken(list(ekstra_csv), data)
    manifest = snapshot.manifest(mappe)
    data.metadata["kilde"] = f"snapshot {manifest.get('laget', '?')} ({manifest.get('kilde', 'ukjent kilde')})"
    return data


def les_ssb(referanse: Path | None, steg, ekstra_csv: list[Path], klient=None, fra_aar=1986, til_aar=None) -> Kildedata:
    """Statistics from SSB's API on top of the snapshot (register, maps and the series SSB's API
    does not have); with `referanse`, register and maps from that folder instead, and no series.

    A fetched cell replaces the snapshot's cell with the same key. Commuting is a sparse matrix, so
    a fetched year replaces the snapshot's whole year; its year-valid codes are harmonised to 2024
    codes, and pairs outside the register (e.g. a code that is no municipality) are left out.
    """
    from . import ssb

    if referanse is None:
        steg("Snapshot")
        data = Kildedata(**snapshot.les(snapshot.MAPPE))
    else:
        data = les_referanse(referanse, steg)
    klient = klient or ssb.SsbKlient()
    til_aar = til_aar or dt.date.today().year
    tabeller = ssb.hent_alt(klient, fra_aar, til_aar, fremdrift=steg)
    endring_tabell = tabeller["befolkningsendring"].attrs.get("tabell", ssb.BEFOLKNINGSENDRING)
    data.legg_inn("befolkning", tabeller["befolkning"])
    data.legg_inn("befolkning_land", tabeller["befolkning_land"])
    data.legg_inn("befolkningsendring", tabeller["befolkningsendring"])
    if len(tabeller["sysselsetting"]):
        data.legg_inn_sysselsetting(tabeller["sysselsetting"],
                                    avledning.ssb_tabell(ssb.SYSSELSETTING, tabeller["sysselsetting"]["aar"]))
    pendling = tabeller.get("pendling")
    hentet_aar = set(pendling.attrs.get("aar", pendling["aar"])) if pendling is not None else set()
    if hentet_aar:
        par = harmoniser_par(pendling, data.kodeendring, "bostedskommune", "arbeidskommune", "sysselsatte")
        kommuner = set(data.kommune["kommunenummer"])
        par = par[par["bostedskommune"].isin(kommuner) & par["arbeidskommune"].isin(kommuner)]
        data.pendling = data.pendling[~data.pendling["aar"].isin(hentet_aar)].reset_index(drop=True)
        data.legg_inn("pendling", par.reindex(columns=KOLONNER["pendling"]))
    les_statistikkbanken(list(ekstra_csv), data)
    hentet = [ssb.BEFOLKNING, endring_tabell, ssb.SYSSELSETTING] + ([ssb.PENDLING] if hentet_aar else [])
    data.metadata["kilde"] = (f"SSB PxWebApi v2 (tabell {', '.join(hentet)})" + ("" if referanse else " og snapshot"))
    return data


def tabeller(data: Kildedata) -> dict[str, pd.DataFrame]:
    """The tables as frames, by name (what `skriv` and the snapshot write)."""
    return {t: getattr(data, t) for t in TABELLER}


def fullfor(data: Kildedata) -> Kildedata:
    """What is derived from the sources' cells, once, whatever the source: a single missing year
    in an employment series, public jobs and the balances of population change. Idempotent, so a
    snapshot can be finished again."""
    total = data.sysselsetting["naering"] == avledning.NAERING_ALLE
    data.sysselsetting = pd.concat([
        avledning.med_enkeltaar_fylt(data.sysselsetting[total], ["sysselsatte"], ["kommunenummer", "naering", "sektor"]),
        data.sysselsetting[~total]], ignore_index=True)
    data.sysselsatte_bosted = avledning.med_enkeltaar_fylt(data.sysselsatte_bosted, ["sysselsatte", "befolkning_15_74"],
                                                           ["kommunenummer"])
    data.sysselsetting, data.sysselsetting_serie = avledning.med_offentlig(data.sysselsetting,
                                                                           data.sysselsetting_serie)
    data.befolkningsendring = avledning.med_balanser(data.befolkningsendring)
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


def les_kilde(kilde: str | Path | None, *, referanse: Path | None = None, ekstra_csv=(), klient=None,
              fremdrift=None) -> Kildedata:
    """The source as frames: a folder of source files, a snapshot folder (it has a manifest),
    «ssb», or (None or «snapshot») the bundled snapshot."""
    steg = fremdrift or (lambda _tekst: None)
    ekstra_csv = [Path(p) for p in ekstra_csv]
    if kilde is None or str(kilde) == "snapshot":
        data = les_fra_snapshot(snapshot.MAPPE, steg, ekstra_csv)
    elif str(kilde) == "ssb":
        data = les_ssb(Path(referanse) if referanse else None, steg, ekstra_csv, klient=klient)
    elif (Path(kilde) / snapshot.MANIFEST).is_file():
        data = les_fra_snapshot(Path(kilde), steg, ekstra_csv)
    else:
        mappe = Path(kilde)
        if not mappe.is_dir():
            raise KildeFeil(mappe, "Kildemappa finnes ikke. Oppgi en mappe med kildefiler (se data/README.md), "
                                   "«ssb», eller ingen --kilde for snapshotet som følger med.")
        data = les_lokal_mappe(mappe, steg, ekstra_csv)
    return fullfor(data)


def bygg(kilde: str | Path | None, db: Path, *, referanse: Path | None = None, ekstra_csv=(),
         forventet_antall: int = ANTALL_KOMMUNER_2024, klient=None, fremdrift=None) -> dict:
    """Build `db` from `kilde` (a folder, «ssb», or None for the bundled snapshot).

    Returns the metadata written. Raises KildeFeil or ValideringsFeil; in both cases the previous
    `db` is untouched.
    """
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    steg = fremdrift or (lambda _tekst: None)
    rydd_etterlatte(db)  # what a build killed with -9 left beside the database
    data = les_kilde(kilde, referanse=referanse, ekstra_csv=ekstra_csv, klient=klient, fremdrift=steg)
    if data.befolkning is None or data.befolkning["aar"].dropna().empty:
        raise KildeFeil(kilde or "snapshot", "Kilden har ingen rader med folkemengde. Hent befolkningsfila "
                                              "på nytt (den skal ha én rad per kommune og år).")
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
