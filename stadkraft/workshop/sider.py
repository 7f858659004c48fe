"""The workshop's pages, composed from the engine's parts for any registered tool.

- `leder(type_)`: the facilitator's page of a tool. Without a session: start a workshop,
  assess alone, or look back. With the facilitator link (`?kode=...&token=...`) one of three
  views: the laptop (everything), the projector (`?modus=presentasjon`: read-only, large, follows
  the laptop) or a self-assessment (its scores, earlier rounds, actions, exports).
- `bli_med()`: the one join page for every tool; it reads the tool from the session.
"""
from __future__ import annotations

import streamlit as st

from stadkraft import lenker
from stadkraft.ui.ramme import valgt_kommune

from . import regler
from .deling import delta_lenke
from .feil import IngenTilgang, UkjentOkt, WorkshopFeil
from .ui import delta, eksport, okt as deler, resultat
from .ui.felles import Kontekst, enhetsvelger, hent_lager
from .ui.skjema import oktfelt, svarskjema
from .verktoy import verktoy


def _gaa_til_okt(kode: str, token: str) -> None:
    st.query_params[lenker.KODE] = kode
    st.query_params[lenker.TOKEN] = token
    st.session_state["ny_lederlenke"] = kode
    st.rerun()


def _lag_okt(enhet, lag) -> None:
    """Make a session with `lag(enhet)` and go to it, or say what is missing or wrong."""
    if enhet is None:
        st.error("Velg en kommune, eller skriv inn navnet på regionen eller stedet.")
        return
    try:
        ny = lag(enhet)
    except WorkshopFeil as feil:
        st.error(str(feil))
    else:
        _gaa_til_okt(ny.okt.kode, ny.token)


def _egenvurdering_fane(ctx: Kontekst) -> None:
    v, lager = ctx.verktoy, ctx.lager
    if v.egne_elementer:  # a self-assessment scores fixed items; a session's own come with a workshop
        st.caption("Egenvurdering finnes for verktøy med faste elementer.")
        return
    st.write("For en leder som gjør vurderingen alene, eller for å legge inn en tidligere runde "
             "som ble gjort på papir. Karakterene lagres som felleskarakter og kan sammenlignes "
             "med senere runder.")
    enhet = enhetsvelger("egen", standard_kommune=valgt_kommune())
    with st.form("egen"):
        tittel, dato, etikett = oktfelt("egen", "Egenvurdering")
        skaarer, grunner = svarskjema(v, v.elementer, "egen")
        lagre = st.form_submit_button("Lagre vurderingen", type="primary", key="egen_lagre")
    if lagre:
        _lag_okt(enhet, lambda e: lager.egenvurdering(v.type, e, tittel, dato, skaarer, grunner,
                                                      etikett=etikett or None))


def startside(ctx: Kontekst) -> None:
    v, lager = ctx.verktoy, ctx.lager
    st.header(v.navn)
    st.write(v.innledning)
    st.caption(f"{v.tips} {v.kilde_kort}.")
    ny, egen, tidligere = st.tabs(["Ny workshop", "Egenvurdering alene / fra papir", "Tidligere vurderinger"])
    with ny:
        st.write("Deltakerne svarer på mobilen med en kode eller QR-kode. Du styrer fasene fra denne "
                 "siden og får en egen lederlenke.")
        enhet = enhetsvelger("ny", standard_kommune=valgt_kommune())
        with st.form("ny_okt"):
            tittel, dato, etikett = oktfelt("ny", v.navn)
            # A tool whose sessions bring their own items (one per line), stored with the session.
            elementer = st.text_area(f"{v.elementord[1].capitalize()} (én per linje)",
                                     key="ny_elementer") if v.egne_elementer else None
            opprett = st.form_submit_button("Opprett workshop", type="primary", key="ny_opprett")
        if opprett:
            egne = [linje for linje in elementer.splitlines() if linje.strip()] if elementer is not None else None
            _lag_okt(enhet, lambda e: lager.opprett_okt(v.type, e, tittel, dato, etikett=etikett or None,
                                                        elementer=egne))
    with egen:
        _egenvurdering_fane(ctx)
    with tidligere:
        resultat.historikk(ctx)


def _apne_okt(ctx: Kontekst) -> bool:
    try:
        ctx.okt = ctx.lager.sjekk_leder(ctx.kode, ctx.token)
    except UkjentOkt as feil:
        st.error(str(feil))
        return False
    except IngenTilgang as feil:
        st.error(str(feil))
        st.info(f"Er du deltaker? Gå til {delta_lenke(ctx.base, ctx.kode)}")
        return False
    if ctx.okt.type != ctx.verktoy.type:  # a link to another tool's session: show it with its own tool
        ctx.verktoy = verktoy(ctx.okt.type)
    ctx.elementer = ctx.lager.elementer(ctx.kode)
    return True


def _les(ctx: Kontekst):
    """What the group has agreed so far, read once per run (every save reruns the page)."""
    return ctx.lager.konsensus(ctx.kode), ctx.lager.tiltak(ctx.kode)


def _workshop_topp(ctx: Kontekst, konsensus, tiltak):
    """Heading, join code, live count and phase buttons, then the results once revealed."""
    deler.topp(ctx)
    deler.bli_med_kode(ctx)
    deler.innkomne_svar(ctx, deler.utfall(konsensus, tiltak))
    if ctx.okt.fase in regler.FASER_PAPIR and not ctx.presentasjon:
        deler.papirsvar(ctx)
    if ctx.okt.fase in regler.FASER_VIST:
        return resultat.gruppas_resultat(ctx, konsensus)
    return None, None, ""


def laptop(ctx: Kontekst) -> None:
    """The facilitator's own screen: everything, with forms, exports and settings."""
    konsensus, tiltak = _les(ctx)
    oppsummering, diagram, beskrivelse = _workshop_topp(ctx, konsensus, tiltak)
    if ctx.okt.fase in regler.FASER_KONSENSUS:
        deler.felleskarakter(ctx, konsensus, oppsummering)
        deler.tiltaksliste(ctx, tiltak)
    eksport.eksport(ctx, konsensus, tiltak, oppsummering, diagram, beskrivelse)
    eksport.innstillinger(ctx)
    st.caption(ctx.verktoy.kilde)


def projektor(ctx: Kontekst) -> None:
    """The wall (`?modus=presentasjon`): large, read-only tables, follows the laptop by itself."""
    konsensus, tiltak = _les(ctx)
    _workshop_topp(ctx, konsensus, tiltak)
    if ctx.okt.fase in regler.FASER_KONSENSUS:
        deler.felleskarakter(ctx, konsensus, None)
        deler.tiltaksliste(ctx, tiltak)
    st.caption(ctx.verktoy.kilde)


def egenvurdering(ctx: Kontekst) -> None:
    """One person's assessment: no code, count or phases; its scores, earlier rounds, actions."""
    konsensus, tiltak = _les(ctx)
    deler.topp(ctx)
    if ctx.okt.fase not in regler.FASER_KONSENSUS and not ctx.presentasjon:
        deler.endre_egenvurdering(ctx)
    oppsummering, diagram, beskrivelse = resultat.egne_karakterer(ctx, konsensus)
    if ctx.okt.fase in regler.FASER_KONSENSUS:
        deler.felleskarakter(ctx, konsensus, oppsummering)
        deler.tiltaksliste(ctx, tiltak)
    if not ctx.presentasjon:
        eksport.eksport(ctx, konsensus, tiltak, oppsummering, diagram, beskrivelse)
        eksport.innstillinger(ctx)
    st.caption(ctx.verktoy.kilde)


def leder(type_: str) -> None:
    """The facilitator's page of the tool `type_`."""
    ctx = Kontekst.fra_lenke(verktoy(type_))
    if not ctx.kode or not ctx.token:
        startside(ctx)
    elif _apne_okt(ctx):
        (egenvurdering if ctx.egen else projektor if ctx.presentasjon else laptop)(ctx)


def bli_med() -> None:
    """The one join page: a code, then the session's own tool's form (phone first)."""
    kode = st.query_params.get(lenker.KODE, "")
    from .modell import normaliser_kode

    kode = normaliser_kode(kode)
    if not kode:
        st.header("Bli med i workshop")
        st.write("Skriv inn koden fra storskjermen for å bli med. Du trenger ingen konto, og navnet "
                 "ditt blir ikke lagret.")
        delta.kodeskjema()
    lager = hent_lager()
    try:
        o = lager.okt(kode)
    except UkjentOkt as feil:
        st.header("Bli med i workshop")
        st.error(str(feil))
        delta.kodeskjema(kode)
    v = verktoy(o.type)
    deltaker = delta.deltaker_id()
    delta.hode(v, o)
    mitt = lager.mitt_svar(kode, deltaker)
    delta.vent_paa_fase(lager, kode, o.fase)
    if o.fase in regler.FASER_VIST:
        delta.resultat(v, lager, o, mitt)
    else:
        delta.svar(v, lager, o, deltaker, mitt)
