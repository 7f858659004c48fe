"""A session's own items on the facilitator's laptop (tools with `egne_elementer`): the list with
move and remove, new items typed, picked from the tool's templates or read from a sheet, and the
list as a sheet. Every change goes through the store (facilitator token) and reaches the phones
by itself."""
from __future__ import annotations

import streamlit as st

from stadkraft.ui.deler import trygg_markdown

from .. import rapport, regneark
from ..feil import UgyldigSvar
from ..modell import fold
from .felles import Kontekst, antall_tekst, ny_skjemarunde, skjemarunde, utfor, vis_feil


def _melding(tekst: str) -> None:
    st.session_state["element_melding"] = tekst


def mal_elementer(v, kategori: str, valgte) -> tuple[list[str], list[str]]:
    """The chosen template items' names and statistics."""
    mal = {e.navn: e for e in v.maler.get(kategori, ())}
    return [n for n in valgte if n in mal], [mal[n].statistikk for n in valgte if n in mal]


def _legg_til(ctx: Kontekst, navn: list[str], statistikk: list[str] | None = None) -> None:
    def gjort():
        ny_skjemarunde("element")
        _melding(f"La til {antall_tekst(len(navn), ctx.verktoy.elementord[0], ctx.verktoy.elementord[1])}.")
    utfor(lambda: ctx.lager.legg_til_elementer(ctx.kode, ctx.token, navn, statistikk), gjort)


def liste(ctx: Kontekst) -> None:
    """The items in order, each with ↑ ↓ and ✕ (an item with answers keeps them in the record)."""
    v = ctx.verktoy
    for i, e in enumerate(ctx.elementer):
        tekst, opp, ned, fjern = st.columns([8, 1, 1, 1], vertical_alignment="center")
        stat = f" · *{v.statistikker[e.statistikk]}*" if e.statistikk in v.statistikker else ""
        tekst.markdown(f"{i + 1}. {trygg_markdown(e.navn)}{stat}")
        if opp.button("↑", key=f"el_opp_{e.nokkel}", disabled=i == 0, help="Flytt opp"):
            utfor(lambda e=e: ctx.lager.flytt_element(ctx.kode, ctx.token, e.nokkel, -1))
        if ned.button("↓", key=f"el_ned_{e.nokkel}", disabled=i == len(ctx.elementer) - 1, help="Flytt ned"):
            utfor(lambda e=e: ctx.lager.flytt_element(ctx.kode, ctx.token, e.nokkel, 1))
        if fjern.button("✕", key=f"el_fjern_{e.nokkel}", help="Fjern fra lista (svarene beholdes i referatet)"):
            utfor(lambda e=e: ctx.lager.fjern_element(ctx.kode, ctx.token, e.nokkel),
                  lambda e=e: _melding(f"«{trygg_markdown(e.navn)}» er fjernet fra lista."))
    if not ctx.elementer:
        st.caption(f"Ingen {v.elementord[1]} ennå. Skriv dem inn, velg fra en mal eller last opp en fil.")


def ny_fra_tekst(ctx: Kontekst) -> None:
    v = ctx.verktoy
    runde = skjemarunde("element")
    with st.form("element_ny", enter_to_submit=False):
        tekst = st.text_area(f"Nye {v.elementord[1]} (én per linje)", key=f"element_{runde}_tekst",
                             max_chars=4000)
        stat = st.selectbox("Knytt til statistikk (valgfritt)", list(v.statistikker), index=None,
                            format_func=v.statistikker.get, placeholder="Ingen", key=f"element_{runde}_stat",
                            help="Deltakerne ser tallet for kommunen ved siden av elementet.") if v.statistikker else None
        legg_til = st.form_submit_button("Legg til", key="element_legg_til")
    if legg_til:
        navn = [linje for linje in tekst.splitlines() if linje.strip()]
        if not navn:
            st.error(f"Skriv minst ett {v.elementord[0]} (ett per linje), og trykk «Legg til» igjen.")
        else:
            _legg_til(ctx, navn, [stat or ""] * len(navn))


def fra_mal(ctx: Kontekst) -> None:
    v = ctx.verktoy
    if not v.maler:
        return
    kategori = st.selectbox("Mal", list(v.maler), key="element_mal")
    finnes = {fold(e.navn) for e in ctx.elementer}
    valg = [e.navn for e in v.maler[kategori] if fold(e.navn) not in finnes]
    valgte = st.multiselect(f"{v.elementord[1].capitalize()} fra malen", valg, default=valg,
                            key=f"element_mal_{list(v.maler).index(kategori)}_{skjemarunde('element')}")
    if st.button("Legg til fra malen", key="element_mal_legg_til", disabled=not valgte):
        _legg_til(ctx, *mal_elementer(v, kategori, valgte))


def fra_fil(ctx: Kontekst) -> None:
    v = ctx.verktoy
    fil = st.file_uploader(f"Fra Excel eller CSV ({v.elementord[0]} i første kolonne)", type=["xlsx", "csv"],
                           key=f"element_fil_{skjemarunde('element')}",
                           help=f"Samme oppsett som det opprinnelige regnearket: {v.elementord[0]}, "
                                f"{', '.join(v.akser)}. Karakterene i filen brukes ikke her.")
    if fil is None:
        return
    try:
        rader = regneark.les_ark(fil.getvalue(), fil.name, v)
    except UgyldigSvar as feil:
        vis_feil(feil, "Ingenting er lagt til.")
        return
    st.caption(f"Fant {antall_tekst(len(rader), v.elementord[0], v.elementord[1])}: "
               + ", ".join(trygg_markdown(r.navn) for r in rader[:8]) + (" …" if len(rader) > 8 else ""))
    finnes = {fold(e.navn) for e in ctx.elementer}
    nye = [r.navn for r in rader if fold(r.navn) not in finnes]
    if st.button(f"Legg til {len(nye)} fra filen", key="element_fil_legg_til", disabled=not nye):
        _legg_til(ctx, nye)


def som_ark(ctx: Kontekst, konsensus=None) -> None:
    """The list (with the agreed scores where set) in the original sheet's layout."""
    ramme = regneark.arkrader(ctx.verktoy, ctx.elementer, konsensus)
    venstre, hoyre = st.columns(2)
    venstre.download_button("Lista som Excel", lambda: regneark.som_excel(ramme), "elementer.xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            on_click="ignore", key="element_xlsx", disabled=not ctx.elementer)
    hoyre.download_button("Lista som CSV", lambda: rapport.csv_fil(ramme),
                          "elementer.csv", mime="text/csv", on_click="ignore", key="element_csv",
                          disabled=not ctx.elementer)


def rediger(ctx: Kontekst, konsensus=None) -> None:
    """The whole editor, in an expander: open while the list is short or just changed."""
    v = ctx.verktoy
    melding = st.session_state.pop("element_melding", None)
    tittel = f"{v.elementord[1].capitalize()} ({len(ctx.elementer)})"
    with st.expander(tittel, expanded=len(ctx.elementer) < 3 or bool(melding)):
        if melding:
            st.success(melding)
        st.caption("Endringer vises på mobilene med en gang. Et element som fjernes etter at noen har svart, "
                   "beholdes med svarene i referatet.")
        liste(ctx)
        skriv, mal, fil = st.tabs(["Skriv inn", "Fra mal", "Fra fil"])
        with skriv:
            ny_fra_tekst(ctx)
        with mal:
            fra_mal(ctx)
        with fil:
            fra_fil(ctx)
        som_ark(ctx, konsensus)
