"""queries/*.sql against a database built from the fixture folder (figures known by construction).

Fixture population: Frøya 4000 + 100 per year from 2005; Hitra 4500 + 20 per year (2005-2008
estimated); Haram missing 2005-2006; see tests/fixtures/kilde_liten.
"""
import math

import pytest

from stadkraft import db
from stadkraft.beregning import vekst
from stadkraft.beregning import indikatorer as ind


@pytest.fixture(autouse=True)
def _db(fixtur_db, bruk_db):
    bruk_db(fixtur_db)


def rad(df, **filter_):
    for k, v in filter_.items():
        df = df[df[k] == v]
    assert len(df) == 1, df
    return df.iloc[0]


def test_oversikt_vekst_i_perioden():
    df = ind.beregn(db.kjor("oversikt_indikatorer", fra=2007, til=2017))  # the percentages: stadkraft.beregning.vekst
    assert len(df) == 6
    froya = rad(df, kommunenummer="5014")
    assert (froya.folkemengde, froya.endring) == (5200, 1000)
    assert math.isclose(froya.vekst_prosent, 100 * 1000 / 4200)
    assert not froya.estimat


def test_oversikt_flagger_anslag_og_mangler():
    df = ind.beregn(db.kjor("oversikt_indikatorer", fra=2005, til=2010))
    assert rad(df, kommunenummer="5056").estimat  # Hitra 2005 is an estimate
    haram = rad(df, kommunenummer="1580")
    assert math.isnan(haram.vekst_prosent)  # 2005 is missing: no number, not a zero


def test_oversikt_siste_sysselsetting():
    df = db.kjor("oversikt_indikatorer", fra=2015, til=2020)
    froya = rad(df, kommunenummer="5014")
    assert froya.sysselsatte_aar == 2022 and froya.sysselsatte == 1100 + 860


def test_profil_vekst_kommune_fylke_land():
    df = vekst.profilvekst(db.kjor("profil_vekst", kommune="5014", til=2024))
    fem = df[df.aar_tilbake == 5]
    kommune = rad(fem, niva="kommune")
    assert (kommune.start, kommune.slutt) == (5400, 5900)  # 2019 and 2024
    fylke = rad(fem, niva="fylke")  # Trøndelag = Frøya + Hitra
    assert (fylke.start, fylke.slutt) == (5400 + 4780, 5900 + 4880)
    land = rad(fem, niva="land")
    assert land.slutt == sum([600000 + 5000 * 19, 110000 + 1000 * 19, 4000 + 100 * 19, 4500 + 20 * 19,
                              60000 + 500 * 19, 9000 - 10 * 19])
    assert math.isclose(kommune.vekst_prosent, 100 * 500 / 5400)


def test_profil_vekst_over_manglende_aar_gir_ingen_tall():
    df = vekst.profilvekst(db.kjor("profil_vekst", kommune="1580", til=2015))
    ti = df[df.aar_tilbake == 10]
    assert rad(ti, niva="kommune").mangler and math.isnan(rad(ti, niva="kommune").vekst_prosent)
    assert rad(ti, niva="land").mangler  # Norway includes Haram's hole


def test_profil_og_kommuneliste():
    p = db.kjor("profil", kommune="5014", til=2024).iloc[0]
    assert (p.navn, p.folkemengde, p.kilde, p.sentralitetsklasse) == ("Frøya", 5900, "ssb", 5)
    assert p.ba_regionnavn == "Hitra"
    liste = db.kjor("kommuneliste")
    assert list(liste.navn) == sorted(liste.navn)


def test_grenser_og_aarsspenn():
    assert len(db.kjor("kommunegrenser")) == 6
    assert len(db.kjor("fylkesgrenser")) == 4
    spenn = db.kjor("aarsspenn").iloc[0]
    assert (spenn.forste, spenn.siste) == (2005, 2024)
