"""The workshop store: sessions, answers, consensus and action lists, in a writable database.

Two back ends share every rule and every SQL statement:

- `DuckLager`: an embedded DuckDB file (default `data/workshop.duckdb`, or
  `STADKRAFT_WORKSHOP_DB`). One connection per process and file, a cursor per operation
  (a shared DuckDB connection raises under concurrent use), explicit BEGIN/COMMIT.
- `PgLager`: PostgreSQL when `STADKRAFT_WORKSHOP_URL` is set, so several app processes share
  sessions. A small pool of autocommit connections; each operation in its own transaction.

Every submit is one transaction: the phase is checked, the participant row and all the scores
are upserted (last answer counts), and either everything is stored or nothing is. Conflicting
concurrent transactions are retried a few times.

Facilitator actions take the token made when the session was created; only its SHA-256 is
stored. Participants only ever get the count, their own answer, and (once revealed, with at
least `min_svar` answers) anonymous per-item scores that cannot be linked across items.
"""
from __future__ import annotations

import contextlib
import os
import queue
import random
import threading
import time
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

import pandas as pd

from .feil import (
    IngenTilgang, OktStengt, ResultatSkjult, UgyldigSvar, UkjentOkt, UlovligFase, WorkshopFeil,
)
from .modell import (
    FASAR_PAPIR,
    FASAR_VIST,
    MIN_SVAR,
    Eining,
    Fase,
    NyOkt,
    Okt,
    Skaar,
    Tiltak,
    _rens_tekst,
    normaliser_kode,
    ny_deltakar_id,
    ny_kode,
    ny_token,
    sjekk_deltakar,
    sjekk_overgang,
    sjekk_rolle,
    sjekk_tiltak,
    token_hash,
    token_stemmer,
    valider_svar,
    verktoy,
)

ROT = Path(__file__).resolve().parents[2]
DB_STANDARD = ROT / "data" / "workshop.duckdb"

SKJEMA = [
    """CREATE TABLE IF NOT EXISTS ws_okt (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        kode TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL,
        tittel TEXT NOT NULL,
        eining_type TEXT NOT NULL,
        eining_id TEXT NOT NULL,
        eining_namn TEXT NOT NULL,
        dato DATE NOT NULL,
        etikett TEXT,
        fase TEXT NOT NULL,
        min_svar INTEGER NOT NULL,
        oppretta TIMESTAMP NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ws_okt_eining ON ws_okt (type, eining_type, eining_id)",
    """CREATE TABLE IF NOT EXISTS ws_deltakar (
        okt_id TEXT NOT NULL,
        deltakar TEXT NOT NULL,
        rolle TEXT,
        kjelde TEXT NOT NULL,
        tid TIMESTAMP NOT NULL,
        PRIMARY KEY (okt_id, deltakar)
    )""",
    """CREATE TABLE IF NOT EXISTS ws_svar (
        okt_id TEXT NOT NULL,
        deltakar TEXT NOT NULL,
        element TEXT NOT NULL,
        verdi INTEGER NOT NULL,
        verdi2 INTEGER,
        grunngjeving TEXT,
        tid TIMESTAMP NOT NULL,
        PRIMARY KEY (okt_id, deltakar, element)
    )""",
    """CREATE TABLE IF NOT EXISTS ws_semje (
        okt_id TEXT NOT NULL,
        element TEXT NOT NULL,
        verdi INTEGER NOT NULL,
        verdi2 INTEGER,
        merknad TEXT,
        tid TIMESTAMP NOT NULL,
        PRIMARY KEY (okt_id, element)
    )""",
    """CREATE TABLE IF NOT EXISTS ws_tiltak (
        okt_id TEXT NOT NULL,
        nr INTEGER NOT NULL,
        element TEXT,
        kva TEXT NOT NULL,
        ansvarleg TEXT NOT NULL,
        frist DATE,
        tid TIMESTAMP NOT NULL,
        PRIMARY KEY (okt_id, nr)
    )""",
]

_OKT_KOL = ("id, type, kode, tittel, eining_type, eining_id, eining_namn, dato, etikett, fase, "
            "min_svar, oppretta")

DELTAKAR_KOL = ("okt_id", "deltakar", "rolle", "kjelde", "tid")
SVAR_KOL = ("okt_id", "deltakar", "element", "verdi", "verdi2", "grunngjeving", "tid")
_DELTAKAR_SLUTT = (
    " ON CONFLICT (okt_id, deltakar) DO UPDATE SET rolle = EXCLUDED.rolle, "
    "kjelde = EXCLUDED.kjelde, tid = EXCLUDED.tid"
)
_SVAR_SLUTT = (
    " ON CONFLICT (okt_id, deltakar, element) DO UPDATE SET verdi = EXCLUDED.verdi, "
    "verdi2 = EXCLUDED.verdi2, grunngjeving = EXCLUDED.grunngjeving, tid = EXCLUDED.tid"
)

SVARKOLONNER = ["deltakar", "rolle", "kjelde", "element", "verdi", "verdi2", "grunngjeving", "tid"]
ANONYME_KOLONNER = ["element", "verdi", "verdi2", "grunngjeving"]


@dataclass(frozen=True)
class _Innsending:
    """One participant's submit on its way to the database (checked there, in the transaction)."""

    kode: str
    deltakar: str
    skaarar: Mapping
    grunngjevingar: Mapping | None
    rolle: str | None
    kjelde: str


def _no() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _okt_fra_rad(rad) -> Okt:
    (id_, type_, kode, tittel, e_type, e_id, e_namn, dato, etikett, fase, min_svar, oppretta) = rad
    return Okt(
        id=id_, type=type_, kode=kode, tittel=tittel, eining=Eining(e_type, e_id, e_namn),
        dato=dato, etikett=etikett, fase=Fase(fase), min_svar=int(min_svar), oppretta=oppretta,
    )


class _Utforar:
    """Runs `?`-parameter SQL on one cursor inside one transaction, for either back end."""

    def __init__(self, cur, pg: bool):
        self.cur = cur
        self.pg = pg

    def __call__(self, sql: str, params: Sequence = ()) -> None:
        self.cur.execute(sql.replace("?", "%s") if self.pg else sql, tuple(params))

    def alle(self, sql: str, params: Sequence = ()) -> list[tuple]:
        self(sql, params)
        return self.cur.fetchall()

    def ein(self, sql: str, params: Sequence = ()):
        rader = self.alle(sql, params)  # fetch all: DuckDB refuses new work on an unfinished result
        return rader[0] if rader else None


class Lager:
    """The store's rules, written once; subclasses give a transaction and a dialect."""

    pg = False
    las_rad = ""            # row lock for the session row in a submit (PostgreSQL: FOR SHARE)
    forsok = 8              # attempts for a transaction that conflicts with a concurrent one
    beskriving = "?"

    # --- back end hooks ----------------------------------------------------------------------
    def _transaksjon(self) -> contextlib.AbstractContextManager[_Utforar]:  # pragma: no cover
        raise NotImplementedError

    def _er_konflikt(self, feil: Exception) -> bool:  # pragma: no cover
        raise NotImplementedError

    def lukk(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def _kjor(self, fn: Callable[[_Utforar], object]):
        """Run `fn` in one transaction; retry on a conflict with a concurrent transaction."""
        for forsok in range(self.forsok):
            try:
                with self._transaksjon() as db:
                    return fn(db)
            except Exception as feil:  # noqa: BLE001 - only conflicts are retried
                if forsok + 1 < self.forsok and self._er_konflikt(feil):
                    time.sleep(random.uniform(0.001, 0.004) * (forsok + 1))
                    continue
                raise
        raise AssertionError("unreachable")

    def _lag_skjema(self) -> None:
        def lag(db: _Utforar):
            if self.pg:
                db("SELECT pg_advisory_xact_lock(8177001)")
            for sql in SKJEMA:
                db(sql)
        self._kjor(lag)

    # --- sessions ----------------------------------------------------------------------------
    def opprett_okt(
        self,
        type_: str,
        eining: Eining,
        tittel: str,
        dato: date,
        etikett: str | None = None,
        min_svar: int = MIN_SVAR,
    ) -> NyOkt:
        """Create a session in phase OPEN. The returned token is never stored or shown again."""
        verktoy(type_)
        tittel = _rens_tekst(tittel, "Tittelen")
        etikett = _rens_tekst(etikett, "Navnet på runden", maks=40, paakravd=False) or None
        if not isinstance(dato, date):
            raise UgyldigSvar("Datoen mangler eller er ugyldig. Velg en dato.")
        if not isinstance(eining, Eining):
            raise UgyldigSvar("Velg en kommune, eller skriv inn en region eller et sted.")
        token = ny_token()
        for _ in range(20):
            kode = ny_kode()
            okt_id = uuid.uuid4().hex

            def lag(db: _Utforar, kode=kode, okt_id=okt_id):
                if db.ein("SELECT 1 FROM ws_okt WHERE kode = ?", [kode]):
                    return None
                db(
                    f"INSERT INTO ws_okt ({_OKT_KOL}, token_hash) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [okt_id, type_, kode, tittel, eining.type, eining.id, eining.namn, dato,
                     etikett, Fase.OPEN.value, int(min_svar), _no(), token_hash(token)],
                )
                return True

            if self._kjor(lag):
                return NyOkt(self.okt(kode), token)
        raise RuntimeError("Fant ingen ledig kode etter 20 forsøk")  # pragma: no cover

    def _hent_okt(self, db: _Utforar, kode, lase: bool = False) -> tuple[Okt, str]:
        kode_n = normaliser_kode(kode)
        rad = db.ein(
            f"SELECT {_OKT_KOL}, token_hash FROM ws_okt WHERE kode = ?" + (self.las_rad if lase else ""),
            [kode_n],
        )
        if rad is None:
            raise UkjentOkt(kode_n or (kode if isinstance(kode, str) else ""))
        return _okt_fra_rad(rad[:-1]), rad[-1]

    def _leiar(self, db: _Utforar, kode, token) -> Okt:
        okt, lagra = self._hent_okt(db, kode)
        if not token_stemmer(token, lagra):
            raise IngenTilgang()
        return okt

    def okt(self, kode) -> Okt:
        """The session with this join code (any case, spaces or dashes), or `UkjentOkt`."""
        return self._kjor(lambda db: self._hent_okt(db, kode)[0])

    def er_leiar(self, kode, token) -> bool:
        try:
            self._kjor(lambda db: self._leiar(db, kode, token))
            return True
        except IngenTilgang:
            return False

    def sjekk_leiar(self, kode, token) -> Okt:
        """The session, if `token` is its facilitator token; else `IngenTilgang`."""
        return self._kjor(lambda db: self._leiar(db, kode, token))

    def set_fase(self, kode, token, fase: Fase | str) -> Okt:
        """Move the session to `fase` (facilitator only). Revealing needs `min_svar` answers."""
        fase = Fase(fase)

        def endre(db: _Utforar):
            okt = self._leiar(db, kode, token)
            if okt.fase == fase:
                return okt
            sjekk_overgang(okt.fase, fase)
            if fase == Fase.OPEN and okt.min_svar < MIN_SVAR:
                # A self-assessment is revealed with one answer; answers from phones would be readable.
                raise UlovligFase(
                    "En egenvurdering kan ikke åpnes for svar fra mobil, for da kunne enkeltsvar "
                    "gjenkjennes. Opprett en ny workshop for gruppa i stedet."
                )
            if fase == Fase.VIST:
                n = self._tal(db, okt.id)
                if n < okt.min_svar:
                    raise ResultatSkjult(
                        f"Resultatet kan ikke vises før minst {okt.min_svar} har svart "
                        f"(nå {n}), slik at ingen enkeltsvar kan gjenkjennes. Vent på flere svar, "
                        "eller legg inn papirsvar."
                    )
            db("UPDATE ws_okt SET fase = ? WHERE id = ?", [fase.value, okt.id])
            return okt
        self._kjor(endre)
        return self.okt(kode)

    def endre_okt(self, kode, token, *, tittel=None, dato=None, etikett=None) -> Okt:
        """Change title, date or label (e.g. «År 1») of a session (facilitator only)."""
        def endre(db: _Utforar):
            okt = self._leiar(db, kode, token)
            ny_tittel = _rens_tekst(tittel, "Tittelen") if tittel is not None else okt.tittel
            ny_dato = dato if dato is not None else okt.dato
            if not isinstance(ny_dato, date):
                raise UgyldigSvar("Datoen er ugyldig. Velg en dato.")
            ny_etikett = (_rens_tekst(etikett, "Navnet på runden", maks=40, paakravd=False) or None
                          if etikett is not None else okt.etikett)
            db("UPDATE ws_okt SET tittel = ?, dato = ?, etikett = ? WHERE id = ?",
               [ny_tittel, ny_dato, ny_etikett, okt.id])
        self._kjor(endre)
        return self.okt(kode)

    def slett_okt(self, kode, token) -> None:
        """Delete the session and everything in it (facilitator only)."""
        def slett(db: _Utforar):
            okt = self._leiar(db, kode, token)
            for tabell in ("ws_svar", "ws_deltakar", "ws_semje", "ws_tiltak"):
                db(f"DELETE FROM {tabell} WHERE okt_id = ?", [okt.id])
            db("DELETE FROM ws_okt WHERE id = ?", [okt.id])
        self._kjor(slett)

    def okter_for_eining(self, eining: Eining, type_: str = "kapasitet") -> list[Okt]:
        """Every session for the same unit, oldest first."""
        rader = self._kjor(lambda db: db.alle(
            f"SELECT {_OKT_KOL} FROM ws_okt WHERE type = ? AND eining_type = ? AND eining_id = ? "
            "ORDER BY dato, oppretta",
            [type_, eining.type, eining.id],
        ))
        return [_okt_fra_rad(r) for r in rader]

    def einingar(self, type_: str = "kapasitet") -> list[tuple[Eining, int]]:
        """Units that have sessions of this type, with the number of sessions."""
        rader = self._kjor(lambda db: db.alle(
            "SELECT eining_type, eining_id, MAX(eining_namn), COUNT(*) FROM ws_okt WHERE type = ? "
            "GROUP BY eining_type, eining_id ORDER BY 3",
            [type_],
        ))
        return [(Eining(t, i, n), int(c)) for t, i, n, c in rader]

    # --- answers -------------------------------------------------------------------------------
    @staticmethod
    def _tal(db: _Utforar, okt_id: str) -> int:
        return int(db.ein("SELECT COUNT(*) FROM ws_deltakar WHERE okt_id = ?", [okt_id])[0])

    def _skriv(self, db: _Utforar, tabell: str, kolonner: Sequence[str], rader: list[list],
               slutt: str = "") -> None:
        """Insert many rows in one statement (DuckDB overrides this for large batches)."""
        if not rader:
            return
        plass = "(" + ", ".join(["?"] * len(kolonner)) + ")"
        db(f"INSERT INTO {tabell} ({', '.join(kolonner)}) VALUES {', '.join([plass] * len(rader))}{slutt}",
           [v for rad in rader for v in rad])

    def _lagre_svar(self, db, okt_id, deltakar, skaarar: list[Skaar], rolle, kjelde) -> None:
        no = _no()
        self._skriv(db, "ws_deltakar", DELTAKAR_KOL, [[okt_id, deltakar, rolle, kjelde, no]], _DELTAKAR_SLUTT)
        self._skriv(db, "ws_svar", SVAR_KOL,
                    [[okt_id, deltakar, s.element, s.verdi, s.verdi2, s.grunngjeving, no] for s in skaarar],
                    _SVAR_SLUTT)

    def _parti(self, db: _Utforar, innsendingar: Sequence[_Innsending]) -> list:
        """Store one or more participants' submits in the current transaction.

        Returns, per submit, the number of scores stored or the `WorkshopFeil` that rejected
        it (nothing of a rejected submit is written). A later submit by the same participant
        in the same batch replaces an earlier one, as it would one transaction later.
        """
        okter: dict[str, Okt | WorkshopFeil] = {}
        ut: list = []
        deltakarar: dict[tuple, list] = {}
        svar: dict[tuple, list] = {}
        no = _no()
        for inns in innsendingar:
            try:
                if inns.kode not in okter:
                    try:
                        okter[inns.kode] = self._hent_okt(db, inns.kode, lase=True)[0]
                    except UkjentOkt as feil:
                        okter[inns.kode] = feil
                okt = okter[inns.kode]
                if isinstance(okt, WorkshopFeil):
                    raise okt
                if okt.fase != Fase.OPEN:
                    raise OktStengt(
                        f"Økta «{okt.tittel}» tar ikke imot svar nå ({okt.fase.tekst.lower()}). "
                        "Vent til lederen åpner for svar, eller spør lederen."
                    )
                skaarar = valider_svar(verktoy(okt.type), inns.skaarar, inns.grunngjevingar)
            except WorkshopFeil as feil:
                ut.append(feil)
                continue
            deltakarar[(okt.id, inns.deltakar)] = [okt.id, inns.deltakar, inns.rolle, inns.kjelde, no]
            for s in skaarar:
                svar[(okt.id, inns.deltakar, s.element)] = [
                    okt.id, inns.deltakar, s.element, s.verdi, s.verdi2, s.grunngjeving, no]
            ut.append(len(skaarar))
        self._skriv(db, "ws_deltakar", DELTAKAR_KOL, list(deltakarar.values()), _DELTAKAR_SLUTT)
        self._skriv(db, "ws_svar", SVAR_KOL, list(svar.values()), _SVAR_SLUTT)
        return ut

    def _send(self, inns: _Innsending) -> int:
        """One submit, one transaction. (DuckDB may commit concurrent submits together.)"""
        svar = self._kjor(lambda db: self._parti(db, [inns]))[0]
        if isinstance(svar, Exception):
            raise svar
        return svar

    def send_svar(
        self,
        kode,
        deltakar: str,
        skaarar: Mapping,
        grunngjevingar: Mapping | None = None,
        rolle: str | None = None,
    ) -> int:
        """Store a participant's whole answer atomically; return the number of scores stored.

        A later submit by the same participant replaces the earlier one (last answer counts).
        Raises `UgyldigSvar` (nothing stored), `UkjentOkt` or `OktStengt`.
        """
        inns = _Innsending(normaliser_kode(kode), sjekk_deltakar(deltakar), skaarar,
                           grunngjevingar, sjekk_rolle(rolle), "mobil")
        return self._send(inns)

    def send_papirsvar(
        self,
        kode,
        token,
        skaarar: Mapping,
        grunngjevingar: Mapping | None = None,
        rolle: str | None = None,
    ) -> str:
        """The facilitator types in one participant's answer from paper; returns its new id."""
        rolle = sjekk_rolle(rolle)
        deltakar = ny_deltakar_id("papir-")

        def lagre(db: _Utforar):
            okt = self._leiar(db, kode, token)
            if okt.fase not in FASAR_PAPIR:
                raise UlovligFase(
                    "Papirsvar kan bare legges inn før resultatet vises. Skjul resultatet først "
                    "(gå tilbake til «Stengt for svar»)."
                )
            skaarar_ok = valider_svar(verktoy(okt.type), skaarar, grunngjevingar, handling="lagre")
            self._lagre_svar(db, okt.id, deltakar, skaarar_ok, rolle, "papir")
        self._kjor(lagre)
        return deltakar

    def mitt_svar(self, kode, deltakar: str) -> dict[str, Skaar]:
        """This participant's own answer (empty if none): never anyone else's."""
        deltakar = sjekk_deltakar(deltakar)

        def hent(db: _Utforar):
            okt, _ = self._hent_okt(db, kode)
            return db.alle(
                "SELECT element, verdi, verdi2, grunngjeving FROM ws_svar "
                "WHERE okt_id = ? AND deltakar = ?", [okt.id, deltakar])
        return {r[0]: Skaar(*r) for r in self._kjor(hent)}

    def mi_rolle(self, kode, deltakar: str) -> str | None:
        deltakar = sjekk_deltakar(deltakar)

        def hent(db: _Utforar):
            okt, _ = self._hent_okt(db, kode)
            return db.ein("SELECT rolle FROM ws_deltakar WHERE okt_id = ? AND deltakar = ?",
                          [okt.id, deltakar])
        rad = self._kjor(hent)
        return rad[0] if rad else None

    def tal_svar(self, kode) -> int:
        """How many participants have answered (a count only; safe to show to anyone)."""
        return self._kjor(lambda db: self._tal(db, self._hent_okt(db, kode)[0].id))

    def rollefordeling(self, kode, token) -> dict[str, int]:
        """Answers per role category (facilitator only: small groups could identify people)."""
        def hent(db: _Utforar):
            okt = self._leiar(db, kode, token)
            return db.alle("SELECT COALESCE(rolle, ''), COUNT(*) FROM ws_deltakar WHERE okt_id = ? "
                           "GROUP BY 1 ORDER BY 2 DESC, 1", [okt.id])
        return {r: int(n) for r, n in self._kjor(hent)}

    def svar(self, kode, token) -> pd.DataFrame:
        """Every individual answer with its participant id and role (facilitator only, export)."""
        def hent(db: _Utforar):
            okt = self._leiar(db, kode, token)
            return db.alle(
                "SELECT s.deltakar, d.rolle, d.kjelde, s.element, s.verdi, s.verdi2, "
                "s.grunngjeving, s.tid FROM ws_svar s JOIN ws_deltakar d "
                "ON d.okt_id = s.okt_id AND d.deltakar = s.deltakar WHERE s.okt_id = ? "
                "ORDER BY d.tid, s.deltakar, s.element", [okt.id])
        return pd.DataFrame(self._kjor(hent), columns=SVARKOLONNER)

    def anonyme_svar(self, kode) -> pd.DataFrame:
        """Scores and reasons per item, without participant ids, sorted so that no row can be
        linked to another item's row. Only once revealed and with at least `min_svar` answers;
        else `ResultatSkjult`. Anyone with the join code may read this."""
        def hent(db: _Utforar):
            okt, _ = self._hent_okt(db, kode)
            if okt.fase not in FASAR_VIST:
                raise ResultatSkjult("Resultatet er ikke vist ennå. Lederen viser det når alle har svart.")
            n = self._tal(db, okt.id)
            if n < okt.min_svar:
                raise ResultatSkjult(
                    f"For få svar til å vise resultatet anonymt ({n} av minst {okt.min_svar})."
                )
            return db.alle(
                "SELECT element, verdi, verdi2, grunngjeving FROM ws_svar WHERE okt_id = ? "
                "ORDER BY element, verdi, verdi2, grunngjeving", [okt.id])
        return pd.DataFrame(self._kjor(hent), columns=ANONYME_KOLONNER)

    # --- consensus and actions ------------------------------------------------------------------
    def sett_semje(self, kode, token, verdiar: Mapping, merknader: Mapping | None = None) -> None:
        """Store the agreed score per item (facilitator only, in the consensus phase).

        Every item needs a score the facilitator entered; nothing is filled in from the median.
        """
        def lagre(db: _Utforar):
            okt = self._leiar(db, kode, token)
            if okt.fase != Fase.SEMJE:
                raise UlovligFase("Felleskarakteren settes i fasen «Felleskarakter». Gå dit først.")
            skaarar = valider_svar(verktoy(okt.type), verdiar, merknader, handling="lagre")
            self._lagre_semje(db, okt.id, skaarar)
        self._kjor(lagre)

    @staticmethod
    def _lagre_semje(db: _Utforar, okt_id: str, skaarar: list[Skaar]) -> None:
        no = _no()
        for s in skaarar:
            db("INSERT INTO ws_semje (okt_id, element, verdi, verdi2, merknad, tid) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (okt_id, element) DO UPDATE SET "
               "verdi = EXCLUDED.verdi, verdi2 = EXCLUDED.verdi2, merknad = EXCLUDED.merknad, "
               "tid = EXCLUDED.tid", [okt_id, s.element, s.verdi, s.verdi2, s.grunngjeving, no])

    def semje(self, kode) -> dict[str, Skaar]:
        """The agreed scores (empty until set). Readable with the join code: it is the group's."""
        def hent(db: _Utforar):
            okt, _ = self._hent_okt(db, kode)
            return db.alle("SELECT element, verdi, verdi2, merknad FROM ws_semje WHERE okt_id = ?",
                           [okt.id])
        return {r[0]: Skaar(*r) for r in self._kjor(hent)}

    def legg_til_tiltak(self, kode, token, tiltak: Tiltak) -> int:
        """Add a line to the action list (facilitator only, consensus phase); return its number."""
        def lagre(db: _Utforar):
            okt = self._leiar(db, kode, token)
            if okt.fase != Fase.SEMJE:
                raise UlovligFase("Tiltakslisten fylles ut i fasen «Felleskarakter». Gå dit først.")
            t = sjekk_tiltak(verktoy(okt.type), tiltak)
            nr = int(db.ein("SELECT COALESCE(MAX(nr), 0) + 1 FROM ws_tiltak WHERE okt_id = ?",
                            [okt.id])[0])
            db("INSERT INTO ws_tiltak (okt_id, nr, element, kva, ansvarleg, frist, tid) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", [okt.id, nr, t.element, t.kva, t.ansvarleg, t.frist, _no()])
            return nr
        return self._kjor(lagre)

    def slett_tiltak(self, kode, token, nr: int) -> None:
        def slett(db: _Utforar):
            okt = self._leiar(db, kode, token)
            db("DELETE FROM ws_tiltak WHERE okt_id = ? AND nr = ?", [okt.id, int(nr)])
        self._kjor(slett)

    def tiltak(self, kode) -> list[Tiltak]:
        def hent(db: _Utforar):
            okt, _ = self._hent_okt(db, kode)
            return db.alle("SELECT kva, ansvarleg, frist, element, nr FROM ws_tiltak "
                           "WHERE okt_id = ? ORDER BY nr", [okt.id])
        return [Tiltak(*r) for r in self._kjor(hent)]

    def historikk(self, eining: Eining, type_: str = "kapasitet") -> list[tuple[Okt, dict[str, Skaar]]]:
        """Every session for the unit that has a complete consensus, oldest first."""
        v = verktoy(type_)

        def hent(db: _Utforar):
            return db.alle(
                f"SELECT {', '.join('o.' + k.strip() for k in _OKT_KOL.split(','))}, "
                "s.element, s.verdi, s.verdi2, s.merknad FROM ws_okt o JOIN ws_semje s "
                "ON s.okt_id = o.id WHERE o.type = ? AND o.eining_type = ? AND o.eining_id = ? "
                "ORDER BY o.dato, o.oppretta", [type_, eining.type, eining.id])
        okter: dict[str, tuple[Okt, dict[str, Skaar]]] = {}
        for rad in self._kjor(hent):
            okt = _okt_fra_rad(rad[:12])
            okter.setdefault(okt.id, (okt, {}))[1][rad[12]] = Skaar(*rad[12:])
        return [(o, s) for o, s in okter.values() if set(v.nokler) <= set(s)]

    def eigenvurdering(
        self,
        type_: str,
        eining: Eining,
        tittel: str,
        dato: date,
        skaarar: Mapping,
        grunngjevingar: Mapping | None = None,
        etikett: str | None = None,
        tiltak: Sequence[Tiltak] = (),
    ) -> NyOkt:
        """One leader's assessment without a workshop (or an earlier round typed in from paper):
        the scores are both the answer and the agreed score (the reasons its notes); stored in
        one transaction."""
        v = verktoy(type_)
        skaarar_ok = valider_svar(v, skaarar, grunngjevingar, handling="lagre")
        tiltak_ok = [sjekk_tiltak(v, t) for t in tiltak]
        ny = self.opprett_okt(type_, eining, tittel, dato, etikett=etikett, min_svar=1)

        def lagre(db: _Utforar):
            okt = self._leiar(db, ny.okt.kode, ny.token)
            self._lagre_svar(db, okt.id, ny_deltakar_id("eigen-"), skaarar_ok, None, "eigen")
            self._lagre_semje(db, okt.id, skaarar_ok)
            for nr, t in enumerate(tiltak_ok, start=1):
                db("INSERT INTO ws_tiltak (okt_id, nr, element, kva, ansvarleg, frist, tid) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", [okt.id, nr, t.element, t.kva, t.ansvarleg, t.frist, _no()])
            db("UPDATE ws_okt SET fase = ? WHERE id = ?", [Fase.SEMJE.value, okt.id])
        try:
            self._kjor(lagre)
        except Exception:
            self.slett_okt(ny.okt.kode, ny.token)
            raise
        return NyOkt(self.okt(ny.okt.kode), ny.token)

    # --- checks for tests and the load test -------------------------------------------------------
    def tel_rader(self, kode) -> dict[str, int]:
        """Row counts for one session: answers, distinct (participant, item) keys, participants."""
        def hent(db: _Utforar):
            okt, _ = self._hent_okt(db, kode)
            svar, unike = db.ein("SELECT COUNT(*), COUNT(DISTINCT deltakar || '|' || element) "
                                 "FROM ws_svar WHERE okt_id = ?", [okt.id])
            return {"svar": int(svar), "unike": int(unike), "deltakarar": self._tal(db, okt.id)}
        return self._kjor(hent)


# --- DuckDB ----------------------------------------------------------------------------------------

_DUCK_LAS = threading.Lock()
_DUCK: dict[str, object] = {}


class DuckLager(Lager):
    """The embedded store: one DuckDB connection per process and file, a cursor per operation.

    Group commit (`gruppe=True`, the default): DuckDB spends a few milliseconds of CPU on each
    write transaction and commits one at a time, so 200 phones submitting at once would queue
    for a second. Instead, submits that arrive while another is being written are written
    together, in one transaction, by whichever request thread gets there first; each submit is
    still checked on its own (a rejected one writes nothing) and its request returns only after
    the commit that holds it. If a shared transaction fails for an unexpected reason, its
    submits are retried one transaction each. `gruppe=False` gives one transaction per submit.
    """

    samle_s = 0.003         # how long the first writer waits for company (group commit)

    def __init__(self, sti: str | os.PathLike, gruppe: bool = True):
        import duckdb

        self._duckdb = duckdb
        self.sti = str(Path(sti).resolve())
        self.gruppe = gruppe
        self.beskriving = f"DuckDB {self.sti}"
        with _DUCK_LAS:
            con = _DUCK.get(self.sti)
            if con is None:
                Path(self.sti).parent.mkdir(parents=True, exist_ok=True)
                con = duckdb.connect(self.sti)
                _DUCK[self.sti] = con
        self._con = con
        self._ko: list[tuple[_Innsending, Future]] = []
        self._ko_las = threading.Lock()
        self._skrivar = threading.Lock()
        self._lag_skjema()

    @contextlib.contextmanager
    def _transaksjon(self) -> Iterator[_Utforar]:
        cur = self._con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield _Utforar(cur, pg=False)
                cur.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(Exception):
                    cur.execute("ROLLBACK")
                raise
        finally:
            cur.close()

    def _er_konflikt(self, feil: Exception) -> bool:
        return isinstance(feil, self._duckdb.TransactionException) or "Conflict" in str(feil)

    def _skriv(self, db, tabell, kolonner, rader, slutt="") -> None:
        # Binding thousands of parameters is slow in DuckDB; a registered frame is not.
        if len(rader) <= 10:
            return super()._skriv(db, tabell, kolonner, rader, slutt)
        ramme = pd.DataFrame(rader, columns=list(kolonner), dtype=object)  # NULLs stay NULL
        namn = f"_nye_{tabell}"
        db.cur.register(namn, ramme)
        try:
            kol = ", ".join(kolonner)
            db(f"INSERT INTO {tabell} ({kol}) SELECT {kol} FROM {namn}{slutt}")
        finally:
            db.cur.unregister(namn)

    def _send(self, inns: _Innsending) -> int:
        if not self.gruppe:
            return super()._send(inns)
        fut: Future = Future()
        with self._ko_las:
            self._ko.append((inns, fut))
        # Whoever holds `_skrivar` writes everything queued until the queue is empty; it checks
        # for emptiness and lets go in one step under `_ko_las`, so a submit queued meanwhile is
        # either taken by that writer or finds the lock free and writes itself. Waiters block.
        if self._skrivar.acquire(blocking=False):
            try:
                # Like PostgreSQL's commit_delay: a moment's wait lets submits that arrive together
                # share the first commit instead of queueing behind a commit of one.
                time.sleep(self.samle_s)
                while True:
                    with self._ko_las:
                        parti, self._ko = self._ko, []
                        if not parti:
                            self._skrivar.release()
                            break
                    self._skriv_parti(parti)
            except BaseException:
                self._skrivar.release()
                raise
        svar = fut.result()
        if isinstance(svar, Exception):
            raise svar
        return svar

    def _skriv_parti(self, parti: list[tuple[_Innsending, Future]]) -> None:
        try:
            try:
                resultat = self._kjor(lambda db: self._parti(db, [i for i, _ in parti]))
            except Exception:  # noqa: BLE001 - one transaction each, so one cannot sink the rest
                resultat = []
                for inns, _ in parti:
                    try:
                        resultat.append(self._kjor(lambda db, inns=inns: self._parti(db, [inns]))[0])
                    except Exception as feil:  # noqa: BLE001 - handed to the waiting request
                        resultat.append(feil)
            for (_, fut), svar in zip(parti, resultat):
                fut.set_result(svar)
        finally:
            for _, fut in parti:
                if not fut.done():
                    fut.set_result(RuntimeError("Svaret ble ikke lagret. Send på nytt."))

    def lukk(self) -> None:
        """Close the process's connection to this file (the next `DuckLager` reopens it)."""
        with _DUCK_LAS:
            con = _DUCK.pop(self.sti, None)
        if con is not None:
            con.close()


# --- PostgreSQL ------------------------------------------------------------------------------------

class _Pool:
    """A few autocommit connections shared by threads; at most `maks` open at once."""

    def __init__(self, url: str, skjema: str | None, maks: int):
        import psycopg

        self._psycopg = psycopg
        self.url, self.skjema = url, skjema
        self._ledige: queue.LifoQueue = queue.LifoQueue()
        self._plassar = threading.BoundedSemaphore(maks)
        self._alle: list = []
        self._las = threading.Lock()

    def _ny(self):
        kw = {"autocommit": True, "connect_timeout": 10}
        if self.skjema:
            kw["options"] = f"-c search_path={self.skjema}"
        con = self._psycopg.connect(self.url, **kw)
        with self._las:
            self._alle.append(con)
        return con

    @contextlib.contextmanager
    def tilkobling(self):
        self._plassar.acquire()
        con = None
        try:
            try:
                con = self._ledige.get_nowait()
            except queue.Empty:
                con = self._ny()
            yield con
        finally:
            if con is not None:
                idle = self._psycopg.pq.TransactionStatus.IDLE
                if con.closed or con.info.transaction_status != idle:
                    with contextlib.suppress(Exception):
                        con.close()
                else:
                    self._ledige.put(con)
            self._plassar.release()

    def lukk(self) -> None:
        with self._las:
            alle, self._alle = self._alle, []
        for con in alle:
            with contextlib.suppress(Exception):
                con.close()
        self._ledige = queue.LifoQueue()


class PgLager(Lager):
    """The shared store: PostgreSQL, for several app processes behind a load balancer."""

    pg = True
    las_rad = " FOR SHARE"  # a submit and a phase change on the same session never interleave

    def __init__(self, url: str, skjema: str | None = None, maks_tilkoblingar: int = 10):
        import psycopg

        self._psycopg = psycopg
        self.url = url
        self.skjema = skjema
        self.beskriving = "PostgreSQL" + (f" (skjema {skjema})" if skjema else "")
        if skjema:
            if not skjema.replace("_", "").isalnum():
                raise ValueError(f"Ugyldig skjemanavn: {skjema!r}")
            with psycopg.connect(url, autocommit=True) as con:
                con.execute(f'CREATE SCHEMA IF NOT EXISTS "{skjema}"')
        self._pool = _Pool(url, skjema, maks_tilkoblingar)
        self._lag_skjema()

    @contextlib.contextmanager
    def _transaksjon(self) -> Iterator[_Utforar]:
        with self._pool.tilkobling() as con:
            with con.transaction():
                with con.cursor() as cur:
                    yield _Utforar(cur, pg=True)

    def _er_konflikt(self, feil: Exception) -> bool:
        e = self._psycopg.errors
        return isinstance(feil, (e.SerializationFailure, e.DeadlockDetected, e.UniqueViolation,
                                 self._psycopg.OperationalError))

    def slett_skjema(self) -> None:
        """Drop this store's schema (tests and the load test use a schema of their own)."""
        self._pool.lukk()
        if self.skjema:
            with self._psycopg.connect(self.url, autocommit=True) as con:
                con.execute(f'DROP SCHEMA IF EXISTS "{self.skjema}" CASCADE')

    def lukk(self) -> None:
        self._pool.lukk()


# --- Choosing the store ------------------------------------------------------------------------------

_STANDARD_LAS = threading.Lock()
_STANDARD: dict[tuple, Lager] = {}


def glem_lager() -> None:
    """Close and forget the cached stores (tests; a restart in miniature)."""
    with _STANDARD_LAS:
        lagra = list(_STANDARD.values())
        _STANDARD.clear()
    for lager in lagra:
        with contextlib.suppress(Exception):
            lager.lukk()


def lager_fra_miljo() -> Lager:
    """The process's store: PostgreSQL if `STADKRAFT_WORKSHOP_URL` is set (optionally in the
    schema `STADKRAFT_WORKSHOP_SKJEMA`), else the DuckDB file `STADKRAFT_WORKSHOP_DB` (default
    `data/workshop.duckdb`). Cached per configuration, so one connection (pool) per process."""
    url = os.environ.get("STADKRAFT_WORKSHOP_URL") or ""
    skjema = os.environ.get("STADKRAFT_WORKSHOP_SKJEMA") or None
    sti = os.environ.get("STADKRAFT_WORKSHOP_DB") or str(DB_STANDARD)
    nokkel = ("pg", url, skjema) if url else ("duckdb", str(Path(sti).resolve()))
    with _STANDARD_LAS:
        lager = _STANDARD.get(nokkel)
        if lager is None:
            lager = PgLager(url, skjema=skjema) if url else DuckLager(sti)
            _STANDARD[nokkel] = lager
        return lager
