"""The workshop engine's model: phases, tools, sessions, units, join codes, tokens, validation.

Pure Python, no database and no Streamlit, so the rules are tested on their own and shared
by every store back end. A *tool* (`Verktoy`) says which items a participant scores, on how
many axes and on which scale: the capacity diamond has five components on one axis 1-5; the
priority tool will have items on two axes (importance, local influence).
"""
from __future__ import annotations

import enum
import hashlib
import hmac
import importlib
import numbers
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Mapping

from .feil import UgyldigSvar, UlovligFase


class Fase(str, enum.Enum):
    """A session's phase. Only `OPEN` takes answers from phones."""

    OPEN = "open"          # open for answers
    STENGT = "stengt"      # closed: no new answers, results still hidden
    VIST = "vist"          # results revealed (when enough have answered)
    SEMJE = "semje"        # consensus: the group agrees a score per item, and an action list

    @property
    def tekst(self) -> str:
        return FASETEKST[self]


FASETEKST = {
    Fase.OPEN: "Åpen for svar",
    Fase.STENGT: "Stengt for svar",
    Fase.VIST: "Resultat vist",
    Fase.SEMJE: "Felleskarakter",
}

# Allowed phase changes. Going back is allowed one step at a time (hide results again,
# reopen for a late participant) so a mistake at the projector can be undone.
OVERGANGAR: dict[Fase, frozenset[Fase]] = {
    Fase.OPEN: frozenset({Fase.STENGT}),
    Fase.STENGT: frozenset({Fase.OPEN, Fase.VIST}),
    Fase.VIST: frozenset({Fase.STENGT, Fase.SEMJE}),
    Fase.SEMJE: frozenset({Fase.VIST}),
}

# Phases in which the facilitator may type in answers collected on paper.
FASAR_PAPIR = frozenset({Fase.OPEN, Fase.STENGT})
# Phases in which (enough) results may be shown.
FASAR_VIST = frozenset({Fase.VIST, Fase.SEMJE})

MIN_SVAR = 3  # fewer answers than this are never shown, so no single answer can be inferred

ROLLER = ("politikar", "administrasjon", "næringsliv", "frivillig sektor", "innbyggjar", "ungdom")

KJELDER = ("mobil", "papir", "eigen")  # how an answer came in: phone, typed from paper, alone

MAKS_GRUNNGJEVING = 500
MAKS_TEKST = 200


def sjekk_overgang(fra: Fase, til: Fase) -> None:
    if til not in OVERGANGAR[fra]:
        lov = ", ".join(f"«{f.tekst}»" for f in sorted(OVERGANGAR[fra], key=list(Fase).index))
        raise UlovligFase(
            f"Økta kan ikke gå fra «{fra.tekst}» til «{til.tekst}». Fra «{fra.tekst}» kan du gå "
            f"til {lov}."
        )


# --- Tools -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Verktoy:
    """What a kind of session asks: items (key, name), axes, and an integer scale."""

    type: str
    element: tuple[tuple[str, str], ...]
    akser: tuple[str, ...] = ("verdi",)
    lagast: int = 1
    hogast: int = 5
    skala: str = "1 = svært dårleg, 5 = svært god"
    alle_paakravd: bool = True

    @property
    def nokler(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.element)

    def namn(self, nokkel: str) -> str:
        return dict(self.element).get(nokkel, nokkel)


_VERKTOY: dict[str, Verktoy] = {}
# Tools defined outside the engine, imported on first use (keeps the engine free of charts).
_MODULAR = {"kapasitet": "stadkraft.kapasitet"}


def registrer_verktoy(verktoy: Verktoy) -> Verktoy:
    _VERKTOY[verktoy.type] = verktoy
    return verktoy


def verktoy(type_: str) -> Verktoy:
    if type_ not in _VERKTOY and type_ in _MODULAR:
        importlib.import_module(_MODULAR[type_])
    try:
        return _VERKTOY[type_]
    except KeyError:
        raise UgyldigSvar(f"Ukjent økttype «{type_}». Kjente typer: {', '.join(sorted(_MODULAR))}.") from None


# --- Units ----------------------------------------------------------------------------------

# The keys are stored as they are; the labels are bokmål.
EININGSTYPAR = {"kommune": "Kommune", "region": "Region", "stad": "Sted / bygd"}


@dataclass(frozen=True)
class Eining:
    """What is assessed: a municipality from the register, a region or a named place.

    `id` identifies the unit across sessions (the municipality number, or the name folded to
    lower case), so that every session for the same unit can be compared over time.
    """

    type: str
    id: str
    namn: str

    @classmethod
    def kommune(cls, kommunenummer: str, namn: str) -> "Eining":
        nr = str(kommunenummer).strip()
        if not re.fullmatch(r"\d{4}", nr):
            raise UgyldigSvar(f"Kommunenummeret «{nr}» har ikke fire sifre. Velg kommunen fra listen.")
        return cls("kommune", nr, _rens_tekst(namn, "Kommunenavnet"))

    @classmethod
    def fritekst(cls, namn: str, type_: str = "stad") -> "Eining":
        if type_ not in EININGSTYPAR:
            raise UgyldigSvar(f"Ukjent enhetstype «{type_}». Velg kommune, region eller sted.")
        namn = _rens_tekst(namn, "Navnet på enheten")
        return cls(type_, _fold(namn), namn)

    @property
    def nokkel(self) -> str:
        return f"{self.type}:{self.id}"


def _fold(tekst: str) -> str:
    return " ".join(unicodedata.normalize("NFC", tekst).casefold().split())


def _rens_tekst(tekst, hva: str, maks: int = MAKS_TEKST, paakravd: bool = True) -> str:
    if tekst is None:
        tekst = ""
    if not isinstance(tekst, str):
        raise UgyldigSvar(f"{hva} må være tekst. Skriv det inn på nytt og prøv igjen.")
    tekst = " ".join(unicodedata.normalize("NFC", tekst).split())
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
    eining: Eining
    dato: date
    etikett: str | None
    fase: Fase
    min_svar: int
    oppretta: datetime

    @property
    def er_eigenvurdering(self) -> bool:
        """Made by `Lager.eigenvurdering`: one person's scores, no room to join."""
        return self.min_svar <= 1

    @property
    def namn(self) -> str:
        """The label used when sessions are compared: the label (e.g. «År 1») or the date."""
        return self.etikett or self.dato.strftime("%d.%m.%Y")


def rundenamn(okter) -> list[str]:
    """Names that tell sessions apart in a chart or a list: `Okt.namn`, and where two share it,
    the date, then the title, then the code in brackets (two «År 1» never merge into one line)."""
    from collections import Counter

    ut = [o.namn for o in okter]
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
    """One validated answer to one item."""

    element: str
    verdi: int
    verdi2: int | None = None
    grunngjeving: str | None = None


@dataclass(frozen=True)
class Tiltak:
    """One line of the action list: what to strengthen, who is responsible, by when."""

    kva: str
    ansvarleg: str
    frist: date | None = None
    element: str | None = None
    id: int | None = field(default=None, compare=False)


# --- Join codes and tokens ------------------------------------------------------------------------

KODEALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
KODELENGD = 5


def ny_kode() -> str:
    return "".join(secrets.choice(KODEALFABET) for _ in range(KODELENGD))


def normaliser_kode(kode) -> str:
    """`" ab-c2d "` -> `"ABC2D"`. Does not validate; an unknown code is simply not found."""
    if not isinstance(kode, str):
        return ""
    return re.sub(r"[\s\-]", "", kode).upper()


def ny_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_stemmer(token, lagra_hash: str) -> bool:
    if not isinstance(token, str) or not token:
        return False
    return hmac.compare_digest(token_hash(token), lagra_hash)


DELTAKAR_RE = re.compile(r"[A-Za-z0-9_\-]{8,64}")


def ny_deltakar_id(prefiks: str = "") -> str:
    return prefiks + secrets.token_urlsafe(12)


def sjekk_deltakar(deltakar) -> str:
    if not isinstance(deltakar, str) or not DELTAKAR_RE.fullmatch(deltakar):
        raise UgyldigSvar("Deltakerlenken er ugyldig. Åpne lenken fra storskjermen på nytt.")
    return deltakar


# --- Validation of answers --------------------------------------------------------------------------

def _heiltal(verdi, namn: str, verktoy_: Verktoy, handling: str = "send") -> int:
    if type(verdi) is int and verktoy_.lagast <= verdi <= verktoy_.hogast:
        return verdi  # the common case, without building messages (a batch checks thousands)
    spenn = f"fra {verktoy_.lagast} til {verktoy_.hogast}"
    forklar = f" ({verktoy_.skala})" if verktoy_.skala else ""
    if verdi is None:
        raise UgyldigSvar(f"{namn} mangler karakter. Velg en karakter {spenn}{forklar} og {handling} igjen.")
    if isinstance(verdi, str) and re.fullmatch(r"\s*-?\d+\s*", verdi):
        verdi = int(verdi)
    if isinstance(verdi, bool) or not isinstance(verdi, numbers.Integral):
        raise UgyldigSvar(
            f"Karakteren for {namn} («{verdi}») er ikke et heltall. Velg en karakter {spenn}{forklar}."
        )
    verdi = int(verdi)
    if not verktoy_.lagast <= verdi <= verktoy_.hogast:
        raise UgyldigSvar(
            f"Karakteren for {namn} er {verdi}, men må være {spenn}{forklar}. Rett den og {handling} igjen."
        )
    return verdi


def valider_svar(
    verktoy_: Verktoy,
    skaarar,
    grunngjevingar: Mapping[str, str | None] | None = None,
    handling: str = "send",
) -> list[Skaar]:
    """Check a whole submit; return the answers in the tool's item order, or raise `UgyldigSvar`.

    `skaarar` maps item key -> score (one axis) or -> (score, score) (two axes). `handling` is
    the verb on the form's button («send», «lagre»), so a message says what to do again.
    """
    if not isinstance(skaarar, Mapping):
        raise UgyldigSvar("Svaret må ha en karakter per komponent. Last siden på nytt og prøv igjen.")
    grunngjevingar = grunngjevingar or {}
    if not isinstance(grunngjevingar, Mapping):
        raise UgyldigSvar("Begrunnelsene kom i feil form. Last siden på nytt og prøv igjen.")
    kjende = set(verktoy_.nokler)
    ukjende = [str(k) for k in list(skaarar) + list(grunngjevingar) if k not in kjende]
    if ukjende:
        raise UgyldigSvar(
            f"Ukjent komponent: {', '.join(sorted(set(ukjende)))}. Last siden på nytt og {handling} igjen."
        )
    manglar = [verktoy_.namn(k) for k in verktoy_.nokler if skaarar.get(k) is None]
    if verktoy_.alle_paakravd and manglar:
        raise UgyldigSvar(
            f"Du mangler karakter for: {', '.join(manglar)}. Velg en karakter fra {verktoy_.lagast} "
            f"til {verktoy_.hogast} for hver komponent og {handling} igjen."
        )
    if not any(skaarar.get(k) is not None for k in verktoy_.nokler):
        raise UgyldigSvar(f"Svaret har ingen karakterer. Velg minst én karakter og {handling} igjen.")
    ut: list[Skaar] = []
    for nokkel in verktoy_.nokler:
        verdi = skaarar.get(nokkel)
        if verdi is None:
            continue
        namn = verktoy_.namn(nokkel)
        if len(verktoy_.akser) == 1:
            v1, v2 = _heiltal(verdi, namn, verktoy_, handling), None
        else:
            if isinstance(verdi, (str, bytes)) or not hasattr(verdi, "__len__") or len(verdi) != 2:
                raise UgyldigSvar(f"{namn} trenger to karakterer ({' og '.join(verktoy_.akser)}).")
            v1 = _heiltal(verdi[0], f"{namn} ({verktoy_.akser[0]})", verktoy_, handling)
            v2 = _heiltal(verdi[1], f"{namn} ({verktoy_.akser[1]})", verktoy_, handling)
        tekst = grunngjevingar.get(nokkel)
        if tekst is not None:
            if not isinstance(tekst, str):
                raise UgyldigSvar(f"Begrunnelsen for {namn} må være tekst.")
            tekst = tekst.strip() or None
            if tekst and len(tekst) > MAKS_GRUNNGJEVING:
                raise UgyldigSvar(
                    f"Begrunnelsen for {namn} er for lang ({len(tekst)} tegn). Kort den ned til "
                    f"{MAKS_GRUNNGJEVING} tegn og {handling} igjen."
                )
        ut.append(Skaar(nokkel, v1, v2, tekst))
    return ut


def sjekk_rolle(rolle) -> str | None:
    if rolle is None or rolle == "":
        return None
    if rolle not in ROLLER:
        raise UgyldigSvar(f"Ukjent rolle «{rolle}». Velg en av: {', '.join(ROLLER)}, eller ingen.")
    return rolle


def sjekk_tiltak(verktoy_: Verktoy, tiltak: Tiltak) -> Tiltak:
    if not isinstance(tiltak, Tiltak):
        raise UgyldigSvar("Tiltaket kom i feil form. Last siden på nytt og prøv igjen.")
    if tiltak.element is not None and tiltak.element not in verktoy_.nokler:
        raise UgyldigSvar(f"Ukjent komponent «{tiltak.element}» i tiltaket. Velg en komponent fra lista, "
                          "eller ingen.")
    if tiltak.frist is not None and not isinstance(tiltak.frist, date):
        raise UgyldigSvar("Fristen må være en dato. Velg den i kalenderen, eller la feltet stå tomt.")
    return Tiltak(
        kva=_rens_tekst(tiltak.kva, "Hva som skal styrkes", maks=MAKS_GRUNNGJEVING),
        ansvarleg=_rens_tekst(tiltak.ansvarleg, "Hvem som har ansvar"),
        frist=tiltak.frist,
        element=tiltak.element,
    )
