"""The capacity-diamond pages in AppTest: participant submit, facilitator phases, reveal,
consensus, actions, paper answers and the self-assessment form, against both back ends."""
from __future__ import annotations

import functools
import json
import re
import uuid
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import stadkraft.verktoy.kapasitet as kap
from stadkraft.workshop import Enhet, Fase, PgLager, Tiltak
from stadkraft.workshop.lager import glem_lager, lager_fra_miljo
from tests.hjelp.workshop import BAKSTYKKE, pg_url

SIDER = Path(__file__).resolve().parents[1] / "pages"
DELTA = str(SIDER / "bli_med.py")
LEIAR = str(SIDER / "kapasitet.py")


@pytest.fixture(params=BAKSTYKKE)
def lager(request, tmp_path, monkeypatch):
    """The store the pages will use (the same object: the app caches one per process)."""
    monkeypatch.delenv("STADKRAFT_WORKSHOP_URL", raising=False)
    monkeypatch.setenv("STADKRAFT_DB", str(tmp_path / "mangler.duckdb"))  # no statistics database
    skjema = None
    if request.param == "duckdb":
        monkeypatch.setenv("STADKRAFT_WORKSHOP_DB", str(tmp_path / "workshop.duckdb"))
    else:
        skjema = f"side_{uuid.uuid4().hex[:12]}"
        monkeypatch.setenv("STADKRAFT_WORKSHOP_URL", pg_url())
        monkeypatch.setenv("STADKRAFT_WORKSHOP_SKJEMA", skjema)
    glem_lager()
    lager = lager_fra_miljo()
    # Earlier rounds made here are published, so later rounds may compare with them (the pages
    # pass their own choice explicitly).
    lager.egenvurdering = functools.partial(lager.egenvurdering, publiser=True)
    yield lager
    glem_lager()
    if skjema:
        PgLager(pg_url(), skjema=skjema).slett_skjema()


def ny_okt(lager, **kw):
    return lager.opprett_okt("kapasitet", Enhet.kommune("3236", "Jevnaker"), "Workshop på Jevnaker",
                             date(2025, 3, 1), **kw)


def side(fil: str, **parametre) -> AppTest:
    at = AppTest.from_file(fil, default_timeout=60)
    for k, v in parametre.items():
        at.query_params[k] = v
    return at.run()


def deltaker(at: AppTest, kode: str) -> str:
    """The phone's anonymous id (kept in its browser session and a cookie, not in the address)."""
    return at.session_state["_deltakere"][kode]


def vist(element) -> str:
    """An element's text as the reader sees it (typed text reaches the page Markdown-escaped)."""
    return re.sub(r"\\(.)", r"\1", str(element.value))


def tekstar(at: AppTest) -> str:
    return "\n".join(vist(e) for kind in ("error", "info", "success", "warning", "markdown", "caption")
                     for e in getattr(at, kind))


def seriar(diagram) -> list[str]:
    """The legend's series names (the colour scale's domain) of a rendered diamond."""
    spec = json.loads(diagram.proto.spec)
    for lag in spec["layer"]:
        farge = lag.get("encoding", {}).get("color")
        if farge:
            return farge["scale"]["domain"]
    return []


SEND = "FormSubmitter:svar-Send svar"


def fyll_ut(at: AppTest, prefiks: str, verdiar: dict[str, int], grunnar: dict[str, str] | None = None):
    for nokkel, verdi in verdiar.items():
        at.radio(key=f"{prefiks}_k_{nokkel}").set_value(verdi)
    for nokkel, tekst in (grunnar or {}).items():
        at.text_input(key=f"{prefiks}_g_{nokkel}").input(tekst)
    return at


# --- Participant -----------------------------------------------------------------------------------------

def test_deltakar_sender_svar(lager):
    ny = ny_okt(lager)
    at = side(DELTA, kode=ny.okt.kode.lower())
    assert not at.exception
    assert "Workshop på Jevnaker" in [s.value for s in at.subheader]
    for k in kap.KOMPONENTER:                       # explanation and guiding question shown
        assert k.sporsmal in tekstar(at) and k.forklaring in tekstar(at)
        assert at.radio(key=f"d_k_{k.nokkel}").value is None      # nothing preselected
    deltakar = deltaker(at, ny.okt.kode)
    assert "d" not in at.query_params                      # the address carries no one's identity
    fyll_ut(at, "d", {k: 4 for k in kap.NOKLER}, {"utviklingskultur": "God tillit mellom lag og kommune"})
    at.selectbox(key="d_rolle").set_value("frivillig sektor")
    at.button(key="FormSubmitter:svar-Send svar").click().run()
    assert not at.exception and not at.error
    assert "Svaret ditt er registrert" in tekstar(at)
    assert lager.antall_svar(ny.okt.kode) == 1
    mitt = lager.mitt_svar(ny.okt.kode, deltakar)
    assert {k: s.verdi for k, s in mitt.items()} == {k: 4 for k in kap.NOKLER}
    assert mitt["utviklingskultur"].begrunnelse == "God tillit mellom lag og kommune"
    assert lager.min_rolle(ny.okt.kode, deltakar) == "frivillig sektor"

    # Change the answer: still one participant, the last answer counts.
    at.radio(key="d_k_tidsressursar").set_value(2)
    at.button(key="FormSubmitter:svar-Send svar").click().run()
    assert lager.tell_rader(ny.okt.kode) == {"svar": 5, "unike": 5, "deltakere": 1}
    assert lager.mitt_svar(ny.okt.kode, deltakar)["tidsressursar"].verdi == 2


def test_uventa_feil_gir_melding_og_beheld_skjemaet(lager, monkeypatch):
    ny = ny_okt(lager)
    at = side(DELTA, kode=ny.okt.kode)
    fyll_ut(at, "d", {k: 4 for k in kap.NOKLER})

    def bryt(*a, **kw):
        raise RuntimeError("databasen svarte ikke")

    with monkeypatch.context() as m:
        m.setattr(lager, "send_svar", bryt)
        at.button(key="FormSubmitter:svar-Send svar").click().run()
    assert not at.exception                                    # no traceback on the phone
    assert "trykk «Send svar» igjen" in vist(at.error[0])
    assert at.radio(key="d_k_utviklingsleiing").value == 4     # what was chosen is still there
    at.button(key="FormSubmitter:svar-Send svar").click().run()
    assert lager.antall_svar(ny.okt.kode) == 1


def test_deltakar_manglar_karakter(lager):
    ny = ny_okt(lager)
    at = side(DELTA, kode=ny.okt.kode, d="<script>x</script>")        # an id in the link is ignored
    assert not at.exception and "d" not in at.query_params and deltaker(at, ny.okt.kode) != "<script>x</script>"
    fyll_ut(at, "d", {k: 3 for k in kap.NOKLER[:3]})
    at.button(key="FormSubmitter:svar-Send svar").click().run()
    assert "mangler karakter for: Utviklingsøkonomi, Tidsressursar" in vist(at.error[0])
    assert lager.antall_svar(ny.okt.kode) == 0


def test_deltakar_ukjent_og_stengt_okt(lager):
    at = side(DELTA, kode="ZZZZZ")
    assert "Fant ingen økt med koden «ZZZZZ»" in vist(at.error[0])
    assert not at.radio                              # no form to fill
    at = side(DELTA)
    assert "Skriv inn koden" in tekstar(at)

    ny = ny_okt(lager)
    lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)
    at = side(DELTA, kode=ny.okt.kode)
    assert "Økta er stengt for svar nå. Svaret ditt er ikke sendt ennå" in at.warning[0].value
    assert at.button(key=SEND).disabled             # the form is there, sending waits


def dokumentorden(at: AppTest) -> list:
    """Every node of the page in reading order (to tell what stands above what)."""
    ut = []

    def gaa(node):
        ut.append(node)
        for barn in getattr(node, "children", {}).values():
            gaa(barn)
    gaa(at.main)
    return ut


def test_utfyllinga_blir_staaande_naar_leiaren_stengjer(lager):
    ny = ny_okt(lager)
    at = side(DELTA, kode=ny.okt.kode)
    # (AppTest, like the browser, keeps a form's unsent values out of the script; they reach it
    # here through a first, incomplete submit. The browser test checks the unsent ones.)
    fyll_ut(at, "d", {k: 4 for k in kap.NOKLER[:3]}, {"utviklingsleiing": "Halvferdig tanke"})
    at.button(key=SEND).click().run()
    assert "mangler karakter" in vist(at.error[0])
    lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)      # closed while the phone fills in
    at.run()
    assert not at.exception
    assert "Svaret ditt er ikke sendt ennå" in at.warning[0].value
    assert at.button(key=SEND).disabled
    assert [at.radio(key=f"d_k_{k}").value for k in kap.NOKLER] == [4, 4, 4, None, None]
    assert at.text_input(key="d_g_utviklingsleiing").value == "Halvferdig tanke"

    lager.set_fase(ny.okt.kode, ny.token, Fase.OPEN)        # open again: finish and send
    at.run()
    assert not at.button(key=SEND).disabled and not at.warning
    fyll_ut(at, "d", {k: 2 for k in kap.NOKLER[3:]})
    at.button(key=SEND).click().run()
    assert not at.error and lager.antall_svar(ny.okt.kode) == 1
    mitt = lager.mitt_svar(ny.okt.kode, deltaker(at, ny.okt.kode))
    assert mitt["utviklingsleiing"].begrunnelse == "Halvferdig tanke" and mitt["tidsressursar"].verdi == 2

    # Closed after sending: the answer is registered, later edits are said to be unsent.
    lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)
    at.run()
    assert "Svaret du sendte tidligere, er registrert" in at.warning[0].value


def test_svar_som_kjem_etter_stenging_gir_melding_over_skjemaet(lager):
    ny = ny_okt(lager)
    at = side(DELTA, kode=ny.okt.kode)
    fyll_ut(at, "d", {k: 4 for k in kap.NOKLER})
    lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)      # closed just before «Send svar»
    at.button(key=SEND).click().run()
    assert not at.exception
    assert lager.antall_svar(ny.okt.kode) == 0
    assert "tar ikke imot svar nå" in vist(at.error[0]) and "ikke sendt" in vist(at.error[0])
    orden = dokumentorden(at)
    assert orden.index(at.error[0]) < orden.index(at.radio(key="d_k_utviklingsleiing"))   # above the form
    assert [at.radio(key=f"d_k_{k}").value for k in kap.NOKLER] == [4] * 5                # nothing lost


def test_standardtittelen_blir_ikkje_gjentatt(lager):
    ny = lager.opprett_okt("kapasitet", Enhet.kommune("3236", "Jevnaker"), "Kapasitetsdiamanten",
                           date(2025, 3, 1))
    at = side(DELTA, kode=ny.okt.kode)
    assert [h.value for h in at.header] == ["Kapasitetsdiamanten"] and not at.subheader


def test_deltakarlenke_gir_ingen_leiarkontroll(lager):
    ny = ny_okt(lager)
    for i in range(3):
        lager.send_svar(ny.okt.kode, f"deltakar-{i:04d}", {k: 3 for k in kap.NOKLER})
    # The participant page has no facilitator buttons, even with a (wrong) token in the link.
    at = side(DELTA, kode=ny.okt.kode, token="gjett")
    assert not [b for b in at.button if b.key and b.key.startswith("fase_")]
    # The facilitator page refuses a wrong token and shows nothing of the session.
    at = side(LEIAR, kode=ny.okt.kode, token="gjett")
    assert "lederlenken" in vist(at.error[0])
    assert not at.button and not at.metric
    assert lager.okt(ny.okt.kode).fase == Fase.OPEN


# --- Facilitator ------------------------------------------------------------------------------------------

def test_leiar_opprettar_okt(lager):
    at = side(LEIAR)
    assert at.radio(key="ny_type").options == ["Kommune", "Region", "Sted / bygd"]
    at.radio(key="ny_type").set_value("sted").run()
    at.text_input(key="ny_navn").input("Bygdøy").run()
    at.text_input(key="ny_etikett").input("År 1")
    at.button(key="ny_opprett").click().run()
    assert not at.exception
    kode, token = at.query_params["kode"], at.query_params["token"]
    okt = lager.sjekk_leder(kode, token)
    assert okt.enhet == Enhet.fritekst("Bygdøy", "sted") and okt.etikett == "År 1"
    assert okt.fase == Fase.OPEN
    assert any(f"bli-med?kode={kode}" in c.value for c in at.caption)
    # The facilitator link is the key to the session: behind a closed expander, never in view on
    # the projector until asked for.
    assert "Ta vare på lederlenken" in tekstar(at)
    [lenkeboks] = [e for e in at.expander if e.label.startswith("Vis lederlenken")]
    assert not lenkeboks.proto.expanded
    assert any(token in c.value for c in lenkeboks.code)


def test_leiar_avslor_og_set_semje(lager):
    ny = ny_okt(lager, etikett="År 3")
    kode, token = ny.okt.kode, ny.token
    tidlegare = lager.egenvurdering("kapasitet", ny.okt.enhet, "Første runde", date(2023, 3, 1),
                                     {k: 2 for k in kap.NOKLER}, etikett="År 1")
    lager.send_svar(kode, "deltakar-0001", {k: 2 for k in kap.NOKLER}, {"utviklingsleiing": "Lite forankring"})
    lager.send_svar(kode, "deltakar-0002", {k: 3 for k in kap.NOKLER})

    at = side(LEIAR, kode=kode, token=token)
    assert not at.exception
    assert at.metric[0].value == "2"
    at.button(key="fase_stengt").click().run()
    assert lager.okt(kode).fase == Fase.STENGT
    assert at.button(key="fase_vist").disabled            # fewer than 3 answers: cannot reveal
    assert not at.get("vega_lite_chart")

    # A third answer typed in from paper; a failed save keeps what was typed.
    fyll_ut(at, "papir_0", {k: 5 for k in kap.NOKLER[:4]}, {"utviklingsleiing": "Sterk ordfører"})
    at.button(key="papir_lagre").click().run()
    assert "mangler karakter for: Tidsressursar" in vist(at.error[0]) and "og lagre igjen" in vist(at.error[0])
    assert at.radio(key="papir_0_k_utviklingsleiing").value == 5
    fyll_ut(at, "papir_0", {"tidsressursar": 5})
    at.button(key="papir_lagre").click().run()
    assert lager.antall_svar(kode) == 3 and "Papirsvaret er lagret" in tekstar(at)
    # Saved: the form comes back empty under new keys (the browser keeps values under old ones).
    assert {r.key for r in at.radio if r.key.startswith("papir_")} == {f"papir_1_k_{k}" for k in kap.NOKLER}
    assert all(at.radio(key=f"papir_1_k_{k}").value is None for k in kap.NOKLER)
    assert at.text_input(key="papir_1_g_utviklingsleiing").value == ""
    # Two phones and one paper answer the facilitator typed: the facilitator could tell the phones apart.
    assert at.button(key="fase_vist").disabled and "så resultatet kan vises når minst 3 har svart på mobil" \
        in tekstar(at)
    lager.set_fase(kode, token, Fase.OPEN)
    lager.send_svar(kode, "deltaker-tredje", {k: 3 for k in kap.NOKLER})
    lager.set_fase(kode, token, Fase.STENGT)
    at.run()
    assert not at.button(key="fase_vist").disabled

    at.button(key="fase_vist").click().run()
    assert lager.okt(kode).fase == Fase.VIST
    diagram = at.get("vega_lite_chart")
    assert len(diagram) == 1
    assert {"År 1", "Median År 3"} <= set(seriar(diagram[0]))
    assert "Lite forankring" in tekstar(at) and "Sterk ordfører" in tekstar(at)   # reasons, anonymous
    etikettar = [e.label for e in at.expander]
    assert any(e.startswith("Utviklingsleiing: 2 begrunnelser") for e in etikettar)
    assert any(e.startswith("Tidsressursar: 0 begrunnelser") for e in etikettar)
    assert "deltakar-0001" not in tekstar(at)

    at.button(key="fase_konsensus").click().run()
    assert lager.okt(kode).fase == Fase.KONSENSUS
    for k in kap.NOKLER:                              # the median is a suggestion, never filled in
        assert at.radio(key=f"konsensus_{k}").value is None
    assert "Forslag: median 3, spenn 2–5" in tekstar(at), tekstar(at)
    at.button(key="konsensus_lagre").click().run()
    assert "mangler karakter" in vist(at.error[0]) and lager.konsensus(kode) == {}
    assert "og lagre igjen" in vist(at.error[0])                  # the button says «Lagre felleskarakter»
    for k in kap.NOKLER:
        at.radio(key=f"konsensus_{k}").set_value(3)
    at.text_input(key="konsensus_m_tidsressursar").input("Einige etter lang diskusjon")
    at.button(key="konsensus_lagre").click().run()
    assert {k: s.verdi for k, s in lager.konsensus(kode).items()} == {k: 3 for k in kap.NOKLER}
    assert lager.konsensus(kode)["tidsressursar"].begrunnelse == "Einige etter lang diskusjon"

    at.selectbox(key="tiltak_0_element").set_value("tidsressursar")
    at.text_input(key="tiltak_0_hva").input("Sette av tid til planarbeid i hver avdeling")
    at.date_input(key="tiltak_0_frist").set_value(date(2025, 12, 31))
    at.button(key="tiltak_legg_til").click().run()
    assert "Hvem som har ansvar mangler" in vist(at.error[0]) and not lager.tiltak(kode)
    assert at.text_input(key="tiltak_0_hva").value == "Sette av tid til planarbeid i hver avdeling"  # kept
    at.text_input(key="tiltak_0_ansvar").input("Kommunedirektøren")
    at.button(key="tiltak_legg_til").click().run()
    assert not at.error
    # Added: the form comes back empty (new keys), so a second click cannot add it twice.
    assert at.text_input(key="tiltak_1_hva").value == "" and at.text_input(key="tiltak_1_ansvar").value == ""
    assert at.selectbox(key="tiltak_1_element").value is None
    assert not [w for w in at.text_input if w.key.startswith("tiltak_0_")]
    at.button(key="tiltak_legg_til").click().run()
    assert "mangler" in vist(at.error[0]) and len(lager.tiltak(kode)) == 1
    [t] = lager.tiltak(kode)
    assert (t.hva, t.ansvarlig, t.frist, t.element) == (
        "Sette av tid til planarbeid i hver avdeling", "Kommunedirektøren", date(2025, 12, 31), "tidsressursar")
    assert "Kommunedirektøren" in tekstar(at)
    assert seriar(at.get("vega_lite_chart")[0]) == ["År 1", "Median År 3", "Felleskarakter År 3"]
    nedlasting = {d.proto.label for d in at.get("download_button")}
    assert {"Rapport (PDF)", "Svar (CSV)", "Felleskarakter (CSV)", "Diagram (PNG)",
            "Diagram (SVG)", "Tiltak (CSV)"} <= nedlasting
    assert tidlegare.okt.kode != kode


def test_presentasjonsmodus_skjuler_lederverktoy(lager):
    ny = ny_okt(lager)
    at = side(LEIAR, kode=ny.okt.kode, token=ny.token, modus="presentasjon")
    assert not at.exception
    assert ny.okt.kode in tekstar(at)
    assert not [e for e in at.expander if e.label in ("Legg inn svar fra papir", "Innstillinger for økta")]
    assert not [b for b in at.button if (b.key or "").startswith("fase_")]   # no controls on the wall
    assert [t.value for t in at.title] == ["Workshop på Jevnaker"]


def test_eigenvurdering_aaleine(lager):
    at = side(LEIAR)
    at.radio(key="egen_type").set_value("region").run()
    at.text_input(key="egen_navn").input("Hallingdal").run()
    at.text_input(key="egen_etikett").input("År 1")
    fyll_ut(at, "egen", {k: i + 1 for i, k in enumerate(kap.NOKLER)})
    at.checkbox(key="egen_publiser").check()
    at.button(key="egen_lagre").click().run()
    assert not at.exception and not at.error
    okt = lager.sjekk_leder(at.query_params["kode"], at.query_params["token"])
    assert okt.fase == Fase.KONSENSUS and okt.min_svar == 1
    assert {k: s.verdi for k, s in lager.konsensus(okt.kode).items()} == {k: i + 1 for i, k in enumerate(kap.NOKLER)}
    assert at.get("vega_lite_chart")               # the diamond is shown at once
    assert seriar(at.get("vega_lite_chart")[0]) == ["Felleskarakter År 1"]        # no median line
    historikk = side(LEIAR)
    historikk.selectbox(key="hist_enhet")               # the unit now appears under earlier assessments
    assert str(historikk.selectbox(key="hist_enhet").format_func(
        historikk.selectbox(key="hist_enhet").value)) == "Hallingdal (region, 1 økt)"


def test_begrunnelser_vises_som_tekst_og_raasvar_forst_etter_avsloring(lager):
    ny = ny_okt(lager)
    kode, token = ny.okt.kode, ny.token
    lager.send_svar(kode, "deltakar-0001", {k: 2 for k in kap.NOKLER},
                    {"utviklingsleiing": "![x](https://evil.example/a.png) $\\Huge{HEI}$"})
    for i in range(2, 4):
        lager.send_svar(kode, f"deltakar-{i:04d}", {k: 3 for k in kap.NOKLER})
    at = side(LEIAR, kode=kode, token=token)
    svar_csv = [d for d in at.get("download_button") if d.proto.label == "Svar (CSV)"][0]
    assert svar_csv.proto.disabled                     # hidden like the results until revealed
    lager.set_fase(kode, token, Fase.STENGT)
    lager.set_fase(kode, token, Fase.VIST)
    at = side(LEIAR, kode=kode, token=token)
    assert not at.exception
    grunnar = [m.value for m in at.markdown if "evil" in m.value]
    assert grunnar == ["- **2** – \\!\\[x\\]\\(https\\://evil\\.example/a\\.png\\) \\$\\\\Huge\\{HEI\\}\\$"]
    svar_csv = [d for d in at.get("download_button") if d.proto.label == "Svar (CSV)"][0]
    assert not svar_csv.proto.disabled


def test_samanlikning_med_tidlegare_rundar(lager):
    eining = ny_okt(lager).okt.enhet
    a = lager.egenvurdering("kapasitet", eining, "Første", date(2022, 3, 1), {k: 1 for k in kap.NOKLER},
                             etikett="År 1")
    b = lager.egenvurdering("kapasitet", eining, "Andre", date(2023, 3, 1), {k: 2 for k in kap.NOKLER},
                             etikett="År 1")
    lager.egenvurdering("kapasitet", eining, "Seinare", date(2026, 3, 1), {k: 5 for k in kap.NOKLER})
    ny = ny_okt(lager, etikett="År 3")                 # dated 2025-03-01: the 2026 round is not earlier
    for i in range(3):
        lager.send_svar(ny.okt.kode, f"deltakar-{i:04d}", {k: 3 for k in kap.NOKLER})
    lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)
    lager.set_fase(ny.okt.kode, ny.token, Fase.VIST)

    at = side(LEIAR, kode=ny.okt.kode, token=ny.token)
    assert not at.exception
    assert seriar(at.get("vega_lite_chart")[0]) == ["År 1 (01.03.2022)", "År 1 (01.03.2023)", "Median År 3"]
    at.multiselect(key="sammenlign").unselect(a.okt.kode).run()
    assert at.query_params["sammenlign"] in (b.okt.kode, [b.okt.kode])
    # The projector tab follows the link: the same rounds, without the picker.
    skjerm = side(LEIAR, kode=ny.okt.kode, token=ny.token, modus="presentasjon", samanlikn=b.okt.kode)
    assert seriar(skjerm.get("vega_lite_chart")[0]) == ["År 1 (01.03.2023)", "Median År 3"]
    assert not skjerm.multiselect


def test_eigenvurdering_har_ikkje_fasar(lager):
    """An older self-assessment moved out of the consensus phase: no phase buttons (nobody can
    join it), one button that brings it back to be edited."""
    eigen = lager.egenvurdering("kapasitet", Enhet.fritekst("Hallingdal", "region"), "Alene",
                                 date(2024, 1, 1), {k: 3 for k in kap.NOKLER})
    lager.set_fase(eigen.okt.kode, eigen.token, Fase.VIST)
    lager.set_fase(eigen.okt.kode, eigen.token, Fase.STENGT)
    at = side(LEIAR, kode=eigen.okt.kode, token=eigen.token)
    assert not at.exception
    assert not [b for b in at.button if (b.key or "").startswith("fase_")]
    assert at.get("vega_lite_chart")                       # its scores are shown in any phase
    at.button(key="egen_endre").click().run()
    assert lager.okt(eigen.okt.kode).fase == Fase.KONSENSUS
    assert at.radio(key="konsensus_utviklingsleiing").value == 3


def test_eigenvurdering_er_ei_enkel_side(lager):
    """A self-assessment is not a workshop: no join code, count, median, spread, anonymous
    reasons or phase buttons; the diamond with its scores and earlier rounds, the table,
    actions, exports and settings."""
    eining = Enhet.fritekst("Hallingdal", "region")
    lager.egenvurdering("kapasitet", eining, "Første", date(2022, 3, 1), {k: 2 for k in kap.NOKLER},
                         etikett="År 1")
    eigen = lager.egenvurdering("kapasitet", eining, "Kapasitetsdiamanten", date(2024, 3, 1),
                                 {k: i + 1 for i, k in enumerate(kap.NOKLER)},
                                 {"tidsressursar": "Lite *tid*"}, etikett="År 3")
    at = side(LEIAR, kode=eigen.okt.kode, token=eigen.token)
    assert not at.exception
    assert not at.metric and not at.get("imgs")            # no count, no QR code
    assert not [b for b in at.button if (b.key or "").startswith("fase_")]
    alt = tekstar(at) + "\n".join(e.label for e in at.expander)
    for borte in ("Median", "Spenn", "Begrunnelser (anonyme)", f"Kode {eigen.okt.kode}", "Svar mottatt",
                  "STADKRAFT_OFFENTLIG_URL", "Kode og QR"):
        assert borte not in alt, borte
    assert "Egenvurdering" in tekstar(at)
    assert seriar(at.get("vega_lite_chart")[0]) == ["År 1", "Felleskarakter År 3"]
    tabell = at.table[0].value
    assert list(tabell["Karakter"]) == ["1 – svært dårleg", "2", "3", "4", "5 – svært god"]
    assert list(tabell["Begrunnelse"])[-1] == "Lite \\*tid\\*"     # typed text shown as itself
    assert at.text_input(key="tiltak_0_hva") is not None
    nedlasting = {d.proto.label for d in at.get("download_button")}
    assert {"Rapport (PDF)", "Svar (CSV)", "Felleskarakter (CSV)", "Tiltak (CSV)"} <= nedlasting
    assert not [d for d in at.get("download_button") if d.proto.disabled]
    assert [e for e in at.expander if e.label == "Innstillinger for økta"]

    # The scores can still be changed.
    at.radio(key="konsensus_utviklingsleiing").set_value(4)
    at.button(key="konsensus_lagre").click().run()
    assert not at.error and lager.konsensus(eigen.okt.kode)["utviklingsleiing"].verdi == 4


def test_storskjermen_viser_felleskarakteren_som_tabell_og_folgjer_med(lager):
    ny = ny_okt(lager)
    kode, token = ny.okt.kode, ny.token
    for i in range(3):
        lager.send_svar(kode, f"deltakar-{i:04d}", {k: 3 for k in kap.NOKLER})
    for fase in (Fase.STENGT, Fase.VIST, Fase.KONSENSUS):
        lager.set_fase(kode, token, fase)
    lager.sett_konsensus(kode, token, {k: 3 for k in kap.NOKLER}, {"tidsressursar": "Einige *etter* diskusjon"})
    lager.legg_til_tiltak(kode, token, Tiltak("Fast møtetid", "Ordføreren"))

    skjerm = side(LEIAR, kode=kode, token=token, modus="presentasjon")
    assert not skjerm.exception
    # Read-only on the projector: no form whose widget state could go stale, no «Fjern».
    assert not skjerm.radio and not skjerm.text_input
    assert not [b for b in skjerm.button if (b.key or "").startswith("tiltak_slett_")]
    assert "Fast møtetid" in tekstar(skjerm)
    # Both tables are HTML tables, which grow with the projector's type (a canvas does not).
    assert not skjerm.dataframe
    median, semje = (t.value for t in skjerm.table)
    assert list(median.columns)[:3] == ["Komponent", "Median", "Spenn"]
    assert list(semje["Felleskarakter"]) == ["3"] * 5
    assert list(semje["Merknad"])[-1] == "Einige \\*etter\\* diskusjon"

    # The laptop saves new scores and notes; the projector's next run shows them.
    lager.sett_konsensus(kode, token, {k: 5 for k in kap.NOKLER}, {"utviklingsleiing": "Ny merknad"})
    skjerm.run()
    semje = skjerm.table[1].value
    assert list(semje["Felleskarakter"]) == ["5 – svært god"] * 5
    assert list(semje["Merknad"]) == ["Ny merknad", "", "", "", ""]

    # The laptop keeps the form and the «Fjern» buttons.
    at = side(LEIAR, kode=kode, token=token)
    assert at.radio(key="konsensus_utviklingsleiing").value == 5
    assert [b for b in at.button if (b.key or "").startswith("tiltak_slett_")]
    assert at.dataframe                                   # sortable on the laptop


def test_varsel_naar_deltakarlenka_peikar_paa_localhost(lager, monkeypatch):
    ny = ny_okt(lager)
    monkeypatch.delenv("STADKRAFT_OFFENTLIG_URL", raising=False)
    at = side(LEIAR, kode=ny.okt.kode, token=ny.token)   # AppTest's address is localhost
    [varsel] = [w.value for w in at.warning if "STADKRAFT_OFFENTLIG_URL" in w.value]
    assert "Mobilene kommer ikke inn på `http://localhost" in varsel and "nettverksadresse" in varsel
    skjerm = side(LEIAR, kode=ny.okt.kode, token=ny.token, modus="presentasjon")
    assert not [w for w in skjerm.warning if "STADKRAFT_OFFENTLIG_URL" in w.value]   # not on the wall

    monkeypatch.setenv("STADKRAFT_OFFENTLIG_URL", "http://10.0.0.5:8501/")
    at = side(LEIAR, kode=ny.okt.kode, token=ny.token)
    assert not [w for w in at.warning if "STADKRAFT_OFFENTLIG_URL" in w.value]
    assert any(f"http://10.0.0.5:8501/bli-med?kode={ny.okt.kode}" in c.value for c in at.caption)


# --- Old addresses and parameters (bookmarked by facilitators) ------------------------------------------------

GAMMEL_LEIAR = str(SIDER / "kapasitet_leiar.py")
GAMMEL_DELTA = str(SIDER / "kapasitet_delta.py")


def test_gamle_adresser_virker(lager):
    ny = ny_okt(lager)
    at = side(GAMMEL_DELTA, kode=ny.okt.kode, deltakar="deltakar-gammel-01")
    assert not at.exception and "Workshop på Jevnaker" in [s.value for s in at.subheader]
    # The old participant parameter is dropped: a link must not carry someone's answer.
    assert "deltakar" not in at.query_params and deltaker(at, ny.okt.kode) != "deltakar-gammel-01"
    fyll_ut(at, "d", {k: 4 for k in kap.NOKLER})
    at.button(key=SEND).click().run()
    assert lager.mitt_svar(ny.okt.kode, deltaker(at, ny.okt.kode))["tidsressursar"].verdi == 4
    assert lager.mitt_svar(ny.okt.kode, "deltakar-gammel-01") == {}
    leder = side(GAMMEL_LEIAR, kode=ny.okt.kode, token=ny.token)
    assert not leder.exception and leder.metric[0].value == "1"
    assert any(f"bli-med?kode={ny.okt.kode}" in c.value for c in leder.caption)
    skjerm = side(GAMMEL_LEIAR, kode=ny.okt.kode, token=ny.token, modus="presentasjon")
    assert not skjerm.exception and not [e for e in skjerm.expander if e.label == "Innstillinger for økta"]
    assert "Kapasitetsdiamanten" in [h.value for h in side(GAMMEL_LEIAR).header]


def test_sammenlign_i_lenka(lager):
    enhet = ny_okt(lager).okt.enhet
    a = lager.egenvurdering("kapasitet", enhet, "Første", date(2022, 3, 1), {k: 1 for k in kap.NOKLER}, etikett="År 1")
    lager.egenvurdering("kapasitet", enhet, "Andre", date(2023, 3, 1), {k: 2 for k in kap.NOKLER}, etikett="År 2")
    ny = ny_okt(lager, etikett="År 3")
    for i in range(3):
        lager.send_svar(ny.okt.kode, f"deltakar-{i:04d}", {k: 3 for k in kap.NOKLER})
    lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)
    lager.set_fase(ny.okt.kode, ny.token, Fase.VIST)
    skjerm = side(LEIAR, kode=ny.okt.kode, token=ny.token, modus="presentasjon", sammenlign=a.okt.kode)
    assert seriar(skjerm.get("vega_lite_chart")[0]) == ["År 1", "Median År 3"]


def test_forrige_rundes_tiltak_kommer_tilbake_til_oppfolging(lager):
    enhet = Enhet.kommune("3236", "Jevnaker")
    lager.egenvurdering("kapasitet", enhet, "Første", date(2024, 3, 1), {k: 2 for k in kap.NOKLER}, etikett="År 1",
                        tiltak=[Tiltak("Fast møtetid for planarbeid", "Ordføreren", date(2024, 12, 31),
                                       "tidsressursar")])
    ny = lager.opprett_okt("kapasitet", enhet, "Andre runde", date(2025, 3, 1), etikett="År 2")
    for i in range(3):
        lager.send_svar(ny.okt.kode, f"deltakar-{i:04d}", {k: 3 for k in kap.NOKLER})
    for fase in (Fase.STENGT, Fase.VIST, Fase.KONSENSUS):
        lager.set_fase(ny.okt.kode, ny.token, fase)
    for at in (side(LEIAR, kode=ny.okt.kode, token=ny.token),
               side(LEIAR, kode=ny.okt.kode, token=ny.token, modus="presentasjon")):
        assert not at.exception
        [boks] = [e for e in at.expander if e.label.startswith("Tiltak fra forrige runde")]
        assert "År 1" in boks.label
        assert "Fast møtetid for planarbeid" in tekstar(at) and "Tidsressursar" in tekstar(at)
