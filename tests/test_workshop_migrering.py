"""Stores written by the code before schema versions (tests/fixtures/workshop, made by
lag_v1.py) open with the current code on both back ends: every session, answer, consensus and
action intact, renamed columns and values carried over, and a second opening changes nothing."""
from __future__ import annotations

import contextlib
import json
import shutil
import uuid
from datetime import date
from pathlib import Path

import pytest

from stadkraft.workshop import Enhet, Fase, PLENUM
from stadkraft.workshop.lager import VERSJON, DuckLager, PgLager
from stadkraft.workshop.modell import token_stemmer
from tests.hjelp.workshop import BAKSTYKKE, pg_url

FIKSTUR = Path(__file__).resolve().parent / "fixtures" / "workshop"
TOKENS = json.loads((FIKSTUR / "tokens_v1.json").read_text())
K = ("utviklingsleiing", "utviklingskompetanse", "utviklingskultur", "utviklingsokonomi", "tidsressursar")
BERGEN = Enhet.kommune("4601", "Bergen")


@contextlib.contextmanager
def gammelt_lager(bakstykke: str, mappe: Path):
    """A copy of the v1 fixture, opened with today's code; yields (open function, close function)."""
    if bakstykke == "duckdb":
        fil = mappe / "workshop.duckdb"
        shutil.copy(FIKSTUR / "workshop_v1.duckdb", fil)
        yield lambda: DuckLager(fil)
        return
    import psycopg

    url = pg_url()
    skjema = f"migr_{uuid.uuid4().hex[:10]}"
    sql = (FIKSTUR / "workshop_v1_pg.sql").read_text().replace("stadkraft_ws_v1", skjema)
    sql = "\n".join(linje for linje in sql.splitlines() if not linje.startswith("\\"))  # psql meta-commands
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(sql)
    try:
        yield lambda: PgLager(url, skjema=skjema)
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{skjema}" CASCADE')


def rader(lager, sql: str) -> list[tuple]:
    return lager._kjor(lambda db: db.alle(sql))


def tell(lager) -> dict[str, int]:
    return {t: rader(lager, f"SELECT COUNT(*) FROM {t}")[0][0]
            for t in ("ws_okt", "ws_deltaker", "ws_svar", "ws_konsensus", "ws_tiltak", "ws_skjemaversjon")}


def sjekk_innhold(lager, tokens: dict) -> None:
    (live, lt), (sem, st_), (egen, et) = tokens["live"], tokens["semje"], tokens["eigen"]
    for kode, token in tokens.values():
        assert token_stemmer(token, rader(lager, f"SELECT token_hash FROM ws_okt WHERE kode = '{kode}'")[0][0])
        assert lager.er_leder(kode, token)

    okt = lager.okt(live)
    assert (okt.tittel, okt.enhet, okt.dato, okt.etikett, okt.fase, okt.min_svar) == (
        "Workshop i Bergen", BERGEN, date(2025, 3, 1), "År 3", Fase.OPEN, 3)
    assert lager.antall_svar(live) == 3
    svar = lager.svar(live, lt)
    per = {d: [int(r.verdi) for r in g.sort_values("element", key=lambda s: s.map(K.index)).itertuples()]
           for d, g in svar.groupby("deltaker")}
    assert per["deltakar-aaaa1"] == [1, 2, 3, 4, 5] and per["deltakar-bbbb2"] == [2, 2, 3, 3, 4]
    [papir] = [d for d in per if d.startswith("papir-")]
    assert per[papir] == [3, 4, 3, 2, 1]
    kilde = dict(zip(svar["deltaker"], svar["kilde"]))
    assert kilde[papir] == "papir" and kilde["deltakar-aaaa1"] == "mobil"
    assert lager.rollefordeling(live, lt) == {"politiker": 1, "innbygger": 1, "næringsliv": 1}
    assert lager.mitt_svar(live, "deltakar-aaaa1")["utviklingsleiing"].begrunnelse == "Lite forankring"
    assert lager.mitt_svar(live, "deltakar-aaaa1")["tidsressursar"].begrunnelse == "Godt med tid"
    assert lager.mitt_svar(live, papir)["utviklingsokonomi"].begrunnelse == "Papir: lite midlar"
    assert lager.konsensus(live) == {} and lager.tiltak(live) == []

    okt = lager.okt(sem)
    assert okt.fase == Fase.KONSENSUS and okt.etikett == "År 2" and lager.antall_svar(sem) == 3
    konsensus = lager.konsensus(sem, PLENUM)
    assert [konsensus[k].verdi for k in K] == [2, 3, 4, 3, 2]
    assert konsensus["utviklingsleiing"].begrunnelse == "Enige etter lang diskusjon"
    assert konsensus["tidsressursar"].begrunnelse == "For lite tid" and konsensus["utviklingskultur"].begrunnelse is None
    t1, t2 = lager.tiltak(sem)
    assert (t1.hva, t1.ansvarlig, t1.frist, t1.element, t1.id) == (
        "Mer tid til planarbeid", "Rådmannen", date(2024, 12, 31), "tidsressursar", 1)
    assert (t2.hva, t2.ansvarlig, t2.frist, t2.element, t2.id) == ("Kurs i prosessledelse", "HR", None, None, 2)
    assert lager.nivaer(sem) == [PLENUM]

    okt = lager.okt(egen)
    assert okt.er_egenvurdering and okt.fase == Fase.KONSENSUS
    assert [lager.konsensus(egen)[k].verdi for k in K] == [1, 1, 2, 2, 3]
    assert lager.konsensus(egen)["utviklingskompetanse"].begrunnelse == "Få fagfolk"
    assert set(lager.svar(egen, et)["kilde"]) == {"egen"}
    assert [t.hva for t in lager.tiltak(egen)] == ["Rekruttere planlegger"]

    # Before v3 every result was on the start page; now nothing is until its facilitator publishes it.
    publisert = {o.kode for o in lager.okter_for_enhet("kapasitet", BERGEN) if o.publisert}
    assert publisert in (set(), {k for k, _ in tokens.values()})   # (a second check sees the first's)
    if not publisert:
        assert lager.historikk("kapasitet", BERGEN) == [] and lager.enheter("kapasitet") == []
    for kode, token in tokens.values():
        lager.publiser(kode, token)
    assert [o.navn for o, _ in lager.historikk("kapasitet", BERGEN)] == ["År 1", "År 2"]
    assert [(e, n) for e, n in lager.enheter("kapasitet")] == [(BERGEN, 3)]


@pytest.mark.parametrize("bakstykke", BAKSTYKKE)
def test_v1_aapnes_med_alt_intakt(bakstykke, tmp_path):
    with gammelt_lager(bakstykke, tmp_path) as aapne:
        lager = aapne()
        try:
            assert lager.skjemaversjon() == VERSJON
            antall = tell(lager)
            assert antall == {"ws_okt": 3, "ws_deltaker": 7, "ws_svar": 35, "ws_konsensus": 10, "ws_tiltak": 3,
                              "ws_skjemaversjon": VERSJON}
            assert rader(lager, "SELECT versjon FROM ws_skjemaversjon ORDER BY versjon") == [
                (v,) for v in range(1, VERSJON + 1)]
            sjekk_innhold(lager, TOKENS[bakstykke])
        finally:
            lager.lukk()
        # Opened again: nothing to do, nothing changed.
        igjen = aapne()
        try:
            assert igjen._migrer() == [] and igjen.skjemaversjon() == VERSJON
            assert tell(igjen) == antall
            sjekk_innhold(igjen, TOKENS[bakstykke])
        finally:
            igjen.lukk()



def test_duckdb_verdier(tmp_path):
    v1 = json.loads((FIKSTUR / "innhold_v1_duckdb.json").read_text())
    with gammelt_lager("duckdb", tmp_path) as aapne:
        lager = aapne()
        try:
            def som_tekst(sql):
                return [[None if v is None else str(v) for v in r] for r in rader(lager, sql)]
            assert som_tekst("SELECT okt_id, deltaker, element, verdi, verdi2, begrunnelse, tid FROM ws_svar "
                             "ORDER BY okt_id, deltaker, element") == v1["ws_svar"]["rader"]
            assert som_tekst("SELECT okt_id, element, verdi, verdi2, merknad, tid FROM ws_konsensus "
                             "ORDER BY okt_id, element") == v1["ws_semje"]["rader"]
            assert som_tekst("SELECT okt_id, nr, element, hva, ansvarlig, frist, tid FROM ws_tiltak "
                             "ORDER BY okt_id, nr") == v1["ws_tiltak"]["rader"]
            okt = som_tekst("SELECT id, type, kode, token_hash, tittel, enhet_type, enhet_id, enhet_navn, dato, "
                            "etikett, fase, min_svar, opprettet FROM ws_okt ORDER BY kode")
            gamle = [[{"semje": "konsensus"}.get(v, v) for v in r] for r in v1["ws_okt"]["rader"]]
            assert okt == gamle
            deltakere = som_tekst("SELECT okt_id, deltaker, rolle, kilde, tid FROM ws_deltaker ORDER BY okt_id, deltaker")
            nytt = {"politikar": "politiker", "innbyggjar": "innbygger", "eigen": "egen"}
            assert deltakere == [[nytt.get(v, v) for v in r] for r in v1["ws_deltakar"]["rader"]]
        finally:
            lager.lukk()


def test_nytt_lager_faar_siste_versjon(tmp_path):
    lager = DuckLager(tmp_path / "ny.duckdb")
    try:
        assert lager.skjemaversjon() == VERSJON and lager._migrer() == []
        assert tell(lager)["ws_okt"] == 0
    finally:
        lager.lukk()
