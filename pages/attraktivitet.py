"""Attraktivitet: where each municipality grew more (or less) than its structure predicts, and why.

Thin: the model comes computed once per database (stadkraft/attraktivitet), the period's table cached per
period; the sections in stadkraft/ui/attraktivitet.py render it with the chart builders.
"""
import streamlit as st

from stadkraft import tekster
from stadkraft.ui import attraktivitet as seksjon
from stadkraft.ui import ramme

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
kommune = ramme.valgt_kommune()
valgt = tabell[tabell["kommunenummer"] == kommune]
rad = valgt.iloc[0] if len(valgt) else None

st.header(f"Matrisen {fra}–{til}")
seksjon.bransjemerknad(modell)
utvalg = seksjon.matrise(tabell, kommune, fra, til, stor)

if rad is None:
    st.info("Velg en kommune i feltet til venstre (eller legg ?kommune=5014 i lenken) for å se dens spor, "
            "årlige verdier og hvorfor den ligger der den ligger.")
else:
    st.header(f"Flaks eller trend: {rad.navn}")
    seksjon.flaks_eller_trend(modell, rad, fra, til, stor)
    st.header(f"Hvorfor: {rad.navn} {fra}–{til}")
    seksjon.hvorfor(modell, rad, fra, til)

st.header("Rangering")
seksjon.rangering(tabell, utvalg, rad, fra, til)
seksjon.metode(modell)
