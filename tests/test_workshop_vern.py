"""No way in and nothing given away: typed text shown as itself everywhere, the rule of 3 that
counts phones, roles under 3 never beside an answer, join codes that cannot be guessed for ever
or used for ever, and a store that goes away answered in words on the phone."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from stadkraft.workshop import Enhet, Fase, regler
from stadkraft.workshop.lager import glem_lager, lager_fra_miljo
from stadkraft.workshop.sperre import Forsoksteller
from tests.test_kapasitet_sider import DELTA, LEIAR, fyll_ut, side, tekstar

import stadkraft.verktoy.kapasitet as kap

BILDE = "![x](http://eksempel.invalid/spor.png)"


@pytest.fixture
def lager(tmp_path, monkeypatch):
    monkeypatch.delenv("STADKRAFT_WORKSHOP_URL", raising=False)
    monkeypatch.setenv("STADKRAFT_DB", str(tmp_path / "mangler.duckdb"))
    monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "workshop.duckdb"))
    glem_lager()
    yield lager_fra_miljo()
    glem_lager()


def markdown_kilder(at: AppTest) -> list[str]:
    """Every Markdown source the page sent (headers, captions, messages, labels, tables)."""
    ut = [str(e.value) for kind in ("header", "subheader", "caption", "markdown", "error", "info", "success",
                                     "warning") for e in getattr(at, kind)]
    ut += [w.label for kind in ("radio", "text_input", "selectbox") for w in getattr(at, kind)]
    return ut


def test_skrevet_tekst_blir_aldri_lenke_eller_bilde(lager):
    ny = lager.opprett_okt("kapasitet", Enhet.fritekst(BILDE, "sted"), BILDE, date.today(), etikett="[a](b)")
    for at in (side(LEIAR, kode=ny.okt.kode, token=ny.token),
               side(LEIAR, kode=ny.okt.kode, token=ny.token, modus="presentasjon"),
               side(DELTA, kode=ny.okt.kode)):
        assert not at.exception
        kilder = markdown_kilder(at)
        assert any("spor" in k for k in kilder)                  # the text is there ...
        assert not any(re.search(r"(?<!\\)!\[|(?<!\\)\[[^\]]*(?<!\\)\]\(", k) for k in kilder)  # ... inert
    # A crafted code in the address puts nothing inside the error box, and nothing into a script.
    at = side(DELTA, kode="![](http://eksempel.invalid/x.png)")
    assert "![" not in at.error[0].value and "http://" not in at.error[0].value.lower()
    at = side(DELTA, kode="AB';alert(1);'")
    assert "Fant ingen økt" in at.error[0].value and not [h for h in at.get("html") if "alert" in str(h.proto)]


def test_egne_elementnavn_er_trygge_i_skjema_og_tabell(lager):
    ny = lager.opprett_okt("prioritering", Enhet.fritekst("Bygda", "sted"), "Prio", date.today(),
                           elementer=[BILDE, "<img src=x onerror=alert(1)>", "Vei"])
    mobil = side(DELTA, kode=ny.okt.kode)
    assert not mobil.exception
    assert not any(re.search(r"(?<!\\)<img|(?<!\\)!\[", k) for k in markdown_kilder(mobil))
    assert any("img src" in k for k in markdown_kilder(mobil))     # shown, as text


def test_regelen_om_tre_teller_det_som_verner_deltakeren():
    assert regler.nok_svar(3, 3) and not regler.nok_svar(2, 3)
    assert not regler.nok_svar(3, 3, papir=2)        # 1 phone + 2 paper: the facilitator knows the phone
    assert not regler.nok_svar(4, 3, papir=2)        # 2 phones
    assert regler.nok_svar(5, 3, papir=2)            # 3 phones
    assert regler.nok_svar(4, 3, papir=4)            # paper only: no phone to give away


def test_roller_under_tre_vises_aldri_ved_et_svar():
    assert regler.vist_rolle({"politiker": 1, "næringsliv": 2, "innbygger": 4, "": 2}) == {
        "politiker": "andre (færre enn 3 hver)", "næringsliv": "andre (færre enn 3 hver)",
        "innbygger": "innbygger", "": ""}
    assert regler.vist_rolle({"politiker": 1, "innbygger": 3}) == {"politiker": "", "innbygger": "innbygger"}
    assert regler.synlige_grupper({"politiker": 1, "ungdom": 1, "innbygger": 5}) == {
        "innbygger": 5, "andre (færre enn 3 hver)": 2}


def test_koder_kan_ikke_gjettes_eller_brukes_for_alltid(lager):
    teller = Forsoksteller(maks=3, vindu_s=60)
    for t in (0, 1, 2):
        assert not teller.sperret("1.2.3.4", t)
        teller.feil("1.2.3.4", t)
    assert teller.sperret("1.2.3.4", 3) and not teller.sperret("5.6.7.8", 3)
    assert not teller.sperret("1.2.3.4", 61)                   # the window slides
    naa = datetime(2026, 12, 2)
    assert not regler.kode_utlopt(Fase.OPEN, naa - timedelta(days=400), naa)
    assert not regler.kode_utlopt(Fase.VIST, naa - timedelta(days=14), naa)
    assert regler.kode_utlopt(Fase.VIST, naa - timedelta(days=15), naa)

    # Through the page: ten wrong codes from one browser, then even the right one waits a minute
    # there; another phone behind the same address (a hall's Wi-Fi) is not held up.
    ny = lager.opprett_okt("kapasitet", Enhet.fritekst("Bygda", "sted"), "Workshop", date.today())
    gjetter = side(DELTA, kode="ZZZZ0")
    for i in range(1, 10):
        gjetter.query_params["kode"] = f"ZZZZ{i}"
        assert "Fant ingen økt" in tekstar(gjetter.run())
    gjetter.query_params["kode"] = ny.okt.kode
    assert "For mange feil koder" in tekstar(gjetter.run()) and not gjetter.radio
    annen = side(DELTA, kode=ny.okt.kode)
    assert "For mange feil koder" not in tekstar(annen) and annen.radio


def test_borte_database_gir_ord_og_beholder_skjemaet(lager, monkeypatch):
    ny = lager.opprett_okt("kapasitet", Enhet.fritekst("Bygda", "sted"), "Workshop", date.today())
    at = side(DELTA, kode=ny.okt.kode)
    fyll_ut(at, "d", {k: 4 for k in kap.NOKLER})

    def borte(*a, **kw):
        raise ConnectionError("server closed the connection unexpectedly /var/run/postgresql 5432")

    with monkeypatch.context() as m:
        for navn in ("okt", "mitt_svar", "tilstand", "for_deltaker", "send_svar", "min_rolle"):
            m.setattr(lager, navn, borte)
        at.button(key="FormSubmitter:svar-Send svar").click().run()
        assert not at.exception and "5432" not in tekstar(at) and "postgresql" not in tekstar(at).lower()
        assert "trykk «Send svar» igjen" in tekstar(at) or "Forbindelsen til workshop-databasen" in tekstar(at)
        assert at.radio(key="d_k_utviklingsleiing").value == 4          # the form is still there
        ny_mobil = side(DELTA, kode=ny.okt.kode)                         # a phone that never got in
        assert not ny_mobil.exception and "Forbindelsen til workshop-databasen er borte" in tekstar(ny_mobil)
    at.button(key="FormSubmitter:svar-Send svar").click().run()
    assert lager.antall_svar(ny.okt.kode) == 1 and "Takk!" in tekstar(at)
