"""The priority matrix: influence (påvirkbarhet) across, importance (viktighet) up, split at the
scale's midpoint, the «important and possible to influence» quadrant shaded and named; each item a
numbered point at its mean or agreed position with its name beside it. Points that would cover
each other are spread on a small circle (`spre`), labels go right or left of their point where
they collide least (`plasser_etiketter`). Pure functions returning Altair charts and alt texts."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import altair as alt
import pandas as pd

from stadkraft.diagram.stil import ANDRE_FARGER, GRAA, NOYTRAL

from .modell import HOVEDKVADRANT, KVADRANTER, MIDT, plassering, talltekst

LAV, HOY = 0.5, 5.5            # the axes' domain around the scale 1-5
SNITT, FELLES = "Snitt av enkeltsvar", "Felles plassering"   # the two series that carry names
FARGER = {SNITT: "#1f5fa8", FELLES: "#b3261e"}
TIDLIGERE_FARGE = "#7a7a7a"
UENIG_FARGE = "#b3261e"        # the ring round an item the groups disagree on
KVADRANTFARGE = "#dcefdc"
KVADRANTTEKST = "#1e5e1e"      # the main quadrant's name, on KVADRANTFARGE in both themes
MAKS_ETIKETT = 26              # characters of an item's name beside its point


@dataclass(frozen=True)
class Punkt:
    """One point in the matrix: an item (`nr` is its number in the list) in one series."""

    nokkel: str
    nr: int
    navn: str
    x: float            # påvirkbarhet
    y: float            # viktighet
    serie: str = SNITT


# --- Layout: no point hides another, labels beside their points ----------------------------------

def spre(punkter: Sequence[Punkt], avstand: float = 0.2) -> list[Punkt]:
    """Points closer than `avstand` (in score units) moved onto a circle around their centre, so
    every point stays visible; order and everything else kept. Deterministic."""
    ut = list(punkter)
    for _ in range(6):  # a spread cluster can touch a neighbour: repeat until none overlap
        foreldre = list(range(len(ut)))

        def rot(i: int) -> int:
            while foreldre[i] != i:
                foreldre[i] = foreldre[foreldre[i]]
                i = foreldre[i]
            return i

        for i in range(len(ut)):
            for j in range(i + 1, len(ut)):
                if math.dist((ut[i].x, ut[i].y), (ut[j].x, ut[j].y)) < avstand * 0.999:
                    foreldre[rot(i)] = rot(j)
        klynger: dict[int, list[int]] = {}
        for i in range(len(ut)):
            klynger.setdefault(rot(i), []).append(i)
        flyttet = False
        for medlemmer in klynger.values():
            k = len(medlemmer)
            if k < 2:
                continue
            flyttet = True
            cx = sum(ut[i].x for i in medlemmer) / k
            cy = sum(ut[i].y for i in medlemmer) / k
            r = avstand / (2 * math.sin(math.pi / k))  # neighbours on the circle are `avstand` apart
            for n, i in enumerate(sorted(medlemmer, key=lambda i: (ut[i].nr, ut[i].serie))):
                a = math.pi / 2 - 2 * math.pi * n / k
                p = ut[i]
                ut[i] = Punkt(p.nokkel, p.nr, p.navn, cx + r * math.cos(a), cy + r * math.sin(a), p.serie)
        if not flyttet:
            break
    return ut


# Where a label may sit: (name, horizontal side, vertical offset in label heights).
PLASSER = (("hoyre", 1, 0), ("venstre", -1, 0), ("hoyre_opp", 1, 1), ("hoyre_ned", 1, -1),
           ("venstre_opp", -1, 1), ("venstre_ned", -1, -1))


def plasser_etiketter(punkter: Sequence[Punkt], tegnbredde: float, hoyde: float, luft: float,
                      ) -> list[tuple[str, str]]:
    """For each point, where its label goes (a name from `PLASSER`) and its text, or ("", "") for
    none: the first place where the label (len(text) x `tegnbredde` wide, `hoyde` high, `luft` from
    the point, in score units) covers no label placed before it, no point and nothing outside the
    plot; the name as `kort_navn`, else its first words (`kortere_navn`) where the whole does not fit.
    A point without room keeps its number only (the ranked list beside the matrix names it)."""
    bokser: list[tuple[float, float, float, float]] = []
    ut = [("", "")] * len(punkter)

    def fri(boks, p) -> bool:
        return (boks[0] >= LAV and boks[2] <= HOY and boks[1] >= LAV and boks[3] <= HOY
                and not any(boks[0] < b[2] and b[0] < boks[2] and boks[1] < b[3] and b[1] < boks[3] for b in bokser)
                and not any(boks[0] - luft * 0.8 < q.x < boks[2] + luft * 0.8
                            and boks[1] - luft * 0.8 < q.y < boks[3] + luft * 0.8 for q in punkter if q is not p))

    for i in sorted(range(len(punkter)), key=lambda i: (-punkter[i].y, punkter[i].x)):
        p = punkter[i]
        for tekst in dict.fromkeys((kort_navn(p.navn), kortere_navn(p.navn))):
            bredde = len(tekst) * tegnbredde
            plass = next(((navn, boks) for navn, retning, opp in PLASSER
                          if fri(boks := _etikettboks(p, retning, opp, bredde, hoyde, luft), p)), None)
            if plass:
                ut[i] = (plass[0], tekst)
                bokser.append(plass[1])
                break
    return ut


def _etikettboks(p: Punkt, retning: int, opp: int, bredde: float, hoyde: float, luft: float):
    x0 = p.x + luft if retning > 0 else p.x - luft - bredde
    y0 = p.y - hoyde / 2 + opp * hoyde * 0.9
    return (x0, y0, x0 + bredde, y0 + hoyde)


KORT_ETIKETT = 13              # characters of the short label a crowded point falls back to


def kortere_navn(navn: str) -> str:
    """The name's first words within `KORT_ETIKETT` characters («Boligtilbud for unge» ->
    «Boligtilbud…»): a crowded point still says what it is."""
    if len(navn) <= KORT_ETIKETT:
        return navn
    ord_ = ""
    for o in navn.split():
        if len(ord_) + len(o) + (1 if ord_ else 0) > KORT_ETIKETT - 1:
            break
        ord_ = f"{ord_} {o}".strip()
    return (ord_ or navn[: KORT_ETIKETT - 1]).rstrip(" ,.-") + "…"


def kort_navn(navn: str) -> str:
    return navn if len(navn) <= MAKS_ETIKETT else navn[: MAKS_ETIKETT - 1].rstrip() + "…"


# --- The chart ----------------------------------------------------------------------------------

def _skala() -> alt.Scale:
    return alt.Scale(domain=[LAV, HOY], nice=False, zero=False)


def _bakgrunn(skrift: float) -> list[alt.Chart]:
    """The shaded quadrant, the dividing lines and the four quadrants' names."""
    felt = pd.DataFrame([{"x": MIDT, "x2": HOY, "y": MIDT, "y2": HOY}])
    rute = alt.Chart(felt).mark_rect(color=KVADRANTFARGE).encode(
        x=alt.X("x:Q", scale=_skala()), x2="x2", y=alt.Y("y:Q", scale=_skala()), y2="y2")
    linjer = alt.Chart(pd.DataFrame([{"v": MIDT}])).mark_rule(color=NOYTRAL, strokeDash=[6, 4])
    navn = pd.DataFrame([
        {"x": HOY - 0.08, "y": HOY - 0.1, "tekst": HOVEDKVADRANT, "align": "right", "hoved": True},
        {"x": LAV + 0.08, "y": HOY - 0.1, "tekst": KVADRANTER[(True, False)], "align": "left", "hoved": False},
        {"x": HOY - 0.08, "y": LAV + 0.1, "tekst": KVADRANTER[(False, True)], "align": "right", "hoved": False},
        {"x": LAV + 0.08, "y": LAV + 0.1, "tekst": KVADRANTER[(False, False)], "align": "left", "hoved": False},
    ])
    lag = [rute, linjer.encode(x="v:Q"), linjer.encode(y="v:Q")]
    for align in ("left", "right"):
        for hoved in (True, False):
            del_ = navn[(navn["align"] == align) & (navn["hoved"] == hoved)]
            if del_.empty:
                continue
            lag.append(alt.Chart(del_).mark_text(
                align=align, baseline="middle", fontSize=skrift * (1.0 if hoved else 0.85),
                fontWeight="bold" if hoved else "normal", color=KVADRANTTEKST if hoved else NOYTRAL,
            ).encode(x=alt.X("x:Q", scale=_skala()), y=alt.Y("y:Q", scale=_skala()), text="tekst:N"))
    return lag


def _akser(storrelse: int, skrift: float) -> dict:
    akse = dict(values=[1, 2, 3, 4, 5], format="d", labelFontSize=skrift, titleFontSize=skrift * 1.05, grid=False)
    return {
        "x": alt.X("x:Q", scale=_skala(), axis=alt.Axis(title="Påvirkbarhet (lokalt) →", **akse)),
        "y": alt.Y("y:Q", scale=_skala(), axis=alt.Axis(title="Viktighet →", **akse)),
    }


def matrise(
    punkter: Sequence[Punkt],
    storrelse: int = 520,
    spredning: Mapping[str, tuple[float, float]] | None = None,
    forflytning: Sequence[tuple[Punkt, Punkt]] = (),
    fargelegg: Mapping[str, str] | None = None,
    etiketter: bool = True,
    tittel: str | None = None,
    markert: frozenset[str] | set[str] = frozenset(),
) -> alt.LayerChart:
    """The matrix. `punkter`: every point to draw (`SNITT`, `FELLES`, a group's name or an earlier
    round); `spredning`: the standard deviation per item (x, y) drawn as a cross around its mean;
    `forflytning`: (earlier, now) pairs drawn as arrows; `fargelegg`: series -> colour; `markert`:
    items ringed (the groups disagree on them). Names are written beside the `SNITT` and `FELLES`
    points; other series show their numbers only."""
    skrift = max(12.0, storrelse / 38)   # 15 px on the wall (570), where the room reads it from afar
    enhet = storrelse / (HOY - LAV)  # pixels per score unit
    farger = {**FARGER, **(fargelegg or {})}
    lag = _bakgrunn(skrift)
    spredt = spre(punkter, avstand=2.1 * skrift / enhet)  # a circle's diameter, and a little air
    koder = _akser(storrelse, skrift)
    rader = pd.DataFrame([{"nokkel": p.nokkel, "nr": str(p.nr), "navn": p.navn, "x": p.x, "y": p.y,
                           "serie": p.serie, "etikett": kort_navn(p.navn)} for p in spredt],
                         columns=["nokkel", "nr", "navn", "x", "y", "serie", "etikett"])
    serier = list(dict.fromkeys(rader["serie"]))
    farge = alt.Color("serie:N", scale=alt.Scale(domain=serier, range=[farger.get(s, GRAA) for s in serier]),
                      legend=alt.Legend(title=None, orient="bottom", labelFontSize=skrift * 0.9,
                                        symbolSize=skrift * 12) if len(serier) > 1 else None)
    if spredning:
        kryss = []
        for p in spredt:
            if p.nokkel in spredning and p.serie == SNITT:
                sx, sy = spredning[p.nokkel]
                kryss += [{"x": p.x - sx, "x2": p.x + sx, "y": p.y, "y2": p.y},
                          {"x": p.x, "x2": p.x, "y": p.y - sy, "y2": p.y + sy}]
        if kryss:
            lag.append(alt.Chart(pd.DataFrame(kryss)).mark_rule(color=FARGER[SNITT], opacity=0.35, strokeWidth=3)
                       .encode(x=alt.X("x:Q", scale=_skala()), x2="x2", y=alt.Y("y:Q", scale=_skala()), y2="y2"))
    if forflytning:
        piler = pd.DataFrame([{"x": a.x, "y": a.y, "x2": b.x, "y2": b.y} for a, b in forflytning])
        lag.append(alt.Chart(piler).mark_rule(color=TIDLIGERE_FARGE, strokeWidth=2, strokeDash=[4, 3])
                   .encode(x=alt.X("x:Q", scale=_skala()), x2="x2", y=alt.Y("y:Q", scale=_skala()), y2="y2"))
    sirkel = (skrift * 2.0) ** 2
    lag.append(alt.Chart(rader).mark_circle(opacity=0.95, size=sirkel, stroke="white", strokeWidth=1.5).encode(
        **koder, color=farge,
        tooltip=[alt.Tooltip("nr:N", title="Nr."), alt.Tooltip("navn:N", title="Element"),
                 alt.Tooltip("serie:N", title="Serie")]))
    ringer = rader[rader["serie"].isin([SNITT, FELLES]) & rader["nokkel"].isin(markert)]
    if not ringer.empty:   # a dashed ring, so it reads in black and white too
        lag.append(alt.Chart(ringer).mark_point(shape="circle", filled=False, size=sirkel * 2.6, strokeWidth=3,
                                                color=UENIG_FARGE, strokeDash=[4, 2]).encode(x=koder["x"], y=koder["y"]))
    lag.append(alt.Chart(rader).mark_text(color="white", fontWeight="bold", fontSize=skrift * 0.85,
                                          baseline="middle").encode(x=koder["x"], y=koder["y"], text="nr:N"))
    utvalg = [p for p in spredt if p.serie in (SNITT, FELLES)]
    if etiketter and utvalg:
        plasser = plasser_etiketter(utvalg, tegnbredde=skrift * 0.56 / enhet, hoyde=skrift * 1.2 / enhet,
                                    luft=skrift * 1.2 / enhet)
        etikett = pd.DataFrame([{"x": p.x, "y": p.y, "etikett": tekst, "side": s}
                                for p, (s, tekst) in zip(utvalg, plasser) if s])
        for navn, retning, opp in PLASSER:
            del_ = etikett[etikett["side"] == navn] if not etikett.empty else etikett
            if not del_.empty:
                lag.append(alt.Chart(del_).mark_text(
                    align="left" if retning > 0 else "right", dx=retning * skrift * 1.2,
                    dy=-opp * skrift * 1.2 * 0.9, baseline="middle", fontSize=skrift, color=NOYTRAL,
                ).encode(x=koder["x"], y=koder["y"], text="etikett:N"))
    diagram = alt.layer(*lag).properties(width=storrelse, height=storrelse)
    if tittel:
        diagram = diagram.properties(title=alt.Title(tittel, fontSize=skrift * 1.2))
    return diagram.configure_view(stroke="#999")


# --- From the engine's data to points --------------------------------------------------------------

def punkter_fra(oppsummering: pd.DataFrame | None, konsensus: Mapping | None, elementer) -> list[Punkt]:
    """One point per item, numbered by its place in the list: at the agreed placement where one
    is set (`FELLES`), else at the individual mean (`SNITT`). Items nobody scored have no point."""
    konsensus = konsensus or {}
    snitt = {}
    if oppsummering is not None:
        snitt = {r.nokkel: (float(r.viktighet), float(r.påvirkbarhet)) for r in oppsummering.itertuples()
                 if not (pd.isna(r.viktighet) or pd.isna(r.påvirkbarhet))}
    ut = []
    for nr, e in enumerate(elementer, start=1):
        if (p := plassering(konsensus.get(e.nokkel))) is not None:
            ut.append(Punkt(e.nokkel, nr, e.navn, p[1], p[0], FELLES))
        elif e.nokkel in snitt:
            ut.append(Punkt(e.nokkel, nr, e.navn, snitt[e.nokkel][1], snitt[e.nokkel][0], SNITT))
    return ut


def alt_tekst(oppsummering: pd.DataFrame | None, konsensus: Mapping | None, elementer) -> str:
    """The matrix in words: how many items lie in the main quadrant, and which."""
    brukt = {p.nokkel: p for p in punkter_fra(oppsummering, konsensus, elementer)}
    if not brukt:
        return "Prioriteringsmatrise uten plasserte elementer ennå."
    hoved = [p for p in sorted(brukt.values(), key=lambda p: p.nr) if p.y >= MIDT and p.x >= MIDT]
    grunnlag = "felles plassering" if konsensus else "snittet av de enkeltes svar"
    tekst = (f"Prioriteringsmatrise med {len(brukt)} elementer ({grunnlag}). "
             f"{len(hoved)} ligger i feltet «{HOVEDKVADRANT.lower()}»")
    if hoved:
        tekst += ": " + ", ".join(f"{p.navn} (viktighet {talltekst(p.y)}, påvirkbarhet {talltekst(p.x)})"
                                  for p in hoved)
    return tekst + "."


def gruppefarger(grupper: Sequence[str]) -> dict[str, str]:
    return {g: ANDRE_FARGER[i % len(ANDRE_FARGER)] for i, g in enumerate(grupper)}
