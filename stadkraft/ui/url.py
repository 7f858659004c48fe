"""Widgets whose value lives in the URL (`?<navn>=<verdi>`), and the period read from the URL."""
from __future__ import annotations

import streamlit as st

from stadkraft import lenker
from stadkraft.beregning import perioder


def les(navn: str, standard: str | None = None) -> str | None:
    """A URL parameter by its name in `lenker`, or by one of its old forms."""
    return lenker.les(st.query_params, navn, standard)


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
    fra = int(url_valg(f"{etikett}: fra", lenker.FRA, aar, str(standard[0]), sted=venstre))
    til = int(url_valg(f"{etikett}: til", lenker.TIL, aar, str(standard[1]), sted=hoyre))
    return (fra, til) if fra <= til else (til, fra)



def periode_fra_url(forste: int, siste: int, standard: tuple[int, int] | None = None) -> tuple[int, int, str | None]:
    """The period a link asks for, as (fra, til, message), written back to the URL when corrected.

    With `standard`, the period is read as the growth page does (`perioder.tolk_periode`: out of range
    clamped, unreadable replaced by the default); without, only a reversed pair is put in order
    (`perioder.omvendt_periode`) and the default is the widgets' own. The message (None when nothing
    was corrected) is for the page to show.
    """
    fra, til = st.query_params.get(lenker.FRA), st.query_params.get(lenker.TIL)
    if standard is not None:
        f, t, melding = perioder.tolk_periode(fra, til, forste, siste, standard)
        if melding:
            st.query_params.update({lenker.FRA: str(f), lenker.TIL: str(t)})
        return f, t, melding
    snudd = perioder.omvendt_periode(fra, til)
    if snudd:
        st.query_params.update({lenker.FRA: str(snudd[0]), lenker.TIL: str(snudd[1])})
        return snudd
    return None, None, None
