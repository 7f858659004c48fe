"""Kapasitetsdiamanten, participant view (phone first): join with a code, score, submit."""
import logging

import streamlit as st

import stadkraft.kapasitet as kap
from stadkraft.workshop import (
    ROLLER,
    Fase,
    OktStengt,
    ResultatSkjult,
    UkjentOkt,
    WorkshopFeil,
    normaliser_kode,
    ny_deltakar_id,
)
from stadkraft.workshop.modell import DELTAKAR_RE
from stadkraft.ui import trygg_markdown
from stadkraft.workshop.ui import dato_tekst, hent_lager, karakterskjema

st.header(kap.NAMN)


def bli_med(feilkode: str | None = None) -> None:
    with st.form("bli_med"):
        kode = st.text_input("Koden som vises på storskjermen", value=feilkode or "", max_chars=9,
                             placeholder="F.eks. K7M2Q")
        if st.form_submit_button("Bli med", type="primary"):
            st.query_params["kode"] = normaliser_kode(kode)
            st.rerun()
    st.stop()


kode = normaliser_kode(st.query_params.get("kode", ""))
if not kode:
    st.write("Skriv inn koden fra storskjermen for å bli med. Du trenger ingen konto, og navnet "
             "ditt blir ikke lagret.")
    bli_med()

lager = hent_lager()
try:
    okt = lager.okt(kode)
except UkjentOkt as feil:
    st.error(str(feil))
    bli_med(kode)

# An anonymous id for this phone, kept in the address so a reload does not make a new
# participant: submitting again replaces the earlier answer.
deltakar = st.query_params.get("d", "")
if not DELTAKAR_RE.fullmatch(deltakar):
    deltakar = ny_deltakar_id()
    st.query_params["d"] = deltakar

if not kap.er_standardtittel(okt.tittel):  # the header already says «Kapasitetsdiamanten»
    st.subheader(trygg_markdown(okt.tittel))
st.caption(trygg_markdown(" · ".join(filter(None, [okt.eining.namn, dato_tekst(okt.dato), okt.etikett]))))


@st.fragment(run_every=3)
def vent_paa_fase(fase: Fase) -> None:
    """Reload the page by itself when the facilitator opens, closes or reveals."""
    try:
        if lager.okt(kode).fase != fase:
            st.rerun()
    except UkjentOkt:
        st.rerun()


mitt = lager.mitt_svar(kode, deltakar)
vent_paa_fase(okt.fase)

if okt.fase in (Fase.VIST, Fase.SEMJE):
    if st.session_state.get("kvittering") == kode or mitt:
        st.success("Takk! Svaret ditt er registrert.")
    st.info("Svarene er samlet inn, og resultatet vises på storskjermen.")
    try:
        oppsummering = kap.oppsummer(lager.anonyme_svar(kode))
        semje = {k: s.verdi for k, s in lager.semje(kode).items()}
        diagram = kap.diamant(kap.seriar(oppsummering, semje, namn_no=okt.namn),
                              kap.spreiing_fra(oppsummering), storleik=320)
        with st.expander("Se gruppas resultat"):
            st.altair_chart(diagram, use_container_width=False)
            st.caption(kap.alt_tekst(oppsummering, semje))
    except ResultatSkjult:
        pass
    st.caption(kap.KJELDE_KORT)
    st.stop()

# Open or closed: the form stays with what was filled in (same widget keys), so nothing typed is
# lost when the facilitator closes for a moment; only sending waits.
stengt = okt.fase == Fase.STENGT
# Streamlit drops a click on a button that the same run draws disabled. So the button follows the
# phase the phone was showing: a press just after closing still arrives and gets an answer.
vist = st.session_state.get("_vist_fase")
st.session_state["_vist_fase"] = (kode, okt.fase)
sperra = stengt and vist == (kode, okt.fase)
if not stengt:
    st.session_state.pop("_sendt_stengt", None)

with st.container():  # messages above the form
    if stengt and (avvist := st.session_state.get("_sendt_stengt")):
        st.error(avvist)
    elif stengt and mitt:
        st.warning("Økta er stengt for svar nå. Svaret du sendte tidligere, er registrert. Endringer du "
                   "har gjort etterpå, er ikke sendt – de står her til lederen åpner igjen.")
    elif stengt:
        st.warning("Økta er stengt for svar nå. Svaret ditt er ikke sendt ennå – det du har fylt ut, "
                   "står her til lederen åpner igjen. Da kan du trykke «Send svar».")
    elif st.session_state.get("kvittering") == kode:
        st.success("Takk! Svaret ditt er registrert. Du kan endre det så lenge økta er åpen: "
                   "endre og send på nytt, så gjelder det siste svaret.")
    elif mitt:
        st.info("Du har svart før. Endrer du og sender på nytt, gjelder det siste svaret.")

with st.expander("Om kapasitetsdiamanten", expanded=not mitt):
    st.write(kap.INNLEIING)
    st.caption(kap.KJELDE)

with st.form("svar"):
    skaarar, grunnar = karakterskjema("d", mitt)
    st.markdown("#### Om deg (valgfritt)")
    min_rolle = lager.mi_rolle(kode, deltakar) if mitt else None
    rolle = st.selectbox("Rolle", ROLLER, index=ROLLER.index(min_rolle) if min_rolle in ROLLER else None,
                         placeholder="Vil ikke oppgi", key="d_rolle",
                         help="Bare for å se bredden i gruppa. Navnet ditt lagres aldri.")
    sendt = st.form_submit_button("Send svar", type="primary", use_container_width=True, disabled=sperra)
if stengt:
    st.caption("Sending er stengt til lederen åpner igjen. Det du har fylt ut, blir stående her.")

if sendt:
    try:
        lager.send_svar(kode, deltakar, skaarar, grunnar, rolle=rolle or None)
    except OktStengt as feil:
        st.session_state["_sendt_stengt"] = (
            f"{feil} Svaret ditt er ikke sendt – det du har fylt ut, står fortsatt i skjemaet.")
        st.rerun()
    except WorkshopFeil as feil:
        st.error(str(feil))
    except Exception:  # noqa: BLE001 - the phone gets words, the log gets the trace
        logging.getLogger(__name__).exception("Innsending feilet for økt %s", kode)
        st.error("Svaret ble ikke lagret på grunn av en feil hos oss. Karakterene står fortsatt i skjemaet: "
                 "vent litt og trykk «Send svar» igjen.")
    else:
        st.session_state["kvittering"] = kode
        st.rerun()
if stengt and not sperra:
    st.rerun()  # just closed: draw the button disabled

st.caption(kap.KJELDE_KORT)
