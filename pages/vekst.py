"""Vekst: how population and jobs developed for one municipality and period, why, and against whom.

Thin: widgets, library calls, rendering. Figures come from queries/vekst_*.sql and the tested
functions in stadkraft/vekst.py, omstilling.py and diagram_vekst.py.
"""
import streamlit as st

from stadkraft import db, eksport, omstilling, ui, vekst
from stadkraft import diagram_vekst as dv
from stadkraft import format as fmt

ui.krev_database()
st.title("Vekst: befolkning og arbeidsplasser")

kommune = ui.valgt_kommune()
info = db.sporring("vekst_kommune", kommune=kommune) if kommune else None
if info is None or info.empty:
    st.info("Velg en kommune i feltet til venstre (eller legg ?kommune=5014 i lenken) for å se veksten.")
    st.stop()
k = info.iloc[0]
dekning_df = db.sporring("vekst_dekning")
syss_serie = db.sporring("vekst_brudd")  # what the employment series counts each year, and its breaks
spenn = db.sporring("aarsspenn").iloc[0]
forste, siste = int(spenn.forste), int(spenn.siste)

# --- Period: presets and from/to, kept in the URL as ?fra=2007&til=2017 ------------------
fra_url, til_url, melding = vekst.tolk_periode(st.query_params.get("fra"), st.query_params.get("til"), forste, siste)
if melding:
    st.query_params.update(fra=str(fra_url), til=str(til_url))
    st.caption(melding)
forhandsvalg = {v[0]: v for v in vekst.forhandsvalg(forste, siste)}


def bruk_forhandsvalg() -> None:
    valgt = st.session_state.get("_vekst_forhandsvalg")
    if valgt in forhandsvalg:
        st.query_params.update(fra=str(forhandsvalg[valgt][1]), til=str(forhandsvalg[valgt][2]))


periodekol, _ = st.columns([2, 3])
with periodekol:
    fra, til = ui.url_periode("Periode (1. januar)", forste, siste, (fra_url, til_url))
if fra == til:
    st.warning("Velg to ulike år: perioden må være minst ett år.")
    st.stop()
st.session_state["_vekst_forhandsvalg"] = next((n for n, v in forhandsvalg.items() if (v[1], v[2]) == (fra, til)), None)
st.pills("Perioder fra fagrapportene, og siste år", list(forhandsvalg), key="_vekst_forhandsvalg",
              on_change=bruk_forhandsvalg, help="\n\n".join(f"**{n}**: {v[3]}" for n, v in forhandsvalg.items()))

dekker = vekst.dekning(dekning_df, fra, til)
kilder = vekst.kilder(dekning_df, ui.metadata(), syss_serie, fra, til)
st.caption(f"**{k.navn}** ({k.kommunenummer}) · {k.fylkesnavn} · sentralitetsklasse {k.sentralitetsklasse} · "
           f"BA-region {k.ba_regionnavn or 'ukjent'} · {til - fra} år fra 1. januar {fra} til 1. januar {til}.")
ANSLAG = "\\* bygger på anslåtte kildetall (kommuner som er delt: tall før delingen er fordelt etter en vekt)."


def nedlasting(diagram, data, oppsett: dict, navn: str) -> None:
    """CSV of the chart's data (`eksport.csv_bytes(data, **oppsett)`), and the chart as PNG and SVG,
    each made only when clicked."""
    a, b, c = st.columns(3)
    filnavn = f"stadkraft_{navn}_{kommune}_{fra}-{til}"
    a.download_button("CSV", lambda: eksport.csv_bytes(data, **oppsett), f"{filnavn}.csv", "text/csv",
                      key=f"csv_{navn}", on_click="ignore", icon=":material/download:")
    b.download_button("PNG", lambda: eksport.diagram_png(diagram), f"{filnavn}.png", "image/png",
                      key=f"png_{navn}", on_click="ignore", icon=":material/image:")
    c.download_button("SVG", lambda: eksport.diagram_svg(diagram), f"{filnavn}.svg", "image/svg+xml",
                      key=f"svg_{navn}", on_click="ignore", icon=":material/image:")


sagt: set[str] = set()


def mangler(hva: str, tekst: str | None = None, **fyll) -> None:
    """A missing-data box in plain words; the build commands once per page, folded away."""
    st.info(tekst or vekst.mangeltekst(hva, hva in sagt, **fyll), icon=":material/database:")
    if not sagt:
        with st.expander(vekst.DRIFT_TITTEL):
            st.markdown(vekst.DRIFT)
    sagt.add(hva)


def nokkeltall(del_, antall: str, endring: str, arlig: str) -> None:
    """The municipality's four metrics for one measure, and the table against the comparison groups."""
    egen = del_[del_["gruppe"] == "kommune"]
    if len(egen):
        e = egen.iloc[0]
        merk = "*" if e.estimat and not e.mangler else ""
        m = st.columns(4)
        m[0].metric(f"{antall} {fra}", fmt.tall(e.start) + merk)
        m[1].metric(f"{antall} {til}", fmt.tall(e.slutt) + merk)
        m[2].metric(endring, fmt.tall(e.endring, fortegn=True) + merk, fmt.prosent(e.prosent, fortegn=True) + merk,
                    **vekst.delta_stil(e.prosent))
        m[3].metric(arlig, fmt.prosent(e.arlig, 2, fortegn=True) + merk,
                    help="Gjennomsnittlig årlig vekst, sammensatt (geometrisk): (slutt / start)^(1 / antall år) − 1.")
    st.dataframe(vekst.visningstabell(del_, fra, til), hide_index=True, width="stretch")
    if del_["mangler"].any():
        st.caption("– betyr at perioden berører år uten tall (for eksempel delte kommuner før 2005), "
                   "så endringen kan ikke regnes ut.")
    if del_["estimat"].any():
        st.caption(ANSLAG)


# --- Key figures ----------------------------------------------------------------------
st.header("Nøkkeltall")
syss = db.sporring("vekst_naering", kommune=kommune)
andre = st.query_params.get("sammenlign", "")
serie = db.sporring("vekst_serie", kommune=kommune, fra=fra, til=til, andre=andre)
tall = vekst.nokkeltall(serie, fra, til)
sektor_aar = vekst.sektor_aar(syss_serie)
st.subheader("Befolkning 1. januar")
nokkeltall(tall[tall["maal"] == "befolkning"], "Folketall", "Befolkningsendring", "Årlig befolkningsvekst")

st.subheader("Sysselsatte etter arbeidssted (4. kvartal)")
sektor, brudd = "alle", {}
if not dekker["sysselsetting"]:
    if siste := vekst.siste_sysselsetting(syss):
        st.metric(f"Sysselsatte {siste[0]} (siste tall)", fmt.tall(siste[1]) + ("*" if siste[2] else ""))
    mangler("sysselsetting", aar=dekker["sysselsetting_aar"], fra=fra, til=til)
else:
    sektorkol, _ = st.columns([2, 3])
    sektor = ui.url_valg("Sektor", "sektor", vekst.SEKTORER, "alle", sted=sektorkol)
    brudd = vekst.brudd_i_perioden(syss_serie, fra, til, sektor)
    if melding := vekst.sektor_melding(sektor, fra, til, sektor_aar):
        st.info(melding, icon=":material/database:")
    else:
        nokkeltall(tall[tall["maal"] == vekst.SEKTOR_MAAL[sektor]], vekst.SEKTOR_ANTALL[sektor],
                   "Endring i sysselsettingen", "Årlig sysselsettingsvekst")
    if notis := vekst.brudd_notis(brudd, fra, til):
        st.info(notis, icon=":material/timeline:")
    st.markdown(f"**{k.navn} etter sektor**")
    st.dataframe(vekst.sektortabell(tall, fra, til), hide_index=True, width="stretch")
    privat = sektor_aar.get("privat")
    if privat and (fra < privat[0] or til > privat[1]):
        st.caption(f"Privat og offentlig sektor finnes bare for {privat[0]}–{privat[1]}, så de har ikke tall for "
                   f"hele perioden {fra}–{til}. Offentlig sektor er alle arbeidsplasser minus de private.")
    else:
        st.caption("Offentlig sektor er alle arbeidsplasser minus de private.")
st.caption("Norge er summen av alle kommunene; fylke, sentralitetsklasse og BA-region er summen av "
           f"kommunene i gruppen (2024-inndeling). Kilde: {kilder['befolkning']} (befolkning), "
           f"{kilder[vekst.SEKTOR_MAAL[sektor]]} (sysselsetting).")

# --- Indexed time series --------------------------------------------------------------
st.header("Utvikling over tid")
kommuner = db.sporring("vekst_kommuner", kommune=kommune)
navn = dict(zip(kommuner["kommunenummer"], kommuner["navn"] + kommuner["er_nabo"].map({True: " · nabo", False: ""})))
naboer = kommuner.loc[kommuner["er_nabo"], "kommunenummer"].tolist()


def til_url_sammenlign() -> None:
    st.query_params["sammenlign"] = ",".join(st.session_state["_vekst_sammenlign"])


fra_lenke = [x for x in (andre or "").split(",") if x in navn]
if st.session_state.get("_vekst_sammenlign") != fra_lenke:
    st.session_state["_vekst_sammenlign"] = fra_lenke
st.multiselect("Legg til kommuner", list(navn), key="_vekst_sammenlign", format_func=navn.__getitem__,
               select_all=False,  # Streamlit's «Select all» is English, and Enter would pick it
               on_change=til_url_sammenlign, placeholder="Nabokommuner står først …",
               help="Nabokommuner (felles grense, regnet ut fra kommunegrensene) står først i lista.")
if naboer:
    st.caption("Nabokommuner: " + ", ".join(navn[n].removesuffix(" · nabo") for n in naboer))
else:
    st.caption(f"{k.navn} har ingen landgrense mot andre kommuner i kartgrunnlaget.")
indeks = dv.indeksserie(serie, fra)
faner = st.tabs(["Befolkning", "Sysselsetting", "Sysselsetting etter sektor"])
with faner[0]:
    data = indeks[indeks["maal"] == "befolkning"]
    beskrivelse = dv.beskrivelse_indeks(data, "befolkning", fra, til)
    diagram = dv.indeksdiagram(data, f"Befolkning, indeks ({fra} = 100)", beskrivelse)
    st.altair_chart(diagram, width="stretch")
    st.caption(f"{beskrivelse} Hule punkter er anslag. Kilde: {kilder['befolkning']}.")
    nedlasting(diagram, data, vekst.csv_oppsett("indeks"), "indeks_befolkning")
with faner[1]:
    data = indeks[indeks["maal"] == vekst.SEKTOR_MAAL[sektor]]
    if not dekker["sysselsetting"]:
        mangler("sysselsetting", aar=dekker["sysselsetting_aar"], fra=fra, til=til)
    elif not data["indeks"].notna().any():
        st.info(vekst.sektor_melding(sektor, fra, til, sektor_aar) or "Ingen sysselsettingstall for perioden.",
                icon=":material/database:")
    else:
        maalnavn = "sysselsetting" if sektor == "alle" else f"sysselsetting, {vekst.SEKTORER[sektor].lower()}"
        beskrivelse = dv.beskrivelse_indeks(data, maalnavn, fra, til, brudd)
        diagram = dv.indeksdiagram(data, f"{maalnavn.capitalize()}, indeks ({fra} = 100)", beskrivelse, brudd)
        st.altair_chart(diagram, width="stretch")
        st.caption(f"{beskrivelse} Hule punkter er anslag. Kilde: {kilder[vekst.SEKTOR_MAAL[sektor]]}.")
        nedlasting(diagram, data, vekst.csv_oppsett("indeks"), f"indeks_{vekst.SEKTOR_MAAL[sektor]}")
with faner[2]:
    data = dv.sektorserie(indeks)
    if not dekker["sysselsetting"] or not data["indeks"].notna().any():
        st.info(f"Sysselsetting etter sektor finnes for {vekst.sektor_tekst(sektor_aar)}; perioden {fra}–{til} "
                "har ikke tall for startåret.", icon=":material/database:")
    else:
        alle_brudd = {**vekst.brudd_i_perioden(syss_serie, fra, til, "privat"),
                      **vekst.brudd_i_perioden(syss_serie, fra, til, "alle")}
        beskrivelse = dv.beskrivelse_indeks(data, f"sysselsetting etter sektor i {k.navn}", fra, til, alle_brudd)
        diagram = dv.indeksdiagram(data, f"Sysselsetting etter sektor, {k.navn}, indeks ({fra} = 100)",
                                   beskrivelse, alle_brudd)
        st.altair_chart(diagram, width="stretch")
        st.caption(f"{beskrivelse} Tallene finnes for {vekst.sektor_tekst(sektor_aar)}; offentlig sektor er alle "
                   f"arbeidsplasser minus de private. Kilde: {kilder['sysselsetting']}.")
        nedlasting(diagram, data, vekst.csv_oppsett("indeks"), "indeks_sektor")

# --- Components of change -------------------------------------------------------------
st.header("Hvorfor: befolkningsendringens komponenter")
komp = db.sporring("vekst_komponenter", kommune=kommune, fra=fra, til=til)
alle = vekst.vekstmaal(db.sporring("vekst_alle", fra=fra, til=til), fra, til)
egen = alle[alle["kommunenummer"] == kommune].iloc[0]
if komp.empty or not dekker["endring"]:
    mangler("endring", aar=dekker["endring_aar"], fra=fra, til=til)
if dekker["endring"]:
    # The period's sums: births minus deaths and all net migration, against the population at the start.
    m = st.columns(3)
    for kol, (navn, verdi) in zip(m, (("Folketilvekst", egen.befolkning_personer),
                                      ("Fødselsoverskudd", egen.fodselsoverskudd),
                                      ("Nettoinnflytting", egen.netto_innflytting))):
        andel = vekst.andel_prosent(verdi, egen.folk_fra)
        kol.metric(f"{navn} {fra}–{til - 1}" if navn != "Folketilvekst" else f"{navn} {fra}–{til}",
                   fmt.tall(verdi, fortegn=True), f"{fmt.prosent(andel, 1, fortegn=True)} av folketallet {fra}",
                   **vekst.delta_stil(andel))
if len(komp):
    beskrivelse = dv.beskrivelse_komponenter(komp, k.navn, fra, til)
    diagram = dv.komponentdiagram(komp, f"Komponenter per år, {k.navn}", beskrivelse)
    st.altair_chart(diagram, width="stretch")
    balanser = dv.komponent_balanser(komp)
    st.caption(f"{beskrivelse} Kilde: {kilder['endring']}."
               + (" " + dv.balanse_tekst(komp) if balanser else "")
               + (" " + ANSLAG if dv.komponent_anslag(komp).any() else ""))
    nedlasting(diagram, komp.assign(anslag=dv.komponent_anslag(komp)), vekst.csv_oppsett("komponenter"),
               "komponenter")
if hull := vekst.uten_data(dekning_df):
    mangler("uten_data", hull)

# --- Growth with and without migration on a map (Østby) -------------------------------
grunnlag = vekst.ostby_grunnlag(alle)
if grunnlag == vekst.OSTBY_INNFLYTTING:
    st.header("Flyttingens betydning for folketallet")
    st.markdown("Etter Østbys inndeling (Lars Østby, SSB, i Distriktssenteret 2018), men med **all netto "
                "innflytting** i stedet for innvandring: kommuner med **vekst uten netto innflytting** (de ville "
                "vokst av fødselsoverskuddet alene), **vekst bare på grunn av netto innflytting** (de ville hatt "
                "nedgang uten den) og **nedgang**.")
    mangler("innvandring")
else:
    st.header("Innvandringens betydning for folketallet")
    st.markdown("Østbys inndeling (Lars Østby, SSB, i Distriktssenteret 2018): kommuner med **vekst uten "
                "innvandring**, **vekst bare på grunn av innvandring** (de ville hatt nedgang uten netto innvandring) "
                "og **nedgang**.")
    if grunnlag is None:
        st.info("Uten befolkningsendringer for hele perioden (se over) kan veksten ikke deles etter innvandring "
                "eller flytting; kartet viser derfor bare vekst eller nedgang.", icon=":material/database:")


@st.cache_resource(max_entries=16, show_spinner=False)
def kartmal(valgt: str, db_fil: str, endret: float):
    """The serialised map for a municipality, once per database; each period only recolours it.

    The database path and mtime are plain arguments (no leading '_') so they are part of the key.
    """
    return dv.kartmal(db.sporring("kommunegrenser"), db.sporring("fylkesgrenser"), valgt)


telling = vekst.ostby_telling(alle, grunnlag)
kartkol, tabellkol = st.columns([3, 2])
with kartkol:
    sti = db.db_sti()
    beskrivelse = dv.beskrivelse_ostby(telling, fra, til, grunnlag)
    kartet = dv.fargelagt_kart(kartmal(kommune, str(sti), sti.stat().st_mtime), dv.ostby_kartverdier(alle))
    st.pydeck_chart(kartet, height=520, alt=beskrivelse)
    ui.tegnforklaring((dv.OSTBY_FARGER[r.kategori], f"{r.kategori} ({r.kommuner})")
                      for r in telling.itertuples())
    st.caption(f"{k.navn}: **{egen.ostby or 'mangler data'}**. {beskrivelse} Kilde: {kilder['befolkning']} "
               "(folketall)" + (f" og {kilder['endring']} ({vekst.OSTBY_NETTO[grunnlag].lower()})."
                                if grunnlag else "."))
with tabellkol:
    tabell = vekst.ostby_tabell(alle, grunnlag)
    st.dataframe(tabell.style.format(vekst.OSTBY_FORMAT, na_rep=fmt.MANGLER), hide_index=True, height=520,
                 width="stretch", column_config={"Kategori": st.column_config.TextColumn(
                     help="Inndelingen, forkortet; tegnforklaringen under kartet har hele navnene.")})
    st.download_button("CSV", lambda: eksport.csv_bytes(tabell, **vekst.csv_oppsett("ostby", grunnlag)),
                       f"stadkraft_ostby_{fra}-{til}.csv", "text/csv",
                       on_click="ignore", icon=":material/download:")

# --- Ranking --------------------------------------------------------------------------
st.header("Rangering")
# Only measures some municipality has figures for: a choice that can never rank is not offered.
mulige = vekst.tilgjengelige_maal(alle)
maal = ui.url_valg("Vekstmål", "maal", mulige or vekst.MAAL, "befolkning_prosent")
if len(mulige) < len(vekst.MAAL):
    st.caption("Sysselsettingsvekst kan velges når databasen har sysselsetting for perioden"
               + (" (se over)." if "sysselsetting" in sagt else "."))
rangert = vekst.ranger(alle, maal)
plass = dv.plassering(rangert, maal, kommune)
if plass["rang"] is None:
    st.info("Kommunen har ikke tall for dette målet i perioden.")
else:
    a, b = st.columns(2)
    a.metric("Blant alle kommuner", f"nr. {plass['rang']} av {plass['antall']}")
    b.metric(f"I sentralitetsklasse {plass['klasse']}", f"nr. {plass['klasserang']} av {plass['klasseantall']}")
    beskrivelse = dv.beskrivelse_rangering(plass, vekst.MAAL[maal], fra, til)
    diagram = dv.rangeringsdiagram(rangert, maal, kommune, f"{vekst.MAAL[maal]}, {fra}–{til}", beskrivelse)
    st.altair_chart(diagram, width="stretch")
    st.caption(f"{beskrivelse} Kilde: {kilder[maal.split('_')[0]]}." + (" " + ANSLAG if plass["estimat"] else "")
               + (" " + notis if maal.startswith("sysselsetting") and (
                   notis := vekst.brudd_notis(vekst.brudd_i_perioden(syss_serie, fra, til), fra, til)) else ""))
    nedlasting(diagram, rangert, vekst.csv_oppsett("rangering", maal), "rangering")
st.warning("Plass er en posisjon, ikke en karakter. Rangeringen sier hvor kommunen står i denne perioden, "
           "ikke om den har gjort det godt eller dårlig; små kommuner svinger mye, og en enkelt periode kan "
           "skyldes tilfeldige hendelser (Telemarksforsking 2018, gjengitt i Onsager, NIBR 2019).",
           icon=":material/info:")

# --- Restructuring screen -------------------------------------------------------------
st.header("Omstillingssil")
st.markdown("**Dette er en sil, ikke et vedtak.** Statens tommelfingerregel for ekstraordinære omstillingsmidler: "
            "nedgangen i sysselsettingen over en **treårsperiode** bør være **minst 15 % av den totale "
            "sysselsettingen** i kommunen og **minst 150 personer** (Kommunal- og moderniseringsdepartementet, "
            "gjengitt av Regionrådet for Hallingdal 2020).")
terskel_a, terskel_b = st.columns(2)
min_andel = ui.url_heltall("Minste nedgang, % av total sysselsetting", "andel", omstilling.MIN_ANDEL, 1, 100,
                           sted=terskel_a)
min_personer = ui.url_heltall("Minste nedgang, personer", "personer", omstilling.MIN_PERSONER, 1, 100_000,
                              steg=10, sted=terskel_b)
silkol, andrekol = st.columns([3, 2])
with silkol:
    skjerm = omstilling.skjerm(syss, min_andel, min_personer, fra=fra, til=til,
                               brudd=vekst.brudd_i_perioden(syss_serie, fra, til))
    if skjerm.empty:
        if dekker["sysselsetting"]:
            st.info(f"Perioden {fra}–{til} har ingen treårsvinduer med sysselsettingstall.",
                    icon=":material/database:")
        else:
            mangler("sysselsetting", aar=dekker["sysselsetting_aar"], fra=fra, til=til)
    else:
        sam = omstilling.sammendrag(skjerm)
        if not sam["har_naering"]:
            st.caption("Bare total sysselsetting finnes; med næringstall (07984) sjekkes hver næring.")
        beskrivelse = dv.beskrivelse_omstilling(skjerm, sam, min_andel, min_personer)
        diagram = dv.omstillingsdiagram(skjerm, min_andel, f"Nedgang i sysselsettingen, {k.navn}", beskrivelse)
        st.altair_chart(diagram, width="stretch")
        st.caption(f"{beskrivelse} ● = krysser begge tersklene. Kilde: {kilder['sysselsetting']} "
                   "(sysselsatte etter arbeidssted, 4. kvartal).")
        with st.expander("Tabell over alle treårsvinduer"):
            st.dataframe(omstilling.tabell(skjerm).style.format(vekst.OMSTILLING_FORMAT, na_rep=fmt.MANGLER),
                         hide_index=True, width="stretch")
        nedlasting(diagram, skjerm, vekst.csv_oppsett("omstilling", brudd=bool(sam["over_brudd"])), "omstilling")
with andrekol:
    st.markdown("**Det som også vektlegges** («komplett situasjonsbilde», Regionrådet for Hallingdal 2020):")
    st.markdown(omstilling.andre_forhold_liste())

with st.expander("Kilder til metodene på siden"):
    st.markdown("\n".join(f"- {kilde}" for kilde in vekst.LITTERATUR))
