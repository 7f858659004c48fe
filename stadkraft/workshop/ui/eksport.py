"""The facilitator's exports for the minutes (CSV, PDF, PNG/SVG) and the session's settings.
Raw answers follow the engine's rule for results (`regler.raasvar_synlige`)."""
from __future__ import annotations

import streamlit as st

from stadkraft import lenker
from stadkraft.eksport import diagram_png, diagram_svg

from .. import rapport, regler
from ..regler import Fase
from .felles import Kontekst, utfor
from .okt import lederlenke


def eksport(ctx: Kontekst, konsensus, tiltak, oppsummering, diagram, beskrivelse: str) -> None:
    okt, lager, v = ctx.okt, ctx.lager, ctx.verktoy
    with st.expander("Eksport til referatet", expanded=okt.fase == Fase.KONSENSUS):
        # Raw answers follow the results' rule: hidden until revealed with enough answers.
        antall, papir = lager.svartelling(ctx.kode)
        synlig = regler.raasvar_synlige(okt.fase, antall, okt.min_svar, papir)

        # Read when a file is made, not on every rerun of the laptop.
        def elementer():
            return lager.elementer(ctx.kode, med_fjernede=True) if v.egne_elementer else ctx.elementer

        def grupper():
            return {g: lager.konsensus(ctx.kode, g) for g in lager.grupper(ctx.kode)} if v.har_grupper else None
        resultat = "Prioritert liste" if v.har_grupper else "Felleskarakter"
        filresultat = resultat.lower().replace(" ", "-")
        k1, k2, k3 = st.columns(3)
        # Files are made when clicked: the laptop reruns often, and a rerun needs none of them.
        # Until then there is nothing behind the button: no file to fetch (bytes made on click).
        k1.download_button("Svar (CSV)", (lambda: rapport.svar_csv(okt, lager.svar(ctx.kode, ctx.token), elementer()))
                           if synlig and antall else b"",
                           rapport.filnavn(okt, "svar", "csv"), mime="text/csv", on_click="ignore",
                           disabled=antall == 0 or not synlig,
                           key="eks_svar", help=None if synlig else "Kan lastes ned når resultatet er vist.")
        k2.download_button(f"{resultat} (CSV)",
                           lambda: rapport.konsensus_csv(okt, oppsummering, konsensus, ctx.elementer, grupper()),
                           rapport.filnavn(okt, filresultat, "csv"), mime="text/csv",
                           on_click="ignore", key="eks_konsensus")
        k3.download_button("Tiltak (CSV)", lambda: rapport.tiltak_csv(okt, tiltak, elementer()),
                           rapport.filnavn(okt, "tiltak", "csv"), mime="text/csv", on_click="ignore", key="eks_tiltak")
        if v.egne_elementer:
            k2.download_button(f"{resultat} (Excel)",
                               lambda: rapport.konsensus_excel(okt, oppsummering, konsensus, ctx.elementer, grupper()),
                               rapport.filnavn(okt, filresultat, "xlsx"), on_click="ignore", key="eks_xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if diagram is None:
            st.caption("Rapport og diagram kan lastes ned når resultatet er vist.")
            return
        k1.download_button(
            "Rapport (PDF)",
            lambda: rapport.rapport_pdf(okt, oppsummering, konsensus, tiltak, diagram,
                                        {} if ctx.egen else lager.rollefordeling(ctx.kode, ctx.token), beskrivelse,
                                        elementer=ctx.elementer, grupper=grupper()),
            rapport.filnavn(okt, "rapport", "pdf"), mime="application/pdf", on_click="ignore",
            type="primary", key="eks_pdf")
        # The files carry the unit and the source (the PDF has them in its own headings).
        enhet, kilde = okt.enhet.navn, ctx.verktoy.kilde_kort
        k3.download_button("Diagram (PNG)", lambda: diagram_png(diagram, enhet=enhet, kilde=kilde),
                           rapport.filnavn(okt, "diagram", "png"), mime="image/png", on_click="ignore", key="eks_png")
        k3.download_button("Diagram (SVG)", lambda: diagram_svg(diagram, enhet=enhet, kilde=kilde),
                           rapport.filnavn(okt, "diagram", "svg"), mime="image/svg+xml",
                           on_click="ignore", key="eks_svg")


def innstillinger(ctx: Kontekst) -> None:
    okt = ctx.okt
    with st.expander("Innstillinger for økta"):
        st.markdown("**Lederlenke** (hold den for deg selv):")
        st.code(lederlenke(ctx), language=None)
        with st.form("innstillinger", enter_to_submit=False):
            tittel = st.text_input("Tittel", value=okt.tittel, max_chars=200, key="inst_tittel")
            dato = st.date_input("Dato", value=okt.dato, format="DD.MM.YYYY", key="inst_dato")
            etikett = st.text_input("Navn på runden", value=okt.etikett or "", placeholder="F.eks. År 3",
                                    max_chars=40, key="inst_etikett")
            if st.form_submit_button("Lagre endringer", key="inst_lagre"):
                utfor(lambda: ctx.lager.endre_okt(ctx.kode, ctx.token, tittel=tittel, dato=dato, etikett=etikett))
        publiser = st.toggle(
            "Publiser resultatet", value=okt.publisert, key="inst_publiser",
            help="Et publisert resultat (det dere ble enige om, aldri enkeltsvar) vises under «Tidligere "
                 "vurderinger» på startsiden og kan sammenlignes med senere runder for samme enhet. "
                 "Uten publisering ser bare den som har lederlenken, resultatet.")
        if publiser != okt.publisert:
            utfor(lambda: ctx.lager.publiser(ctx.kode, ctx.token, publiser))
        bekreft = st.checkbox("Jeg vil slette økta med alle svar, felleskarakter og tiltak", key="slett_ok")
        if st.button("Slett økta", disabled=not bekreft, key="slett"):
            ctx.lager.slett_okt(ctx.kode, ctx.token)
            del st.query_params[lenker.KODE]
            del st.query_params[lenker.TOKEN]
            st.rerun()
