"""The restructuring screen as a section of the growth view: thresholds in the URL, heat map, table, the rest."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from stadkraft import format as fmt
from stadkraft import lenker, tekster
from stadkraft.beregning import omstilling
from stadkraft.diagram import vekst as dv

from . import deler, url
from .vekst import Utvalg


def sil(u: Utvalg, syss: pd.DataFrame) -> tuple[int, int]:
    """The state's rule of thumb (at least 15 % and 150 persons over three years) on the municipality's
    employment by industry (`vekst_naering.sql`), with the other circumstances beside it. Returns the
    thresholds chosen (in the URL), for a region's members drawn after it with `skjerm`."""
    st.markdown("**Dette er en sil, ikke et vedtak.** Statens tommelfingerregel for ekstraordinære omstillingsmidler: "
                "nedgangen i sysselsettingen over en **treårsperiode** bør være **minst 15 % av den totale "
                "sysselsettingen** i kommunen og **minst 150 personer** (Kommunal- og moderniseringsdepartementet, "
                "gjengitt av Regionrådet for Hallingdal 2020).")
    terskel_a, terskel_b = st.columns(2)
    min_andel = url.url_heltall("Minste nedgang, % av total sysselsetting", lenker.ANDEL, omstilling.MIN_ANDEL, 1, 100,
                                sted=terskel_a)
    min_personer = url.url_heltall("Minste nedgang, personer", lenker.PERSONER, omstilling.MIN_PERSONER, 1, 100_000,
                                   steg=10, sted=terskel_b)
    silkol, andrekol = st.columns([3, 2])
    with silkol:
        skjerm(u, syss, min_andel, min_personer)
    with andrekol:
        st.markdown("**Det som også vektlegges** («komplett situasjonsbilde», Regionrådet for Hallingdal 2020):")
        st.markdown(omstilling.andre_forhold_liste())
    return min_andel, min_personer


def skjerm(u: Utvalg, syss: pd.DataFrame, min_andel: int, min_personer: int, tabell_foldet: bool = True) -> None:
    """The screen for one unit with the thresholds given: the heat map, the windows, the downloads (keyed by
    the unit, so a region's members can each have theirs). `tabell_foldet`: the table in an expander (not
    inside another one, which Streamlit does not allow)."""
    fra, til = u.fra, u.til
    vinduer = omstilling.skjerm(syss, min_andel, min_personer, fra=fra, til=til, brudd=u.brudd())
    if vinduer.empty:
        if u.dekker["sysselsetting"]:
            st.info(f"Perioden {fra}–{til} har ingen treårsvinduer med sysselsettingstall for {u.k.navn}.",
                    icon=":material/database:")
        else:
            u.mangler_sysselsetting()
        return
    sam = omstilling.sammendrag(vinduer)
    if not sam["har_naering"]:
        st.caption("Bare total sysselsetting finnes; med næringstall (07984) sjekkes hver næring.")
    beskrivelse = dv.beskrivelse_omstilling(vinduer, sam, min_andel, min_personer)
    diagram = dv.omstillingsdiagram(vinduer, min_andel, f"Nedgang i sysselsettingen, {u.k.navn}", beskrivelse)
    deler.diagram(diagram)
    st.caption(f"{beskrivelse} ● = krysser begge tersklene. Kilde: {u.kilder['sysselsetting']} "
               "(sysselsatte etter arbeidssted, 4. kvartal).")
    with st.expander("Tabell over alle treårsvinduer") if tabell_foldet else st.container():
        st.dataframe(omstilling.tabell(vinduer).style.format(omstilling.OMSTILLING_FORMAT, na_rep=fmt.MANGLER),
                     hide_index=True, width="stretch")
    u.nedlasting(diagram, vinduer, tekster.csv_oppsett("omstilling", brudd=bool(sam["over_brudd"])), "omstilling",
                 kilde=u.kilder["sysselsetting"])
