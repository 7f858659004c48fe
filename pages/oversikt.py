"""Oversikt: a map of all municipalities for a chosen indicator, its table twin and a profile card."""
import streamlit as st

from stadkraft import db, kartgeometri, lenker
from stadkraft import format as fmt
from stadkraft.beregning import dekning, sysselsetting, vekst
from stadkraft.beregning import indikatorer as ind
from stadkraft.diagram import kart
from stadkraft.ui import deler, ramme, url
from stadkraft.ui import region as regionvisning

# The selected municipality's row: a translucent yellow (the map's highlight) reads in both themes.
MARKERT = "background-color: rgba(255, 200, 0, 0.35); font-weight: 700"

ramme.krev_database()
spenn = db.sporring("aarsspenn").iloc[0]
forste, siste = int(spenn.forste), int(spenn.siste)

st.title("Oversikt")
valg, periode = st.columns([2, 3])
indikator = ind.INDIKATORER[url.url_valg("Indikator på kartet", lenker.INDIKATOR,
                                        {k: i.navn for k, i in ind.INDIKATORER.items()}, ind.STANDARD, sted=valg)]
# A link or a choice with the from-year after the to-year: the URL (and so the dropdowns) get the
# order that is used, and the reader is told.
*_, snudd = url.periode_fra_url(forste, siste)
fra, til = url.url_periode("Periode (1. januar)", forste, siste, (max(forste, siste - 10), siste), sted=periode)
if snudd:
    periode.caption(snudd)


def indikatordata(fra: int, til: int):
    """The indicators for the period; `vekst_hull.sql` says which municipalities lack a year of it."""
    return ind.beregn(db.sporring("oversikt_indikatorer", fra=fra, til=til), db.sporring("vekst_hull", fra=fra, til=til))


data = indikatordata(fra, til)
kommune = ramme.valgt_kommune()
region = ramme.valgt_region()
dekning_df, serie = db.sporring("vekst_dekning"), db.sporring("vekst_brudd")


@st.cache_resource(max_entries=64, show_spinner=False)
def kartspec(indikator_kode: str, fra: int, til: int, valgt: str | None, db_fil: str, endret: float,
             medlemmer: tuple[str, ...] = ()):
    """Built once per view and database; a rerun with the same view reuses it.

    The database path and mtime are plain arguments (no leading '_') so they are part of the key.
    """
    i = ind.INDIKATORER[indikator_kode]
    verdier = ind.fargelegg(indikatordata(fra, til), i)
    return kart.kommunekart(db.sporring("kommunegrenser"), verdier, kartgeometri.adresser(), valgt, medlemmer)


def klikk_i_kartet() -> None:
    if kode := kart.klikket_kommune(st.session_state["kart"].selection):
        ramme.velg_kommune(kode)


# Profile card of the selected region, else of the selected municipality.
if region:
    regionvisning.profilkort(region, siste)
    regionvisning.kunnskapsgrunnlag_knapp(region=region)
elif kommune:
    profil = db.sporring("profil", kommune=kommune, til=siste)
    if len(profil):
        p = profil.iloc[0]
        st.subheader(f"{p.navn} ({p.kommunenummer})")
        a, b, c = st.columns(3)
        anslag = " (anslag)" if p.kilde == "estimat" else ""
        a.metric(f"Folkemengde 1. januar {siste}", fmt.tall(p.folkemengde) + anslag)
        b.metric("Sentralitetsklasse", f"{int(p.sentralitetsklasse)} av 6",
                 help="SSBs sentralitetsindeks: 1 er mest sentral, 6 minst sentral.")
        # Text, not st.metric: a metric cuts long county names («Trøndelag - Trööndelage»).
        c.caption("Fylke")
        c.markdown(f"**{deler.trygg_markdown(p.fylkesnavn)}**")
        if p.ba_regionnavn:
            st.caption(f"Bo- og arbeidsmarkedsregion: {p.ba_regionnavn} (NIBR 2020)")
        st.dataframe(vekst.profiltabell(db.sporring("profil_vekst", kommune=kommune, til=siste)),
                     hide_index=True, width="stretch")
        if p.kilde == "estimat":
            st.caption("Anslag: kommunen ble delt, og tallene før delingen er fordelt etter en vekt.")
        st.caption(f"Kilde: {ind.INDIKATORER['folkemengde'].kilde} (folkemengde og vekst), "
                   f"{ind.INDIKATORER['sentralitet'].kilde} (sentralitetsklasse).")
        regionvisning.kunnskapsgrunnlag_knapp(kommune=kommune)
else:
    st.info("Velg en kommune i feltet til venstre, eller klikk i kartet, for å se kommunens profil.")

mangel = ind.mangel(indikator, data, dekning.dekning(dekning_df, fra, til), fra, til) if indikator.krever else None
if fra == til and indikator.trenger_periode:
    st.warning("Velg to ulike år: perioden må være minst ett år.")
elif mangel:
    st.info(mangel, icon=":material/database:")
else:
    overskrift = ind.overskrift(indikator, data, til, fra)
    kartkolonne, tabellkolonne = st.columns([3, 2])
    with kartkolonne:
        sti = db.db_sti()
        st.pydeck_chart(kartspec(indikator.kode, fra, til, None if region else kommune, str(sti), sti.stat().st_mtime,
                                 region.kommuner if region else ()),
                        on_select=klikk_i_kartet, selection_mode="single-object", key="kart", height=560,
                        alt=f"Kart over Norges kommuner farget etter {overskrift.lower()}.")
        deler.tegnforklaring(ind.tegnforklaring(indikator))
        periodetekst = f", {fra}–{til}" if indikator.trenger_periode and not indikator.tittel else ""
        kilder = dekning.kilder(dekning_df, ramme.metadata(), serie, fra, til)
        anslag = (" Anslag: kommunen ble delt, og tallene før delingen er fordelt etter en vekt."
                  if ind.estimert(data, indikator).any() else "")
        st.caption(f"{overskrift}{periodetekst}. Kilde: {ind.kilde(indikator, kilder)}.{anslag} "
                   "Klikk en kommune for å velge den.")
        if indikator.krever == "sysselsetting" and (notis := sysselsetting.brudd_notis(
                sysselsetting.brudd_i_perioden(serie, fra, til), fra, til)):
            st.caption(notis)
        elif indikator.krever == "endring":
            st.caption(ind.ENDRING_FORKLARING.format(fra=fra, til=til, siste=til - 1))

    with tabellkolonne:
        tabell = ind.kart_tabell(data, indikator, fra, til)
        kolonne = ind.kolonnenavn(indikator, data, fra, til)
        valgte = region.kommuner if region else (kommune,) if kommune else ()
        vist = ind.valgte_forst(tabell, valgte)
        if kommune and not region and len(rad := tabell[tabell["Nr."] == kommune]):
            st.markdown(f"**{deler.trygg_markdown(rad.iloc[0]['Kommune'])}**: "
                        f"{indikator.skriv(rad.iloc[0][kolonne])} (øverst i tabellen, markert)")

        # Keyed by the selection: a municipality chosen elsewhere clears the row's tick.
        tabellnokkel = f"kart_tabell_{kommune or ''}"

        def velg_fra_tabell() -> None:
            if kode := ind.kommune_i_rad(vist, st.session_state[tabellnokkel].selection.rows):
                ramme.velg_kommune(kode)

        # A row click selects as a map click does: the map's click needs WebGL, which a remote
        # desktop without a GPU may draw but not pick on (issue 13).
        st.dataframe(vist.style.format({kolonne: indikator.skriv}, na_rep=fmt.MANGLER)
                     .apply(lambda r: [MARKERT if r["Nr."] in valgte else ""] * len(r), axis=1),
                     hide_index=True, height=560, width="stretch", key=tabellnokkel,
                     on_select=velg_fra_tabell, selection_mode="single-row")
        st.caption("Klikk en rad (feltet helt til venstre) for å velge kommunen.")
        st.download_button("Last ned tabellen (CSV)", ind.kart_csv(tabell, indikator),
                           file_name=f"stadkraft_{indikator.kode}_{fra}-{til}.csv", mime="text/csv")
