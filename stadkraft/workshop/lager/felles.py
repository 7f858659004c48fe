"""The store's rules, written once for both back ends: sessions, answers, groups, consensus per
level, actions and history.

Every submit is one transaction: the phase is checked, the participant row and all the scores
are upserted (last answer counts), and either everything is stored or nothing is. Conflicting
concurrent transactions are retried a few times.

Facilitator actions take the token made when the session was created; only its SHA-256 is
stored. Participants only ever get the count, their own answer, and (once revealed, with at
least `min_svar` answers) anonymous per-item scores that cannot be linked across items.
Every method that depends on a tool takes its type explicitly.
"""
from __future__ import annotations

import contextlib
import random
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable, Mapping, Sequence

import pandas as pd

from .. import regler
from ..feil import IngenTilgang, OktStengt, ResultatSkjult, UgyldigSvar, UkjentOkt, UlovligFase, WorkshopFeil
from ..modell import (
    Enhet, NyOkt, Okt, Skaar, Tiltak, _rens_tekst, normaliser_kode, ny_deltaker_id, ny_kode, ny_token,
    sjekk_deltaker, sjekk_elementer, sjekk_gruppe, sjekk_rolle, sjekk_tiltak, token_hash, token_stemmer,
    valider_svar,
)
from ..regler import PLENUM, Fase
from ..verktoy import Element, verktoy
from . import skjema

_OKT_KOL = ("id, type, kode, tittel, enhet_type, enhet_id, enhet_navn, dato, etikett, fase, "
            "min_svar, opprettet")

DELTAKER_KOL = ("okt_id", "deltaker", "rolle", "kilde", "gruppe", "tid")
SVAR_KOL = ("okt_id", "deltaker", "element", "verdi", "verdi2", "begrunnelse", "tid")
_DELTAKER_SLUTT = (
    " ON CONFLICT (okt_id, deltaker) DO UPDATE SET rolle = EXCLUDED.rolle, "
    "kilde = EXCLUDED.kilde, gruppe = EXCLUDED.gruppe, tid = EXCLUDED.tid"
)
_SVAR_SLUTT = (
    " ON CONFLICT (okt_id, deltaker, element) DO UPDATE SET verdi = EXCLUDED.verdi, "
    "verdi2 = EXCLUDED.verdi2, begrunnelse = EXCLUDED.begrunnelse, tid = EXCLUDED.tid"
)

SVARKOLONNER = ["deltaker", "rolle", "kilde", "gruppe", "element", "verdi", "verdi2", "begrunnelse", "tid"]
ANONYME_KOLONNER = ["element", "verdi", "verdi2", "begrunnelse"]
TABELLER = ("ws_svar", "ws_deltaker", "ws_konsensus", "ws_tiltak", "ws_element")


@dataclass(frozen=True)
class _Innsending:
    """One participant's submit on its way to the database (checked there, in the transaction)."""

    kode: str
    deltaker: str
    skaarer: Mapping
    begrunnelser: Mapping | None
    rolle: str | None
    kilde: str
    gruppe: str | None = None


def _no() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _okt_fra_rad(rad) -> Okt:
    (id_, type_, kode, tittel, e_type, e_id, e_navn, dato, etikett, fase, min_svar, opprettet) = rad
    return Okt(
        id=id_, type=type_, kode=kode, tittel=tittel, enhet=Enhet(e_type, e_id, e_navn),
        dato=dato, etikett=etikett, fase=Fase(fase), min_svar=int(min_svar), opprettet=opprettet,
    )


class Utforer:
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
    beskrivelse = "?"

    # --- back end hooks ----------------------------------------------------------------------
    def _transaksjon(self) -> contextlib.AbstractContextManager[Utforer]:  # pragma: no cover
        raise NotImplementedError

    def _er_konflikt(self, feil: Exception) -> bool:  # pragma: no cover
        raise NotImplementedError

    def _tabeller(self, db: Utforer) -> set[str]:  # pragma: no cover
        raise NotImplementedError

    def _las_skjema(self, db: Utforer) -> None:
        """Keep two processes from migrating at once (PostgreSQL: an advisory lock)."""

    def lukk(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def _kjor(self, fn: Callable[[Utforer], object]):
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

    def _migrer(self) -> list[int]:
        """Bring the store to the current schema version (a no-op when it is there already)."""
        def migrer(db: Utforer):
            self._las_skjema(db)
            return skjema.migrer(db, self._tabeller(db), _no())
        return self._kjor(migrer)

    def skjemaversjon(self) -> int:
        return self._kjor(lambda db: skjema.gjeldende_versjon(db, self._tabeller(db)))

    # --- sessions ----------------------------------------------------------------------------
    def opprett_okt(
        self,
        type_: str,
        enhet: Enhet,
        tittel: str,
        dato: date,
        etikett: str | None = None,
        min_svar: int = regler.MIN_SVAR,
        elementer: Sequence | None = None,
    ) -> NyOkt:
        """Create a session in phase OPEN. The returned token is never stored or shown again.
        A tool with `egne_elementer` needs `elementer`: the session's own items."""
        v = verktoy(type_)
        egne = sjekk_elementer(elementer) if v.egne_elementer else ()
        if elementer is not None and not v.egne_elementer:
            raise UgyldigSvar(f"{v.navn or v.type} har faste elementer; økta kan ikke ha egne.")
        tittel = _rens_tekst(tittel, "Tittelen")
        etikett = _rens_tekst(etikett, "Navnet på runden", maks=40, paakravd=False) or None
        if not isinstance(dato, date):
            raise UgyldigSvar("Datoen mangler eller er ugyldig. Velg en dato.")
        if not isinstance(enhet, Enhet):
            raise UgyldigSvar("Velg en kommune, eller skriv inn en region eller et sted.")
        token = ny_token()
        for _ in range(20):
            kode = ny_kode()
            okt_id = uuid.uuid4().hex

            def lag(db: Utforer, kode=kode, okt_id=okt_id):
                if db.ein("SELECT 1 FROM ws_okt WHERE kode = ?", [kode]):
                    return None
                db(
                    f"INSERT INTO ws_okt ({_OKT_KOL}, token_hash) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [okt_id, type_, kode, tittel, enhet.type, enhet.id, enhet.navn, dato,
                     etikett, Fase.OPEN.value, int(min_svar), _no(), token_hash(token)],
                )
                for nr, e in enumerate(egne, start=1):
                    db("INSERT INTO ws_element (okt_id, nr, nokkel, navn) VALUES (?, ?, ?, ?)",
                       [okt_id, nr, e.nokkel, e.navn])
                return True

            if self._kjor(lag):
                return NyOkt(self.okt(kode), token)
        raise RuntimeError("Fant ingen ledig kode etter 20 forsøk")  # pragma: no cover

    def _hent_okt(self, db: Utforer, kode, lase: bool = False) -> tuple[Okt, str]:
        kode_n = normaliser_kode(kode)
        rad = db.ein(
            f"SELECT {_OKT_KOL}, token_hash FROM ws_okt WHERE kode = ?" + (self.las_rad if lase else ""),
            [kode_n],
        )
        if rad is None:
            raise UkjentOkt(kode_n or (kode if isinstance(kode, str) else ""))
        return _okt_fra_rad(rad[:-1]), rad[-1]

    def _leder(self, db: Utforer, kode, token) -> Okt:
        okt, lagret = self._hent_okt(db, kode)
        if not token_stemmer(token, lagret):
            raise IngenTilgang()
        return okt

    @staticmethod
    def _elementer(db: Utforer, okt: Okt) -> tuple[Element, ...]:
        v = verktoy(okt.type)
        if not v.egne_elementer:
            return v.elementer
        return tuple(Element(n, navn) for n, navn in db.alle(
            "SELECT nokkel, navn FROM ws_element WHERE okt_id = ? ORDER BY nr", [okt.id]))

    def elementer(self, kode) -> tuple[Element, ...]:
        """The items this session scores: the tool's, or the session's own."""
        return self._kjor(lambda db: self._elementer(db, self._hent_okt(db, kode)[0]))

    def okt(self, kode) -> Okt:
        """The session with this join code (any case, spaces or dashes), or `UkjentOkt`."""
        return self._kjor(lambda db: self._hent_okt(db, kode)[0])

    def er_leder(self, kode, token) -> bool:
        try:
            self._kjor(lambda db: self._leder(db, kode, token))
            return True
        except IngenTilgang:
            return False

    def sjekk_leder(self, kode, token) -> Okt:
        """The session, if `token` is its facilitator token; else `IngenTilgang`."""
        return self._kjor(lambda db: self._leder(db, kode, token))

    def set_fase(self, kode, token, fase: Fase | str) -> Okt:
        """Move the session to `fase` (facilitator only). Revealing needs `min_svar` answers."""
        fase = Fase(fase)

        def endre(db: Utforer):
            okt = self._leder(db, kode, token)
            if okt.fase == fase:
                return okt
            regler.sjekk_overgang(okt.fase, fase)
            if fase == Fase.OPEN and not regler.kan_gjenaapnes(okt.min_svar):
                raise UlovligFase(
                    "En egenvurdering kan ikke åpnes for svar fra mobil, for da kunne enkeltsvar "
                    "gjenkjennes. Opprett en ny workshop for gruppa i stedet."
                )
            if fase == Fase.VIST:
                n = self._antall(db, okt.id)
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
        def endre(db: Utforer):
            okt = self._leder(db, kode, token)
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
        def slett(db: Utforer):
            okt = self._leder(db, kode, token)
            for tabell in TABELLER:
                db(f"DELETE FROM {tabell} WHERE okt_id = ?", [okt.id])
            db("DELETE FROM ws_okt WHERE id = ?", [okt.id])
        self._kjor(slett)

    def okter_for_enhet(self, type_: str, enhet: Enhet) -> list[Okt]:
        """Every session of this tool for the same unit, oldest first."""
        rader = self._kjor(lambda db: db.alle(
            f"SELECT {_OKT_KOL} FROM ws_okt WHERE type = ? AND enhet_type = ? AND enhet_id = ? "
            "ORDER BY dato, opprettet",
            [type_, enhet.type, enhet.id],
        ))
        return [_okt_fra_rad(r) for r in rader]

    def enheter(self, type_: str) -> list[tuple[Enhet, int]]:
        """Units that have sessions of this type, with the number of sessions."""
        rader = self._kjor(lambda db: db.alle(
            "SELECT enhet_type, enhet_id, MAX(enhet_navn), COUNT(*) FROM ws_okt WHERE type = ? "
            "GROUP BY enhet_type, enhet_id ORDER BY 3",
            [type_],
        ))
        return [(Enhet(t, i, n), int(c)) for t, i, n, c in rader]

    # --- answers -------------------------------------------------------------------------------
    @staticmethod
    def _antall(db: Utforer, okt_id: str) -> int:
        return int(db.ein("SELECT COUNT(*) FROM ws_deltaker WHERE okt_id = ?", [okt_id])[0])

    def _skriv(self, db: Utforer, tabell: str, kolonner: Sequence[str], rader: list[list],
               slutt: str = "") -> None:
        """Insert many rows in one statement (DuckDB overrides this for large batches)."""
        if not rader:
            return
        plass = "(" + ", ".join(["?"] * len(kolonner)) + ")"
        db(f"INSERT INTO {tabell} ({', '.join(kolonner)}) VALUES {', '.join([plass] * len(rader))}{slutt}",
           [v for rad in rader for v in rad])

    def _lagre_svar(self, db, okt_id, deltaker, skaarer: list[Skaar], rolle, kilde, gruppe=None) -> None:
        no = _no()
        self._skriv(db, "ws_deltaker", DELTAKER_KOL, [[okt_id, deltaker, rolle, kilde, gruppe, no]],
                    _DELTAKER_SLUTT)
        self._skriv(db, "ws_svar", SVAR_KOL,
                    [[okt_id, deltaker, s.element, s.verdi, s.verdi2, s.begrunnelse, no] for s in skaarer],
                    _SVAR_SLUTT)

    def _parti(self, db: Utforer, innsendinger: Sequence[_Innsending]) -> list:
        """Store one or more participants' submits in the current transaction.

        Returns, per submit, the number of scores stored or the `WorkshopFeil` that rejected
        it (nothing of a rejected submit is written). A later submit by the same participant
        in the same batch replaces an earlier one, as it would one transaction later.
        """
        okter: dict[str, tuple | WorkshopFeil] = {}
        ut: list = []
        deltakere: dict[tuple, list] = {}
        svar: dict[tuple, list] = {}
        no = _no()
        for inns in innsendinger:
            try:
                if inns.kode not in okter:
                    try:
                        okt = self._hent_okt(db, inns.kode, lase=True)[0]
                        okter[inns.kode] = (okt, self._elementer(db, okt))
                    except UkjentOkt as feil:
                        okter[inns.kode] = feil
                funnet = okter[inns.kode]
                if isinstance(funnet, WorkshopFeil):
                    raise funnet
                okt, elementer = funnet
                if okt.fase not in regler.FASER_SVAR:
                    raise OktStengt(
                        f"Økta «{okt.tittel}» tar ikke imot svar nå ({okt.fase.tekst.lower()}). "
                        "Vent til lederen åpner for svar, eller spør lederen."
                    )
                skaarer = valider_svar(verktoy(okt.type), inns.skaarer, inns.begrunnelser,
                                       elementer=elementer)
            except WorkshopFeil as feil:
                ut.append(feil)
                continue
            deltakere[(okt.id, inns.deltaker)] = [okt.id, inns.deltaker, inns.rolle, inns.kilde, inns.gruppe, no]
            for s in skaarer:
                svar[(okt.id, inns.deltaker, s.element)] = [
                    okt.id, inns.deltaker, s.element, s.verdi, s.verdi2, s.begrunnelse, no]
            ut.append(len(skaarer))
        self._skriv(db, "ws_deltaker", DELTAKER_KOL, list(deltakere.values()), _DELTAKER_SLUTT)
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
        deltaker: str,
        skaarer: Mapping,
        begrunnelser: Mapping | None = None,
        rolle: str | None = None,
        gruppe: str | None = None,
    ) -> int:
        """Store a participant's whole answer atomically; return the number of scores stored.

        A later submit by the same participant replaces the earlier one (last answer counts).
        `gruppe`: the participant's group (tools with groups). Raises `UgyldigSvar` (nothing
        stored), `UkjentOkt` or `OktStengt`.
        """
        inns = _Innsending(normaliser_kode(kode), sjekk_deltaker(deltaker), skaarer,
                           begrunnelser, sjekk_rolle(rolle), "mobil", sjekk_gruppe(gruppe))
        return self._send(inns)

    def send_papirsvar(
        self,
        kode,
        token,
        skaarer: Mapping,
        begrunnelser: Mapping | None = None,
        rolle: str | None = None,
        gruppe: str | None = None,
    ) -> str:
        """The facilitator types in one participant's answer from paper; returns its new id."""
        rolle = sjekk_rolle(rolle)
        gruppe = sjekk_gruppe(gruppe)
        deltaker = ny_deltaker_id("papir-")

        def lagre(db: Utforer):
            okt = self._leder(db, kode, token)
            if okt.fase not in regler.FASER_PAPIR:
                raise UlovligFase(
                    "Papirsvar kan bare legges inn før resultatet vises. Skjul resultatet først "
                    "(gå tilbake til «Stengt for svar»)."
                )
            skaarer_ok = valider_svar(verktoy(okt.type), skaarer, begrunnelser, handling="lagre",
                                      elementer=self._elementer(db, okt))
            self._lagre_svar(db, okt.id, deltaker, skaarer_ok, rolle, "papir", gruppe)
        self._kjor(lagre)
        return deltaker

    def mitt_svar(self, kode, deltaker: str) -> dict[str, Skaar]:
        """This participant's own answer (empty if none): never anyone else's."""
        deltaker = sjekk_deltaker(deltaker)

        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return db.alle(
                "SELECT element, verdi, verdi2, begrunnelse FROM ws_svar "
                "WHERE okt_id = ? AND deltaker = ?", [okt.id, deltaker])
        return {r[0]: Skaar(*r) for r in self._kjor(hent)}

    def min_rolle(self, kode, deltaker: str) -> str | None:
        deltaker = sjekk_deltaker(deltaker)

        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return db.ein("SELECT rolle FROM ws_deltaker WHERE okt_id = ? AND deltaker = ?",
                          [okt.id, deltaker])
        rad = self._kjor(hent)
        return rad[0] if rad else None

    def antall_svar(self, kode) -> int:
        """How many participants have answered (a count only; safe to show to anyone)."""
        return self._kjor(lambda db: self._antall(db, self._hent_okt(db, kode)[0].id))

    def _fordeling(self, kode, token, kolonne: str) -> dict[str, int]:
        def hent(db: Utforer):
            okt = self._leder(db, kode, token)
            return db.alle(f"SELECT COALESCE({kolonne}, ''), COUNT(*) FROM ws_deltaker WHERE okt_id = ? "
                           "GROUP BY 1 ORDER BY 2 DESC, 1", [okt.id])
        return {r: int(n) for r, n in self._kjor(hent)}

    def rollefordeling(self, kode, token) -> dict[str, int]:
        """Answers per role category (facilitator only: small groups could identify people)."""
        return self._fordeling(kode, token, "rolle")

    def gruppefordeling(self, kode, token) -> dict[str, int]:
        """Answers per group ('' = in no group; facilitator only)."""
        return self._fordeling(kode, token, "gruppe")

    def svar(self, kode, token) -> pd.DataFrame:
        """Every individual answer with its participant id and role (facilitator only, export)."""
        def hent(db: Utforer):
            okt = self._leder(db, kode, token)
            return db.alle(
                "SELECT s.deltaker, d.rolle, d.kilde, d.gruppe, s.element, s.verdi, s.verdi2, "
                "s.begrunnelse, s.tid FROM ws_svar s JOIN ws_deltaker d "
                "ON d.okt_id = s.okt_id AND d.deltaker = s.deltaker WHERE s.okt_id = ? "
                "ORDER BY d.tid, s.deltaker, s.element", [okt.id])
        return pd.DataFrame(self._kjor(hent), columns=SVARKOLONNER)

    def anonyme_svar(self, kode, gruppe: str | None = None) -> pd.DataFrame:
        """Scores and reasons per item, without participant ids, sorted so that no row can be
        linked to another item's row. Only once revealed and with at least `min_svar` answers
        (in the group, when one is given); else `ResultatSkjult`. Anyone with the code may read it."""
        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            if okt.fase not in regler.FASER_VIST:
                raise ResultatSkjult("Resultatet er ikke vist ennå. Lederen viser det når alle har svart.")
            filter_, param = ("", [okt.id]) if gruppe is None else (
                " AND deltaker IN (SELECT deltaker FROM ws_deltaker WHERE okt_id = ? AND gruppe = ?)",
                [okt.id, okt.id, gruppe])
            n = (self._antall(db, okt.id) if gruppe is None else int(db.ein(
                "SELECT COUNT(*) FROM ws_deltaker WHERE okt_id = ? AND gruppe = ?", [okt.id, gruppe])[0]))
            if not regler.kan_vises(okt.fase, n, okt.min_svar):
                raise ResultatSkjult(
                    f"For få svar til å vise resultatet anonymt ({n} av minst {okt.min_svar})."
                )
            return db.alle(
                "SELECT element, verdi, verdi2, begrunnelse FROM ws_svar WHERE okt_id = ?" + filter_ +
                " ORDER BY element, verdi, verdi2, begrunnelse", param)
        return pd.DataFrame(self._kjor(hent), columns=ANONYME_KOLONNER)

    # --- consensus per level and actions -------------------------------------------------------
    def sett_konsensus(self, kode, token, verdier: Mapping, merknader: Mapping | None = None,
                       niva: str = PLENUM) -> None:
        """Store the agreed score per item at a level: the plenary, or a group (facilitator
        only, consensus phase). Individual answers are never touched. Every item needs a score
        the facilitator entered; nothing is filled in from the median."""
        niva = PLENUM if niva == PLENUM else sjekk_gruppe(niva)

        def lagre(db: Utforer):
            okt = self._leder(db, kode, token)
            if okt.fase not in regler.FASER_KONSENSUS:
                raise UlovligFase("Felleskarakteren settes i fasen «Felleskarakter». Gå dit først.")
            skaarer = valider_svar(verktoy(okt.type), verdier, merknader, handling="lagre",
                                   elementer=self._elementer(db, okt))
            self._lagre_konsensus(db, okt.id, skaarer, niva)
        self._kjor(lagre)

    @staticmethod
    def _lagre_konsensus(db: Utforer, okt_id: str, skaarer: list[Skaar], niva: str = PLENUM) -> None:
        no = _no()
        for s in skaarer:
            db("INSERT INTO ws_konsensus (okt_id, niva, element, verdi, verdi2, merknad, tid) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (okt_id, niva, element) DO UPDATE SET "
               "verdi = EXCLUDED.verdi, verdi2 = EXCLUDED.verdi2, merknad = EXCLUDED.merknad, "
               "tid = EXCLUDED.tid", [okt_id, niva, s.element, s.verdi, s.verdi2, s.begrunnelse, no])

    def konsensus(self, kode, niva: str = PLENUM) -> dict[str, Skaar]:
        """The agreed scores at a level (empty until set). Readable with the join code: it is the group's."""
        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return db.alle("SELECT element, verdi, verdi2, merknad FROM ws_konsensus "
                           "WHERE okt_id = ? AND niva = ?", [okt.id, niva])
        return {r[0]: Skaar(*r) for r in self._kjor(hent)}

    def nivaer(self, kode) -> list[str]:
        """The levels that have agreed scores: groups by name, then the plenary."""
        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return [r[0] for r in db.alle("SELECT DISTINCT niva FROM ws_konsensus WHERE okt_id = ?", [okt.id])]
        return sorted(self._kjor(hent), key=lambda n: (n == PLENUM, n))

    def _nytt_tiltak(self, db: Utforer, okt_id: str, t: Tiltak) -> int:
        nr = int(db.ein("SELECT COALESCE(MAX(nr), 0) + 1 FROM ws_tiltak WHERE okt_id = ?", [okt_id])[0])
        db("INSERT INTO ws_tiltak (okt_id, nr, element, hva, ansvarlig, frist, tid) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)", [okt_id, nr, t.element, t.hva, t.ansvarlig, t.frist, _no()])
        return nr

    def legg_til_tiltak(self, kode, token, tiltak: Tiltak) -> int:
        """Add a line to the action list (facilitator only, consensus phase); return its number."""
        def lagre(db: Utforer):
            okt = self._leder(db, kode, token)
            if okt.fase not in regler.FASER_KONSENSUS:
                raise UlovligFase("Tiltakslisten fylles ut i fasen «Felleskarakter». Gå dit først.")
            return self._nytt_tiltak(db, okt.id, sjekk_tiltak(verktoy(okt.type), tiltak, self._elementer(db, okt)))
        return self._kjor(lagre)

    def slett_tiltak(self, kode, token, nr: int) -> None:
        def slett(db: Utforer):
            okt = self._leder(db, kode, token)
            db("DELETE FROM ws_tiltak WHERE okt_id = ? AND nr = ?", [okt.id, int(nr)])
        self._kjor(slett)

    def tiltak(self, kode) -> list[Tiltak]:
        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return db.alle("SELECT hva, ansvarlig, frist, element, nr FROM ws_tiltak "
                           "WHERE okt_id = ? ORDER BY nr", [okt.id])
        return [Tiltak(*r) for r in self._kjor(hent)]

    def historikk(self, type_: str, enhet: Enhet) -> list[tuple[Okt, dict[str, Skaar]]]:
        """Every session of this tool for the unit that has a complete plenary consensus, oldest first."""
        v = verktoy(type_)

        def hent(db: Utforer):
            return db.alle(
                f"SELECT {', '.join('o.' + k.strip() for k in _OKT_KOL.split(','))}, "
                "s.element, s.verdi, s.verdi2, s.merknad FROM ws_okt o JOIN ws_konsensus s "
                "ON s.okt_id = o.id WHERE o.type = ? AND o.enhet_type = ? AND o.enhet_id = ? "
                "AND s.niva = ? ORDER BY o.dato, o.opprettet", [type_, enhet.type, enhet.id, PLENUM])
        okter: dict[str, tuple[Okt, dict[str, Skaar]]] = {}
        for rad in self._kjor(hent):
            okt = _okt_fra_rad(rad[:12])
            okter.setdefault(okt.id, (okt, {}))[1][rad[12]] = Skaar(*rad[12:])
        return [(o, s) for o, s in okter.values() if v.egne_elementer or set(v.nokler) <= set(s)]

    def egenvurdering(
        self,
        type_: str,
        enhet: Enhet,
        tittel: str,
        dato: date,
        skaarer: Mapping,
        begrunnelser: Mapping | None = None,
        etikett: str | None = None,
        tiltak: Sequence[Tiltak] = (),
        elementer: Sequence | None = None,
    ) -> NyOkt:
        """One leader's assessment without a workshop (or an earlier round typed in from paper):
        the scores are both the answer and the agreed score (the reasons its notes); stored in
        one transaction."""
        v = verktoy(type_)
        egne = sjekk_elementer(elementer) if v.egne_elementer else None
        skaarer_ok = valider_svar(v, skaarer, begrunnelser, handling="lagre", elementer=egne)
        tiltak_ok = [sjekk_tiltak(v, t, egne) for t in tiltak]
        ny = self.opprett_okt(type_, enhet, tittel, dato, etikett=etikett, min_svar=regler.MIN_SVAR_EGEN,
                              elementer=egne)

        def lagre(db: Utforer):
            okt = self._leder(db, ny.okt.kode, ny.token)
            self._lagre_svar(db, okt.id, ny_deltaker_id("egen-"), skaarer_ok, None, "egen")
            self._lagre_konsensus(db, okt.id, skaarer_ok)
            for t in tiltak_ok:
                self._nytt_tiltak(db, okt.id, t)
            db("UPDATE ws_okt SET fase = ? WHERE id = ?", [Fase.KONSENSUS.value, okt.id])
        try:
            self._kjor(lagre)
        except Exception:
            self.slett_okt(ny.okt.kode, ny.token)
            raise
        return NyOkt(self.okt(ny.okt.kode), ny.token)

    # --- checks for tests and the load test -------------------------------------------------------
    def tell_rader(self, kode) -> dict[str, int]:
        """Row counts for one session: answers, distinct (participant, item) keys, participants."""
        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            svar, unike = db.ein("SELECT COUNT(*), COUNT(DISTINCT deltaker || '|' || element) "
                                 "FROM ws_svar WHERE okt_id = ?", [okt.id])
            return {"svar": int(svar), "unike": int(unike), "deltakere": self._antall(db, okt.id)}
        return self._kjor(hent)
