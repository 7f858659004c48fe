"""Small Streamlit helpers for the shared frame: picker, URL state, presentation mode, footer."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from . import db

NOKKEL_KOMMUNE = "kommune"
# A local favicon: a ":material/…:" icon would be fetched from Google's servers.
IKON = Path(__file__).parent / "ressurser" / "ikon.png"
_VELGER = "_kommunevelger"

KILDETEKST = ("Kilde: Statistisk sentralbyrå (NLOD). Kart: © Kartverket (CC BY 4.0). "
              "Bo- og arbeidsmarkedsregioner: NIBR 2020.")


def presentasjonsmodus() -> bool:
    """`?modus=presentasjon`: no sidebar, large type, for projectors. Kept for the session."""
    if st.query_params.get("modus") == "presentasjon":
        st.session_state["_presentasjon"] = True
    elif "modus" in st.query_params:
        st.session_state["_presentasjon"] = False
    return bool(st.session_state.get("_presentasjon"))


def stil(presentasjon: bool) -> None:
    if presentasjon:
        st.query_params["modus"] = "presentasjon"
        st.html("""<style>
            [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
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


def _synk_fra_url(koder: set[str]) -> None:
    """A link or a map click puts `kommune` in the URL; the picker follows it."""
    fra_url = st.query_params.get(NOKKEL_KOMMUNE)
    if fra_url in koder and st.session_state.get(_VELGER) != fra_url:
        st.session_state[_VELGER] = fra_url


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
    _synk_fra_url(set(koder))
    sted = st.sidebar if i_sidepanel else st
    sted.selectbox("Kommune", list(koder), index=None, key=_VELGER, format_func=koder.__getitem__,
                   placeholder="Skriv navn eller nummer …", on_change=_til_url,
                   help="Valget gjelder alle sidene og står i lenken (?kommune=5014).")
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


def _skriv_url(navn: str, nokkel: str) -> None:
    # Runs as the widget's on_change, before the script, so the URL never lags the widget.
    st.query_params[navn] = str(st.session_state[nokkel])


def url_valg(etikett: str, navn: str, alternativer: dict[str, str], standard: str, sted=st) -> str:
    """A selectbox whose value lives in the URL as `?<navn>=<kode>`."""
    nokkel = f"_url_{navn}"
    # Set before every draw: another page may have drawn a widget with the same key, and a
    # widget new to this page would otherwise start from its first option.
    fra_url, gjeldende = st.query_params.get(navn), st.session_state.get(nokkel)
    st.session_state[nokkel] = (fra_url if fra_url in alternativer else
                                gjeldende if gjeldende in alternativer else standard)
    verdi = sted.selectbox(etikett, list(alternativer), key=nokkel, format_func=alternativer.__getitem__,
                           on_change=_skriv_url, args=(navn, nokkel))
    st.query_params[navn] = verdi
    return verdi


def url_heltall(etikett: str, navn: str, standard: int, minst: int, hoyst: int, steg: int = 1,
                sted=st, **kwargs) -> int:
    """A number input whose value lives in the URL as `?<navn>=<heltall>` once it is changed.

    A value out of range is clamped; one that is not a whole number is ignored.
    """
    nokkel = f"_url_{navn}"
    fra_url = st.query_params.get(navn, "").strip()
    if fra_url.lstrip("-").isdigit():
        st.session_state[nokkel] = min(max(int(fra_url), minst), hoyst)
    else:  # set before every draw, as in `url_valg`
        st.session_state[nokkel] = st.session_state.get(nokkel, standard)
    return int(sted.number_input(etikett, minst, hoyst, step=steg, key=nokkel, on_change=_skriv_url,
                                 args=(navn, nokkel), **kwargs))


def url_periode(etikett: str, forste: int, siste: int, standard: tuple[int, int], sted=st) -> tuple[int, int]:
    """A from-year and a to-year kept in the URL as `?fra=2007&til=2017`."""
    aar = {str(a): str(a) for a in range(forste, siste + 1)}
    venstre, hoyre = sted.columns(2)
    fra = int(url_valg(f"{etikett}: fra", "fra", aar, str(standard[0]), sted=venstre))
    til = int(url_valg(f"{etikett}: til", "til", aar, str(standard[1]), sted=hoyre))
    return (fra, til) if fra <= til else (til, fra)


_MARKDOWN_TEGN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~&:])")


def trygg_markdown(tekst) -> str:
    """Typed text shown as itself in Markdown: no links, images, formulas or headings (a
    participant's reason must not put a picture from the internet on the projector)."""
    return _MARKDOWN_TEGN.sub(r"\\\1", " ".join(str(tekst).split()))


def tegnforklaring(rader) -> None:
    """A map legend: (rgb, text) per class, as small colour squares in a line."""
    # Each square stays on the line of its label.
    ruter = "".join(
        f'<span style="white-space:nowrap;margin-right:.8em">'
        f'<span style="display:inline-block;width:1em;height:1em;background:rgb{tuple(farge)};'
        f'border:1px solid #888;margin-right:.3em;vertical-align:middle"></span>{tekst}</span> '
        for farge, tekst in rader)
    st.html(f'<div style="font-size:0.9em;line-height:1.8">{ruter}</div>')
