"""Prioriteringsverktøyet, the second tool under the workshop engine's contract.

- `modell.py`: texts, templates, statistics, the summary, quadrants, ranking, disagreement;
- `diagram.py`: the matrix (spread points, placed labels) and its alt text;
- `rapport.py`: the ranked list for CSV/Excel and the PDF's table;
- `skjema.py`: the phone's form; `kontekst.py`: a statistic beside an item;
- here: the registration (`VERKTOY`).

The session brings its own items; individual answers, then groups, then the plenary.
"""
from __future__ import annotations

from stadkraft.workshop.regler import Fase
from stadkraft.workshop.verktoy import TRINN_GRUPPER, Element, Verktoy, registrer

from .diagram import FELLES, SNITT, Punkt, alt_tekst, gruppefarger, matrise, punkter_fra  # noqa: F401
from .kontekst import kontekst
from .modell import (  # noqa: F401
    AKSER, HOVEDKVADRANT, INNLEDNING, KILDE, KILDE_KORT, MALER, NAVN, STATISTIKKER, TIPS, UENIG_AVSTAND, kvadrant,
    oppsummer, rangering, talltekst, uenighet,
)
from .rapport import pdftabell, rapportrader
from .skjema import skjema


def _fra_tidligere(tidligere, punkter: list[Punkt]) -> tuple[list[Punkt], list[tuple[Punkt, Punkt]]]:
    """Earlier rounds' placements as grey points, and arrows from the latest one to now."""
    naa = {p.nokkel: p for p in punkter}
    gamle, piler = [], []
    for i, (navn, verdier) in enumerate(tidligere):
        for k, (v, p) in verdier.items():
            if k in naa:
                gammel = Punkt(k, naa[k].nr, naa[k].navn, float(p), float(v), navn)
                gamle.append(gammel)
                if i == len(tidligere) - 1:
                    piler.append((gammel, naa[k]))
    return gamle, piler


def _diagram(oppsummering, konsensus, tidligere=(), navn_no="no", storrelse=420, tittel=None, elementer=(),
             spredning=False):
    """The matrix for the engine's views: (chart, alt text)."""
    punkter = punkter_fra(oppsummering, konsensus, elementer)
    gamle, piler = _fra_tidligere(tidligere, punkter)
    sd = None
    if spredning and oppsummering is not None:
        sd = {r.nokkel: (r.sd_påvirkbarhet, r.sd_viktighet) for r in oppsummering.itertuples() if r.n > 1}
    farger = {navn: "#9a9a9a" for navn, _ in tidligere}
    tekst = alt_tekst(oppsummering, konsensus, elementer)
    if piler:
        flyttet = sum(1 for a, b in piler if (round(a.x), round(a.y)) != (round(b.x), round(b.y)))
        tekst += f" Pilene viser flyttingen fra {tidligere[-1][0]}: {flyttet} av {len(piler)} elementer har flyttet seg."
    return matrise([*gamle, *punkter], storrelse=storrelse, spredning=sd, forflytning=piler, fargelegg=farger,
                   tittel=tittel), tekst


def _gruppediagram(oppsummering, grupper, konsensus, storrelse=420, elementer=()):
    """The plenary's matrix: each group's placements in its colour, the agreed ones (or the
    individual means) labelled."""
    nr = {e.nokkel: i for i, e in enumerate(elementer, start=1)}
    navn = {e.nokkel: e.navn for e in elementer}
    gruppepunkter = [Punkt(k, nr[k], navn[k], float(s.verdi2), float(s.verdi), gruppe)
                     for gruppe, plasseringer in grupper.items() for k, s in plasseringer.items() if k in nr]
    hoved = punkter_fra(oppsummering, konsensus, elementer)
    strid = uenighet(grupper)
    tekst = alt_tekst(oppsummering, konsensus, elementer)
    uenige = [navn[k] for k in nr if strid.get(k, 0) >= UENIG_AVSTAND]
    tekst += (f" Gruppene er uenige (minst {UENIG_AVSTAND} poeng) om: {', '.join(uenige)} (ringet inn)." if uenige
              else " Gruppene er omtrent enige om alle elementene.")
    return matrise([*gruppepunkter, *hoved], storrelse=storrelse, fargelegg=gruppefarger(list(grupper)),
                   markert={k for k in nr if strid.get(k, 0) >= UENIG_AVSTAND}), tekst


def _resultattabell(oppsummering):
    """Ranked by the means; «Nr.» is the item's number in the list, the same as on its point."""
    elementer = [Element(r.nokkel, r.navn) for r in oppsummering.itertuples()]
    nr = {e.nokkel: i for i, e in enumerate(elementer, start=1)}
    rader = [{"Nr.": nr[r["nokkel"]], "Element": r["navn"], "Viktighet": talltekst(r["snitt_viktighet"]),
              "Påvirkbarhet": talltekst(r["snitt_påvirkbarhet"]), "Svar": r["n"], "Kan ikke": r["hoppet"]}
             for r in rangering(oppsummering, elementer).to_dict("records")]
    return rader, ("Rangert etter snittet av de enkeltes svar: viktighet, så påvirkbarhet. «Nr.» er nummeret i "
                   "matrisen. «Kan ikke» = kan ikke vurdere, som ikke teller i snittet. Snittet er et forslag, "
                   "ikke den felles plasseringen.")


def _forslag(oppsummering, nokkel: str) -> str:
    r = oppsummering.set_index("nokkel").loc[nokkel]
    if not r["n"]:
        return "Ingen har vurdert dette elementet."
    return (f"Forslag fra snittet: viktighet {talltekst(r['viktighet'])}, påvirkbarhet "
            f"{talltekst(r['påvirkbarhet'])} ({r['n']} svar)")


VERKTOY = registrer(Verktoy(
    type="prioritering",
    navn=NAVN,
    akser=AKSER,
    laveste=1,
    hoyeste=5,
    skala="1 = lite, 5 = mye",
    skalaord={1: "lite", 5: "mye"},
    trinn=TRINN_GRUPPER,
    egne_elementer=True,
    kan_hoppe=True,
    konsensus_delvis=True,
    elementord=("element", "elementer"),
    faseord={Fase.KONSENSUS: "Plenum"},
    maler=MALER,
    statistikker=STATISTIKKER,
    diagramvalg={"spredning": "Vis spredning"},
    uenig_avstand=UENIG_AVSTAND,
    innledning=INNLEDNING,
    tips=TIPS,
    kilde=KILDE,
    kilde_kort=KILDE_KORT,
    sider=("prioritering",),
    resultattittel="Rangert etter snittet",
    diagramforklaring="Feltet øverst til høyre er det som er både viktig og mulig å påvirke lokalt.",
    konsensushjelp=("Sett den felles plasseringen element for element etter samtalen. Snittet og gruppenes "
                    "plasseringer vises som forslag; ingenting fylles inn av seg selv."),
    oppsummer=oppsummer,
    diagram=_diagram,
    gruppediagram=_gruppediagram,
    resultattabell=_resultattabell,
    forslag=_forslag,
    skjema=skjema,
    rapportrader=rapportrader,
    pdftabell=pdftabell,
    elementkontekst=kontekst,
))
