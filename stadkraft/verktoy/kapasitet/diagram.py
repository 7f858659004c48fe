"""The capacity diamond as a radar chart: rings 1-5, five spokes, one closed line per profile,
the spread per component as a band; and its alt text. Pure functions returning Altair charts,
tested through `to_dict()`."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import altair as alt
import pandas as pd

from stadkraft.diagram.stil import NOYTRAL
from stadkraft.format import tall

from .modell import KOMPONENT, KOMPONENTER, NOKLER, talltekst


# --- The diamond (radar chart) ----------------------------------------------------------------------

R_MAKS = 5
GRENSE_X = 8.6            # half the plot's width in score units (room for the labels)
GRENSE_Y = (-5.6, 6.8)    # bottom and top in score units (the diamond is not symmetric)


def vinkel(indeks: int, antall: int = len(KOMPONENTER)) -> float:
    """Angle in degrees of component `indeks` (0-based): the first straight up, then clockwise."""
    return 90.0 - indeks * 360.0 / antall


def punkt(indeks: int, radius: float, antall: int = len(KOMPONENTER)) -> tuple[float, float]:
    a = math.radians(vinkel(indeks, antall))
    x, y = radius * math.cos(a), radius * math.sin(a)
    return (0.0 if abs(x) < 1e-12 else x, 0.0 if abs(y) < 1e-12 else y)


@dataclass(frozen=True)
class Serie:
    """One profile on the diamond: a name for the legend, a score per component, a style.

    `stil`: "median" (the group's median now), "konsensus" (an agreed score now) or "tidligere"
    (an earlier session's agreed score, drawn dashed).
    """

    navn: str
    verdier: Mapping[str, float]
    stil: str = "konsensus"


# Both 3.3:1 or more on white and on the dark theme (#0f1419): the lines read in both.
FARGER = {"median": "#2f72b8", "konsensus": "#c62828"}
FARGER_TIDLIGERE = ["#6b6b6b", "#a66f00", "#3d7a3d", "#7b4fa0", "#00838f"]


def _x(felt: str = "x") -> alt.X:
    return alt.X(f"{felt}:Q", scale=alt.Scale(domain=[-GRENSE_X, GRENSE_X], nice=False, zero=False),
                 axis=None, title=None)


def _y(felt: str = "y") -> alt.Y:
    return alt.Y(f"{felt}:Q", scale=alt.Scale(domain=list(GRENSE_Y), nice=False, zero=False),
                 axis=None, title=None)


def serie_data(serier: Sequence[Serie]) -> pd.DataFrame:
    """The points of every profile, each closed (the first component repeated at the end)."""
    rader = []
    for s in serier:
        punkter = [(i, k) for i, k in enumerate(KOMPONENTER) if s.verdier.get(k.nokkel) is not None
                         and not (isinstance(s.verdier[k.nokkel], float) and math.isnan(s.verdier[k.nokkel]))]
        for orden, (i, k) in enumerate(punkter + punkter[:1]):
            v = float(s.verdier[k.nokkel])
            x, y = punkt(i, v)
            rader.append({"serie": s.navn, "stil": s.stil, "orden": orden, "komponent": k.navn,
                          "verdi": v, "verdi_tekst": talltekst(v), "x": x, "y": y})
    return pd.DataFrame(rader, columns=["serie", "stil", "orden", "komponent", "verdi",
                                        "verdi_tekst", "x", "y"])


def diamant(
    serier: Sequence[Serie],
    spredning: Mapping[str, tuple[float, float]] | None = None,
    storrelse: int = 420,
    tittel: str | None = None,
) -> alt.LayerChart:
    """The capacity diamond: rings 1-5 as pentagons, five spokes, component 1 at the top and
    the rest clockwise, one closed line per profile, and (optionally) the spread per component
    as a thick band along its spoke from lowest to highest score."""
    n = len(KOMPONENTER)
    skala = storrelse / 420  # type and marks grow with the chart (a projector needs 640-720 px)
    ringer = pd.DataFrame([
        {"ring": r, "orden": o, "x": punkt(o % n, r)[0], "y": punkt(o % n, r)[1]}
        for r in range(1, R_MAKS + 1) for o in range(n + 1)
    ])
    eiker = pd.DataFrame([
        {"komponent": k.navn, "x": 0.0, "y": 0.0, "x2": punkt(i, R_MAKS)[0], "y2": punkt(i, R_MAKS)[1]}
        for i, k in enumerate(KOMPONENTER)
    ])
    # Ring numbers sit on the middle of each ring's edge between the last and the first spoke.
    midt = math.radians(90.0 + 180.0 / n)
    kant = math.cos(math.pi / n)
    ringtall = pd.DataFrame([{"tekst": str(r), "x": r * kant * math.cos(midt) - 0.15,
                             "y": r * kant * math.sin(midt) + 0.15} for r in range(1, R_MAKS + 1)])
    etiketter = []
    for i, k in enumerate(KOMPONENTER):
        x, y = punkt(i, R_MAKS + 0.55)
        juster = "center" if abs(x) < 0.5 else ("left" if x > 0 else "right")
        etiketter.append({"komponent": k.navn, "tekst": k.etikett, "x": x,
                          "y": y + (0.45 if i == 0 else 0.0), "juster": juster})
    etiketter = pd.DataFrame(etiketter)

    lag: list[alt.Chart] = [
        alt.Chart(ringer, name="ringer").mark_line(color="#c8c8c8", strokeWidth=1).encode(
            x=_x(), y=_y(), detail="ring:N", order="orden:Q"),
        alt.Chart(eiker, name="eiker").mark_rule(color="#c8c8c8", strokeWidth=1).encode(
            x=_x(), y=_y(), x2="x2:Q", y2="y2:Q"),
        alt.Chart(ringtall, name="ringtall").mark_text(align="right", baseline="middle", fontSize=round(11 * skala),
                                                    color=NOYTRAL).encode(x=_x(), y=_y(), text="tekst:N"),
    ]
    for juster in ("center", "left", "right"):
        del_ = etiketter[etiketter["juster"] == juster]
        if not del_.empty:
            lag.append(alt.Chart(del_, name=f"etiketter_{juster}").mark_text(
                align=juster, baseline="middle", fontSize=round(13 * skala), fontWeight="bold", lineBreak="\n",
                color=NOYTRAL).encode(x=_x(), y=_y(), text="tekst:N"))  # reads on light and dark

    if spredning:
        band = []
        for i, k in enumerate(KOMPONENTER):
            if k.nokkel in spredning and spredning[k.nokkel] is not None:
                lo, hi = (float(v) for v in spredning[k.nokkel])
                if math.isnan(lo) or math.isnan(hi):
                    continue
                (x, y), (x2, y2) = punkt(i, lo), punkt(i, hi)
                band.append({"komponent": k.navn, "laveste": talltekst(lo), "hoyeste": talltekst(hi),
                             "x": x, "y": y, "x2": x2, "y2": y2})
        if band:
            lag.append(alt.Chart(pd.DataFrame(band), name="spredning").mark_rule(
                color=FARGER["median"], opacity=0.3, strokeWidth=round(14 * skala), strokeCap="round").encode(
                x=_x(), y=_y(), x2="x2:Q", y2="y2:Q",
                tooltip=[alt.Tooltip("komponent:N", title="Komponent"),
                         alt.Tooltip("laveste:N", title="Laveste"),
                         alt.Tooltip("hoyeste:N", title="Høyeste")]))

    data = serie_data(serier)
    if not data.empty:
        navn = list(dict.fromkeys(s.navn for s in serier))
        tidligere = iter(FARGER_TIDLIGERE * 4)
        farger = [FARGER.get(s.stil) or next(tidligere) for s in {s.navn: s for s in serier}.values()]
        farge = alt.Color("serie:N", scale=alt.Scale(domain=navn, range=farger),
                          legend=alt.Legend(title=None, orient="bottom", labelFontSize=round(13 * skala),
                                            symbolSize=round(100 * skala ** 2), symbolStrokeWidth=3,
                                            columns=3, labelLimit=round(260 * skala)))
        strek = alt.StrokeDash("stil:N", scale=alt.Scale(domain=["median", "konsensus", "tidligere"],
                                                         range=[[1, 0], [1, 0], [6, 4]]), legend=None)
        tips = [alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("komponent:N", title="Komponent"),
                alt.Tooltip("verdi_tekst:N", title="Karakter")]
        lag.append(alt.Chart(data, name="serie").mark_line(strokeWidth=round(3 * skala)).encode(
            x=_x(), y=_y(), color=farge, strokeDash=strek, detail="serie:N", order="orden:Q"))
        lag.append(alt.Chart(data[data["orden"] < len(KOMPONENTER)], name="seriepunkt").mark_point(
            filled=True, size=round(70 * skala ** 2), opacity=1).encode(x=_x(), y=_y(), color=farge, tooltip=tips))

    hoyde = round(storrelse * (GRENSE_Y[1] - GRENSE_Y[0]) / (2 * GRENSE_X))  # equal x and y scale
    diagram = alt.layer(*lag).properties(
        width=storrelse, height=hoyde, view=alt.ViewBackground(stroke=None))
    if tittel:
        diagram = diagram.properties(title=alt.TitleParams(tittel, fontSize=16, anchor="middle"))
    return diagram


def serier(
    oppsummering: pd.DataFrame | None = None,
    konsensus: Mapping[str, float] | None = None,
    tidligere: Sequence[tuple[str, Mapping[str, float]]] = (),
    navn_no: str = "no",
) -> list[Serie]:
    """Profiles in drawing order: earlier sessions first, then the median, then the agreement."""
    ut = [Serie(navn, verdier, "tidligere") for navn, verdier in tidligere]
    if oppsummering is not None and oppsummering["n"].sum() > 0:
        ut.append(Serie(f"Median {navn_no}", dict(zip(oppsummering["nokkel"], oppsummering["median"])), "median"))
    if konsensus:
        ut.append(Serie(f"Felleskarakter {navn_no}", dict(konsensus), "konsensus"))
    return ut


def spredning_fra(oppsummering: pd.DataFrame) -> dict[str, tuple[float, float]]:
    return {r.nokkel: (r.min, r.maks) for r in oppsummering.itertuples() if r.n}


# --- Words for the chart (alt text) ---------------------------------------------------------------------

def _liste(navn: list[str]) -> str:
    if len(navn) <= 1:
        return "".join(navn)
    return ", ".join(navn[:-1]) + " og " + navn[-1]


def alt_tekst(
    oppsummering: pd.DataFrame | None = None,
    konsensus: Mapping[str, float] | None = None,
    tidligere: Sequence[tuple[str, Mapping[str, float]]] = (),
) -> str:
    """A caption that says in words what the diamond shows (for screen readers and minutes)."""
    deler = []
    if oppsummering is not None and oppsummering["n"].sum() > 0:
        o = oppsummering[oppsummering["n"] > 0]
        n = int(o["n"].max())
        hoy = o[o["median"] == o["median"].max()]
        lav = o[o["median"] == o["median"].min()]
        if len(hoy) == len(o):
            deler.append(f"Kapasitetsdiamanten med {n} svar. Medianen er lik for alle komponentene "
                         f"({talltekst(hoy['median'].iloc[0])}).")
        else:
            deler.append(
                f"Kapasitetsdiamanten med {n} svar. Medianen er høyest for {_liste(list(hoy['navn']))} "
                f"({talltekst(hoy['median'].iloc[0])}) og lavest for {_liste(list(lav['navn']))} "
                f"({talltekst(lav['median'].iloc[0])})."
            )
        uenige = list(o.loc[o["diskuter"], "navn"])
        if uenige:
            deler.append(f"Størst uenighet om {_liste(uenige)}.")
        else:
            deler.append("Ingen komponent skiller seg ut med stor uenighet.")
    if konsensus:
        deler.append("Felleskarakter: " + ", ".join(
            f"{KOMPONENT[k].navn} {talltekst(v)}" for k, v in konsensus.items() if k in KOMPONENT) + ".")
    for navn, verdier in tidligere:
        if konsensus:
            endring = [(KOMPONENT[k].navn, konsensus[k] - verdier[k]) for k in NOKLER
                       if k in konsensus and k in verdier and konsensus[k] != verdier[k]]
            if endring:
                deler.append(f"Endring fra {navn}: " + ", ".join(
                    f"{n} {tall(d, 0, fortegn=True)}" for n, d in endring) + ".")
            else:
                deler.append(f"Ingen endring fra {navn}.")
        else:
            deler.append(f"{navn}: " + ", ".join(
                f"{KOMPONENT[k].navn} {talltekst(v)}" for k, v in verdier.items() if k in KOMPONENT) + ".")
    return " ".join(deler) or "Kapasitetsdiamanten uten svar ennå."
