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
import hashlib
import random
import threading
import time
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable, Mapping, NamedTuple, Sequence

import pandas as pd

from .. import regler
from ..feil import IngenTilgang, OktStengt, ResultatSkjult, UgyldigSvar, UkjentOkt, UlovligFase, WorkshopFeil
from ..modell import (
    MAKS_ELEMENTER, Enhet, NyOkt, Okt, Skaar, Tiltak, fold, _rens_tekst, normaliser_kode, ny_deltaker_id,
    ny_kode, ny_token, sjekk_deltaker, sjekk_elementer, sjekk_gruppe, sjekk_rolle, sjekk_tiltak, token_hash,
    token_stemmer, valider_svar,
)
from ..regler import PLENUM, Fase
from ..verktoy import Element, verktoy
from . import skjema

_OKT_KOL = ("id, type, kode, tittel, enhet_type, enhet_id, enhet_navn, dato, etikett, fase, "
            "min_svar, opprettet, publisert, visning")
_N_OKT = 14


class Tilstand(NamedTuple):
    """What a phone checks every few seconds: each change redraws it."""

    fase: Fase
    elementer: tuple[Element, ...]
    grupper: tuple[str, ...]
    noen_uten_gruppe: bool = False   # flips once when «Fordel» puts everyone left in a group

    def nokkel(self) -> str:
        """A short fingerprint: what a phone compares (the state itself stays on the server)."""
        return hashlib.sha256(repr(tuple(self)).encode("utf-8")).hexdigest()[:16]

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
TABELLER = ("ws_svar", "ws_deltaker", "ws_konsensus", "ws_tiltak", "ws_element", "ws_gruppe")
MAKS_GRUPPER = 20
_DELT_LAS = threading.Lock()


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
    (id_, type_, kode, tittel, e_type, e_id, e_navn, dato, etikett, fase, min_svar, opprettet, publisert,
     visning) = rad
    return Okt(
        id=id_, type=type_, kode=kode, tittel=tittel, enhet=Enhet(e_type, e_id, e_navn),
        dato=dato, etikett=etikett, fase=Fase(fase), min_svar=int(min_svar), opprettet=opprettet,
        publisert=bool(publisert), visning=tuple(filter(None, (visning or "").split(","))),
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
        # A session's own items may come later: the room brainstorms them while it runs.
        egne = v.med_malstatistikk(sjekk_elementer(elementer, tom_lov=True)) if v.egne_elementer else ()
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
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [okt_id, type_, kode, tittel, enhet.type, enhet.id, enhet.navn, dato,
                     etikett, Fase.OPEN.value, int(min_svar), _no(), False, "", token_hash(token)],
                )
                for nr, e in enumerate(egne, start=1):
                    db("INSERT INTO ws_element (okt_id, nr, nokkel, navn, statistikk) VALUES (?, ?, ?, ?, ?)",
                       [okt_id, nr, e.nokkel, e.navn, e.statistikk or None])
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
    def _elementer(db: Utforer, okt: Okt, med_fjernede: bool = False) -> tuple[Element, ...]:
        v = verktoy(okt.type)
        if not v.egne_elementer:
            return v.elementer
        return tuple(Element(n, navn, statistikk=stat or "") for n, navn, stat in db.alle(
            "SELECT nokkel, navn, statistikk FROM ws_element WHERE okt_id = ?"
            + ("" if med_fjernede else " AND fjernet IS NULL") + " ORDER BY nr", [okt.id]))

    def elementer(self, kode, med_fjernede: bool = False) -> tuple[Element, ...]:
        """The items this session scores: the tool's, or the session's own (`med_fjernede`: with
        those removed while it ran, which keep their answers in the record)."""
        return self._kjor(lambda db: self._elementer(db, self._hent_okt(db, kode)[0], med_fjernede))

    tilstand_s = 1.0   # a room of phones checks every 3 s each: one query a second per session is enough

    def tilstand_delt(self, kode) -> Tilstand:
        """`tilstand`, shared by every phone of the process for up to `tilstand_s` seconds (200
        phones: one query a second instead of 67). A fresh `tilstand` (a page load) replaces it,
        so a page's own check never sees an older state than the page and reruns, eating a click."""
        delt, las = self._delt()
        with las:
            treff = delt.get(normaliser_kode(kode))
        if treff and time.monotonic() - treff[0] < self.tilstand_s:
            return treff[1]
        return self.tilstand(kode)

    def tilstand(self, kode) -> Tilstand:
        """Phase, current items and the groups in one query: what a phone checks every
        few seconds (each change redraws the phone: a new item, a new phase, groups to join)."""
        lest = time.monotonic()   # when the read began: a slower, older read never replaces a newer one
        verdi = self._kjor(lambda db: self._tilstand(db, kode))
        self._husk(kode, lest, verdi)
        return verdi

    def for_deltaker(self, kode, deltaker: str):
        """What a phone's page needs, in one transaction (a room of phones loads it at once): the
        session, this participant's own answer and role, and the session's state (see `tilstand`)."""
        deltaker = sjekk_deltaker(deltaker)
        lest = time.monotonic()

        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            mitt = {r[0]: Skaar(*r) for r in db.alle(
                "SELECT element, verdi, verdi2, begrunnelse FROM ws_svar WHERE okt_id = ? AND deltaker = ?",
                [okt.id, deltaker])}
            rolle = db.ein("SELECT rolle FROM ws_deltaker WHERE okt_id = ? AND deltaker = ?", [okt.id, deltaker])
            return okt, mitt, self._tilstand(db, kode, okt), rolle[0] if rolle else None
        okt, mitt, tilstand, rolle = self._kjor(hent)
        self._husk(kode, lest, tilstand)
        return okt, mitt, tilstand, rolle

    def _husk(self, kode, lest: float, verdi) -> None:
        delt, las = self._delt()
        with las:
            if len(delt) > 1000:
                delt.clear()
            gammel = delt.get(normaliser_kode(kode))
            if gammel is None or gammel[0] <= lest:
                delt[normaliser_kode(kode)] = (lest, verdi)

    def _delt(self) -> tuple[dict, threading.Lock]:
        """The shared states and their lock, made on first use (one per store object)."""
        with _DELT_LAS:
            if "_delt_tilstand" not in self.__dict__:
                self.__dict__["_delt_tilstand"] = ({}, threading.Lock())
            return self.__dict__["_delt_tilstand"]

    def _tilstand(self, db: Utforer, kode, okt: Okt | None = None) -> Tilstand:
        """Simple queries, each only where the tool has the thing: a join with a subquery for the
        groups took 10 ms on DuckDB, the session row alone 2 (`for_deltaker` passes the row it read).
        Who is in which group is not part of it (every choice would redraw every phone): only
        whether anyone who answered is without one, while the groups are chosen."""
        okt = okt or self._hent_okt(db, kode)[0]
        v = verktoy(okt.type)
        grupper = tuple(r[0] for r in db.alle("SELECT navn FROM ws_gruppe WHERE okt_id = ? ORDER BY nr",
                                              [okt.id])) if v.har_grupper else ()
        uten = bool(grupper) and okt.fase in regler.FASER_VELG_GRUPPE and db.ein(
            "SELECT count(*) FROM ws_deltaker WHERE okt_id = ? AND gruppe IS NULL", [okt.id])[0] > 0
        return Tilstand(okt.fase, self._elementer(db, okt), grupper, uten)

    # --- a session's own items, edited while it runs (facilitator only) -----------------------
    def _egen_okt(self, db: Utforer, kode, token) -> Okt:
        okt = self._leder(db, kode, token)
        if not verktoy(okt.type).egne_elementer:
            raise UgyldigSvar("Dette verktøyet har faste elementer; de kan ikke endres.")
        return okt

    def legg_til_elementer(self, kode, token, navn: Sequence[str], statistikk: Sequence[str] | None = None,
                           ) -> tuple[Element, ...]:
        """Add items at the end of the list (before or while the session runs); names already in
        the list are refused, so a double click or a repeated template adds nothing twice."""
        def lagre(db: Utforer):
            okt = self._egen_okt(db, kode, token)
            alle = db.alle("SELECT nokkel, navn, nr, fjernet FROM ws_element WHERE okt_id = ?", [okt.id])
            aktive = [r for r in alle if r[3] is None]
            stat = list(statistikk or []) + [""] * len(navn)
            nye = verktoy(okt.type).med_malstatistikk(sjekk_elementer(
                [Element(f"x{i}", n, statistikk=s or "") for i, (n, s) in enumerate(zip(navn, stat))]))
            kjente = {fold(r[1]) for r in aktive}
            dobbel = [e.navn for e in nye if fold(e.navn) in kjente]
            if dobbel:
                raise UgyldigSvar(f"Står allerede i lista: {', '.join(dobbel)}.")
            if len(aktive) + len(nye) > MAKS_ELEMENTER:
                raise UgyldigSvar(f"Lista kan ha høyst {MAKS_ELEMENTER} elementer (nå {len(aktive)}). "
                                  "Fjern noen først, eller del lista i to økter.")
            # Keys are never reused: an answer to a removed item must not count for a new one.
            neste = 1 + max([int(r[0][1:]) for r in alle if r[0][1:].isdigit()] or [0])
            nr = 1 + max([r[2] for r in alle] or [0])
            ut = []
            for i, e in enumerate(nye):
                ny = Element(f"e{neste + i}", e.navn, statistikk=e.statistikk)
                db("INSERT INTO ws_element (okt_id, nr, nokkel, navn, statistikk) VALUES (?, ?, ?, ?, ?)",
                   [okt.id, nr + i, ny.nokkel, ny.navn, ny.statistikk or None])
                ut.append(ny)
            return tuple(ut)
        return self._kjor(lagre)

    def fjern_element(self, kode, token, nokkel: str) -> None:
        """Take an item off the list. It stays in the store marked removed, with any answers and
        placements it has (the record keeps them, and its key is never given to a new item: a
        phone still showing it must not score another)."""
        def slett(db: Utforer):
            okt = self._egen_okt(db, kode, token)
            if not db.ein("SELECT 1 FROM ws_element WHERE okt_id = ? AND nokkel = ? AND fjernet IS NULL",
                          [okt.id, nokkel]):
                raise UgyldigSvar(f"Ukjent element «{nokkel}». Last siden på nytt.")
            db("UPDATE ws_element SET fjernet = ? WHERE okt_id = ? AND nokkel = ?", [_no(), okt.id, nokkel])
        self._kjor(slett)

    def flytt_element(self, kode, token, nokkel: str, steg: int) -> None:
        """Move an item `steg` places up (negative) or down the list."""
        def flytt(db: Utforer):
            okt = self._egen_okt(db, kode, token)
            rekke = [r[0] for r in db.alle("SELECT nokkel FROM ws_element WHERE okt_id = ? AND fjernet IS NULL "
                                           "ORDER BY nr", [okt.id])]
            if nokkel not in rekke:
                raise UgyldigSvar(f"Ukjent element «{nokkel}». Last siden på nytt.")
            i = rekke.index(nokkel)
            rekke.insert(max(0, min(len(rekke) - 1, i + int(steg))), rekke.pop(i))
            start = int(db.ein("SELECT COALESCE(MAX(nr), 0) FROM ws_element WHERE okt_id = ?", [okt.id])[0])
            for j, n in enumerate(rekke, start=start + 1):  # new numbers above every old one: never a clash
                db("UPDATE ws_element SET nr = ? WHERE okt_id = ? AND nokkel = ?", [j, okt.id, n])
        self._kjor(flytt)

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
            regler.sjekk_overgang(okt.fase, fase, verktoy(okt.type).har_grupper)
            if fase == Fase.OPEN and not regler.kan_gjenaapnes(okt.min_svar):
                raise UlovligFase(
                    "En egenvurdering kan ikke åpnes for svar fra mobil, for da kunne enkeltsvar "
                    "gjenkjennes. Opprett en ny workshop for gruppa i stedet."
                )
            if fase == Fase.VIST:
                n, papir = self._telling(db, okt.id)
                if not regler.nok_svar(n, okt.min_svar, papir):
                    raise ResultatSkjult(
                        f"Resultatet kan ikke vises før minst {okt.min_svar} har svart "
                        f"(nå {n}), slik at ingen enkeltsvar kan gjenkjennes. Vent på flere svar, "
                        "eller legg inn papirsvar." if n < okt.min_svar else
                        f"Resultatet kan ikke vises: {n - papir} har svart på mobil og {papir} på papir. "
                        f"Papirsvarene har du lagt inn selv, så de skjuler ikke mobilsvarene for deg; "
                        f"det trengs minst {okt.min_svar} mobilsvar (eller bare papirsvar)."
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

    def publiser(self, kode, token, publisert: bool = True) -> Okt:
        """Show the session's agreed result outside it (the start page's earlier assessments and
        later rounds' comparisons), or take it back (facilitator only). Answers are never shown."""
        def endre(db: Utforer):
            okt = self._leder(db, kode, token)
            db("UPDATE ws_okt SET publisert = ? WHERE id = ?", [bool(publisert), okt.id])
        self._kjor(endre)
        return self.okt(kode)

    def sett_visning(self, kode, token, valg: Sequence[str]) -> Okt:
        """The chart's options switched on (facilitator only): only those the tool offers."""
        def endre(db: Utforer):
            okt = self._leder(db, kode, token)
            tilbudt = verktoy(okt.type).diagramvalg
            ukjent = [v for v in valg if v not in tilbudt]
            if ukjent:
                raise UgyldigSvar(f"Ukjent visning «{ukjent[0]}». Velg blant: {', '.join(tilbudt) or 'ingen'}.")
            db("UPDATE ws_okt SET visning = ? WHERE id = ?", [",".join(k for k in tilbudt if k in valg), okt.id])
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
        """Units that have published sessions of this type, with their number (what anyone may
        see without a code: nothing unpublished)."""
        rader = self._kjor(lambda db: db.alle(
            "SELECT enhet_type, enhet_id, MAX(enhet_navn), COUNT(*) FROM ws_okt WHERE type = ? AND publisert "
            "GROUP BY enhet_type, enhet_id ORDER BY 3",
            [type_],
        ))
        return [(Enhet(t, i, n), int(c)) for t, i, n, c in rader]

    # --- answers -------------------------------------------------------------------------------
    @staticmethod
    def _antall(db: Utforer, okt_id: str) -> int:
        return int(db.ein("SELECT COUNT(*) FROM ws_deltaker WHERE okt_id = ?", [okt_id])[0])

    @staticmethod
    def _telling(db: Utforer, okt_id: str, gruppe: str | None = None) -> tuple[int, int]:
        """Participants who answered and how many of them on paper (in one group, when given)."""
        rad = db.ein("SELECT COUNT(*), COUNT(*) FILTER (WHERE kilde = 'papir') FROM ws_deltaker WHERE okt_id = ?"
                     + (" AND gruppe = ?" if gruppe is not None else ""),
                     [okt_id] if gruppe is None else [okt_id, gruppe])
        return int(rad[0]), int(rad[1])

    def svartelling(self, kode) -> tuple[int, int]:
        """(answers, of which typed in from paper): counts only, safe to show."""
        return self._kjor(lambda db: self._telling(db, self._hent_okt(db, kode)[0].id))

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

    # --- group commit ------------------------------------------------------------------------------
    # Each write transaction costs a few milliseconds (DuckDB's CPU, PostgreSQL's round trips and
    # WAL flush), so 200 phones submitting at once would queue for a second. Instead, submits that
    # arrive while another is being written are written together, in one transaction, by whichever
    # request thread gets there first; each submit is still checked on its own (a rejected one
    # writes nothing) and its request returns only after the commit that holds it. If a shared
    # transaction fails for an unexpected reason, its submits are retried one transaction each.
    # `gruppe=False` gives one transaction per submit.
    samle_s = 0.003         # how long the first writer waits for company (like commit_delay)
    maks_parti = 400        # submits in one shared transaction at most
    vent_s = 60.0           # a submit waits at most this long for the commit that holds it

    def _gruppecommit(self, gruppe: bool) -> None:
        self.gruppe = gruppe
        self._ko: list[tuple[_Innsending, Future]] = []
        self._ko_las = threading.Lock()
        self._skriver = threading.Lock()

    def _send(self, inns: _Innsending) -> int:
        if not getattr(self, "gruppe", False):
            svar = self._kjor(lambda db: self._parti(db, [inns]))[0]
            if isinstance(svar, Exception):
                raise svar
            return svar
        fut: Future = Future()
        with self._ko_las:
            self._ko.append((inns, fut))
        # Whoever holds `_skriver` writes everything queued until the queue is empty; it checks
        # for emptiness and lets go in one step under `_ko_las`, so a submit queued meanwhile is
        # either taken by that writer or finds the lock free and writes itself. Waiters block.
        if self._skriver.acquire(blocking=False):
            try:
                time.sleep(self.samle_s)
                while True:
                    with self._ko_las:
                        parti, self._ko = self._ko[:self.maks_parti], self._ko[self.maks_parti:]
                        if not parti:
                            self._skriver.release()
                            break
                    self._skriv_parti(parti)
            except BaseException:
                with self._ko_las:      # nobody must wait for a writer that is gone
                    igjen, self._ko = self._ko, []
                for _, f in igjen:
                    if not f.done():
                        f.set_result(RuntimeError("Svaret ble ikke lagret. Send på nytt."))
                self._skriver.release()
                raise
        try:
            svar = fut.result(timeout=self.vent_s)
        except TimeoutError:
            raise RuntimeError("Svaret ble ikke lagret i tide. Send på nytt.") from None
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
            n, papir = self._telling(db, okt.id, gruppe)
            if not regler.kan_vises(okt.fase, n, okt.min_svar, papir):
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
            self._sjekk_konsensusfase(okt, niva)
            self._lagre_konsensus(db, okt.id, self._konsensus_skaarer(db, okt, verdier, merknader), niva)
        self._kjor(lagre)

    def _konsensus_skaarer(self, db: Utforer, okt: Okt, verdier, merknader) -> list[Skaar]:
        v = verktoy(okt.type)
        return valider_svar(v, verdier, merknader, handling="lagre", elementer=self._elementer(db, okt),
                            delvis=v.konsensus_delvis, hopp=False)

    @staticmethod
    def _sjekk_konsensusfase(okt: Okt, niva: str) -> None:
        if not regler.kan_sette_konsensus(okt.fase, niva):
            v = verktoy(okt.type)
            fase = Fase.KONSENSUS if niva == PLENUM else Fase.GRUPPE
            hva = "Felleskarakteren" if niva == PLENUM else f"Plasseringen for {niva}"
            raise UlovligFase(f"{hva} settes i fasen «{v.fasetekst(fase)}». Gå dit først.")

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

    # --- groups: named by the facilitator, chosen on the phone, agreed on one device -------------
    def sett_grupper(self, kode, token, navn: Sequence[str]) -> list[str]:
        """Name the session's groups (facilitator only). A group that has members or an agreed
        placement cannot be taken out of the list."""
        rensede = [sjekk_gruppe(n) for n in navn if str(n or "").strip()]
        if len({fold(n) for n in rensede}) != len(rensede):
            raise UgyldigSvar("To grupper har samme navn. Gi hver gruppe sitt eget navn.")
        if len(rensede) > MAKS_GRUPPER:
            raise UgyldigSvar(f"Høyst {MAKS_GRUPPER} grupper.")

        def lagre(db: Utforer):
            okt = self._leder(db, kode, token)
            i_bruk = {r[0] for r in db.alle(
                "SELECT gruppe FROM ws_deltaker WHERE okt_id = ? AND gruppe IS NOT NULL UNION "
                "SELECT niva FROM ws_konsensus WHERE okt_id = ? AND niva <> ?", [okt.id, okt.id, PLENUM])}
            borte = sorted(i_bruk - set(rensede))
            if borte:
                raise UgyldigSvar(f"{', '.join(borte)} har medlemmer eller plasseringer og kan ikke fjernes.")
            db("DELETE FROM ws_gruppe WHERE okt_id = ?", [okt.id])
            for nr, n in enumerate(rensede, start=1):
                db("INSERT INTO ws_gruppe (okt_id, nr, navn) VALUES (?, ?, ?)", [okt.id, nr, n])
            return rensede
        return self._kjor(lagre)

    def grupper(self, kode) -> list[str]:
        """The session's groups in the facilitator's order (their names are not secret)."""
        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return [r[0] for r in db.alle("SELECT navn FROM ws_gruppe WHERE okt_id = ? ORDER BY nr", [okt.id])]
        return self._kjor(hent)

    def velg_gruppe(self, kode, deltaker: str, gruppe: str | None) -> None:
        """A participant who has answered joins one of the named groups (or leaves it: None)."""
        deltaker = sjekk_deltaker(deltaker)

        def lagre(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            if okt.fase not in regler.FASER_VELG_GRUPPE:
                raise UlovligFase("Gruppene velges når resultatet er vist, før gruppearbeidet starter. "
                                  "Spør lederen om å gå tilbake til resultatet hvis du må bytte gruppe.")
            navn = [r[0] for r in db.alle("SELECT navn FROM ws_gruppe WHERE okt_id = ?", [okt.id])]
            if gruppe is not None and gruppe not in navn:
                raise UgyldigSvar(f"Ukjent gruppe «{gruppe}». Velg en gruppe fra lista.")
            if not db.ein("SELECT 1 FROM ws_deltaker WHERE okt_id = ? AND deltaker = ?", [okt.id, deltaker]):
                raise UgyldigSvar("Bare de som har sendt inn sine egne svar, kan bli med i en gruppe.")
            db("UPDATE ws_deltaker SET gruppe = ? WHERE okt_id = ? AND deltaker = ?", [gruppe, okt.id, deltaker])
        self._kjor(lagre)

    def min_gruppe(self, kode, deltaker: str) -> str | None:
        deltaker = sjekk_deltaker(deltaker)

        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return db.ein("SELECT gruppe FROM ws_deltaker WHERE okt_id = ? AND deltaker = ?", [okt.id, deltaker])
        rad = self._kjor(hent)
        return rad[0] if rad else None

    def fordel_grupper(self, kode, token) -> dict[str, int]:
        """Put everyone who has answered and is in no group into the smallest group, in turn
        (facilitator only); returns the groups' sizes."""
        def fordel(db: Utforer):
            okt = self._leder(db, kode, token)
            if okt.fase not in regler.FASER_VELG_GRUPPE:
                raise UlovligFase("Deltakerne fordeles når resultatet er vist, før gruppearbeidet starter.")
            navn = [r[0] for r in db.alle("SELECT navn FROM ws_gruppe WHERE okt_id = ? ORDER BY nr", [okt.id])]
            if not navn:
                raise UgyldigSvar("Lag gruppene først (skriv inn navnene), så kan deltakerne fordeles.")
            storrelse = dict.fromkeys(navn, 0)
            uten = []
            for deltaker, gruppe in db.alle("SELECT deltaker, gruppe FROM ws_deltaker WHERE okt_id = ? "
                                            "ORDER BY tid, deltaker", [okt.id]):
                if gruppe in storrelse:
                    storrelse[gruppe] += 1
                else:
                    uten.append(deltaker)
            random.Random(okt.id).shuffle(uten)  # not the order they sent: neighbours in the room mix
            for deltaker in uten:
                minst = min(navn, key=lambda g: (storrelse[g], navn.index(g)))
                storrelse[minst] += 1
                db("UPDATE ws_deltaker SET gruppe = ? WHERE okt_id = ? AND deltaker = ?", [minst, okt.id, deltaker])
            return storrelse
        return self._kjor(fordel)

    def sett_gruppeplassering(self, kode, deltaker: str, verdier: Mapping, merknader: Mapping | None = None) -> str:
        """A group's agreed placement, saved from one member's device (group stage only);
        returns the group. Individual answers are never touched."""
        deltaker = sjekk_deltaker(deltaker)

        def lagre(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            rad = db.ein("SELECT gruppe FROM ws_deltaker WHERE okt_id = ? AND deltaker = ?", [okt.id, deltaker])
            if not rad or not rad[0]:
                raise UgyldigSvar("Velg gruppa di først.")
            self._sjekk_konsensusfase(okt, rad[0])
            self._lagre_konsensus(db, okt.id, self._konsensus_skaarer(db, okt, verdier, merknader), rad[0])
            return rad[0]
        return self._kjor(lagre)

    def gruppestatus(self, kode) -> list[dict]:
        """Per group: members and items placed (counts only, readable with the code)."""
        def hent(db: Utforer):
            okt, _ = self._hent_okt(db, kode)
            return db.alle(
                "SELECT g.navn, (SELECT COUNT(*) FROM ws_deltaker d WHERE d.okt_id = g.okt_id AND d.gruppe = g.navn), "
                "(SELECT COUNT(*) FROM ws_konsensus k JOIN ws_element e ON e.okt_id = k.okt_id "
                "AND e.nokkel = k.element AND e.fjernet IS NULL WHERE k.okt_id = g.okt_id AND k.niva = g.navn) "
                "FROM ws_gruppe g WHERE g.okt_id = ? ORDER BY g.nr", [okt.id])
        return [{"gruppe": g, "medlemmer": int(m), "plassert": int(p)} for g, m, p in self._kjor(hent)]

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

    def historikk(self, type_: str, enhet: Enhet, med: str | None = None) -> list[tuple[Okt, dict[str, Skaar]]]:
        """Every published session of this tool for the unit that has a complete plenary
        consensus, oldest first; `med`: the code of one more session to include published or
        not (the facilitator's own, seen through its link)."""
        v = verktoy(type_)

        def hent(db: Utforer):
            return db.alle(
                f"SELECT {', '.join('o.' + k.strip() for k in _OKT_KOL.split(','))}, "
                "s.element, s.verdi, s.verdi2, s.merknad FROM ws_okt o JOIN ws_konsensus s "
                "ON s.okt_id = o.id WHERE o.type = ? AND o.enhet_type = ? AND o.enhet_id = ? "
                "AND s.niva = ? AND (o.publisert OR o.kode = ?) ORDER BY o.dato, o.opprettet",
                [type_, enhet.type, enhet.id, PLENUM, normaliser_kode(med or "")])
        okter: dict[str, tuple[Okt, dict[str, Skaar]]] = {}
        for rad in self._kjor(hent):
            okt = _okt_fra_rad(rad[:_N_OKT])
            okter.setdefault(okt.id, (okt, {}))[1][rad[_N_OKT]] = Skaar(*rad[_N_OKT:])
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
        publiser: bool = False,
    ) -> NyOkt:
        """One leader's assessment without a workshop (or an earlier round typed in from paper):
        the scores are both the answer and the agreed score (the reasons its notes); stored in
        one transaction. `publiser`: shown outside the session (see `publiser`)."""
        v = verktoy(type_)
        egne = sjekk_elementer(elementer) if v.egne_elementer else None
        skaarer_ok = valider_svar(v, skaarer, begrunnelser, handling="lagre", elementer=egne,
                                  delvis=v.konsensus_delvis)
        tiltak_ok = [sjekk_tiltak(v, t, egne) for t in tiltak]
        ny = self.opprett_okt(type_, enhet, tittel, dato, etikett=etikett, min_svar=regler.MIN_SVAR_EGEN,
                              elementer=egne)

        def lagre(db: Utforer):
            okt = self._leder(db, ny.okt.kode, ny.token)
            self._lagre_svar(db, okt.id, ny_deltaker_id("egen-"), skaarer_ok, None, "egen")
            self._lagre_konsensus(db, okt.id, [s for s in skaarer_ok if not s.hoppet])
            for t in tiltak_ok:
                self._nytt_tiltak(db, okt.id, t)
            db("UPDATE ws_okt SET fase = ?, publisert = ? WHERE id = ?", [Fase.KONSENSUS.value, bool(publiser), okt.id])
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
