"""Vekst: how population and jobs developed for one municipality and period, why, and against whom.

Thin: read the view, fetch the rows (queries/vekst_*.sql), hand them to the sections in stadkraft/ui/
(which call the tested functions in stadkraft/beregning/ and stadkraft/diagram/).
"""
import streamlit as st

from stadkraft import db, lenker, tekster
from stadkraft.beregning import dekning, rangering, sysselsetting, vekst
from stadkraft.ui import befolkningsendring, omstilling, ramme, url
from stadkraft.ui import region as regionvisning
from stadkraft.ui import vekst as seksjon

ramme.krev_database()
st.title("Vekst: befolkning og arbeidsplasser")

if region := ramme.valgt_region():  # a region takes the municipality's place
    spenn = db.sporring("aarsspenn").iloc[0]
    regionvisning.vekstside(region, int(spenn.forste), int(spenn.siste))
    st.stop()

kommune = ramme.valgt_kommune()
info = db.sporring("vekst_kommune", kommune=kommune) if kommune else None
if info is None or info.empty:
    st.info("Velg en kommune i feltet til venstre (eller legg ?kommune=5014 i lenken) for å se veksten.")
    st.stop()
k = info.iloc[0]
dekning_df = db.sporring("vekst_dekning")
syss_serie = db.sporring("vekst_brudd")  # what the employment series counts each year, and its breaks
spenn = db.sporring("aarsspenn").iloc[0]
fra, til = seksjon.periode(int(spenn.forste), int(spenn.siste))
u = seksjon.Utvalg(kommune, k, fra, til, dekning.dekning(dekning_df, fra, til),
                   dekning.kilder(dekning_df, ramme.metadata(), syss_serie, fra, til), syss_serie)
st.caption(f"**{k.navn}** ({k.kommunenummer}) · {k.fylkesnavn} · sentralitetsklasse {k.sentralitetsklasse} · "
           f"BA-region {k.ba_regionnavn or 'ukjent'} · {til - fra} år fra 1. januar {fra} til 1. januar {til}.")
regionvisning.kunnskapsgrunnlag_knapp(kommune=kommune, fra=fra, til=til)

# --- Key figures ----------------------------------------------------------------------
st.header("Nøkkeltall")
syss = db.sporring("vekst_naering", kommune=kommune)
andre = url.les(lenker.SAMMENLIGN, "")
serie = db.sporring("vekst_serie", kommune=kommune, fra=fra, til=til, andre=andre)
tall = vekst.nokkeltall(serie, fra, til)
st.subheader("Befolkning 1. januar")
seksjon.nokkeltall(u, tall[tall["maal"] == "befolkning"], "Folketall", "Befolkningsendring", "Årlig befolkningsvekst")
st.subheader("Sysselsatte etter arbeidssted (4. kvartal)")
sektor, brudd = seksjon.sysselsetting_nokkeltall(u, tall, syss)
st.caption("Norge er summen av alle kommunene; fylke, sentralitetsklasse og BA-region er summen av "
           f"kommunene i gruppen (2024-inndeling). Kilde: {u.kilder['befolkning']} (befolkning), "
           f"{u.kilder[sysselsetting.SEKTOR_MAAL[sektor]]} (sysselsetting).")

# --- Indexed time series --------------------------------------------------------------
st.header("Utvikling over tid")
seksjon.sammenlign(u, db.sporring("vekst_kommuner", kommune=kommune), andre)
regionvisning.liknende(u, kommune)
seksjon.utvikling(u, serie, sektor, brudd)

# --- Components of change, and growth with and without migration on a map (Østby) ------
st.header("Hvorfor: befolkningsendringens komponenter")
komp = db.sporring("vekst_komponenter", kommune=kommune, fra=fra, til=til)
hull = db.sporring("vekst_hull", fra=fra, til=til)  # the key figures' rule for a missing year, for all
alle = rangering.vekstmaal(vekst.med_hull(db.sporring("vekst_alle", fra=fra, til=til), hull), fra, til)
befolkningsendring.komponenter(u, komp, alle, dekning_df)
befolkningsendring.ostby(u, alle)

# --- Ranking --------------------------------------------------------------------------
st.header("Rangering")
seksjon.plassering(u, alle)

# --- Restructuring screen -------------------------------------------------------------
st.header("Omstillingssil")
omstilling.sil(u, syss)

with st.expander("Kilder til metodene på siden"):
    st.markdown("\n".join(f"- {kilde}" for kilde in tekster.LITTERATUR))
