"""Regions as units (stadkraft/region.py, stadkraft/beregning/region.py, queries/region_*.sql): sums and
growth against hand-computed figures, an own group from the URL, and the documents' five regional councils."""

import pandas as pd
import pytest

from stadkraft import db, lenker
from stadkraft import region as r
from stadkraft.beregning import region as br
from stadkraft.beregning import vekst

from .test_vekst_sql import lag_vekst_db


@pytest.fixture(scope="module")
def vekst_db(tmp_path_factory):
    return lag_vekst_db(tmp_path_factory.mktemp("region") / "vekst.duckdb")


@pytest.fixture
def kjor(vekst_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(vekst_db))
    return db.kjor


def _rad(tall, gruppe, maal="befolkning", navn=None):
    d = tall[(tall["gruppe"] == gruppe) & (tall["maal"] == maal)]
    if navn:
        d = d[d["navn"] == navn]
    assert len(d) == 1
    return d.iloc[0]


def test_egen_region_fra_url(kjor):
    register = kjor("region_kommuner")
    reg = r.fra_url({"region": "egen", "kommuner": "5014,9999,5056,5014", "navn": "Øyregionen <b>"}, register)
    assert reg.type == r.EGEN and reg.kommuner == ("5014", "5056")  # unknown and repeated codes dropped
    assert reg.navn == "Øyregionen b"                               # no markup in a heading
    assert reg.url() == {lenker.REGION: "egen", lenker.KOMMUNER: "5014,5056", lenker.NAVN: "Øyregionen b"}
    assert r.fra_url({"region": "egen", "kommuner": "9999"}, register) is None
    assert r.fra_url({"region": "egen", "kommuner": "5014"}, register).navn == r.EGEN_NAVN
    assert r.fra_url({"region": "fylke-50"}, register).kommuner == ("5014", "5056")
    assert r.fra_url({"region": "ba-102"}, register).navn == "BA-region Hitra"
    assert r.fra_url({"region": "102"}, register).nokkel == "ba-102"  # the attractiveness page's old link
    assert r.fra_url({"region": "regionraad-finnes-ikke"}, register) is None
    assert r.fra_url({}, register) is None
    # A council keeps only the members the database has.
    assert r.fra_url({"region": "regionraad-hallingdal"}, register).kommuner == ()


def test_regionens_summer_og_vekst_for_hand(kjor):
    register = kjor("region_kommuner")
    reg = r.egen(register, "5014,5056", "Øyene")
    s = r.serie(reg, register, 2010, 2016, kjor)
    assert _rad(s[s["aar"] == 2010], "kommune")["verdi"] == 3000          # 1000 + 2000
    assert pd.isna(_rad(s[s["aar"] == 2011], "kommune")["verdi"])     # Hitra has no 2011 figure
    assert _rad(s[s["aar"] == 2016], "kommune")["n_estimat"] == 1        # Hitra 2016 is an estimate
    assert _rad(s[s["aar"] == 2010], "fylke")["navn"] == "Trøndelag (fylke)"
    # 2010-2016 crosses Hitra's hole: no growth figure (the key figures' rule for a missing year).
    assert _rad(vekst.nokkeltall(s, 2010, 2016), "kommune")["mangler"]
    tall = vekst.nokkeltall(s, 2012, 2016)
    reg_rad = _rad(tall, "kommune")
    assert (reg_rad.start, reg_rad.slutt, reg_rad.endring) == (3400, 4200, 800)   # 1200+2200 -> 1600+2600
    assert reg_rad.prosent == pytest.approx(800 / 3400 * 100)
    assert reg_rad.estimat
    assert _rad(tall, "land").start == 13600                                     # with Oslo 10 200
    # Employment: Frøya 980 -> 920, Hitra 2000 -> 2000 (2012-2016).
    syss = _rad(tall, "kommune", "sysselsetting")
    assert (syss.start, syss.slutt) == (2980, 2920)


def test_medlemmenes_bidrag_summerer_til_regionens_vekst(kjor):
    register = kjor("region_kommuner")
    reg = r.egen(register, "5014,5056,0301", "Alle tre")
    tall = vekst.nokkeltall(r.serie(reg, register, 2012, 2016, kjor), 2012, 2016)
    b = br.bidrag(tall[tall["maal"] == "befolkning"])
    start = 1200 + 2200 + 10200
    assert b.set_index("kode")["bidrag"].to_dict() == pytest.approx(
        {"5014": 400 / start * 100, "5056": 400 / start * 100, "0301": 400 / start * 100})
    assert b["bidrag"].sum() == pytest.approx(_rad(tall, "kommune").prosent)


def test_profilrader_for_region(kjor):
    register = kjor("region_kommuner")
    reg = r.egen(register, "5014,5056", "Øyene")
    rader = br.profilrader(r.serie(reg, register, 2006, 2016, kjor, fylker=["50"]), 2016)
    ett = rader[(rader["aar_tilbake"] == 1) & (rader["niva"] == "region")].iloc[0]
    assert (ett.start, ett.slutt) == (1500 + 2500, 1600 + 2600)
    assert rader[(rader["aar_tilbake"] == 10)]["mangler"].all()  # no 2006 in the database
    tabell = vekst.profiltabell(rader)
    assert list(tabell.columns) == ["Vekst siste", "Regionen: Øyene", "Fylket: Trøndelag", "Norge"]
    assert tabell.iloc[0, 1] == "+5,0\u00a0% (anslag)"  # 4000 -> 4200, Hitra 2016 estimated


def test_regionvalg_har_raad_fylker_og_ba(kjor):
    valg = r.valg(kjor("region_kommuner"))
    assert list(valg)[:6] == [f"regionraad-{s}" for s in r.REGIONRAAD_LISTE]
    assert valg["fylke-50"] == "Trøndelag (fylke)" and valg["ba-102"] == "BA-region Hitra"


# --- The five regional councils of Onsager, NIBR 2019:7, on the real data ------------------------------

@pytest.fixture
def ekte(ekte_db, monkeypatch):
    monkeypatch.setenv("STADKRAFT_DB", str(ekte_db))
    return db.kjor


@pytest.mark.parametrize("slug", list(r.REFERANSE))
def test_fem_regionraad_som_i_dokumentet(ekte, slug):
    """Population 1 January 2019 and change 2010-2019 as the document prints them.

    Midt-Troms: the council as it was in 2019 (without Salangen); in 2024 codes its members are Bardu,
    Dyrøy, Målselv, Sørreisa and Senja, which is exactly the old Berg, Lenvik, Torsken and Tranøy, so the
    2024 structure changes nothing: SSB's figures give 30 464 (the text rounds to «30.500») and +2,65 %
    (786 / 29 678), which the text prints as +2,7 % (rounded up from 2,65; one decimal of the exact
    figure is 2,6). The other four match to the person and to the printed decimal.
    """
    register = ekte("region_kommuner")
    folk, prosent, medlemmer = r.REFERANSE[slug]
    reg = r.fra_nokkel(register, f"regionraad-{slug}")
    if medlemmer:
        reg = r.egen(register, ",".join(medlemmer), reg.navn)
    rad = _rad(vekst.nokkeltall(r.serie(reg, register, 2010, 2019, ekte), 2010, 2019), "kommune")
    if slug == "midt-troms":
        assert rad.slutt == 30_464 and round(rad.slutt, -2) == folk
        assert rad.prosent == pytest.approx(2.648, abs=0.001)
    else:
        assert rad.slutt == folk
        assert round(rad.prosent, 1) == prosent
    assert not rad.mangler and not rad.estimat


def test_hallingdal_og_midt_troms_i_dag(ekte):
    register = ekte("region_kommuner")
    hallingdal = r.fra_nokkel(register, "regionraad-hallingdal")
    assert len(hallingdal.kommuner) == 6 and r.fylker_for(register, hallingdal) == ["33"]
    assert len(r.fra_nokkel(register, "regionraad-midt-troms").kommuner) == 6
    for slug, (_, kommuner, _) in r.REGIONRAAD_LISTE.items():
        assert set(kommuner) <= set(register["kommunenummer"]), slug


# --- The pack button follows the view (stadkraft/ui/region.py) -----------------------------------

def test_kunnskapsgrunnlag_folger_visningen(monkeypatch):
    from stadkraft import kunnskapsgrunnlag
    from stadkraft.ui import region as ui

    url = {"fra": "2010", "til": "2016", "liknende": "5056,5055", "samanlikn": "0301"}  # the old name too
    assert ui.visning(parametre=url) == {"fra": 2010, "til": 2016, "liknende": ["5056", "5055"],
                                         "sammenlign": ["0301"]}
    # What the caller passes wins (the attractiveness page hands over its own period).
    assert ui.visning(2007, 2017, parametre=url)["fra"] == 2007
    # Nothing in the URL: the pack's defaults, and the similar municipalities computed (None, not []).
    assert ui.visning(parametre={"fra": "x"}) == {"fra": None, "til": None, "liknende": None, "sammenlign": None}
    assert ui.visning(parametre={"liknende": ""})["liknende"] == []   # emptied by the user: none

    kall = {}

    def lag_pakke(**kw):
        kall.update(kw)
        return b"%PDF", b"PK", None

    monkeypatch.setattr(kunnskapsgrunnlag, "lag_pakke", lag_pakke)
    assert ui._pakke("5014", None, "pdf", ui.visning(parametre=url)) == b"%PDF"
    assert (kall["kommune"], kall["fra"], kall["til"], kall["liknende"], kall["sammenlign"]) == (
        "5014", 2010, 2016, ["5056", "5055"], ["0301"])
    assert ui._pakke("5014", None, "zip") == b"PK" and kall["med_zip"]


def test_omstillingssil_for_hver_kommune_i_regionen(vekst_db, monkeypatch):
    from tests.test_vekst_side import side
    at = side(vekst_db, monkeypatch, region="egen", kommuner="5014,5056", navn="Øyene", fra="2010", til="2016",
              andel="5")
    assert not at.exception
    etiketter = [e.label for e in at.expander]
    assert "Omstillingssil for Frøya" in etiketter and "Omstillingssil for Hitra" in etiketter
    froya = next(e for e in at.expander if e.label == "Omstillingssil for Frøya")
    # The member's own heat map and windows, with the region's thresholds (?andel=5).
    assert any("minst 5\u00a0%" in c.value and "Industri 2011–2014" in c.value for c in froya.caption)
    assert len(froya.dataframe) == 1
