"""Prioriteringsverktøyet: templates, sheets in and out, the summary without skips, the ranked
list, the matrix's layout (no point hidden, no label on another), and the store's items, groups
and plenary on both back ends (group and plenary placements kept apart from the answers and
from each other)."""
from __future__ import annotations

import io
import itertools
import math
from datetime import date

import pandas as pd
import pytest

from stadkraft.verktoy import prioritering as p
from stadkraft.verktoy.prioritering.diagram import (
    HOY, KORT_ETIKETT, LAV, PLASSER, Punkt, kort_navn, kortere_navn, plasser_etiketter, spre)
from stadkraft.verktoy.prioritering.kontekst import kontekstlinje
from stadkraft.workshop import Enhet, Fase, PLENUM, UgyldigSvar, UlovligFase, verktoy
from stadkraft.workshop.modell import HOPPET, MAKS_ELEMENTER
from stadkraft.workshop.rapport import konsensus_excel, rapport_pdf, uten_formler
from stadkraft.workshop.regneark import arkrader, les_ark, som_excel
from tests.hjelp.workshop import BAKSTYKKE, lager_for_test

V = verktoy("prioritering")
FROYA = Enhet.kommune("5014", "Frøya")


@pytest.fixture(params=BAKSTYKKE)
def lager(request, tmp_path):
    with lager_for_test(request.param, tmp_path) as l:
        yield l


# --- Templates and sheets ------------------------------------------------------------------------

def test_malene_har_verktoyets_eksempler_og_de_fire_faktorgruppene():
    assert list(p.MALER)[0] == "Eksemplene i verktøyet"
    assert [e.navn for e in p.MALER["Eksemplene i verktøyet"]][:4] == [
        "Arbeidsplasser", "Tilgang på arbeidskraft", "Pendlingsmuligheter", "Boligtilbud"]
    assert len(p.MALER) == 5
    alle = [e for mal in p.MALER.values() for e in mal]
    assert len({e.navn.casefold() for e in alle}) == len(alle)
    assert {e.statistikk for e in alle} <= {"", *p.STATISTIKKER}
    # The three links the issue names: housing -> population, jobs -> employment, commuting -> commuting.
    assert (V.malstatistikk("boligtilbud"), V.malstatistikk("Arbeidsplasser"), V.malstatistikk("Pendlingsmuligheter")) \
        == ("befolkning", "sysselsetting", "pendling")
    assert V.malstatistikk("Noe eget") == ""


def test_regneark_i_det_opprinnelige_oppsettet():
    csv = "Element;Viktighet;Påvirkbarhet\nBoligtilbud;5;3\nBredbånd;;\n\n  Veier  og havner ;4;2\n".encode("utf-8-sig")
    rader = les_ark(csv, "liste.csv", V)
    assert [(r.navn, r.verdier) for r in rader] == [("Boligtilbud", (5, 3)), ("Bredbånd", None),
                                                     ("Veier og havner", (4, 2))]
    # Without a header, with commas and Windows' encoding; columns named in other words.
    assert [r.navn for r in les_ark("Bø,2,2\nÅsen,1,5\n".encode("windows-1252"), "x.csv", V)] == ["Bø", "Åsen"]
    assert les_ark("Tiltak;Viktig;Lokal påvirkningsgrad\nA;1;2\n".encode(), "x.csv", V)[0].verdier == (1, 2)
    # Excel there and back: the exported sheet reads in again as it was.
    from stadkraft.workshop.modell import Skaar
    from stadkraft.workshop.verktoy import Element
    elementer = [Element("e1", "Boligtilbud"), Element("e2", "Bredbånd")]
    ramme = arkrader(V, elementer, {"e1": Skaar("e1", 4, 2)})
    assert list(ramme.columns) == ["Element", "Viktighet", "Påvirkbarhet"]
    tilbake = les_ark(som_excel(ramme), "liste.xlsx", V)
    assert [(r.navn, r.verdier) for r in tilbake] == [("Boligtilbud", (4, 2)), ("Bredbånd", None)]


@pytest.mark.parametrize("innhold, filnavn, melding", [
    (b"Element;Viktighet;P\xc3\xa5virkbarhet\nBolig;7;3\n", "a.csv", r"Rad 2: viktighet er 7, men må være et heltall fra 1 til 5"),
    (b"Element;Viktighet;P\xc3\xa5virkbarhet\nBolig;h\xc3\xb8y;3\n", "a.csv", "er ikke et tall"),
    (b"Element;Viktighet;P\xc3\xa5virkbarhet\nBolig;4;\n", "a.csv", "bare én av aksene"),
    (b"Element\nBolig\nbolig \n", "a.csv", "står to ganger"),
    (b"\n\n", "a.csv", "er tom"),
    (b"PK\x03\x04ikke en arbeidsbok", "a.xlsx", "Fant ikke et lesbart regneark"),
    (b"\x00\x01\x02", "a.csv", "ser ikke ut som en tekstfil"),
    (b"%PDF-1.4", "a.pdf", "verken Excel"),
    (("x" * 300 + ";1;1\n").encode(), "a.csv", "høyst 200"),
    ("".join(f"E{i};1;1\n" for i in range(MAKS_ELEMENTER + 1)).encode(), "a.csv", f"høyst {MAKS_ELEMENTER}"),
    (b"x" * 1_000_001, "a.csv", "for stor"),
])
def test_odelagte_ark_gir_en_klar_melding(innhold, filnavn, melding):
    with pytest.raises(UgyldigSvar, match=melding):
        les_ark(innhold, filnavn, V)


# --- The summary, the ranked list, disagreement --------------------------------------------------

def _anonyme(rader):
    return pd.DataFrame(rader, columns=["element", "verdi", "verdi2", "begrunnelse"])


def test_kan_ikke_vurdere_teller_ikke_i_snittet():
    from stadkraft.workshop.verktoy import Element
    elementer = [Element("e1", "Bolig"), Element("e2", "Bredbånd")]
    o = p.oppsummer(_anonyme([("e1", 5, 1, None), ("e1", 3, 3, None), ("e1", None, None, None),
                              ("e2", None, None, None)]), elementer).set_index("nokkel")
    assert (o.loc["e1", "n"], o.loc["e1", "hoppet"]) == (2, 1)
    assert (o.loc["e1", "viktighet"], o.loc["e1", "påvirkbarhet"]) == (4.0, 2.0)   # not (8/3, 4/3)
    assert o.loc["e1", "kvadrant"] == "Viktig, men vanskelig å påvirke"
    assert o.loc["e2", "n"] == 0 and math.isnan(o.loc["e2", "viktighet"]) and o.loc["e2", "kvadrant"] == ""


def test_rangering_grupper_og_uenighet():
    from stadkraft.workshop.modell import Skaar
    from stadkraft.workshop.verktoy import Element
    elementer = [Element("e1", "A"), Element("e2", "B"), Element("e3", "C")]
    o = p.oppsummer(_anonyme([("e1", 2, 5, None), ("e2", 5, 2, None), ("e3", 5, 4, None)]), elementer)
    grupper = {"Bord 1": {"e1": Skaar("e1", 4, 4), "e2": Skaar("e2", 5, 1)}, "Bord 2": {"e1": Skaar("e1", 2, 4)}}
    liste = p.rangering(o, elementer, {"e1": Skaar("e1", 5, 5)}, grupper)
    assert list(liste["navn"]) == ["A", "C", "B"]      # A's agreed 5/5 beats C's mean 5/4 and B's 5/2
    assert list(liste["rang"]) == [1, 2, 3] and list(liste["avtalt"]) == [True, False, False]
    assert liste.loc[0, "gruppe:Bord 1"] == (4.0, 4.0) and liste.loc[0, "gruppe:Bord 2"] == (2.0, 4.0)
    assert liste.loc[2, "gruppe:Bord 2"] is None
    assert p.uenighet(grupper) == {"e1": 2}            # only items two groups placed
    assert list(liste["kvadrant"]) == ["Viktig og mulig å påvirke"] * 2 + ["Viktig, men vanskelig å påvirke"]


def test_plenumsmatrisen_ringer_inn_uenighet():
    from stadkraft.workshop.modell import Skaar
    from stadkraft.workshop.verktoy import Element
    elementer = [Element("e1", "Boligtilbud"), Element("e2", "Bredbånd")]
    o = p.oppsummer(_anonyme([("e1", 3, 4, None), ("e2", 5, 2, None)] * 3), elementer)
    grupper = {"Bord 1": {"e1": Skaar("e1", 5, 4), "e2": Skaar("e2", 5, 2)},
               "Bord 2": {"e1": Skaar("e1", 2, 4), "e2": Skaar("e2", 4, 2)}}   # 3 apart on e1, 1 on e2
    diagram, tekst = V.gruppediagram(o, grupper, {}, elementer=elementer)
    spek = diagram.to_dict()
    ringer = [lg for lg in spek["layer"] if lg["mark"].get("type") == "point" and lg["mark"].get("filled") is False]
    assert len(ringer) == 1 and ringer[0]["mark"]["strokeDash"]           # dashed: reads in black and white
    assert [r["nokkel"] for r in spek["datasets"][ringer[0]["data"]["name"]]] == ["e1"]
    assert "uenige (minst 2 poeng) om: Boligtilbud (ringet inn)" in tekst
    enige, tekst = V.gruppediagram(o, {"Bord 1": grupper["Bord 1"]}, {}, elementer=elementer)
    assert not [lg for lg in enige.to_dict()["layer"] if lg["mark"].get("filled") is False]
    assert "omtrent enige" in tekst


# --- The matrix's layout --------------------------------------------------------------------------

def test_like_plasseringer_skjuler_aldri_hverandre():
    like = [Punkt(f"e{i}", i, f"Element {i}", 4.0, 4.0) for i in range(1, 26)]
    spredt = spre(like, avstand=0.25)
    for a, b in itertools.combinations(spredt, 2):
        assert math.dist((a.x, a.y), (b.x, b.y)) >= 0.25 * 0.99
    assert spre(like, avstand=0.25) == spredt                      # deterministic
    # Near, not equal; and points that are apart stay where they are.
    naer = [Punkt("a", 1, "A", 2.0, 2.0), Punkt("b", 2, "B", 2.05, 2.0), Punkt("c", 3, "C", 5.0, 1.0)]
    ut = spre(naer, avstand=0.25)
    assert math.dist((ut[0].x, ut[0].y), (ut[1].x, ut[1].y)) >= 0.2499 and ut[2] == naer[2]
    assert math.isclose((ut[0].x + ut[1].x) / 2, 2.025) and math.isclose(ut[0].y + ut[1].y, 4.0)


def test_etiketter_legges_aldri_over_hverandre():
    punkter = spre([Punkt(f"e{i}", i, f"Et ganske langt elementnavn {i}", 1 + (i % 5), 1 + (i * 3 % 5))
                    for i in range(1, 26)] + [Punkt("x", 26, "Midt i", 3.0, 3.0)], avstand=0.25)
    tegnbredde, hoyde, luft = 0.06, 0.2, 0.15
    plasser = plasser_etiketter(punkter, tegnbredde, hoyde, luft)
    bokser = []
    plass = {n: (r, o) for n, r, o in PLASSER}
    for q, (side, tekst) in zip(punkter, plasser):
        if not side:
            continue
        assert tekst in (kort_navn(q.navn), kortere_navn(q.navn))
        retning, opp = plass[side]
        bredde = len(tekst) * tegnbredde
        x0 = q.x + luft if retning > 0 else q.x - luft - bredde
        y0 = q.y - hoyde / 2 + opp * hoyde * 0.9
        bokser.append((x0, y0, x0 + bredde, y0 + hoyde))
    # 17 of 26 named whole, 5 more by their first words (measured): a crowded grid, 4 numbers only.
    hele = sum(1 for q, (s, t) in zip(punkter, plasser) if s and t == kort_navn(q.navn))
    assert hele >= 15 and len(bokser) >= 22
    for a, b in itertools.combinations(bokser, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert all(LAV <= b[0] and b[2] <= HOY for b in bokser)


def test_kortere_navn_holder_hele_ord():
    assert kortere_navn("Boligtilbud for unge familier") == "Boligtilbud…"
    assert kortere_navn("Veier") == "Veier"
    assert kortere_navn("Bredbåndsutbygging i distriktene") == "Bredbåndsutb…"   # one long word: cut
    assert len(kortere_navn("Et ganske langt elementnavn 3")) <= KORT_ETIKETT


def test_matrisen_har_feltet_navngitt_og_et_punkt_per_element():
    from stadkraft.workshop.verktoy import Element
    elementer = [Element("e1", "Bolig"), Element("e2", "Bredbånd"), Element("e3", "Veier")]
    o = p.oppsummer(_anonyme([("e1", 5, 5, None), ("e2", 2, 4, None), ("e3", None, None, None)]), elementer)
    diagram, tekst = V.diagram(o, {"e2": (3, 4)}, (("År 1", {"e1": (2, 2)}),), "no", 600, elementer=elementer,
                               spredning=True)
    spec = diagram.to_dict()
    data = [r for d in spec["datasets"].values() for r in d]
    assert {r["tekst"] for r in data if "tekst" in r} >= {"Viktig og mulig å påvirke"}
    punkter = [r for r in data if "serie" in r]
    assert {(r["nokkel"], r["serie"]) for r in punkter} == {
        ("e1", "Snitt av enkeltsvar"), ("e2", "Felles plassering"), ("e1", "År 1")}   # e3: nobody scored it
    assert "Bolig (viktighet 5, påvirkbarhet 5)" in tekst and "Bredbånd" in tekst
    assert "Pilene viser flyttingen fra År 1" in tekst


def test_statistikk_ved_siden_av_elementet():
    fakta = pd.DataFrame([{"maal": "befolkning", "fra": 2016, "til": 2026, "start": 4799, "slutt": 5794},
                          {"maal": "pendling", "fra": 2022, "til": 2022, "start": 402, "slutt": 2840},
                          {"maal": "sysselsetting", "fra": 2017, "til": 2022, "start": None, "slutt": 3263}])
    assert kontekstlinje("befolkning", fakta, "Frøya") == \
        "Folketallet i Frøya: 5\u00a0794 i 2026, +20,7\u00a0% siden 2016 (SSB)."
    assert kontekstlinje("pendling", fakta, "Frøya").startswith("14\u00a0% av de sysselsatte som bor i Frøya")
    assert kontekstlinje("sysselsetting", fakta, "Frøya") is None       # a hole is no figure


# --- The store: items, skips, groups, plenary ----------------------------------------------------------

def _okt(lager, elementer=("Boligtilbud", "Bredbånd", "Veier")):
    ny = lager.opprett_okt("prioritering", FROYA, "Prioritering", date(2026, 5, 1), elementer=list(elementer))
    return ny.okt.kode, ny.token


def test_elementer_endres_mens_okta_gaar(lager):
    kode, token = _okt(lager)
    assert [(e.nokkel, e.navn, e.statistikk) for e in lager.elementer(kode)] == [
        ("e1", "Boligtilbud", "befolkning"), ("e2", "Bredbånd", ""), ("e3", "Veier", "")]
    foer = lager.tilstand(kode)
    lager.send_svar(kode, "deltaker-0001", {"e1": (5, 3), "e2": HOPPET, "e3": (2, 2)})
    nye = lager.legg_til_elementer(kode, token, ["Arbeidsplasser"])
    assert [(e.nokkel, e.statistikk) for e in nye] == [("e4", "sysselsetting")]
    assert lager.tilstand(kode) != foer                              # what a phone's check sees
    with pytest.raises(UgyldigSvar, match="Står allerede i lista: bredbånd"):
        lager.legg_til_elementer(kode, token, ["bredbånd"])
    lager.fjern_element(kode, token, "e1")                            # answered: kept in the record
    lager.fjern_element(kode, token, "e4")
    assert [e.nokkel for e in lager.elementer(kode)] == ["e2", "e3"]
    assert [e.nokkel for e in lager.elementer(kode, med_fjernede=True)] == ["e1", "e2", "e3", "e4"]
    with pytest.raises(UgyldigSvar, match="Ukjent element «e4»"):
        lager.fjern_element(kode, token, "e4")
    assert lager.legg_til_elementer(kode, token, ["Ny"])[0].nokkel == "e5"   # keys are never reused
    lager.flytt_element(kode, token, "e5", -5)
    assert [e.nokkel for e in lager.elementer(kode)] == ["e5", "e2", "e3"]
    assert lager.mitt_svar(kode, "deltaker-0001")["e2"].hoppet
    assert lager.tell_rader(kode)["svar"] == 3
    with pytest.raises(Exception):
        lager.legg_til_elementer(kode, "feil-token", ["X"])
    with pytest.raises(UgyldigSvar, match="har faste elementer"):
        ny = lager.opprett_okt("kapasitet", FROYA, "Diamant", date(2026, 5, 1))
        lager.legg_til_elementer(ny.okt.kode, ny.token, ["X"])


@pytest.mark.parametrize("skaarer, melding", [
    ({"e1": (7, 3), "e2": (1, 1), "e3": (1, 1)}, r"Boligtilbud \(viktighet\) er 7"),
    ({"e1": (3, 3), "e2": (1, 1), "e9": (1, 1)}, "Ukjent element: e9"),
    ({"e1": (3, 3), "e2": (1, 1)}, "mangler karakter for: Veier"),
    ({"e1": (3, "9" * 5000), "e2": (1, 1), "e3": (1, 1)}, "svært stort tall, men må være fra 1 til 5"),
    ({"e1": (3, 10 ** 5000), "e2": (1, 1), "e3": (1, 1)}, "svært stort tall"),
    ({"e1": (3, "3\ud800"), "e2": (1, 1), "e3": (1, 1)}, "er ikke et heltall"),
    ({"e1": "hopp", "e2": (1, 1), "e3": (1, 1)}, "trenger to karakterer"),
])
def test_feil_svar_lagrer_ingenting(lager, skaarer, melding):
    kode, _ = _okt(lager)
    with pytest.raises(UgyldigSvar, match=melding):
        lager.send_svar(kode, "deltaker-0001", skaarer)
    assert lager.tell_rader(kode) == {"svar": 0, "unike": 0, "deltakere": 0}


def test_grupper_og_plenum_holdes_fra_hverandre(lager):
    kode, token = _okt(lager)
    for i in range(6):
        lager.send_svar(kode, f"deltaker-{i:04d}", {"e1": (5, 1 + i % 5), "e2": (3, 3) if i else HOPPET, "e3": (1, 4)})
    with pytest.raises(UlovligFase, match="når resultatet er vist"):
        lager.velg_gruppe(kode, "deltaker-0000", "Bord 1")
    lager.set_fase(kode, token, Fase.STENGT)
    lager.set_fase(kode, token, Fase.VIST)
    assert lager.tilstand(kode)[2] == ()
    assert lager.sett_grupper(kode, token, ["Bord 1", " Bord  2 ", ""]) == ["Bord 1", "Bord 2"]
    assert lager.tilstand(kode)[2] == ("Bord 1", "Bord 2")          # the phones see groups to join
    with pytest.raises(UgyldigSvar, match="samme navn"):
        lager.sett_grupper(kode, token, ["Bord 1", "bord 1"])
    lager.velg_gruppe(kode, "deltaker-0000", "Bord 1")
    with pytest.raises(UgyldigSvar, match="Ukjent gruppe «Bord 9»"):
        lager.velg_gruppe(kode, "deltaker-0001", "Bord 9")
    with pytest.raises(UgyldigSvar, match="sendt inn sine egne svar"):
        lager.velg_gruppe(kode, "deltaker-9999", "Bord 1")
    foer = lager.tilstand(kode)
    assert foer.noen_uten_gruppe
    assert lager.fordel_grupper(kode, token) == {"Bord 1": 3, "Bord 2": 3}     # the rest shared out evenly
    assert lager.tilstand(kode) != foer and not lager.tilstand(kode).noen_uten_gruppe   # the phones redraw
    assert lager.min_gruppe(kode, "deltaker-0000") == "Bord 1"
    with pytest.raises(UgyldigSvar, match="har medlemmer"):
        lager.sett_grupper(kode, token, ["Bord 1"])
    with pytest.raises(UlovligFase, match="Gruppearbeid"):
        lager.sett_gruppeplassering(kode, "deltaker-0000", {"e1": (4, 4)})
    lager.set_fase(kode, token, Fase.GRUPPE)
    with pytest.raises(UlovligFase, match="før gruppearbeidet"):   # groups are locked now: a member
        lager.velg_gruppe(kode, "deltaker-0000", "Bord 2")          # moving would show their scores
    with pytest.raises(UlovligFase):
        lager.fordel_grupper(kode, token)

    medlem2 = next(f"deltaker-{i:04d}" for i in range(6) if lager.min_gruppe(kode, f"deltaker-{i:04d}") == "Bord 2")
    assert lager.sett_gruppeplassering(kode, "deltaker-0000", {"e1": (4, 4)}) == "Bord 1"   # item by item
    lager.sett_gruppeplassering(kode, medlem2, {"e1": (2, 5), "e3": (1, 1)})
    lager.sett_konsensus(kode, token, {"e2": (3, 3)}, niva="Bord 1")       # the facilitator for a group
    with pytest.raises(UgyldigSvar, match="fra 1 til 5"):
        lager.sett_gruppeplassering(kode, medlem2, {"e1": HOPPET})           # a placement is never a skip
    assert [r["plassert"] for r in lager.gruppestatus(kode)] == [2, 2]
    with pytest.raises(UlovligFase, match="Plenum"):
        lager.sett_konsensus(kode, token, {"e1": (5, 5)})
    lager.set_fase(kode, token, Fase.KONSENSUS)
    with pytest.raises(UlovligFase, match="Gruppearbeid"):
        lager.sett_gruppeplassering(kode, medlem2, {"e2": (1, 1)})
    lager.sett_konsensus(kode, token, {"e1": (5, 4)})                        # the plenary, partly

    assert {k: (s.verdi, s.verdi2) for k, s in lager.konsensus(kode, "Bord 1").items()} == {"e1": (4, 4), "e2": (3, 3)}
    assert {k: (s.verdi, s.verdi2) for k, s in lager.konsensus(kode, "Bord 2").items()} == {"e1": (2, 5), "e3": (1, 1)}
    assert {k: (s.verdi, s.verdi2) for k, s in lager.konsensus(kode, PLENUM).items()} == {"e1": (5, 4)}
    assert lager.nivaer(kode) == ["Bord 1", "Bord 2", PLENUM]
    assert lager.tell_rader(kode) == {"svar": 18, "unike": 18, "deltakere": 6}
    assert {s.verdi for s in lager.mitt_svar(kode, "deltaker-0003").values()} == {5, 3, 1}   # untouched
    oppsummering = V.oppsummer(lager.anonyme_svar(kode), lager.elementer(kode))
    assert oppsummering.set_index("nokkel").loc["e2", "hoppet"] == 1
    assert lager.historikk("prioritering", FROYA) == []                      # not published
    lager.publiser(kode, token)
    assert [o.kode for o, _ in lager.historikk("prioritering", FROYA)] == [kode]


def test_rapporten_og_excel_for_en_lang_liste(tmp_path):
    from stadkraft.workshop.modell import Skaar
    with lager_for_test("duckdb", tmp_path) as lager:
        navn = [e.navn for mal in p.MALER.values() for e in mal][:25]
        kode, token = _okt(lager, navn)
        elementer = lager.elementer(kode)
        for i in range(5):
            lager.send_svar(kode, f"deltaker-{i:04d}", {e.nokkel: (1 + (i + j) % 5, 1 + j % 5)
                                                       for j, e in enumerate(elementer)})
        for fase in (Fase.STENGT, Fase.VIST):
            lager.set_fase(kode, token, fase)
        okt = lager.okt(kode)
        o = V.oppsummer(lager.anonyme_svar(kode), elementer)
        konsensus = {"e1": Skaar("e1", 5, 5, "=HYPERLINK(\"http://x\")")}
        grupper = {"Bord 1": {"e1": Skaar("e1", 4, 4)}, "Bord 2": {"e1": Skaar("e1", 2, 4)}}
        diagram, tekst = V.diagram(o, {"e1": (5, 5)}, (), "no", 520, elementer=elementer)
        pdf = rapport_pdf(okt, o, konsensus, [], diagram, {}, tekst, elementer=elementer, grupper=grupper)
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") >= 2
        ark = pd.read_excel(io.BytesIO(konsensus_excel(okt, o, konsensus, elementer, grupper)))
        assert list(ark.columns[:8]) == ["kode", "enhet", "tittel", "dato", "runde", "rang", "element", "viktighet"]
        assert len(ark) == 25 and ark.loc[0, "element"] == navn[0] and ark.loc[0, "gruppe Bord 2"] == "2 / 4"
        assert ark.loc[0, "uenighet mellom gruppene"] == 2
        assert ark.loc[0, "merknad"].startswith("'=")                       # no formula reaches Excel
    assert uten_formler("-1") == "'-1" and uten_formler("Bolig") == "Bolig" and uten_formler(3) == 3


def test_ingen_formel_og_ingen_liten_gruppe_i_filene(tmp_path):
    from openpyxl import load_workbook

    from stadkraft.workshop.rapport import svar_csv
    from stadkraft.workshop.verktoy import Element
    bok = load_workbook(io.BytesIO(som_excel(arkrader(V, [Element("e1", '=HYPERLINK("http://x","klikk")')]))))
    celle = bok.active["A2"]
    assert celle.data_type == "s" and celle.value.startswith("'=")       # text, not a formula
    with lager_for_test("duckdb", tmp_path) as lager:
        kode, token = _okt(lager)
        for i in range(5):
            lager.send_svar(kode, f"deltaker-{i:04d}", {"e1": (5, 3), "e2": (2, 2), "e3": (1, 1)})
        for fase in (Fase.STENGT, Fase.VIST):
            lager.set_fase(kode, token, fase)
        lager.sett_grupper(kode, token, ["Stor", "Liten"])
        for i in range(5):
            lager.velg_gruppe(kode, f"deltaker-{i:04d}", "Stor" if i < 3 else "Liten")
        rader = pd.read_csv(io.BytesIO(svar_csv(lager.okt(kode), lager.svar(kode, token), lager.elementer(kode))),
                            sep=";")
    assert set(rader["gruppe"]) == {"Stor", "skjult (færre enn 3)"}       # two people: withheld


@pytest.mark.parametrize("antall", [0, 1, 2, 3, 4, 5, 8])
def test_pdf_tabellen_passer_for_alle_gruppeantall(antall):
    kol, _, _ = V.pdftabell(None, {}, elementer=(), grupper={f"Gruppe {i}": {} for i in range(antall)})
    assert sum(b for _, b in kol) <= 180 and min(b for _, b in kol) >= 9


def test_pdf_tabellens_nummer_er_punktets_nummer():
    from stadkraft.workshop.verktoy import Element
    elementer = [Element("e1", "A"), Element("e2", "B")]
    o = p.oppsummer(_anonyme([("e1", 1, 1, None), ("e2", 5, 5, None)]), elementer)
    _, rader, _ = V.pdftabell(o, {}, elementer=elementer)
    assert [(r[0], r[1]) for r in rader] == [("2", "B"), ("1", "A")]   # ranked, numbered as in the matrix


def test_matrisen_med_spredning_tegner_kryss():
    """«Vis spredning» drew with a colour key that did not exist (KeyError 'snitt')."""
    from stadkraft.verktoy.prioritering import diagram as dp
    p = [dp.Punkt("a", 1, "Alfa", 3.0, 4.0)]
    lag = dp.matrise(p, spredning={"a": (0.5, 0.4)}).to_dict()["layer"]
    kryss = [lg for lg in lag if lg["mark"].get("type") == "rule" and lg["mark"].get("opacity") == 0.35]
    assert kryss and kryss[0]["mark"]["color"] == dp.FARGER[dp.SNITT]


def test_plenumstabellen_er_tekst_med_komma_og_flagg():
    from stadkraft.workshop.ui.grupper import plenumstabell
    rader = [{"rang": 1, "element": "Bolig", "snitt viktighet": 4.25, "snitt påvirkbarhet": None,
              "gruppe Bord 1": "5 / 4", "gruppe Bord 2": "2 / 4", "uenighet mellom gruppene": 3, "felt": "x"}]
    assert plenumstabell(rader, 2) == [{"Element": "Bolig", "Snitt viktighet": "4,2", "Snitt påvirkbarhet": "",
                                        "Bord 1": "5 / 4", "Bord 2": "2 / 4", "Uenighet mellom gruppene": "⚑ 3"}]
    assert plenumstabell(rader, 4)[0]["Uenighet mellom gruppene"] == "3"
