"""The tool contract: everything the workshop engine needs to know about a tool, in one place.

In the spirit of Datasette's `hookspecs.py`: a tool (one axis or two, fixed items or the session's own)
describes itself with one `Verktoy` and registers it with `registrer`; the engine (store, rules,
pages, report) asks only this object and never names a tool. Tools live under
`stadkraft.verktoy` and are loaded on first use (`verktoy(type_)`).

What a tool says:
- `type` (stored with each session) and `navn` (shown), `innledning`, `tips`, `kilde`;
- its items: `elementer` fixed (key, name), or `egne_elementer=True`: each session brings its
  own, stored with the session (`Lager.opprett_okt(..., elementer=...)`);
- its axes and integer scale (`akser`, `laveste`, `hoyeste`, `skala`, `skalaord`);
- its stages (`trinn`): individual -> consensus, or individual -> group -> plenary;
- its pages (`sider`: the facilitator's url path first, then old addresses);
- hooks (plain functions, any of them optional where a default exists):
  `oppsummer(anonyme_svar, elementer) -> DataFrame` (columns `nokkel`, `navn`, `n`, optional
  `diskuter`), `diagram(oppsummering, konsensus, tidligere, navn_no, storrelse, tittel) ->
  (chart, alt text)`, `resultattabell(oppsummering) -> (rows, caption)`, `forslag(oppsummering,
  nokkel) -> str`, `skjema(prefiks, elementer, tidligere, ...)` (Streamlit; default: one radio
  per item and axis), `rapportrader(oppsummering, konsensus) -> list[dict]` (the consensus CSV),
  `pdftabell(oppsummering, konsensus) -> (columns, rows, note)`, `elementkontekst(element,
  enhet) -> str | None` (a line of statistics beside an item on the phone), `gruppediagram(
  oppsummering, plasseringer, konsensus, storrelse) -> (chart, alt text)` (the groups'
  placements overlaid, for the plenary). Left out, the summary, its
  table and the report rows are the engine's plain ones (`standard.py`); without `diagram` the
  views show no chart.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Mapping

from .feil import UgyldigSvar

TRINN_KONSENSUS = ("individuell", "konsensus")
TRINN_GRUPPER = ("individuell", "gruppe", "plenum")


@dataclass(frozen=True)
class Element:
    """One item a participant scores; `forklaring` and `sporsmal` are shown on the form;
    `statistikk` names a statistic in Stadkraft shown beside it (the tool's `elementkontekst`)."""

    nokkel: str
    navn: str
    forklaring: str = ""
    sporsmal: str = ""
    statistikk: str = ""


@dataclass(frozen=True)
class Verktoy:
    type: str
    elementer: tuple = ()                 # (key, name) pairs or `Element`s; empty with egne_elementer
    akser: tuple[str, ...] = ("verdi",)
    laveste: int = 1
    hoyeste: int = 5
    skala: str = ""                       # the scale in words, e.g. «1 = lav, 5 = høy»
    alle_paakrevd: bool = True
    navn: str = ""
    trinn: tuple[str, ...] = TRINN_KONSENSUS
    egne_elementer: bool = False
    elementord: tuple[str, str] = ("element", "elementer")   # what an item is called: singular, plural
    skalaord: Mapping[int, str] = field(default_factory=dict)
    innledning: str = ""
    tips: str = ""
    kilde: str = ""
    kilde_kort: str = ""
    # Its pages: the facilitator's first, then older addresses that must keep working.
    sider: tuple[str, ...] = ()
    # Words around the results: the summary's heading, a note under the chart, and the
    # recommended number of participants with its advice (shown when the count is outside it).
    resultattittel: str = "Oppsummering"
    diagramforklaring: str = ""
    anbefalt_antall: tuple[int, int] | None = None
    anbefaling: str = ""
    konsensushjelp: str = "Bli enige om én karakter per element; ingenting fylles inn av seg selv."
    # «Kan ikke vurdere» per item (a skip: stored, left out of every mean); agreed scores saved
    # item by item rather than all at once; the phases' names where the tool's words differ.
    kan_hoppe: bool = False
    konsensus_delvis: bool = False
    faseord: Mapping = field(default_factory=dict)
    # Ready-made item lists for a session's own items: {group heading: (item, ...)}.
    maler: Mapping[str, tuple[Element, ...]] = field(default_factory=dict)
    # Statistics an item may point to: {key: label}.
    statistikker: Mapping[str, str] = field(default_factory=dict)
    # The chart's options the views offer as toggles, passed to `diagram` as keywords: {key: label}.
    diagramvalg: Mapping[str, str] = field(default_factory=dict)
    # Tools with groups: groups disagree on an item when their placements lie this far apart.
    uenig_avstand: int = 2
    # Hooks (see the module's docstring).
    oppsummer: Callable | None = None
    diagram: Callable | None = None
    resultattabell: Callable | None = None
    forslag: Callable | None = None
    skjema: Callable | None = None
    rapportrader: Callable | None = None
    pdftabell: Callable | None = None
    elementkontekst: Callable | None = None
    gruppediagram: Callable | None = None

    def __post_init__(self):
        object.__setattr__(self, "elementer", tuple(
            e if isinstance(e, Element) else Element(*e) for e in self.elementer))
        if not self.sider:  # the facilitator's page: by default the type as a path
            object.__setattr__(self, "sider", (self.type.replace("_", "-"),))
        from . import standard  # the engine's plain defaults for hooks a tool leaves out

        for navn in ("oppsummer", "resultattabell", "rapportrader", "pdftabell"):
            if getattr(self, navn) is None:
                object.__setattr__(self, navn, partial(getattr(standard, navn), self))

    @property
    def nokler(self) -> tuple[str, ...]:
        return tuple(e.nokkel for e in self.elementer)

    def element(self, nokkel: str, elementer=None) -> Element:
        for e in elementer if elementer is not None else self.elementer:
            if e.nokkel == nokkel:
                return e
        return Element(nokkel, nokkel)

    def elementnavn(self, nokkel: str) -> str:
        return self.element(nokkel).navn

    def skalaetikett(self, verdi: int) -> str:
        """`1` -> `"1 – lav"`, `3` -> `"3"` (only the anchored points have words)."""
        return f"{verdi} – {self.skalaord[verdi]}" if verdi in self.skalaord else str(verdi)

    @property
    def verdier(self) -> list[int]:
        return list(range(self.laveste, self.hoyeste + 1))

    @property
    def har_grupper(self) -> bool:
        return "gruppe" in self.trinn

    def malstatistikk(self, navn: str) -> str:
        """The statistic of the template item with this name ('' for an item of one's own)."""
        from .modell import fold

        return next((e.statistikk for elementer in self.maler.values() for e in elementer
                     if fold(e.navn) == fold(str(navn))), "")

    def med_malstatistikk(self, elementer) -> tuple[Element, ...]:
        """Items typed or read by a template item's name get its statistic, unless they have one."""
        from dataclasses import replace

        return tuple(e if e.statistikk else replace(e, statistikk=self.malstatistikk(e.navn)) for e in elementer)

    def fasetekst(self, fase) -> str:
        """The phase in the tool's words (the matrix's last phase is the plenary, not a score)."""
        return self.faseord.get(fase, fase.tekst)

    def er_standardtittel(self, tittel) -> bool:
        """The session's title is just the tool's name (the default): not worth saying twice."""
        return " ".join(str(tittel or "").split()).casefold() in ("", self.navn.casefold())

    def overskrift(self, tittel) -> str:
        """`<tool>: <title>`, without the tool's name twice when the title begins with it."""
        tittel = " ".join(str(tittel or "").split())
        if self.er_standardtittel(tittel) or tittel.casefold().startswith(self.navn.casefold()):
            return tittel or self.navn
        return f"{self.navn}: {tittel}"


_REGISTER: dict[str, Verktoy] = {}
PAKKE = "stadkraft.verktoy"   # where tools live; importing it registers every tool


def registrer(verktoy_: Verktoy) -> Verktoy:
    _REGISTER[verktoy_.type] = verktoy_
    return verktoy_


def alle() -> list[Verktoy]:
    importlib.import_module(PAKKE)
    return list(_REGISTER.values())


def verktoy(type_: str) -> Verktoy:
    if type_ not in _REGISTER:
        importlib.import_module(PAKKE)
    try:
        return _REGISTER[type_]
    except KeyError:
        raise UgyldigSvar(f"Ukjent økttype «{type_}». Kjente typer: {', '.join(sorted(_REGISTER))}.") from None
