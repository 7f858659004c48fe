"""The participant's view (phone first), for any tool: join with a code, score, submit; once
revealed, the group's result. Nothing here can change a phase or see another's answer."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

import streamlit as st

from stadkraft import lenker
from stadkraft.lenker import DELTAKER as PARAM_DELTAKER  # where a phone's id was once kept (now dropped)
from stadkraft.lenker import GAMLE_DELTAKER as GAMLE_PARAM_DELTAKER
from stadkraft.ui import kjoringer
from stadkraft.ui.deler import trygg_markdown

from .. import regler
from ..feil import OktStengt, ResultatSkjult, UkjentOkt, WorkshopFeil
from ..sperre import KODEFORSOK, KODEFORSOK_ADRESSE
from ..modell import DELTAKER_RE, KODE_RE, ROLLER, normaliser_kode, ny_deltaker_id
from .felles import dato_tekst, hent_lager, vis_feil
from .resultat import tegn, verdier, vis
from .skjema import svarskjema
from . import vakt



def kodeskjema(feilkode: str | None = None) -> None:
    with st.form("bli_med"):
        kode = st.text_input("Koden som vises på storskjermen", value=feilkode or "", max_chars=9,
                             placeholder="F.eks. K7M2Q")
        if st.form_submit_button("Bli med", type="primary"):
            st.query_params[lenker.KODE] = normaliser_kode(kode)
            st.rerun()
    st.stop()


KAKE = "stadkraft_{kode}"           # the cookie that keeps a phone's anonymous id for one session
KAKE_SEKUNDER = 30 * 24 * 3600


def deltaker_id(kode: str) -> str:
    """This phone's anonymous id in the session `kode`: kept in the browser session and in a
    cookie of this site (a reload is the same participant, and one device counts once), never in
    the address (a shared link must not carry someone's answer). An id in an old link is ignored."""
    if not KODE_RE.fullmatch(kode):   # the cookie's name is written into a script: letters and digits only
        raise UkjentOkt(kode)
    kjente = st.session_state.setdefault("_deltakere", {})
    navn = KAKE.format(kode=kode)
    kake = st.context.cookies.get(navn)
    kake = kake if isinstance(kake, str) else ""     # (a test harness has no cookies)
    deltaker = kjente.get(kode) or kake
    if not DELTAKER_RE.fullmatch(deltaker or ""):
        deltaker = ny_deltaker_id()
    kjente[kode] = deltaker
    if kake != deltaker and st.session_state.get("_kake_satt") != (kode, deltaker):
        # The id is ours (URL-safe letters only); nothing typed by anyone goes into the script.
        st.html(f"<script>document.cookie = '{navn}={deltaker}; path=/; max-age={KAKE_SEKUNDER}; "
                "SameSite=Strict';</script>", unsafe_allow_javascript=True)
        st.session_state["_kake_satt"] = (kode, deltaker)
    for gammel in (PARAM_DELTAKER, *GAMLE_PARAM_DELTAKER):  # links from before worked like a password
        if gammel in st.query_params:
            del st.query_params[gammel]
    return deltaker


BORTE = ("Forbindelsen til workshop-databasen er borte et øyeblikk. Det du har fylt ut, blir stående; "
         "siden prøver igjen av seg selv. Har du trykket «Send svar», sjekk at det står «Takk!» før du går.")


def borte(kode: str) -> None:
    """The store does not answer: say so, and try again every few seconds until it does."""
    logging.getLogger(__name__).exception("Workshop-databasen svarte ikke (økt %s)", kode)
    st.warning(BORTE)

    @st.fragment(run_every=3)
    def prov_igjen() -> None:
        try:
            hent_lager().okt(kode)
        except UkjentOkt:
            st.rerun()
        except Exception:  # noqa: BLE001 - still away: wait for the next try
            return
        st.rerun()
    prov_igjen()
    st.stop()


def les_okt(lager, kode: str):
    """The session, this phone's answer and the session's state; a code that is unknown, expired
    or guessed too often gets a message and the code form; a store that does not answer the last
    state this phone saw (its form stays) or a retry."""
    ip = st.context.ip_address
    adresse = ip if isinstance(ip, str) and ip else "ukjent"
    klient = st.session_state.setdefault("_klient", ny_deltaker_id("k"))   # this browser session
    if KODEFORSOK.sperret(klient) or KODEFORSOK_ADRESSE.sperret(adresse):
        st.header("Bli med i workshop")
        st.error("For mange feil koder på kort tid. Vent et minutt og prøv igjen med koden fra storskjermen.")
        st.stop()
    try:
        if not KODE_RE.fullmatch(kode):   # not a code at all: nothing of it reaches a cookie or a query
            raise UkjentOkt(kode)
        lest = lager.for_deltaker(kode, deltaker_id(kode))
        if regler.kode_utlopt(lest[0].fase, lest[0].opprettet, datetime.now(timezone.utc).replace(tzinfo=None)):
            raise UkjentOkt(kode)
    except UkjentOkt as feil:
        KODEFORSOK.feil(klient)
        KODEFORSOK_ADRESSE.feil(adresse)
        st.header("Bli med i workshop")
        vis_feil(feil)
        kodeskjema(kode)
    except WorkshopFeil:
        raise
    except Exception:  # noqa: BLE001 - the store is away
        sist = st.session_state.get("_sist_lest", {}).get(kode)
        if sist is None:
            st.header("Bli med i workshop")
            borte(kode)
        logging.getLogger(__name__).exception("Workshop-databasen svarte ikke (økt %s)", kode)
        st.warning(BORTE)
        return sist
    st.session_state["_sist_lest"] = {kode: lest}
    return lest


def vent_paa_endring(kode: str, tilstand) -> None:
    """Reload the page by itself when the facilitator opens, closes or reveals, or changes the
    items (the browser asks the server every few seconds; `vakt`). What the phone has filled in
    stays: the form's widgets keep their keys."""
    vakt.vent(kode, tilstand)


def resultat(v, lager, okt, mitt) -> None:
    if st.session_state.get("kvittering") == okt.kode or mitt:
        st.success("Takk! Svaret ditt er registrert.")
    st.info("Svarene er samlet inn, og resultatet vises på storskjermen.")
    try:
        elementer = lager.elementer(okt.kode)
        oppsummering = v.oppsummer(lager.anonyme_svar(okt.kode), elementer)
        konsensus = verdier(lager.konsensus(okt.kode))
        diagram, tekst = tegn(v, oppsummering, konsensus, (), okt.navn, 340, elementer=elementer)
        with st.expander("Se gruppas resultat"):
            if diagram is not None:
                vis(diagram, tekst)
            else:
                st.dataframe(v.resultattabell(oppsummering)[0], hide_index=True)
    except ResultatSkjult:
        pass
    st.caption(v.kilde_kort)


TAKK = ("Takk! Svaret ditt er registrert. Du kan endre det så lenge økta er åpen: "
        "endre og send på nytt, så gjelder det siste svaret.")


def status(kode: str, stengt: bool, mitt, topp: bool = False) -> None:
    """Where the phone stands, drawn under the button (where the thumb is, not 3 000 px up); at
    the top only what a phone opened again needs to know first."""
    if stengt and (avvist := st.session_state.get("_sendt_stengt")):
        st.error(trygg_markdown(avvist))
    elif stengt and mitt:
        st.warning("Økta er stengt for svar nå. Svaret du sendte tidligere, er registrert. Endringer du "
                   "har gjort etterpå, er ikke sendt – de står her til lederen åpner igjen.")
    elif stengt:
        st.warning("Økta er stengt for svar nå. Svaret ditt er ikke sendt ennå – det du har fylt ut, "
                   "står her til lederen åpner igjen. Da kan du trykke «Send svar».")
    elif st.session_state.get("kvittering") == kode and not topp:
        st.success(TAKK)
    elif mitt:
        st.info("Du har svart før. Endrer du og sender på nytt, gjelder det siste svaret.")


def svar(v, lager, okt, deltaker: str, mitt, elementer, min_rolle: str | None = None) -> None:
    """The form. Open or closed, it keeps what was filled in (same widget keys), so nothing typed
    is lost when the facilitator closes for a moment; only sending waits."""
    kode = okt.kode
    stengt = okt.fase not in regler.FASER_SVAR
    # Streamlit drops a click on a button that the same run draws disabled. So the button follows the
    # phase the phone was showing: a press just after closing still arrives and gets an answer.
    vist = st.session_state.get("_vist_fase")
    st.session_state["_vist_fase"] = (kode, okt.fase)
    sperret = stengt and vist == (kode, okt.fase)
    if not stengt:
        st.session_state.pop("_sendt_stengt", None)
    if mitt or stengt:
        status(kode, stengt, mitt, topp=True)

    if v.innledning:   # (one element inside: a room's submits resend every element of the page)
        with st.expander(f"Om {v.navn[:1].lower()}{v.navn[1:]}", expanded=not mitt):
            st.markdown(f"{v.innledning}\n\n<small>{v.kilde}</small>", unsafe_allow_html=True)

    kontekst = {e.nokkel: linje for e in elementer
                if v.elementkontekst is not None and (linje := v.elementkontekst(e, okt.enhet))}
    skjema(v, lager, okt, deltaker, mitt, elementer, min_rolle, kontekst, stengt, sperret)
    if stengt and not sperret:
        st.rerun()  # just closed: draw the button disabled
    st.caption(v.kilde_kort)


@st.fragment
def skjema(v, lager, okt, deltaker: str, mitt, elementer, min_rolle, kontekst, stengt: bool, sperret: bool) -> None:
    """The form and what became of sending it. A fragment: pressing «Send svar» reruns only this
    (the page around it, its header and the session's reading stay as drawn), which halves the
    server's work when a room submits at once. The store still checks the phase on sending."""
    kode = okt.kode
    with kjoringer.plass():
        with st.form("svar", enter_to_submit=False):
            skaarer, grunner = svarskjema(v, elementer, "d", mitt, kontekst=kontekst)
            rolle = st.selectbox("Om deg: rolle (valgfritt)", ROLLER,
                                 index=ROLLER.index(min_rolle) if min_rolle in ROLLER else None,
                                 placeholder="Vil ikke oppgi", key="d_rolle",
                                 help="Bare for å se bredden i gruppa. Navnet ditt lagres aldri.")
            sendt = st.form_submit_button("Send svar", type="primary", width="stretch", disabled=sperret)
        if not sendt:
            status(kode, stengt, mitt)
        if stengt:
            st.caption("Sending er stengt til lederen åpner igjen. Det du har fylt ut, blir stående her.")
    if not sendt:
        return
    # Without a place while the store writes: the submits that wait together are written together.
    try:
        lager.send_svar(kode, deltaker, skaarer, grunner, rolle=rolle or None)
    except OktStengt as feil:
        st.session_state["_sendt_stengt"] = (
            f"{feil} Svaret ditt er ikke sendt – det du har fylt ut, står fortsatt i skjemaet.")
        st.rerun()
    except WorkshopFeil as feil:
        vis_feil(feil)
    except Exception:  # noqa: BLE001 - the phone gets words, the log gets the trace
        logging.getLogger(__name__).exception("Innsending feilet for økt %s", kode)
        st.error("Svaret ble ikke lagret på grunn av en feil hos oss. Karakterene står fortsatt i skjemaet: "
                 "vent litt og trykk «Send svar» igjen.")
    else:
        # Confirmed in this run, beside the button: a second run per submit would double the
        # server's work with a room submitting at once.
        st.session_state["kvittering"] = kode
        st.success(TAKK)


def hode(v, okt) -> None:
    st.header(v.navn)
    if not v.er_standardtittel(okt.tittel):  # the header already says the tool's name
        st.subheader(trygg_markdown(okt.tittel))
    st.caption(trygg_markdown(" · ".join(filter(None, [okt.enhet.navn, dato_tekst(okt.dato), okt.etikett]))))
