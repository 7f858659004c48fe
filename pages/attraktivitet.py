"""Attraktivitet: where each municipality grew more (or less) than its structure predicts, and why.

Thin: the model comes computed once per database (stadkraft/attraktivitet), the period's table cached per
period; the sections in stadkraft/ui/attraktivitet.py render it with the chart builders. With a region
(?region=...) the region takes the municipality's place: its own point on the matrix (weighted from its members'
annual values, stadkraft/attraktivitet/region.py), its members labelled beside it and in a table.
"""
import pandas as pd
import streamlit as st

from stadkraft import tekster
from stadkraft.ui import attraktivitet as seksjon
from stadkraft.ui import ramme
from stadkraft.ui import region as regionvisning

ramme.krev_database()
st.title("Attraktivitet: vekst utover det strukturen tilsier")
stor = ramme.presentasjonsmodus()  # on a projector the matrix comes first, the explanations folded away
if not stor:
    st.markdown(tekster.ATTR_INGRESS)
modell = seksjon.modell()
if melding := seksjon.mangler(modell):
    st.info(melding, icon=":material/database:")
    with st.expander(tekster.DRIFT_TITTEL):
        st.markdown(tekster.DRIFT)
    st.stop()

fra, til = seksjon.periode(modell, stor)
tabell = seksjon.periodetabell(fra, til)
region = ramme.valgt_region()  # a region takes the municipality's place: its own point, its members beside it
if region:
    kommune, rad = None, seksjon.regionperiode(region, fra, til)
    enhet = seksjon.regionmodell(modell, region)
else:
    kommune, enhet = ramme.valgt_kommune(), modell
    valgt = tabell[tabell["kommunenummer"] == kommune]
    rad = valgt.iloc[0] if len(valgt) else None

st.header(f"Matrisen {fra}–{til}")
seksjon.merknader(modell)
utvalg = seksjon.matrise(tabell, kommune, fra, til, stor, region, rad if region else None)

if region:
    st.header(f"{region.navn} og kommunene i regionen")
    seksjon.region_og_medlemmer(region, rad, tabell, fra, til)
if rad is None:
    st.info("Velg en kommune i feltet til venstre (eller legg ?kommune=5014 i lenken) for å se dens spor, "
            "årlige verdier og hvorfor den ligger der den ligger.")
elif region is None or pd.notna(rad.samlet):
    st.header(f"Flaks eller trend: {rad.navn}")
    seksjon.flaks_eller_trend(enhet, rad, fra, til, stor)
    st.header(f"Hvorfor: {rad.navn} {fra}–{til}")
    seksjon.hvorfor(enhet, rad, fra, til)

if not stor:
    regionvisning.kunnskapsgrunnlag_knapp(kommune=kommune, region=region, fra=fra, til=til)

st.header("Rangering")
seksjon.rangering(tabell, utvalg, None if region else rad, fra, til)
seksjon.metode(modell, ramme.metadata().get("kilde", ""))
