"""A region on the statistics pages: the overview's profile card and the growth view.

The region takes the selected municipality's place (gruppe 'kommune' in the rows, see
`stadkraft.beregning.region`), so the growth page's sections (`ui.vekst`, `ui.omstilling`) render it as
they render a municipality; beside them come the members' contributions and the members on a map.
"""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import streamlit as st

from stadkraft import db, eksport, kartgeometri
from stadkraft.ui.deler import trygg_markdown
from stadkraft import format as fmt
from stadkraft import region as regioner
from stadkraft.beregning import dekning, omstilling, vekst
from stadkraft.beregning import indikatorer as ind
from stadkraft.beregning import region as br
from stadkraft.diagram import kart
from stadkraft.diagram import region as dr

from . import deler, ramme
from . import omstilling as omstilling_ui
from . import vekst as seksjon

KILDE_FOLK = ind.INDIKATORER["folkemengde"].kilde


def medlemstekst(region: regioner.Region, register: pd.DataFrame) -> str:
    navn = dict(zip(register["kommunenummer"], register["navn"]))
    return ", ".join(navn.get(k, k) for k in region.kommuner)


def _fylkesnavn(register: pd.DataFrame, fylker: list[str]) -> str:
    navn = dict(zip(register["fylkesnummer"], register["fylkesnavn"]))
    return ", ".join(navn[f] for f in fylker)


def profilkort(region: regioner.Region, siste: int) -> None:
    """The overview's card for a region: population, members, county, growth against county and Norway."""
    register = ramme.register()
    fylker = regioner.fylker_for(register, region)
    s = regioner.serie(region, register, siste - max(br.PROFILPERIODER), siste, db.sporring, fylker=fylker[:1])
    egen = s[(s["gruppe"] == br.VALGT) & (s["maal"] == "befolkning") & (s["aar"] == siste)]
    st.subheader(trygg_markdown(region.tittel))
    a, b, c = st.columns(3)
    folk = egen["verdi"].iloc[0] if len(egen) else None
    anslag = " (anslag)" if len(egen) and egen["n_estimat"].iloc[0] else ""
    a.metric(f"Folkemengde 1. januar {siste}", fmt.tall(folk) + anslag)
    b.metric("Kommuner", fmt.tall(len(region.kommuner)))
    c.caption("Fylke" if len(fylker) == 1 else "Fylker")
    c.markdown(f"**{deler.trygg_markdown(_fylkesnavn(register, fylker))}**")
    st.caption(f"Kommunene: {deler.trygg_markdown(medlemstekst(region, register))}. Kilde til inndelingen: "
               f"{region.kilde}.")
    st.dataframe(vekst.profiltabell(br.profilrader(s, siste)), hide_index=True, width="stretch")
    st.caption(f"Regionens tall er summen av kommunenes (2024-inndeling). Kilde: {KILDE_FOLK}.")


def _utvalg(region: regioner.Region, fra: int, til: int) -> seksjon.Utvalg:
    dekning_df, syss_serie = db.sporring("vekst_dekning"), db.sporring("vekst_brudd")
    k = SimpleNamespace(navn=region.navn, kommunenummer=region.nokkel)
    return seksjon.Utvalg(region.nokkel, k, fra, til, dekning.dekning(dekning_df, fra, til),
                          dekning.kilder(dekning_df, ramme.metadata(), syss_serie, fra, til), syss_serie)


def kartverdier(tall: pd.DataFrame) -> pd.DataFrame:
    """The members' own growth in % as map colours (the overview's growth classes); others grey."""
    i = ind.INDIKATORER["vekst"]
    m = tall[(tall["gruppe"] == br.MEDLEM) & (tall["maal"] == "befolkning")]
    return pd.DataFrame({"kommunenummer": m["kode"], "verdi_tekst": [i.skriv(v) for v in m["prosent"]],
                         "farge": [list(ind.farge(v, i)) for v in m["prosent"]]})


@st.cache_resource(max_entries=16, show_spinner=False)
def _kart(medlemmer: tuple[str, ...], fra: int, til: int, db_fil: str, endret: float, _verdier: pd.DataFrame):
    # `_verdier` follows from the other arguments (a leading underscore keeps it out of the key).
    grenser = db.sporring("kommunegrenser")
    # Municipalities outside the region light grey, not pydeck's black for a missing colour.
    utenfor = grenser.loc[~grenser["kommunenummer"].isin(_verdier["kommunenummer"]), ["kommunenummer"]]
    verdier = pd.concat([_verdier, utenfor.assign(verdi_tekst="Ikke i regionen",
                                                  farge=[[235, 235, 235]] * len(utenfor))], ignore_index=True)
    return kart.kommunekart(grenser, verdier, kartgeometri.adresser(), None, medlemmer)


def vekstside(region: regioner.Region, forste: int, siste: int) -> None:
    """The growth page for a region: its sums against its counties and Norway, every member's
    contribution, the members on a map, and the restructuring screen for the whole and each member."""
    register = ramme.register()
    fra, til = seksjon.periode(forste, siste)
    u = _utvalg(region, fra, til)
    fylker = regioner.fylker_for(register, region)
    st.caption(f"**{deler.trygg_markdown(region.tittel)}** · {len(region.kommuner)} kommuner: "
               f"{deler.trygg_markdown(medlemstekst(region, register))} · {til - fra} år fra 1. januar {fra} "
               f"til 1. januar {til}. Inndeling: {region.kilde}.")
    kunnskapsgrunnlag_knapp(region=region, fra=fra, til=til)
    serie = regioner.serie(region, register, fra, til, db.sporring, fylker=fylker)
    tall = vekst.nokkeltall(serie, fra, til)
    grupper = tall[tall["gruppe"] != br.MEDLEM]

    st.header("Nøkkeltall")
    st.subheader("Befolkning 1. januar")
    seksjon.nokkeltall(u, grupper[grupper["maal"] == "befolkning"], "Folketall", "Befolkningsendring",
                       "Årlig befolkningsvekst")
    st.subheader("Sysselsatte etter arbeidssted (4. kvartal)")
    if u.dekker["sysselsetting"]:
        seksjon.nokkeltall(u, grupper[grupper["maal"] == "sysselsetting"], "Sysselsatte", "Endring i sysselsettingen",
                           "Årlig sysselsettingsvekst")
    else:
        u.mangler_sysselsetting()
    st.caption("Regionen, fylket og Norge er summen av kommunene i gruppen (2024-inndeling); et år der en "
               f"kommune mangler tall gir ingen sum. Kilde: {u.kilder['befolkning']} (befolkning), "
               f"{u.kilder['sysselsetting']} (sysselsetting).")

    st.header("Kommunenes bidrag til veksten")
    befolkning = tall[tall["maal"] == "befolkning"]
    b = br.bidrag(befolkning)
    reg_rad = befolkning[befolkning["gruppe"] == br.VALGT].iloc[0]
    kol_diagram, kol_kart = st.columns([3, 2])
    with kol_diagram:
        beskrivelse = dr.beskrivelse_bidrag(b, region.navn, reg_rad.prosent, fra, til)
        diagram = dr.bidragsdiagram(b, f"Bidrag til befolkningsveksten {fra}–{til}", beskrivelse)
        deler.diagram(diagram)
        st.caption(f"{beskrivelse} Bidraget er kommunens endring i prosent av regionens folketall i {fra}. "
                   f"Kilde: {u.kilder['befolkning']}.")
        u.nedlasting(diagram, b, BIDRAG_CSV, "bidrag", kilde=u.kilder["befolkning"])
    with kol_kart:
        sti = db.db_sti()
        st.pydeck_chart(_kart(region.kommuner, fra, til, str(sti), sti.stat().st_mtime, kartverdier(tall)),
                        height=420, key="regionkart",
                        alt=f"Kart over kommunene i {region.navn}, farget etter befolkningsvekst {fra}–{til}.")
        deler.tegnforklaring(ind.tegnforklaring(ind.INDIKATORER["vekst"]))
        st.caption(f"Kommunene i regionen er merket med rød kant og farget etter egen vekst {fra}–{til}.")
    st.dataframe(bidragstabell(b), hide_index=True, width="stretch")

    st.header("Utvikling over tid")
    indeks = seksjon.dv.indeksserie(serie if len(region.kommuner) <= 8 else serie[serie["gruppe"] != br.MEDLEM], fra)
    seksjon._indeks(u, indeks[indeks["maal"] == "befolkning"], "befolkning", f"Befolkning, indeks ({fra} = 100)",
                    "indeks_befolkning", u.kilder["befolkning"])

    st.header("Omstillingssil")
    rader = db.sporring("region_naering", kommuner=",".join(region.kommuner))
    st.subheader(f"{trygg_markdown(region.navn)} samlet")
    min_andel, min_personer = omstilling_ui.sil(u, br.naeringssum(rader, region.kommuner))
    st.subheader("Hver kommune")
    st.dataframe(omstilling_per_kommune(rader, register, fra, til, u.brudd(), min_andel, min_personer),
                 hide_index=True, width="stretch")
    navn = dict(zip(register["kommunenummer"], register["navn"]))
    for kode in region.kommuner:
        with st.expander(f"Omstillingssil for {navn.get(kode, kode)}"):
            omstilling_ui.skjerm(_medlemsutvalg(u, kode, navn.get(kode, kode)), rader[rader["kommunenummer"] == kode],
                                 min_andel, min_personer, tabell_foldet=False)


def _medlemsutvalg(u: seksjon.Utvalg, kode: str, navn: str) -> seksjon.Utvalg:
    """The region's selection for one member: its name and number on the chart and the downloads."""
    return seksjon.Utvalg(kode, SimpleNamespace(navn=navn, kommunenummer=kode), u.fra, u.til, u.dekker, u.kilder,
                          u.syss_serie)


BIDRAG_CSV = {"kolonner": {"kode": "Nr.", "navn": "Kommune", "start": "Folketall start", "slutt": "Folketall slutt",
                           "endring": "Endring", "prosent": "Endring %", "bidrag": "Bidrag (prosentpoeng)"},
              "desimaler": {"start": 0, "slutt": 0, "endring": 0, "prosent": 1, "bidrag": 2}}


def bidragstabell(b: pd.DataFrame) -> pd.DataFrame:
    """The members' contributions in Norwegian text."""
    return pd.DataFrame({"Kommune": b["navn"], "Start": [fmt.tall(v) for v in b["start"]],
                         "Slutt": [fmt.tall(v) for v in b["slutt"]],
                         "Endring": [fmt.tall(v, fortegn=True) for v in b["endring"]],
                         "Egen vekst": [fmt.prosent(v, fortegn=True) for v in b["prosent"]],
                         "Bidrag, prosentpoeng": [fmt.tall(v, 2, fortegn=True) for v in b["bidrag"]]})


def omstilling_per_kommune(rader: pd.DataFrame, register: pd.DataFrame, fra: int, til: int,
                           brudd: dict[int, str], min_andel: float = omstilling.MIN_ANDEL,
                           min_personer: float = omstilling.MIN_PERSONER) -> pd.DataFrame:
    """Per member: three-year windows screened, windows crossing both thresholds, the largest fall."""
    navn = dict(zip(register["kommunenummer"], register["navn"]))
    ut = []
    for kode, egne in rader.groupby("kommunenummer", sort=False):
        sam = omstilling.sammendrag(omstilling.skjerm(egne, min_andel, min_personer, fra=fra, til=til, brudd=brudd))
        storst = sam["storst"]
        ut.append({"Kommune": navn.get(kode, kode), "Treårsvinduer": sam["vinduer"],
                   "Krysser begge tersklene": len(sam["flagget"]),
                   "Største nedgang": "–" if storst is None else
                   f"{storst.naeringsnavn} {int(storst.fra_aar)}–{int(storst.til_aar)}: "
                   f"{fmt.tall(storst.nedgang)} ({fmt.prosent(storst.andel)})"})
    return pd.DataFrame(ut, columns=["Kommune", "Treårsvinduer", "Krysser begge tersklene", "Største nedgang"])


def csv_bidrag(b: pd.DataFrame) -> bytes:
    return eksport.csv_bytes(b, **BIDRAG_CSV)


# --- Similar municipalities ------------------------------------------------------------------------

_LIKNENDE = "_liknende"


@st.cache_data(max_entries=4, show_spinner=False)
def _kjennetegn(db_fil: str, endret: float) -> pd.DataFrame:
    from stadkraft.beregning import likhet
    return likhet.kjennetegn(db.sporring("region_likhet"))


def liknende_standard(kommune: str) -> list[str]:
    from stadkraft.beregning import likhet
    sti = db.db_sti()
    return likhet.liknende(_kjennetegn(str(sti), sti.stat().st_mtime), kommune)


def liknende_valgt(kommune: str) -> list[str]:
    """The similar municipalities in use: the user's list in the URL (?liknende=, once edited), else the
    computed ones."""
    from stadkraft import lenker

    fra_url = st.query_params.get(lenker.LIKNENDE)
    if fra_url is None:
        return liknende_standard(kommune)
    kjente = set(ramme.register()["kommunenummer"])
    return [k for k in fra_url.split(",") if k in kjente and k != kommune]


def liknende(u: seksjon.Utvalg, kommune: str) -> None:
    """The comparison group of similar municipalities: computed, editable, kept in the URL once edited
    (?liknende=...), with their summed growth beside the municipality's."""
    from stadkraft import lenker
    from stadkraft.beregning import likhet

    register = ramme.register()
    navn = dict(zip(register["kommunenummer"], register["navn"]))
    valgt = liknende_valgt(kommune)
    st.session_state[_LIKNENDE] = valgt

    def til_url() -> None:
        st.query_params[lenker.LIKNENDE] = ",".join(st.session_state[_LIKNENDE])

    st.multiselect("Liknende kommuner", [k for k in navn if k != kommune], key=_LIKNENDE, format_func=navn.__getitem__,
                   on_change=til_url, select_all=False, placeholder="Velg kommuner …",
                   help="Foreslått ut fra folketall, sentralitet, bosettingstetthet og næringsstruktur; lista kan endres.")
    with st.expander("Slik finnes liknende kommuner"):
        st.markdown("Kommunene som ligner mest på den valgte på fem kjennetegn: "
                    + "; ".join(f"**{t.lower()}**" for t in likhet.KJENNETEGN.values())
                    + ". Hvert kjennetegn standardiseres over alle kommuner (avvik fra snittet delt på "
                      "standardavviket), og avstanden er roten av snittet av de kvadrerte forskjellene. De ti "
                      "nærmeste foreslås, slik Kolada gjør med «liknande kommuner» og SSB med KOSTRA-gruppene. "
                      "Kilde: SSB (folketall, sentralitet, sysselsetting), Kartverket (areal).")
    if not valgt:
        return
    gruppe = regioner.egen(register, valgt, "Liknende kommuner")
    s = regioner.serie(gruppe, register, u.fra, u.til, db.sporring, fylker=[])
    tall = vekst.nokkeltall(s, u.fra, u.til)
    egen = vekst.nokkeltall(db.sporring("vekst_serie", kommune=kommune, fra=u.fra, til=u.til, andre=""), u.fra, u.til)
    egen = egen[egen["gruppe"] == "kommune"]
    rader = pd.concat([egen, tall[tall["gruppe"] == br.VALGT].assign(navn=f"Liknende kommuner ({len(valgt)}), sum"),
                       tall[tall["gruppe"] == br.MEDLEM]])
    st.dataframe(vekst.visningstabell(rader[rader["maal"] == "befolkning"], u.fra, u.til), hide_index=True,
                 width="stretch")
    st.caption(f"Befolkning 1. januar. Kilde: {u.kilder['befolkning']}.")


# --- The knowledge base, one click away ----------------------------------------------------------

def visning(fra: int | None = None, til: int | None = None, liknende: list[str] | None = None,
             sammenlign: list[str] | None = None, parametre=None) -> dict:
    """The view the pack should follow: what the caller passes, else the URL's ?fra= ?til= (the period
    widgets write them there), ?liknende= (the edited similar municipalities; absent = the computed ones)
    and ?sammenlign= (municipalities added to the lines and the matrix)."""
    from stadkraft import lenker
    p = st.query_params if parametre is None else parametre

    def tall(navn: str) -> int | None:
        verdi = lenker.les(p, navn, "")
        return int(verdi) if verdi and verdi.strip().isdigit() else None

    def koder(navn: str) -> list[str] | None:
        verdi = lenker.les(p, navn)
        return None if verdi is None else [k for k in verdi.split(",") if k]

    return {"fra": fra if fra is not None else tall(lenker.FRA), "til": til if til is not None else tall(lenker.TIL),
            "liknende": liknende if liknende is not None else koder(lenker.LIKNENDE),
            "sammenlign": sammenlign if sammenlign is not None else koder(lenker.SAMMENLIGN)}


def _pakke(kommune: str | None, region: regioner.Region | None, hva: str, vis: dict | None = None) -> bytes:
    from stadkraft.kunnskapsgrunnlag import lag_pakke
    pdf, zip_, _ = lag_pakke(kommune=kommune, region=region, med_zip=hva == "zip", kjor=db.sporring, **(vis or {}))
    return zip_ if hva == "zip" else pdf


def kunnskapsgrunnlag_knapp(kommune: str | None = None, region: regioner.Region | None = None,
                            fra: int | None = None, til: int | None = None, liknende: list[str] | None = None,
                            sammenlign: list[str] | None = None) -> None:
    """The knowledge base (PDF, 8-15 pages) and its figures and tables (ZIP), made when clicked, for the view
    on screen: the period `fra`-`til` and the lists passed, else those in the URL (`visning`)."""
    if not kommune and not region:
        return
    vis = visning(fra, til, liknende, sammenlign)
    navn = (region.nokkel if region else kommune).replace("/", "-")
    a, b = st.columns(2)
    a.download_button("Kunnskapsgrunnlag (PDF)", lambda: _pakke(kommune, region, "pdf", vis),
                      f"stadkraft_kunnskapsgrunnlag_{navn}.pdf", "application/pdf", key="kg_pdf", on_click="ignore",
                      icon=":material/picture_as_pdf:",
                      help="Nøkkeltall, befolkning, sysselsetting, omstillingssil, attraktivitet, sammenligning, "
                           "kart og kilder i én rapport, for perioden og utvalget du ser på.")
    b.download_button("Figurer og tabeller (ZIP)", lambda: _pakke(kommune, region, "zip", vis),
                      f"stadkraft_kunnskapsgrunnlag_{navn}.zip", "application/zip", key="kg_zip", on_click="ignore",
                      icon=":material/folder_zip:", help="Hver figur som SVG og PNG og hver tabell som CSV, og PDF-en.")
