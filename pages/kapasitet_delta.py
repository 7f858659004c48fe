"""Kapasitetsdiamanten, participant view (phone first): join with a code, score, submit."""
import logging

import streamlit as st

import stadkraft.kapasitet as kap
from stadkraft.workshop import (
    ROLLER,
    Fase,
    ResultatSkjult,
    UkjentOkt,
    WorkshopFeil,
    normaliser_kode,
    ny_deltakar_id,
)
from stadkraft.workshop.modell import DELTAKAR_RE
from stadkraft.ui import trygg_markdown
from stadkraft.workshop.ui import dato_tekst, hent_lager, karakterskjema

st.header("Kapasitetsdiamanten")


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

st.subheader(trygg_markdown(okt.tittel))
st.caption(trygg_markdown(f"{okt.eining.namn} · {dato_tekst(okt.dato)}" + (f" · {okt.etikett}" if okt.etikett else "")))


@st.fragment(run_every=3)
def vent_paa_fase(fase: Fase) -> None:
    """Reload the page by itself when the facilitator opens, closes or reveals."""
    try:
        if lager.okt(kode).fase != fase:
            st.rerun()
    except UkjentOkt:
        st.rerun()


mitt = lager.mitt_svar(kode, deltakar)

if okt.fase != Fase.OPEN:
    vent_paa_fase(okt.fase)
    if st.session_state.get("kvittering") == kode or mitt:
        st.success("Takk! Svaret ditt er registrert.")
    if okt.fase == Fase.STENGT:
        st.info("Økta er stengt for svar nå. Vent til lederen åpner den, eller følg med på storskjermen.")
    else:
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

vent_paa_fase(okt.fase)
if st.session_state.get("kvittering") == kode:
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
    sendt = st.form_submit_button("Send svar", type="primary", use_container_width=True)

if sendt:
    try:
        lager.send_svar(kode, deltakar, skaarar, grunnar, rolle=rolle or None)
    except WorkshopFeil as feil:
        st.error(str(feil))
    except Exception:  # noqa: BLE001 - the phone gets words, the log gets the trace
        logging.getLogger(__name__).exception("Innsending feilet for økt %s", kode)
        st.error("Svaret ble ikke lagret på grunn av en feil hos oss. Karakterene står fortsatt i skjemaet: "
                 "vent litt og trykk «Send svar» igjen.")
    else:
        st.session_state["kvittering"] = kode
        st.rerun()

st.caption(kap.KJELDE_KORT)
