"""Small, named Streamlit helpers for the workshop pages (the only `st.` calls in the library).

The pages stay thin: they read widgets, call the store and `stadkraft.kapasitet`, and render.
"""
from __future__ import annotations

import os
from datetime import date
from typing import Mapping

import pandas as pd
import streamlit as st

import stadkraft.kapasitet as kap
from stadkraft.format import tall

from stadkraft.ui import presentasjonsmodus  # noqa: F401 - one presentation mode for the whole app

from .deling import app_base, er_lokal_adresse
from .lager import Lager, lager_fra_miljo
from .modell import EININGSTYPAR, Eining, Skaar
from .feil import UgyldigSvar


def hent_lager() -> Lager:
    """The process's workshop store, or a clear message and a stopped page."""
    try:
        return lager_fra_miljo()
    except Exception as feil:  # noqa: BLE001 - shown to the user with what to do
        st.error(
            "Fikk ikke åpnet workshop-databasen. Sjekk STADKRAFT_WORKSHOP_DB (en skrivbar fil som "
            "ingen annen prosess har åpen) eller STADKRAFT_WORKSHOP_URL (PostgreSQL). "
            f"Feilen var: {feil}"
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
    st.html("<style>[data-testid='stTable'] table {font-size: 1.35rem;}</style>")
    st.table(pd.DataFrame(rader), hide_index=True)


def _kommunar() -> list[tuple[str, str, str]] | None:
    try:
        from stadkraft.db import sporring

        ramme = sporring("kommuneliste")
    except Exception:  # noqa: BLE001 - no statistics database: free text only
        return None
    return list(ramme[["kommunenummer", "navn", "fylkesnavn"]].itertuples(index=False, name=None))


def enhetsvelger(nokkel: str, standard_kommune: str | None = None) -> Eining | None:
    """Pick a municipality from the register, or type a region or named place.

    Must be drawn outside a form (the choice of kind changes which field is shown). Without a
    statistics database, a municipality is typed in as free text too.
    """
    type_ = st.radio("Hva vurderes?", list(EININGSTYPAR), format_func=EININGSTYPAR.get,
                     horizontal=True, key=f"{nokkel}_type")
    kommunar = _kommunar() if type_ == "kommune" else None
    if type_ == "kommune" and kommunar:
        nummer = [k[0] for k in kommunar]
        namn = {k[0]: f"{k[1]} ({k[2]})" for k in kommunar}
        indeks = nummer.index(standard_kommune) if standard_kommune in nummer else None
        valt = st.selectbox("Kommune", nummer, index=indeks, format_func=namn.get,
                            placeholder="Velg kommune", key=f"{nokkel}_kommune")
        if valt is None:
            return None
        return Eining.kommune(valt, next(k[1] for k in kommunar if k[0] == valt))
    hjelp = {"kommune": "Kommunens navn (statistikkdatabasen mangler, så listen er ikke tilgjengelig)",
             "region": "Regionens navn, f.eks. Hallingdal", "stad": "Stedets eller bygdas navn"}[type_]
    tekst = st.text_input("Navn", key=f"{nokkel}_namn", help=hjelp, max_chars=120,
                          placeholder=hjelp.split(" (")[0])
    if type_ == "kommune":
        # Stored by name, a round would not line up with rounds stored by municipality number.
        st.caption("Statistikkdatabasen mangler, så kommunen lagres med navnet. Runder som er lagret med "
                   "kommunenummer, sammenlignes ikke med denne. Bygg databasen med «make data» for å "
                   "velge fra kommunelista.")
    if not tekst.strip():
        return None
    try:
        return Eining.fritekst(tekst, type_)
    except UgyldigSvar as feil:
        st.error(str(feil))
        return None


def skalatekst(verdi: int) -> str:
    return kap.skalaetikett(verdi)


def karakterskjema(
    prefiks: str,
    tidlegare: Mapping[str, Skaar] | None = None,
    med_forklaring: bool = True,
    grunngjeving: bool = True,
) -> tuple[dict[str, int | None], dict[str, str]]:
    """The five components with explanation, guiding question, a 1-5 choice and a reason.

    Draw inside a form. Nothing is preselected unless the participant answered before.
    """
    tidlegare = tidlegare or {}
    skaarar: dict[str, int | None] = {}
    grunnar: dict[str, str] = {}
    for k in kap.KOMPONENTAR:
        st.markdown(f"#### {k.nr}. {k.namn}")
        if med_forklaring:
            st.markdown(k.forklaring)
            st.markdown(f"*{k.sporsmal}*")
        forrige = tidlegare.get(k.nokkel)
        skaarar[k.nokkel] = st.radio(
            f"Karakter for {k.namn}", [1, 2, 3, 4, 5],
            index=(forrige.verdi - 1) if forrige else None,
            format_func=skalatekst, horizontal=True, key=f"{prefiks}_k_{k.nokkel}",
        )
        if grunngjeving:
            grunnar[k.nokkel] = st.text_input(
                f"Kort begrunnelse for {k.namn} (valgfritt)",
                value=(forrige.grunngjeving or "") if forrige else "",
                max_chars=500, key=f"{prefiks}_g_{k.nokkel}",
            )
    return skaarar, grunnar


def dato_tekst(d: date) -> str:
    return d.strftime("%d.%m.%Y")
