"""The forms every tool shares, drawn from its contract: one answer (an item at a time, with
its explanation, a choice on the tool's scale per axis and a reason), the agreed scores, an
action, a new session's title and date. A tool with a form of its own sets `Verktoy.skjema`."""
from __future__ import annotations

from datetime import date
from typing import Mapping

import streamlit as st

from stadkraft.ui.deler import trygg_markdown

from ..modell import MAKS_BEGRUNNELSE, Skaar, Tiltak
from ..verktoy import Element, Verktoy
from . import tegnteller


def svarskjema(
    v: Verktoy,
    elementer: tuple[Element, ...],
    prefiks: str,
    tidligere: Mapping[str, Skaar] | None = None,
    med_forklaring: bool = True,
    begrunnelse: bool = True,
    kontekst: Mapping[str, str] | None = None,
    merk_nye: bool = True,
) -> tuple[dict, dict[str, str]]:
    """Every item with its explanation and guiding question, a choice per axis and a reason;
    `kontekst` is a line per item shown under its name (a statistic, the group's own scores).

    Draw inside a form. Nothing is preselected unless the participant answered before.
    """
    if v.skjema is not None:
        return v.skjema(prefiks, elementer, tidligere, med_forklaring=med_forklaring, begrunnelse=begrunnelse,
                        kontekst=kontekst, merk_nye=merk_nye)
    tidligere = tidligere or {}
    kontekst = kontekst or {}
    skaarer: dict = {}
    grunner: dict[str, str] = {}
    # Each choice is just its number (1-5 fits one line of thumb-sized targets); the label says the
    # scale, so a screen reader on item 14 hears it too.
    skala = f" ({v.skala})" if v.skala else ""
    for nr, e in enumerate(elementer, start=1):
        # One element for heading, explanation and question: a room submitting at once makes
        # the server send every element of every phone's form again.
        deler = [f"#### {nr}. {trygg_markdown(e.navn)}"]
        if med_forklaring and e.forklaring:
            deler.append(e.forklaring)
        if med_forklaring and e.sporsmal:
            deler.append(f"*{e.sporsmal}*")
        st.markdown("\n\n".join(deler))
        if linje := kontekst.get(e.nokkel):
            st.caption(linje)
        forrige = tidligere.get(e.nokkel)
        valg = []
        for i, akse in enumerate(v.akser):
            verdi = (forrige.verdi if i == 0 else forrige.verdi2) if forrige else None
            navn = trygg_markdown(e.navn)  # widget labels are Markdown too
            etikett = (f"Karakter for {navn}" if len(v.akser) == 1 else f"{akse.capitalize()} for {navn}") + skala
            valg.append(st.radio(
                etikett, v.verdier, index=v.verdier.index(verdi) if verdi in v.verdier else None,
                horizontal=True,
                key=f"{prefiks}_k_{e.nokkel}" + (f"_{i}" if i else "")))
        skaarer[e.nokkel] = valg[0] if len(valg) == 1 else (None if None in valg else tuple(valg))
        if begrunnelse:
            # No max_chars: the browser would cut a long paste without a word; the store refuses
            # it with the length and what to do, and the text stays in the field.
            grunner[e.nokkel] = st.text_input(
                f"{tegnteller.MERKE} for {trygg_markdown(e.navn)} (valgfritt, høyst {MAKS_BEGRUNNELSE} tegn)",
                value=(forrige.begrunnelse or "") if forrige else "",
                key=f"{prefiks}_g_{e.nokkel}",
            )
    if begrunnelse:
        tegnteller.vis()   # after the fields: it counts the ones already filled in as it mounts
    return skaarer, grunner


def konsensusskjema(v: Verktoy, elementer, konsensus: Mapping[str, Skaar], oppsummering, egen: bool,
                    prefiks: str = "konsensus") -> tuple[dict, dict, bool]:
    """The agreed score per item, with the tool's suggestion from the answers beside it, and a note."""
    verdier, merknader = {}, {}
    with st.form(prefiks, enter_to_submit=False):
        for e in elementer:
            venstre, hoyre = st.columns([3, 2])
            with venstre:
                valg = []
                for i, akse in enumerate(v.akser):
                    s = konsensus.get(e.nokkel)
                    verdi = (s.verdi if i == 0 else s.verdi2) if s else None
                    valg.append(st.radio(
                        trygg_markdown(e.navn) if len(v.akser) == 1 else f"{trygg_markdown(e.navn)} ({akse})", v.verdier,
                        index=v.verdier.index(verdi) if verdi in v.verdier else None,
                        horizontal=True, format_func=v.skalaetikett,
                        key=f"{prefiks}_{e.nokkel}" + (f"_{i}" if i else "")))
                verdier[e.nokkel] = valg[0] if len(valg) == 1 else (None if None in valg else tuple(valg))
                if oppsummering is not None and v.forslag is not None:
                    st.caption(v.forslag(oppsummering, e.nokkel))
            with hoyre:
                merknader[e.nokkel] = st.text_input(
                    f"{'Begrunnelse' if egen else 'Merknad'} til {trygg_markdown(e.navn)} (valgfritt)",
                    key=f"{prefiks}_m_{e.nokkel}",
                    value=(konsensus[e.nokkel].begrunnelse or "") if e.nokkel in konsensus else "")
        lagre = st.form_submit_button("Lagre karakterene" if egen else "Lagre felleskarakter",
                                      type="primary", key=f"{prefiks}_lagre")
    return verdier, merknader, lagre


def tiltaksskjema(v: Verktoy, elementer, runde: int) -> tuple[Tiltak, bool]:
    navn = {e.nokkel: e.navn for e in elementer}
    with st.form("tiltak", enter_to_submit=False):
        element = st.selectbox(v.elementord[0].capitalize(), list(navn), index=None,
                               placeholder="Velg (valgfritt)", format_func=navn.get, key=f"tiltak_{runde}_element")
        hva = st.text_input("Hva skal styrkes?", key=f"tiltak_{runde}_hva")
        ansvar = st.text_input("Hvem har ansvar?", key=f"tiltak_{runde}_ansvar", max_chars=200)
        frist = st.date_input("Frist (valgfritt)", value=None, format="DD.MM.YYYY", key=f"tiltak_{runde}_frist")
        legg_til = st.form_submit_button("Legg til tiltak", key="tiltak_legg_til")
    return Tiltak(hva, ansvar, frist, element), legg_til


def oktfelt(prefiks: str, standard_tittel: str):
    """Title, date and round name of a new session (drawn inside a form)."""
    tittel = st.text_input("Tittel", value=standard_tittel, max_chars=200, key=f"{prefiks}_tittel")
    dato = st.date_input("Dato", value=date.today(), format="DD.MM.YYYY", key=f"{prefiks}_dato")
    etikett = st.text_input("Navn på runden (valgfritt)", placeholder="F.eks. År 1", max_chars=40,
                            key=f"{prefiks}_etikett",
                            help="Vises når runden sammenlignes med senere runder. Uten navn brukes datoen.")
    return tittel, dato, etikett
