"""Small, named Streamlit helpers shared by the workshop views: the store, the app's address,
counts in words, form rounds, projector tables, the unit picker, and the view's context."""
from __future__ import annotations

import logging
import os
from datetime import date
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from stadkraft import lenker
from stadkraft.format import tall
from stadkraft.ui.deler import trygg_markdown

from stadkraft.ui.ramme import presentasjonsmodus

from ..deling import app_base, er_lokal_adresse
from ..feil import UgyldigSvar, WorkshopFeil
from ..lager import Lager, lager_fra_miljo
from ..modell import ENHETSTYPER, Enhet, Okt, normaliser_kode
from ..verktoy import Element, Verktoy


@dataclass
class Kontekst:
    """What every part of a facilitator's view needs: tool, store, session, link, mode."""

    verktoy: Verktoy
    lager: Lager
    kode: str
    token: str
    base: str
    presentasjon: bool
    okt: Okt | None = None
    elementer: tuple[Element, ...] = ()

    @property
    def egen(self) -> bool:
        return self.okt is not None and self.okt.er_egenvurdering

    @classmethod
    def fra_lenke(cls, verktoy_: Verktoy) -> "Kontekst":
        return cls(verktoy_, hent_lager(), normaliser_kode(st.query_params.get(lenker.KODE, "")),
                   st.query_params.get(lenker.TOKEN, ""), app_adresse(), presentasjonsmodus())


def hent_lager() -> Lager:
    """The process's workshop store, or a clear message and a stopped page."""
    try:
        return lager_fra_miljo()
    except Exception:  # noqa: BLE001 - the page gets words, the log gets the details
        logging.getLogger(__name__).exception("Workshop-databasen kunne ikke åpnes")
        st.error(
            "Workshop-delen er ikke tilgjengelig akkurat nå: databasen for workshopene kunne ikke åpnes. "
            "Prøv igjen om litt. Den som drifter Stadkraft, finner årsaken i loggen (sjekk "
            "STADKRAFT_WORKSHOP_DB eller STADKRAFT_WORKSHOP_URL)."
        )
        st.stop()
        raise  # unreachable; for type checkers


def app_adresse() -> str:
    """The address participants use: `STADKRAFT_OFFENTLIG_URL`, else the address in the browser."""
    return (os.environ.get("STADKRAFT_OFFENTLIG_URL") or "").rstrip("/") or app_base(st.context.url)


def varsle_lokal_adresse(base: str) -> None:
    """Tell the facilitator when the join link points at this machine itself (phones cannot reach it)."""
    if er_lokal_adresse(base):
        st.warning(
            f"Mobilene kommer ikke inn på `{base}`: den adressen peker på maskinen som åpner lenken, "
            "altså mobilen selv. Åpne denne siden med maskinens nettverksadresse (Streamlit skriver den "
            "som «Network URL» når appen starter, f.eks. `http://192.168.1.20:8501`), eller sett "
            "`STADKRAFT_OFFENTLIG_URL` til adressen deltakerne skal bruke og start appen på nytt. "
            "Da blir lenken og QR-koden riktige.",
            icon="⚠️",
        )


def vis_feil(feil, tillegg: str = "") -> None:
    """An engine error on the page: its words (they say what to do), with any text a user typed
    in them shown as itself (the one safe path for messages: `trygg_markdown`)."""
    st.error(trygg_markdown(f"{feil} {tillegg}".strip()))


def trygge_rader(rader: list[dict]) -> list[dict]:
    """Table rows whose text cells are shown as typed (st.table cells are Markdown)."""
    return [{trygg_markdown(k): trygg_markdown(v) if isinstance(v, str) else v for k, v in r.items()} for r in rader]


def utfor(handling, etter=None) -> None:
    """Run a store action from a button: its `WorkshopFeil` is shown (the words say what to
    do); on success `etter()` (a message, new form keys) and a rerun."""
    try:
        handling()
    except WorkshopFeil as feil:
        vis_feil(feil)
    else:
        if etter is not None:
            etter()
        st.rerun()


def antall_tekst(n: int, entall: str, flertall: str) -> str:
    """`1 begrunnelse`, `2 begrunnelser`, `0 begrunnelser`."""
    return f"{tall(n)} {entall if n == 1 else flertall}"


def skjemarunde(skjema: str) -> int:
    """Part of a form's widget keys. Deleting widget keys does not empty the browser's form,
    so a successful save moves to new keys (`ny_skjemarunde`) and the form comes back empty;
    a failed save keeps the keys, and what was typed."""
    return st.session_state.setdefault(f"_skjemarunde_{skjema}", 0)


def ny_skjemarunde(skjema: str) -> None:
    st.session_state[f"_skjemarunde_{skjema}"] = skjemarunde(skjema) + 1


def stor_tabell(rader: list[dict]) -> None:
    """A table for the projector: HTML that grows with the type (`st.dataframe` is drawn on a
    canvas and does not). Cells are Markdown: typed text must go through `trygg_markdown`."""
    # Large type, and the table kept inside its column (long words wrap, never run off the wall).
    # The type grows with the wall (20 px at 1 400 px wide, 27 px at 1 920 px) and stays in its column.
    st.html("<style>[data-testid='stTable'] table {font-size: clamp(0.75rem, 1.4vw, 1.35rem); "
            "width: 100%; table-layout: auto;}"
            "[data-testid='stTable'] th, [data-testid='stTable'] td {overflow-wrap: anywhere;}"
            "[data-testid='stTable'] {overflow-x: hidden;}</style>")
    st.table(pd.DataFrame(trygge_rader(rader)), hide_index=True)


def _kommuner() -> list[tuple[str, str, str]] | None:
    try:
        from stadkraft.db import sporring

        ramme = sporring("kommuneliste")
    except Exception:  # noqa: BLE001 - no statistics database: free text only
        return None
    return list(ramme[["kommunenummer", "navn", "fylkesnavn"]].itertuples(index=False, name=None))


def enhetsvelger(nokkel: str, standard_kommune: str | None = None) -> Enhet | None:
    """Pick a municipality from the register, or type a region or named place.

    Must be drawn outside a form (the choice of kind changes which field is shown). Without a
    statistics database, a municipality is typed in as free text too.
    """
    type_ = st.radio("Hva vurderes?", list(ENHETSTYPER), format_func=ENHETSTYPER.get,
                     horizontal=True, key=f"{nokkel}_type")
    kommuner = _kommuner() if type_ == "kommune" else None
    if type_ == "kommune" and kommuner:
        nummer = [k[0] for k in kommuner]
        navn = {k[0]: f"{k[1]} ({k[2]})" for k in kommuner}
        indeks = nummer.index(standard_kommune) if standard_kommune in nummer else None
        valgt = st.selectbox("Kommune", nummer, index=indeks, format_func=navn.get,
                            placeholder="Velg kommune", key=f"{nokkel}_kommune")
        if valgt is None:
            return None
        return Enhet.kommune(valgt, next(k[1] for k in kommuner if k[0] == valgt))
    hjelp = {"kommune": "Kommunens navn (statistikkdatabasen mangler, så listen er ikke tilgjengelig)",
             "region": "Regionens navn, f.eks. Hallingdal", "sted": "Stedets eller bygdas navn"}[type_]
    tekst = st.text_input("Navn", key=f"{nokkel}_navn", help=hjelp, max_chars=120,
                          placeholder=hjelp.split(" (")[0])
    if type_ == "kommune":
        # Stored by name, a round would not line up with rounds stored by municipality number.
        st.caption("Statistikkdatabasen mangler, så kommunen lagres med navnet. Runder som er lagret med "
                   "kommunenummer, sammenlignes ikke med denne. Bygg databasen med «make data» for å "
                   "velge fra kommunelista.")
    if not tekst.strip():
        return None
    try:
        return Enhet.fritekst(tekst, type_)
    except UgyldigSvar as feil:
        vis_feil(feil)
        return None


def dato_tekst(d: date) -> str:
    return d.strftime("%d.%m.%Y")
