"""The workshop store against both back ends: life cycle, token, hidden results, validation,
changed answers, restart persistence and concurrent submits."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

import stadkraft.verktoy.kapasitet as kap
from stadkraft.workshop import (
    Enhet,
    Fase,
    IngenTilgang,
    Okt,
    OktStengt,
    ResultatSkjult,
    Tiltak,
    UgyldigSvar,
    UkjentOkt,
    UlovligFase,
)
from stadkraft.workshop.lager import DuckLager, _Innsending
from tests.hjelp.workshop import BAKSTYKKE, pg_url, lager_for_test

ROT = Path(__file__).resolve().parents[1]
EINING = Enhet.kommune("4601", "Bergen")


@pytest.fixture(params=BAKSTYKKE)
def lager(request, tmp_path):
    with lager_for_test(request.param, tmp_path) as l:
        yield l


def alle(v: int) -> dict[str, int]:
    return {k: v for k in kap.NOKLER}


def ny_okt(lager, **kw):
    return lager.opprett_okt("kapasitet", kw.pop("enhet", EINING), kw.pop("tittel", "Workshop"),
                             kw.pop("dato", date(2025, 3, 1)), **kw)


def fyll(lager, kode, n, start=0):
    for i in range(start, start + n):
        lager.send_svar(kode, f"deltakar-{i:04d}", alle(1 + i % 5), {"utviklingsleiing": f"grunn {i}"})


# --- Life cycle and phase rules ---------------------------------------------------------------------

def test_livslop(lager):
    ny = ny_okt(lager, etikett="År 1")
    kode, token = ny.okt.kode, ny.token
    assert ny.okt.fase == Fase.OPEN and len(kode) == 5 and ny.okt.navn == "År 1"
    assert lager.okt(kode.lower()) == ny.okt  # join codes are case-insensitive
    assert lager.okt(f" {kode[:2]}-{kode[2:]} ").kode == kode

    fyll(lager, kode, 3)
    assert lager.antall_svar(kode) == 3
    assert lager.set_fase(kode, token, Fase.STENGT).fase == Fase.STENGT
    with pytest.raises(OktStengt, match="tar ikke imot svar"):
        lager.send_svar(kode, "deltakar-sen", alle(3))
    assert lager.set_fase(kode, token, Fase.OPEN).fase == Fase.OPEN      # reopen for a latecomer
    lager.set_fase(kode, token, Fase.STENGT)
    lager.set_fase(kode, token, Fase.VIST)
    lager.set_fase(kode, token, Fase.KONSENSUS)
    lager.sett_konsensus(kode, token, alle(3))
    nr = lager.legg_til_tiltak(kode, token, Tiltak("Mer tid til planarbeid", "Rådmannen",
                                                   date(2025, 12, 31), "tidsressursar"))
    assert [t.hva for t in lager.tiltak(kode)] == ["Mer tid til planarbeid"] and nr == 1
    assert {k: s.verdi for k, s in lager.konsensus(kode).items()} == alle(3)
    lager.slett_okt(kode, token)
    with pytest.raises(UkjentOkt, match="Fant ingen økt"):
        lager.okt(kode)


def test_live_tar_imot_svar_og_viser_fra_tre(lager):
    ny = ny_okt(lager)
    kode, token = ny.okt.kode, ny.token
    lager.set_fase(kode, token, Fase.LIVE)
    fyll(lager, kode, 2)                                    # answers still come in
    with pytest.raises(ResultatSkjult, match="minst 3"):    # live, but not yet 3: nothing to show
        lager.anonyme_svar(kode)
    fyll(lager, kode, 1, start=2)
    assert len(lager.anonyme_svar(kode)) == 3 * len(kap.NOKLER)
    fyll(lager, kode, 1, start=3)
    assert len(lager.anonyme_svar(kode)) == 4 * len(kap.NOKLER)   # the fourth is in the result at once
    assert lager.set_fase(kode, token, Fase.VIST).fase == Fase.VIST    # close, keep it shown
    with pytest.raises(OktStengt):
        lager.send_svar(kode, "deltakar-sen", alle(3))


@pytest.mark.parametrize("fra,til", [
    (Fase.OPEN, Fase.VIST), (Fase.OPEN, Fase.KONSENSUS), (Fase.STENGT, Fase.KONSENSUS),
])
def test_ulovlege_overgangar(lager, fra, til):
    ny = ny_okt(lager)
    fyll(lager, ny.okt.kode, 3)
    if fra == Fase.STENGT:
        lager.set_fase(ny.okt.kode, ny.token, Fase.STENGT)
    with pytest.raises(UlovligFase, match="kan ikke gå fra"):
        lager.set_fase(ny.okt.kode, ny.token, til)
    assert lager.okt(ny.okt.kode).fase == fra


def test_semje_og_papir_berre_i_rett_fase(lager):
    ny = ny_okt(lager)
    kode, token = ny.okt.kode, ny.token
    with pytest.raises(UlovligFase, match="Felleskarakter"):
        lager.sett_konsensus(kode, token, alle(3))
    with pytest.raises(UlovligFase):
        lager.legg_til_tiltak(kode, token, Tiltak("x", "y"))
    fyll(lager, kode, 2)
    lager.send_papirsvar(kode, token, alle(4), rolle="frivillig sektor")   # paper answers count
    assert lager.antall_svar(kode) == 3
    lager.set_fase(kode, token, Fase.STENGT)
    lager.send_papirsvar(kode, token, alle(2))                          # allowed while closed
    # Two phones among paper answers the facilitator typed: the facilitator could work them out.
    with pytest.raises(ResultatSkjult, match="2 har svart på mobil og 2 på papir"):
        lager.set_fase(kode, token, Fase.VIST)
    lager.set_fase(kode, token, Fase.OPEN)
    fyll(lager, kode, 1, start=2)                                        # a third phone
    lager.set_fase(kode, token, Fase.STENGT)
    lager.set_fase(kode, token, Fase.VIST)
    with pytest.raises(UlovligFase, match="Papirsvar"):
        lager.send_papirsvar(kode, token, alle(2))
    assert lager.antall_svar(kode) == 5 and lager.svartelling(kode) == (5, 2)
    assert lager.rollefordeling(kode, token) == {"": 4, "frivillig sektor": 1}


def test_ukjent_okt(lager):
    with pytest.raises(UkjentOkt, match="Sjekk koden"):
        lager.send_svar("ZZZZZ", "deltakar-0001", alle(3))
    with pytest.raises(UkjentOkt):
        lager.okt("")


# --- The facilitator token --------------------------------------------------------------------------

def test_deltakar_kan_ikkje_gjere_leiarhandlingar(lager):
    ny = ny_okt(lager)
    kode = ny.okt.kode
    fyll(lager, kode, 3)
    for feil_token in (None, "", kode, "gjett", ny.token[:-1], ny.token + "x", ny.token.upper()):
        for handling in (
            lambda t: lager.set_fase(kode, t, Fase.STENGT),
            lambda t: lager.endre_okt(kode, t, tittel="Kapret"),
            lambda t: lager.slett_okt(kode, t),
            lambda t: lager.svar(kode, t),
            lambda t: lager.rollefordeling(kode, t),
            lambda t: lager.send_papirsvar(kode, t, alle(5)),
            lambda t: lager.sett_konsensus(kode, t, alle(5)),
            lambda t: lager.legg_til_tiltak(kode, t, Tiltak("a", "b")),
            lambda t: lager.slett_tiltak(kode, t, 1),
            lambda t: lager.sjekk_leder(kode, t),
        ):
            with pytest.raises(IngenTilgang, match="lederlenken"):
                handling(feil_token)
        assert not lager.er_leder(kode, feil_token)
    okt = lager.okt(kode)
    assert okt.fase == Fase.OPEN and okt.tittel == "Workshop" and lager.antall_svar(kode) == 3
    assert lager.er_leder(kode, ny.token)
    # Another session's token is no key to this one.
    annan = ny_okt(lager)
    with pytest.raises(IngenTilgang):
        lager.set_fase(kode, annan.token, Fase.STENGT)


def test_token_lagra_berre_som_hash(lager):
    ny = ny_okt(lager)
    rad = lager._kjor(lambda db: db.ein("SELECT token_hash FROM ws_okt WHERE kode = ?", [ny.okt.kode]))
    assert ny.token not in rad[0] and len(rad[0]) == 64
    assert ny.token not in repr(lager.okt(ny.okt.kode))


def test_deltakar_ser_berre_sitt_eige_svar(lager):
    ny = ny_okt(lager)
    lager.send_svar(ny.okt.kode, "deltakar-meg", alle(2), {"utviklingskultur": "mitt"}, rolle="ungdom")
    lager.send_svar(ny.okt.kode, "deltakar-deg", alle(5), {"utviklingskultur": "ditt"})
    mitt = lager.mitt_svar(ny.okt.kode, "deltakar-meg")
    assert {k: s.verdi for k, s in mitt.items()} == alle(2)
    assert mitt["utviklingskultur"].begrunnelse == "mitt"
    assert lager.min_rolle(ny.okt.kode, "deltakar-meg") == "ungdom"
    assert lager.mitt_svar(ny.okt.kode, "deltakar-ingen") == {}


# --- Hidden results ---------------------------------------------------------------------------------

def test_resultat_skjult_under_tre_svar(lager):
    ny = ny_okt(lager)
    kode, token = ny.okt.kode, ny.token
    fyll(lager, kode, 2)
    with pytest.raises(ResultatSkjult, match="ikke vist"):
        lager.anonyme_svar(kode)
    lager.set_fase(kode, token, Fase.STENGT)
    with pytest.raises(ResultatSkjult, match="minst 3"):
        lager.set_fase(kode, token, Fase.VIST)
    assert lager.okt(kode).fase == Fase.STENGT
    with pytest.raises(ResultatSkjult):
        lager.anonyme_svar(kode)
    lager.send_papirsvar(kode, token, alle(5))
    with pytest.raises(ResultatSkjult, match="minst 3 mobilsvar"):  # 2 phones + the facilitator's paper
        lager.set_fase(kode, token, Fase.VIST)
    lager.set_fase(kode, token, Fase.OPEN)
    fyll(lager, kode, 1, start=2)
    lager.set_fase(kode, token, Fase.STENGT)
    lager.set_fase(kode, token, Fase.VIST)
    anonyme = lager.anonyme_svar(kode)
    assert list(anonyme.columns) == ["element", "verdi", "verdi2", "begrunnelse"]
    assert len(anonyme) == 20 and "deltakar" not in anonyme.columns
    # Hiding again hides again.
    lager.set_fase(kode, token, Fase.STENGT)
    with pytest.raises(ResultatSkjult):
        lager.anonyme_svar(kode)


# --- Validation -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("endring,melding", [
    ({"utviklingsleiing": 0}, r"Utviklingsleiing er 0, men må være fra 1 til 5"),
    ({"utviklingsleiing": 6}, r"må være fra 1 til 5 \(1 = svært dårleg, 5 = svært god\)"),
    ({"utviklingsokonomi": -1}, r"Utviklingsøkonomi er -1"),
    ({"utviklingsleiing": "tre"}, r"ikke et heltall"),
    ({"utviklingsleiing": 3.5}, r"ikke et heltall"),
    ({"utviklingsleiing": True}, r"ikke et heltall"),
    ({"utviklingsleiing": [3]}, r"ikke et heltall"),
    ({"tidsressursar": None}, r"mangler karakter for: Tidsressursar"),
    ({"ukjent": 3}, r"Ukjent komponent: ukjent"),
])
def test_ugyldige_karakterar_avvist_og_ingenting_lagra(lager, endring, melding):
    ny = ny_okt(lager)
    skaarar = {**alle(3), **endring}
    with pytest.raises(UgyldigSvar, match=melding):
        lager.send_svar(ny.okt.kode, "deltakar-0001", skaarar)
    assert lager.tell_rader(ny.okt.kode) == {"svar": 0, "unike": 0, "deltakere": 0}


@pytest.mark.parametrize("kall,melding", [
    (lambda l, k: l.send_svar(k, "deltakar-0001", "3,3,3,3,3"), "en karakter per komponent"),
    (lambda l, k: l.send_svar(k, "deltakar-0001", {k_: 3 for k_ in kap.NOKLER[:4]}), "mangler karakter"),
    (lambda l, k: l.send_svar(k, "deltakar-0001", alle(3), {"utviklingsleiing": "x" * 501}), "for lang"),
    (lambda l, k: l.send_svar(k, "deltakar-0001", alle(3), {"utviklingsleiing": 5}), "må være tekst"),
    (lambda l, k: l.send_svar(k, "deltakar-0001", alle(3), rolle="konge"), "Ukjent rolle"),
    (lambda l, k: l.send_svar(k, "kort", alle(3)), "Deltakerlenken er ugyldig"),
    (lambda l, k: l.send_svar(k, "deltakar'; DROP TABLE ws_svar; --", alle(3)), "ugyldig"),
])
def test_misdanna_innsending_avvist(lager, kall, melding):
    ny = ny_okt(lager)
    with pytest.raises(UgyldigSvar, match=melding):
        kall(lager, ny.okt.kode)
    assert lager.tell_rader(ny.okt.kode)["svar"] == 0


def test_talstreng_godteken(lager):
    ny = ny_okt(lager)
    lager.send_svar(ny.okt.kode, "deltakar-0001", {**alle(3), "utviklingskultur": " 4 "})
    assert lager.mitt_svar(ny.okt.kode, "deltakar-0001")["utviklingskultur"].verdi == 4


def test_ugyldig_semje_avvist(lager):
    ny = ny_okt(lager)
    fyll(lager, ny.okt.kode, 3)
    for fase in (Fase.STENGT, Fase.VIST, Fase.KONSENSUS):
        lager.set_fase(ny.okt.kode, ny.token, fase)
    # The facilitator's button says «Lagre felleskarakter»: the message says to save again.
    with pytest.raises(UgyldigSvar, match="mangler karakter.*og lagre igjen"):
        lager.sett_konsensus(ny.okt.kode, ny.token, {"utviklingsleiing": 3})
    with pytest.raises(UgyldigSvar, match="fra 1 til 5"):
        lager.sett_konsensus(ny.okt.kode, ny.token, alle(7))
    assert lager.konsensus(ny.okt.kode) == {}
    with pytest.raises(UgyldigSvar, match="Hvem som har ansvar mangler"):
        lager.legg_til_tiltak(ny.okt.kode, ny.token, Tiltak("Noe", "  "))
    assert lager.tiltak(ny.okt.kode) == []


# --- Changed answers ------------------------------------------------------------------------------------

def test_endra_svar_tel_ein_gong(lager):
    ny = ny_okt(lager)
    kode = ny.okt.kode
    lager.send_svar(kode, "deltakar-0001", alle(2), {"utviklingsleiing": "først"}, rolle="politiker")
    lager.send_svar(kode, "deltakar-0001", alle(4), {"utviklingsleiing": "så"}, rolle="næringsliv")
    assert lager.tell_rader(kode) == {"svar": 5, "unike": 5, "deltakere": 1}
    svar = lager.svar(kode, ny.token)
    assert set(svar["verdi"]) == {4} and set(svar["rolle"]) == {"næringsliv"}
    assert svar.loc[svar["element"] == "utviklingsleiing", "begrunnelse"].item() == "så"


# --- Restart persistence ----------------------------------------------------------------------------------

_SKRIV = """
import sys
from datetime import date
import stadkraft.verktoy.kapasitet as kap
from stadkraft.workshop import Enhet, lager_fra_miljo
l = lager_fra_miljo()
ny = l.opprett_okt("kapasitet", Enhet.fritekst("Restartbygda"), "Før omstart", date(2024, 5, 2), etikett="År 1")
for i in range(3):
    l.send_svar(ny.okt.kode, f"deltakar-{i:04d}", {k: i + 1 for k in kap.NOKLER})
print(ny.okt.kode, ny.token)
"""


@pytest.mark.parametrize("bakstykke", BAKSTYKKE)
def test_ingenting_tapt_ved_omstart(bakstykke, tmp_path):
    """A separate process writes and exits; a new process (this one) finds everything."""
    env = {**os.environ, "PYTHONPATH": str(ROT)}
    if bakstykke == "duckdb":
        env.pop("STADKRAFT_WORKSHOP_URL", None)
        env["STADKRAFT_WORKSHOP_DB"] = str(tmp_path / "omstart.duckdb")
    else:
        env["STADKRAFT_WORKSHOP_URL"] = pg_url()
    ut = subprocess.run([sys.executable, "-c", _SKRIV], env=env, cwd=ROT, capture_output=True,
                        text=True, timeout=120)
    assert ut.returncode == 0, ut.stderr
    kode, token = ut.stdout.split()
    if bakstykke == "duckdb":
        lager = DuckLager(tmp_path / "omstart.duckdb")
    else:
        from stadkraft.workshop import PgLager
        lager = PgLager(pg_url())
    try:
        assert lager.antall_svar(kode) == 3
        assert lager.okt(kode).etikett == "År 1"
        assert sorted(lager.svar(kode, token)["verdi"].unique()) == [1, 2, 3]
    finally:
        lager.slett_okt(kode, token)
        lager.lukk()


def test_gjenopna_duckdb_fil(tmp_path):
    lager = DuckLager(tmp_path / "ws.duckdb")
    ny = ny_okt(lager)
    fyll(lager, ny.okt.kode, 4)
    lager.lukk()
    igjen = DuckLager(tmp_path / "ws.duckdb")
    assert igjen.antall_svar(ny.okt.kode) == 4
    igjen.lukk()


# --- Concurrency --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", ["duckdb", "duckdb-ein-per-transaksjon",
                                     pytest.param("postgres", marks=pytest.mark.pg)])
def test_samtidige_innsendingar_ingenting_tapt(variant, tmp_path):
    bakstykke = "postgres" if variant == "postgres" else "duckdb"
    kw = {"gruppe": False} if variant.endswith("transaksjon") else {}
    with lager_for_test(bakstykke, tmp_path, **kw) as lager:
        ny = ny_okt(lager)
        n, runder = 40, 3
        sperre = threading.Barrier(n)
        feil: list[Exception] = []

        def deltakar(i):
            sperre.wait()
            for r in range(runder):
                try:
                    lager.send_svar(ny.okt.kode, f"deltakar-{i:04d}", alle(1 + (i + r) % 5),
                                    {"utviklingsleiing": f"runde {r}"})
                except Exception as e:  # noqa: BLE001
                    feil.append(e)

        trader = [threading.Thread(target=deltakar, args=(i,)) for i in range(n)]
        for t in trader:
            t.start()
        for t in trader:
            t.join(timeout=120)
        assert not feil
        assert lager.tell_rader(ny.okt.kode) == {"svar": n * 5, "unike": n * 5, "deltakere": n}
        svar = lager.svar(ny.okt.kode, ny.token)
        for i in range(n):
            rader = svar[svar["deltaker"] == f"deltakar-{i:04d}"]
            assert set(rader["verdi"]) == {1 + (i + runder - 1) % 5}   # the last answer counts


def test_gruppe_med_ugyldig_innsending_rorer_ikkje_dei_andre(tmp_path):
    """In a shared (group) transaction each submit is still checked on its own."""
    with lager_for_test("duckdb", tmp_path) as lager:
        ny = ny_okt(lager)
        stengd = ny_okt(lager)
        lager.set_fase(stengd.okt.kode, stengd.token, Fase.STENGT)
        resultat = lager._kjor(lambda db: lager._parti(db, [
            _Innsending(ny.okt.kode, "deltakar-0001", alle(3), None, None, "mobil"),
            _Innsending(ny.okt.kode, "deltakar-0002", {**alle(3), "tidsressursar": 9}, None, None, "mobil"),
            _Innsending("ZZZZZ", "deltakar-0003", alle(3), None, None, "mobil"),
            _Innsending(stengd.okt.kode, "deltakar-0004", alle(3), None, None, "mobil"),
            _Innsending(ny.okt.kode, "deltakar-0001", alle(5), None, None, "mobil"),
        ]))
        assert resultat[0] == 5 and resultat[4] == 5
        assert isinstance(resultat[1], UgyldigSvar)
        assert isinstance(resultat[2], UkjentOkt)
        assert isinstance(resultat[3], OktStengt)
        assert lager.tell_rader(ny.okt.kode) == {"svar": 5, "unike": 5, "deltakere": 1}
        assert {s.verdi for s in lager.mitt_svar(ny.okt.kode, "deltakar-0001").values()} == {5}
        assert lager.tell_rader(stengd.okt.kode)["svar"] == 0


# --- Over time --------------------------------------------------------------------------------------------------

def test_historikk_for_same_eining(lager):
    ar1 = lager.egenvurdering("kapasitet", EINING, "Første runde", date(2022, 4, 1), alle(2),
                               {"tidsressursar": "Lite tid"}, etikett="År 1", tiltak=[Tiltak("Kurs", "HR")],
                               publiser=True)
    assert ar1.okt.fase == Fase.KONSENSUS and lager.tiltak(ar1.okt.kode)[0].hva == "Kurs"
    assert ar1.okt.er_egenvurdering
    # One person's reasons are the notes to the agreed scores (so the report and CSV carry them).
    assert lager.konsensus(ar1.okt.kode)["tidsressursar"].begrunnelse == "Lite tid"
    ar3 = ny_okt(lager, tittel="Andre runde", dato=date(2024, 4, 1), etikett="År 3")
    fyll(lager, ar3.okt.kode, 3)
    for fase in (Fase.STENGT, Fase.VIST, Fase.KONSENSUS):
        lager.set_fase(ar3.okt.kode, ar3.token, fase)
    lager.sett_konsensus(ar3.okt.kode, ar3.token, alle(4))
    ny_okt(lager, enhet=Enhet.fritekst("Bergen", "region"))  # another unit with the same name
    uten_semje = ny_okt(lager, dato=date(2025, 1, 1))

    # Only published results are seen outside their session (and one's own, through its link).
    assert [o.navn for o, _ in lager.historikk("kapasitet", EINING)] == ["År 1"]
    assert [o.navn for o, _ in lager.historikk("kapasitet", EINING, med=ar3.okt.kode)] == ["År 1", "År 3"]
    assert lager.publiser(ar3.okt.kode, ar3.token).publisert
    with pytest.raises(IngenTilgang):
        lager.publiser(ar3.okt.kode, "feil")
    historikk = lager.historikk("kapasitet", EINING)
    assert [o.navn for o, _ in historikk] == ["År 1", "År 3"]
    assert {k: s.verdi for k, s in historikk[1][1].items()} == alle(4)
    assert [o.kode for o in lager.okter_for_enhet("kapasitet", EINING)][-1] == uten_semje.okt.kode
    assert [(e, n) for e, n in lager.enheter("kapasitet")] == [(EINING, 2)]
    with pytest.raises(UgyldigSvar):
        lager.egenvurdering("kapasitet", EINING, "Feil", date(2022, 1, 1), {"utviklingsleiing": 9})
    assert len(lager.okter_for_enhet("kapasitet", EINING)) == 3  # nothing left behind by the failed one


def test_endre_okt(lager):
    ny = ny_okt(lager)
    okt = lager.endre_okt(ny.okt.kode, ny.token, etikett="År 3", dato=date(2026, 1, 5))
    assert okt.navn == "År 3" and okt.dato == date(2026, 1, 5) and okt.tittel == "Workshop"
    with pytest.raises(UgyldigSvar, match="Tittelen mangler"):
        lager.endre_okt(ny.okt.kode, ny.token, tittel="  ")


def test_eigenvurdering_kan_ikkje_opnast_for_mobilar(lager):
    # A self-assessment shows its one answer at once; opened to phones, a second answer could be
    # read off against the first. The store refuses, whatever the page offers.
    eigen = lager.egenvurdering("kapasitet", EINING, "Alene", date(2024, 1, 1), alle(3))
    for fase in (Fase.VIST, Fase.STENGT):
        lager.set_fase(eigen.okt.kode, eigen.token, fase)
    with pytest.raises(UlovligFase, match="Opprett en ny workshop"):
        lager.set_fase(eigen.okt.kode, eigen.token, Fase.OPEN)
    assert lager.okt(eigen.okt.kode).fase == Fase.STENGT


def test_rundenavn_skil_like_namn():
    from stadkraft.workshop.modell import rundenavn

    def okt(etikett, dato, tittel, kode):
        return Okt(id=kode, type="kapasitet", kode=kode, tittel=tittel, enhet=EINING, dato=dato,
                   etikett=etikett, fase=Fase.KONSENSUS, min_svar=3, opprettet=None)

    okter = [okt("År 1", date(2022, 4, 1), "A", "AAAAA"), okt("År 1", date(2023, 4, 1), "B", "BBBBB"),
             okt(None, date(2024, 1, 1), "C", "CCCCC"), okt(None, date(2024, 1, 1), "D", "DDDDD"),
             okt(None, date(2024, 1, 1), "D", "EEEEE"), okt("År 3", date(2025, 1, 1), "F", "FFFFF")]
    assert rundenavn(okter) == ["År 1 (01.04.2022)", "År 1 (01.04.2023)", "01.01.2024 (C)",
                                "01.01.2024 (D) (DDDDD)", "01.01.2024 (D) (EEEEE)", "År 3"]
