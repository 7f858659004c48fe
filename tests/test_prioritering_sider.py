"""The priority tool's pages in AppTest: the item list prepared and changed live (typed, from a
template, from a file, a broken file refused), the phone's form with «kan ikke vurdere», the
results hidden until revealed, groups and plenary, exports, a saved placement shown read-only
and a later round laid over an earlier one."""
from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from stadkraft.workshop import Enhet, Fase, UgyldigSvar
from stadkraft.workshop.lager import glem_lager, lager_fra_miljo

SIDER = Path(__file__).resolve().parents[1] / "pages"
LEDER = str(SIDER / "prioritering.py")
DELTA = str(SIDER / "bli_med.py")
FROYA = Enhet.kommune("5014", "Frøya")


@pytest.fixture
def lager(tmp_path, monkeypatch, ekte_db):
    monkeypatch.delenv("STADKRAFT_WORKSHOP_URL", raising=False)
    monkeypatch.setenv("STADKRAFT_DB", str(ekte_db))
    monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "workshop.duckdb"))
    glem_lager()
    yield lager_fra_miljo()
    glem_lager()


def side(fil: str, **parametre) -> AppTest:
    at = AppTest.from_file(fil, default_timeout=90)
    for k, v in parametre.items():
        at.query_params[k] = v
    return at.run()


def tekster(at: AppTest) -> str:
    """The page's texts as the reader sees them (typed text reaches the page Markdown-escaped)."""
    return "\n".join(re.sub(r"\\(.)", r"\1", str(e.value))
                     for kind in ("error", "info", "success", "warning", "markdown", "caption") for e in getattr(at, kind))


class FalskFil:
    """What AppTest's file uploader would hand the page (it cannot upload by itself)."""

    def __init__(self, navn: str, data: bytes):
        self.name, self._data = navn, data

    def getvalue(self) -> bytes:
        return self._data


def kryss(at: AppTest) -> bool:
    """Does the page's matrix draw the spread (a translucent cross per item)?"""
    spek = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    return any(lg.get("mark", {}).get("opacity") == 0.35 for lg in spek.get("layer", []))


def score(mobil: AppTest, elementer, verdier, hopp=()) -> None:
    for e, (v, p) in zip(elementer, verdier):
        if e.nokkel in hopp:
            mobil.checkbox(key=f"d_h_{e.nokkel}").check()
        else:
            mobil.segmented_control(key=f"d_v_{e.nokkel}").set_value(v)
            mobil.segmented_control(key=f"d_p_{e.nokkel}").set_value(p)


def test_lista_forberedes_og_endres_mens_okta_gaar(lager, monkeypatch):
    at = side(LEDER)
    assert not at.exception
    at.selectbox(key="ny_kommune").set_value("5014").run()
    at.text_area(key="ny_elementer").input("Boligtilbud\nBredbånd\n")
    at.button(key="ny_opprett").click().run()
    kode, token = at.query_params["kode"], at.query_params["token"]
    assert [e.navn for e in lager.elementer(kode)] == ["Boligtilbud", "Bredbånd"]

    at.selectbox(key="element_mal").set_value("Eksemplene i verktøyet").run()
    at.button(key="element_mal_legg_til").click().run()
    assert "La til 4 elementer." in tekster(at)            # «Boligtilbud» was there already
    assert len(lager.elementer(kode)) == 6

    # A file: a broken one is refused with what to do, and nothing is added; a good one adds.
    import stadkraft.workshop.ui.elementer as el
    filer = iter([FalskFil("liste.csv", "Element;Viktighet;Påvirkbarhet\nHavn;9;1\n".encode()),
                  FalskFil("liste.csv", "Element;Viktighet;Påvirkbarhet\nHavn;;\nSentrum;;\n".encode())])
    with monkeypatch.context() as m:
        m.setattr(el.st, "file_uploader", lambda *a, **k: next(filer))
        at.run()
        assert "Rad 2: viktighet er 9" in tekster(at) and "Ingenting er lagt til." in tekster(at)
        assert len(lager.elementer(kode)) == 6
        at.run()
        at.button(key="element_fil_legg_til").click()
        filer = iter([FalskFil("liste.csv", "Element;Viktighet;Påvirkbarhet\nHavn;;\nSentrum;;\n".encode())] * 3)
        at.run()
    assert [e.navn for e in lager.elementer(kode)][-2:] == ["Havn", "Sentrum"]

    siste = lager.elementer(kode)[-1]
    at.run()
    at.button(key=f"el_opp_{siste.nokkel}").click().run()
    assert [e.navn for e in lager.elementer(kode)][-2:] == ["Sentrum", "Havn"]
    at.button(key=f"el_fjern_{siste.nokkel}").click().run()
    assert "Sentrum" not in [e.navn for e in lager.elementer(kode)] and not at.exception


def test_matrisen_live_mens_svarene_kommer(lager):
    ny = lager.opprett_okt("prioritering", FROYA, "Prioritering", date(2026, 5, 1),
                           elementer=["Boligtilbud", "Bredbånd", "Veier"])
    kode, token = ny.okt.kode, ny.token
    elementer = lager.elementer(kode)
    at = side(LEDER, kode=kode, token=token)
    at.button(key="fase_live").click().run()
    assert lager.okt(kode).fase == Fase.LIVE and not at.get("vega_lite_chart")
    mobiler = []
    for i in range(3):
        m = side(DELTA, kode=kode)
        assert m.button(key="FormSubmitter:svar-Send svar")      # live: the phones still answer
        score(m, elementer, [(5, 5), (2, 1 + i), (1, 5)])
        m.button(key="FormSubmitter:svar-Send svar").click().run()
        assert "Takk!" in tekster(m)
        mobiler.append(m)
        at.run()
        assert bool(at.get("vega_lite_chart")) == (i == 2), i   # from the third answer, not before
    assert "For få svar" not in tekster(at) and "Live: resultatet flytter seg" in tekster(at)
    tabell = pd.DataFrame(at.dataframe[0].value).set_index("Element")
    assert tabell.loc["Bredbånd", "Påvirkbarhet"] == "2" and tabell.loc["Bredbånd", "Svar"] == 3
    score(mobiler[0], elementer, [(5, 5), (2, 5), (1, 5)])        # a changed answer moves the point
    mobiler[0].button(key="FormSubmitter:svar-Send svar").click().run()
    at.run()
    assert pd.DataFrame(at.dataframe[0].value).set_index("Element").loc["Bredbånd", "Påvirkbarhet"] == "3,3"
    projektor = side(LEDER, kode=kode, token=token, modus="presentasjon")
    assert len(projektor.get("vega_lite_chart")) == 1                # the matrix, and the code for late ones
    assert any(f">{kode}</div>" in str(m.value) for m in projektor.markdown)
    assert not kryss(projektor)
    at.toggle(key="vis_spredning").set_value(True).run()            # the laptop's toggle...
    assert lager.okt(kode).visning == ("spredning",) and kryss(at)
    projektor.run()                                                 # (its 1-s check sees the changed session)
    assert kryss(projektor)                                         # ...reaches the wall without a link
    with pytest.raises(UgyldigSvar, match="Ukjent visning «tull»"):
        lager.sett_visning(kode, token, ["tull"])
    at.button(key="fase_vist").click().run()                      # close, and the result stays up
    assert lager.okt(kode).fase == Fase.VIST and len(at.get("vega_lite_chart")) == 1


def test_fra_mobil_via_grupper_til_plenum(lager):
    ny = lager.opprett_okt("prioritering", FROYA, "Prioritering", date(2026, 5, 1),
                           elementer=["Boligtilbud", "Bredbånd", "Veier"])
    kode, token = ny.okt.kode, ny.token
    elementer = lager.elementer(kode)

    mobil = side(DELTA, kode=kode)
    assert "Folketallet i Frøya" in tekster(mobil)          # the item's statistic, for this municipality
    score(mobil, elementer, [(5, 4), (3, 3), (2, 2)])
    lager.legg_til_elementer(kode, token, ["Arbeidsplasser"])   # added live, before this phone sends
    mobil.run()              # (the browser test shows it arriving without a reload, the form kept)
    assert "Arbeidsplasser" in tekster(mobil)
    score(mobil, elementer, [(5, 4), (3, 3), (2, 2)])
    mobil.button(key="FormSubmitter:svar-Send svar").click().run()
    assert "Du mangler karakter for: Arbeidsplasser" in tekster(mobil) and not lager.antall_svar(kode)
    mobil.checkbox(key="d_h_e4").check()
    mobil.button(key="FormSubmitter:svar-Send svar").click().run()
    assert "Takk!" in tekster(mobil) and lager.mitt_svar(kode, mobil.session_state["_deltakere"][kode])["e4"].hoppet
    elementer = lager.elementer(kode)
    mobiler = [mobil]
    for i in range(3):
        m = side(DELTA, kode=kode)
        score(m, elementer, [(4, 4), (2, 1 + i), (1, 5), (5, 2)])
        m.button(key="FormSubmitter:svar-Send svar").click().run()
        assert "Takk!" in tekster(m)
        mobiler.append(m)

    at = side(LEDER, kode=kode, token=token)
    assert not at.get("vega_lite_chart") and "Antall" not in tekster(at)     # hidden until revealed
    lager.set_fase(kode, token, Fase.STENGT)
    lager.set_fase(kode, token, Fase.VIST)
    at.run()
    assert len(at.get("vega_lite_chart")) == 1
    tabell = pd.DataFrame(at.dataframe[0].value)
    assert list(tabell.columns) == ["Nr.", "Element", "Viktighet", "Påvirkbarhet", "Svar", "Kan ikke"]
    assert list(tabell["Element"])[:2] == ["Arbeidsplasser", "Boligtilbud"] and tabell.iloc[0]["Viktighet"] == "5"
    assert tabell.set_index("Element").loc["Arbeidsplasser", "Kan ikke"] == 1   # left out of the mean
    at.text_area(key="grupper_navn").input("Bord 1\nBord 2")
    at.button(key="grupper_lagre").click().run()
    for m in mobiler[:3]:                        # three choose a table, the fourth waits
        m.run()
        m.radio(key="d_gruppevalg").set_value("Bord 1").run()
        m.button(key="d_gruppe_bli_med").click().run()
        assert "Du er på Bord 1" in tekster(m)
    sist = mobiler[3]
    sist.run()
    assert "Du er på" not in tekster(sist)
    foer = lager.tilstand(kode)
    at.run()
    assert "1 som har svart, er ikke i noen gruppe ennå." in tekster(at)     # the laptop sees who is where
    at.button(key="grupper_fordel").click().run()           # the facilitator shares out the rest
    assert "Fordelt: Bord 1 3, Bord 2 1." in tekster(at)
    assert lager.tilstand(kode) != foer                      # what the phone's 3-s check compares
    sist.run()
    assert "Du er på Bord 2" in tekster(sist)
    lager.set_fase(kode, token, Fase.GRUPPE)
    m = mobiler[0]
    m.run()
    assert "Medlemmene: viktighet 4 · 4 · 5; påvirkbarhet 4 · 4 · 4" in tekster(m)   # three members: the guide
    sist.run()
    assert "Medlemmene:" not in tekster(sist) and "færre enn 3 svar" in tekster(sist)   # one: hidden
    assert "som en hjelp" not in tekster(sist) and "som en hjelp" in tekster(m)
    m.segmented_control(key="g_v_e1").set_value(5)
    m.segmented_control(key="g_p_e1").set_value(5)
    m.button(key="FormSubmitter:gruppe-Lagre gruppas plassering").click().run()
    assert "Lagret: 1 av 4 plassert." in tekster(m)
    at.run()
    assert "1 av 4" in tekster(at) or any("1 av 4" in str(t.value) for t in at.table)

    lager.set_fase(kode, token, Fase.KONSENSUS)
    at.run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 2      # the result and the groups
    assert "Forslag fra snittet: viktighet 4,2" in tekster(at)
    plenum = next(pd.DataFrame(d.value) for d in at.dataframe if "Uenighet mellom gruppene" in pd.DataFrame(d.value))
    assert list(plenum.columns) == ["Element", "Snitt viktighet", "Snitt påvirkbarhet", "Bord 1",
                                    "Uenighet mellom gruppene"]    # the name as typed; Bord 2 placed nothing
    rad = plenum.set_index("Element").loc["Boligtilbud"]
    assert (rad["Bord 1"], rad["Snitt viktighet"]) == ("5 / 5", "4,2")   # a decimal comma
    at.radio(key="konsensus_e2").set_value(4)
    at.radio(key="konsensus_e2_1").set_value(5)
    at.button(key="konsensus_lagre").click().run()
    assert {k: (s.verdi, s.verdi2) for k, s in lager.konsensus(kode).items()} == {"e2": (4, 5)}
    assert {k: (s.verdi, s.verdi2) for k, s in lager.konsensus(kode, "Bord 1").items()} == {"e1": (5, 5)}
    knapper = {d.proto.label for d in at.get("download_button")}
    assert {"Prioritert liste (CSV)", "Prioritert liste (Excel)", "Rapport (PDF)", "Diagram (PNG)",
            "Diagram (SVG)", "Lista som Excel"} <= knapper

    projektor = side(LEDER, kode=kode, token=token, modus="presentasjon")
    assert not projektor.exception and len(projektor.get("vega_lite_chart")) == 2
    forste, andre = (json.dumps(json.loads(d.proto.spec)) for d in projektor.get("vega_lite_chart"))
    assert "Bord 1" in forste and "Bord 1" not in andre     # the plenary's matrix first, the individual under it
    assert not projektor.get("form") and not projektor.text_area       # nothing to type on the wall


@pytest.mark.parametrize("fil,melding", [
    (FalskFil("fjor.xlsx", b"PK\x03\x04 ikke et regneark"), "Fant ikke et lesbart regneark i «fjor.xlsx»"),
    (FalskFil("fjor.csv", "Element;Viktighet;Påvirkbarhet\nBoligtilbud;7;2\n".encode()), "Rad 2: viktighet er 7, men må være et heltall fra 1 til 5"),
    (None, "Velg en fil først"),
])
def test_lagret_plassering_fra_odelagt_fil_lagrer_ingenting(lager, monkeypatch, fil, melding):
    import stadkraft.workshop.sider as sider_modul
    monkeypatch.setattr(sider_modul.st, "file_uploader", lambda *a, **k: fil)
    at = side(LEDER)
    at.selectbox(key="egen_kommune").set_value("5014").run()
    at.button(key="egen_lagre").click().run()
    assert not at.exception and len(at.error) == 1
    feil = re.sub(r"\\(.)", r"\1", at.error[0].value)
    assert melding in feil and feil.endswith("Ingenting er lagret.") and "kode" not in at.query_params
    assert lager._kjor(lambda db: db.ein("SELECT count(*) FROM ws_okt"))[0] == 0       # no session made


def test_lagret_plassering_og_senere_runde_oppaa(lager, monkeypatch):
    import stadkraft.workshop.sider as sider_modul
    ark = pd.DataFrame({"Element": ["Boligtilbud", "Bredbånd", "Veier"], "Viktighet": [5, 2, None],
                        "Påvirkbarhet": [2, 2, None]})
    data = io.BytesIO()
    ark.to_excel(data, index=False)
    with monkeypatch.context() as m:
        m.setattr(sider_modul.st, "file_uploader", lambda *a, **k: FalskFil("fjor.xlsx", data.getvalue()))
        at = side(LEDER)
        at.selectbox(key="egen_kommune").set_value("5014").run()
        at.text_input(key="egen_etikett").input("2025")
        at.checkbox(key="egen_publiser").check()
        at.button(key="egen_lagre").click().run()
        assert not at.exception and not at.error, tekster(at)
    gammel = lager.okt(at.query_params["kode"])
    assert gammel.er_egenvurdering and gammel.dato
    assert {k: (s.verdi, s.verdi2) for k, s in lager.konsensus(gammel.kode).items()} == {"e1": (5, 2), "e2": (2, 2)}
    visning = side(LEDER, kode=gammel.kode, token=at.query_params["token"], modus="presentasjon")
    assert len(visning.get("vega_lite_chart")) == 1 and not visning.button   # read-only

    ny = lager.opprett_okt("prioritering", FROYA, "Prioritering neste år", date.today().replace(year=date.today().year + 1),
                           elementer=["Veier", "Boligtilbud"])
    for i in range(3):
        lager.send_svar(ny.okt.kode, f"deltaker-{i:04d}", {"e1": (3, 3), "e2": (5, 5)})
    for fase in (Fase.STENGT, Fase.VIST):
        lager.set_fase(ny.okt.kode, ny.token, fase)
    at = side(LEDER, kode=ny.okt.kode, token=ny.token)
    assert "Pilene viser flyttingen fra 2025: 1 av 1 elementer har flyttet seg." in tekster(at)
    assert "Begrunnelser (anonyme)" not in tekster(at)      # the tool asks for none
