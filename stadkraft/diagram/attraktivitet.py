"""Chart builders for the attractiveness page: the matrix, the trail over rolling periods, the annual values
with their uncertainty, and the waterfalls of the decomposition. Pure functions that return Altair charts
(skeletons cached, see `stil.skjelett`), each with its alt text written from the same data.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from stadkraft import format as fmt
from stadkraft.attraktivitet import periode as ap

from .stil import ANDRE_FARGER, GRAA, GRUPPEFARGER, NOYTRAL, VALGT_FARGE, fyll, skjelett

X_TITTEL = "Næringsattraktivitet (% av private arbeidsplasser per år, over forventet)"
Y_TITTEL = "Bostedsattraktivitet (% av folketallet per år, over forventet)"
MAAL_NAVN = {"naering": "Næringsattraktivitet", "bosted": "Bostedsattraktivitet", "samlet": "Samlet attraktivitet"}
# The four quadrants in plain words: (x side, y side) -> text.
KVADRANTER = {
    (1, 1): "Flere jobber og mer innflytting enn forventet",
    (-1, 1): "Færre jobber, men mer innflytting enn forventet",
    (1, -1): "Flere jobber, men mindre innflytting enn forventet",
    (-1, -1): "Færre jobber og mindre innflytting enn forventet",
}
KLASSEFARGER = {ap.POSITIV: "#1a9850", ap.MIDDELS: "#8c8c8c", ap.NEGATIV: "#d73027"}
AARSFARGE = "#1f6fb4"
REGIONFARGE = GRUPPEFARGER["region"]  # a region's members (the region's colour on the growth page)
REGIONPUNKT = "#1b1b1b"                # the region's own point (white edge: seen on dark too)


def _storrelser(stor: bool) -> dict:
    """Type and marks for the screen or, with `stor`, for a projector at the back of a room."""
    return ({"font": 20, "etikett": 22, "akse": 18, "tittel": 20, "punkt": 60, "valgt": 420, "hoyde": 640,
             "kvadrant": 20}
            if stor else
            {"font": 12, "etikett": 13, "akse": 11, "tittel": 12, "punkt": 25, "valgt": 160, "hoyde": 520,
             "kvadrant": 13})


def _akser(s: dict):
    return (alt.Axis(format=",.1f", labelFontSize=s["akse"], titleFontSize=s["tittel"], grid=False),
            alt.Axis(format=",.1f", labelFontSize=s["akse"], titleFontSize=s["tittel"], grid=False))


# --- The matrix -----------------------------------------------------------------------------------

def matrisedata(periode: pd.DataFrame, valgt: str | None, andre: list[str] | tuple = (),
                region: pd.Series | None = None, medlemmer: list[str] | tuple = ()) -> pd.DataFrame:
    """Points (one per municipality with both figures) and the four quadrant labels, in one frame.

    `rolle` is valgt (the selected municipality), lagt_til (added by the user), medlem (a member of the
    selected region), region (the region's own point, from `attraktivitet.region.regionperiode`), annen;
    only the labelled roles carry an `etikett`, so the chart never piles up labels. The quadrant names
    are rows of their own.
    """
    d = periode[periode["naering"].notna() & periode["bosted"].notna()]
    rolle = np.select([d["kommunenummer"] == valgt, d["kommunenummer"].isin(list(medlemmer)),
                       d["kommunenummer"].isin(list(andre))], ["valgt", "medlem", "lagt_til"], "annen")
    punkter = pd.DataFrame({
        "type": "punkt", "kommunenummer": d["kommunenummer"], "navn": d["navn"], "x": d["naering"],
        "y": d["bosted"], "samlet": d["samlet"], "klasse": d["klasse"].fillna("–"), "rolle": rolle,
        "etikett": np.where(rolle != "annen", d["navn"], ""), "folkemengde": d["folkemengde"],
        "orden": np.select([rolle == "valgt", rolle == "medlem", rolle == "lagt_til"], [2, 1, 1], 0)})
    if region is not None and pd.notna(region["naering"]) and pd.notna(region["bosted"]):
        punkter = pd.concat([punkter, pd.DataFrame([{
            "type": "punkt", "kommunenummer": region["kommunenummer"], "navn": region["navn"],
            "x": region["naering"], "y": region["bosted"], "samlet": region["samlet"],
            "klasse": region["klasse"] or "–", "rolle": "region", "etikett": region["navn"],
            "folkemengde": region["folkemengde"], "orden": 3}])], ignore_index=True)
    punkter = punkter.sort_values("orden", kind="stable")
    if punkter.empty:
        return punkter.assign(kvadrant=pd.Series(dtype=object))
    etiketter = pd.DataFrame([{"type": f"kvadrant_{'h' if sx > 0 else 'v'}{'o' if sy > 0 else 'n'}",
                               "etikett": _to_linjer(tekst)} for (sx, sy), tekst in KVADRANTER.items()])
    return pd.concat([punkter, etiketter], ignore_index=True)


def _to_linjer(tekst: str) -> str:
    """«Flere jobber og mer innflytting enn forventet» -> two lines at «og» or «, men» (the corners are narrow)."""
    for skille in (", men ", " og "):
        if skille in tekst:
            a, b = tekst.split(skille, 1)
            return f"{a}{skille.rstrip()}\n{b}"
    return tekst


@skjelett
def _matrise_skjelett(stor: bool):
    s = _storrelser(stor)
    xa, ya = _akser(s)
    # Padding keeps the outermost points (and their names) clear of the corner labels.
    x = alt.X("x:Q", title=X_TITTEL, axis=xa, scale=alt.Scale(nice=True, zero=True, padding=s["kvadrant"] * 2))
    y = alt.Y("y:Q", title=Y_TITTEL, axis=ya, scale=alt.Scale(nice=True, zero=True, padding=s["kvadrant"] * 3))
    tooltip = [alt.Tooltip("navn:N", title="Kommune"),
               alt.Tooltip("x:Q", title="Næringsattraktivitet, %", format=",.2f"),
               alt.Tooltip("y:Q", title="Bostedsattraktivitet, %", format=",.2f"),
               alt.Tooltip("samlet:Q", title="Samlet attraktivitet, %", format=",.2f"),
               alt.Tooltip("klasse:N", title="Klasse"),
               alt.Tooltip("folkemengde:Q", title="Folketall ved start", format=",.0f")]
    punkt = alt.Chart().transform_filter("datum.type == 'punkt'")
    null_x = alt.Chart().mark_rule(color=NOYTRAL, strokeWidth=1.5).encode(x=alt.datum(0))
    null_y = alt.Chart().mark_rule(color=NOYTRAL, strokeWidth=1.5).encode(y=alt.datum(0))
    andre = punkt.transform_filter("datum.rolle == 'annen'").mark_circle(
        size=s["punkt"], color=GRAA, opacity=0.35).encode(x=x, y=y, tooltip=tooltip)
    lagt_til = punkt.transform_filter("datum.rolle == 'lagt_til'").mark_circle(
        size=s["valgt"] * 0.7, color=ANDRE_FARGER[0], opacity=0.95, stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip)
    valgt = punkt.transform_filter("datum.rolle == 'valgt'").mark_circle(
        size=s["valgt"], color=VALGT_FARGE, opacity=1, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y, tooltip=tooltip)
    medlem = punkt.transform_filter("datum.rolle == 'medlem'").mark_circle(
        size=s["valgt"] * 0.7, color=REGIONFARGE, opacity=0.95, stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip)
    # The region: a dark diamond (its members are green dots), so a member's name across it stays readable.
    region = punkt.transform_filter("datum.rolle == 'region'").mark_point(
        shape="diamond", filled=True, size=s["valgt"] * 2.2, color=REGIONPUNKT, opacity=0.9, stroke="white",
        strokeWidth=1.5).encode(x=x, y=y, tooltip=tooltip)
    merket = punkt.transform_filter("datum.rolle != 'annen' && datum.rolle != 'region'")
    navn = merket.mark_text(align="left", dx=9, dy=-9, fontSize=s["etikett"], fontWeight="bold").encode(
        x=x, y=y, text="etikett:N",
        color=alt.Color("rolle:N", legend=None, scale=alt.Scale(domain=["valgt", "lagt_til", "medlem"],
                                                                range=[VALGT_FARGE, ANDRE_FARGER[0], REGIONFARGE])))
    # The region's name below its diamond, larger, so it never sits on top of a member's name.
    regionnavn = punkt.transform_filter("datum.rolle == 'region'").mark_text(
        align="center", baseline="top", dy=14, fontSize=s["etikett"] + 3, fontWeight="bold", color=NOYTRAL).encode(
        x=x, y=y, text="etikett:N")
    lag = [null_x, null_y, andre, lagt_til, medlem, valgt, region, navn, regionnavn]
    # The quadrant names sit in the plot's corners (pixels), away from the data's own extremes.
    hoyre = alt.value({"expr": "width - 6"})
    bunn = alt.value({"expr": f"height - 6 - {round(s['kvadrant'] * 2.4)}"})  # two lines, top-aligned
    for kode, align, baseline, px, py in (("ho", "right", "top", hoyre, alt.value(6)),
                                          ("vo", "left", "top", alt.value(6), alt.value(6)),
                                          ("hn", "right", "top", hoyre, bunn),
                                          ("vn", "left", "top", alt.value(6), bunn)):
        lag.append(alt.Chart().transform_filter(f"datum.type == 'kvadrant_{kode}'").mark_text(
            align=align, baseline=baseline, fontSize=s["kvadrant"], fontStyle="italic", color=NOYTRAL,
            lineBreak="\n").encode(x=px, y=py, text="etikett:N"))
    return alt.layer(*lag).properties(height=s["hoyde"], width=s["hoyde"] * 1.6)  # the width for PNG/SVG


def matrisediagram(data: pd.DataFrame, tittel: str, beskrivelse: str, stor: bool = False) -> alt.LayerChart:
    """The attractiveness matrix from `matrisedata()`: business across, residential up, zero lines,
    the quadrants named, the selected municipality and the added ones labelled, others faint."""
    return fyll(_matrise_skjelett(bool(stor)), data, tittel, beskrivelse)


def beskrivelse_matrise(data: pd.DataFrame, fra: int, til: int) -> str:
    """Alt text: how many municipalities in each quadrant, where the labelled ones are, and the region's point."""
    alle = data[data["type"] == "punkt"]
    p = alle[alle["rolle"] != "region"]
    if p.empty:
        return f"Spredningsdiagram for {fra}–{til}: ingen kommuner med tall i utvalget."
    antall = {k: int(((np.sign(p["x"]) == k[0]) & (np.sign(p["y"]) == k[1])).sum()) for k in KVADRANTER}
    deler = [f"{tekst.lower()}: {antall[k]}" for k, tekst in KVADRANTER.items()]
    merket = [f"{r.navn} ({fmt.tall(r.x, 2)}; {fmt.tall(r.y, 2)})" for r in p[p["rolle"] != "annen"].itertuples()]
    region = [f" Regionen {r.navn} (rombe): næring {fmt.tall(r.x, 2)}, bosted {fmt.tall(r.y, 2)} % per år."
              for r in alle[alle["rolle"] == "region"].itertuples()]
    return (f"Spredningsdiagram {fra}–{til}: næringsattraktivitet langs x-aksen, bostedsattraktivitet langs y-aksen, "
            f"{len(p)} kommuner. {'; '.join(deler).capitalize()}."
            + "".join(region)
            + (f" Merket (næring; bosted, % per år): {', '.join(merket)}." if merket else ""))


# --- Luck or trend: the trail over rolling periods -------------------------------------------------

@skjelett
def _spor_skjelett(stor: bool):
    s = _storrelser(stor)
    xa, ya = _akser(s)
    x = alt.X("naering:Q", title=X_TITTEL, axis=xa, scale=alt.Scale(nice=True, zero=True))
    y = alt.Y("bosted:Q", title=Y_TITTEL, axis=ya, scale=alt.Scale(nice=True, zero=True))
    tooltip = [alt.Tooltip("periode:N", title="Periode"),
               alt.Tooltip("naering:Q", title="Næringsattraktivitet, %", format=",.2f"),
               alt.Tooltip("bosted:Q", title="Bostedsattraktivitet, %", format=",.2f"),
               alt.Tooltip("samlet:Q", title="Samlet attraktivitet, %", format=",.2f")]
    null_x = alt.Chart().mark_rule(color=NOYTRAL).encode(x=alt.datum(0))
    null_y = alt.Chart().mark_rule(color=NOYTRAL).encode(y=alt.datum(0))
    linje = alt.Chart().mark_line(color=VALGT_FARGE, strokeWidth=2, opacity=0.6).encode(
        x=x, y=y, order="til:Q")
    punkter = alt.Chart().mark_circle(color=VALGT_FARGE, size=s["punkt"] * 3).encode(
        x=x, y=y, opacity=alt.Opacity("til:Q", legend=None, scale=alt.Scale(range=[0.3, 1])), tooltip=tooltip)
    navn = alt.Chart().transform_filter("datum.ende").mark_text(
        align="left", dx=8, dy=-8, fontSize=s["etikett"], color=VALGT_FARGE).encode(x=x, y=y, text="periode:N")
    return alt.layer(null_x, null_y, linje, punkter, navn).properties(height=s["hoyde"] * 0.7)


def spordiagram(spor: pd.DataFrame, tittel: str, beskrivelse: str, stor: bool = False) -> alt.LayerChart:
    """The municipality's path through the matrix over rolling 3-year periods (`periode.rullerende`);
    the first and last period are labelled, later periods darker."""
    data = spor.assign(ende=[i in (0, len(spor) - 1) for i in range(len(spor))])
    return fyll(_spor_skjelett(bool(stor)), data, tittel, beskrivelse)


def beskrivelse_spor(spor: pd.DataFrame, navn: str) -> str:
    if spor.empty:
        return f"{navn} har ingen hele treårsperioder med tall."
    f, s = spor.iloc[0], spor.iloc[-1]
    oppe = int(((spor["naering"] > 0) & (spor["bosted"] > 0)).sum())
    return (f"Spor for {navn} over {len(spor)} rullerende treårsperioder, fra {f.periode} "
            f"(næring {fmt.tall(f.naering, 2)}, bosted {fmt.tall(f.bosted, 2)}) til {s.periode} "
            f"(næring {fmt.tall(s.naering, 2)}, bosted {fmt.tall(s.bosted, 2)}); {oppe} av dem øverst til høyre.")


# --- The annual values with their uncertainty ------------------------------------------------------

def aarsdata(aarlig: pd.DataFrame, kommune: str, maal: str, fra: int, til: int,
             snitt: float, se: float) -> pd.DataFrame:
    """The municipality's annual values of `maal` for the period, with the period mean and the band
    mean +- 2 standard errors (about 95 %)."""
    d = aarlig[(aarlig["kommunenummer"] == kommune) & (aarlig["aar"] >= fra) & (aarlig["aar"] < til)]
    return pd.DataFrame({"aar": d["aar"].astype(int), "verdi": d[maal], "snitt": snitt,
                         "nedre": snitt - 2 * se, "ovre": snitt + 2 * se})


@skjelett
def _aars_skjelett(maalnavn: str):
    x = alt.X("aar:O", title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("verdi:Q", title=f"{maalnavn}, % per år", axis=alt.Axis(format=",.1f"))
    tooltip = [alt.Tooltip("aar:O", title="År"), alt.Tooltip("verdi:Q", title=maalnavn, format=",.2f")]
    band = alt.Chart().mark_rect(color="#f4a582", opacity=0.35).encode(
        y=alt.Y("min(nedre):Q", title=f"{maalnavn}, % per år"), y2="max(ovre):Q")
    snitt = alt.Chart().mark_rule(color=VALGT_FARGE, strokeWidth=2.5).encode(y="mean(snitt):Q")
    null = alt.Chart().mark_rule(color=NOYTRAL).encode(y=alt.datum(0))
    stolper = alt.Chart().mark_bar(color=AARSFARGE, opacity=0.85).encode(x=x, y=y, tooltip=tooltip)
    return alt.layer(band, null, stolper, snitt).properties(height=300)


def aarsdiagram(data: pd.DataFrame, maal: str, tittel: str, beskrivelse: str) -> alt.LayerChart:
    """Bars for the annual values, the period mean as a red line, the band of +-2 standard errors."""
    return fyll(_aars_skjelett(MAAL_NAVN[maal]), data, tittel, beskrivelse)


def beskrivelse_aar(data: pd.DataFrame, maal: str, navn: str, snitt: float, se: float) -> str:
    if data.empty:
        return f"{navn} har ingen årlige verdier i perioden."
    v = data.dropna(subset=["verdi"])
    positive = int((v["verdi"] > 0).sum())
    return (f"Søylediagram: {MAAL_NAVN[maal].lower()} for {navn} hvert år {int(v['aar'].min())}–{int(v['aar'].max())}, "
            f"{positive} av {len(v)} år over 0. Snittet er {fmt.prosent(snitt, 2, fortegn=True)} per år "
            f"(rød linje); båndet viser snittet ± 2 standardfeil ({fmt.tall(snitt - 2 * se, 2)} til "
            f"{fmt.tall(snitt + 2 * se, 2)}).")


# --- Why: waterfalls --------------------------------------------------------------------------------

def fossefall(deler: list[tuple[str, float]], sum_navn: str) -> pd.DataFrame:
    """Steps of a waterfall: each part from where the last ended, then the sum as a bar from 0.

    Columns rekkefolge, del, verdi, start, slutt, sum (the bar is the total), retning (opp, ned, sum).
    """
    rader, nivaa = [], 0.0
    for i, (navn, verdi) in enumerate(deler):
        v = 0.0 if verdi is None or pd.isna(verdi) else float(verdi)
        rader.append({"rekkefolge": i, "del": navn, "verdi": v, "start": nivaa, "slutt": nivaa + v, "sum": False,
                      "retning": "opp" if v >= 0 else "ned"})
        nivaa += v
    rader.append({"rekkefolge": len(deler), "del": sum_navn, "verdi": nivaa, "start": 0.0, "slutt": nivaa,
                  "sum": True, "retning": "sum"})
    return pd.DataFrame(rader)


@skjelett
def _fossefall_skjelett(enhet: str):
    x = alt.X("del:N", title=None, sort=alt.EncodingSortField("rekkefolge"),
              axis=alt.Axis(labelAngle=-35, labelAlign="right", labelLimit=260, labelOverlap=False))
    y = alt.Y("start:Q", title=enhet, axis=alt.Axis(format=",.0f"))
    farge = alt.Color("retning:N", legend=None,
                      scale=alt.Scale(domain=["opp", "ned", "sum"], range=["#4575b4", "#e08214", "#6b6b6b"]))
    tooltip = [alt.Tooltip("del:N", title="Del"), alt.Tooltip("verdi:Q", title=enhet, format=",.0f")]
    stolper = alt.Chart().mark_bar().encode(x=x, y=y, y2="slutt:Q", color=farge, tooltip=tooltip)
    tekst = alt.Chart().mark_text(dy=-8, fontSize=12, color=NOYTRAL).encode(
        x=x, y=alt.Y("topp:Q"), text=alt.Text("verdi:Q", format="+,.0f")).transform_calculate(
        topp="max(datum.start, datum.slutt)")
    null = alt.Chart().mark_rule(color=NOYTRAL).encode(y=alt.datum(0))
    return alt.layer(null, stolper, tekst).properties(height=380)


def fossefallsdiagram(data: pd.DataFrame, enhet: str, tittel: str, beskrivelse: str) -> alt.LayerChart:
    """The waterfall from `fossefall()`: rising parts blue, falling orange, the sum dark."""
    return fyll(_fossefall_skjelett(enhet), data, tittel, beskrivelse)


def beskrivelse_fossefall(data: pd.DataFrame, hva: str) -> str:
    deler = "; ".join(f"{r.del_} {fmt.tall(r.verdi, fortegn=True)}" for r in
                      data[~data["sum"]].rename(columns={"del": "del_"}).itertuples())
    total = data[data["sum"]].iloc[0]
    return f"Fossefallsdiagram: {hva}. {deler}; til sammen {fmt.tall(total.verdi, fortegn=True)}."
