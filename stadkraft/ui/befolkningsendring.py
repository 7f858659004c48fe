"""Sections of the growth view on population change: the components per year, and Østby's map."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from stadkraft import db, eksport, kartgeometri, tekster
from stadkraft import format as fmt
from stadkraft.beregning import befolkningsendring as be
from stadkraft.beregning import dekning, vekst
from stadkraft.diagram import kart, stil
from stadkraft.diagram import vekst as dv

from . import deler
from .vekst import Utvalg


def komponenter(u: Utvalg, komp: pd.DataFrame, alle: pd.DataFrame, dekning_df: pd.DataFrame) -> None:
    """The period's sums (growth, natural increase, net migration) and the components per year
    (`vekst_komponenter.sql`); `alle` is `rangering.vekstmaal()` for the period."""
    fra, til, dekker = u.fra, u.til, u.dekker
    egen = alle[alle["kommunenummer"] == u.kommune].iloc[0]
    if komp.empty or not dekker["endring"]:
        u.mangler("endring", aar=dekker["endring_aar"], fra=fra, til=til)
    if dekker["endring"]:
        # The period's sums: births minus deaths and all net migration, against the population at the start.
        m = st.columns(3)
        for kol, (navn, verdi) in zip(m, (("Folketilvekst", egen.befolkning_personer),
                                          ("Fødselsoverskudd", egen.fodselsoverskudd),
                                          ("Nettoinnflytting", egen.netto_innflytting))):
            andel = vekst.andel_prosent(verdi, egen.folk_fra)
            kol.metric(f"{navn} {fra}–{til - 1}" if navn != "Folketilvekst" else f"{navn} {fra}–{til}",
                       fmt.tall(verdi, fortegn=True), f"{fmt.prosent(andel, 1, fortegn=True)} av folketallet {fra}",
                       **deler.delta_stil(andel))
    if len(komp):
        beskrivelse = dv.beskrivelse_komponenter(komp, u.k.navn, fra, til)
        diagram = dv.komponentdiagram(komp, f"Komponenter per år, {u.k.navn}", beskrivelse)
        deler.diagram(diagram)
        balanser = dv.komponent_balanser(komp)
        st.caption(f"{beskrivelse} Kilde: {u.kilder['endring']}."
                   + (" " + dv.balanse_tekst(komp) if balanser else "")
                   + (" " + tekster.ANSLAG if dv.komponent_anslag(komp).any() else ""))
        u.nedlasting(diagram, komp.assign(anslag=dv.komponent_anslag(komp)), tekster.csv_oppsett("komponenter"),
                     "komponenter", kilde=u.kilder["endring"])
    if hull := dekning.uten_data(dekning_df):
        u.mangler("uten_data", hull)


@st.cache_resource(max_entries=16, show_spinner=False)
def _ostbykart(valgt: str, fra: int, til: int, db_fil: str, endret: float, _alle: pd.DataFrame):
    """Once per view and database. `_alle` follows from the other arguments (a leading underscore
    keeps it out of the key)."""
    return kart.kommunekart(db.sporring("kommunegrenser"), dv.ostby_kartverdier(_alle), kartgeometri.adresser(),
                            valgt, hele_landet=True)


def ostby(u: Utvalg, alle: pd.DataFrame) -> None:
    """Growth with and without immigration (or net in-migration) for every municipality, as a map and a table."""
    fra, til, k = u.fra, u.til, u.k
    grunnlag = be.ostby_grunnlag(alle)
    if grunnlag == be.OSTBY_INNFLYTTING:
        st.header("Flyttingens betydning for folketallet")
        st.markdown("Etter Østbys inndeling (Lars Østby, SSB, i Distriktssenteret 2018), men med **all netto "
                    "innflytting** i stedet for innvandring: kommuner med **vekst uten netto innflytting** (de ville "
                    "vokst av fødselsoverskuddet alene), **vekst bare på grunn av netto innflytting** (de ville hatt "
                    "nedgang uten den) og **nedgang**.")
        u.mangler("innvandring")
    else:
        st.header("Innvandringens betydning for folketallet")
        st.markdown("Østbys inndeling (Lars Østby, SSB, i Distriktssenteret 2018): kommuner med **vekst uten "
                    "innvandring**, **vekst bare på grunn av innvandring** (de ville hatt nedgang uten netto "
                    "innvandring) og **nedgang**.")
        if grunnlag is None:
            st.info("Uten befolkningsendringer for hele perioden (se over) kan veksten ikke deles etter innvandring "
                    "eller flytting; kartet viser derfor bare vekst eller nedgang.", icon=":material/database:")
    egen = alle[alle["kommunenummer"] == u.kommune].iloc[0]
    telling = be.ostby_telling(alle, grunnlag)
    kartkol, tabellkol = st.columns([3, 2])
    with kartkol:
        sti = db.db_sti()
        beskrivelse = dv.beskrivelse_ostby(telling, fra, til, grunnlag)
        st.pydeck_chart(_ostbykart(u.kommune, fra, til, str(sti), sti.stat().st_mtime, alle), height=520, alt=beskrivelse)
        deler.tegnforklaring((stil.OSTBY_FARGER[r.kategori], f"{r.kategori} ({r.kommuner})")
                             for r in telling.itertuples())
        st.caption(f"{k.navn}: **{egen.ostby or 'mangler data'}**. {beskrivelse} Kilde: {u.kilder['befolkning']} "
                   "(folketall)" + (f" og {u.kilder['endring']} ({be.OSTBY_NETTO[grunnlag].lower()})."
                                    if grunnlag else "."))
    with tabellkol:
        tabell = be.ostby_tabell(alle, grunnlag)
        st.dataframe(tabell.style.format(be.OSTBY_FORMAT, na_rep=fmt.MANGLER), hide_index=True, height=520,
                     width="stretch", column_config={"Kategori": st.column_config.TextColumn(
                         help="Inndelingen, forkortet; tegnforklaringen under kartet har hele navnene.")})
        st.download_button("CSV", lambda: eksport.csv_bytes(tabell, **tekster.csv_oppsett("ostby", grunnlag)),
                           f"stadkraft_ostby_{fra}-{til}.csv", "text/csv",
                           on_click="ignore", icon=":material/download:")
