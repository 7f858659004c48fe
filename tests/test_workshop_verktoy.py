"""The tool contract: the engine names no tool; a second tool with its own items, two axes,
groups and a plenary runs on the same store (both back ends); the rules live in one place."""
from __future__ import annotations

import inspect
import re
from datetime import date
from pathlib import Path

import pytest

from stadkraft.workshop import (
    PLENUM, Enhet, Fase, ResultatSkjult, UgyldigSvar, UlovligFase, Verktoy, registrer, regler, verktoy,
)
from stadkraft.workshop.lager import Lager
from stadkraft.workshop.verktoy import TRINN_GRUPPER, alle
from tests.hjelp.workshop import BAKSTYKKE, lager_for_test

ROT = Path(__file__).resolve().parents[1]
ENHET = Enhet.fritekst("Hallingdal", "region")

PRIORITERING = registrer(Verktoy(
    type="prioritering_test", navn="Prioriteringstest", akser=("viktighet", "påvirkbarhet"),
    trinn=TRINN_GRUPPER, egne_elementer=True, elementord=("tiltak", "tiltak"),
))  # no hooks: the engine's plain summary, table and report rows, and no chart


@pytest.fixture(params=BAKSTYKKE)
def lager(request, tmp_path):
    with lager_for_test(request.param, tmp_path) as l:
        yield l


def test_motoren_kjenner_ingen_verktoy():
    """Nothing under stadkraft/workshop names the capacity diamond, its components or pages."""
    ord_ = re.compile(r"kapasitet|diamant|utvikling|tidsressurs|komponent|Distriktssenteret|svært dårleg", re.I)
    treff = [f"{f.relative_to(ROT)}:{n}" for f in (ROT / "stadkraft" / "workshop").rglob("*.py")
             for n, linje in enumerate(f.read_text().splitlines(), start=1) if ord_.search(linje)]
    assert not treff, treff
    assert "kapasitet" in [v.type for v in alle()]       # found through the tools' package


def test_lagermetodane_tar_verktoytypen_eksplisitt():
    for navn in ("opprett_okt", "okter_for_enhet", "enheter", "historikk", "egenvurdering"):
        parameter = inspect.signature(getattr(Lager, navn)).parameters["type_"]
        assert parameter.default is inspect.Parameter.empty, navn


def test_grupper_og_plenum_med_egne_elementer(lager):
    tom = lager.opprett_okt(PRIORITERING.type, ENHET, "Idémyldring", date(2025, 5, 1))  # items come later
    assert lager.elementer(tom.okt.kode) == ()
    with pytest.raises(UgyldigSvar, match="faste elementer"):
        lager.opprett_okt("kapasitet", ENHET, "Diamant", date(2025, 5, 1), elementer=["Vei"])
    ny = lager.opprett_okt(PRIORITERING.type, ENHET, "Prioritering", date(2025, 5, 1),
                           elementer=["Bredbånd", "Barnehage", "Næringsareal"])
    kode, token = ny.okt.kode, ny.token
    assert [(e.nokkel, e.navn) for e in lager.elementer(kode)] == [
        ("e1", "Bredbånd"), ("e2", "Barnehage"), ("e3", "Næringsareal")]
    for i in range(6):
        lager.send_svar(kode, f"deltaker-{i:04d}", {"e1": (5, 1 + i % 5), "e2": (3, 3), "e3": (1 + i % 5, 4)},
                        {"e1": f"grunn {i}"}, gruppe=f"Gruppe {1 + i % 2}")
    with pytest.raises(UgyldigSvar, match=r"Bredbånd \(påvirkbarhet\) er 9"):
        lager.send_svar(kode, "deltaker-feil", {"e1": (5, 9), "e2": (3, 3), "e3": (1, 1)})
    with pytest.raises(UgyldigSvar, match="navnet på hele salen"):
        lager.send_svar(kode, "deltaker-feil", {"e1": (5, 1), "e2": (3, 3), "e3": (1, 1)}, gruppe="Plenum")
    assert lager.gruppefordeling(kode, token) == {"Gruppe 1": 3, "Gruppe 2": 3}
    for fase in (Fase.STENGT, Fase.VIST):
        lager.set_fase(kode, token, fase)
    gruppe1 = lager.anonyme_svar(kode, gruppe="Gruppe 1")
    assert len(gruppe1) == 9 and set(gruppe1["verdi2"]) <= {1, 3, 4, 5}
    with pytest.raises(ResultatSkjult, match="For få svar"):
        lager.anonyme_svar(kode, gruppe="Gruppe 3")
    with pytest.raises(UlovligFase, match="Gruppearbeid"):   # groups agree in the group stage
        lager.sett_konsensus(kode, token, {"e1": (5, 2), "e2": (3, 3), "e3": (2, 4)}, niva="Gruppe 1")
    with pytest.raises(UlovligFase):                           # the plenary comes after the groups
        lager.set_fase(kode, token, Fase.KONSENSUS)
    lager.set_fase(kode, token, Fase.GRUPPE)

    # Consensus per level: each group, then the plenary; individual answers stay as they were.
    lager.sett_konsensus(kode, token, {"e1": (5, 2), "e2": (3, 3), "e3": (2, 4)}, {"e1": "Gruppe 1 sier"},
                         niva="Gruppe 1")
    lager.sett_konsensus(kode, token, {"e1": (4, 4), "e2": (2, 3), "e3": (3, 4)}, niva="Gruppe 2")
    with pytest.raises(UlovligFase, match="Felleskarakter"):
        lager.sett_konsensus(kode, token, {"e1": (5, 3), "e2": (3, 3), "e3": (3, 4)})
    lager.set_fase(kode, token, Fase.KONSENSUS)
    lager.sett_konsensus(kode, token, {"e1": (5, 3), "e2": (3, 3), "e3": (3, 4)})
    assert lager.nivaer(kode) == ["Gruppe 1", "Gruppe 2", PLENUM]
    assert (lager.konsensus(kode, "Gruppe 1")["e1"].verdi, lager.konsensus(kode, "Gruppe 1")["e1"].verdi2) == (5, 2)
    assert lager.konsensus(kode, "Gruppe 1")["e1"].begrunnelse == "Gruppe 1 sier"
    assert (lager.konsensus(kode)["e1"].verdi, lager.konsensus(kode)["e1"].verdi2) == (5, 3)
    assert lager.tell_rader(kode) == {"svar": 18, "unike": 18, "deltakere": 6}
    assert {s.verdi2 for s in lager.mitt_svar(kode, "deltaker-0001").values()} == {2, 3, 4}
    lager.publiser(kode, token)
    assert [o.kode for o, _ in lager.historikk(PRIORITERING.type, ENHET)] == [kode]
    assert lager.historikk("kapasitet", ENHET) == []          # tools never mix


def test_regler():
    assert [(t, f) for t, f, _ in regler.faseknapper(Fase.STENGT, 3)] == [
        ("Vis resultatet", Fase.VIST), ("Åpne for svar igjen", Fase.OPEN)]
    assert [f for _, f, _ in regler.faseknapper(Fase.STENGT, 1)] == [Fase.VIST]   # a self-assessment
    # Live is offered beside closing, never as the main step, and never for a self-assessment.
    assert regler.faseknapper(Fase.OPEN, 3) == [("Vis live mens svarene kommer", Fase.LIVE, False),
                                                ("Steng for svar", Fase.STENGT, True)]
    assert [f for _, f, _ in regler.faseknapper(Fase.LIVE, 3)] == [Fase.VIST, Fase.OPEN]
    assert regler.kan_vises(Fase.LIVE, 3, 3) and not regler.kan_vises(Fase.LIVE, 2, 3)
    assert Fase.LIVE in regler.FASER_SVAR and Fase.LIVE not in regler.FASER_MOBIL_RESULTAT
    assert [f for _, f, fram in regler.faseknapper(Fase.KONSENSUS, 3)] == [Fase.VIST]
    assert not regler.kan_vises(Fase.VIST, 2, 3) and regler.kan_vises(Fase.KONSENSUS, 3, 3)
    assert not regler.raasvar_synlige(Fase.STENGT, 10, 3) and regler.raasvar_synlige(Fase.STENGT, 1, 1)
    assert regler.vei_til(Fase.OPEN, Fase.KONSENSUS) == [Fase.STENGT, Fase.VIST, Fase.KONSENSUS]
    # With groups: individual -> group stage -> plenary, one step back at a time.
    assert [f for _, f, _ in regler.faseknapper(Fase.VIST, 3, grupper=True)] == [Fase.GRUPPE, Fase.STENGT]
    assert [f for _, f, _ in regler.faseknapper(Fase.GRUPPE, 3, grupper=True)] == [Fase.KONSENSUS, Fase.VIST]
    assert [f for _, f, _ in regler.faseknapper(Fase.KONSENSUS, 3, grupper=True)] == [Fase.GRUPPE]
    assert regler.vei_til(Fase.VIST, Fase.KONSENSUS, grupper=True) == [Fase.GRUPPE, Fase.KONSENSUS]
    assert regler.kan_sette_konsensus(Fase.GRUPPE, "Bord 1") and not regler.kan_sette_konsensus(Fase.GRUPPE, PLENUM)
    assert verktoy("kapasitet").sider[0] == "kapasitet"


def test_sidene_er_tynne():
    for side in (ROT / "pages").glob("*.py"):
        if side.name.startswith(("kapasitet", "bli_med")):
            assert len(side.read_text().splitlines()) <= 20, side.name
    for fil in [*(ROT / "stadkraft" / "workshop").rglob("*.py")]:
        if fil.parent.name == "ui" or fil.name == "sider.py":
            assert len(fil.read_text().splitlines()) <= 260, fil.name


# --- A second tool through the engine's own pages ------------------------------------------------------------

def skript(kall: str) -> str:
    return ("import tests.test_workshop_verktoy  # registers the test tool\n"
            f"from stadkraft.workshop import sider\nsider.{kall}\n")


def test_nytt_verktoy_gjennom_sidene(tmp_path, monkeypatch):
    """A tool with two axes, its own items and groups, and no chart: created, joined from phones
    (one join page), revealed, and agreed per group, all by the engine's views."""
    from streamlit.testing.v1 import AppTest

    from stadkraft.workshop.lager import glem_lager, lager_fra_miljo

    monkeypatch.delenv("STADKRAFT_WORKSHOP_URL", raising=False)
    monkeypatch.setenv("STADKRAFT_DB", str(tmp_path / "mangler.duckdb"))
    monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "workshop.duckdb"))
    glem_lager()
    lager = lager_fra_miljo()
    try:
        at = AppTest.from_string(skript(f"leder({PRIORITERING.type!r})"), default_timeout=60).run()
        at.radio(key="ny_type").set_value("region").run()
        at.text_input(key="ny_navn").input("Hallingdal").run()
        at.text_area(key="ny_elementer").input("Bredbånd\n\nBarnehage\n")
        at.button(key="ny_opprett").click().run()
        assert not at.exception and not at.error
        kode, token = at.query_params["kode"], at.query_params["token"]
        assert [e.navn for e in lager.elementer(kode)] == ["Bredbånd", "Barnehage"]
        assert any(f"bli-med?kode={kode}" in c.value for c in at.caption)

        mobiler = []
        for i in range(4):
            mobil = AppTest.from_string(skript("bli_med()"), default_timeout=60)
            mobil.query_params["kode"] = kode
            mobil.run()
            assert [h.value for h in mobil.header] == ["Prioriteringstest"]
            for e in ("e1", "e2"):
                mobil.radio(key=f"d_k_{e}").set_value(1 + i)
                mobil.radio(key=f"d_k_{e}_1").set_value(5 - i)
            mobil.button(key="FormSubmitter:svar-Send svar").click().run()
            assert not mobil.exception and not mobil.error
            mobiler.append(mobil)

        for fase in (Fase.STENGT, Fase.VIST):
            lager.set_fase(kode, token, fase)
        lager.sett_grupper(kode, token, ["Bord 1", "Bord 2"])
        for i, mobil in enumerate(mobiler):   # each phone joins its table's group
            mobil.run()
            mobil.radio(key="d_gruppevalg").set_value(f"Bord {1 + i % 2}").run()
            mobil.button(key="d_gruppe_bli_med").click().run()
            assert not mobil.exception and not mobil.error
        assert lager.gruppefordeling(kode, token) == {"Bord 1": 2, "Bord 2": 2}

        lager.set_fase(kode, token, Fase.GRUPPE)
        mobil = mobiler[1]                       # one device per group: Bord 2 agrees on this one
        mobil.run()
        for e in ("e1", "e2"):
            mobil.radio(key=f"g_k_{e}").set_value(4)
            mobil.radio(key=f"g_k_{e}_1").set_value(2)
        mobil.button(key="FormSubmitter:gruppe-Lagre gruppas plassering").click().run()
        assert not mobil.exception and not mobil.error
        assert {(s.verdi, s.verdi2) for s in lager.konsensus(kode, "Bord 2").values()} == {(4, 2)}

        lager.set_fase(kode, token, Fase.KONSENSUS)
        at = AppTest.from_string(skript(f"leder({PRIORITERING.type!r})"), default_timeout=60)
        at.query_params["kode"], at.query_params["token"] = kode, token
        at.run()
        assert not at.exception and not at.get("vega_lite_chart")          # no chart: the summary table
        assert list(at.dataframe[0].value.columns) == ["Tiltak", "Svar", "Snitt viktighet", "Snitt påvirkbarhet"]
        for e in ("e1", "e2"):
            at.radio(key=f"konsensus_{e}").set_value(5)
            at.radio(key=f"konsensus_{e}_1").set_value(3)
        at.button(key="konsensus_lagre").click().run()
        assert not at.error
        assert {(s.verdi, s.verdi2) for s in lager.konsensus(kode).values()} == {(5, 3)}
        assert {(s.verdi, s.verdi2) for s in lager.konsensus(kode, "Bord 2").values()} == {(4, 2)}
        assert lager.konsensus(kode, "Bord 1") == {} and lager.tell_rader(kode)["svar"] == 8
        assert {d.proto.label for d in at.get("download_button")} >= {"Svar (CSV)", "Prioritert liste (CSV)"}
    finally:
        glem_lager()
