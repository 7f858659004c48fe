"""The group stage and the plenary, for tools with groups (individual -> group -> plenary).

Laptop: name the groups, let the phones choose or share the room out, follow each group's
progress. Phone: join a group, then agree the group's placement on one device, with the members'
own scores (anonymous, at least `min_svar` of them) as a guide. Plenary: the groups' placements
side by side and on one chart, disagreement marked, before the room sets its own."""
from __future__ import annotations

import streamlit as st

from stadkraft import format as fmt
from stadkraft.ui.deler import trygg_markdown

from .. import regler
from ..feil import ResultatSkjult, WorkshopFeil
from ..modell import HOPPET
from .felles import Kontekst, stor_tabell, trygge_rader, utfor, vis_feil
from .resultat import spesifikasjon, tegn, vis
from .skjema import svarskjema

STANDARD_GRUPPER = "Gruppe 1\nGruppe 2\nGruppe 3"


# --- The facilitator ------------------------------------------------------------------------------

def oppsett(ctx: Kontekst) -> None:
    """Name the groups and share out those who have not chosen one (laptop)."""
    lager = ctx.lager
    grupper = lager.grupper(ctx.kode)
    with st.expander(f"Grupper ({len(grupper)})", expanded=not grupper):
        st.caption("Deltakerne velger gruppe på mobilen når resultatet er vist. «Fordel» setter alle som ikke "
                   "har valgt, i den minste gruppa, så gruppene blir like store og naboer i salen blandes.")
        with st.form("grupper", enter_to_submit=False):
            tekst = st.text_area("Gruppenes navn (ett per linje)", value="\n".join(grupper) or STANDARD_GRUPPER,
                                 key="grupper_navn", max_chars=800)
            lagre = st.form_submit_button("Lagre gruppene", key="grupper_lagre")
        if lagre:
            utfor(lambda: lager.sett_grupper(ctx.kode, ctx.token, tekst.splitlines()))
    if not grupper:
        return
    # Outside the folded names: who is where, and the share-out, stay in view while the phones choose.
    if melding := st.session_state.pop("grupper_melding", None):
        st.success(melding)
    status(ctx)
    if st.button("Fordel deltakere som ikke har valgt gruppe", key="grupper_fordel"):
        def fordel():
            storrelse = lager.fordel_grupper(ctx.kode, ctx.token)
            st.session_state["grupper_melding"] = "Fordelt: " + ", ".join(f"{g} {n}" for g, n in storrelse.items()) + "."
        utfor(fordel)


def status(ctx: Kontekst) -> None:
    """Each group's members and how many items it has placed (laptop and projector)."""
    rader = ctx.lager.gruppestatus(ctx.kode)
    if not rader:
        st.caption("Ingen grupper ennå.")
        return
    n = len(ctx.elementer)
    plasserer = ctx.okt.fase not in regler.FASER_VELG_GRUPPE   # while the groups form, nothing is placed yet
    tabell = [{"Gruppe": r["gruppe"], "Medlemmer": r["medlemmer"],
               **({"Plassert": f"{r['plassert']} av {n}" + (" ✓" if n and r["plassert"] >= n else "")}
                  if plasserer else {})} for r in rader]
    uten = sum(v for g, v in ctx.lager.gruppefordeling(ctx.kode, ctx.token).items() if not g)
    if ctx.presentasjon:
        stor_tabell(tabell)
    else:
        st.table(trygge_rader(tabell), hide_index=True)
    if uten:
        st.caption(f"{uten} som har svart, er ikke i noen gruppe ennå.")


def gruppeplasseringer(ctx: Kontekst) -> dict[str, dict]:
    """Every group's agreed placements so far, by group in the facilitator's order."""
    return {g: ctx.lager.konsensus(ctx.kode, g) for g in ctx.lager.grupper(ctx.kode)}


def plenum(ctx: Kontekst, oppsummering, konsensus) -> None:
    """The groups side by side and overlaid, with the individual means and disagreement marked."""
    v = ctx.verktoy
    grupper = {g: p for g, p in gruppeplasseringer(ctx).items() if p}
    if not grupper:
        st.info("Ingen gruppe har lagret en plassering. Gå tilbake til gruppearbeidet, eller sett den felles "
                "plasseringen direkte.")
        return
    st.subheader("Gruppenes plasseringer")
    if v.gruppediagram is not None:
        diagram, tekst = spesifikasjon(v.type, "gruppediagram", oppsummering, grupper, konsensus,
                                       storrelse=760 if ctx.presentasjon else 520, elementer=ctx.elementer)
        vis(diagram, tekst)
    rader = v.rapportrader(oppsummering, konsensus, elementer=ctx.elementer, grupper=grupper)
    grense = v.uenig_avstand
    # The disagreed first (the room talks about those first), then the ranked order; every cell text.
    rader = sorted(rader, key=lambda r: -(r.get("uenighet mellom gruppene", 0) >= grense))   # (a tool may not measure it)
    st.caption(f"⚑ = gruppene ligger minst {grense} poeng fra hverandre på en av aksene (ringet inn med stiplet "
               "rødt i diagrammet): de står først, snakk om dem først.")
    (stor_tabell if ctx.presentasjon else lambda t: st.dataframe(t, hide_index=True))(plenumstabell(rader, grense))


def plenumstabell(rader: list[dict], grense: int) -> list[dict]:
    """The plenary's rows as the room reads them: the group names as typed, means with a decimal comma."""
    def celle(k: str, verdi) -> str:
        if k == "uenighet mellom gruppene":
            return f"⚑ {verdi}" if verdi >= grense else str(verdi)
        return fmt.tall(verdi, 1) if isinstance(verdi, float) else ("" if verdi is None else str(verdi))
    navn = {"element": "Element", "snitt viktighet": "Snitt viktighet", "snitt påvirkbarhet": "Snitt påvirkbarhet",
            "uenighet mellom gruppene": "Uenighet mellom gruppene"}
    return [{navn.get(k) or k.replace("gruppe ", "", 1): celle(k, r[k]) for k in r
             if k in navn or k.startswith("gruppe ")} for r in rader]


# --- The phone ------------------------------------------------------------------------------------

def velg(v, lager, okt, deltaker: str, min_gruppe: str | None) -> str | None:
    """Join a group (the names the facilitator gave); returns the phone's group."""
    grupper = lager.grupper(okt.kode)
    if not grupper:
        st.info("Lederen har ikke laget grupper ennå.")
        return min_gruppe
    if min_gruppe:
        st.markdown(f"### Du er på {trygg_markdown(min_gruppe)}")
    with st.expander("Bytt gruppe" if min_gruppe else "Velg gruppe", expanded=not min_gruppe):
        valgt = st.radio("Hvilken gruppe sitter du i?", grupper, key="d_gruppevalg", format_func=trygg_markdown,
                         index=grupper.index(min_gruppe) if min_gruppe in grupper else None)
        if st.button("Bli med i gruppa", key="d_gruppe_bli_med", type="primary", disabled=valgt is None,
                     width="stretch"):
            try:
                lager.velg_gruppe(okt.kode, deltaker, valgt)
            except WorkshopFeil as feil:
                vis_feil(feil)
            else:
                st.rerun()
    return min_gruppe


def _veiledning(v, lager, okt, gruppe: str) -> dict[str, str]:
    """The members' own scores per item, each axis sorted apart (so no two scores can be paired
    to one person); nothing when fewer than `min_svar` members answered."""
    try:
        svar = lager.anonyme_svar(okt.kode, gruppe=gruppe)
    except ResultatSkjult:
        return {}
    ut = {}
    for nokkel, del_ in svar[svar["verdi"].notna()].groupby("element"):
        deler = [f"{akse} {' · '.join(str(int(x)) for x in sorted(del_[kol]))}"
                 for akse, kol in zip(v.akser, ("verdi", "verdi2"))]
        ut[nokkel] = "Medlemmene: " + "; ".join(deler)
    return ut


def gruppeskjema(v, lager, okt, deltaker: str, gruppe: str) -> None:
    """The group's placement, agreed on one device: any member may save it; the last save counts."""
    elementer = lager.elementer(okt.kode)
    plassert = lager.konsensus(okt.kode, gruppe)
    veiledning = _veiledning(v, lager, okt, gruppe)
    st.caption(f"Bli enige i gruppa og la én mobil lagre plasseringen. {len(plassert)} av {len(elementer)} er "
               "plassert. " + ("Medlemmenes egne karakterer står under hvert element som en hjelp." if veiledning else
                               f"Gruppa har færre enn {okt.min_svar} svar, så medlemmenes karakterer vises ikke."))
    if melding := st.session_state.pop("gruppe_melding", None):
        st.success(melding)
    with st.form("gruppe", enter_to_submit=False):
        skaarer, _ = svarskjema(v, elementer, "g", plassert, kontekst=veiledning, begrunnelse=False, merk_nye=False)
        lagre = st.form_submit_button("Lagre gruppas plassering", type="primary", width="stretch")
    if lagre:
        verdier = {k: s for k, s in skaarer.items() if s is not None and s != HOPPET}
        try:
            lager.sett_gruppeplassering(okt.kode, deltaker, verdier)
        except WorkshopFeil as feil:
            vis_feil(feil, "Plasseringen er ikke lagret; det du valgte, står fortsatt i skjemaet.")
        else:
            st.session_state["gruppe_melding"] = f"Lagret: {len(verdier)} av {len(elementer)} plassert."
            st.rerun()


def mobil(v, lager, okt, deltaker: str, mitt) -> None:
    """The phone from the moment results are shown: choose a group, then (group stage) its form."""
    if not mitt:
        st.caption("Du sendte ikke eget svar i denne økta, så du kan ikke bli med i en gruppe her.")
        return
    gruppe = lager.min_gruppe(okt.kode, deltaker)
    if okt.fase in regler.FASER_VELG_GRUPPE:
        gruppe = velg(v, lager, okt, deltaker, gruppe)
    elif okt.fase in regler.FASER_GRUPPE and not gruppe:
        st.info("Du er ikke med i noen gruppe. Sett deg med en gruppe og bruk mobilen deres.")
    if okt.fase in regler.FASER_GRUPPE and gruppe:
        st.markdown(f"### Du er på {trygg_markdown(gruppe)}")
        gruppeskjema(v, lager, okt, deltaker, gruppe)
    elif okt.fase in regler.FASER_KONSENSUS:
        st.info("Gruppene er ferdige. Salen setter den felles plasseringen på storskjermen.")


def resultat_med_grupper(ctx: Kontekst, oppsummering, konsensus) -> None:
    """The revealed result's chart again, for the laptop's plenary with the current agreement."""
    diagram, tekst = tegn(ctx.verktoy, oppsummering, konsensus, (), "no",
                          760 if ctx.presentasjon else 520, elementer=ctx.elementer)
    vis(diagram, tekst)
