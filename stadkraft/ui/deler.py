"""Reusable page parts: downloads (CSV, PNG, SVG), the missing-data notice, metric arrows, the map legend,
and typed text made safe for Markdown."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from stadkraft import eksport, tekster


def nedlasting(diagram, data, oppsett: dict, filnavn: str, nokkel: str, enhet: str | None = None,
               kilde: str | None = None) -> None:
    """CSV of the chart's data (`eksport.csv_bytes(data, **oppsett)`), and the chart as PNG and SVG
    with the unit and the source drawn in (a file travels without the page), each made only when
    clicked; the files are `<filnavn>.csv` and so on."""
    a, b, c = st.columns(3)
    a.download_button("CSV", lambda: eksport.csv_bytes(data, **oppsett), f"{filnavn}.csv", "text/csv",
                      key=f"csv_{nokkel}", on_click="ignore", icon=":material/download:")
    b.download_button("PNG", lambda: eksport.diagram_png(diagram, enhet=enhet, kilde=kilde), f"{filnavn}.png", "image/png",
                      key=f"png_{nokkel}", on_click="ignore", icon=":material/image:")
    c.download_button("SVG", lambda: eksport.diagram_svg(diagram, enhet=enhet, kilde=kilde), f"{filnavn}.svg", "image/svg+xml",
                      key=f"svg_{nokkel}", on_click="ignore", icon=":material/image:")


class Mangler:
    """A page's missing-data boxes in plain words (`tekster.mangeltekst`): in full the first time, a pointer
    after that; the build commands once per page, folded away. `sagt` holds what has been said."""

    def __init__(self) -> None:
        self.sagt: set[str] = set()

    def __call__(self, hva: str, tekst: str | None = None, **fyll) -> None:
        st.info(tekst or tekster.mangeltekst(hva, hva in self.sagt, **fyll), icon=":material/database:")
        if not self.sagt:
            with st.expander(tekster.DRIFT_TITTEL):
                st.markdown(tekster.DRIFT)
        self.sagt.add(hva)


def delta_stil(verdi, desimaler: int = 1) -> dict[str, str]:
    """`st.metric` arrow and colour from the number itself, for `**` into the call.

    Streamlit reads the direction from the delta text and knows only an ASCII '-', so a delta
    written with a real minus (U+2212) would get a green up arrow. A missing figure or one
    that shows as zero gets no arrow.
    """
    if verdi is None or pd.isna(verdi) or round(float(verdi), desimaler) == 0:
        return {"delta_arrow": "off", "delta_color": "gray"}
    if verdi < 0:
        return {"delta_arrow": "down", "delta_color": "red"}
    return {"delta_arrow": "up", "delta_color": "green"}


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


# On the wall a chart drawn for a laptop reads as a line: at 1 920 px wide, 340 px high is 5:1.
PRESENTASJON_HOYDE = 1.6


def diagram(spek) -> None:
    """A statistics chart at the page's width; in presentation mode `PRESENTASJON_HOYDE` times
    as high (a chart whose height follows its rows keeps it)."""
    from .ramme import presentasjonsmodus   # ramme imports this module

    hoyde = getattr(spek, "height", None)
    if presentasjonsmodus() and isinstance(hoyde, int):
        st.altair_chart(spek, width="stretch", height=int(hoyde * PRESENTASJON_HOYDE))
    else:
        st.altair_chart(spek, width="stretch")
