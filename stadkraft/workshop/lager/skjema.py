"""The store's schema: numbered migrations and the version they leave behind.

`MIGRASJONER[n - 1]` takes a store from version n - 1 to n. Version 1 is the schema written
before the store had a version (any store with `ws_okt` but no `ws_skjemaversjon` is at 1);
every later step copies what changes into new tables in the same transaction, so a store
opens after any upgrade with every session, answer, consensus and action intact. Opening a
store that is up to date changes nothing. The statements run on DuckDB and PostgreSQL alike.
"""
from __future__ import annotations

VERSJONSTABELL = "ws_skjemaversjon"

# v1: as written by the code before schema versions (kept verbatim: old stores have exactly this).
V1 = [
    """CREATE TABLE IF NOT EXISTS ws_okt (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, kode TEXT NOT NULL UNIQUE, token_hash TEXT NOT NULL,
        tittel TEXT NOT NULL, eining_type TEXT NOT NULL, eining_id TEXT NOT NULL,
        eining_namn TEXT NOT NULL, dato DATE NOT NULL, etikett TEXT, fase TEXT NOT NULL,
        min_svar INTEGER NOT NULL, oppretta TIMESTAMP NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ws_okt_eining ON ws_okt (type, eining_type, eining_id)",
    """CREATE TABLE IF NOT EXISTS ws_deltakar (
        okt_id TEXT NOT NULL, deltakar TEXT NOT NULL, rolle TEXT, kjelde TEXT NOT NULL,
        tid TIMESTAMP NOT NULL, PRIMARY KEY (okt_id, deltakar))""",
    """CREATE TABLE IF NOT EXISTS ws_svar (
        okt_id TEXT NOT NULL, deltakar TEXT NOT NULL, element TEXT NOT NULL, verdi INTEGER NOT NULL,
        verdi2 INTEGER, grunngjeving TEXT, tid TIMESTAMP NOT NULL,
        PRIMARY KEY (okt_id, deltakar, element))""",
    """CREATE TABLE IF NOT EXISTS ws_semje (
        okt_id TEXT NOT NULL, element TEXT NOT NULL, verdi INTEGER NOT NULL, verdi2 INTEGER,
        merknad TEXT, tid TIMESTAMP NOT NULL, PRIMARY KEY (okt_id, element))""",
    """CREATE TABLE IF NOT EXISTS ws_tiltak (
        okt_id TEXT NOT NULL, nr INTEGER NOT NULL, element TEXT, kva TEXT NOT NULL,
        ansvarleg TEXT NOT NULL, frist DATE, tid TIMESTAMP NOT NULL, PRIMARY KEY (okt_id, nr))""",
]

# v2: bokmål names (one form each), groups, consensus per level, a session's own items.
V2 = [
    """CREATE TABLE ws_okt2 (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, kode TEXT NOT NULL UNIQUE, token_hash TEXT NOT NULL,
        tittel TEXT NOT NULL, enhet_type TEXT NOT NULL, enhet_id TEXT NOT NULL,
        enhet_navn TEXT NOT NULL, dato DATE NOT NULL, etikett TEXT, fase TEXT NOT NULL,
        min_svar INTEGER NOT NULL, opprettet TIMESTAMP NOT NULL)""",
    """INSERT INTO ws_okt2 SELECT id, type, kode, token_hash, tittel,
        CASE eining_type WHEN 'stad' THEN 'sted' ELSE eining_type END, eining_id, eining_namn, dato,
        etikett, CASE fase WHEN 'semje' THEN 'konsensus' ELSE fase END, min_svar, oppretta FROM ws_okt""",
    """CREATE TABLE ws_deltaker (
        okt_id TEXT NOT NULL, deltaker TEXT NOT NULL, rolle TEXT, kilde TEXT NOT NULL, gruppe TEXT,
        tid TIMESTAMP NOT NULL, PRIMARY KEY (okt_id, deltaker))""",
    """INSERT INTO ws_deltaker SELECT okt_id, deltakar,
        CASE rolle WHEN 'politikar' THEN 'politiker' WHEN 'innbyggjar' THEN 'innbygger' ELSE rolle END,
        CASE kjelde WHEN 'eigen' THEN 'egen' ELSE kjelde END, NULL, tid FROM ws_deltakar""",
    """CREATE TABLE ws_svar2 (
        okt_id TEXT NOT NULL, deltaker TEXT NOT NULL, element TEXT NOT NULL, verdi INTEGER NOT NULL,
        verdi2 INTEGER, begrunnelse TEXT, tid TIMESTAMP NOT NULL,
        PRIMARY KEY (okt_id, deltaker, element))""",
    "INSERT INTO ws_svar2 SELECT okt_id, deltakar, element, verdi, verdi2, grunngjeving, tid FROM ws_svar",
    """CREATE TABLE ws_konsensus (
        okt_id TEXT NOT NULL, niva TEXT NOT NULL, element TEXT NOT NULL, verdi INTEGER NOT NULL,
        verdi2 INTEGER, merknad TEXT, tid TIMESTAMP NOT NULL, PRIMARY KEY (okt_id, niva, element))""",
    """INSERT INTO ws_konsensus SELECT okt_id, 'plenum', element, verdi, verdi2, merknad, tid
        FROM ws_semje""",
    """CREATE TABLE ws_tiltak2 (
        okt_id TEXT NOT NULL, nr INTEGER NOT NULL, element TEXT, hva TEXT NOT NULL,
        ansvarlig TEXT NOT NULL, frist DATE, tid TIMESTAMP NOT NULL, PRIMARY KEY (okt_id, nr))""",
    "INSERT INTO ws_tiltak2 SELECT okt_id, nr, element, kva, ansvarleg, frist, tid FROM ws_tiltak",
    """CREATE TABLE ws_element (
        okt_id TEXT NOT NULL, nr INTEGER NOT NULL, nokkel TEXT NOT NULL, navn TEXT NOT NULL,
        PRIMARY KEY (okt_id, nokkel))""",
    "DROP INDEX IF EXISTS ws_okt_eining",
    "DROP TABLE ws_okt", "DROP TABLE ws_deltakar", "DROP TABLE ws_svar", "DROP TABLE ws_semje",
    "DROP TABLE ws_tiltak",
    "ALTER TABLE ws_okt2 RENAME TO ws_okt",
    "ALTER TABLE ws_svar2 RENAME TO ws_svar",
    "ALTER TABLE ws_tiltak2 RENAME TO ws_tiltak",
    "CREATE INDEX ws_okt_enhet ON ws_okt (type, enhet_type, enhet_id)",
]

# v3: «kan ikke vurdere» (an answer without values), a session's items removed while it runs
# (kept with their answers) and linked to a statistic, the groups a facilitator names, and
# whether a result is published.
V3 = [
    "ALTER TABLE ws_svar ALTER COLUMN verdi DROP NOT NULL",
    "ALTER TABLE ws_element ADD COLUMN statistikk TEXT",
    "ALTER TABLE ws_element ADD COLUMN fjernet TIMESTAMP",
    """CREATE TABLE ws_gruppe (
        okt_id TEXT NOT NULL, nr INTEGER NOT NULL, navn TEXT NOT NULL, PRIMARY KEY (okt_id, navn))""",
    # A result is shown outside its session (the start page, later rounds) only once published.
    "ALTER TABLE ws_okt ADD COLUMN publisert BOOLEAN",
    "UPDATE ws_okt SET publisert = FALSE",
]

# v4: the chart's options the facilitator switched on (comma-separated, e.g. «spredning»), kept
# with the session so the projector's tab follows the laptop's toggle by itself.
V4 = [
    "ALTER TABLE ws_okt ADD COLUMN visning TEXT",
    "UPDATE ws_okt SET visning = ''",
]

MIGRASJONER: list[list[str]] = [V1, V2, V3, V4]
VERSJON = len(MIGRASJONER)


def gjeldende_versjon(db, tabeller: set[str]) -> int:
    """The store's version: 0 when empty, 1 for a store from before versions, else as recorded."""
    if VERSJONSTABELL in tabeller:
        rad = db.ein(f"SELECT MAX(versjon) FROM {VERSJONSTABELL}")
        return int(rad[0] or 0)
    return 1 if "ws_okt" in tabeller else 0


def migrer(db, tabeller: set[str], no) -> list[int]:
    """Bring the store to `VERSJON` in the current transaction; return the steps applied."""
    fra = gjeldende_versjon(db, tabeller)
    if fra > VERSJON:
        raise RuntimeError(
            f"Workshop-databasen har skjemaversjon {fra}, men denne versjonen av Stadkraft kjenner "
            f"bare opp til {VERSJON}. Oppdater Stadkraft.")
    if VERSJONSTABELL not in tabeller:
        db(f"CREATE TABLE {VERSJONSTABELL} (versjon INTEGER PRIMARY KEY, tid TIMESTAMP NOT NULL)")
        if fra:
            db(f"INSERT INTO {VERSJONSTABELL} VALUES (?, ?)", [fra, no])
    utfort = []
    for versjon in range(fra + 1, VERSJON + 1):
        for sql in MIGRASJONER[versjon - 1]:
            db(sql)
        db(f"INSERT INTO {VERSJONSTABELL} VALUES (?, ?)", [versjon, no])
        utfort.append(versjon)
    return utfort
