"""Kapasitetsdiamanten: the five components, their texts, the group statistics and the chart.

The tool is Distriktssenteret's self-assessment of development capacity (Jørgensen, Lyngaas
and Fredheim 2018, seeds/003 L2716-2903): each participant scores five components 1-5
(1 = svært dårleg, 5 = svært god) with a reason, the group reflects on the spread and agrees a
common score (felleskarakter) per component. The source gives no rule for aggregating: the
median and spread shown here are aids for the discussion, never the felleskarakter.

Pure functions: no Streamlit. The chart builder returns an Altair chart tested via `to_dict()`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import altair as alt
import pandas as pd

from stadkraft.format import tall
from stadkraft.workshop.modell import Verktoy, registrer_verktoy

NAMN = "Kapasitetsdiamanten"
# The source line is running bokmål text; the quoted titles keep their own nynorsk.
KJELDE = (
    "Kilde: Distriktssenteret 2018 (Jørgensen, Lyngaas og Fredheim: «Kapasitetsdiamanten – "
    "eigenvurdering av utviklingskapasitet», i «Livskraftige lokalsamfunn – tilfeldig og planlagt?»)"
)
KJELDE_KORT = "Kilde: Distriktssenteret 2018"


@dataclass(frozen=True)
class Komponent:
    nr: int
    nokkel: str
    namn: str          # the tool's own (nynorsk) name
    etikett: str       # chart label, hyphenated over two lines
    forklaring: str    # what the component means, in our own words (bokmål)
    sporsmal: str      # the tool's guiding question, quoted (nynorsk)


KOMPONENTAR: tuple[Komponent, ...] = (
    Komponent(
        1, "utviklingsleiing", "Utviklingsleiing", "Utviklings-\nleiing",
        "Evnen til å lede utviklingsprosesser og prosjekter: å få mange med, åpne for "
        "medvirkning og sørge for at arbeidet har forankring, tillit og oppslutning.",
        "Korleis har leiinga bidrege til at planen skal fungere som styringsverktøy?",
    ),
    Komponent(
        2, "utviklingskompetanse", "Utviklingskompetanse", "Utviklings-\nkompetanse",
        "Kunnskapen og ferdighetene som utviklingsarbeid krever, for eksempel "
        "samfunnsplanlegging, nærings- og bomiljøutvikling og prosjekt- og prosessarbeid.",
        "Jobbar vi etter beste praksis? Har vi rett og tilstrekkeleg kunnskap og kompetanse?",
    ),
    Komponent(
        3, "utviklingskultur", "Utviklingskultur", "Utviklings-\nkultur",
        "Hvordan kommunen og lokalsamfunnet arbeider sammen om utvikling: med tillit, åpenhet "
        "og rom for nye folk og grupper.",
        "Har vi ein kultur for å jobbe langsiktig og målretta etter vedteke plan?",
    ),
    Komponent(
        4, "utviklingsokonomi", "Utviklingsøkonomi", "Utviklings-\nøkonomi",
        "Pengene som kan settes inn i utviklingen av lokalsamfunnet, enten kommunen har dem "
        "selv eller kan hente dem inn fra andre.",
        "Har vi sjølve eller har vi tilgang til midlar som kan nyttast til gjennomføring?",
    ),
    Komponent(
        5, "tidsressursar", "Tidsressursar", "Tidsressursar",
        "Tiden som faktisk er satt av til utviklingsarbeid, i kommuneorganisasjonen og hos "
        "innbyggere, næringsliv og lag og foreninger. Bredt engasjement gir mer tid totalt.",
        "Har vi frigjort tilstrekkeleg personalressursar til gjennomføring?",
    ),
)
NOKLAR = tuple(k.nokkel for k in KOMPONENTAR)
KOMPONENT = {k.nokkel: k for k in KOMPONENTAR}

SKALA = {1: "svært dårleg", 5: "svært god"}  # the source anchors only the end points
SKALA_TEKST = "1 = svært dårleg, 5 = svært god"

INNLEIING = (
    "Kapasitetsdiamanten er en egenvurdering av hvor godt rustet kommunen eller lokalsamfunnet "
    "er til å drive utviklingsarbeid. Hver deltaker vurderer nåsituasjonen for fem komponenter "
    "på en skala fra 1 (svært dårleg) til 5 (svært god). Etterpå ser gruppa på spredningen, "
    "diskuterer begrunnelsene og blir enige om en felleskarakter per komponent."
)
GRUPPETIPS = (
    "Distriktssenteret anbefaler en gruppe på 6–10 personer med både politikere, "
    "administrative ledere og folk fra næringsliv og frivillig sektor, og en prosessleder som "
    "kjenner kommunen godt."
)

VERKTOY = registrer_verktoy(Verktoy(
    type="kapasitet",
    element=tuple((k.nokkel, k.namn) for k in KOMPONENTAR),
    akser=("karakter",),
    lagast=1,
    hogast=5,
    skala=SKALA_TEKST,
))


def er_standardtittel(tittel) -> bool:
    """The session's title is just the tool's name (the default): not worth saying twice."""
    return " ".join(str(tittel or "").split()).casefold() in ("", NAMN.casefold())


def overskrift(tittel) -> str:
    """`Kapasitetsdiamanten: <title>`, without the tool's name twice when the title begins with it."""
    tittel = " ".join(str(tittel or "").split())
    if er_standardtittel(tittel) or tittel.casefold().startswith(NAMN.casefold()):
        return tittel or NAMN
    return f"{NAMN}: {tittel}"


def skalaetikett(verdi: int) -> str:
    """`1` -> `"1 – svært dårleg"`, `3` -> `"3"`."""
    return f"{verdi} – {SKALA[verdi]}" if verdi in SKALA else str(verdi)


# --- Statistics --------------------------------------------------------------------------------

OPPSUMMERING_KOLONNER = ["nr", "nokkel", "namn", "n", "median", "min", "maks", "q1", "q3",
                         "spenn", "avvik", "fordeling", "diskuter"]


def oppsummer(svar: pd.DataFrame, tal_diskuter: int = 2, min_spenn: int = 2) -> pd.DataFrame:
    """Median and spread per component from individual scores (columns `element`, `verdi`).

    - `median`: the group's median (x.5 when an even number split in the middle);
    - `min`/`maks`, `q1`/`q3` (quartiles, linear), `spenn` = maks - min;
    - `avvik`: the mean distance from the median, our measure of disagreement (ordinal
      scores, so distance from the median rather than a standard deviation);
    - `fordeling`: counts of 1, 2, 3, 4, 5;
    - `diskuter`: the components where people disagree most, marked for discussion: the
      `tal_diskuter` highest `avvik` (ties included) among those with `spenn >= min_spenn`.
    """
    rader = []
    for k in KOMPONENTAR:
        v = pd.to_numeric(svar.loc[svar["element"] == k.nokkel, "verdi"], errors="coerce").dropna()
        if v.empty:
            rader.append([k.nr, k.nokkel, k.namn, 0] + [math.nan] * 7 + [[0] * 5, False])
            continue
        med = float(v.median())
        rader.append([
            k.nr, k.nokkel, k.namn, int(v.size), med, float(v.min()), float(v.max()),
            float(v.quantile(0.25)), float(v.quantile(0.75)), float(v.max() - v.min()),
            float((v - med).abs().mean()), [int((v == s).sum()) for s in range(1, 6)], False,
        ])
    ut = pd.DataFrame(rader, columns=OPPSUMMERING_KOLONNER)
    kandidatar = ut[(ut["spenn"] >= min_spenn) & ut["avvik"].notna()]
    if not kandidatar.empty:
        grense = sorted(kandidatar["avvik"], reverse=True)[min(tal_diskuter, len(kandidatar)) - 1]
        ut["diskuter"] = (ut["spenn"] >= min_spenn) & (ut["avvik"] >= grense - 1e-9)
    return ut


def talltekst(verdi) -> str:
    """A score in Norwegian style: `3` -> `3`, `3.5` -> `3,5`."""
    if verdi is None or (isinstance(verdi, float) and math.isnan(verdi)):
        return "–"
    return tall(verdi, 0 if float(verdi).is_integer() else 1)


def spreiingstekst(rad) -> str:
    if not rad["n"]:
        return "–"
    if rad["min"] == rad["maks"]:
        return f"alle {talltekst(rad['min'])}"
    return f"{talltekst(rad['min'])}–{talltekst(rad['maks'])}"


# --- The diamond (radar chart) ----------------------------------------------------------------------

R_MAKS = 5
GRENSE_X = 8.6            # half the plot's width in score units (room for the labels)
GRENSE_Y = (-5.6, 6.8)    # bottom and top in score units (the diamond is not symmetric)


def vinkel(indeks: int, tal: int = len(KOMPONENTAR)) -> float:
    """Angle in degrees of component `indeks` (0-based): the first straight up, then clockwise."""
    return 90.0 - indeks * 360.0 / tal


def punkt(indeks: int, radius: float, tal: int = len(KOMPONENTAR)) -> tuple[float, float]:
    a = math.radians(vinkel(indeks, tal))
    x, y = radius * math.cos(a), radius * math.sin(a)
    return (0.0 if abs(x) < 1e-12 else x, 0.0 if abs(y) < 1e-12 else y)


@dataclass(frozen=True)
class Serie:
    """One profile on the diamond: a name for the legend, a score per component, a style.

    `stil`: "median" (the group's median now), "semje" (an agreed score now) or "tidlegare"
    (an earlier session's agreed score, drawn dashed).
    """

    namn: str
    verdiar: Mapping[str, float]
    stil: str = "semje"


FARGAR = {"median": "#1f5fa8", "semje": "#b3261e"}
FARGAR_TIDLEGARE = ["#6b6b6b", "#a66f00", "#3d7a3d", "#7b4fa0", "#00838f"]


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
        punkt_i_serie = [(i, k) for i, k in enumerate(KOMPONENTAR) if s.verdiar.get(k.nokkel) is not None
                         and not (isinstance(s.verdiar[k.nokkel], float) and math.isnan(s.verdiar[k.nokkel]))]
        for orden, (i, k) in enumerate(punkt_i_serie + punkt_i_serie[:1]):
            v = float(s.verdiar[k.nokkel])
            x, y = punkt(i, v)
            rader.append({"serie": s.namn, "stil": s.stil, "orden": orden, "komponent": k.namn,
                          "verdi": v, "verdi_tekst": talltekst(v), "x": x, "y": y})
    return pd.DataFrame(rader, columns=["serie", "stil", "orden", "komponent", "verdi",
                                        "verdi_tekst", "x", "y"])


def diamant(
    serier: Sequence[Serie],
    spreiing: Mapping[str, tuple[float, float]] | None = None,
    storleik: int = 420,
    tittel: str | None = None,
) -> alt.LayerChart:
    """The capacity diamond: rings 1-5 as pentagons, five spokes, component 1 at the top and
    the rest clockwise, one closed line per profile, and (optionally) the spread per component
    as a thick band along its spoke from lowest to highest score."""
    n = len(KOMPONENTAR)
    skala = storleik / 420  # type and marks grow with the chart (a projector needs 640-720 px)
    ringar = pd.DataFrame([
        {"ring": r, "orden": o, "x": punkt(o % n, r)[0], "y": punkt(o % n, r)[1]}
        for r in range(1, R_MAKS + 1) for o in range(n + 1)
    ])
    eiker = pd.DataFrame([
        {"komponent": k.namn, "x": 0.0, "y": 0.0, "x2": punkt(i, R_MAKS)[0], "y2": punkt(i, R_MAKS)[1]}
        for i, k in enumerate(KOMPONENTAR)
    ])
    # Ring numbers sit on the middle of each ring's edge between the last and the first spoke.
    midt = math.radians(90.0 + 180.0 / n)
    kant = math.cos(math.pi / n)
    ringtal = pd.DataFrame([{"tekst": str(r), "x": r * kant * math.cos(midt) - 0.15,
                             "y": r * kant * math.sin(midt) + 0.15} for r in range(1, R_MAKS + 1)])
    etikettar = []
    for i, k in enumerate(KOMPONENTAR):
        x, y = punkt(i, R_MAKS + 0.55)
        juster = "center" if abs(x) < 0.5 else ("left" if x > 0 else "right")
        etikettar.append({"komponent": k.namn, "tekst": k.etikett, "x": x,
                          "y": y + (0.45 if i == 0 else 0.0), "juster": juster})
    etikettar = pd.DataFrame(etikettar)

    lag: list[alt.Chart] = [
        alt.Chart(ringar, name="ringar").mark_line(color="#c8c8c8", strokeWidth=1).encode(
            x=_x(), y=_y(), detail="ring:N", order="orden:Q"),
        alt.Chart(eiker, name="eiker").mark_rule(color="#c8c8c8", strokeWidth=1).encode(
            x=_x(), y=_y(), x2="x2:Q", y2="y2:Q"),
        alt.Chart(ringtal, name="ringtal").mark_text(align="right", baseline="middle", fontSize=round(11 * skala),
                                                    color="#666666").encode(x=_x(), y=_y(), text="tekst:N"),
    ]
    for juster in ("center", "left", "right"):
        del_ = etikettar[etikettar["juster"] == juster]
        if not del_.empty:
            lag.append(alt.Chart(del_, name=f"etikettar_{juster}").mark_text(
                align=juster, baseline="middle", fontSize=round(13 * skala), fontWeight="bold", lineBreak="\n",
                color="#222222").encode(x=_x(), y=_y(), text="tekst:N"))

    if spreiing:
        band = []
        for i, k in enumerate(KOMPONENTAR):
            if k.nokkel in spreiing and spreiing[k.nokkel] is not None:
                lo, hi = (float(v) for v in spreiing[k.nokkel])
                if math.isnan(lo) or math.isnan(hi):
                    continue
                (x, y), (x2, y2) = punkt(i, lo), punkt(i, hi)
                band.append({"komponent": k.namn, "lagast": talltekst(lo), "hogast": talltekst(hi),
                             "x": x, "y": y, "x2": x2, "y2": y2})
        if band:
            lag.append(alt.Chart(pd.DataFrame(band), name="spreiing").mark_rule(
                color="#1f5fa8", opacity=0.22, strokeWidth=round(14 * skala), strokeCap="round").encode(
                x=_x(), y=_y(), x2="x2:Q", y2="y2:Q",
                tooltip=[alt.Tooltip("komponent:N", title="Komponent"),
                         alt.Tooltip("lagast:N", title="Laveste"),
                         alt.Tooltip("hogast:N", title="Høyeste")]))

    data = serie_data(serier)
    if not data.empty:
        namn = list(dict.fromkeys(s.namn for s in serier))
        tidlegare = iter(FARGAR_TIDLEGARE * 4)
        fargar = [FARGAR.get(s.stil) or next(tidlegare) for s in {s.namn: s for s in serier}.values()]
        farge = alt.Color("serie:N", scale=alt.Scale(domain=namn, range=fargar),
                          legend=alt.Legend(title=None, orient="bottom", labelFontSize=round(13 * skala),
                                            symbolSize=round(100 * skala ** 2), symbolStrokeWidth=3,
                                            columns=3, labelLimit=round(260 * skala)))
        strek = alt.StrokeDash("stil:N", scale=alt.Scale(domain=["median", "semje", "tidlegare"],
                                                         range=[[1, 0], [1, 0], [6, 4]]), legend=None)
        tips = [alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("komponent:N", title="Komponent"),
                alt.Tooltip("verdi_tekst:N", title="Karakter")]
        lag.append(alt.Chart(data, name="serie").mark_line(strokeWidth=round(3 * skala)).encode(
            x=_x(), y=_y(), color=farge, strokeDash=strek, detail="serie:N", order="orden:Q"))
        lag.append(alt.Chart(data[data["orden"] < len(KOMPONENTAR)], name="seriepunkt").mark_point(
            filled=True, size=round(70 * skala ** 2), opacity=1).encode(x=_x(), y=_y(), color=farge, tooltip=tips))

    hoyde = round(storleik * (GRENSE_Y[1] - GRENSE_Y[0]) / (2 * GRENSE_X))  # equal x and y scale
    diagram = alt.layer(*lag).properties(
        width=storleik, height=hoyde, view=alt.ViewBackground(stroke=None))
    if tittel:
        diagram = diagram.properties(title=alt.TitleParams(tittel, fontSize=16, anchor="middle"))
    return diagram


def seriar(
    oppsummering: pd.DataFrame | None = None,
    semje: Mapping[str, float] | None = None,
    tidlegare: Sequence[tuple[str, Mapping[str, float]]] = (),
    namn_no: str = "no",
) -> list[Serie]:
    """Profiles in drawing order: earlier sessions first, then the median, then the agreement."""
    ut = [Serie(namn, verdiar, "tidlegare") for namn, verdiar in tidlegare]
    if oppsummering is not None and oppsummering["n"].sum() > 0:
        ut.append(Serie(f"Median {namn_no}", dict(zip(oppsummering["nokkel"], oppsummering["median"])), "median"))
    if semje:
        ut.append(Serie(f"Felleskarakter {namn_no}", dict(semje), "semje"))
    return ut


def spreiing_fra(oppsummering: pd.DataFrame) -> dict[str, tuple[float, float]]:
    return {r.nokkel: (r.min, r.maks) for r in oppsummering.itertuples() if r.n}


# --- Words for the chart (alt text) ---------------------------------------------------------------------

def _liste(namn: list[str]) -> str:
    if len(namn) <= 1:
        return "".join(namn)
    return ", ".join(namn[:-1]) + " og " + namn[-1]


def alt_tekst(
    oppsummering: pd.DataFrame | None = None,
    semje: Mapping[str, float] | None = None,
    tidlegare: Sequence[tuple[str, Mapping[str, float]]] = (),
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
                f"Kapasitetsdiamanten med {n} svar. Medianen er høyest for {_liste(list(hoy['namn']))} "
                f"({talltekst(hoy['median'].iloc[0])}) og lavest for {_liste(list(lav['namn']))} "
                f"({talltekst(lav['median'].iloc[0])})."
            )
        uenige = list(o.loc[o["diskuter"], "namn"])
        if uenige:
            deler.append(f"Størst uenighet om {_liste(uenige)}.")
        else:
            deler.append("Ingen komponent skiller seg ut med stor uenighet.")
    if semje:
        deler.append("Felleskarakter: " + ", ".join(
            f"{KOMPONENT[k].namn} {talltekst(v)}" for k, v in semje.items() if k in KOMPONENT) + ".")
    for namn, verdiar in tidlegare:
        if semje:
            endring = [(KOMPONENT[k].namn, semje[k] - verdiar[k]) for k in NOKLAR
                       if k in semje and k in verdiar and semje[k] != verdiar[k]]
            if endring:
                deler.append(f"Endring fra {namn}: " + ", ".join(
                    f"{n} {tall(d, 0, fortegn=True)}" for n, d in endring) + ".")
            else:
                deler.append(f"Ingen endring fra {namn}.")
        else:
            deler.append(f"{namn}: " + ", ".join(
                f"{KOMPONENT[k].namn} {talltekst(v)}" for k, v in verdiar.items() if k in KOMPONENT) + ".")
    return " ".join(deler) or "Kapasitetsdiamanten uten svar ennå."
