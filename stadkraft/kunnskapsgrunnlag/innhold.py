"""What goes into a knowledge base (kunnskapsgrunnlag): sections of figures, tables and text for one
municipality or one region, built from the same queries, arithmetic and chart builders as the pages.

`lag(enhet)` returns a `Grunnlag`; `pdf.skriv` lays it out and `pakke.zip_bytes` packs its figures and
tables. Every figure and table carries its source and the data's date.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stadkraft import db
from stadkraft import format as fmt
from stadkraft import region as regioner
from stadkraft.beregning import dekning, omstilling, perioder, vekst
from stadkraft.beregning import likhet, naboer
from stadkraft.beregning import region as br
from stadkraft.diagram import region as dr
from stadkraft.diagram import vekst as dv

KILDE_SSB = "Statistisk sentralbyrå (NLOD)"
KILDE_KART = "© Kartverket (CC BY 4.0)"


@dataclass
class Figur:
    navn: str            # file name in the ZIP and the figure's id in the PDF
    tittel: str
    diagram: object      # an Altair chart
    beskrivelse: str
    kilde: str
    data: pd.DataFrame | None = None
    oppsett: dict | None = None  # eksport.csv_bytes' kolonner/desimaler for the data


@dataclass
class Tabell:
    navn: str
    tittel: str
    data: pd.DataFrame   # as shown (text cells)
    kilde: str


@dataclass
class Avsnitt:
    tekst: str


@dataclass
class Seksjon:
    tittel: str
    deler: list = field(default_factory=list)


@dataclass
class Grunnlag:
    tittel: str
    undertittel: str
    dataens_dato: str
    laget: str
    seksjoner: list[Seksjon]

    @property
    def figurer(self) -> list[Figur]:
        return [d for s in self.seksjoner for d in s.deler if isinstance(d, Figur)]

    @property
    def tabeller(self) -> list[Tabell]:
        return [d for s in self.seksjoner for d in s.deler if isinstance(d, Tabell)]


def _kilde(tekst: str, dato: str) -> str:
    return f"Kilde: {tekst}. Dataenes dato: {dato}." if dato else f"Kilde: {tekst}."


def _rad(tall: pd.DataFrame, gruppe: str, maal: str = "befolkning"):
    d = tall[(tall["gruppe"] == gruppe) & (tall["maal"] == maal)]
    return d.iloc[0] if len(d) else None


def _vekst_tekst(r) -> str:
    if r is None or r.mangler:
        return "mangler tall"
    return f"{fmt.tall(r.start)} til {fmt.tall(r.slutt)} ({fmt.prosent(r.prosent, fortegn=True)})"


def _periode(forste: int, siste: int, fra: int | None, til: int | None, syss_siste: int | None = None) -> tuple[int, int]:
    """The period asked for, inside the data; by default the last ten years that employment covers too."""
    til = til or (min(siste, syss_siste) if syss_siste else siste)
    fra = fra or max(forste, til - 10)
    return (max(forste, min(fra, til)), min(siste, max(fra, til)))


# --- The sections ---------------------------------------------------------------------------------

def lag(kommune: str | None = None, region: regioner.Region | None = None, fra: int | None = None,
        til: int | None = None, kjor=db.kjor, liknende: list[str] | None = None,
        sammenlign: list[str] | None = None) -> Grunnlag:
    """The knowledge base for a municipality or a region, period `fra`-`til` (default: the last ten years),
    as the user sees it: `liknende` is the edited list of similar municipalities (None: the computed ten),
    `sammenlign` the municipalities added to the growth page's lines and the matrix (a municipality's pack)."""
    valgt_periode = (fra, til) if fra or til else None   # the attractiveness model's period follows it then
    sammenlign = [k for k in (sammenlign or []) if k and k != kommune] if region is None else []
    register = kjor("region_kommuner")
    meta = dict(kjor("metadata").itertuples(index=False))
    dato = meta.get("dataens_dato", "")
    spenn = kjor("aarsspenn").iloc[0]
    dekning_df, syss_serie = kjor("vekst_dekning"), kjor("vekst_brudd")
    syss = dekning_df[dekning_df["tabell"] == "sysselsetting"]["siste"]
    syss_siste = int(syss.iloc[0]) if len(syss) and pd.notna(syss.iloc[0]) else None
    fra, til = _periode(int(spenn.forste), int(spenn.siste), fra, til, syss_siste)
    dekker = dekning.dekning(dekning_df, fra, til)
    kilder = dekning.kilder(dekning_df, meta, syss_serie, fra, til)
    if region is None:
        rad = register[register["kommunenummer"] == kommune]
        if rad.empty:
            raise ValueError(f"Ukjent kommunenummer «{kommune}».")
        k = rad.iloc[0]
        navn, medlemmer = str(k.navn), (kommune,)
        serie = kjor("vekst_serie", kommune=kommune, fra=fra, til=til, andre=",".join(sammenlign))
        undertittel = f"Kommune {kommune} · {k.fylkesnavn} · sentralitetsklasse {int(k.sentralitetsklasse)}"
    else:
        navn, medlemmer = region.navn, region.kommuner
        serie = regioner.serie(region, register, fra, til, kjor)
        undertittel = (f"{regioner.TYPER[region.type]} · {len(medlemmer)} kommuner: "
                       + ", ".join(dict(zip(register["kommunenummer"], register["navn"]))[m] for m in medlemmer))
    tall = vekst.nokkeltall(serie, fra, til)
    brudd = {b: t for b, t in _brudd(syss_serie, fra, til).items()}
    seksjoner = [
        _nokkeltall(navn, tall, serie, fra, til, dato, kilder, register, medlemmer, region),
        _befolkning(navn, serie, tall, fra, til, dato, kilder, kommune, region, kjor),
        _sysselsetting(navn, serie, tall, fra, til, dato, kilder, dekker, brudd),
        _omstilling(navn, kjor, kommune, region, fra, til, dato, kilder, brudd),
        _attraktivitet(navn, kommune, region, dato, valgt_periode, sammenlign),
        _sammenligning(navn, kommune, region, register, fra, til, dato, kilder, kjor, liknende),
        _kart(navn, medlemmer, register, dato, kjor),
        _workshop(navn, kommune, region),
        _metode(fra, til, dato, meta, region),
    ]
    return Grunnlag(f"Kunnskapsgrunnlag: {navn}", undertittel, dato,
                    dt.date.today().strftime("%d.%m.%Y"), [s for s in seksjoner if s is not None])


def _brudd(syss_serie, fra, til):
    from stadkraft.beregning import sysselsetting
    return sysselsetting.brudd_i_perioden(syss_serie, fra, til)


def regionraad_for(kommune: str) -> list[str]:
    """The regional councils Stadkraft knows (`region.REGIONRAAD_LISTE`) that the municipality belongs to."""
    return [navn for navn, kommuner, _ in regioner.REGIONRAAD_LISTE.values() if kommune in kommuner]


def _nokkeltall(navn, tall, serie, fra, til, dato, kilder, register, medlemmer, region) -> Seksjon:
    s = Seksjon("Nøkkeltall")
    folk, syss = _rad(tall, br.VALGT), _rad(tall, br.VALGT, "sysselsetting")
    rader = [("Folketall 1. januar " + str(til), fmt.tall(folk.slutt) if folk is not None else fmt.MANGLER),
             (f"Befolkningsendring {fra}–{til}", _vekst_tekst(folk)),
             (f"Sysselsatte (arbeidssted) {fra}–{til}", _vekst_tekst(syss))]
    reg = register[register["kommunenummer"].isin(list(medlemmer))]
    if region is None:
        k = reg.iloc[0]
        rader += [("Fylke", k.fylkesnavn), ("Sentralitetsklasse (1 = mest sentral)", f"{int(k.sentralitetsklasse)} av 6"),
                  ("Bo- og arbeidsmarkedsregion (NIBR 2020)", k.ba_regionnavn or "ukjent")]
        if raad := regionraad_for(k.kommunenummer):
            rader.append(("Regionråd", ", ".join(raad)))
    else:
        rader += [("Kommuner", str(len(medlemmer))), ("Fylke", ", ".join(reg["fylkesnavn"].unique())),
                  ("Inndeling", region.kilde)]
    s.deler.append(Tabell("nokkeltall", f"Nøkkeltall for {navn}", pd.DataFrame(rader, columns=["", "Verdi"]),
                          _kilde(f"{KILDE_SSB}: {kilder['befolkning']}, {kilder['sysselsetting']}", dato)))
    grupper = tall[(tall["maal"] == "befolkning") & (tall["gruppe"] != br.MEDLEM)]
    s.deler.append(Tabell("befolkning_sammenligning", f"Befolkning {fra}–{til} mot sammenligningsgruppene",
                          vekst.visningstabell(grupper, fra, til),
                          _kilde(f"{KILDE_SSB}, {kilder['befolkning']}; gruppene er summen av kommunene "
                                 "(2024-inndeling)", dato)))
    s.deler.append(Avsnitt(f"{navn} hadde {fmt.tall(folk.slutt) if folk is not None else '–'} innbyggere "
                           f"1. januar {til}. Tabellen viser endringen fra {fra} mot fylket, Norge og de andre "
                           "gruppene kommunen hører til; et streksymbol betyr at et år mangler tall."))
    return s


def _befolkning(navn, serie, tall, fra, til, dato, kilder, kommune, region, kjor) -> Seksjon:
    s = Seksjon("Befolkningsutvikling")
    indeks = dv.indeksserie(serie if region is None or len(region.kommuner) <= 8
                            else serie[serie["gruppe"] != br.MEDLEM], fra)
    d = indeks[indeks["maal"] == "befolkning"]
    beskr = dv.beskrivelse_indeks(d, "befolkning", fra, til)
    s.deler.append(Figur("befolkning_indeks", f"Befolkning, indeks ({fra} = 100)",
                         dv.indeksdiagram(d, f"Befolkning, indeks ({fra} = 100)", beskr), beskr,
                         _kilde(f"{KILDE_SSB}, {kilder['befolkning']}", dato), d,
                         _oppsett("indeks")))
    if region is None:
        komp = kjor("vekst_komponenter", kommune=kommune, fra=fra, til=til)
        if len(komp):
            beskr = dv.beskrivelse_komponenter(komp, navn, fra, til)
            s.deler.append(Figur("befolkning_komponenter", "Befolkningsendringens komponenter",
                                 dv.komponentdiagram(komp, f"Komponenter i befolkningsendringen, {navn}", beskr),
                                 beskr, _kilde(f"{KILDE_SSB}, {kilder['endring']}", dato),
                                 komp.assign(anslag=dv.komponent_anslag(komp)),
                                 _oppsett("komponenter")))
        else:
            s.deler.append(Avsnitt(f"Databasen har ikke befolkningsendringer for {fra}–{til - 1}."))
    else:
        b = br.bidrag(tall[tall["maal"] == "befolkning"])
        reg = _rad(tall, br.VALGT)
        beskr = dr.beskrivelse_bidrag(b, navn, reg.prosent if reg is not None else float("nan"), fra, til)
        s.deler.append(Figur("befolkning_bidrag", "Kommunenes bidrag til regionens vekst",
                             dr.bidragsdiagram(b, f"Bidrag til befolkningsveksten {fra}–{til}", beskr), beskr,
                             _kilde(f"{KILDE_SSB}, {kilder['befolkning']}", dato), b, _BIDRAG_CSV))
    return s


def _oppsett(hva: str) -> dict:
    from stadkraft import tekster
    return tekster.csv_oppsett(hva)


_BIDRAG_CSV = {"kolonner": {"kode": "Nr.", "navn": "Kommune", "start": "Folketall start", "slutt": "Folketall slutt",
                            "endring": "Endring", "prosent": "Endring %", "bidrag": "Bidrag (prosentpoeng)"},
               "desimaler": {"start": 0, "slutt": 0, "endring": 0, "prosent": 1, "bidrag": 2}}


def _sysselsetting(navn, serie, tall, fra, til, dato, kilder, dekker, brudd) -> Seksjon:
    from stadkraft.beregning import sysselsetting
    s = Seksjon("Sysselsetting")
    if not dekker["sysselsetting"]:
        s.deler.append(Avsnitt(f"Databasen har sysselsetting etter arbeidssted for {dekker['sysselsetting_aar']}; "
                               f"perioden {fra}–{til} går utenfor, så utviklingen kan ikke vises."))
        return s
    indeks = dv.indeksserie(serie[serie["gruppe"] != br.MEDLEM], fra)
    d = indeks[indeks["maal"] == "sysselsetting"]
    beskr = dv.beskrivelse_indeks(d, "sysselsetting", fra, til, brudd)
    s.deler.append(Figur("sysselsetting_indeks", f"Sysselsatte etter arbeidssted, indeks ({fra} = 100)",
                         dv.indeksdiagram(d, f"Sysselsetting, indeks ({fra} = 100)", beskr, brudd), beskr,
                         _kilde(f"{KILDE_SSB}, {kilder['sysselsetting']}", dato), d, _oppsett("indeks")))
    egne = tall[tall["gruppe"] == br.VALGT]
    s.deler.append(Tabell("sysselsetting_sektor", f"{navn}: sysselsetting etter sektor",
                          sysselsetting.sektortabell(egne.assign(gruppe="kommune"), fra, til),
                          _kilde(f"{KILDE_SSB}, {kilder['sysselsetting']}; offentlig = alle minus private", dato)))
    if notis := sysselsetting.brudd_notis(brudd, fra, til):
        s.deler.append(Avsnitt(notis))
    return s


def _omstilling(navn, kjor, kommune, region, fra, til, dato, kilder, brudd) -> Seksjon:
    s = Seksjon("Omstillingssil")
    s.deler.append(Avsnitt("Statens tommelfingerregel for ekstraordinære omstillingsmidler: en nedgang i "
                           "sysselsettingen over tre år på minst 15 % av den totale sysselsettingen og minst 150 "
                           "personer (Kommunal- og moderniseringsdepartementet, gjengitt av Regionrådet for "
                           "Hallingdal 2020). Silen er et første blikk, ikke et vedtak."))
    if region is None:
        syss = kjor("vekst_naering", kommune=kommune)
    else:
        syss = br.naeringssum(kjor("region_naering", kommuner=",".join(region.kommuner)), region.kommuner)
    skjerm = omstilling.skjerm(syss, fra=fra, til=til, brudd=brudd)
    if skjerm.empty:
        s.deler.append(Avsnitt(f"Perioden {fra}–{til} har ingen treårsvinduer med sysselsettingstall."))
        return s
    sam = omstilling.sammendrag(skjerm)
    beskr = dv.beskrivelse_omstilling(skjerm, sam, omstilling.MIN_ANDEL, omstilling.MIN_PERSONER)
    from stadkraft import tekster
    s.deler.append(Figur("omstilling", f"Nedgang i sysselsettingen over tre år, {navn}",
                         dv.omstillingsdiagram(skjerm, omstilling.MIN_ANDEL, f"Nedgang i sysselsettingen, {navn}",
                                               beskr), beskr,
                         _kilde(f"{KILDE_SSB}, {kilder['sysselsetting']}", dato), skjerm,
                         tekster.csv_oppsett("omstilling", brudd=bool(sam["over_brudd"]))))
    return s


def attraktivitetsperiode(forste: int, siste: int, valgt: tuple[int | None, int | None] | None) -> tuple[int, int]:
    """The matrix's period: the user's, inside the model's years, else the reports' standard period."""
    fra, til = perioder.STANDARD_PERIODE
    if valgt:
        fra, til = valgt[0] or forste, valgt[1] or siste
    fra, til = max(forste, fra), min(siste, til)
    if til <= fra:   # nothing of the chosen period in the model: the standard one
        fra, til = max(forste, perioder.STANDARD_PERIODE[0]), min(siste, perioder.STANDARD_PERIODE[1])
    return fra, til


def _attraktivitet(navn, kommune, region, dato, valgt_periode=None, sammenlign=()) -> Seksjon:
    s = Seksjon("Attraktivitet")
    try:
        from stadkraft.attraktivitet import modell as am
        from stadkraft.attraktivitet import periode as ap
        from stadkraft.diagram import attraktivitet as da
        m = am.for_database()
    except Exception as feil:  # the pack goes on without this part; the reason is stated
        s.deler.append(Avsnitt(f"Attraktivitetsmodellen kunne ikke regnes ut for denne databasen ({feil})."))
        return s
    if not m.aar:
        s.deler.append(Avsnitt("Databasen har ikke tallene attraktivitetsmodellen trenger (private arbeidsplasser "
                               "og befolkningsendringer for de samme årene)."))
        return s
    fra, til = attraktivitetsperiode(m.aar[0], m.aar[-1] + 1, valgt_periode)
    tabell = ap.periodetabell(m.aarlig, m.kommuner, fra, til, ap.typisk_spredning(m.aarlig))
    andre = list(region.kommuner) if region else list(sammenlign)
    punkt = None
    if region:   # the region's own point, weighted from its members (attraktivitet.region, one owner)
        from stadkraft.attraktivitet.region import regionperiode
        punkt = regionperiode(m.aarlig, region.kommuner, region.nokkel,
                              region.navn, fra, til, ap.typisk_spredning(m.aarlig))
    data = (da.matrisedata(tabell, None, (), region=punkt, medlemmer=andre) if region
            else da.matrisedata(tabell, kommune, andre))
    beskr = da.beskrivelse_matrise(data, fra, til)
    s.deler.append(Avsnitt("Telemarksforskings attraktivitetsmodell: næringsattraktivitet er vekst i private "
                           "arbeidsplasser utover det nasjonal vekst, bransjestruktur og befolkningsvekst tilsier; "
                           "bostedsattraktivitet er nettoflytting utover det størrelse, pendling og jobbvekst tilsier. "
                           "Null betyr «som forventet»."))
    s.deler.append(Figur("attraktivitet_matrise", f"Attraktivitet {fra}–{til}",
                         da.matrisediagram(data, f"Attraktivitet {fra}–{til}", beskr), beskr,
                         _kilde(f"{KILDE_SSB}; modell etter Telemarksforsking, regnet av Stadkraft", dato),
                         data[data["type"] == "punkt"].drop(columns=["type"], errors="ignore")))
    koder = [kommune, *andre] if kommune else andre
    rader = tabell[tabell["kommunenummer"].isin(koder)]
    if len(rader):
        vis = pd.DataFrame({
            "Kommune": rader["navn"],
            "Næring, % per år": [fmt.prosent(v, 2, fortegn=True) for v in rader["naering"]],
            "Bosted, % per år": [fmt.prosent(v, 2, fortegn=True) for v in rader["bosted"]],
            "Samlet": [fmt.prosent(v, 2, fortegn=True) for v in rader["samlet"]],
            "Klasse": rader["klasse"].fillna("–"),
            "Plass": [f"{int(r)} av {int(a)}" if pd.notna(r) else "–" for r, a in zip(rader["rang"], rader["antall"])]})
        s.deler.append(Tabell("attraktivitet_tall", f"Attraktivitet {fra}–{til}: posisjon og klasse", vis,
                              _kilde(f"{KILDE_SSB}; modell etter Telemarksforsking", dato)))
        if kommune and (kommune == rader["kommunenummer"]).any():
            r = rader[rader["kommunenummer"] == kommune].iloc[0]
            deler = [("Privat jobbvekst", r.get("privat_vekst")), ("Nasjonal vekst", r.get("nasjonal")),
                     ("Bransjeeffekt", r.get("bransje")), ("Befolkningseffekt", r.get("folk"))]
            s.deler.append(Tabell("attraktivitet_dekomponering", "Næringsattraktiviteten delt opp (% per år)",
                                  pd.DataFrame({"Del": [d for d, _ in deler],
                                                "Verdi": [fmt.prosent(v, 2, fortegn=True) for _, v in deler]}),
                                  _kilde("Stadkraft etter Telemarksforskings modell: næringsattraktivitet = privat "
                                         "jobbvekst minus nasjonal vekst, bransjeeffekt og befolkningseffekt", dato)))
    return s


def _sammenligning(navn, kommune, region, register, fra, til, dato, kilder, kjor, liknende=None) -> Seksjon:
    s = Seksjon("Naboer, liknende kommuner og regionen")
    navn_av = dict(zip(register["kommunenummer"], register["navn"]))
    kj = likhet.kjennetegn(kjor("region_likhet"))
    grupper = []
    if region is None:
        forslag = naboer.forslag(kjor("vekst_kommuner", kommune=kommune))
        grupper.append(("Nabokommuner", forslag.loc[forslag["er_nabo"], "kommunenummer"].tolist()))
        if forslag["er_naermeste"].any():   # an island: its nearest, said to be no neighbours
            grupper.append(("Nærmeste kommuner uten felles grense",
                            forslag.loc[forslag["er_naermeste"], "kommunenummer"].tolist()))
        kjente = set(register["kommunenummer"])
        egne = liknende is not None
        grupper.append(("Liknende kommuner (valgt av brukeren)" if egne else "Liknende kommuner",
                        [k for k in liknende if k in kjente and k != kommune] if egne else likhet.liknende(kj, kommune)))
        k = register[register["kommunenummer"] == kommune].iloc[0]
        if k.ba_region:
            grupper.append((f"BA-region {k.ba_regionnavn}", register.loc[register["ba_region"] == k.ba_region,
                                                                          "kommunenummer"].tolist()))
    else:
        grupper.append((navn, list(region.kommuner)))
    alle = sorted({x for _, g in grupper for x in g} | ({kommune} if kommune else set()))
    ingen = regioner.egen(register, alle, "alle")
    tall = vekst.nokkeltall(regioner.serie(ingen, register, fra, til, kjor, fylker=[]), fra, til)
    folk = tall[(tall["gruppe"] == br.MEDLEM) & (tall["maal"] == "befolkning")].set_index("kode")
    syss = tall[(tall["gruppe"] == br.MEDLEM) & (tall["maal"] == "sysselsetting")].set_index("kode")
    for tittel, koder in grupper:
        if not koder:
            s.deler.append(Avsnitt(f"{tittel}: ingen."))
            continue
        rekke = ([kommune] if kommune and kommune not in koder else []) + list(koder)
        vis = pd.DataFrame({
            "Kommune": [navn_av[k] + (" (valgt)" if k == kommune else "") for k in rekke],
            f"Folketall {til}": [fmt.tall(folk.loc[k, "slutt"]) if k in folk.index else "–" for k in rekke],
            f"Befolkning {fra}–{til}": [fmt.prosent(folk.loc[k, "prosent"], fortegn=True) if k in folk.index else "–"
                                        for k in rekke],
            f"Sysselsatte {fra}–{til}": [fmt.prosent(syss.loc[k, "prosent"], fortegn=True) if k in syss.index else "–"
                                         for k in rekke],
            "Sentralitet": [str(int(x)) for x in register.set_index("kommunenummer").loc[rekke, "sentralitetsklasse"]]})
        s.deler.append(Tabell(f"sammenligning_{len(s.deler) + 1}", tittel, vis,
                              _kilde(f"{KILDE_SSB}, {kilder['befolkning']}, {kilder['sysselsetting']}", dato)))
    if region is None:
        s.deler.append(Avsnitt(("Listen over liknende kommuner er valgt av brukeren. Forslaget er " if liknende is not None
                                else "Liknende kommuner er ")
                               + "de ti som ligner mest på folketall, sentralitet, bosettingstetthet, "
                                 "arbeidsplassdekning og andel private arbeidsplasser (se Metode)."))
    return s


def _kart(navn, medlemmer, register, dato, kjor) -> Seksjon:
    s = Seksjon("Kart")
    fylker = register.loc[register["kommunenummer"].isin(list(medlemmer)), "fylkesnummer"].unique().tolist()
    grenser = kjor("kommunegrenser")
    grenser = grenser[grenser["fylkesnummer"].isin(fylker)]
    if grenser.empty:
        s.deler.append(Avsnitt("Databasen har ikke kommunegrensene."))
        return s
    beskr = dr.beskrivelse_kart(navn, grenser, medlemmer)
    s.deler.append(Figur("kart", f"{navn} i fylket", dr.oversiktskart(grenser, medlemmer, f"{navn} i fylket", beskr),
                         beskr, _kilde(f"{KILDE_KART}; 2024-inndeling", dato)))
    return s


MAKS_OKTER = 3   # sessions per tool in the pack, the latest: the pack stays within 8-15 pages


def workshopkilde(okt) -> str:
    """What a published result is: a self-assessment (one person's scores) or a workshop's plenary."""
    if okt.er_egenvurdering:
        return "Kilde: Stadkraft, egenvurdering (én persons vurdering, publisert)."
    return "Kilde: Stadkraft-workshop, omforent resultat i plenum (publisert)."


def siste_okter(historikk: list, antall: int = MAKS_OKTER) -> tuple[list, int]:
    """The latest `antall` of a tool's sessions (the store gives them oldest first), and how many are left out."""
    return historikk[-antall:] if antall else [], max(0, len(historikk) - antall)


def _workshop(navn, kommune, region) -> Seksjon | None:
    """The agreed results of earlier capacity-diamond and priority workshops and published self-assessments,
    the latest `MAKS_OKTER` per tool. Only what the store's `historikk` returns: published sessions' plenary
    scores, never an answer."""
    from stadkraft.workshop.lager import DB_STANDARD, lager_fra_miljo
    from stadkraft.workshop.modell import Enhet as WsEnhet
    s = Seksjon("Workshopresultater")
    sti = os.environ.get("STADKRAFT_WORKSHOP_DB") or str(DB_STANDARD)
    if not os.environ.get("STADKRAFT_WORKSHOP_URL") and not Path(sti).exists():
        s.deler.append(Avsnitt("Ingen workshoplager er satt opp, så det finnes ingen tidligere resultater å vise."))
        return s
    from stadkraft.workshop.verktoy import verktoy
    enhet = WsEnhet.kommune(kommune, navn) if kommune else WsEnhet.fritekst(navn, "region")
    funnet = False
    try:
        lager = lager_fra_miljo()
    except Exception:  # noqa: BLE001 - an unreachable store must not stop the pack
        s.deler.append(Avsnitt("Workshoplageret svarte ikke, så tidligere workshopresultater er ikke med."))
        return s
    for type_ in ("kapasitet", "prioritering"):
        v = verktoy(type_)
        try:
            historikk = lager.historikk(type_, enhet)
        except Exception:  # noqa: BLE001 - an unreachable store must not stop the pack
            s.deler.append(Avsnitt(f"{v.navn}: workshoplageret svarte ikke."))
            continue
        okter, utelatt = siste_okter(historikk)
        for okt, skaar in okter:
            funnet = True
            navn_av = {e.nokkel: e.navn for e in lager.elementer(okt.kode, med_fjernede=True)}
            karakter = "Felleskarakter" if len(v.akser) == 1 else v.akser[0].capitalize()
            if okt.er_egenvurdering:
                karakter = "Karakter" if len(v.akser) == 1 else karakter
            vis = pd.DataFrame({v.elementord[0].capitalize(): [navn_av.get(k, k) for k in skaar],
                                karakter: [fmt.tall(x.verdi) for x in skaar.values()],
                                **({v.akser[1].capitalize(): [fmt.tall(x.verdi2) for x in skaar.values()]}
                                   if len(v.akser) > 1 else {})})
            hva = "egenvurdering" if okt.er_egenvurdering else "workshop"
            s.deler.append(Tabell(f"workshop_{type_}_{okt.dato:%Y%m%d}_{okt.kode}",
                                  f"{v.navn}: {okt.tittel} ({hva}, {okt.dato:%d.%m.%Y})",
                                  vis, workshopkilde(okt)))
        if utelatt:
            hvor_mange = "ett eldre publisert resultat" if utelatt == 1 else f"{utelatt} eldre publiserte resultater"
            s.deler.append(Avsnitt(f"{v.navn}: {hvor_mange} er ikke tatt med; de {MAKS_OKTER} siste vises."))
    if not funnet:
        s.deler.append(Avsnitt(f"Det finnes ingen publiserte workshopresultater for {navn}."))
    return s


def _metode(fra, til, dato, meta, region) -> Seksjon:
    s = Seksjon("Kilder og metode")
    tekst = [
        f"Befolkning 1. januar og sysselsatte etter arbeidssted (4. kvartal) fra {KILDE_SSB}, harmonisert til "
        "2024-inndelingen (357 kommuner) med SSBs omkodingstabeller. Tall for kommuner som er delt, er fordelt "
        "etter en vekt og merket som anslag.",
        f"En periode {fra}–{til} går fra 1. januar {fra} til 1. januar {til}. Vekst i prosent er endringen delt på "
        "startverdien; mangler et år i perioden, regnes ingen vekst.",
        "Grupper (fylke, sentralitetsklasse, BA-region, regionråd, egen gruppe) er summen av kommunene; et år der "
        "en kommune mangler tall, gir ingen sum. En kommunes bidrag til regionens vekst er kommunens endring i "
        "prosent av regionens folketall i startåret; bidragene summerer seg til regionens vekst.",
        "Liknende kommuner: fem kjennetegn (folketall og bosettingstetthet på log-skala, sentralitetsindeks, "
        "arbeidsplasser per sysselsatt innbygger, andel private arbeidsplasser), standardisert over alle kommuner; "
        "avstanden er roten av snittet av de kvadrerte forskjellene (slik Kolada og KOSTRA-gruppene sammenligner).",
        "Regionråd: medlemmer etter Onsager, NIBR-rapport 2019:7 (kap. 5.4) og Regionrådet for Hallingdal (2020), "
        "ført over til 2024-kommunenumre.",
        f"Kart: {KILDE_KART}. Bo- og arbeidsmarkedsregioner: NIBR 2020.",
        f"Dataenes dato: {dato or 'ukjent'}; databasen bygget {str(meta.get('bygget', ''))[:10] or 'ukjent'}. "
        "Stadkraft henter ingen data over nettet når rapporten lages.",
    ]
    s.deler.extend(Avsnitt(t) for t in tekst)
    return s
