"""A whole county: two app processes on two ports share one PostgreSQL. A submit through one shows
on the other; one is killed with -9 and the phones go on through the other; nothing is lost.

Driven over Streamlit's own websocket protocol (tests/hjelp/streamlit_klient.py), as phones and a
projector would; no timing is asserted (generous deadlines for a loaded CI machine)."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date

import pytest

from stadkraft import lenker
from stadkraft.workshop import Enhet, Fase, verktoy
from stadkraft.workshop.lager import PgLager

from .hjelp.streamlit_klient import Fane, Server, deltaker_fra_query, helse
from .hjelp.workshop import pg_url

pytestmark = pytest.mark.pg

TAKK = "Takk! Svaret ditt er registrert"
FRIST = 120


def _antall(visning: list[int]) -> int | None:
    return visning[-1] if visning else None


def _projektor(url: str, kode: str, token: str) -> tuple[Fane, list[int]]:
    """The facilitator's projector; the list gets each count «Svar mottatt» it shows."""
    v = verktoy("kapasitet")
    fane = Fane(url, v.sider[0], f"{lenker.KODE}={kode}&{lenker.TOKEN}={token}&{lenker.MODUS}={lenker.PRESENTASJON}")
    visning: list[int] = []

    def tell(m, _data, _t):
        if m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element" \
                and m.delta.new_element.WhichOneof("type") == "metric" \
                and m.delta.new_element.metric.label == "Svar mottatt":
            visning.append(int(m.delta.new_element.metric.body))

    fane.lyttere.append(tell)
    return fane, visning


async def _vent_paa(betingelse, frist: float = FRIST) -> None:
    slutt = asyncio.get_running_loop().time() + frist
    while not betingelse():
        if asyncio.get_running_loop().time() > slutt:
            raise TimeoutError("Ventet forgjeves")
        await asyncio.sleep(0.2)


async def _send(fane: Fane, velg=None) -> dict[str, str]:
    takk = asyncio.ensure_future(fane.vent_paa_tekst(TAKK, FRIST))
    await asyncio.sleep(0)
    valgt = await fane.send_skjema("Send svar", velg)
    await takk
    return valgt


@pytest.fixture
def pg_lager():
    lager = PgLager(pg_url(), skjema=f"test_{uuid.uuid4().hex[:12]}", maks_tilkoblinger=2)
    try:
        yield lager
    finally:
        lager.slett_skjema()


def test_to_prosesser_deler_postgresql_og_taaler_kill_9(pg_lager, fixtur_db, tmp_path):
    ny = pg_lager.opprett_okt("kapasitet", Enhet.kommune("5014", "Frøya"), "Test", date.today())
    kode, token = ny.okt.kode, ny.token
    miljo = {"STADKRAFT_DB": str(fixtur_db), "STADKRAFT_WORKSHOP_URL": pg_lager.url,
             "STADKRAFT_WORKSHOP_SKJEMA": pg_lager.skjema}
    a = Server(miljo, logg=tmp_path / "a.log")
    b = Server(miljo, logg=tmp_path / "b.log")
    # Each participant's last answer: {participant: {radio label: option}}. The phone's id is in its
    # address today; where it is not, a phone coming back through B counts as a new participant.
    sendt: dict[str, dict[str, str]] = {}

    def nokkel(fane: Fane) -> str:
        return deltaker_fra_query(fane.query) or f"fane-{id(fane)}"

    async def kjor() -> None:
        projektor, visning = _projektor(b.url, kode, token)
        await projektor.apne(FRIST)
        # Two phones on process A; the projector on process B counts them.
        pa = [Fane(a.url, "bli-med", f"{lenker.KODE}={kode}") for _ in range(2)]
        for f in pa:
            await f.apne(FRIST)
        for f in pa:
            sendt[nokkel(f)] = await _send(f, lambda r: r.options[0])
        await _vent_paa(lambda: _antall(visning) == 2)

        # A third phone has the form open on A when A dies.
        tredje = Fane(a.url, "bli-med", f"{lenker.KODE}={kode}")
        await tredje.apne(FRIST)
        a.drep()
        assert not helse(a.url, 1.0) and helse(b.url, 10.0)
        for f in [*pa, tredje]:
            await f.lukk()

        # The proxy sends them to B with the address they had.
        igjen = Fane(b.url, "bli-med", pa[0].query)
        await igjen.apne(FRIST)
        if deltaker_fra_query(pa[0].query):
            assert "Du har svart før" in igjen.tekster()
        sendt[nokkel(igjen)] = await _send(igjen, lambda r: r.options[-1])  # a changed answer replaces the first
        ny_fane = Fane(b.url, "bli-med", tredje.query)
        await ny_fane.apne(FRIST)
        sendt[nokkel(ny_fane)] = await _send(ny_fane, lambda r: r.options[2])
        await _vent_paa(lambda: _antall(visning) == len(sendt))
        for f in (igjen, ny_fane, projektor):
            await f.lukk()

    try:
        a.start()
        b.start()
        asyncio.run(kjor())
    finally:
        a.stopp()
        b.stopp()

    # Nothing lost: every participant's last answer, through whichever process took it.
    v = verktoy("kapasitet")
    pg_lager.set_fase(kode, token, Fase.STENGT)
    svar = pg_lager.svar(kode, token)
    lagret = sorted(tuple(sorted(str(int(x)) for x in rader["verdi"]))   # the form's choices: 1-5
                    for _, rader in svar.groupby("deltaker"))
    assert lagret == sorted(tuple(sorted(valgt.values())) for valgt in sendt.values())
    assert all(len(rader) == len(v.nokler) for _, rader in svar.groupby("deltaker"))
