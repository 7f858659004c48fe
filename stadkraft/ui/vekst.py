"""Sections of the growth view: the period, key figures, lines over time and the ranking.

Each takes the view (`Utvalg`: municipality, period, coverage, sources) and the rows the page fetched,
calls the pure functions in `stadkraft.beregning` and `stadkraft.diagram`, and renders.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from stadkraft import format as fmt
from stadkraft import lenker, tekster
from stadkraft.beregning import naboer, perioder, rangering, sysselsetting, vekst
from stadkraft.diagram import vekst as dv

from . import deler, url

_FORHANDSVALG = "_vekst_forhandsvalg"
_SAMMENLIGN = "_vekst_sammenlign"


@dataclass
class Utvalg:
    """What every section of the view shares: the municipality (`k`, a `vekst_kommune.sql` row), the
    period, what the database covers for it (`dekning.dekning`), the sources (`dekning.kilder`) and
    the employment series (`vekst_brudd.sql`)."""
    kommune: str
    k: object
    fra: int
    til: int
    dekker: dict
    kilder: dict
    syss_serie: pd.DataFrame
    mangler: deler.Mangler = field(default_factory=deler.Mangler)

    def nedlasting(self, diagram, data, oppsett: dict, navn: str, kilde: str | None = None) -> None:
        deler.nedlasting(diagram, data, oppsett, f"stadkraft_{navn}_{self.kommune}_{self.fra}-{self.til}",
                         f"{navn}_{self.kommune}", enhet=self.k.navn, kilde=kilde)   # a key per unit: a region's members

    def brudd(self, sektor: str = "alle") -> dict[int, str]:
        return sysselsetting.brudd_i_perioden(self.syss_serie, self.fra, self.til, sektor)

    def mangler_sysselsetting(self) -> None:
        self.mangler("sysselsetting", aar=self.dekker["sysselsetting_aar"], fra=self.fra, til=self.til)


def periode(forste: int, siste: int) -> tuple[int, int]:
    """Presets and from/to, kept in the URL as ?fra=2007&til=2017; stops the page at a period of no years."""
    fra_url, til_url, melding = url.periode_fra_url(forste, siste, perioder.STANDARD_PERIODE)
    if melding:
        st.caption(melding)
    forhandsvalg = {v[0]: v for v in perioder.forhandsvalg(forste, siste)}

    def bruk_forhandsvalg() -> None:
        valgt = st.session_state.get(_FORHANDSVALG)
        if valgt in forhandsvalg:
            st.query_params.update({lenker.FRA: str(forhandsvalg[valgt][1]), lenker.TIL: str(forhandsvalg[valgt][2])})

    periodekol, _ = st.columns([2, 3])
    with periodekol:
        fra, til = url.url_periode("Periode (1. januar)", forste, siste, (fra_url, til_url))
    if fra == til:
        st.warning("Velg to ulike år: perioden må være minst ett år.")
        st.stop()
    st.session_state[_FORHANDSVALG] = next((n for n, v in forhandsvalg.items() if (v[1], v[2]) == (fra, til)), None)
    st.pills("Perioder fra fagrapportene, og siste år", list(forhandsvalg), key=_FORHANDSVALG,
             on_change=bruk_forhandsvalg, help="\n\n".join(f"**{n}**: {v[3]}" for n, v in forhandsvalg.items()))
    return fra, til


def nokkeltall(u: Utvalg, del_: pd.DataFrame, antall: str, endring: str, arlig: str) -> None:
    """The municipality's four metrics for one measure, and the table against the comparison groups."""
    fra, til = u.fra, u.til
    egen = del_[del_["gruppe"] == "kommune"]
    if len(egen):
        e = egen.iloc[0]
        merk = "*" if e.estimat and not e.mangler else ""
        m = st.columns(4)
        m[0].metric(f"{antall} {fra}", fmt.tall(e.start) + merk)
        m[1].metric(f"{antall} {til}", fmt.tall(e.slutt) + merk)
        m[2].metric(endring, fmt.tall(e.endring, fortegn=True) + merk, fmt.prosent(e.prosent, fortegn=True) + merk,
                    **deler.delta_stil(e.prosent))
        m[3].metric(arlig, fmt.prosent(e.arlig, 2, fortegn=True) + merk,
                    help="Gjennomsnittlig årlig vekst, sammensatt (geometrisk): (slutt / start)^(1 / antall år) − 1.")
    st.dataframe(vekst.visningstabell(del_, fra, til), hide_index=True, width="stretch")
    if del_["mangler"].any():
        st.caption("– betyr at perioden berører år uten tall (for eksempel delte kommuner før 2005), "
                   "så endringen kan ikke regnes ut.")
    if del_["estimat"].any():
        st.caption(tekster.ANSLAG)


def sysselsetting_nokkeltall(u: Utvalg, tall: pd.DataFrame, syss: pd.DataFrame) -> tuple[str, dict[int, str]]:
    """Employment's key figures for the chosen sector (?sektor=), its breaks and the sector table.

    Returns the sector and the period's break years in its series ({year: why})."""
    fra, til, sektor_aar = u.fra, u.til, sysselsetting.sektor_aar(u.syss_serie)
    if not u.dekker["sysselsetting"]:
        if siste := sysselsetting.siste_sysselsetting(syss):
            st.metric(f"Sysselsatte {siste[0]} (siste tall)", fmt.tall(siste[1]) + ("*" if siste[2] else ""))
        u.mangler_sysselsetting()
        return "alle", {}
    sektorkol, _ = st.columns([2, 3])
    sektor = url.url_valg("Sektor", lenker.SEKTOR, sysselsetting.SEKTORER, "alle", sted=sektorkol)
    brudd = u.brudd(sektor)
    if melding := sysselsetting.sektor_melding(sektor, fra, til, sektor_aar):
        st.info(melding, icon=":material/database:")
    else:
        nokkeltall(u, tall[tall["maal"] == sysselsetting.SEKTOR_MAAL[sektor]], sysselsetting.SEKTOR_ANTALL[sektor],
                   "Endring i sysselsettingen", "Årlig sysselsettingsvekst")
    if notis := sysselsetting.brudd_notis(brudd, fra, til):
        st.info(notis, icon=":material/timeline:")
    st.markdown(f"**{u.k.navn} etter sektor**")
    st.dataframe(sysselsetting.sektortabell(tall, fra, til), hide_index=True, width="stretch")
    privat = sektor_aar.get("privat")
    if privat and (fra < privat[0] or til > privat[1]):
        st.caption(f"Privat og offentlig sektor finnes bare for {privat[0]}–{privat[1]}, så de har ikke tall for "
                   f"hele perioden {fra}–{til}. Offentlig sektor er alle arbeidsplasser minus de private.")
    else:
        st.caption("Offentlig sektor er alle arbeidsplasser minus de private.")
    return sektor, brudd


def sammenlign(u: Utvalg, kommuner: pd.DataFrame, andre: str) -> None:
    """The municipalities added to the lines, neighbours first, then for islands the nearest
    (`naboer.forslag`), kept in the URL (?sammenlign=5056,5055)."""
    kommuner = naboer.forslag(kommuner)
    rene = dict(zip(kommuner["kommunenummer"], kommuner["navn"]))
    grenser = kommuner.loc[kommuner["er_nabo"], "kommunenummer"].tolist()
    km = {r.kommunenummer: f"{fmt.tall(round(r.avstand_km))} km" for r in kommuner.itertuples() if r.er_naermeste}
    navn = {k: v + (" · nabo" if k in grenser else f" · nærmeste, {km[k]}" if k in km else "") for k, v in rene.items()}

    def til_url() -> None:
        st.query_params[lenker.SAMMENLIGN] = ",".join(st.session_state[_SAMMENLIGN])

    fra_lenke = [x for x in (andre or "").split(",") if x in navn]
    if st.session_state.get(_SAMMENLIGN) != fra_lenke:
        st.session_state[_SAMMENLIGN] = fra_lenke
    st.multiselect("Legg til kommuner", list(navn), key=_SAMMENLIGN, format_func=navn.__getitem__,
                   select_all=False,  # Streamlit's «Select all» is English, and Enter would pick it
                   on_change=til_url,
                   placeholder="Nabokommuner står først …" if grenser else "Nærmeste kommuner står først …",
                   help="Nabokommuner (felles grense, regnet ut fra kommunegrensene) står først i lista. "
                        f"Har kommunen færre enn {naboer.MIN_NABOER} nabokommuner, står de "
                        f"{naboer.ANTALL_NAERMESTE} nærmeste kommunene etter, målt i luftlinje.")
    setninger = [("Nabokommuner: " + ", ".join(rene[n] for n in grenser) + ".") if grenser
                 else f"{u.k.navn} har ingen landgrense mot andre kommuner i kartgrunnlaget."]
    if km:
        setninger.append("Nærmeste kommuner uten felles grense: " + ", ".join(f"{rene[k]} ({v})" for k, v in km.items())
                         + f". De grenser ikke til {u.k.navn}, men ligger nærmest: avstanden er i luftlinje mellom "
                         "et punkt inne i hver kommune.")
    st.caption(" ".join(setninger))


def _indeks(u: Utvalg, data: pd.DataFrame, maalnavn: str, tittel: str, navn: str, kilde: str,
            brudd: dict[int, str] | None = None, forklaring: str = "Hule punkter er anslag.") -> None:
    """One indexed chart with its alt text as caption, its source and its downloads."""
    beskrivelse = dv.beskrivelse_indeks(data, maalnavn, u.fra, u.til, brudd)
    diagram = dv.indeksdiagram(data, tittel, beskrivelse, brudd)
    deler.diagram(diagram)
    st.caption(f"{beskrivelse} {forklaring} Kilde: {kilde}.")
    u.nedlasting(diagram, data, tekster.csv_oppsett("indeks"), navn, kilde=kilde)


def utvikling(u: Utvalg, serie: pd.DataFrame, sektor: str, brudd: dict[int, str]) -> None:
    """Population, employment and employment by sector, indexed to 100 at the start, in three tabs."""
    fra, til, sektor_aar = u.fra, u.til, sysselsetting.sektor_aar(u.syss_serie)
    indeks = dv.indeksserie(serie, fra)
    faner = st.tabs(["Befolkning", "Sysselsetting", "Sysselsetting etter sektor"])
    with faner[0]:
        _indeks(u, indeks[indeks["maal"] == "befolkning"], "befolkning", f"Befolkning, indeks ({fra} = 100)",
                "indeks_befolkning", u.kilder["befolkning"])
    with faner[1]:
        maal = sysselsetting.SEKTOR_MAAL[sektor]
        data = indeks[indeks["maal"] == maal]
        if not u.dekker["sysselsetting"]:
            u.mangler_sysselsetting()
        elif not data["indeks"].notna().any():
            st.info(sysselsetting.sektor_melding(sektor, fra, til, sektor_aar) or "Ingen sysselsettingstall for perioden.",
                    icon=":material/database:")
        else:
            maalnavn = "sysselsetting" if sektor == "alle" else f"sysselsetting, {sysselsetting.SEKTORER[sektor].lower()}"
            _indeks(u, data, maalnavn, f"{maalnavn.capitalize()}, indeks ({fra} = 100)", f"indeks_{maal}",
                    u.kilder[maal], brudd)
    with faner[2]:
        data = dv.sektorserie(indeks)
        if not u.dekker["sysselsetting"] or not data["indeks"].notna().any():
            st.info(f"Sysselsetting etter sektor finnes for {sysselsetting.sektor_tekst(sektor_aar)}; perioden "
                    f"{fra}–{til} har ikke tall for startåret.", icon=":material/database:")
        else:
            _indeks(u, data, f"sysselsetting etter sektor i {u.k.navn}",
                    f"Sysselsetting etter sektor, {u.k.navn}, indeks ({fra} = 100)", "indeks_sektor",
                    u.kilder["sysselsetting"], {**u.brudd("privat"), **u.brudd("alle")},
                    f"Tallene finnes for {sysselsetting.sektor_tekst(sektor_aar)}; offentlig sektor er alle "
                    "arbeidsplasser minus de private.")


def plassering(u: Utvalg, alle: pd.DataFrame) -> None:
    """The ranking among all municipalities and in the centrality class, for a measure (?maal=)."""
    fra, til = u.fra, u.til
    # Only measures some municipality has figures for: a choice that can never rank is not offered.
    mulige = rangering.tilgjengelige_maal(alle)
    maal = url.url_valg("Vekstmål", lenker.MAAL, mulige or rangering.MAAL, "befolkning_prosent")
    if len(mulige) < len(rangering.MAAL):
        st.caption("Sysselsettingsvekst kan velges når databasen har sysselsetting for perioden"
                   + (" (se over)." if "sysselsetting" in u.mangler.sagt else "."))
    rangert = rangering.ranger(alle, maal)
    plass = dv.plassering(rangert, maal, u.kommune)
    if plass["rang"] is None:
        st.info("Kommunen har ikke tall for dette målet i perioden.")
    else:
        a, b = st.columns(2)
        a.metric("Blant alle kommuner", f"nr. {plass['rang']} av {plass['antall']}")
        b.metric(f"I sentralitetsklasse {plass['klasse']}", f"nr. {plass['klasserang']} av {plass['klasseantall']}")
        beskrivelse = dv.beskrivelse_rangering(plass, rangering.MAAL[maal], fra, til)
        diagram = dv.rangeringsdiagram(rangert, maal, u.kommune, f"{rangering.MAAL[maal]}, {fra}–{til}", beskrivelse)
        deler.diagram(diagram)
        notis = sysselsetting.brudd_notis(u.brudd(), fra, til) if maal.startswith("sysselsetting") else None
        st.caption(f"{beskrivelse} Kilde: {u.kilder[maal.split('_')[0]]}."
                   + (" " + tekster.ANSLAG if plass["estimat"] else "") + (" " + notis if notis else ""))
        u.nedlasting(diagram, rangert, tekster.csv_oppsett("rangering", maal), "rangering",
                     kilde=u.kilder[maal.split('_')[0]])
    st.warning("Plass er en posisjon, ikke en karakter. Rangeringen sier hvor kommunen står i denne perioden, "
               "ikke om den har gjort det godt eller dårlig; små kommuner svinger mye, og en enkelt periode kan "
               "skyldes tilfeldige hendelser (Telemarksforsking 2018, gjengitt i Onsager, NIBR 2019).",
               icon=":material/info:")
