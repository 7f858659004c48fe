"""The workshop engine's model: sessions, units, answers, actions, join codes, tokens, validation.

Pure Python, no database and no Streamlit, shared by every store back end. Which items are
scored, on how many axes and on which scale, is the tool's (`verktoy.Verktoy`); the phases and
who sees what are the rules' (`regler`).
"""
from __future__ import annotations

import hashlib
import hmac
import numbers
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Mapping, Sequence

from .feil import UgyldigSvar
from .regler import FASETEKST, MIN_SVAR, OVERGANGER, Fase, er_egenvurdering, sjekk_overgang  # noqa: F401
from .verktoy import Element, Verktoy, registrer as registrer_verktoy, verktoy  # noqa: F401


ROLLER = ("politiker", "administrasjon", "næringsliv", "frivillig sektor", "innbygger", "ungdom")

KILDER = ("mobil", "papir", "egen")  # how an answer came in: phone, typed from paper, alone

MAKS_BEGRUNNELSE = 500
MAKS_TEKST = 200
MAKS_ELEMENTER = 60   # a session's own items: a long list on a phone, still one screen per item

# «Kan ikke vurdere»: what a form sends for an item the participant skips (tools with `kan_hoppe`).
HOPPET = "kan ikke vurdere"


# --- Units ----------------------------------------------------------------------------------

# The keys are stored as they are; the labels are bokmål.
ENHETSTYPER = {"kommune": "Kommune", "region": "Region", "sted": "Sted / bygd"}


@dataclass(frozen=True)
class Enhet:
    """What is assessed: a municipality from the register, a region or a named place.

    `id` identifies the unit across sessions (the municipality number, or the name folded to
    lower case), so that every session for the same unit can be compared over time.
    """

    type: str
    id: str
    navn: str

    @classmethod
    def kommune(cls, kommunenummer: str, navn: str) -> "Enhet":
        nr = str(kommunenummer).strip()
        if not re.fullmatch(r"\d{4}", nr):
            raise UgyldigSvar(f"Kommunenummeret «{nr}» har ikke fire sifre. Velg kommunen fra listen.")
        return cls("kommune", nr, _rens_tekst(navn, "Kommunenavnet"))

    @classmethod
    def fritekst(cls, navn: str, type_: str = "sted") -> "Enhet":
        if type_ not in ENHETSTYPER:
            raise UgyldigSvar(f"Ukjent enhetstype «{type_}». Velg kommune, region eller sted.")
        navn = _rens_tekst(navn, "Navnet på enheten")
        return cls(type_, fold(navn), navn)

    @property
    def nokkel(self) -> str:
        return f"{self.type}:{self.id}"


def fold(tekst: str) -> str:
    """A name as the engine compares names: NFC, case folded, one space (the one rule for «the
    same item» or «the same unit»)."""
    return " ".join(unicodedata.normalize("NFC", tekst).casefold().split())




def sjekk_tegn(tekst: str, hva: str) -> str:
    """Text a database can store: no NUL byte and no lone surrogate (neither is a character)."""
    if "\x00" in tekst or any("\ud800" <= c <= "\udfff" for c in tekst):
        raise UgyldigSvar(f"{hva} inneholder tegn som ikke kan lagres. Skriv teksten inn på nytt "
                          "(ikke lim inn fra et annet program) og prøv igjen.")
    return tekst


def _rens_tekst(tekst, hva: str, maks: int = MAKS_TEKST, paakravd: bool = True) -> str:
    if tekst is None:
        tekst = ""
    if not isinstance(tekst, str):
        raise UgyldigSvar(f"{hva} må være tekst. Skriv det inn på nytt og prøv igjen.")
    tekst = " ".join(unicodedata.normalize("NFC", sjekk_tegn(tekst, hva)).split())
    if paakravd and not tekst:
        raise UgyldigSvar(f"{hva} mangler. Fyll det inn og prøv igjen.")
    if len(tekst) > maks:
        raise UgyldigSvar(f"{hva} er for langt ({len(tekst)} tegn). Kort det ned til {maks} tegn.")
    return tekst


# --- Sessions ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Okt:
    """A workshop session as stored (never carries the facilitator token itself)."""

    id: str
    type: str
    kode: str
    tittel: str
    enhet: Enhet
    dato: date
    etikett: str | None
    fase: Fase
    min_svar: int
    opprettet: datetime
    publisert: bool = False   # the result is shown outside the session (start page, later rounds)
    visning: tuple[str, ...] = ()   # the chart's options switched on (the tool's `diagramvalg`)

    @property
    def er_egenvurdering(self) -> bool:
        """Made by `Lager.egenvurdering`: one person's scores, no room to join."""
        return er_egenvurdering(self.min_svar)

    @property
    def navn(self) -> str:
        """The label used when sessions are compared: the label (e.g. «År 1») or the date."""
        return self.etikett or self.dato.strftime("%d.%m.%Y")


def rundenavn(okter) -> list[str]:
    """Names that tell sessions apart in a chart or a list: `Okt.navn`, and where two share it,
    the date, then the title, then the code in brackets (two «År 1» never merge into one line)."""
    from collections import Counter

    ut = [o.navn for o in okter]
    for tillegg in (lambda o: o.dato.strftime("%d.%m.%Y"), lambda o: o.tittel, lambda o: o.kode):
        like = Counter(ut)
        ut = [f"{n} ({tillegg(o)})" if like[n] > 1 and tillegg(o) not in n else n for n, o in zip(ut, okter)]
    return ut


@dataclass(frozen=True)
class NyOkt:
    """What `Lager.opprett_okt` returns: the session and, once only, the facilitator token."""

    okt: Okt
    token: str


@dataclass(frozen=True)
class Skaar:
    """One validated answer to one item; a skip («kan ikke vurdere») has no values."""

    element: str
    verdi: int | None
    verdi2: int | None = None
    begrunnelse: str | None = None

    @property
    def hoppet(self) -> bool:
        return self.verdi is None


@dataclass(frozen=True)
class Tiltak:
    """One line of the action list: what to strengthen, who is responsible, by when."""

    hva: str
    ansvarlig: str
    frist: date | None = None
    element: str | None = None
    id: int | None = field(default=None, compare=False)


# --- Join codes and tokens ------------------------------------------------------------------------

KODEALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
KODELENGDE = 5
KODE_RE = re.compile(f"[{KODEALFABET}]{{{KODELENGDE}}}")  # what a join code can be, exactly


def ny_kode() -> str:
    return "".join(secrets.choice(KODEALFABET) for _ in range(KODELENGDE))


def normaliser_kode(kode) -> str:
    """`" ab-c2d "` -> `"ABC2D"`. Does not validate; an unknown code is simply not found."""
    if not isinstance(kode, str):
        return ""
    return re.sub(r"[\s\-]", "", kode).upper()


def ny_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_stemmer(token, lagret_hash: str) -> bool:
    if not isinstance(token, str) or not token:
        return False
    return hmac.compare_digest(token_hash(token), lagret_hash)


DELTAKER_RE = re.compile(r"[A-Za-z0-9_\-]{8,64}")


def ny_deltaker_id(prefiks: str = "") -> str:
    return prefiks + secrets.token_urlsafe(12)


def sjekk_deltaker(deltaker) -> str:
    if not isinstance(deltaker, str) or not DELTAKER_RE.fullmatch(deltaker):
        raise UgyldigSvar("Deltakerlenken er ugyldig. Åpne lenken fra storskjermen på nytt.")
    return deltaker


# --- Validation of answers --------------------------------------------------------------------------

def _heltall(verdi, navn: str, verktoy_: Verktoy, handling: str = "send") -> int:
    if type(verdi) is int and verktoy_.laveste <= verdi <= verktoy_.hoyeste:
        return verdi  # the common case, without building messages (a batch checks thousands)
    spenn = f"fra {verktoy_.laveste} til {verktoy_.hoyeste}"
    forklar = f" ({verktoy_.skala})" if verktoy_.skala else ""
    if verdi is None:
        raise UgyldigSvar(f"{navn} mangler karakter. Velg en karakter {spenn}{forklar} og {handling} igjen.")
    if isinstance(verdi, str) and re.fullmatch(r"\s*-?\d{1,6}\s*", verdi):
        verdi = int(verdi)
    elif isinstance(verdi, str) and re.fullmatch(r"\s*-?\d+\s*", verdi) or (
            isinstance(verdi, numbers.Integral) and not isinstance(verdi, bool) and abs(verdi) > 10**6):
        raise UgyldigSvar(f"Karakteren for {navn} er et svært stort tall, men må være {spenn}{forklar}. "
                          f"Rett den og {handling} igjen.")
    if isinstance(verdi, bool) or not isinstance(verdi, numbers.Integral):
        vist = str(verdi)[:20] + ("…" if len(str(verdi)) > 20 else "")
        raise UgyldigSvar(
            f"Karakteren for {navn} («{vist}») er ikke et heltall. Velg en karakter {spenn}{forklar}."
        )
    verdi = int(verdi)
    if not verktoy_.laveste <= verdi <= verktoy_.hoyeste:
        raise UgyldigSvar(
            f"Karakteren for {navn} er {verdi}, men må være {spenn}{forklar}. Rett den og {handling} igjen."
        )
    return verdi


def valider_svar(
    verktoy_: Verktoy,
    skaarer,
    begrunnelser: Mapping[str, str | None] | None = None,
    handling: str = "send",
    elementer: Sequence[Element] | None = None,
    delvis: bool = False,
    hopp: bool | None = None,
) -> list[Skaar]:
    """Check a whole submit; return the answers in item order, or raise `UgyldigSvar`.

    `skaarer` maps item key -> score (one axis) or -> (score, score) (two axes), or -> `HOPPET`
    where the tool lets a participant skip (`hopp`, by default the tool's `kan_hoppe`). `elementer`
    are the session's own items (tools with `egne_elementer`), else the tool's. `delvis`: items
    may be left out (agreed scores saved item by item). `handling` is the verb on the form's
    button («send», «lagre»), so a message says what to do again.
    """
    hopp = verktoy_.kan_hoppe if hopp is None else hopp
    elementer = tuple(elementer) if elementer is not None else verktoy_.elementer
    ord_ = verktoy_.elementord[0]
    navn_av = {e.nokkel: e.navn for e in elementer}
    nokler = [e.nokkel for e in elementer]
    if not isinstance(skaarer, Mapping):
        raise UgyldigSvar(f"Svaret må ha en karakter per {ord_}. Last siden på nytt og prøv igjen.")
    begrunnelser = begrunnelser or {}
    if not isinstance(begrunnelser, Mapping):
        raise UgyldigSvar("Begrunnelsene kom i feil form. Last siden på nytt og prøv igjen.")
    ukjente = [str(k) for k in list(skaarer) + list(begrunnelser) if k not in navn_av]
    if ukjente:
        raise UgyldigSvar(
            f"Ukjent {ord_}: {', '.join(sorted(set(ukjente)))}. Last siden på nytt og {handling} igjen."
        )
    mangler = [navn_av[k] for k in nokler if skaarer.get(k) is None]
    if verktoy_.alle_paakrevd and not delvis and mangler:
        eller = f", eller «{HOPPET}»," if hopp else ""
        raise UgyldigSvar(
            f"Du mangler karakter for: {', '.join(mangler)}. Velg en karakter fra {verktoy_.laveste} "
            f"til {verktoy_.hoyeste}{eller} for hver {ord_} og {handling} igjen."
        )
    if not any(skaarer.get(k) is not None for k in nokler):
        raise UgyldigSvar(f"Svaret har ingen karakterer. Velg minst én karakter og {handling} igjen.")
    ut: list[Skaar] = []
    for nokkel in nokler:
        verdi = skaarer.get(nokkel)
        if verdi is None:
            continue
        navn = navn_av[nokkel]
        if isinstance(verdi, str) and verdi == HOPPET:
            if not hopp:
                raise UgyldigSvar(f"{navn} må ha en karakter fra {verktoy_.laveste} til {verktoy_.hoyeste}.")
            v1 = v2 = None
        elif len(verktoy_.akser) == 1:
            v1, v2 = _heltall(verdi, navn, verktoy_, handling), None
        else:
            if isinstance(verdi, (str, bytes)) or not hasattr(verdi, "__len__") or len(verdi) != 2:
                raise UgyldigSvar(f"{navn} trenger to karakterer ({' og '.join(verktoy_.akser)}).")
            v1 = _heltall(verdi[0], f"{navn} ({verktoy_.akser[0]})", verktoy_, handling)
            v2 = _heltall(verdi[1], f"{navn} ({verktoy_.akser[1]})", verktoy_, handling)
        tekst = begrunnelser.get(nokkel)
        if tekst is not None:
            if not isinstance(tekst, str):
                raise UgyldigSvar(f"Begrunnelsen for {navn} må være tekst.")
            tekst = sjekk_tegn(tekst, f"Begrunnelsen for {navn}").strip() or None
            if tekst and len(tekst) > MAKS_BEGRUNNELSE:
                raise UgyldigSvar(
                    f"Begrunnelsen for {navn} er for lang ({len(tekst)} tegn). Kort den ned til "
                    f"{MAKS_BEGRUNNELSE} tegn og {handling} igjen."
                )
        ut.append(Skaar(nokkel, v1, v2, tekst))
    return ut


def sjekk_elementer(elementer, tom_lov: bool = False) -> tuple[Element, ...]:
    """A session's own items (tools with `egne_elementer`): `(key, name)` pairs or names.
    `tom_lov`: an empty list is allowed (items are added once the session runs)."""
    ut: list[Element] = []
    for e in elementer or ():
        if isinstance(e, str):
            navn = _rens_tekst(e, "Navnet på elementet")
            e = Element(f"e{len(ut) + 1}", navn)
        elif not isinstance(e, Element):
            e = Element(*e)
        ut.append(Element(_rens_tekst(e.nokkel, "Nøkkelen", maks=40), _rens_tekst(e.navn, "Navnet på elementet"),
                          e.forklaring, e.sporsmal, _rens_tekst(e.statistikk, "Statistikken", maks=40,
                                                                paakravd=False)))
    if not ut and not tom_lov:
        raise UgyldigSvar("Økta trenger minst ett element å vurdere. Skriv inn elementene og prøv igjen.")
    if len(ut) > MAKS_ELEMENTER:
        raise UgyldigSvar(f"Økta har {len(ut)} elementer; en økt kan ha høyst {MAKS_ELEMENTER}. "
                          "Del lista i to økter, eller slå sammen noen av elementene.")
    if len({e.nokkel for e in ut}) != len(ut):
        raise UgyldigSvar("To elementer har samme nøkkel. Gi hvert element sitt eget navn.")
    navn = [fold(e.navn) for e in ut]
    if len(set(navn)) != len(navn):
        dobbel = next(e.navn for e, n in zip(ut, navn) if navn.count(n) > 1)
        raise UgyldigSvar(f"«{dobbel}» står to ganger i lista. Fjern det ene, eller gi dem ulike navn.")
    return tuple(ut)


def sjekk_gruppe(gruppe) -> str | None:
    """A group's name (tools with groups); none: the participant is in no group."""
    if gruppe is None or gruppe == "":
        return None
    from .regler import PLENUM

    navn = _rens_tekst(gruppe, "Gruppenavnet", maks=40)
    if navn.casefold() == PLENUM:
        raise UgyldigSvar(f"«{navn}» er navnet på hele salen. Velg et annet gruppenavn.")
    return navn


def sjekk_rolle(rolle) -> str | None:
    if rolle is None or rolle == "":
        return None
    if rolle not in ROLLER:
        raise UgyldigSvar(f"Ukjent rolle «{rolle}». Velg en av: {', '.join(ROLLER)}, eller ingen.")
    return rolle


def sjekk_tiltak(verktoy_: Verktoy, tiltak: Tiltak, elementer: Sequence[Element] | None = None) -> Tiltak:
    if not isinstance(tiltak, Tiltak):
        raise UgyldigSvar("Tiltaket kom i feil form. Last siden på nytt og prøv igjen.")
    nokler = [e.nokkel for e in (elementer if elementer is not None else verktoy_.elementer)]
    ord_ = verktoy_.elementord[0]
    if tiltak.element is not None and tiltak.element not in nokler:
        raise UgyldigSvar(f"Ukjent {ord_} «{tiltak.element}» i tiltaket. Velg en {ord_} fra lista, "
                          "eller ingen.")
    if tiltak.frist is not None and not isinstance(tiltak.frist, date):
        raise UgyldigSvar("Fristen må være en dato. Velg den i kalenderen, eller la feltet stå tomt.")
    return Tiltak(
        hva=_rens_tekst(tiltak.hva, "Hva som skal styrkes", maks=MAKS_BEGRUNNELSE),
        ansvarlig=_rens_tekst(tiltak.ansvarlig, "Hvem som har ansvar"),
        frist=tiltak.frist,
        element=tiltak.element,
    )
