"""The restructuring screen on fixtures that cross and do not cross each threshold (002 L37-47)."""
import re

import pandas as pd
import pytest

from stadkraft import tekster
from stadkraft.beregning import omstilling
from stadkraft.data.skjema import KILDE_ESTIMAT, KILDE_MANGLER, KILDE_SSB, NAERING_ALLE


def syss(rader):
    """rows of (aar, naering, sysselsatte[, kilde])"""
    return pd.DataFrame([(*r, KILDE_SSB) if len(r) == 3 else r for r in rader],
                        columns=["aar", "naering", "sysselsatte", "kilde"])


def total_og_industri(industri: list[int], total: list[int], start: int = 2010):
    rader = []
    for i, (a, t) in enumerate(zip(industri, total)):
        rader += [(start + i, "10-33", a), (start + i, NAERING_ALLE, t)]
    return syss(rader)


def vindu(skjerm, naering, fra_aar):
    rad = skjerm[(skjerm["naering"] == naering) & (skjerm["fra_aar"] == fra_aar)]
    assert len(rad) == 1
    return rad.iloc[0]


def test_nøyaktig_på_begge_terskler_flagges():
    # 1 000 employed in total; industry falls 400 -> 250 = 150 persons = 15.0 % over 3 years.
    s = omstilling.skjerm(total_og_industri([400, 350, 300, 250], [1000, 950, 900, 850]))
    r = vindu(s, "10-33", 2010)
    assert (r["til_aar"], r["nedgang"], r["total_fra"]) == (2013, 150, 1000)
    assert r["andel"] == pytest.approx(15.0)
    assert r["over_andel"] and r["over_personer"] and r["flagg"]


def test_under_personterskelen_flagges_ikke():
    # 149 persons = 14.9 % of 1 000: under both; and 149 of 990 = 15.05 %: share yes, persons no.
    s = omstilling.skjerm(total_og_industri([400, 380, 300, 251], [990, 950, 900, 850]))
    r = vindu(s, "10-33", 2010)
    assert r["nedgang"] == 149 and r["andel"] == pytest.approx(149 / 990 * 100)
    assert r["over_andel"] and not r["over_personer"] and not r["flagg"]


def test_under_andelsterskelen_flagges_ikke():
    # 150 persons of 1 001 in total = 14.985 %: persons yes, share no.
    s = omstilling.skjerm(total_og_industri([400, 350, 300, 250], [1001, 950, 900, 850]))
    r = vindu(s, "10-33", 2010)
    assert r["over_personer"] and not r["over_andel"] and not r["flagg"]


def test_stor_kommune_krysser_personer_men_ikke_andel():
    # 600 jobs lost in a municipality of 20 000: 3 %, far under 15 %.
    s = omstilling.skjerm(total_og_industri([5000, 4800, 4600, 4400], [20000, 19800, 19600, 19400]))
    r = vindu(s, "10-33", 2010)
    assert r["nedgang"] == 600 and r["over_personer"] and not r["flagg"]


def test_fall_spredt_over_mer_enn_tre_år_flagges_ikke():
    # 40 a year for 5 years = 200 in all, but at most 120 (12 %) inside any 3-year window.
    industri = [500, 460, 420, 380, 340, 300]
    s = omstilling.skjerm(total_og_industri(industri, [1000] * 6))
    ind = s[s["naering"] == "10-33"]
    assert ind["nedgang"].max() == 120 and not ind["flagg"].any()
    assert list(ind["fra_aar"]) == [2010, 2011, 2012]  # 2010-13, 2011-14, 2012-15
    # With a 4-year window the same fall is 160 persons = 16 %: flagged (the window is a parameter).
    s4 = omstilling.skjerm(total_og_industri(industri, [1000] * 6), vindu=4)
    assert s4[s4["naering"] == "10-33"]["flagg"].any()


def test_fall_på_to_år_fanges_av_treårsvinduet():
    # 200 lost between 2011 and 2013, then flat: the window 2010-2013 holds all of it.
    s = omstilling.skjerm(total_og_industri([500, 500, 400, 300, 300], [1000] * 5))
    assert vindu(s, "10-33", 2010)["flagg"] and vindu(s, "10-33", 2011)["flagg"]


def test_kortere_enn_tre_år_gir_ingen_vinduer():
    assert omstilling.skjerm(total_og_industri([500, 300, 100], [1000] * 3)).empty


def test_terskler_kan_endres():
    data = total_og_industri([400, 350, 300, 250], [1000] * 4)
    assert not vindu(omstilling.skjerm(data, min_andel=20), "10-33", 2010)["flagg"]
    assert not vindu(omstilling.skjerm(data, min_personer=151), "10-33", 2010)["flagg"]
    assert vindu(omstilling.skjerm(data, min_andel=10, min_personer=100), "10-33", 2010)["flagg"]


def test_total_sysselsetting_alene_og_sortering():
    s = omstilling.skjerm(syss([(2010, NAERING_ALLE, 1000), (2013, NAERING_ALLE, 800)]))
    assert len(s) == 1 and s.iloc[0]["naeringsnavn"] == "Alle næringer"
    assert s.iloc[0]["flagg"] and s.iloc[0]["andel"] == pytest.approx(20.0)
    s2 = omstilling.skjerm(total_og_industri([400, 350, 300, 250], [1000] * 4))
    assert s2.iloc[0]["naering"] == NAERING_ALLE  # the total comes first


def test_uten_totalrad_brukes_summen_av_næringene():
    data = syss([(2010, "10-33", 400), (2010, "85", 600), (2013, "10-33", 250), (2013, "85", 600)])
    r = vindu(omstilling.skjerm(data), "10-33", 2010)
    assert r["total_fra"] == 1000 and r["flagg"]


def test_mangler_og_estimat_merkes():
    data = syss([(2010, NAERING_ALLE, 1000, KILDE_ESTIMAT), (2013, NAERING_ALLE, 700, KILDE_SSB),
                 (2011, NAERING_ALLE, None, KILDE_MANGLER), (2014, NAERING_ALLE, 600, KILDE_SSB)])
    s = omstilling.skjerm(data).set_index("fra_aar")
    assert s.loc[2010, "estimat"] and s.loc[2010, "flagg"]
    assert s.loc[2011, "mangler"] and not s.loc[2011, "flagg"] and pd.isna(s.loc[2011, "andel"])


def test_perioden_avgrenser_vinduene():
    data = total_og_industri([500] * 8, [1000] * 8)
    s = omstilling.skjerm(data, fra=2012, til=2016)
    assert set(s["fra_aar"]) == {2012, 2013} and s["til_aar"].max() == 2016


def test_tabell_for_visning():
    t = omstilling.tabell(omstilling.skjerm(total_og_industri([400, 350, 300, 250], [1000] * 4)))
    assert t.columns.tolist()[:2] == ["Næring", "Vindu"]
    assert t.iloc[1].to_dict() == {"Næring": "Industri", "Vindu": "2010–2013", "Nedgang, personer": 150.0,
                                   "Nedgang, % av total": 15.0, "Krysser begge": "ja", "Over brudd": "",
                                   "Anslag": ""}


def test_sammendrag():
    s = omstilling.skjerm(total_og_industri([400, 350, 300, 250, 250], [1000] * 5))
    sam = omstilling.sammendrag(s)
    assert sam["vinduer"] == 2 and len(sam["flagget"]) == 1 and sam["har_naering"]
    assert sam["storst"]["naering"] == "10-33"


def test_andre_forhold_er_med_kildehenvisning():
    tekster = " ".join(t for t, _ in omstilling.ANDRE_FORHOLD).lower()
    for ord_ in ("indirekte", "arbeidsledighet", "pendling", "trygdebudsjett", "yrkesaktive", "kommuneøkonomi"):
        assert ord_ in tekster
    # Cited as a reader can look them up (author/body and year), never as internal line numbers.
    for _, kilde in omstilling.ANDRE_FORHOLD:
        assert re.search(r"(Hallingdal|Prop\. 1 S|Oxford Research).*\d{4}", kilde), kilde
        assert not re.search(r"dok\.|\bL\d", kilde), kilde
    liste = omstilling.andre_forhold_liste()
    assert liste.count("\n- ") == len(omstilling.ANDRE_FORHOLD) - 1
    assert "(Oxford Research 2018)" in liste and "(Regionrådet for Hallingdal 2020)" not in liste


def test_vinduer_over_brudd_i_serien_merkes():
    # Breaks in 2015 (a-ordningen) and 2017 (a new source): a window s -> t spans b when s < b <= t.
    brudd = {2015: "A-ordningen.", 2017: "Ny kilde."}
    data = total_og_industri([500] * 10, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 800, 800, 800], start=2010)
    s = omstilling.skjerm(data, brudd=brudd)
    tot = s[s["naering"] == NAERING_ALLE].set_index("fra_aar")
    over = {a: tot.loc[a, "over_brudd"] for a in tot.index}
    assert over == {2010: False, 2011: False, 2012: True, 2013: True, 2014: True, 2015: True, 2016: True}
    assert tot.loc[2014, "brudd"] == "2014–2015: A-ordningen. 2016–2017: Ny kilde."
    assert tot.loc[2015, "brudd"] == "2016–2017: Ny kilde."
    # The 20 % fall 2014-2017 crosses both thresholds: still flagged, and marked as over a break.
    assert tot.loc[2014, "flagg"] and tot.loc[2014, "over_brudd"]
    sam = omstilling.sammendrag(s)
    assert sam["over_brudd"] == ["2012–2015", "2013–2016", "2014–2017", "2015–2018", "2016–2019"]
    assert omstilling.tabell(s).set_index(["Næring", "Vindu"]).loc[("Alle næringer", "2014–2017"), "Over brudd"] == "ja"
    # Without breaks nothing is marked.
    assert not omstilling.skjerm(data)["over_brudd"].any()


def test_csv_har_bruddkolonnene_naar_et_vindu_gaar_over_brudd():
    from stadkraft import eksport
    s = omstilling.skjerm(total_og_industri([400, 350, 300, 250], [1000] * 4), brudd={2012: "Ny definisjon."})
    linjer = eksport.csv_bytes(s, **tekster.csv_oppsett("omstilling", brudd=True)).decode("utf-8-sig").splitlines()
    assert ";Krysser begge;Over brudd i serien;Brudd i serien;Anslag;" in linjer[0]
    assert linjer[2].endswith(";ja;ja;ja;ja;2011–2012: Ny definisjon.;nei;nei")  # Industri 2010-2013
    assert "Over brudd" not in eksport.csv_bytes(s, **tekster.csv_oppsett("omstilling")).decode("utf-8-sig")
