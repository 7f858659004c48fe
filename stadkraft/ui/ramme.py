"""The shared frame: presentation mode and its style, the municipality picker, the database check, the footer."""
from __future__ import annotations

import base64
import copy
import functools
import json
import re
from pathlib import Path
from typing import Callable

import pandas as pd
import streamlit as st

from stadkraft import db, lenker, tekster
from stadkraft import format as fmt
from stadkraft import region as regioner
from stadkraft.ui.deler import trygg_markdown

NOKKEL_KOMMUNE = lenker.KOMMUNE
# A local favicon: a ":material/…:" icon would be fetched from Google's servers.
IKON = Path(__file__).parent.parent / "ressurser" / "ikon.png"


@functools.cache
def ikon() -> str:
    """The page icon as a data URL: a file path is read, hashed and registered anew on every run."""
    return "data:image/png;base64," + base64.b64encode(IKON.read_bytes()).decode("ascii")


_SIDER: list | None = None


def sider(lag: Callable[[], list]) -> list:
    """The app's pages (`lag` makes them), made once per process and handed out as copies: `st.Page`
    resolves its file's path on the disk (a tenth of the server's time when a room submits at once),
    and a page object carries state for the run it is in."""
    global _SIDER
    if _SIDER is None:
        _SIDER = lag()
    return [copy.copy(s) for s in _SIDER]
_VELGER = "_kommunevelger"

KILDETEKST = ("Kilde: Statistisk sentralbyrå (NLOD). Kart: © Kartverket (CC BY 4.0). "
              "Bo- og arbeidsmarkedsregioner: NIBR 2020.")


def presentasjonsmodus() -> bool:
    """`?modus=presentasjon`: no sidebar, large type, for projectors. Kept for the session."""
    if st.query_params.get(lenker.MODUS) == lenker.PRESENTASJON:
        st.session_state["_presentasjon"] = True
    elif lenker.MODUS in st.query_params:
        st.session_state["_presentasjon"] = False
    return bool(st.session_state.get("_presentasjon"))


# Streamlit's own English in the frontend, with no option to set it (Streamlit 1.67). Each rule keys on
# Streamlit's markup; if that changes, the English shows again and tests/test_nettleser_ord.py fails.
# Text is replaced as ::before/::after content (screen readers read generated content); the English is
# hidden with `display` or `visibility`, which take it out of the accessibility tree too.
NORSK_STIL = """<style>
    /* «Skip to main content»: the link stays first in the tab order and still works. It must stay
       visible to take focus, so screen readers get «Skip to main content Gå til hovedinnholdet». */
    [data-testid="stSkipToContent"], [data-testid="stSkipToContent"]:focus-visible {font-size: 0 !important;}
    [data-testid="stSkipToContent"]::after {content: " Gå til hovedinnholdet"; font-size: 0.875rem;}
    /* The table toolbar: the pages give their own CSV downloads (Norwegian decimals) and the pickers
       search; «Fullscreen» stays. */
    [data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]),
    [data-testid="stElementToolbarButton"]:has(button[aria-label="Search"]),
    [data-testid="stElementToolbarButton"]:has(button[aria-label="Show/hide columns"]),
    /* The chart toolbar: the pages give their own CSV, PNG and SVG with the source line. */
    [data-testid="stElementToolbarButton"]:has(button[aria-label="Show data"]),
    [data-testid="stElementToolbarButton"]:has(button[aria-label="Download as PNG"]),
    [data-testid="stElementToolbarButton"]:has(button[aria-label="Download as SVG"]),
    [data-testid="stElementToolbarButton"]:has(button[aria-label="Copy Vega-Lite spec"]) {display: none;}
    /* A picker that takes typed text (accept_new_options) offers «Add: …» first. */
    [role="option"][data-key="__creatable__"] > [data-item-hl] {display: none;}
    [role="option"][data-key="__creatable__"]::before {content: "Søk etter det du har skrevet (Enter)";}
    /* The file uploader: «Upload» on its button and «200MB per file • XLSX, CSV» beside it. */
    [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size: 0;}
    [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
        content: "Velg fil"; font-size: 0.875rem;}
    [data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0;}
    [data-testid="stFileUploaderDropzoneInstructions"] span::after {
        content: "eller dra den hit"; font-size: 0.875rem;}   /* each reader says its own limit */
    /* A selectbox search that finds nothing. */
    [role="listbox"][data-empty="true"] [role="option"] > span {visibility: hidden; font-size: 0;}
    [role="listbox"][data-empty="true"] [role="option"] > span::after {
        visibility: visible; content: "Ingen treff"; font-size: 0.875rem;}
</style>"""


# A thumb needs 44 px (WCAG 2.5.5, Apple's HIG): Streamlit draws a segmented control's choices 32 px high,
# a button 40 and a checkbox's label 21. On every page, so a phone form and the laptop's agree.
TRYKKFLATER = """<style>
    button[data-variant="segmented_control"], [data-testid="stFormSubmitButton"] button,
    [data-testid="stButton"] button {min-height: 44px;}
    [data-testid="stCheckbox"] label {min-height: 44px; align-items: center;}
</style>"""


# A participant's page is a phone's: alone (no navigation, no app bar) and light. Streamlit's text and
# icon fonts are 545 kB to fetch on a room's Wi-Fi: the text is set in the phone's own font, and the
# one icon a form shows (the expander's arrow) is drawn as text, so the icon font is never needed.
# `stadkraft.tjener` writes this into the page's <head>, where it applies from the first paint.
DELTAKERSIDER = ("bli-med", "kapasitet-delta")
SYSTEMSKRIFT = 'local("Roboto"), local("Segoe UI"), local("Helvetica Neue"), local("Noto Sans"), local("DejaVu Sans"), local("Arial")'
TELEFONSTIL = f"""<style>
    @font-face {{font-family: "Source Sans"; font-weight: 100 900; font-style: normal; src: {SYSTEMSKRIFT};}}
    @font-face {{font-family: "Source Sans"; font-weight: 100 900; font-style: italic; src: {SYSTEMSKRIFT};}}
    @font-face {{font-family: "Material Symbols Rounded"; font-weight: 400; font-style: normal;
                src: local("Material Symbols Rounded");}}
    [data-testid="stHeader"] {{display: none;}}
    [data-testid="stMainBlockContainer"] {{padding-top: 1.5rem;}}
    h1 {{font-size: 1.75rem !important;}}
    [data-testid="stExpander"] summary [data-testid="stIconMaterial"] {{display: none;}}
    [data-testid="stExpander"] summary::after {{content: "▸"; margin-left: auto; padding-left: 0.5rem;}}
    [data-testid="stExpander"] details[open] > summary::after {{content: "▾";}}
    /* The scores 1-5 (keys d_k_…, stadkraft.workshop.ui.skjema): one line, each choice a thumb's
       target (44 px), the whole width shared. Not the group picker, which lists names. */
    [class*="st-key-d_k_"] [data-testid="stRadioGroup"] {{flex-wrap: nowrap; gap: 0.25rem;}}
    [class*="st-key-d_k_"] [data-testid="stRadioGroup"] > div {{flex: 1 1 0; min-width: 44px;}}
    [class*="st-key-d_k_"] [data-testid="stRadioOption"] {{width: 100%; min-height: 44px; margin: 0;
        padding: 0; align-items: center;}}
</style>"""


def sidesti() -> str:
    """The page's address without host and query: «bli-med», or «» for the default page."""
    url = st.context.url if isinstance(getattr(st.context, "url", None), str) else ""
    return url.split("?", 1)[0].split("://", 1)[-1].partition("/")[2].rstrip("/").rsplit("/", 1)[-1]


# What CSS cannot reach: Streamlit's English in attributes (screen readers read them) and in the date
# field. Watched, since Streamlit writes them anew as it redraws; the same keying caveat as NORSK_STIL.
NORSKE_ORD = {"Choose date": "Velg dato", "Choose date range": "Velg datoperiode", "Clear date": "Tøm dato",
              "Clear dates": "Tøm datoene", "Fullscreen": "Fullskjerm", "Close fullscreen": "Lukk fullskjerm",
              "Exit fullscreen": "Lukk fullskjerm",
              "Use arrow keys to navigate dates. Enter to select. Escape to close.":
                  "Piltastene flytter mellom datoene, Enter velger, Escape lukker."}
NORSKE_ORD_JS = """<script>
(() => {
    if (window.__stadkraftOrd) return;
    const ord = %s;
    const aar = {"yyyy": "åååå", "YYYY": "åååå", "dd.mm.yyyy": "dd.mm.åååå", "DD.MM.YYYY": "dd.mm.åååå"};
    const oversett = (verdi) => {
        if (verdi in ord) return ord[verdi];
        const [forst, ...rest] = verdi.split(": ");   // «Fullscreen: the element’s label» (DOMPurify drops a script with a less-than sign and a letter)
        return rest.length && forst in ord ? ord[forst] + ": " + rest.join(": ") : null;
    };
    const gaa = (rot) => {
        for (const el of rot.querySelectorAll("[aria-label], [title], [placeholder]")) {
            for (const navn of ["aria-label", "title", "placeholder"]) {
                const v = el.getAttribute(navn);
                const ny = v && (oversett(v) || (el.closest('[data-testid="stDateInput"]') && aar[v]));
                if (ny && ny !== v) el.setAttribute(navn, ny);
            }
        }
        for (const felt of rot.querySelectorAll('[data-testid="stDateInput"] *, [data-testid="stDateInputCalendar"] *')) {
            for (const n of felt.childNodes) {
                const v = n.nodeType === 3 && n.textContent.trim();
                if (v && (aar[v] || ord[v])) n.textContent = n.textContent.replace(v, aar[v] || ord[v]);
            }
        }
    };
    let venter = false;   // one pass per frame, however many changes Streamlit makes in it
    window.__stadkraftOrd = new MutationObserver(() => {
        if (venter) return;
        venter = true;
        requestAnimationFrame(() => { venter = false; gaa(document.body); });
    });
    window.__stadkraftOrd.observe(document.body, {subtree: true, childList: true, attributes: true,
                                                  attributeFilter: ["aria-label", "title", "placeholder"]});
    gaa(document.body);
})();
</script>""" % json.dumps(NORSKE_ORD, ensure_ascii=False)


def stil(presentasjon: bool) -> None:
    st.html(NORSK_STIL + TRYKKFLATER)
    st.html(NORSKE_ORD_JS, unsafe_allow_javascript=True)
    if presentasjon:
        st.query_params[lenker.MODUS] = lenker.PRESENTASJON
        st.html("""<style>
            [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
            /* A slide: no app bar on the wall, and the page starts at the top (Streamlit leaves 6rem). */
            [data-testid="stHeader"] {display: none;}
            [data-testid="stMainBlockContainer"] {padding-top: 1.5rem; padding-bottom: 1rem; max-width: none;}
            html, body, [data-testid="stAppViewContainer"] {font-size: 22px;}
            [data-testid="stMetricValue"] {font-size: 3rem;}
            h1 {font-size: 3rem;} h2 {font-size: 2.4rem;} h3 {font-size: 2rem;}
        </style>""")


def database_finnes() -> bool:
    return db.db_sti().exists()


def krev_database() -> None:
    """Stop the page with a clear message when the statistics database has not been built."""
    if not database_finnes():
        st.error(f"Statistikkdatabasen er ikke bygget ennå ({db.db_sti()}). Kjør «make data» i prosjektmappa, "
                 "eller «python -m stadkraft.data build --kilde <mappe med kildefiler>», og last siden på nytt.")
        st.stop()


def kommuner() -> pd.DataFrame:
    return db.sporring("kommuneliste")


def _synk_fra_url(koder: set[str]) -> str | None:
    """A link or a map click puts `kommune` in the URL; the picker follows it. A number from before
    the 2024 structure opens the municipality it became; one that is no municipality is said so
    (never dropped silently). Returns the message for the page, if any."""
    fra_url = st.query_params.get(NOKKEL_KOMMUNE)
    if not fra_url or fra_url == st.session_state.get(_VELGER):
        return None
    vist = "".join(c for c in str(fra_url) if c.isdigit())[:4]   # nothing typed reaches the page
    if fra_url not in koder:
        ny = db.sporring("kommune_fra_gammelt_nummer", kode=vist) if len(vist) == 4 else None
        if ny is None or ny.empty or ny["kommunenummer"].iloc[0] not in koder:
            return f"Fant ingen kommune med nummer «{vist or '?'}». Velg kommunen i lista."
        fra_url = ny["kommunenummer"].iloc[0]
        st.session_state[_VELGER] = fra_url
        return f"Kommunenummer {vist} er fra før kommunereformen; viser {fra_url}, som kommunen er del av nå."
    st.session_state[_VELGER] = fra_url
    return None


# --- Typed search in the pickers -------------------------------------------------------------------
#
# Streamlit's selectbox filters its options in the browser by the label as typed (no folding), so
# «froya» finds no «Frøya (5014)». The pickers take typed text as well (accept_new_options), and the
# server resolves it with `finn_i_lista`; the labels stay as they are.

_PARENTES = re.compile(r"\([^)]*\)")
_DELER = re.compile(r"\s+-\s+|/")
_ORD = re.compile(r"[\s-]+")


def finn_i_lista(sok, valg: dict[str, str]) -> list[str]:
    """The options (keys of `valg`, key -> label) that a typed search names, best kind of match first:
    the key itself (a municipality number), a whole name (any of a Sámi/Kven/Norwegian name's parts),
    the start of a name, the start of a word, then anywhere in the label. Folded with `fmt.sokeform`,
    so «froya» finds Frøya and «baerum» Bærum. Only the best kind is returned; [] for no match."""
    s = fmt.sokeform(sok)
    if not s:
        return []
    if sok.strip() in valg:
        return [sok.strip()]
    brettet = {k: fmt.sokeform(v) for k, v in valg.items()}
    deler = {k: [d.strip() for d in _DELER.split(_PARENTES.sub("", v)) if d.strip()] for k, v in brettet.items()}
    trinn = (
        lambda k: s == brettet[k] or s in deler[k],
        lambda k: any(d.startswith(s) for d in deler[k]) or (s.isdigit() and k.startswith(s)),
        lambda k: any(o.startswith(s) for d in deler[k] for o in _ORD.split(d)),
        lambda k: s in brettet[k],
    )
    for passer in trinn:
        if treff := [k for k in valg if passer(k)]:
            return treff
    return []


def _skrevet(nokkel: str, valg: dict[str, str], forrige, hva: str) -> None:
    """A picker's value that is typed text, not an option: the one option it names, or the previous
    value back and a hint for the next run (`_melding`)."""
    sok = st.session_state.get(nokkel)
    if sok is None or sok in valg:
        return
    treff = finn_i_lista(sok, valg)
    if len(treff) == 1:
        st.session_state[nokkel] = treff[0]
        return
    st.session_state[nokkel] = forrige
    vist = trygg_markdown(str(sok)[:40])
    st.session_state[f"{nokkel}_melding"] = (
        tekster.SOK_FLERE.format(sok=vist, navn=", ".join(trygg_markdown(valg[k]) for k in treff[:tekster.SOK_VIS])
                                 + (" …" if len(treff) > tekster.SOK_VIS else ""))
        if treff else tekster.SOK_INGEN.format(sok=vist, hva=hva))


def _melding(nokkel: str) -> str | None:
    return st.session_state.pop(f"{nokkel}_melding", None)


def _kommune_skrevet(koder: dict[str, str]) -> None:
    forrige = st.query_params.get(NOKKEL_KOMMUNE)
    _skrevet(_VELGER, koder, forrige if forrige in koder else None, "kommune")
    _til_url()


def _til_url() -> None:
    valgt = st.session_state.get(_VELGER)
    if valgt:
        st.query_params[NOKKEL_KOMMUNE] = valgt
    elif NOKKEL_KOMMUNE in st.query_params:
        del st.query_params[NOKKEL_KOMMUNE]


def kommunevelger(i_sidepanel: bool = True) -> str | None:
    """The shared picker: type a name or a number. Kept in the URL as `?kommune=5014`."""
    if not database_finnes():
        return None
    liste = kommuner()
    koder = dict(zip(liste["kommunenummer"], liste["navn"] + " (" + liste["kommunenummer"] + ")"))
    melding = _synk_fra_url(set(koder)) or _melding(_VELGER)
    sted = st.sidebar if i_sidepanel else st
    if melding:
        sted.info(melding)
    # Typed text that is no label comes back as itself; `_kommune_skrevet` finds the municipality.
    sted.selectbox("Kommune", list(koder), index=None, key=_VELGER, format_func=lambda k: koder.get(k, k),
                   placeholder="Skriv navn eller nummer …", on_change=_kommune_skrevet, args=(koder,),
                   accept_new_options=True,
                   help="Valget gjelder alle sidene og står i lenken (?kommune=5014). "
                        "Skriv navnet med eller uten æ, ø og å («froya» finner Frøya), og trykk Enter.")
    _til_url()
    return st.session_state.get(_VELGER)


def valgt_kommune() -> str | None:
    """The 4-digit code chosen in the shared picker (or from the URL), or None."""
    valgt = st.session_state.get(_VELGER)
    if valgt:
        return valgt
    fra_url = st.query_params.get(NOKKEL_KOMMUNE)
    return fra_url if fra_url and fra_url.isdigit() and len(fra_url) == 4 else None


def velg_kommune(kode: str) -> None:
    """Select a municipality from code (a map click, a table row)."""
    st.session_state[_VELGER] = kode
    st.query_params[NOKKEL_KOMMUNE] = kode


# --- The region picker: a county, a BA region, a regional council or an own group -----------------

_REGIONVELGER = "_regionvelger"
_EGNE = "_region_kommuner"
_EGET_NAVN = "_region_navn"
INGEN = ""


def register() -> pd.DataFrame:
    return db.sporring("region_kommuner")


def _region_fra_url() -> str:
    verdi = st.query_params.get(lenker.REGION, INGEN)
    return f"{regioner.BA}-{verdi}" if verdi.isdigit() else verdi  # the attractiveness page's old ?region=018


def _region_skrevet(valg: dict[str, str]) -> None:
    forrige = _region_fra_url()
    _skrevet(_REGIONVELGER, valg, forrige if forrige in valg else INGEN, "region")
    _region_til_url()


def _region_til_url() -> None:
    valgt = st.session_state.get(_REGIONVELGER) or INGEN
    if not valgt:
        for navn in (lenker.REGION, lenker.KOMMUNER, lenker.NAVN):
            st.query_params.pop(navn, None)
        return
    st.query_params[lenker.REGION] = valgt
    if valgt != regioner.EGEN:
        st.query_params.pop(lenker.KOMMUNER, None)
        st.query_params.pop(lenker.NAVN, None)


def _egen_til_url() -> None:
    st.query_params[lenker.REGION] = regioner.EGEN
    st.query_params[lenker.KOMMUNER] = ",".join(st.session_state.get(_EGNE) or [])
    st.query_params[lenker.NAVN] = regioner.rens_navn(st.session_state.get(_EGET_NAVN))


def regionvelger(i_sidepanel: bool = True) -> regioner.Region | None:
    """A region beside the municipality: kept in the URL (?region=regionraad-hallingdal, or
    ?region=egen&kommuner=3320,3322&navn=...), so a link opens the same region. When a region is
    chosen, the statistics pages show it instead of the municipality."""
    if not database_finnes():
        return None
    reg = register()
    valg = {INGEN: "Ingen (vis kommunen)", **regioner.valg(reg), regioner.EGEN: "Egen gruppe …"}
    fra_url = _region_fra_url()
    st.session_state[_REGIONVELGER] = fra_url if fra_url in valg else INGEN
    sted = st.sidebar if i_sidepanel else st
    if melding := _melding(_REGIONVELGER):
        sted.info(melding)
    valgt = sted.selectbox("Region", list(valg), key=_REGIONVELGER, format_func=lambda k: valg.get(k, k),
                           on_change=_region_skrevet, args=(valg,), accept_new_options=True,
                           help="Fylke, bo- og arbeidsmarkedsregion, regionråd eller en egen gruppe kommuner. "
                                "Valget står i lenken, så den kan deles.")
    if fra_url and fra_url not in valg:
        sted.warning(f"Fant ingen region «{trygg_markdown(fra_url[:40])}». Velg en region i lista.")
    if valgt == regioner.EGEN:
        navn = dict(zip(reg["kommunenummer"], reg["navn"]))
        koder = [k.strip() for k in (st.query_params.get(lenker.KOMMUNER) or "").split(",") if k.strip()]
        st.session_state[_EGNE] = [k for k in koder if k in navn]
        st.session_state[_EGET_NAVN] = regioner.rens_navn(st.query_params.get(lenker.NAVN)) or regioner.EGEN_NAVN
        if ukjente := [k for k in koder if k not in navn]:
            sted.warning("Fant ingen kommune med nummer " + ", ".join(f"«{trygg_markdown(k[:8])}»" for k in ukjente[:5])
                         + " i lenken, så den er ikke med i gruppen. Velg kommunene i lista under.")
        if not st.session_state[_EGNE]:
            sted.info("Gruppen har ingen kommuner ennå. Velg dem i lista under.")
        sted.multiselect("Kommuner i gruppen", list(navn), key=_EGNE, format_func=navn.__getitem__,
                         on_change=_egen_til_url, select_all=False, placeholder="Velg kommuner …")
        sted.text_input("Navn på gruppen", key=_EGET_NAVN, on_change=_egen_til_url, max_chars=regioner.MAKS_NAVN)
    return valgt_region()


def valgt_region() -> regioner.Region | None:
    """The region in the URL, or None (none chosen, unknown, or an own group with no members yet)."""
    if not database_finnes() or not st.query_params.get(lenker.REGION):
        return None
    return regioner.fra_url(st.query_params, register())


def metadata() -> dict:
    if not database_finnes():
        return {}
    return dict(db.sporring("metadata").itertuples(index=False))


def bunntekst() -> None:
    meta = metadata()
    dato = meta.get("dataens_dato", "")
    bygget = meta.get("bygget", "")[:10]
    st.divider()
    st.caption(f"{KILDETEKST} {dato}{'; database bygget ' + bygget if bygget else ''}. "
               "Stadkraft sender ingen data ut av maskinen.")
