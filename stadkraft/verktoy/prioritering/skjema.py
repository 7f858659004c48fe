"""The phone's form for the priority tool: per item two rows of 1-5 (importance, influence) and
«kan ikke vurdere», one submit for the whole list; one-handed on a narrow screen."""
from __future__ import annotations

from typing import Mapping

import streamlit as st

from stadkraft.ui.deler import trygg_markdown
from stadkraft.workshop.modell import HOPPET

VERDIER = [1, 2, 3, 4, 5]


def skjema(prefiks: str, elementer, tidligere: Mapping | None = None, med_forklaring: bool = True,
           begrunnelse: bool = True, kontekst: Mapping[str, str] | None = None, merk_nye: bool = True):
    """Draw inside a form. Returns ({key: (viktighet, påvirkbarhet) | HOPPET | None}, {})."""
    tidligere = tidligere or {}
    kontekst = kontekst or {}
    skaarer: dict = {}
    if not elementer:
        st.info("Lederen har ikke lagt inn noen elementer ennå. De dukker opp her av seg selv.")
    for nr, e in enumerate(elementer, start=1):
        forrige = tidligere.get(e.nokkel)
        ny = merk_nye and bool(tidligere) and forrige is None   # added since this phone answered
        # Name and its line of context in one element (a room's submits resend every element).
        tekst = f"**{nr}. {trygg_markdown(e.navn)}**" + (" · *nytt*" if ny else "")
        if med_forklaring and (linje := kontekst.get(e.nokkel)):
            tekst += f"  \n:gray[{trygg_markdown(linje)}]"
        st.markdown(tekst)
        v = st.segmented_control("Viktighet", VERDIER, key=f"{prefiks}_v_{e.nokkel}", width="stretch",
                                 default=forrige.verdi if forrige is not None and not forrige.hoppet else None)
        p = st.segmented_control("Påvirkbarhet", VERDIER, key=f"{prefiks}_p_{e.nokkel}", width="stretch",
                                 default=forrige.verdi2 if forrige is not None and not forrige.hoppet else None)
        hopp = st.checkbox("Kan ikke vurdere", key=f"{prefiks}_h_{e.nokkel}",
                           value=forrige is not None and forrige.hoppet)
        skaarer[e.nokkel] = HOPPET if hopp else ((v, p) if v is not None and p is not None else None)
    return skaarer, {}
