"""Results for any tool: its chart with earlier rounds, the summary table, anonymous reasons,
the agreed scores as a table, and the history of a unit. Every rule (what is earlier, what may
be shown) is the engine's (`regler`); every picture and number the tool's."""
from __future__ import annotations

import streamlit as st
from altair.utils import schemapi

from stadkraft import lenker
from stadkraft.lenker import GAMLE_SAMMENLIGN as GAMLE_PARAM_SAMMENLIGN  # links from before the rename
from stadkraft.lenker import SAMMENLIGN as PARAM_SAMMENLIGN
from stadkraft.ui.deler import trygg_markdown

from .. import regler
from ..feil import ResultatSkjult
from ..modell import fold, rundenavn
from ..verktoy import verktoy
from .felles import Kontekst, antall_tekst, dato_tekst, stor_tabell, trygge_rader



# The chart's size on the wall: it and the slide's heading fit 1 080 px without scrolling.
DIAGRAM_PROJEKTOR = 570


def tegn(v, *args, **kw):
    """The tool's chart (its Vega-Lite spec) and its alt text, or (None, "") for a tool without one."""
    return spesifikasjon(v.type, "diagram", *args, **kw) if v.diagram is not None else (None, "")


@st.cache_data(max_entries=64, show_spinner=False)
def spesifikasjon(type_: str, hva: str, *args, **kw) -> tuple[dict, str]:
    """A tool's chart (`hva`: "diagram" or "gruppediagram") as its spec, made once per content:
    the projector and the laptop rerun every few seconds on the same answers, and building the
    Altair chart and converting it was two thirds of such a rerun (200 participants x 25 items). Built
    without Altair's checks at each step, which the tools' tests run (their `to_dict()` validates)."""
    with schemapi.debug_mode(False):
        diagram, tekst = getattr(verktoy(type_), hva)(*args, **kw)
        return diagram.to_dict(validate=False), tekst


def diagramvalg(ctx: Kontekst) -> dict[str, bool]:
    """The chart's options the tool offers (`Verktoy.diagramvalg`): toggles on the laptop, kept
    with the session (`Okt.visning`) so the projector's tab follows by itself."""
    valg = ctx.verktoy.diagramvalg
    if not valg:
        return {}
    if ctx.presentasjon:
        return {k: k in ctx.okt.visning for k in valg}
    ut = {}
    for kolonne, (nokkel, tekst) in zip(st.columns(len(valg) + 2), valg.items()):
        ut[nokkel] = kolonne.toggle(tekst, value=nokkel in ctx.okt.visning, key=f"vis_{nokkel}")
    if (valgte := tuple(k for k, p in ut.items() if p)) != ctx.okt.visning:
        ctx.lager.sett_visning(ctx.kode, ctx.token, valgte)
    return ut


def vis(diagram: dict | None, tekst: str, forklaring: str = "") -> None:
    if diagram is not None:
        st.vega_lite_chart(diagram, width="content", alt=tekst)
        st.caption(" ".join(filter(None, [tekst, forklaring])))


def verdier(konsensus) -> dict:
    return {k: s.verdi if s.verdi2 is None else (s.verdi, s.verdi2) for k, s in konsensus.items()}


def _valgt_i_lenke() -> str | None:
    return lenker.les(st.query_params, PARAM_SAMMENLIGN)


def _til_lenke() -> None:
    for gammel in GAMLE_PARAM_SAMMENLIGN:
        st.query_params.pop(gammel, None)
    st.query_params[PARAM_SAMMENLIGN] = ",".join(st.session_state[PARAM_SAMMENLIGN])


def sammenligning(ctx: Kontekst, koder: list[str], navn: dict[str, str]) -> list[str]:
    """Which earlier rounds (by code) the chart overlays: the last three unless chosen; the
    choice is kept in the link (`?sammenlign=K7M2Q,P3X9A`) so the projector tab shows the same."""
    fra_lenke = _valgt_i_lenke()
    valgte = koder[-3:] if fra_lenke is None else [k for k in fra_lenke.split(",") if k in koder]
    if ctx.presentasjon or not koder:
        return valgte
    if st.session_state.get(PARAM_SAMMENLIGN) != valgte:
        st.session_state[PARAM_SAMMENLIGN] = valgte
    return st.multiselect("Sammenlign med tidligere runder", koder, key=PARAM_SAMMENLIGN, format_func=navn.get,
                          on_change=_til_lenke)


def etter_navn(lager, okt, konsensus, elementer) -> dict:
    """An earlier round's agreed scores keyed by this round's items: a session's own items are
    matched by name (each session numbers its own), fixed items by key."""
    if not verktoy(okt.type).egne_elementer:
        return verdier(konsensus)
    gamle = {e.nokkel: fold(e.navn) for e in lager.elementer(okt.kode, med_fjernede=True)}
    naa = {fold(e.navn): e.nokkel for e in elementer}
    return {naa[gamle[k]]: v for k, v in verdier(konsensus).items() if gamle.get(k) in naa}


def tidligere_runder(ctx: Kontekst) -> tuple[list[tuple[str, dict]], str]:
    """The chosen earlier rounds (name, agreed scores) and this round's name."""
    okt = ctx.okt
    historikk = regler.tidligere_runder(ctx.lager.historikk(okt.type, okt.enhet, med=okt.kode), okt)
    navn = dict(zip([o.kode for o, _ in historikk] + [okt.kode], rundenavn([o for o, _ in historikk] + [okt])))
    valgte = sammenligning(ctx, [o.kode for o, _ in historikk], navn)
    return [(navn[o.kode], etter_navn(ctx.lager, o, s, ctx.elementer)) for o, s in historikk if o.kode in valgte], \
        navn[okt.kode]


def konsensustabell(ctx: Kontekst, konsensus, karakter: str = "Felleskarakter", merknad: str = "Merknad") -> None:
    """The agreed scores, read-only (st.table cells are Markdown: typed notes are escaped)."""
    v = ctx.verktoy

    def karakterer(s) -> dict:
        if len(v.akser) == 1:
            return {karakter: v.skalaetikett(s.verdi) if s else "ikke satt ennå"}
        return {akse.capitalize(): str(x) if s else "–" for akse, x in zip(v.akser, (s.verdi, s.verdi2) if s else (0, 0))}
    rader = [{v.elementord[0].capitalize(): e.navn, **karakterer(konsensus.get(e.nokkel)),
              merknad: (konsensus[e.nokkel].begrunnelse or "") if e.nokkel in konsensus else ""}
             for e in ctx.elementer]
    if ctx.presentasjon:
        stor_tabell(rader)
    else:
        st.table(trygge_rader(rader), hide_index=True)


def _kolonner(ctx: Kontekst):
    """The chart and its table side by side, halves of the screen: on the wall the result fills
    one screen (the table's type follows the screen's width)."""
    return st.columns(2, gap="large" if ctx.presentasjon else "small")


def egne_karakterer(ctx: Kontekst, konsensus):
    """A self-assessment: its scores on the chart with earlier rounds, and as a table."""
    tidligere, navn_no = tidligere_runder(ctx)
    diagram, tekst = tegn(ctx.verktoy, None, verdier(konsensus), tidligere, navn_no,
                          DIAGRAM_PROJEKTOR if ctx.presentasjon else 440, elementer=ctx.elementer, **diagramvalg(ctx))
    venstre, hoyre = _kolonner(ctx)
    with venstre:
        vis(diagram, tekst)
    with hoyre:
        st.markdown("**Karakterene**")
        konsensustabell(ctx, konsensus, karakter="Karakter", merknad="Begrunnelse")
    return None, diagram, tekst


def gruppas_resultat(ctx: Kontekst, konsensus):
    """Once revealed with enough answers: the chart (median, spread, agreement, earlier rounds),
    the tool's summary table and the anonymous reasons per item; else why not."""
    v = ctx.verktoy
    try:
        anonyme = ctx.lager.anonyme_svar(ctx.kode)
    except ResultatSkjult as feil:
        st.info(str(feil))
        return None, None, ""
    if ctx.okt.fase == regler.Fase.LIVE and not ctx.presentasjon:
        st.caption("Live: resultatet flytter seg for hvert nytt svar. Den som ser på idet én person sender, "
                   "kan ane hva den svarte; i et lite rom er det tryggere å stenge først og vise etterpå.")
    oppsummering = v.oppsummer(anonyme, ctx.elementer)
    tidligere, navn_no = tidligere_runder(ctx)
    diagram, tekst = tegn(v, oppsummering, verdier(konsensus), tidligere, navn_no,
                          DIAGRAM_PROJEKTOR if ctx.presentasjon else 440, elementer=ctx.elementer, **diagramvalg(ctx))
    venstre, hoyre = _kolonner(ctx)
    with venstre:
        vis(diagram, tekst, v.diagramforklaring)
    with hoyre:
        st.markdown(f"**{v.resultattittel}**")
        rader, forklaring = v.resultattabell(oppsummering)
        # A canvas table does not grow with the projector's type; an HTML table does.
        if ctx.presentasjon:
            stor_tabell(rader)
        else:
            st.dataframe(rader, hide_index=True)
        st.caption(forklaring)
    if not anonyme["begrunnelse"].notna().any():
        return oppsummering, diagram, tekst      # nobody gave a reason: no list of empty ones
    st.markdown("#### Begrunnelser (anonyme)")
    for r in oppsummering.itertuples():
        diskuter = bool(getattr(r, "diskuter", False))
        grunner = anonyme[(anonyme["element"] == r.nokkel) & anonyme["begrunnelse"].notna()]
        tittel = (f"{trygg_markdown(r.navn)}: {antall_tekst(len(grunner), 'begrunnelse', 'begrunnelser')}"
                  + (" · ⚑ diskuter" if diskuter else ""))
        with st.expander(tittel, expanded=diskuter and len(grunner) > 0):
            if grunner.empty:
                st.caption("Ingen begrunnelser.")
            for g in grunner.itertuples():
                st.markdown(f"- **{g.verdi}** – {trygg_markdown(g.begrunnelse)}")
    return oppsummering, diagram, tekst


def historikk(ctx: Kontekst) -> None:
    """Earlier assessments of a unit: the chart of every round with a consensus, and a table."""
    v = ctx.verktoy
    enheter = ctx.lager.enheter(v.type)
    st.caption("Bare resultater som lederen har publisert, vises her (det gruppa ble enige om, aldri "
               "enkeltsvar). Publiser fra «Innstillinger for økta» med lederlenken.")
    if not enheter:
        st.info("Ingen publiserte vurderinger ennå.")
        return
    from ..modell import ENHETSTYPER

    valgt = st.selectbox(
        "Enhet", enheter, key="hist_enhet",
        format_func=lambda en: (f"{en[0].navn} ({ENHETSTYPER[en[0].type].lower()}, "
                                f"{antall_tekst(en[1], 'økt', 'økter')})"))
    runder = ctx.lager.historikk(v.type, valgt[0])
    if not runder:
        st.info("Ingen av øktene for denne enheten har felleskarakter ennå.")
        return
    navn = rundenavn([o for o, _ in runder])
    if v.egne_elementer:  # each round its own list: the last round, with arrows from the one before
        siste = runder[-1][0]
        elementer = ctx.lager.elementer(siste.kode)
        forrige = [(navn[-2], etter_navn(ctx.lager, runder[-2][0], runder[-2][1], elementer))] if len(runder) > 1 else []
        vis(*tegn(v, None, verdier(runder[-1][1]), forrige, navn[-1], storrelse=520, tittel=valgt[0].navn,
                  elementer=elementer))
        st.dataframe([{"Runde": n, "Dato": dato_tekst(o.dato), "Tittel": o.tittel, "Plassert": len(s)}
                      for n, (o, s) in zip(navn, runder)], hide_index=True)
        return
    tidligere = [(n, verdier(s)) for n, (_, s) in zip(navn, runder)]
    vis(*tegn(v, None, None, tidligere, storrelse=440, tittel=valgt[0].navn))
    st.dataframe(
        [{"Runde": n, "Dato": dato_tekst(o.dato), "Tittel": o.tittel,
          **{e.navn: s[e.nokkel].verdi for e in v.elementer if e.nokkel in s}}
         for n, (o, s) in zip(navn, runder)],
        hide_index=True)
