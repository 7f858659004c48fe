"""Chart builders for a region: each member's contribution to the region's growth. Pure; each chart has
its alt text (`beskrivelse_*`) written from the same data."""
from __future__ import annotations

import altair as alt
import pandas as pd

from stadkraft import format as fmt

from .stil import GRAA, fyll, skjelett

VEKST_FARGE, NEDGANG_FARGE = "#8073ac", "#b35806"  # PuOr, as the growth maps; apart in greyscale, seen on dark


@skjelett
def _bidrag_skjelett():
    y = alt.Y("navn:N", sort=alt.EncodingSortField("bidrag", order="descending"), title=None,
              axis=alt.Axis(labelLimit=220))
    x = alt.X("bidrag:Q", title="Bidrag til regionens vekst (prosentpoeng)", axis=alt.Axis(format=",.1f"))
    tooltip = [alt.Tooltip("navn:N", title="Kommune"), alt.Tooltip("endring:Q", title="Endring", format=",.0f"),
               alt.Tooltip("prosent:Q", title="Egen vekst %", format=",.1f"),
               alt.Tooltip("bidrag:Q", title="Bidrag, prosentpoeng", format=",.2f")]
    stolper = alt.Chart().mark_bar().encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.condition("datum.bidrag >= 0", alt.value(VEKST_FARGE), alt.value(NEDGANG_FARGE)))
    null = alt.Chart().mark_rule(color=GRAA).encode(x=alt.datum(0))
    return alt.layer(stolper, null).properties(height=alt.Step(22))


def bidragsdiagram(bidrag: pd.DataFrame, tittel: str, beskrivelse: str) -> alt.LayerChart:
    """Bars of `beregning.region.bidrag` rows (members without a figure are left out)."""
    data = bidrag.loc[bidrag["bidrag"].notna(), ["kode", "navn", "endring", "prosent", "bidrag"]]
    return fyll(_bidrag_skjelett(), data, tittel, beskrivelse)


def beskrivelse_bidrag(bidrag: pd.DataFrame, regionnavn: str, prosent: float, fra: int, til: int) -> str:
    """Alt text: the region's growth and who added and who drew down the most."""
    tekst = (f"Stolpediagram: hver kommunes bidrag til befolkningsveksten i {regionnavn} {fra}–{til} "
             f"({fmt.prosent(prosent, fortegn=True)}), i prosentpoeng; bidragene summerer seg til regionens vekst.")
    gyldig = bidrag[bidrag["bidrag"].notna()]
    if len(gyldig):
        topp, bunn = gyldig.iloc[0], gyldig.iloc[-1]
        tekst += f" Størst bidrag: {topp.navn} ({fmt.tall(topp.bidrag, 2, fortegn=True)})."
        if len(gyldig) > 1:
            tekst += f" Minst: {bunn.navn} ({fmt.tall(bunn.bidrag, 2, fortegn=True)})."
    if (mangler := bidrag[bidrag["bidrag"].isna()]).shape[0]:
        tekst += f" Mangler tall: {', '.join(mangler['navn'])}."
    return tekst


def _d3_vikling(geometri: dict) -> dict:
    """Rings reversed: GeoJSON's exterior rings run anticlockwise, d3-geo (Vega) reads clockwise as the
    inside, and would otherwise fill the whole globe but the municipality."""
    if geometri["type"] == "Polygon":
        return {**geometri, "coordinates": [r[::-1] for r in geometri["coordinates"]]}
    if geometri["type"] == "MultiPolygon":
        return {**geometri, "coordinates": [[r[::-1] for r in p] for p in geometri["coordinates"]]}
    return geometri


def _geojson(grenser: pd.DataFrame, medlemmer) -> dict:
    import json
    sett = set(medlemmer)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": _d3_vikling(json.loads(g)),
         "properties": {"navn": n, "medlem": k in sett}}
        for k, n, g in zip(grenser["kommunenummer"], grenser["navn"], grenser["geometri"])]}


def oversiktskart(grenser: pd.DataFrame, medlemmer, tittel: str, beskrivelse: str) -> alt.LayerChart:
    """A vector map (Vega-Lite geoshape, no tiles) of `grenser` (queries/kommunegrenser.sql rows) with the
    members dark and the rest light: readable in black and white."""
    data = alt.InlineData(values=_geojson(grenser, medlemmer), format=alt.DataFormat(property="features", type="json"))
    flater = alt.Chart(data).mark_geoshape(stroke="white", strokeWidth=0.6).encode(
        color=alt.condition("datum.properties.medlem", alt.value("#3a3a3a"), alt.value("#d9d9d9")),
        tooltip=alt.Tooltip("properties.navn:N", title="Kommune"))
    return (alt.layer(flater).project("mercator").properties(width=460, height=520, title=tittel,
                                                                 description=beskrivelse)
            .configure_view(stroke=None).configure(locale={"number": {"decimal": ",", "thousands": "\u00a0",
                                                                       "grouping": [3], "currency": ["", ""]}}))


def beskrivelse_kart(navn: str, grenser: pd.DataFrame, medlemmer) -> str:
    sett = set(medlemmer)
    inne = [n for k, n in zip(grenser["kommunenummer"], grenser["navn"]) if k in sett]
    return (f"Kart over {len(grenser)} kommuner i fylket; {navn} er mørk"
            + (f" ({', '.join(inne)})." if len(inne) > 1 else "."))
