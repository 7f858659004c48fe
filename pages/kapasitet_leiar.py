"""Kapasitetsdiamanten, facilitator view (projector): create a session or a self-assessment;
with the facilitator link (`?kode=...&token=...`): join code and QR, live count, phases,
paper answers, the diamond with median and spread, consensus, actions, comparison, export.
A self-assessment gets a simple view: its scores, earlier rounds, actions and exports."""
from datetime import date

import streamlit as st

import stadkraft.kapasitet as kap
from stadkraft.ui import trygg_markdown, valgt_kommune
from stadkraft.workshop import (
    EININGSTYPAR,
    ROLLER,
    Fase,
    MIN_SVAR,
    IngenTilgang,
    ResultatSkjult,
    Tiltak,
    UkjentOkt,
    WorkshopFeil,
    normaliser_kode,
    rapport,
)
from stadkraft.workshop.modell import rundenamn
from stadkraft.workshop.deling import SIDE_DELTA, delta_lenke, leiar_lenke, qr_svg
from stadkraft.workshop.ui import (
    antall_tekst,
    app_adresse,
    dato_tekst,
    enhetsvelger,
    hent_lager,
    karakterskjema,
    ny_skjemarunde,
    presentasjonsmodus,
    skalatekst,
    skjemarunde,
    stor_tabell,
    varsle_lokal_adresse,
)

presentasjon = presentasjonsmodus()
lager = hent_lager()
kode = normaliser_kode(st.query_params.get("kode", ""))
token = st.query_params.get("token", "")
base = app_adresse()


def gaa_til_okt(ny_kode: str, ny_token: str) -> None:
    st.query_params["kode"] = ny_kode
    st.query_params["token"] = ny_token
    st.session_state["ny_leiarlenke"] = ny_kode
    st.rerun()


def semje_verdiar(semje) -> dict[str, int]:
    return {k: s.verdi for k, s in semje.items()}


def vis_historikk_diagram(historikk, tittel: str | None = None) -> None:
    tidlegare = [(n, semje_verdiar(s)) for n, (_, s) in zip(rundenamn([o for o, _ in historikk]), historikk)]
    diagram = kap.diamant(kap.seriar(tidlegare=tidlegare), storleik=440, tittel=tittel)
    st.altair_chart(diagram, width="content", alt=kap.alt_tekst(tidlegare=tidlegare))
    st.caption(kap.alt_tekst(tidlegare=tidlegare))


# --- Without a session: start a workshop, assess alone, or look back ------------------------------

def oktfelt(prefiks: str, standard_tittel: str):
    """Title, date and round name of a new session (drawn inside a form)."""
    tittel = st.text_input("Tittel", value=standard_tittel, max_chars=200, key=f"{prefiks}_tittel")
    dato = st.date_input("Dato", value=date.today(), format="DD.MM.YYYY", key=f"{prefiks}_dato")
    etikett = st.text_input("Navn på runden (valgfritt)", placeholder="F.eks. År 1", max_chars=40,
                            key=f"{prefiks}_etikett",
                            help="Vises når runden sammenlignes med senere runder. Uten navn brukes datoen.")
    return tittel, dato, etikett


def lag_okt(eining, lag) -> None:
    """Make a session with `lag(eining)` and go to it, or say what is missing or wrong."""
    if eining is None:
        st.error("Velg en kommune, eller skriv inn navnet på regionen eller stedet.")
        return
    try:
        ny = lag(eining)
    except WorkshopFeil as feil:
        st.error(str(feil))
    else:
        gaa_til_okt(ny.okt.kode, ny.token)


def startside() -> None:
    st.header("Kapasitetsdiamanten")
    st.write(kap.INNLEIING)
    st.caption(f"{kap.GRUPPETIPS} {kap.KJELDE_KORT}.")
    ny, eigen, tidlegare = st.tabs(["Ny workshop", "Egenvurdering alene / fra papir", "Tidligere vurderinger"])

    with ny:
        st.write("Deltakerne svarer på mobilen med en kode eller QR-kode. Du styrer fasene fra denne "
                 "siden og får en egen lederlenke.")
        eining = enhetsvelger("ny", standard_kommune=valgt_kommune())
        with st.form("ny_okt"):
            tittel, dato, etikett = oktfelt("ny", "Kapasitetsdiamanten")
            opprett = st.form_submit_button("Opprett workshop", type="primary", key="ny_opprett")
        if opprett:
            lag_okt(eining, lambda e: lager.opprett_okt("kapasitet", e, tittel, dato, etikett=etikett or None))

    with eigen:
        st.write("For en leder som gjør vurderingen alene, eller for å legge inn en tidligere runde "
                 "som ble gjort på papir. Karakterene lagres som felleskarakter og kan sammenlignes "
                 "med senere runder.")
        eining_e = enhetsvelger("eigen", standard_kommune=valgt_kommune())
        with st.form("eigen"):
            tittel_e, dato_e, etikett_e = oktfelt("eigen", "Egenvurdering")
            skaarar, grunnar = karakterskjema("eigen")
            lagre = st.form_submit_button("Lagre vurderingen", type="primary", key="eigen_lagre")
        if lagre:
            lag_okt(eining_e, lambda e: lager.eigenvurdering("kapasitet", e, tittel_e, dato_e, skaarar, grunnar,
                                                             etikett=etikett_e or None))

    with tidlegare:
        einingar = lager.einingar("kapasitet")
        if not einingar:
            st.info("Ingen vurderinger er lagret ennå.")
            return
        valt = st.selectbox(
            "Enhet", einingar, key="hist_eining",
            format_func=lambda en: (f"{en[0].namn} ({EININGSTYPAR[en[0].type].lower()}, "
                                    f"{antall_tekst(en[1], 'økt', 'økter')})"))
        historikk = lager.historikk(valt[0])
        if not historikk:
            st.info("Ingen av øktene for denne enheten har felleskarakter ennå.")
            return
        vis_historikk_diagram(historikk, tittel=valt[0].namn)
        st.dataframe(
            [{"Runde": n, "Dato": dato_tekst(o.dato), "Tittel": o.tittel,
              **{k.namn: s[k.nokkel].verdi for k in kap.KOMPONENTAR}}
             for n, (o, s) in zip(rundenamn([o for o, _ in historikk]), historikk)],
            hide_index=True)


if not kode or not token:
    startside()
    st.stop()

# --- The facilitator's own page for one session ------------------------------------------------------

try:
    okt = lager.sjekk_leiar(kode, token)
except UkjentOkt as feil:
    st.error(str(feil))
    st.stop()
except IngenTilgang as feil:
    st.error(str(feil))
    st.info(f"Er du deltaker? Gå til {delta_lenke(base, kode)}")
    st.stop()

delta_url = delta_lenke(base, kode)
eigen = okt.er_eigenvurdering  # a self-assessment: nobody joins, no median, no phases

if st.session_state.get("ny_leiarlenke") == kode and not presentasjon:
    # The link is the key to the session: never on the projector unasked.
    st.warning("Ta vare på lederlenken (bokmerk denne siden): uten den kan ingen stenge, vise, endre "
               "eller slette noe. Vis storskjermen i et eget vindu med presentasjonsmodus, i fullskjerm "
               "(F11), så adressen ikke synes for salen.")
    with st.expander("Vis lederlenken (ikke på storskjermen)"):
        st.code(leiar_lenke(base, kode, token), language=None)
        st.code(leiar_lenke(base, kode, token) + "&modus=presentasjon", language=None)
        st.caption("Den første er for deg, den andre for storskjermen. Begge gir full kontroll over økta.")

st.header(trygg_markdown(okt.tittel))
st.caption(trygg_markdown(" · ".join(filter(None, [
    okt.eining.namn, dato_tekst(okt.dato), okt.etikett,
    *(["Egenvurdering"] if eigen else [f"Kode {okt.kode}", okt.fase.tekst])]))))


def vis_kode(qr_bredde: int) -> None:
    venstre, hogre = st.columns([3, 2], vertical_alignment="center")
    with venstre:
        st.markdown(f"Gå til **{base}/{SIDE_DELTA}** og skriv koden")
        storleik = "6rem" if presentasjon else "4rem"
        st.markdown(
            f"<div style='font-size:{storleik};font-weight:800;letter-spacing:0.15em;"
            f"line-height:1.1' aria-label='Kode {' '.join(okt.kode)}'>{okt.kode}</div>",
            unsafe_allow_html=True)
        st.caption(delta_url)
    with hogre:
        st.image(qr_svg(delta_url), width=qr_bredde, caption="Skann for å bli med")


if not eigen:
    if not presentasjon:
        varsle_lokal_adresse(base)
    if okt.fase == Fase.OPEN:
        vis_kode(320 if presentasjon else 240)
    else:
        with st.expander("Kode og QR for å bli med"):
            vis_kode(200)

KNAPPAR = {
    Fase.OPEN: [("Steng for svar", Fase.STENGT, "primary")],
    Fase.STENGT: [("Vis resultatet", Fase.VIST, "primary")] + (
        [("Åpne for svar igjen", Fase.OPEN, "secondary")] if okt.min_svar >= MIN_SVAR else []),
    Fase.VIST: [("Gå videre til felleskarakter", Fase.SEMJE, "primary"),
                ("Skjul resultatet", Fase.STENGT, "secondary")],
    Fase.SEMJE: [("Tilbake til resultatet", Fase.VIST, "secondary")],
}


def utfall(semje, tiltak) -> tuple:
    """What the group has agreed so far (consensus and actions): the projector redraws when it changes."""
    return tuple(sorted(semje.items())), tuple(tiltak)


# Read once per run; every save below reruns the page.
semje = lager.semje(kode)
tiltak_liste = lager.tiltak(kode)
SETT = utfall(semje, tiltak_liste)


@st.fragment(run_every=2)
def innkomne_svar() -> None:
    """Live count and the phase buttons; follows changes made from another screen (the laptop
    beside the projector): phase, title, consensus, actions."""
    try:
        no = lager.okt(kode)
    except UkjentOkt:
        st.rerun()
    if no != okt or (okt.fase in (Fase.VIST, Fase.SEMJE)
                     and utfall(lager.semje(kode), lager.tiltak(kode)) != SETT):
        st.rerun()
    n = lager.tal_svar(kode)
    venstre, hogre = st.columns([1, 2], vertical_alignment="center")
    with venstre:
        st.metric("Svar mottatt", n)
    with hogre:
        if n < okt.min_svar:
            st.caption(f"Resultatet kan vises når minst {okt.min_svar} har svart, slik at ingen "
                       "enkeltsvar kan gjenkjennes.")
        elif not 6 <= n <= 10 and okt.fase != Fase.OPEN:
            st.caption("Distriktssenteret anbefaler 6–10 deltakere for en god refleksjonsrunde.")
        if not presentasjon and n:
            roller = lager.rollefordeling(kode, token)
            st.caption("Roller: " + " · ".join(f"{r or 'ikke oppgitt'} {v}" for r, v in roller.items()))
    kolonnar = st.columns(len(KNAPPAR[okt.fase]) + 1)
    for kolonne, (tekst, til, type_) in zip(kolonnar, KNAPPAR[okt.fase]):
        sperra = til == Fase.VIST and n < okt.min_svar
        if kolonne.button(tekst, type=type_, key=f"fase_{til.value}", disabled=sperra,
                          help=f"Krever minst {okt.min_svar} svar." if sperra else None):
            try:
                lager.set_fase(kode, token, til)
            except WorkshopFeil as feil:
                st.error(str(feil))
            else:
                st.rerun()


if not eigen:
    innkomne_svar()
elif okt.fase != Fase.SEMJE and not presentasjon:
    # Older self-assessments could be moved out of the consensus phase; bring them back to edit.
    if st.button("Endre vurderingen", key="eigen_endre"):
        for steg in {Fase.OPEN: [Fase.STENGT, Fase.VIST, Fase.SEMJE], Fase.STENGT: [Fase.VIST, Fase.SEMJE],
                     Fase.VIST: [Fase.SEMJE]}[okt.fase]:
            lager.set_fase(kode, token, steg)
        st.rerun()

# --- Paper answers -----------------------------------------------------------------------------------

if not eigen and okt.fase in (Fase.OPEN, Fase.STENGT) and not presentasjon:
    with st.expander("Legg inn svar fra papir", expanded=bool(st.session_state.get("papir_melding"))):
        st.caption("Én deltaker om gangen. Svaret teller som et vanlig, anonymt svar.")
        if melding := st.session_state.pop("papir_melding", None):
            st.success(melding)
        runde = skjemarunde("papir")
        with st.form("papir"):
            p_skaarar, p_grunnar = karakterskjema(f"papir_{runde}", med_forklaring=False)
            p_rolle = st.selectbox("Rolle", ROLLER, index=None, placeholder="Ikke oppgitt",
                                   key=f"papir_{runde}_rolle")
            p_lagre = st.form_submit_button("Lagre papirsvar", key="papir_lagre")
        if p_lagre:
            try:
                lager.send_papirsvar(kode, token, p_skaarar, p_grunnar, rolle=p_rolle)
            except WorkshopFeil as feil:
                st.error(str(feil))
            else:
                ny_skjemarunde("papir")
                st.session_state["papir_melding"] = f"Papirsvaret er lagret ({lager.tal_svar(kode)} svar i alt)."
                st.rerun()


def samanlikning_til_lenke() -> None:
    st.query_params["samanlikn"] = ",".join(st.session_state["samanlikn"])


def samanlikning(kodar: list[str], namn: dict[str, str]) -> list[str]:
    """Which earlier rounds (by code) the diamond overlays: the last three unless chosen; the
    choice is kept in the link (`?samanlikn=K7M2Q,P3X9A`) so the projector tab shows the same."""
    fra_lenke = st.query_params.get("samanlikn")
    valde = kodar[-3:] if fra_lenke is None else [k for k in fra_lenke.split(",") if k in kodar]
    if presentasjon or not kodar:
        return valde
    if st.session_state.get("samanlikn") != valde:
        st.session_state["samanlikn"] = valde
    return st.multiselect("Sammenlign med tidligere runder", kodar, key="samanlikn", format_func=namn.get,
                          on_change=samanlikning_til_lenke)


def tidlegare_rundar() -> tuple[list[tuple[str, dict[str, int]]], str]:
    """The chosen earlier rounds (name, agreed scores) and this round's name."""
    # Rounds before this one (by date, then by when they were made); the current round last.
    historikk = [(o, s) for o, s in lager.historikk(okt.eining)
                 if (o.dato, o.oppretta) < (okt.dato, okt.oppretta)]
    namn = dict(zip([o.kode for o, _ in historikk] + [okt.kode],
                    rundenamn([o for o, _ in historikk] + [okt])))
    valde = samanlikning([o.kode for o, _ in historikk], namn)
    return [(namn[o.kode], semje_verdiar(s)) for o, s in historikk if o.kode in valde], namn[okt.kode]


def vis_semje_tabell(semje, karakter: str = "Felleskarakter", merknad: str = "Merknad") -> None:
    """The agreed scores, read-only (st.table cells are Markdown: typed notes are escaped)."""
    rader = [{"Komponent": k.namn,
              karakter: skalatekst(semje[k.nokkel].verdi) if k.nokkel in semje else "ikke satt ennå",
              merknad: trygg_markdown(semje[k.nokkel].grunngjeving or "") if k.nokkel in semje else ""}
             for k in kap.KOMPONENTAR]
    if presentasjon:
        stor_tabell(rader)
    else:
        st.table(rader, hide_index=True)


# --- Results -------------------------------------------------------------------------------------------

oppsummering = diagram = None
beskriving = ""
semje_v = semje_verdiar(semje)
storleik = 720 if presentasjon else 440
# On the projector the diamond gets the whole width (read from the back of the room).
if eigen:
    tidlegare, namn_no = tidlegare_rundar()
    diagram = kap.diamant(kap.seriar(None, semje_v, tidlegare, namn_no), storleik=storleik)
    beskriving = kap.alt_tekst(None, semje_v, tidlegare)
    venstre, hogre = (st.container(), st.container()) if presentasjon else st.columns(2)
    with venstre:
        st.altair_chart(diagram, width="content", alt=beskriving)
        st.caption(beskriving)
    with hogre:
        st.markdown("**Karakterene**")
        vis_semje_tabell(semje, karakter="Karakter", merknad="Begrunnelse")
elif okt.fase in (Fase.VIST, Fase.SEMJE):
    try:
        anonyme = lager.anonyme_svar(kode)
    except ResultatSkjult as feil:
        st.info(str(feil))
        anonyme = None
    if anonyme is not None:
        oppsummering = kap.oppsummer(anonyme)
        tidlegare, namn_no = tidlegare_rundar()
        diagram = kap.diamant(kap.seriar(oppsummering, semje_v, tidlegare, namn_no),
                              kap.spreiing_fra(oppsummering), storleik=storleik)
        beskriving = kap.alt_tekst(oppsummering, semje_v, tidlegare)

        venstre, hogre = (st.container(), st.container()) if presentasjon else st.columns(2)
        with venstre:
            st.altair_chart(diagram, width="content", alt=beskriving)
            st.caption(beskriving + " Det blå båndet viser spennet fra laveste til høyeste karakter.")
        with hogre:
            st.markdown("**Median og spredning**")
            rader = [{"Komponent": r.namn, "Median": kap.talltekst(r["median"]),
                      "Spenn": kap.spreiingstekst(oppsummering.loc[i]),
                      "1·2·3·4·5": " · ".join(str(c) for c in r.fordeling),
                      "Diskuter": "⚑ diskuter" if r.diskuter else ""}
                     for i, r in oppsummering.iterrows()]
            # A canvas table does not grow with the projector's type; an HTML table does.
            if presentasjon:
                stor_tabell(rader)
            else:
                st.dataframe(rader, hide_index=True)
            st.caption("⚑ = størst uenighet (størst gjennomsnittlig avstand fra medianen, og minst "
                       "2 poeng mellom laveste og høyeste). Medianen er et hjelpemiddel, ikke "
                       "felleskarakteren.")
        st.markdown("#### Begrunnelser (anonyme)")
        for i, r in oppsummering.iterrows():
            grunnar = anonyme[(anonyme["element"] == r.nokkel) & anonyme["grunngjeving"].notna()]
            tittel = (f"{r.namn}: {antall_tekst(len(grunnar), 'begrunnelse', 'begrunnelser')}"
                      + (" · ⚑ diskuter" if r.diskuter else ""))
            with st.expander(tittel, expanded=bool(r.diskuter) and len(grunnar) > 0):
                if grunnar.empty:
                    st.caption("Ingen begrunnelser.")
                for g in grunnar.itertuples():
                    st.markdown(f"- **{g.verdi}** – {trygg_markdown(g.grunngjeving)}")

# --- Consensus and actions -------------------------------------------------------------------------------

if okt.fase == Fase.SEMJE:
    if presentasjon:
        if not eigen:
            # Read-only: a form on the projector would keep its old widget state after the laptop saves.
            st.subheader("Felleskarakter")
            vis_semje_tabell(semje)
    else:
        if not eigen:
            st.subheader("Felleskarakter")
            st.caption("Bli enige om én karakter per komponent etter refleksjonsrunden. Medianen vises "
                       "som et forslag; ingenting fylles inn av seg selv.")
        if melding := st.session_state.pop("semje_melding", None):
            st.success(melding)
        with st.expander("Endre karakterene") if eigen else st.container():
            with st.form("semje"):
                verdiar, merknader = {}, {}
                for k in kap.KOMPONENTAR:
                    forslag = ""
                    if oppsummering is not None:
                        r = oppsummering.set_index("nokkel").loc[k.nokkel]
                        forslag = f"Forslag: median {kap.talltekst(r['median'])}, spenn {kap.spreiingstekst(r)}"
                    venstre, hogre = st.columns([3, 2])
                    with venstre:
                        verdiar[k.nokkel] = st.radio(
                            f"{k.namn}", [1, 2, 3, 4, 5],
                            index=(semje[k.nokkel].verdi - 1) if k.nokkel in semje else None,
                            horizontal=True, format_func=skalatekst, key=f"semje_{k.nokkel}")
                        if forslag:
                            st.caption(forslag)
                    with hogre:
                        merknader[k.nokkel] = st.text_input(
                            f"{'Begrunnelse' if eigen else 'Merknad'} til {k.namn} (valgfritt)",
                            key=f"semje_m_{k.nokkel}", max_chars=500,
                            value=(semje[k.nokkel].grunngjeving or "") if k.nokkel in semje else "")
                lagre_semje = st.form_submit_button("Lagre karakterene" if eigen else "Lagre felleskarakter",
                                                    type="primary", key="semje_lagre")
        if lagre_semje:
            try:
                lager.sett_semje(kode, token, verdiar, merknader)
            except WorkshopFeil as feil:
                st.error(str(feil))
            else:
                st.session_state["semje_melding"] = ("Karakterene er lagret." if eigen
                                                     else "Felleskarakteren er lagret.")
                st.rerun()

    st.subheader("Tiltak: hva skal styrkes, og hvem har ansvar?")
    for t in tiltak_liste:
        komp = f"{kap.KOMPONENT[t.element].namn}: " if t.element else ""
        frist = f" · frist {dato_tekst(t.frist)}" if t.frist else ""
        linje = f"**{trygg_markdown(komp + t.kva)}** · ansvar: {trygg_markdown(t.ansvarleg)}{frist}"
        if presentasjon:
            st.markdown(linje)
            continue
        tekst, knapp = st.columns([6, 1], vertical_alignment="center")
        tekst.markdown(linje)
        if knapp.button("Fjern", key=f"tiltak_slett_{t.id}"):
            lager.slett_tiltak(kode, token, t.id)
            st.rerun()
    if not tiltak_liste:
        st.caption("Ingen tiltak ennå.")
    if not presentasjon:
        runde = skjemarunde("tiltak")
        with st.form("tiltak"):
            t_element = st.selectbox("Komponent", kap.NOKLAR, index=None, placeholder="Velg (valgfritt)",
                                     format_func=lambda n: kap.KOMPONENT[n].namn, key=f"tiltak_{runde}_element")
            t_kva = st.text_input("Hva skal styrkes?", key=f"tiltak_{runde}_kva", max_chars=500)
            t_ansvar = st.text_input("Hvem har ansvar?", key=f"tiltak_{runde}_ansvar", max_chars=200)
            t_frist = st.date_input("Frist (valgfritt)", value=None, format="DD.MM.YYYY",
                                    key=f"tiltak_{runde}_frist")
            legg_til = st.form_submit_button("Legg til tiltak", key="tiltak_legg_til")
        if legg_til:
            try:
                lager.legg_til_tiltak(kode, token, Tiltak(t_kva, t_ansvar, t_frist, t_element))
            except WorkshopFeil as feil:
                st.error(str(feil))
            else:
                ny_skjemarunde("tiltak")
                st.rerun()

# --- Export, settings ----------------------------------------------------------------------------------------

if not presentasjon:
    with st.expander("Eksport til referatet", expanded=okt.fase == Fase.SEMJE):
        svar = lager.svar(kode, token)
        # Raw answers follow the results' rule: hidden until revealed with enough answers.
        svar_synleg = eigen or (okt.fase in (Fase.VIST, Fase.SEMJE) and oppsummering is not None)
        k1, k2, k3 = st.columns(3)
        k1.download_button("Svar (CSV)", rapport.svar_csv(okt, svar), rapport.filnamn(okt, "svar", "csv"),
                           mime="text/csv", on_click="ignore", disabled=svar.empty or not svar_synleg,
                           key="eks_svar", help=None if svar_synleg else "Kan lastes ned når resultatet er vist.")
        k2.download_button("Felleskarakter (CSV)", rapport.semje_csv(okt, oppsummering, semje),
                           rapport.filnamn(okt, "felleskarakter", "csv"), mime="text/csv",
                           on_click="ignore", key="eks_semje")
        k3.download_button("Tiltak (CSV)", rapport.tiltak_csv(okt, tiltak_liste),
                           rapport.filnamn(okt, "tiltak", "csv"), mime="text/csv", on_click="ignore",
                           key="eks_tiltak")
        if diagram is not None:
            roller = {} if eigen else lager.rollefordeling(kode, token)
            k1.download_button(
                "Rapport (PDF, én side)",
                lambda: rapport.rapport_pdf(okt, oppsummering, semje, tiltak_liste, diagram, roller, beskriving),
                rapport.filnamn(okt, "rapport", "pdf"), mime="application/pdf", on_click="ignore",
                type="primary", key="eks_pdf")
            k2.download_button("Diagram (PNG)", lambda: rapport.diagram_png(diagram),
                               rapport.filnamn(okt, "diamant", "png"), mime="image/png",
                               on_click="ignore", key="eks_png")
            k3.download_button("Diagram (SVG)", lambda: rapport.diagram_svg(diagram),
                               rapport.filnamn(okt, "diamant", "svg"), mime="image/svg+xml",
                               on_click="ignore", key="eks_svg")
        else:
            st.caption("Rapport og diagram kan lastes ned når resultatet er vist.")

    with st.expander("Innstillinger for økta"):
        st.markdown("**Lederlenke** (hold den for deg selv):")
        st.code(leiar_lenke(base, kode, token), language=None)
        with st.form("innstillingar"):
            ny_tittel = st.text_input("Tittel", value=okt.tittel, max_chars=200, key="inst_tittel")
            ny_dato = st.date_input("Dato", value=okt.dato, format="DD.MM.YYYY", key="inst_dato")
            ny_etikett = st.text_input("Navn på runden", value=okt.etikett or "", placeholder="F.eks. År 3",
                                       max_chars=40, key="inst_etikett")
            if st.form_submit_button("Lagre endringer", key="inst_lagre"):
                try:
                    lager.endre_okt(kode, token, tittel=ny_tittel, dato=ny_dato, etikett=ny_etikett)
                except WorkshopFeil as feil:
                    st.error(str(feil))
                else:
                    st.rerun()
        stadfest = st.checkbox("Jeg vil slette økta med alle svar, felleskarakter og tiltak", key="slett_ok")
        if st.button("Slett økta", disabled=not stadfest, key="slett"):
            lager.slett_okt(kode, token)
            del st.query_params["kode"]
            del st.query_params["token"]
            st.rerun()

st.caption(kap.KJELDE)
