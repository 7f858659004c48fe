"""Kapasitetsdiamanten, the first tool under the workshop engine's contract.

- `modell.py`: the five components, texts, scale and the group statistics (median, spread);
- `diagram.py`: the diamond (radar chart) and its alt text;
- `rapport.py`: its rows in the consensus CSV and the PDF report;
- here: the registration (`VERKTOY`) that tells the engine all of the above.

Individual answers, then one consensus (the plenary); no groups.
"""
from __future__ import annotations

from stadkraft.workshop.verktoy import TRINN_KONSENSUS, Element, Verktoy, registrer

from .diagram import (  # noqa: F401
    FARGER, FARGER_TIDLIGERE, GRENSE_X, GRENSE_Y, R_MAKS, Serie, alt_tekst, diamant, punkt, serie_data,
    serier, spredning_fra, vinkel,
)
from .modell import (  # noqa: F401
    GRUPPETIPS, INNLEDNING, KILDE, KILDE_KORT, KOMPONENT, KOMPONENTER, NAVN, NOKLER, OPPSUMMERING_KOLONNER,
    SKALA, SKALA_TEKST, Komponent, oppsummer, skalaetikett, spredningstekst, talltekst,
)
from .rapport import pdftabell, rapportrader


def _diagram(oppsummering, konsensus, tidligere=(), navn_no="no", storrelse=420, tittel=None, **_):
    """The diamond for the engine's views: (chart, alt text)."""
    return (diamant(serier(oppsummering, konsensus, tidligere, navn_no),
                    spredning_fra(oppsummering) if oppsummering is not None else None,
                    storrelse=storrelse, tittel=tittel),
            alt_tekst(oppsummering, konsensus, tidligere))


def _resultattabell(oppsummering):
    rader = [{"Komponent": r.navn, "Median": talltekst(r["median"]),
              "Spenn": spredningstekst(oppsummering.loc[i]),
              "1·2·3·4·5": " · ".join(str(c) for c in r.fordeling),
              "Diskuter": "⚑ diskuter" if r.diskuter else ""}
             for i, r in oppsummering.iterrows()]
    forklaring = ("⚑ = størst uenighet (størst gjennomsnittlig avstand fra medianen, og minst "
                  "2 poeng mellom laveste og høyeste). Medianen er et hjelpemiddel, ikke felleskarakteren.")
    return rader, forklaring


def _forslag(oppsummering, nokkel: str) -> str:
    r = oppsummering.set_index("nokkel").loc[nokkel]
    return f"Forslag: median {talltekst(r['median'])}, spenn {spredningstekst(r)}"


VERKTOY = registrer(Verktoy(
    type="kapasitet",
    navn=NAVN,
    elementer=tuple(Element(k.nokkel, k.navn, k.forklaring, k.sporsmal) for k in KOMPONENTER),
    akser=("karakter",),
    laveste=1,
    hoyeste=5,
    skala=SKALA_TEKST,
    skalaord=SKALA,
    trinn=TRINN_KONSENSUS,
    elementord=("komponent", "komponenter"),
    innledning=INNLEDNING,
    tips=GRUPPETIPS,
    kilde=KILDE,
    kilde_kort=KILDE_KORT,
    sider=("kapasitet", "kapasitet-leiar", "kapasitet-delta"),
    resultattittel="Median og spredning",
    diagramforklaring="Det blå båndet viser spennet fra laveste til høyeste karakter.",
    konsensushjelp=("Bli enige om én karakter per komponent etter refleksjonsrunden. Medianen vises "
                    "som et forslag; ingenting fylles inn av seg selv."),
    anbefalt_antall=(6, 10),
    anbefaling="Distriktssenteret anbefaler 6–10 deltakere for en god refleksjonsrunde.",
    oppsummer=lambda anonyme, elementer=None: oppsummer(anonyme),
    diagram=_diagram,
    resultattabell=_resultattabell,
    forslag=_forslag,
    rapportrader=rapportrader,
    pdftabell=pdftabell,
))

er_standardtittel = VERKTOY.er_standardtittel
overskrift = VERKTOY.overskrift
