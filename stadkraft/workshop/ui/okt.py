"""The parts of a facilitator's view of one session, for any tool: heading, join code and QR,
the live count with the phase buttons, paper answers, agreed scores per level and actions
(exports and settings are in `eksport.py`). Which phase changes are offered is the engine's
rule (`regler`)."""
from __future__ import annotations

import streamlit as st

from stadkraft.ui.deler import trygg_markdown

from .. import regler
from ..deling import SIDE_BLI_MED, delta_lenke, leder_lenke, qr_svg
from ..rapport import rolletekst
from ..feil import UkjentOkt
from ..modell import ROLLER
from ..regler import PLENUM, Fase
from .felles import Kontekst, dato_tekst, ny_skjemarunde, skjemarunde, utfor, varsle_lokal_adresse
from .resultat import konsensustabell
from .skjema import konsensusskjema, svarskjema, tiltaksskjema


def lederlenke(ctx: Kontekst) -> str:
    return leder_lenke(ctx.base, ctx.verktoy.sider[0], ctx.kode, ctx.token)


def topp(ctx: Kontekst) -> None:
    okt = ctx.okt
    if st.session_state.get("ny_lederlenke") == ctx.kode and not ctx.presentasjon:
        # The link is the key to the session: never on the projector unasked.
        st.warning("Ta vare på lederlenken (bokmerk denne siden): uten den kan ingen stenge, vise, endre "
                   "eller slette noe. Vis storskjermen i et eget vindu med presentasjonsmodus, i fullskjerm "
                   "(F11), så adressen ikke synes for salen.")
        with st.expander("Vis lederlenken (ikke på storskjermen)"):
            st.code(lederlenke(ctx), language=None)
            st.code(lederlenke(ctx) + "&modus=presentasjon", language=None)
            st.caption("Den første er for deg, den andre for storskjermen. Begge gir full kontroll over økta.")
    linje = trygg_markdown(" · ".join(filter(None, [
        okt.enhet.navn, dato_tekst(okt.dato), okt.etikett,
        *(["Egenvurdering"] if ctx.egen else [f"Kode {okt.kode}", ctx.verktoy.fasetekst(okt.fase)])])))
    if ctx.presentasjon:   # a slide's heading: the title large, the unit beside it readable from the back
        st.title(trygg_markdown(okt.tittel))
        st.subheader(linje)
    else:
        st.header(trygg_markdown(okt.tittel))
        st.caption(linje)


def _kode(ctx: Kontekst, qr_bredde: int) -> None:
    url = delta_lenke(ctx.base, ctx.kode)
    venstre, hoyre = st.columns([3, 2], vertical_alignment="center")
    with venstre:
        st.markdown(f"Gå til **{ctx.base}/{SIDE_BLI_MED}** og skriv koden")
        storrelse = ("6rem" if qr_bredde > 200 else "3rem") if ctx.presentasjon else "4rem"   # live: the result has the wall
        st.markdown(
            f"<div style='font-size:{storrelse};font-weight:800;letter-spacing:0.15em;"
            f"line-height:1.1' aria-label='Kode {' '.join(ctx.kode)}'>{ctx.kode}</div>",
            unsafe_allow_html=True)
        st.caption(url)
    with hoyre:
        st.image(qr_svg(url), width=qr_bredde, caption="Skann for å bli med")


def bli_med_kode(ctx: Kontekst) -> None:
    """The join code and QR: large while the session is open, behind an expander after."""
    if not ctx.presentasjon:
        varsle_lokal_adresse(ctx.base)
    if ctx.okt.fase in regler.FASER_SVAR:   # live: smaller, the result needs the wall too
        _kode(ctx, (160 if ctx.okt.fase == Fase.LIVE else 320) if ctx.presentasjon else 240)
    elif ctx.presentasjon:
        return   # the wall shows the result; the laptop keeps the code for a late arrival
    else:
        with st.expander("Kode og QR for å bli med"):
            _kode(ctx, 200)


def utfall(konsensus, tiltak, grupper=()) -> tuple:
    """What the room has agreed so far (and the groups' progress): the projector redraws when it changes."""
    return tuple(sorted(konsensus.items())), tuple(tiltak), tuple(tuple(sorted(g.items())) for g in grupper)


def les_utfall(ctx: Kontekst, konsensus=None, tiltak=None) -> tuple:
    lager, kode = ctx.lager, ctx.kode
    konsensus = lager.konsensus(kode) if konsensus is None else konsensus
    tiltak = lager.tiltak(kode) if tiltak is None else tiltak
    grupper = lager.gruppestatus(kode) if ctx.verktoy.har_grupper else ()
    return utfall(konsensus, tiltak, grupper)


def innkomne_svar(ctx: Kontekst, sett: tuple) -> None:
    """Live count and phase buttons; follows another screen's changes (phase, title, agreement, actions)."""
    okt, lager, kode = ctx.okt, ctx.lager, ctx.kode

    def sperre(n: int, papir: int) -> tuple[bool, bool]:   # what the buttons depend on: enough, from phones
        return n >= okt.min_svar, regler.nok_svar(n, okt.min_svar, papir)

    telling = [lager.svartelling(kode)]   # read once for the buttons; the fragment's first run reuses it
    sperring, vist = sperre(*telling[0]), telling[0][0]   # live: a new answer (not `vist`) redraws

    # The projector checks twice a second (10 ms each): the laptop's change is on the wall within 2 s.
    @st.fragment(run_every=0.5 if ctx.presentasjon else 2)
    def tell() -> None:
        try:
            no = lager.okt(kode)
        except UkjentOkt:
            st.rerun()
        if no != okt or (okt.fase in regler.FASER_VIST and les_utfall(ctx) != sett):
            st.rerun()
        n, papir = telling.pop() if telling else lager.svartelling(kode)
        if sperre(n, papir) != sperring or (okt.fase == Fase.LIVE and n != vist):
            st.rerun()   # the buttons below follow the count (they live outside this fragment)
        if ctx.presentasjon and okt.fase in regler.FASER_VIST:
            st.caption(f"Svar mottatt: {n}")   # the result has the wall; the count is a footnote
            return
        venstre, hoyre = st.columns([1, 2], vertical_alignment="center")
        with venstre:
            st.metric("Svar mottatt", n)
        with hoyre:
            if n < okt.min_svar:
                st.caption(f"Resultatet kan vises når minst {okt.min_svar} har svart, slik at ingen "
                           "enkeltsvar kan gjenkjennes.")
            elif not sperring[1]:
                st.caption(f"{n - papir} har svart på mobil og {papir} på papir. Papirsvarene har du lagt inn "
                           f"selv, så resultatet kan vises når minst {okt.min_svar} har svart på mobil.")
            elif (anbefalt := ctx.verktoy.anbefalt_antall) and not anbefalt[0] <= n <= anbefalt[1] \
                    and okt.fase not in regler.FASER_SVAR:
                st.caption(ctx.verktoy.anbefaling)
            if not ctx.presentasjon and n:
                st.caption(f"Roller: {rolletekst(lager.rollefordeling(kode, ctx.token))}. Roller med færre "
                           "enn 3 telles sammen, så ingen kan pekes ut.")
    tell()

    # No controls on the wall (the laptop holds them), and none in the fragment: a click that lands
    # while it redraws is lost.
    knapper = [] if ctx.presentasjon else regler.faseknapper(okt.fase, okt.min_svar, ctx.verktoy.har_grupper)
    nok_i_alt, nok = sperring
    for kolonne, (tekst, til, fram) in zip(st.columns(len(knapper) + 1) if knapper else [], knapper):
        sperret = til == Fase.VIST and not nok
        if kolonne.button(tekst, type="primary" if fram else "secondary", key=f"fase_{til.value}",
                          disabled=sperret, help=None if not sperret else (
                              f"Krever minst {okt.min_svar} svar." if not nok_i_alt else
                              f"Krever minst {okt.min_svar} svar på mobil; papirsvar du har lagt inn, "
                              "skjuler dem ikke for deg.")):
            utfor(lambda til=til: lager.set_fase(kode, ctx.token, til))


def endre_egenvurdering(ctx: Kontekst) -> None:
    """Older self-assessments could be moved out of the consensus phase; bring them back to edit."""
    if st.button("Endre vurderingen", key="egen_endre"):
        for steg in regler.vei_til(ctx.okt.fase, Fase.KONSENSUS, ctx.verktoy.har_grupper):
            ctx.lager.set_fase(ctx.kode, ctx.token, steg)
        st.rerun()


def papirsvar(ctx: Kontekst) -> None:
    with st.expander("Legg inn svar fra papir", expanded=bool(st.session_state.get("papir_melding"))):
        st.caption("Én deltaker om gangen. Svaret teller som et vanlig, anonymt svar.")
        if melding := st.session_state.pop("papir_melding", None):
            st.success(melding)
        runde = skjemarunde("papir")
        with st.form("papir", enter_to_submit=False):
            skaarer, grunner = svarskjema(ctx.verktoy, ctx.elementer, f"papir_{runde}", med_forklaring=False)
            rolle = st.selectbox("Rolle", ROLLER, index=None, placeholder="Ikke oppgitt", key=f"papir_{runde}_rolle")
            lagre = st.form_submit_button("Lagre papirsvar", key="papir_lagre")
        if lagre:
            def etter():
                ny_skjemarunde("papir")
                st.session_state["papir_melding"] = (
                    f"Papirsvaret er lagret ({ctx.lager.antall_svar(ctx.kode)} svar i alt).")
            utfor(lambda: ctx.lager.send_papirsvar(ctx.kode, ctx.token, skaarer, grunner, rolle=rolle), etter)


def nivavelger(ctx: Kontekst) -> tuple[str, str]:
    """The level the agreed scores are for, and the form's key prefix: the plenary, or in the group
    stage a group (the facilitator may set one for a group without a device)."""
    if not ctx.verktoy.har_grupper or ctx.okt.fase not in regler.FASER_GRUPPE:
        return PLENUM, "konsensus"
    grupper = ctx.lager.grupper(ctx.kode)
    if not grupper:
        return None, ""
    niva = st.radio("Gruppe", grupper, horizontal=True, key="konsensus_niva", format_func=trygg_markdown)
    return niva, f"konsensus_{grupper.index(niva)}"


def felleskarakter(ctx: Kontekst, konsensus, oppsummering) -> None:
    """The agreed scores: a form on the laptop, a read-only table on the projector."""
    if ctx.presentasjon:
        if not ctx.egen:
            # Read-only: a form on the projector would keep its old widget state after the laptop saves.
            st.subheader(ctx.verktoy.fasetekst(Fase.KONSENSUS))
            konsensustabell(ctx, konsensus)
        return
    gruppe = ctx.okt.fase in regler.FASER_GRUPPE
    if not ctx.egen:
        if not gruppe:
            st.subheader(ctx.verktoy.fasetekst(Fase.KONSENSUS))
            st.caption(ctx.verktoy.konsensushjelp)
    if melding := st.session_state.pop("konsensus_melding", None):
        st.success(melding)
    # A self-assessment edits its own scores; in the group stage the facilitator may fill in for a
    # group without a device of its own. Both are tucked away; the plenary's form is the page's task.
    ramme = (st.expander("Endre karakterene") if ctx.egen else
             st.expander("Sett plasseringen for en gruppe uten egen enhet") if gruppe else st.container())
    with ramme:
        niva, prefiks = nivavelger(ctx)
        if niva is None:
            st.caption("Lag gruppene først.")
            return
        if niva != PLENUM:
            konsensus = ctx.lager.konsensus(ctx.kode, niva)
        verdier, merknader, lagre = konsensusskjema(ctx.verktoy, ctx.elementer, konsensus, oppsummering, ctx.egen,
                                                    prefiks)
    if lagre:
        utfor(lambda: ctx.lager.sett_konsensus(ctx.kode, ctx.token, verdier, merknader, niva=niva),
              lambda: st.session_state.update(konsensus_melding="Karakterene er lagret." if ctx.egen
                                              else "Felleskarakteren er lagret."))


def _tiltakslinje(t, navn: dict) -> str:
    element = f"{navn.get(t.element, t.element)}: " if t.element else ""
    frist = f" · frist {dato_tekst(t.frist)}" if t.frist else ""
    return f"**{trygg_markdown(element + t.hva)}** · ansvar: {trygg_markdown(t.ansvarlig)}{frist}"


def forrige_rundes_tiltak(ctx: Kontekst) -> None:
    """The last earlier round's actions for the same unit (published, or this link's own), to
    follow up: what was to be strengthened a year ago, and by whom."""
    forrige = regler.tidligere_runder(ctx.lager.historikk(ctx.okt.type, ctx.okt.enhet, med=ctx.kode), ctx.okt)
    if not forrige:
        return
    okt = forrige[-1][0]
    gamle = ctx.lager.tiltak(okt.kode)
    if gamle:
        navn = {e.nokkel: e.navn for e in ctx.lager.elementer(okt.kode, med_fjernede=True)}
        with st.expander(f"Tiltak fra forrige runde ({trygg_markdown(okt.navn)}), til oppfølging", expanded=True):
            for t in gamle:
                st.markdown("- " + _tiltakslinje(t, navn))


def tiltaksliste(ctx: Kontekst, tiltak) -> None:
    st.subheader("Tiltak: hva skal styrkes, og hvem har ansvar?")
    forrige_rundes_tiltak(ctx)
    navn = {e.nokkel: e.navn for e in ctx.elementer}
    for t in tiltak:
        linje = _tiltakslinje(t, navn)
        if ctx.presentasjon:
            st.markdown(linje)
            continue
        tekst, knapp = st.columns([6, 1], vertical_alignment="center")
        tekst.markdown(linje)
        if knapp.button("Fjern", key=f"tiltak_slett_{t.id}"):
            ctx.lager.slett_tiltak(ctx.kode, ctx.token, t.id)
            st.rerun()
    if not tiltak:
        st.caption("Ingen tiltak ennå.")
    if ctx.presentasjon:
        return
    runde = skjemarunde("tiltak")
    nytt, legg_til = tiltaksskjema(ctx.verktoy, ctx.elementer, runde)
    if legg_til:
        utfor(lambda: ctx.lager.legg_til_tiltak(ctx.kode, ctx.token, nytt), lambda: ny_skjemarunde("tiltak"))
