"""SSB client: chunking, pacing, retries, errors, and the canonical frames. No network.

`FalskSSB` is a requests.Session stand-in that behaves like PxWebApi v2 for the fixtures in
tests/fixtures/ssb: it answers metadata and codelist GETs, and for data POSTs it cuts the fixture
dataset down to the posted selection (400 on an unknown or missing variable or value, 400 "Too many
cells selected" above its own cell limit), so chunked fetches can be checked cell by cell.
"""

from __future__ import annotations

import collections
import itertools
import json
import math
import random
from pathlib import Path

import pandas as pd
import pytest
import requests

from stadkraft.data import ssb
from stadkraft.data.feil import KildeFeil
from stadkraft.data.skjema import KILDE_ESTIMAT, KILDE_MANGLER, KILDE_SSB, KOLONNER
from stadkraft.data.ssb import SsbKlient, antall_celler, del_utvalg

FIKS = Path(__file__).parent / "fixtures" / "ssb"
BASE = "https://data.ssb.no/api/pxwebapi/v2"


def les(navn: str) -> dict:
    return json.loads((FIKS / navn).read_text(encoding="utf-8"))


# ---- the fake server ---------------------------------------------------------------------------

class FalskSvar:
    def __init__(self, status_code: int, body=None, headers=None):
        self.status_code = status_code
        self._body = body
        self.headers = headers or {}
        self.text = "" if body is None else json.dumps(body)

    def json(self):
        if self._body is None:
            raise ValueError("empty body")
        return self._body


class FalskSSB:
    METADATA = {"07459": "07459_metadata.json", "01223": "01223_metadata.json", "07984": "07984_metadata.json",
                "03321": "03321_metadata.json", "06913": "06913_metadata.json"}
    KODELISTER = {"agg_KommSummer": "kodeliste_agg_KommSummer.json",
                  "agg_KommSummerS": "kodeliste_agg_KommSummerS.json",
                  "agg_KommSummerHist": "kodeliste_agg_KommSummerHist.json"}
    DATA = {("07459", "agg_KommSummer"): "07459_data_kommuner.json", ("07459", None): "07459_data_land.json",
            ("01223", "agg_KommSummer"): "01223_data.json", ("07984", "agg_KommSummerS"): "07984_data.json",
            ("03321", None): "03321_data.json", ("06913", "agg_KommSummerHist"): "06913_data_kommuner.json"}

    def __init__(self, klokke=None, maks_celler: int = 800_000):
        self.foresporsler: list[dict] = []
        self.tvungne: collections.deque = collections.deque()  # answers served before the normal ones
        self.klokke = klokke
        self.maks_celler = maks_celler
        self.utilgjengelig: set[str] = set()  # tables that answer 503 (as during SSB's metadata refresh)
        self.metadata = dict(self.METADATA)  # a test may remove a table

    def get(self, url, params=None, timeout=None):
        return self._svar("GET", url, params, None)

    def post(self, url, params=None, json=None, timeout=None):
        return self._svar("POST", url, params, json)

    def _svar(self, metode, url, params, body):
        tid = self.klokke.naa if self.klokke else None
        self.foresporsler.append({"metode": metode, "url": url, "params": params, "body": body, "tid": tid})
        if self.tvungne:
            neste = self.tvungne.popleft()
            if isinstance(neste, Exception):
                raise neste
            return neste
        sti = url.removeprefix(BASE)
        deler = sti.strip("/").split("/")
        if deler[0] == "tables" and deler[1] in self.utilgjengelig:
            return FalskSvar(503, {"title": "Service Unavailable", "status": 503})
        if metode == "GET" and deler[0] == "tables" and deler[2:] == ["metadata"] and deler[1] in self.metadata:
            return FalskSvar(200, les(self.metadata[deler[1]]))
        if metode == "GET" and deler[0] == "codelists" and deler[1] in self.KODELISTER:
            return FalskSvar(200, les(self.KODELISTER[deler[1]]))
        if metode == "POST" and deler[0] == "tables" and deler[2:] == ["data"]:
            assert params == {"lang": "no", "outputFormat": "json-stat2"}
            return self._data(deler[1], body)
        return FalskSvar(404, les("feil_404_tabell.json"))

    def _data(self, tabell, body):
        valg = {s["variableCode"]: s for s in body["selection"]}
        kodeliste = valg.get("Region", {}).get("codelist")
        navn = self.DATA.get((tabell, kodeliste))
        if navn is None:
            return FalskSvar(400, {"type": "Parameter error", "title": "Non-existent codelist", "status": 400})
        doc = les(navn)
        if set(valg) != set(doc["id"]):
            tittel = "Non-existent variable" if set(valg) - set(doc["id"]) else "Missing selection for mandantory variable"
            return FalskSvar(400, {"type": "Parameter error", "title": tittel, "status": 400})
        koder = {d: valg[d]["valueCodes"] for d in doc["id"]}
        if any(len(set(k)) != len(k) for k in koder.values()):
            return FalskSvar(500, None)  # SSB's answer to duplicate codes
        if math.prod(len(k) for k in koder.values()) > self.maks_celler:
            return FalskSvar(400, les("feil_400_for_mange_celler.json"))
        try:
            return FalskSvar(200, utsnitt(doc, koder))
        except KeyError:
            return FalskSvar(400, les("feil_400_ukjent_verdi.json"))


def utsnitt(doc: dict, koder: dict[str, list[str]]) -> dict:
    """The fixture dataset cut down to the selection, categories in the table's own order."""
    ider, storrelser = doc["id"], doc["size"]
    posisjoner = []
    ny = json.loads(json.dumps(doc))
    for dim in ider:
        indeks = doc["dimension"][dim]["category"]["index"]
        valgt = sorted((indeks[k] for k in koder[dim]))  # KeyError on an unknown code
        posisjoner.append(valgt)
        kodene = [k for k, _ in sorted(indeks.items(), key=lambda kv: kv[1])]
        kat = ny["dimension"][dim]["category"]
        kat["index"] = {kodene[p]: i for i, p in enumerate(valgt)}
        kat["label"] = {kodene[p]: doc["dimension"][dim]["category"]["label"][kodene[p]] for p in valgt}
    steg = [math.prod(storrelser[i + 1:]) for i in range(len(ider))]
    verdier, status = [], {}
    for ny_i, kombo in enumerate(itertools.product(*posisjoner)):
        gammel = sum(p * s for p, s in zip(kombo, steg))
        verdier.append(doc["value"][gammel])
        if str(gammel) in doc.get("status", {}):
            status[str(ny_i)] = doc["status"][str(gammel)]
    ny["size"] = [len(p) for p in posisjoner]
    ny["value"] = verdier
    ny.pop("status", None)
    if status:
        ny["status"] = status
    return ny


class FalskKlokke:
    def __init__(self):
        self.naa = 1000.0
        self.sovnet: list[float] = []

    def __call__(self) -> float:
        return self.naa

    def sov(self, sekunder: float) -> None:
        assert sekunder >= 0
        self.sovnet.append(sekunder)
        self.naa += sekunder


def lag_klient(**kw) -> tuple[SsbKlient, FalskSSB, FalskKlokke]:
    klokke = FalskKlokke()
    server = FalskSSB(klokke=klokke, maks_celler=kw.pop("server_maks", 800_000))
    klient = SsbKlient(session=server, sove=klokke.sov, klokke=klokke, **kw)
    return klient, server, klokke


def data_foresporsler(server: FalskSSB) -> list[dict]:
    return [f for f in server.foresporsler if f["metode"] == "POST"]


def celler_i(body: dict) -> int:
    return math.prod(len(s["valueCodes"]) for s in body["selection"])


# ---- chunking ----------------------------------------------------------------------------------

def kombinasjoner(utvalg: dict[str, list[str]]) -> collections.Counter:
    dims = sorted(utvalg)
    return collections.Counter(itertools.product(*(utvalg[d] for d in dims)))


@pytest.mark.parametrize("seed", range(25))
def test_del_utvalg_holder_grensen_og_dekker_alt_en_gang(seed):
    rng = random.Random(seed)
    utvalg = {f"D{i}": [f"k{j}" for j in range(rng.randint(1, 15))] for i in range(rng.randint(1, 4))}
    grense = rng.randint(1, max(1, antall_celler(utvalg)))
    deler = del_utvalg(utvalg, grense)
    assert all(antall_celler(d) <= grense for d in deler)
    sum_deler = collections.Counter()
    for d in deler:
        sum_deler.update(kombinasjoner(d))
    assert sum_deler == kombinasjoner(utvalg)  # every cell exactly once


def test_del_utvalg_deler_stoerste_dimensjon_og_lar_lite_utvalg_vaere():
    utvalg = {"Region": [f"K-{i:04d}" for i in range(357)], "ContentsCode": ["Personer1"],
              "Tid": [str(a) for a in range(1986, 2025)]}
    assert del_utvalg(utvalg, 800_000) == [utvalg]
    deler = del_utvalg(utvalg, 5000)
    assert {len(d["Tid"]) for d in deler} == {39}  # Region (357) is split, Tid is kept whole
    assert sum(len(d["Region"]) for d in deler) == 357
    assert len(deler) == math.ceil(357 / (5000 // 39))


def test_hent_deler_opp_og_gir_samme_resultat_som_en_sporring():
    hel, _, _ = lag_klient()
    forventet = hel.hent("07459", {"Region": ["K-0301", "K-3101", "K-5014", "K-5056"],
                                   "ContentsCode": ["Personer1"], "Tid": ["2007", "2017", "2024"]},
                         codelist={"Region": "agg_KommSummer"})
    klient, server, _ = lag_klient(maks_celler=5)
    df = klient.hent("07459", {"Region": ["K-0301", "K-3101", "K-5014", "K-5056"],
                               "ContentsCode": ["Personer1"], "Tid": ["2007", "2017", "2024"]},
                     codelist={"Region": "agg_KommSummer"})
    poster = data_foresporsler(server)
    assert len(poster) > 1
    assert all(celler_i(p["body"]) <= 5 for p in poster)
    nokkel = ["Region", "Tid"]
    pd.testing.assert_frame_equal(df.sort_values(nokkel).reset_index(drop=True),
                                  forventet.sort_values(nokkel).reset_index(drop=True))
    assert all(s["codelist"] == "agg_KommSummer" for p in poster for s in p["body"]["selection"]
               if s["variableCode"] == "Region")


def test_hent_fjerner_dupliserte_koder():
    # SSB answers 500 with an empty body when a code is sent twice.
    klient, server, _ = lag_klient()
    df = klient.hent("07459", {"Region": ["0", "0"], "ContentsCode": ["Personer1"], "Tid": ["2024", "2024"]})
    assert df["verdi"].tolist() == [5550203.0]
    assert len(server.foresporsler) == 1


def test_server_sier_for_mange_celler_og_klienten_deler_videre():
    klient, server, _ = lag_klient(server_maks=4)
    df = klient.hent("07459", {"Region": ["K-0301", "K-3101", "K-5014", "K-5056"],
                               "ContentsCode": ["Personer1"], "Tid": ["2007", "2017", "2024"]},
                     codelist={"Region": "agg_KommSummer"})
    assert len(df) == 12 and df["verdi"].notna().all()
    godtatt = [p for p in data_foresporsler(server) if celler_i(p["body"]) <= 4]
    assert sum(celler_i(p["body"]) for p in godtatt) == 12


# ---- pacing ------------------------------------------------------------------------------------

def test_aldri_mer_enn_30_sporringer_i_noe_60_sekunders_vindu():
    klient, server, klokke = lag_klient(maks_celler=1)
    klient.hent("07984", {"Region": ["K.0301", "K.5014"], "NACE2007": ["00-99", "10-33", "85"],
                          "Kjonn": ["0"], "Alder": ["15-74"], "ContentsCode": ["SysselsatteArb"],
                          "Tid": [str(a) for a in range(2015, 2024)]},
                codelist={"Region": "agg_KommSummerS"})
    tider = [f["tid"] for f in server.foresporsler]
    assert len(tider) == 2 * 3 * 9
    for i in range(len(tider)):
        i_vinduet = [t for t in tider if tider[i] <= t < tider[i] + 60]
        assert len(i_vinduet) <= 30
    assert klokke.sovnet, "54 queries at a limit of 30/min must wait"
    assert tider[30] - tider[0] >= 60
    assert tider[29] == tider[0]  # no waiting while under the limit


def test_lavere_grense_fra_ratelimit_header_blir_fulgt():
    klient, server, _ = lag_klient(maks_celler=1)
    server.tvungne.append(FalskSvar(200, utsnitt(les("07459_data_land.json"),
                                                 {"Region": ["0"], "ContentsCode": ["Personer1"], "Tid": ["2007"]}),
                                    {"X-RateLimit-Limit": "10", "x-ratelimit-remaining": "9"}))
    klient.hent("07459", {"Region": ["0"], "ContentsCode": ["Personer1"], "Tid": ["2007", "2017", "2024"]})
    assert klient.maks_per_minutt == 10
    for _ in range(15):
        klient.metadata("07459")
        klient._metadata.clear()
    tider = [f["tid"] for f in server.foresporsler]
    assert all(len([t for t in tider if s <= t < s + 60]) <= 10 for s in tider)


# ---- retries and errors ------------------------------------------------------------------------

def test_429_med_retry_after_proever_igjen_og_lykkes():
    klient, server, klokke = lag_klient()
    server.tvungne.append(FalskSvar(429, les("feil_429.json"), {"Retry-After": "7"}))
    meta = klient.metadata("07459")
    assert meta["id"][0] == "Region"
    assert len(server.foresporsler) == 2
    assert klokke.sovnet == [7.0]


def test_429_uten_retry_after_venter_et_helt_vindu():
    klient, server, klokke = lag_klient()
    server.tvungne.append(FalskSvar(429, les("feil_429.json")))
    klient.metadata("07459")
    assert klokke.sovnet == [60.0]


def test_503_og_tidsavbrudd_gir_ny_proeve_med_oekende_ventetid():
    klient, server, klokke = lag_klient()
    server.tvungne.extend([FalskSvar(503, None), requests.Timeout("lesing tok for lang tid"),
                           FalskSvar(502, None)])
    klient.metadata("07459")
    assert len(server.foresporsler) == 4
    assert klokke.sovnet == [2.0, 4.0, 8.0]


def test_endelig_feil_etter_alle_forsok_nevner_url_og_status():
    klient, server, _ = lag_klient(forsok=3)
    server.tvungne.extend([FalskSvar(503, {"title": "Service Unavailable", "status": 503})] * 3)
    with pytest.raises(KildeFeil) as feil:
        klient.metadata("07459")
    tekst = str(feil.value)
    assert f"{BASE}/tables/07459/metadata?lang=no" in tekst
    assert "503" in tekst and "3 forsøk" in tekst
    assert len(server.foresporsler) == 3


def test_tidsavbrudd_hver_gang_gir_kildefeil_med_url():
    klient, server, _ = lag_klient(forsok=2)
    server.tvungne.extend([requests.ConnectionError("ingen rute"), requests.Timeout("tidsavbrudd")])
    with pytest.raises(KildeFeil, match=r"tables/07459/metadata.*2 forsøk"):
        klient.metadata("07459")


def test_404_proeves_ikke_igjen_og_viser_ssb_sin_feiltekst():
    klient, server, klokke = lag_klient()
    with pytest.raises(KildeFeil) as feil:
        klient.metadata("99999")
    assert f"{BASE}/tables/99999/metadata" in feil.value.fil
    assert "HTTP 404" in str(feil.value) and "Non-existent table" in str(feil.value)
    assert len(server.foresporsler) == 1 and klokke.sovnet == []


def test_400_ukjent_verdi_gir_kildefeil_med_tittel_fra_ssb():
    klient, server, _ = lag_klient()
    with pytest.raises(KildeFeil) as feil:
        klient.hent("07459", {"Region": ["0"], "ContentsCode": ["Personer1"], "Tid": ["1850"]})
    assert "HTTP 400" in str(feil.value) and "Non-existent value" in str(feil.value)
    assert f"{BASE}/tables/07459/data?lang=no&outputFormat=json-stat2" == feil.value.fil
    assert len(server.foresporsler) == 1


def test_ugyldig_json_stat_i_svaret_gir_kildefeil():
    klient, server, _ = lag_klient()
    server.tvungne.append(FalskSvar(200, {"version": "2.0", "class": "dataset", "id": ["Tid"], "size": [2],
                                          "dimension": {"Tid": {"category": {"index": {"2024": 0, "2023": 1}}}},
                                          "value": [1]}))
    with pytest.raises(KildeFeil, match="value"):
        klient.hent("07459", {"Region": ["0"], "ContentsCode": ["Personer1"], "Tid": ["2023", "2024"]})


# ---- codes, flags and the canonical frames -----------------------------------------------------

@pytest.mark.parametrize("kode,forventet", [("K-3101", "3101"), ("K_5014", "5014"), ("K.0301", "0301"),
                                            ("5014", "5014"), ("K_Rest", None), ("F-50", None), ("0", None)])
def test_til_kommunenummer(kode, forventet):
    assert ssb.til_kommunenummer(kode) == forventet


@pytest.mark.parametrize("verdi,status,kilde", [(4937.0, None, KILDE_SSB), (12.0, "*", KILDE_ESTIMAT),
                                                (float("nan"), "..", KILDE_MANGLER),
                                                (float("nan"), ":", KILDE_MANGLER),
                                                (float("nan"), None, KILDE_MANGLER), (0.0, None, KILDE_SSB)])
def test_statussymbol_til_kilde(verdi, status, kilde):
    assert ssb.kilde_for_celle(verdi, status) == kilde


def test_velg_kommunekodeliste_godtar_begge_skrivemaater_og_feiler_uten():
    assert ssb.velg_kommunekodeliste(les("07459_metadata.json"), "07459") == "agg_KommSummer"
    assert ssb.velg_kommunekodeliste(les("01223_metadata.json"), "01223") == "agg_KommSummer"  # codeLists
    assert ssb.velg_kommunekodeliste(les("07984_metadata.json"), "07984") == "agg_KommSummerS"
    meta = les("07459_metadata.json")
    meta["dimension"]["Region"]["extension"]["codelists"] = [{"id": "vs_Kommun", "label": "Kommuner"}]
    with pytest.raises(KildeFeil, match="sammenslåtte"):
        ssb.velg_kommunekodeliste(meta, "07459")


def test_hent_befolkning():
    klient, server, _ = lag_klient()
    kommuner, land = ssb.hent_befolkning(klient, 2000, 2024)
    assert list(kommuner.columns) == KOLONNER["befolkning"]
    assert list(land.columns) == KOLONNER["befolkning_land"]
    assert str(kommuner["folkemengde"].dtype) == "Int64"
    rad = kommuner.set_index(["kommunenummer", "aar"])
    assert rad.loc[("5014", 2017), "folkemengde"] == 4937
    assert rad.loc[("5014", 2007), "folkemengde"] == 4052
    assert rad.loc[("3101", 2024), "kilde"] == KILDE_SSB
    # Hitra in the merged series before the 2020 split: 0 -> missing, not a real zero.
    assert pd.isna(rad.loc[("5056", 2007), "folkemengde"]) and rad.loc[("5056", 2007), "kilde"] == KILDE_MANGLER
    assert set(kommuner["kommunenummer"]) == {"0301", "1806", "3101", "5014", "5056"}
    assert land.set_index("aar").loc[2024, "folkemengde"] == 5550203

    kommune_post, land_post = data_foresporsler(server)
    valg = {s["variableCode"]: s for s in kommune_post["body"]["selection"]}
    assert set(valg) == {"Region", "ContentsCode", "Tid"}  # Kjonn and Alder eliminated: SSB sums them
    assert valg["Region"]["codelist"] == "agg_KommSummer"
    assert valg["Region"]["valueCodes"][:2] == ["K-0301", "K-1806"]
    assert valg["Tid"]["valueCodes"] == [str(a) for a in range(2005, 2025)]
    assert {s["variableCode"]: s["valueCodes"] for s in land_post["body"]["selection"]}["Region"] == ["0"]


def test_hent_befolkning_spor_bare_om_aar_tabellen_har():
    klient, server, _ = lag_klient()
    kommuner, land = ssb.hent_befolkning(klient, 1990, 2008)  # the table (fixture) starts in 2005
    assert sorted(kommuner["aar"].unique()) == [2005, 2006, 2007, 2008]
    tid = {s["variableCode"]: s["valueCodes"] for s in data_foresporsler(server)[0]["body"]["selection"]}["Tid"]
    assert tid == ["2005", "2006", "2007", "2008"]
    with pytest.raises(KildeFeil, match="ingen år mellom 1900 og 1950"):
        ssb.hent_befolkning(klient, 1900, 1950)


def test_hent_befolkningsendring():
    klient, server, _ = lag_klient()
    df = ssb.hent_befolkningsendring(klient, 2019, 2023)
    assert list(df.columns) == KOLONNER["befolkningsendring"]
    assert all(str(df[k].dtype) == "Int64" for k in ["fodte", "dode", "innflytting", "utflytting",
                                                       "innvandring", "utvandring"])
    rad = df.set_index(["kommunenummer", "aar"])
    oslo = rad.loc[("0301", 2023)]
    assert (oslo["fodte"], oslo["dode"], oslo["innvandring"], oslo["utvandring"],
            oslo["innflytting"], oslo["utflytting"]) == (7820, 4498, 21380, 7003, 29450, 34210)
    assert oslo["kilde"] == KILDE_SSB
    # Whole year = 4th quarter year to date; K2 must not leak in.
    assert sorted(df["aar"].unique()) == [2019, 2020, 2021, 2022, 2023]
    assert rad.loc[("5014", 2023), "kilde"] == KILDE_ESTIMAT  # "*" on innvandring
    hitra = rad.loc[("5056", 2023)]
    assert pd.isna(hitra["utvandring"]) and hitra["kilde"] == KILDE_MANGLER and hitra["fodte"] == 48
    narvik = rad.loc[("1806", 2019)]  # all zero in the merged series -> missing
    assert narvik["kilde"] == KILDE_MANGLER and pd.isna(narvik["fodte"])
    post = data_foresporsler(server)[0]["body"]["selection"]
    valg = {s["variableCode"]: s["valueCodes"] for s in post}
    assert sorted(valg["ContentsCode"]) == sorted(["Fodte2", "Dode3", "Tilflytting7", "Fraflytting8",
                                                   "Innvandring5", "Utvandring6"])
    assert valg["Tid"] == ["2019K4", "2020K4", "2021K4", "2022K4", "2023K4"]


def test_hent_sysselsetting():
    klient, server, _ = lag_klient()
    df = ssb.hent_sysselsetting(klient, 2015, 2023)
    assert list(df.columns) == KOLONNER["sysselsetting"]
    assert str(df["sysselsatte"].dtype) == "Int64"
    assert set(df["kommunenummer"]) == {"0301", "1806", "5014"}  # "K.xxxx" stripped
    rad = df.set_index(["kommunenummer", "aar", "naering"])
    assert rad.loc[("5014", 2023, "00-99"), "sysselsatte"] == 3120
    assert rad.loc[("5014", 2023, "01-03"), "kilde"] == KILDE_ESTIMAT
    assert rad.loc[("5014", 2023, "05-09"), "kilde"] == KILDE_MANGLER
    assert pd.isna(rad.loc[("5014", 2023, "05-09"), "sysselsatte"])
    narvik = df[(df["kommunenummer"] == "1806") & (df["aar"] == 2019)]
    assert len(narvik) == 18 and (narvik["kilde"] == KILDE_MANGLER).all()
    oslo = df[(df["kommunenummer"] == "0301") & (df["aar"] == 2023)].set_index("naering")["sysselsatte"]
    assert oslo["00-99"] == oslo.drop("00-99").sum()
    valg = {s["variableCode"]: s["valueCodes"] for s in data_foresporsler(server)[0]["body"]["selection"]}
    assert valg["Kjonn"] == ["0"] and valg["Alder"] == ["15-74"] and valg["ContentsCode"] == ["SysselsatteArb"]


def test_hent_alt_melder_fremdrift_per_sporring():
    klient, server, _ = lag_klient()
    meldinger: list[str] = []
    alt = ssb.hent_alt(klient, 2015, 2023, fremdrift=meldinger.append)
    assert set(alt) == {"befolkning", "befolkning_land", "befolkningsendring", "sysselsetting", "pendling"}
    assert len(meldinger) == len(server.foresporsler)
    for navn, df in alt.items():
        assert list(df.columns) == KOLONNER[navn]


def test_variabel_uten_total_og_uten_eliminering_summeres_selv():
    meta = les("07459_metadata.json")
    meta["dimension"]["Kjonn"]["extension"]["elimination"] = False
    ekstra, summer = ssb._ovrige_dimensjoner(meta, "07459", {"Region", "ContentsCode", "Tid"}, {})
    assert ekstra == {"Kjonn": ["1", "2"]} and summer == ["Kjonn"]
    celler = pd.DataFrame({"kommunenummer": ["5014"] * 4, "aar": [2017, 2017, 2018, 2018],
                           "Kjonn": ["1", "2", "1", "2"], "verdi": [2500.0, 2437.0, 2510.0, float("nan")],
                           "status": [None, None, None, ".."]})
    ut = ssb._summer_over(ssb._med_kilde(celler), ["kommunenummer", "aar"]).set_index("aar")
    assert ut.loc[2017, "verdi"] == 4937 and ut.loc[2017, "kilde"] == KILDE_SSB
    assert pd.isna(ut.loc[2018, "verdi"]) and ut.loc[2018, "kilde"] == KILDE_MANGLER


def test_hent_sysselsetting_spor_bare_om_aar_tabellen_har():
    # 07984 starts in 2008: a build from 1986 must not ask for years before that (400 Non-existent value).
    klient, server, _ = lag_klient()
    df = ssb.hent_sysselsetting(klient, 1986, 2030)
    tid = {s["variableCode"]: s["valueCodes"] for s in data_foresporsler(server)[0]["body"]["selection"]}["Tid"]
    assert tid == [str(a) for a in range(2008, 2024)]
    assert sorted(df["aar"].unique()) == list(range(2008, 2024))
    assert (df["sektor"] == "alle").all()
    # The 17 SN2007 groups (16 ranges and 00 Uoppgitt) and 00-99, for every municipality and year.
    assert df.groupby(["kommunenummer", "aar"])["naering"].nunique().eq(18).all()


# ---- population change: 06913 when 01223 cannot serve ------------------------------------------

def test_befolkningsendring_fra_06913_naar_01223_ikke_har_aarene():
    klient, server, _ = lag_klient()
    df = ssb.hent_befolkningsendring(klient, 2016, 2017)  # the 01223 fixture starts in 2019
    assert df.attrs["tabell"] == "06913"
    assert list(df.columns) == KOLONNER["befolkningsendring"]
    rad = df.set_index(["kommunenummer", "aar"])
    froya = rad.loc[("5014", 2016)]
    assert (froya["fodte"], froya["dode"], froya["innflytting"], froya["utflytting"]) == (60, 40, 280, 252)
    assert pd.isna(froya["innvandring"]) and pd.isna(froya["utvandring"])  # 06913 has none apart
    assert froya["kilde"] == KILDE_SSB  # no immigration by design is not a missing figure
    assert rad.loc[("1806", 2017), "kilde"] == KILDE_MANGLER  # all 0 in the merged series
    assert set(df["kommunenummer"]) == {"0301", "1806", "5014"}  # K_Rest is no municipality
    post = data_foresporsler(server)[-1]
    assert post["url"].endswith("/tables/06913/data")
    valg = {s["variableCode"]: s for s in post["body"]["selection"]}
    assert valg["Region"]["codelist"] == "agg_KommSummerHist"
    # Codes found by their labels (Levendefødte, Døde, Innflyttinger, Utflyttinger), not guessed.
    assert sorted(valg["ContentsCode"]["valueCodes"]) == ["Dode", "Innflyttede", "LevFodte", "Utflyttede"]
    assert valg["Tid"]["valueCodes"] == ["2016", "2017"]


def test_befolkningsendring_fra_06913_naar_01223_er_borte():
    klient, server, _ = lag_klient()
    del server.metadata["01223"]  # 404 Non-existent table
    df = ssb.hent_befolkningsendring(klient, 2016, 2017)
    assert df.attrs["tabell"] == "06913" and len(df) == 6


def test_befolkningsendring_uten_reserve_naar_ssb_er_nede():
    # 503 is SSB being away, not 01223 lacking: the build must stop, not quietly switch table.
    klient, server, _ = lag_klient(forsok=2)
    server.utilgjengelig.add("01223")
    with pytest.raises(KildeFeil, match="503") as feil:
        ssb.hent_befolkningsendring(klient, 2019, 2023)
    assert not isinstance(feil.value, ssb.IkkeTilgjengelig)
    assert not any("06913" in f["url"] for f in server.foresporsler)


# ---- commuting (03321) --------------------------------------------------------------------------

@pytest.mark.parametrize("etikett,aar,gyldig", [
    ("Narvik (-2019)", 2019, True), ("Narvik (-2019)", 2020, False), ("Hitra (2018-2019)", 2017, False),
    ("Hitra (2018-2019)", 2018, True), ("Halden (2020-2023)", 2024, False), ("Ny (2024-)", 2024, True),
    ("Ny (2024-)", 2023, False), ("Oslo - Oslove", 1990, True), ("Våler (Østfold)", 2019, True)])
def test_gyldig_i_etter_etikettens_periode(etikett, aar, gyldig):
    assert ssb.gyldig_i(etikett, aar) is gyldig


def test_hent_pendling():
    klient, server, _ = lag_klient()
    df = ssb.hent_pendling(klient, 2019, 2020)
    assert list(df.columns) == KOLONNER["pendling"]
    assert str(df["sysselsatte"].dtype) == "Int64"
    celle = df.set_index(["aar", "bostedskommune", "arbeidskommune"])["sysselsatte"]
    # Bokommuen is residence, ArbstedKomm is work: live in Ballangen, work in Narvik.
    assert celle[(2019, "1854", "1805")] == 452 and celle[(2019, "1805", "1854")] == 301
    assert celle[(2019, "0301", "0301")] == 380112
    assert celle[(2020, "1806", "1806")] == 9291
    assert celle[(2019, "5012", "5012")] == 219  # Snillfjord, split in 2020: harmonised by the build
    # Zero cells (most of the matrix) and null cells (1806 in 2019: ".") are no rows.
    assert (df["sysselsatte"] > 0).all()
    assert (2019, "1854", "0301") not in celle.index  # 0 in the fixture
    assert not ((df["aar"] == 2019) & ((df["bostedskommune"] == "1806") | (df["arbeidskommune"] == "1806"))).any()
    assert len(df) == 22 + 17 and (df["kilde"] == KILDE_SSB).all()
    assert df.attrs["aar"] == [2019, 2020]

    # One request per year, each with only that year's codes (by the labels' periods).
    poster = data_foresporsler(server)
    assert len(poster) == 2
    valg = [{s["variableCode"]: s["valueCodes"] for s in p["body"]["selection"]} for p in poster]
    assert [v["Tid"] for v in valg] == [["2019"], ["2020"]]
    assert valg[1]["ArbstedKomm"] == valg[1]["Bokommuen"] == ["0301", "1806", "5014", "5055", "5056"]
    assert {"1805", "1854", "5012", "5013"} <= set(valg[0]["Bokommuen"])
    assert all(v["ContentsCode"] == ["Sysselsatte"] for v in valg)
    assert all("codelist" not in s for p in poster for s in p["body"]["selection"])  # old codes, no codelist


def test_hent_pendling_deler_opp_etter_celler():
    hel, _, _ = lag_klient()
    forventet = ssb.hent_pendling(hel, 2019, 2020)
    klient, server, _ = lag_klient(maks_celler=10)
    df = ssb.hent_pendling(klient, 2019, 2020)
    poster = data_foresporsler(server)
    assert len(poster) > 2 and all(celler_i(p["body"]) <= 10 for p in poster)
    # Never two years in one request; every cell of a year asked for exactly once.
    for aar, antall_koder in [("2019", 9), ("2020", 5)]:
        deler = [p["body"] for p in poster if {s["variableCode"]: s["valueCodes"] for s in p["body"]["selection"]}["Tid"] == [aar]]
        assert sum(celler_i(b) for b in deler) == antall_koder ** 2
    pd.testing.assert_frame_equal(df, forventet)


def test_hent_pendling_siste_aar_som_standard():
    klient, server, _ = lag_klient()
    df = ssb.hent_pendling(klient, antall_aar=1)
    assert set(df["aar"]) == {2020} and len(data_foresporsler(server)) == 1
    assert set(ssb.hent_pendling(klient, 2015, 2019)["aar"]) == {2019}
    assert set(ssb.hent_pendling(klient)["aar"]) == {2019, 2020}  # default: the latest six the table has
    with pytest.raises(ssb.IkkeTilgjengelig, match="ingen år"):
        ssb.hent_pendling(klient, 2000, 2010)


def test_hent_pendling_merker_stjerne_som_estimat_og_hopper_over_null():
    klient, server, _ = lag_klient()
    doc = les("03321_data.json")
    doc["status"] = {"0": "*"}  # Oslo-Oslo 2019 provisional
    svar = utsnitt(doc, {"ArbstedKomm": ["0301"], "Bokommuen": ["0301", "1805"],
                         "ContentsCode": ["Sysselsatte"], "Tid": ["2019"]})
    svar["value"][1] = None
    svar["status"]["1"] = ":"
    server.tvungne.append(FalskSvar(200, les("03321_metadata.json")))
    server.tvungne.append(FalskSvar(200, svar))
    df = ssb.hent_pendling(klient, 2019, 2019)
    assert df[["bostedskommune", "arbeidskommune", "sysselsatte", "kilde"]].values.tolist() == [
        ["0301", "0301", 380112, KILDE_ESTIMAT]]
