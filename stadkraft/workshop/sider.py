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
from .feil import IngenTilgang, UgyldigSvar, UkjentOkt, WorkshopFeil
from .regneark import les_ark
from .ui import delta, eksport, elementer, grupper, okt as deler, resultat
from .ui.felles import Kontekst, enhetsvelger, hent_lager, vis_feil
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
        vis_feil(feil)
    else:
        _gaa_til_okt(ny.okt.kode, ny.token)


def _publiser_valg() -> bool:
    return st.checkbox("Publiser resultatet", key="egen_publiser",
                       help="Vises da under «Tidligere vurderinger» og kan sammenlignes med senere runder. "
                            "Kan endres senere under «Innstillinger for økta».")


def _lagret_plassering(ctx: Kontekst) -> None:
    """A tool with a session's own items: a placement saved in a sheet (the original Excel tool's
    layout), stored as a self-assessment to show on the projector and to start a debate."""
    v, lager = ctx.verktoy, ctx.lager
    st.write(f"Last opp et regneark med {v.elementord[1]} og karakterer ({v.elementord[0]}, "
             f"{', '.join(v.akser)}), for eksempel fra det opprinnelige Excel-verktøyet. Plasseringen lagres "
             "som en egenvurdering som kan vises på storskjermen og sammenlignes med senere runder.")
    enhet = enhetsvelger("egen", standard_kommune=valgt_kommune())
    with st.form("egen", enter_to_submit=False):
        tittel, dato, etikett = oktfelt("egen", v.navn)
        fil = st.file_uploader("Regneark (Excel eller CSV)", type=["xlsx", "csv"], key="egen_fil")
        publiser = _publiser_valg()
        lagre = st.form_submit_button("Lagre plasseringen", type="primary", key="egen_lagre")
    if not lagre:
        return
    try:
        if fil is None:
            raise UgyldigSvar("Velg en fil først.")
        rader = les_ark(fil.getvalue(), fil.name, v)
    except UgyldigSvar as feil:
        vis_feil(feil, "Ingenting er lagret.")
        return
    skaarer = {f"e{i}": r.verdier for i, r in enumerate(rader, start=1) if r.verdier}
    _lag_okt(enhet, lambda e: lager.egenvurdering(v.type, e, tittel, dato, skaarer, etikett=etikett or None,
                                                  elementer=[r.navn for r in rader], publiser=publiser))


def _egenvurdering_fane(ctx: Kontekst) -> None:
    v, lager = ctx.verktoy, ctx.lager
    if v.egne_elementer:
        _lagret_plassering(ctx)
        return
    st.write("For en leder som gjør vurderingen alene, eller for å legge inn en tidligere runde "
             "som ble gjort på papir. Karakterene lagres som felleskarakter og kan sammenlignes "
             "med senere runder.")
    enhet = enhetsvelger("egen", standard_kommune=valgt_kommune())
    with st.form("egen", enter_to_submit=False):
        tittel, dato, etikett = oktfelt("egen", "Egenvurdering")
        skaarer, grunner = svarskjema(v, v.elementer, "egen")
        publiser = _publiser_valg()
        lagre = st.form_submit_button("Lagre vurderingen", type="primary", key="egen_lagre")
    if lagre:
        _lag_okt(enhet, lambda e: lager.egenvurdering(v.type, e, tittel, dato, skaarer, grunner,
                                                      etikett=etikett or None, publiser=publiser))


def startside(ctx: Kontekst) -> None:
    v, lager = ctx.verktoy, ctx.lager
    st.header(v.navn)
    st.write(v.innledning)
    st.caption(f"{v.tips} {v.kilde_kort}.")
    ny, egen, tidligere = st.tabs(["Ny workshop", "Lagret plassering fra fil" if v.egne_elementer
                                   else "Egenvurdering alene / fra papir", "Tidligere vurderinger"])
    with ny:
        st.write("Deltakerne svarer på mobilen med en kode eller QR-kode. Du styrer fasene fra denne "
                 "siden og får en egen lederlenke.")
        enhet = enhetsvelger("ny", standard_kommune=valgt_kommune())
        with st.form("ny_okt", enter_to_submit=False):
            tittel, dato, etikett = oktfelt("ny", v.navn)
            # A tool whose sessions bring their own items (one per line), stored with the session.
            elementer = st.text_area(
                f"{v.elementord[1].capitalize()} (én per linje, valgfritt)", key="ny_elementer",
                help="Du kan også legge til fra maler og filer, og nye underveis, når økta er laget.",
            ) if v.egne_elementer else None
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
        vis_feil(feil)
        return False
    except IngenTilgang as feil:
        vis_feil(feil)
        st.info(f"Er du deltaker? Gå til {delta_lenke(ctx.base, ctx.kode)}")
        return False
    if ctx.okt.type != ctx.verktoy.type:  # a link to another tool's session: show it with its own tool
        ctx.verktoy = verktoy(ctx.okt.type)
    ctx.elementer = ctx.lager.elementer(ctx.kode)
    return True


def _les(ctx: Kontekst):
    """What the group has agreed so far, read once per run (every save reruns the page)."""
    return ctx.lager.konsensus(ctx.kode), ctx.lager.tiltak(ctx.kode)


def _workshop_topp(ctx: Kontekst, konsensus, tiltak, resultatsted=None):
    """Heading, join code, live count and phase buttons, the session's own items (laptop), then
    the results once revealed."""
    deler.topp(ctx)
    deler.bli_med_kode(ctx)
    deler.innkomne_svar(ctx, deler.les_utfall(ctx, konsensus, tiltak))
    if ctx.verktoy.egne_elementer and not ctx.presentasjon:
        elementer.rediger(ctx, konsensus)
    if ctx.okt.fase in regler.FASER_PAPIR and not ctx.presentasjon:
        deler.papirsvar(ctx)
    with resultatsted or st.container():
        return resultat.gruppas_resultat(ctx, konsensus) if ctx.okt.fase in regler.FASER_VIST else (None, None, "")


def _grupper_og_plenum(ctx: Kontekst, konsensus, tiltak, oppsummering) -> None:
    """After the results: the group stage (tools with groups), then the plenary's agreement and actions."""
    fase, v = ctx.okt.fase, ctx.verktoy
    if v.har_grupper and fase in regler.FASER_VELG_GRUPPE and not ctx.presentasjon:
        grupper.oppsett(ctx)
    if v.har_grupper and fase in regler.FASER_GRUPPE:
        st.subheader("Gruppearbeid")
        grupper.status(ctx)
        if not ctx.presentasjon:
            deler.felleskarakter(ctx, konsensus, oppsummering)
    if fase in regler.FASER_KONSENSUS:
        if v.har_grupper:
            grupper.plenum(ctx, oppsummering, konsensus)
        deler.felleskarakter(ctx, konsensus, None if ctx.presentasjon else oppsummering)
        deler.tiltaksliste(ctx, tiltak)


def laptop(ctx: Kontekst) -> None:
    """The facilitator's own screen: everything, with forms, exports and settings."""
    konsensus, tiltak = _les(ctx)
    oppsummering, diagram, beskrivelse = _workshop_topp(ctx, konsensus, tiltak)
    _grupper_og_plenum(ctx, konsensus, tiltak, oppsummering)
    eksport.eksport(ctx, konsensus, tiltak, oppsummering, diagram, beskrivelse)
    eksport.innstillinger(ctx)
    st.caption(ctx.verktoy.kilde)


def projektor(ctx: Kontekst) -> None:
    """The wall (`?modus=presentasjon`): large, read-only, follows the laptop by itself; in the group stage
    and the plenary that stage comes first (on the first screen), the individual result under it."""
    konsensus, tiltak = _les(ctx)
    forst = ctx.verktoy.har_grupper and ctx.okt.fase in regler.FASER_GRUPPE | regler.FASER_KONSENSUS
    hode, fase, under = st.container(), st.container(), st.container()   # the stage needs the result's summary
    with hode:
        oppsummering, _, _ = _workshop_topp(ctx, konsensus, tiltak, resultatsted=under if forst else None)
    with fase if forst else under:
        _grupper_og_plenum(ctx, konsensus, tiltak, oppsummering)
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
    try:
        if not ctx.kode or not ctx.token:
            startside(ctx)
        elif _apne_okt(ctx):
            (egenvurdering if ctx.egen else projektor if ctx.presentasjon else laptop)(ctx)
    except WorkshopFeil:
        raise
    except Exception:  # noqa: BLE001 - the store went away: words and a retry, never a traceback
        delta.borte(ctx.kode)


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
    o, mitt, tilstand, rolle = delta.les_okt(lager, kode)
    v = verktoy(o.type)
    deltaker = delta.deltaker_id(kode)
    delta.hode(v, o)
    delta.vent_paa_endring(kode, tilstand)
    try:
        if o.fase in regler.FASER_MOBIL_RESULTAT:
            delta.resultat(v, lager, o, mitt)
            if v.har_grupper:
                grupper.mobil(v, lager, o, deltaker, mitt)
        else:
            delta.svar(v, lager, o, deltaker, mitt, tilstand[1], rolle)
    except WorkshopFeil:
        raise
    except Exception:  # noqa: BLE001 - the store went away mid-page: words, and a retry
        delta.borte(kode)
