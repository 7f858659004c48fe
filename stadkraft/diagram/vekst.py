"""Chart builders for growth: indexed series, components of change, ranking, the restructuring screen and
Østby's map values. Pure functions that return `alt.Chart` (or map values), each with a description (the
alt text) that `beskrivelse_*` writes from the same data.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from stadkraft import format as fmt
from stadkraft.beregning import befolkningsendring as be
from stadkraft.beregning import sysselsetting, vekst

from .stil import (AAR_AKSE, ANSLAG_OPASITET, BRUDD_FARGE, GRAA, KOMPONENT_FARGER, MANGLER_FARGE, NOYTRAL,
                   OSTBY_FARGER, VALGT_FARGE, fyll, linjefarger, skjelett)

# --- Indexed time series ----------------------------------------------------------------

def indeksserie(serie: pd.DataFrame, fra: int) -> pd.DataFrame:
    """`vekst_serie.sql` rows with `indeks` (100 at `fra`) per series; NaN where a value is missing."""
    ut = serie.copy()
    ut["indeks"] = vekst.indeks_per_serie(ut, ["maal", "gruppe", "kode"], fra) if len(ut) else float("nan")
    ut["anslag"] = ut["n_estimat"] > 0
    return ut



def _bruddlag(x_tittel=None):
    """A dashed vertical rule between year b-1 and b for each break year b in the data (rows whose
    `brudd` holds the sentence), labelled «brudd», with the sentence in the tooltip."""
    brudd = (alt.Chart().transform_filter("isValid(datum.brudd) && datum.brudd != ''")
             .transform_aggregate(antall="count()", groupby=["aar", "brudd"])
             .transform_calculate(x="datum.aar - 0.5", mellom="(datum.aar - 1) + '–' + datum.aar"))
    x = alt.X("x:Q", title=x_tittel)
    tooltip = [alt.Tooltip("mellom:N", title="Brudd i serien"), alt.Tooltip("brudd:N", title="Hvorfor")]
    regel = brudd.mark_rule(color=BRUDD_FARGE, strokeDash=[5, 3], strokeWidth=1.5).encode(x=x, tooltip=tooltip)
    merke = brudd.mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=11, color=BRUDD_FARGE).encode(
        x=x, y=alt.value(0), text=alt.value("brudd"), tooltip=tooltip)
    return regel, merke


def brudd_tekst(brudd: dict[int, str] | None) -> str:
    """The alt text's sentence about the break rules ('' when there are none)."""
    if not brudd:
        return ""
    mellom = ", ".join(f"{b - 1}–{b}" for b in sorted(brudd))
    return f" Stiplet loddrett strek markerer brudd i serien ({mellom}): en del av endringen der skyldes ny definisjon."


@skjelett
def _indeks_skjelett(farger: tuple[str, ...], med_brudd: bool = False):
    # Colour and fill share order (`orden`) and range, so a series' points match its line.
    rekkefolge = alt.EncodingSortField("orden", op="min")
    skala = alt.Scale(range=list(farger))
    farge = alt.Color("navn:N", title=None, sort=rekkefolge, scale=skala,
                      # full county names; a line as the symbol (a hollow ring would read as "estimate")
                      legend=alt.Legend(orient="bottom", columns=3, labelLimit=320, symbolType="stroke",
                                        symbolStrokeWidth=3))
    tooltip = [alt.Tooltip("navn:N", title="Hvem"), alt.Tooltip("aar:Q", title="År", format="d"),
               alt.Tooltip("indeks:Q", title="Indeks", format=",.1f"),
               alt.Tooltip("verdi:Q", title="Antall", format=",.0f"),
               alt.Tooltip("anslagstekst:N", title="Anslag")]
    x = alt.X("aar:Q", axis=AAR_AKSE, scale=alt.Scale(zero=False, nice=False))  # no year outside the period
    y = alt.Y("indeks:Q", title="Indeks (startår = 100)", scale=alt.Scale(zero=False),
              axis=alt.Axis(format=",.0f"))
    hul = "datum.anslag"  # estimates are hollow: white inside, the series' colour as the ring
    linjer = alt.Chart().mark_line(strokeWidth=1.5).encode(x=x, y=y, color=farge, detail="navn:N")
    punkter = alt.Chart().mark_point(size=30, filled=False, strokeWidth=1.5, opacity=1).encode(
        x=x, y=y, color=farge,
        fill=alt.condition(hul, alt.value("white"), alt.Fill("navn:N", sort=rekkefolge, scale=skala, legend=None)),
        tooltip=tooltip)
    # The selected municipality again, last, so it is never hidden under an equal line (a BA region
    # of one municipality, a county of one). No colour encoding: the scale stays as it is.
    valgt = alt.Chart().transform_filter("datum.valgt")
    valgt_linje = valgt.mark_line(strokeWidth=3.5, color=VALGT_FARGE).encode(x=x, y=y)
    valgt_punkter = valgt.mark_point(size=40, filled=False, strokeWidth=2, opacity=1, color=VALGT_FARGE).encode(
        x=x, y=y, fill=alt.condition(hul, alt.value("white"), alt.value(VALGT_FARGE)), tooltip=tooltip)
    hundre = alt.Chart().mark_rule(color=NOYTRAL, strokeDash=[4, 3]).encode(y=alt.datum(100))
    lag = [hundre, linjer, punkter, valgt_linje, valgt_punkter]
    if med_brudd:
        lag[1:1] = _bruddlag()  # under the lines, over the 100 rule
    return alt.layer(*lag).properties(height=340)


def indeksdiagram(serie: pd.DataFrame, tittel: str, beskrivelse: str,
                  brudd: dict[int, str] | None = None) -> alt.LayerChart:
    """Lines indexed to 100 at the start year; the selected municipality (gruppe 'kommune') bold, on top.

    `serie` is `indeksserie()` output for one measure. Estimated points are hollow. A series with
    no value at all is left out (the description names it); it would only shift the colours.
    `brudd` ({year: why}, from `sysselsetting.brudd_i_perioden`) draws a dashed rule before each break year.
    """
    # Plain lists: a few hundred points, and every pandas call here would cost more than its work.
    navn, indeks, rekkefolge, gruppe = (serie[k].tolist() for k in ("navn", "indeks", "rekkefolge", "gruppe"))
    med_verdi = {n for n, i in zip(navn, indeks) if i is not None and i == i}
    forste: dict[str, tuple] = {}
    for n, r, g in zip(navn, rekkefolge, gruppe):
        if n in med_verdi and n not in forste:
            forste[n] = (r, n, g)
    serier = sorted(forste.values(), key=lambda x: (x[0], x[1]))
    orden = {n: i for i, (_, n, _) in enumerate(serier)}
    behold = [n in med_verdi for n in navn]
    data = serie.loc[behold, ["gruppe", "navn", "aar", "verdi", "indeks", "anslag", "rekkefolge"]]
    data = data.assign(orden=[orden[n] for n in data["navn"].tolist()],
                       valgt=[g == "kommune" for g in data["gruppe"].tolist()],
                       anslagstekst=["ja" if a else "nei" for a in data["anslag"].tolist()])
    aar = set(data["aar"].tolist())
    brudd = {b: t for b, t in (brudd or {}).items() if b in aar}
    if brudd:
        data["brudd"] = [brudd.get(a) for a in data["aar"].tolist()]
    return fyll(_indeks_skjelett(linjefarger([g for _, _, g in serier]), bool(brudd)), data, tittel, beskrivelse)


def sektorserie(indeks: pd.DataFrame) -> pd.DataFrame:
    """The selected municipality's employment by sector (`indeksserie()` rows), one line per sector:
    all sectors as the bold line (gruppe 'kommune'), private and public beside it."""
    sektor = {maal: s for s, maal in sysselsetting.SEKTOR_MAAL.items()}
    d = indeks[(indeks["gruppe"] == "kommune") & indeks["maal"].isin(list(sektor))]
    s = [sektor[m] for m in d["maal"].tolist()]
    return d.assign(navn=[sysselsetting.SEKTORER[x] for x in s], gruppe=["kommune" if x == "alle" else x for x in s],
                    kode=s, rekkefolge=[list(sysselsetting.SEKTOR_MAAL).index(x) + 1 for x in s])


def beskrivelse_indeks(serie: pd.DataFrame, maalnavn: str, fra: int, til: int,
                       brudd: dict[int, str] | None = None) -> str:
    """Alt text: what the lines are and where each ends."""
    aar = serie["aar"].tolist()
    slutt = sorted(((r, n, i) for a, r, n, i in zip(aar, serie["rekkefolge"].tolist(), serie["navn"].tolist(),
                                                    serie["indeks"].tolist()) if a == til), key=lambda x: x[0])
    deler = [f"{n} {fmt.tall(i, 1)}" for _, n, i in slutt if pd.notna(i)]
    mangler = [n for _, n, i in slutt if pd.isna(i)]
    tekst = (f"Linjediagram: {maalnavn} {fra}–{til}, indeksert til 100 i {fra}. "
             f"Indeks i {til}: {'; '.join(deler) if deler else 'ingen verdier'}.")
    if mangler:
        tekst += f" Mangler data for: {', '.join(mangler)}."
    har = set(aar)
    return tekst + brudd_tekst({b: t for b, t in (brudd or {}).items() if b in har})


# --- Components of change ---------------------------------------------------------------

@skjelett
def _komponent_skjelett(rekkefolge: tuple[str, ...]):
    x = alt.X("aar:O", axis=alt.Axis(title=None, labelAngle=0))
    stolper = alt.Chart().mark_bar().encode(
        x=x,
        y=alt.Y("verdi:Q", title="Personer", stack="zero", axis=alt.Axis(format=",.0f")),
        color=alt.Color("komponent:N", title=None, sort=list(rekkefolge),
                        scale=alt.Scale(domain=list(rekkefolge),
                                        range=[KOMPONENT_FARGER.get(k, GRAA) for k in rekkefolge]),
                        legend=alt.Legend(orient="bottom", labelLimit=320)),
        order=alt.Order("rekkefolge:Q"),
        opacity=alt.condition("datum.anslag", alt.value(ANSLAG_OPASITET), alt.value(1.0)),
        tooltip=[alt.Tooltip("aar:O", title="År"), alt.Tooltip("komponent:N", title="Komponent"),
                 alt.Tooltip("verdi:Q", title="Personer", format="+,.0f"),
                 alt.Tooltip("kildetekst:N", title="Kilde")])
    netto = alt.Chart().transform_aggregate(sum_verdi="sum(verdi)", groupby=["aar"]).mark_point(
        shape="diamond", size=70, filled=True, color="black", stroke="white", strokeWidth=1).encode(  # white edge: seen on dark
        x=x, y="sum_verdi:Q",
        tooltip=[alt.Tooltip("aar:O", title="År"), alt.Tooltip("sum_verdi:Q", title="Sum komponenter", format="+,.0f")])
    null = alt.Chart().mark_rule(color=NOYTRAL).encode(y=alt.datum(0))
    return alt.layer(stolper, null, netto).properties(height=320)


def komponent_balanser(komp: pd.DataFrame) -> list[int]:
    """The years whose bars are balances (natural increase, all net migration), not counted events."""
    if "balanse" not in komp:
        return []
    return sorted(komp.loc[komp["balanse"].fillna(False).astype(bool), "aar"].astype(int).unique())


def balanse_tekst(komp: pd.DataFrame) -> str:
    """What the balance bars are, in plain words ('' when every bar is counted events)."""
    aar = komponent_balanser(komp)
    if not aar:
        return ""
    spenn = f"{aar[0]}–{aar[-1]}" if len(aar) > 1 else str(aar[0])
    return (f"For {spenn} har databasen bare balansene: fødselsoverskudd (fødte minus døde) og netto flytting "
            "(innenlands og fra utlandet til sammen). Fødte og døde hver for seg, og innvandring hver for seg, "
            "finnes ikke for de årene.")


def komponent_anslag(komp: pd.DataFrame) -> pd.Series:
    """True for cells built on estimated source figures (`kilde = 'estimat'`)."""
    return komp["kilde"].eq("estimat") if "kilde" in komp else pd.Series(False, index=komp.index)


def komponentdiagram(komp: pd.DataFrame, tittel: str, beskrivelse: str) -> alt.LayerChart:
    """Stacked bars per year (`vekst_komponenter.sql`), with the year's net change as a dot.

    Estimated cells are pale and say so in the tooltip, as the index chart's hollow points do.
    """
    rekkefolge = tuple(dict.fromkeys(komp.sort_values("rekkefolge")["komponent"]))
    data = komp.copy()
    data["anslag"] = komponent_anslag(komp)
    data["kildetekst"] = (data["kilde"] if "kilde" in data else pd.Series("ssb", index=data.index)).map(
        {"estimat": "anslag", "mangler": "mangler"}).fillna("SSB")
    return fyll(_komponent_skjelett(rekkefolge), data, tittel, beskrivelse)


def beskrivelse_komponenter(komp: pd.DataFrame, kommunenavn: str, fra: int, til: int) -> str:
    summer = komp.groupby("komponent", sort=False)["verdi"].sum()
    deler = [f"{k.lower()} {fmt.tall(v, fortegn=True)}" for k, v in summer.items()]
    # The years the bars cover (the data may end before the period does), not the period asked for.
    aar = komp["aar"].dropna().astype(int) if len(komp) else pd.Series([fra, til - 1])
    spenn = str(aar.min()) if aar.min() == aar.max() else f"{aar.min()}–{aar.max()}"
    tekst = (f"Stolpediagram: befolkningsendringens komponenter for {kommunenavn} per år {spenn}, "
             f"stablet; svart rute er årets sum. Sum for perioden: {', '.join(deler)}.")
    anslag = sorted(komp.loc[komponent_anslag(komp), "aar"].astype(int).unique())
    if anslag:
        tekst += f" Bleke stolper er anslag ({', '.join(map(str, anslag))})."
    return tekst


# --- Ranking ----------------------------------------------------------------------------

@skjelett
def _rangering_skjelett(prosent: bool):
    stolper = alt.Chart().mark_bar().encode(
        x=alt.X("rang:Q", title="Plass (1 = høyest vekst)", axis=alt.Axis(format="d"),
                scale=alt.Scale(nice=False, zero=True)),
        y=alt.Y("verdi:Q", title="Prosent" if prosent else "Personer",
                axis=alt.Axis(format=",.1f" if prosent else ",.0f")),
        color=alt.condition("datum.valgt", alt.value(VALGT_FARGE), alt.value("#b0b7c3")),
        tooltip=[alt.Tooltip("navn:N", title="Kommune"), alt.Tooltip("rang:Q", title="Plass", format="d"),
                 alt.Tooltip("verdi:Q", title="Verdi", format=",.2f" if prosent else ",.0f"),
                 alt.Tooltip("sentralitetsklasse:O", title="Sentralitetsklasse")])
    merke = alt.Chart().transform_filter("datum.valgt").mark_rule(
        color=VALGT_FARGE, strokeWidth=1.5).encode(x="rang:Q")
    return alt.layer(stolper, merke).properties(height=260)


def rangeringsdiagram(vekst_df: pd.DataFrame, maal: str, kommune: str, tittel: str,
                      beskrivelse: str) -> alt.LayerChart:
    """Every municipality as a bar, sorted by the measure (`rangering.ranger`); the selected one in red."""
    data = vekst_df[["kommunenummer", "navn", "sentralitetsklasse", maal, f"rang_{maal}"]].dropna(subset=[maal])
    data = data.rename(columns={maal: "verdi", f"rang_{maal}": "rang"})
    data["rang"] = data["rang"].astype(float)
    data["valgt"] = data["kommunenummer"] == kommune
    return fyll(_rangering_skjelett(not maal.endswith("personer")), data, tittel, beskrivelse)


def beskrivelse_rangering(plass: dict, maalnavn: str, fra: int, til: int) -> str:
    if plass.get("rang") is None:
        return f"Stolpediagram: alle kommuner sortert etter {maalnavn.lower()} {fra}–{til}. Kommunen har ingen verdi."
    return (f"Stolpediagram: alle {plass['antall']} kommuner med tall, sortert etter {maalnavn.lower()} "
            f"{fra}–{til}. {plass['navn']} (rød) er nr. {plass['rang']} av {plass['antall']} "
            f"med {plass['verdi_tekst']}, og nr. {plass['klasserang']} av {plass['klasseantall']} "
            f"i sentralitetsklasse {plass['klasse']}.")


def plassering(vekst_df: pd.DataFrame, maal: str, kommune: str) -> dict:
    """The selected municipality's rank, for the page's sentence and the alt text."""
    rad = vekst_df[vekst_df["kommunenummer"] == kommune]
    if rad.empty or pd.isna(rad.iloc[0][maal]):
        return {"rang": None}
    r = rad.iloc[0]
    verdi = r[maal]
    return {
        "navn": r["navn"], "klasse": r["sentralitetsklasse"],
        "rang": int(r[f"rang_{maal}"]), "antall": int(r[f"antall_{maal}"]),
        "klasserang": int(r[f"klasserang_{maal}"]), "klasseantall": int(r[f"klasseantall_{maal}"]),
        "verdi_tekst": fmt.tall(verdi, fortegn=True) + " personer" if maal.endswith("personer")
        else fmt.prosent(verdi, 2 if maal.endswith("arlig") else 1, fortegn=True),
        "estimat": bool(r["folk_estimat"] if maal.startswith("befolkning") else r["syss_estimat"]),
    }


# --- Restructuring screen ---------------------------------------------------------------

@skjelett
def _omstilling_skjelett(min_andel: float):
    y = alt.Y("naeringsnavn:N", title=None, sort=alt.EncodingSortField("rad", op="min"),
              axis=alt.Axis(labelLimit=280))
    x = alt.X("vindu:O", title="Treårsvindu", axis=alt.Axis(labelAngle=-40))
    tooltip = [alt.Tooltip("naeringsnavn:N", title="Næring"), alt.Tooltip("vindu:O", title="Vindu"),
               alt.Tooltip("nedgang:Q", title="Nedgang, personer", format=",.0f"),
               alt.Tooltip("andel:Q", title="Nedgang, % av total sysselsetting", format=",.1f"),
               alt.Tooltip("flaggtekst:N", title="Krysser begge terskler")]
    celler = alt.Chart().mark_rect(stroke="white").encode(
        x=x, y=y,
        color=alt.Color("andel:Q", title="Nedgang, % av total", scale=alt.Scale(
            domain=[-min_andel, 0, min_andel], range=["#2166ac", "#f7f7f7", "#b2182b"], clamp=True)),
        tooltip=tooltip)
    # ● only on flagged cells, always the darkest red (clamped): white reads there (6.9:1).
    tekst = alt.Chart().mark_text(fontSize=14, color="white").encode(x=x, y=y, text="merke:N")
    # Windows over a break in the series: a dashed frame, the break in the tooltip.
    ramme = alt.Chart().transform_filter("datum.over_brudd").mark_rect(
        fill="white", fillOpacity=0.01, stroke="#222222", strokeDash=[4, 2], strokeWidth=1.5).encode(
        x=x, y=y, tooltip=[*tooltip, alt.Tooltip("bruddtekst:N", title="Brudd i serien")])
    return alt.layer(celler, tekst, ramme).properties(height=alt.Step(26))  # a row per industry, any count


def omstillingsdiagram(skjerm: pd.DataFrame, min_andel: float, tittel: str, beskrivelse: str) -> alt.LayerChart:
    """Heat map: fall in employment as % of total employment, industry x 3-year window.

    Cells that cross both thresholds are marked ●; the diverging colour scale reaches its
    darkest red at `min_andel`.
    """
    data = skjerm.copy()
    data["vindu"] = data["fra_aar"].astype(int).astype(str) + "–" + data["til_aar"].astype(int).astype(str)
    data["merke"] = data["flagg"].map({True: "●", False: ""})
    data["flaggtekst"] = data["flagg"].map({True: "ja", False: "nei"})  # the tooltip in Norwegian
    over = data["over_brudd"].astype(bool) if "over_brudd" in data else pd.Series(False, index=data.index)
    data["over_brudd"] = over
    data["bruddtekst"] = data["brudd"].where(over, "") if "brudd" in data else ""
    data["rad"] = pd.factorize(data["naering"])[0]  # the total first, as `omstilling.skjerm` sorts
    return fyll(_omstilling_skjelett(float(min_andel)), data, tittel, beskrivelse)


def beskrivelse_omstilling(skjerm: pd.DataFrame, sammendrag: dict, min_andel: float, min_personer: float) -> str:
    n_flagg = len(sammendrag["flagget"])
    tekst = (f"Varmekart: nedgang i sysselsettingen i prosent av total sysselsetting, per næring og "
             f"treårsvindu ({sammendrag['vinduer']} vinduer). Terskler: minst {fmt.prosent(min_andel, 0)} "
             f"og minst {fmt.tall(min_personer)} personer. ")
    if n_flagg:
        tekst += f"{n_flagg} {'celle' if n_flagg == 1 else 'celler'} krysser begge. "
    else:
        tekst += "Ingen celler krysser begge tersklene. "
    if (f := sammendrag["storst"]) is not None and f["nedgang"] > 0:
        tekst += (f"Størst nedgang: {f['naeringsnavn']} {int(f['fra_aar'])}–{int(f['til_aar'])}: "
                  f"{fmt.tall(f['nedgang'])} personer, {fmt.prosent(f['andel'])}.")
    elif f is not None:
        tekst += "Ingen treårsvindu har nedgang."
    if over := sammendrag.get("over_brudd"):
        tekst += (f" Vinduer over brudd i sysselsettingsserien (stiplet ramme; en del av endringen kan skyldes "
                  f"ny definisjon): {', '.join(over)}.")
    return tekst


# --- Østby map --------------------------------------------------------------------------

def ostby_kartverdier(vekst_df: pd.DataFrame) -> pd.DataFrame:
    """Values for `kart.kommunekart`: kommunenummer, verdi_tekst, farge per Østby category."""
    tekster = []
    for kategori, endring, anslag in zip(vekst_df["ostby"].tolist(), vekst_df["befolkning_personer"].tolist(),
                                         vekst_df["folk_estimat"].tolist()):
        if not isinstance(kategori, str) or pd.isna(endring):
            tekster.append("Mangler data for perioden")
        else:
            tekster.append(f"{kategori}: {fmt.tall(endring, fortegn=True)} personer{' (anslag)' if anslag else ''}")
    return pd.DataFrame({
        "kommunenummer": vekst_df["kommunenummer"].tolist(),
        "verdi_tekst": tekster,
        "farge": [list(OSTBY_FARGER.get(k, MANGLER_FARGE)) if isinstance(k, str) else list(MANGLER_FARGE)
                  for k in vekst_df["ostby"].tolist()],
    })


def beskrivelse_ostby(telling: pd.DataFrame, fra: int, til: int, grunnlag: str | None = be.OSTBY_INNVANDRING) -> str:
    deler = [f"{r.kategori.lower()}: {r.kommuner}" for r in telling.itertuples()]
    etter = ("vekst med og uten netto innflytting (innenlands og fra utlandet til sammen)"
             if grunnlag == be.OSTBY_INNFLYTTING else "Østbys inndeling")
    return f"Kart over alle kommuner {fra}–{til} farget etter {etter}. Antall kommuner – {'; '.join(deler)}."

