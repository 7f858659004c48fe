"""Sections of the attractiveness page: the period, the matrix with its filters, luck or trend, why, the
ranking and the method. Each takes what the page fetched, calls `stadkraft.attraktivitet` and
`stadkraft.diagram.attraktivitet`, and renders.
"""
from __future__ import annotations

import dataclasses
import functools

import pandas as pd
import streamlit as st

from stadkraft import format as fmt
from stadkraft import lenker, tekster
from stadkraft import region as regioner
from stadkraft.attraktivitet import modell as am
from stadkraft.attraktivitet import periode as ap
from stadkraft.attraktivitet import region as ar
from stadkraft.attraktivitet import tabell as at
from stadkraft.beregning import perioder
from stadkraft.diagram import attraktivitet as da
from stadkraft.stier import db_sti

from . import deler, url
from . import region as region_ui

_FORHANDSVALG = "_attr_forhandsvalg"
_LEGG_TIL = "_attr_legg_til"
_ONSKET = "_attr_onsket_periode"  # the period a link asked for, kept while the page shows its clamped version
ALLE = "alle"


def modell() -> am.Modell:
    """The model for this database (computed on first use, then kept; see `attraktivitet.modell`)."""
    with st.spinner("Regner ut attraktivitetsmodellen for alle kommuner …"):
        return am.for_database()


@st.cache_data(max_entries=64, show_spinner=False)
def _periodetabell(sti: str, endret: float, fra: int, til: int) -> pd.DataFrame:
    m = am.for_database()
    return ap.periodetabell(m.aarlig, m.kommuner, fra, til, _spredning(sti, endret), m.kumulativ)


@st.cache_data(max_entries=4, show_spinner=False)
def _spredning(sti: str, endret: float) -> pd.DataFrame:
    return ap.typisk_spredning(am.for_database().aarlig)


def periodetabell(fra: int, til: int) -> pd.DataFrame:
    """The period's table (`periode.periodetabell`), cached per database file and period."""
    sti = db_sti()
    return _periodetabell(str(sti), sti.stat().st_mtime, fra, til)


@st.cache_data(max_entries=64, show_spinner=False)
def _regionperiode(sti: str, endret: float, medlemmer: tuple[str, ...], kode: str, navn: str, fra: int,
                   til: int) -> pd.Series:
    return ar.regionperiode(am.for_database().aarlig, medlemmer, kode, navn, fra, til, _spredning(sti, endret))


def regionperiode(region: regioner.Region, fra: int, til: int) -> pd.Series:
    """The region's row for the period (`attraktivitet.region.regionperiode`), cached like the table."""
    sti = db_sti()
    return _regionperiode(str(sti), sti.stat().st_mtime, tuple(region.kommuner), region.nokkel, region.navn, fra, til)


def regionmodell(m: am.Modell, region: regioner.Region) -> am.Modell:
    """The model with the region's annual rows in place of the municipalities', so the sections that read
    `m.aarlig` for one unit (luck or trend) show the region as they show a municipality."""
    return dataclasses.replace(m, aarlig=ar.regionaar(m.aarlig, region.kommuner, region.nokkel))


def mangler(m: am.Modell) -> str | None:
    """The explanation when the model cannot run on this database, else None."""
    if not m.aar_naering:
        return tekster.ATTR_UTEN_SYSSELSETTING
    if not m.aar_bosted:
        return tekster.ATTR_UTEN_FLYTTING
    return None


def periode(m: am.Modell, stor: bool = False) -> tuple[int, int]:
    """Presets and from/to in the URL (?fra=2007&til=2017), inside the years the model covers; with `stor`
    (a projector) without the note on the documents' periods outside the data."""
    forste, siste = m.aar[0], m.aar[-1] + 1
    lenke = (heltall(url.les(lenker.FRA)), heltall(url.les(lenker.TIL)))  # before the clamping below
    fra_url, til_url, melding = url.periode_fra_url(forste, siste, perioder.STANDARD_PERIODE)
    if melding:
        st.caption(melding)
        st.session_state[_ONSKET] = (*lenke, fra_url, til_url)
    valg = {v[0]: v for v in ap.forhandsvalg(forste, siste)}

    def bruk() -> None:
        v = valg.get(st.session_state.get(_FORHANDSVALG))
        if v:
            st.query_params.update({lenker.FRA: str(v[1]), lenker.TIL: str(v[2])})

    kol, _ = st.columns([2, 3])
    with kol:
        fra, til = url.url_periode("Periode (1. januar)", forste, siste, (fra_url, til_url))
    if fra == til:
        st.warning("Velg to ulike år: perioden må være minst ett år.")
        st.stop()
    st.session_state[_FORHANDSVALG] = next((n for n, v in valg.items() if (v[1], v[2]) == (fra, til)), None)
    st.pills("Perioder fra fagrapportene, og siste år", list(valg), key=_FORHANDSVALG, on_change=bruk,
             help="\n\n".join(f"**{n}**: {v[3]}" for n, v in valg.items()))
    if not stor and (tekst := ap.utenfor_tekst(*onsket_periode(fra, til), forste, siste, m.dekning)):
        st.caption(tekst)
    return fra, til


def heltall(verdi) -> int | None:
    """A year from the URL as a number, None when it is not one."""
    try:
        return int(str(verdi).strip())
    except (TypeError, ValueError):
        return None


def onsket_periode(fra: int, til: int) -> tuple[int | None, int | None]:
    """The period the link asked for when the page shows its clamped version of it, else the one shown."""
    lagret = st.session_state.get(_ONSKET)
    return lagret[:2] if lagret and tuple(lagret[2:]) == (fra, til) else (fra, til)


def uten_pendling(m: am.Modell) -> bool:
    return "uten_pendling" in m.merknader


def merknader(m: am.Modell) -> None:
    """One sentence each on what the database lets the model include: the industry effect (left out, or the
    groups and years it covers) and, when there are no commuting figures, the two commuting terms."""
    if not m.aar_bransje:
        st.caption(tekster.ATTR_UTEN_BRANSJE)
    else:
        st.caption(tekster.ATTR_MED_BRANSJE.format(n=fmt.tall(len(m.bransjer)),
                                                   aar=perioder.spenn_tekst(m.aar_bransje[0], m.aar_bransje[-1])))
    if uten_pendling(m):
        st.caption(tekster.ATTR_UTEN_PENDLING)


# --- The matrix ---------------------------------------------------------------------------------

LIKNENDE = "liknende"


def filtre(tabell: pd.DataFrame, kommune: str | None = None) -> pd.DataFrame:
    """County, centrality class, BA region and size, and with a municipality its similar ones
    (as on the growth page), each in the URL; returns the rows that pass."""
    fylker = {ALLE: "Alle fylker", **dict(sorted(zip(tabell["fylkesnummer"], tabell["fylkesnavn"])))}
    klasser = {ALLE: "Alle", **{str(k): f"Klasse {k}" for k in sorted(tabell["sentralitetsklasse"].dropna().unique())}}
    reg = tabell.dropna(subset=["ba_region"]).sort_values("ba_regionnavn")
    regioner = {ALLE: "Alle regioner", **dict(zip(reg["ba_region"], reg["ba_regionnavn"]))}
    storrelser = {str(s): ("Alle" if s == 0 else f"Over {fmt.tall(s)}") for s in ap.STORRELSER}
    a, b, c, d = st.columns(4)
    fylke = url.url_valg("Fylke", lenker.FYLKE, fylker, ALLE, sted=a)
    klasse = url.url_valg("Sentralitetsklasse", lenker.SENTRALITET, klasser, ALLE, sted=b)
    region = url.url_valg("BA-region", lenker.BA_REGION, regioner, ALLE, sted=c)
    storrelse = url.url_valg("Innbyggere", lenker.STORRELSE, storrelser, "1000", sted=d)
    ok = tabell["folkemengde"].fillna(0) >= int(storrelse)
    if fylke != ALLE:
        ok &= tabell["fylkesnummer"] == fylke
    if klasse != ALLE:
        ok &= tabell["sentralitetsklasse"].astype("Int64").astype(str) == klasse
    if region != ALLE:
        ok &= tabell["ba_region"] == region
    if kommune:
        liknende = region_ui.liknende_valgt(kommune)
        utvalg = url.url_valg("Kommuner", lenker.UTVALG, {ALLE: "Alle som passer filtrene",
                                                           LIKNENDE: f"Bare liknende kommuner ({len(liknende)})"},
                              ALLE)
        if utvalg == LIKNENDE:
            ok &= tabell["kommunenummer"].isin([kommune, *liknende])
            st.caption("Liknende kommuner: de ti som ligner mest på folketall, sentralitet, bosettingstetthet og "
                       "næringsstruktur (som på vekstsiden, der lista kan endres; endringen følger lenken).")
    return tabell[ok]


def legg_til(tabell: pd.DataFrame, kommune: str | None) -> list[str]:
    """Municipalities the user labels in the matrix, kept in the URL (?sammenlign=5056,5055)."""
    navn = dict(zip(tabell["kommunenummer"], tabell["navn"]))
    navn.pop(kommune, None)
    fra_lenke = [k for k in (url.les(lenker.SAMMENLIGN, "") or "").split(",") if k in navn]
    if st.session_state.get(_LEGG_TIL) != fra_lenke:
        st.session_state[_LEGG_TIL] = fra_lenke

    def til_url() -> None:
        st.query_params[lenker.SAMMENLIGN] = ",".join(st.session_state[_LEGG_TIL])

    st.multiselect("Merk flere kommuner i matrisen", sorted(navn, key=navn.__getitem__), key=_LEGG_TIL,
                   format_func=navn.__getitem__, on_change=til_url, select_all=False,
                   placeholder="Skriv navn …")
    return st.session_state[_LEGG_TIL]


def matrise(tabell: pd.DataFrame, kommune: str | None, fra: int, til: int, stor: bool,
            region: regioner.Region | None = None, regionrad: pd.Series | None = None) -> pd.DataFrame:
    """The matrix for the filtered municipalities (the selected, added and region's ones always shown), with
    the region's own point when a region is chosen, and its downloads. Returns the filtered rows (the
    ranking table follows them)."""
    with st.expander("Filtre og merking", expanded=not stor, icon=":material/filter_list:"):
        utvalg = filtre(tabell, kommune)
        andre = legg_til(tabell, kommune)
    medlemmer = list(region.kommuner) if region else []
    vis = pd.concat([utvalg, tabell[tabell["kommunenummer"].isin([kommune, *andre, *medlemmer]) &
                                    ~tabell["kommunenummer"].isin(utvalg["kommunenummer"])]])
    data = da.matrisedata(vis, kommune, andre, regionrad, medlemmer)
    beskrivelse = da.beskrivelse_matrise(data, fra, til)
    diagram = da.matrisediagram(data, f"Attraktivitet {fra}–{til}", beskrivelse, stor)
    deler.diagram(diagram)
    st.caption(f"{beskrivelse} Null betyr «som forventet». Kilde: SSB; modell etter Telemarksforsking.")
    deler.nedlasting(diagram, at.sortert(tabell), {"kolonner": at.KOLONNER, "desimaler": at.DESIMALER},
                     f"stadkraft_attraktivitet_{fra}-{til}", "attr_matrise",
                     kilde="SSB; modell etter Telemarksforsking")
    return utvalg


# --- A region and its members ------------------------------------------------------------------

def region_og_medlemmer(region: regioner.Region, regionrad: pd.Series, tabell: pd.DataFrame,
                        fra: int, til: int) -> None:
    """The region's three figures, its members' values beside it in a short table, and how it is weighted."""
    medlemmer = tabell.set_index("kommunenummer").reindex(list(region.kommuner)).reset_index()
    st.caption(f"**{deler.trygg_markdown(region.tittel)}** · {len(region.kommuner)} kommuner · inndeling: "
               f"{deler.trygg_markdown(region.kilde)}. {tekster.ATTR_REGIONVALG}")
    if pd.isna(regionrad["samlet"]):
        st.info(tekster.ATTR_REGION_UTEN_TALL, icon=":material/info:")
    rader = pd.concat([regionrad.to_frame().T.assign(navn=f"{region.navn} (regionen)"), medlemmer],
                      ignore_index=True)
    vis = pd.DataFrame({
        "Kommune": rader["navn"], "Folketall ved start": rader["folkemengde"],
        "Private jobber året før start": rader["privat_fra"],
        "Næring": rader["naering"], "Bosted": rader["bosted"], "Samlet": rader["samlet"], "±": rader["samlet_se"],
        "Klasse": rader["klasse"].fillna("–"),
        "Plass": [f"{int(r)} av {int(a)}" if pd.notna(r) else "–" for r, a in zip(rader["rang"], rader["antall"])]})
    pst = functools.partial(fmt.tall, desimaler=2, fortegn=True)
    st.dataframe(vis.style.format({"Folketall ved start": fmt.tall, "Private jobber året før start": fmt.tall,
                                   "Næring": pst, "Bosted": pst, "Samlet": pst, "±": lambda v: fmt.tall(v, 2)}),
                 hide_index=True, width="stretch", column_config={"Kommune": st.column_config.TextColumn(width="medium")})
    st.caption(f"Næring, bosted og samlet attraktivitet i % per år, snitt {fra}–{til}; ± er standardfeilen til det "
               "samlede. Første rad er regionen, de andre er kommunene i den (plass blant alle kommuner).")


# --- Luck or trend ------------------------------------------------------------------------------

def flaks_eller_trend(m: am.Modell, rad, fra: int, til: int, stor: bool) -> None:
    """The trail over rolling 3-year periods, and the annual values with the period mean and its band."""
    kommune, navn = rad.kommunenummer, rad.navn
    a, b, c = st.columns(3)
    for kol, maal in zip((a, b, c), ap.MAAL):
        kol.metric(f"{da.MAAL_NAVN[maal]}, % per år", fmt.prosent(rad[maal], 2, fortegn=True),
                   f"± {fmt.tall(rad[f'{maal}_se'], 2)} · {rad[f'{maal}_klasse'] or '–'}",
                   delta_arrow="off", delta_color="gray",
                   help="± er standardfeilen: kommunens egen spredning fra år til år delt på roten av antall år.")
    if rad.liten:
        st.warning(tekster.ATTR_LITEN, icon=":material/warning:")
    venstre, hoyre = st.columns(2)
    with venstre:
        st.markdown("**Sporet gjennom matrisen, tre år om gangen**")
        spor = ap.rullerende(m.aarlig, kommune)
        beskrivelse = da.beskrivelse_spor(spor, navn)
        deler.diagram(da.spordiagram(spor, f"{navn}: rullerende treårsperioder", beskrivelse, stor))
        st.caption(beskrivelse)
    with hoyre:
        maal = st.segmented_control("Mål", list(ap.MAAL), default="samlet", format_func=da.MAAL_NAVN.__getitem__,
                                    key="_attr_aarsmaal") or "samlet"
        data = da.aarsdata(m.aarlig, kommune, maal, fra, til, rad[maal], rad[f"{maal}_se"])
        beskrivelse = da.beskrivelse_aar(data, maal, navn, rad[maal], rad[f"{maal}_se"])
        deler.diagram(da.aarsdiagram(data, maal, f"{navn}: {da.MAAL_NAVN[maal].lower()} år for år", beskrivelse))
        st.caption(beskrivelse)


# --- Why ----------------------------------------------------------------------------------------

def _deltabell(rad, deler_: list[tuple[str, str]], personer: str, sum_navn: str, sum_kol: str,
               sum_pst: str) -> pd.DataFrame:
    rader = [{"Del": navn, "Personer": rad.get(f"{k}{personer}"), "% per år": rad.get(k)} for k, navn in deler_]
    rader.append({"Del": sum_navn, "Personer": rad.get(sum_kol), "% per år": rad.get(sum_pst)})
    return pd.DataFrame(rader)


TALLFORMAT = {"Personer": functools.partial(fmt.tall, fortegn=True),
              "% per år": lambda v: fmt.prosent(v, 2, fortegn=True)}
PENDLINGSDELER = ("forventet_integrasjon", "forventet_nabo")


def som_tekst(tabell: pd.DataFrame, format_: dict) -> pd.DataFrame:
    """A short table with its numbers written out in Norwegian style (no Styler: it costs a rerun ~5 ms a
    table, and a five-row decomposition needs no numeric sorting)."""
    return tabell.assign(**{k: tabell[k].map(f) for k, f in format_.items()})


def deler_i(m: am.Modell) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The decomposition's rows this database has: without industry data no industry effect, without
    commuting figures no commuting terms (they would only be rows of zeros)."""
    jobb = [d for d in tekster.ATTR_JOBBDELER if d[0] != "bransje" or m.aar_bransje]
    flytt = [d for d in tekster.ATTR_FLYTTEDELER if d[0] not in PENDLINGSDELER or not uten_pendling(m)]
    return jobb, flytt


def hvorfor(m: am.Modell, rad, fra: int, til: int) -> None:
    """Actual against expected, in persons over the period and in % per year: jobs, then net migration."""
    jobbdeler, flyttedeler = deler_i(m)
    venstre, hoyre = st.columns(2)
    with venstre:
        st.markdown("**Private arbeidsplasser: faktisk mot forventet**")
        tabell = _deltabell(rad, jobbdeler, "_jobber", "Faktisk endring", "privat_endring", "privat_vekst")
        data = da.fossefall([(r["Del"], r["Personer"]) for r in tabell.iloc[:-1].to_dict("records")], "Faktisk endring")
        beskrivelse = da.beskrivelse_fossefall(data, f"endring i private arbeidsplasser i {rad.navn} {fra}–{til}")
        deler.diagram(da.fossefallsdiagram(data, "Arbeidsplasser", f"Private arbeidsplasser {fra}–{til}",
                                           beskrivelse))
        st.dataframe(som_tekst(tabell, TALLFORMAT), hide_index=True, width="stretch")
        st.caption(f"{beskrivelse} Personer er summen over årene; % er snittet per år av de private "
                   "arbeidsplassene året før.")
    with hoyre:
        st.markdown("**Netto innflytting: faktisk mot forventet**")
        tabell = _deltabell(rad, flyttedeler, "_personer", "Faktisk netto innflytting",
                            "nettoflytting_personer", "nettoflytting")
        data = da.fossefall([(r["Del"], r["Personer"]) for r in tabell.iloc[:-1].to_dict("records")],
                            "Faktisk netto innflytting")
        beskrivelse = da.beskrivelse_fossefall(data, f"netto innflytting til {rad.navn} {fra}–{til}")
        deler.diagram(da.fossefallsdiagram(data, "Personer", f"Netto innflytting {fra}–{til}", beskrivelse))
        st.dataframe(som_tekst(tabell, TALLFORMAT), hide_index=True, width="stretch")
        st.caption(f"{beskrivelse} Netto innflytting er befolkningsveksten minus fødselsoverskuddet (innenlands og "
                   "fra utlandet til sammen); % er snittet per år av folketallet 1. januar.")


# --- Ranking ------------------------------------------------------------------------------------

def rangering(tabell: pd.DataFrame, utvalg: pd.DataFrame, rad, fra: int, til: int) -> None:
    """The selected municipality's places, the honest caveat, the sortable table of the filtered municipalities
    (`utvalg`) and the CSV of all (`tabell`)."""
    if rad is not None and pd.notna(rad.rang):
        a, b, c = st.columns(3)
        a.metric("Blant alle kommuner", f"nr. {rad.rang} av {rad.antall}")
        b.metric(f"I sentralitetsklasse {rad.sentralitetsklasse}", f"nr. {rad.klasserang} av {rad.klasseantall}")
        c.metric("Klasse (samlet)", rad.klasse or "–")
    st.warning(tekster.ATTR_FORBEHOLD, icon=":material/info:")
    vis = at.sortert(utvalg)[["navn", "fylkesnavn", "sentralitetsklasse", "folkemengde", "samlet", "samlet_se",
                              "naering", "bosted", "klasse", "rang", "klasserang", "liten"]]
    vis = vis.rename(columns={"navn": "Kommune", "fylkesnavn": "Fylke", "sentralitetsklasse": "Sentralitet",
                              "folkemengde": "Folketall", "samlet": "Samlet", "samlet_se": "±",
                              "naering": "Næring", "bosted": "Bosted", "klasse": "Klasse", "rang": "Plass",
                              "klasserang": "Plass i klassen", "liten": "Under 1 000"})
    vis["Under 1 000"] = vis["Under 1 000"].map({True: "ja", False: ""})
    format_ = {"Folketall": fmt.tall, "Samlet": lambda v: fmt.tall(v, 2, fortegn=True), "±": lambda v: fmt.tall(v, 2),
               "Næring": lambda v: fmt.tall(v, 2, fortegn=True), "Bosted": lambda v: fmt.tall(v, 2, fortegn=True)}
    st.dataframe(vis.style.format(format_), hide_index=True, width="stretch", height=420)
    st.caption(f"Samlet attraktivitet, næring og bosted i % per år, snitt {fra}–{til}; ± er standardfeilen til det "
               "samlede. Klikk på en kolonne for å sortere. Tabellen følger filtrene over; CSV-filen har alle kommuner.")
    st.download_button("Last ned tabellen (CSV)", lambda: at.csv_bytes(tabell),
                       f"stadkraft_attraktivitet_{fra}-{til}.csv", "text/csv", key="csv_attr_rangering",
                       on_click="ignore", icon=":material/download:")


# --- How this is calculated ---------------------------------------------------------------------

def folkeeffekt_valg(m: am.Modell) -> str:
    """The panel's line on the population effect's factor: estimated (with its fit), fixed, or left out."""
    faktor = fmt.tall(m.folkeeffekt, 2)
    a = m.folkeeffekt_anslag
    if a is not None:
        return tekster.ATTR_METODE_FOLK_ANSLATT.format(
            faktor=faktor, se=fmt.tall(a.standardfeil["folk"], 2), n=fmt.tall(a.n),
            og_bransje=" og bransjeeffekten" if m.aar_bransje else "")
    return tekster.ATTR_METODE_FOLK_FAST.format(faktor=faktor) if m.folkeeffekt else tekster.ATTR_METODE_FOLK_UTEN


def metodevalg(m: am.Modell) -> list[str]:
    """The panel's choices that depend on what the database has: industries, commuting, population effect."""
    spenn = perioder.spenn_tekst
    return [tekster.ATTR_METODE_BRANSJE_MED.format(n=fmt.tall(len(m.bransjer)),
                                                   aar=spenn(m.aar_bransje[0], m.aar_bransje[-1]))
            if m.aar_bransje else tekster.ATTR_METODE_BRANSJE_UTEN,
            tekster.ATTR_METODE_PENDLING_UTEN if uten_pendling(m) or not m.pendling_aar
            else tekster.ATTR_METODE_PENDLING_MED.format(aar=spenn(*m.pendling_aar)),
            folkeeffekt_valg(m)]


def kilder(m: am.Modell, kilde: str) -> str:
    """The panel's sources: the SSB series the database has, with their years, and who compiled them when
    the database was built from Stadkraft's offline folder (or its snapshot) rather than from SSB's API."""
    spenn = perioder.spenn_tekst
    serier = ["befolkning (07459)"]
    if "privat" in m.dekning:
        serier.append(f"private arbeidsplasser etter arbeidssted {spenn(*m.dekning['privat'])}")
    if "befolkningsendring" in m.dekning:
        serier.append(f"befolkningsendringer {spenn(*m.dekning['befolkningsendring'])}")
    if m.aar_bransje:
        serier.append(f"sysselsatte etter næring (07984) {spenn(m.aar_bransje[0] - 1, m.aar_bransje[-1])}")
    if m.pendling_aar:
        serier.append(f"pendling (03321) {spenn(*m.pendling_aar)}")
    tekst = f"SSB: {', '.join(serier)}."
    if kilde.startswith(("lokal mappe", "snapshot")) and "privat" in m.dekning:
        tekst += tekster.ATTR_KILDE_SAMMENSTILT.format(aar=spenn(*m.dekning["privat"]))
    return tekst


def metode(m: am.Modell, kilde: str = "") -> None:
    """The panel: the method in plain Norwegian, built from what this database has; `kilde` is the
    database's own note on where it was built from (its metadata)."""
    r = m.regresjon
    with st.expander("Slik er det regnet ut", icon=":material/functions:"):
        st.markdown(tekster.attr_metode(
            r2=fmt.tall(r.r2, 3) if r else "–", n=fmt.tall(r.n) if r else "0",
            aar=perioder.spenn_tekst(m.aar_bosted[0], m.aar_bosted[-1]) if m.aar_bosted else "ingen år",
            folkeeffekt=fmt.tall(m.folkeeffekt, 2), valg=metodevalg(m), kilder=kilder(m, kilde)))
        st.markdown(f"**En region** (fylke, BA-region, regionråd eller egen gruppe): {tekster.ATTR_REGIONVALG}")
        st.markdown(tekster.ATTR_KLASSEREGEL)
        if r is not None:
            koef = r.tabell().reset_index(names="term")
            koef["term"] = koef["term"].map(lambda t: tekster.ATTR_TERMER.get(t, t))
            koef = koef.rename(columns={"term": "Ledd", "koeffisient": "Koeffisient", "standardfeil": "Standardfeil",
                                        "t": "t-verdi"})
            st.dataframe(koef.style.format({"Koeffisient": lambda v: fmt.tall(v, 4), "Standardfeil":
                                            lambda v: fmt.tall(v, 4), "t-verdi": lambda v: fmt.tall(v, 1)}),
                         hide_index=True, width="stretch")
            st.caption(f"Regresjonen av netto innflytting (% per år) over {fmt.tall(r.n)} kommuneår: "
                       f"R² = {fmt.tall(r.r2, 3)}, justert R² = {fmt.tall(r.justert_r2, 3)}, restleddets "
                       f"standardavvik {fmt.tall(r.residual_sd, 2)} prosentpoeng.")
