import pytest

from stadkraft.beregning import indikatorer as ind


def test_klassegrenser():
    g = ind.INDIKATORER["vekst"].grenser  # -10, -5, 0, 5, 10
    assert [ind.klasse(v, g) for v in (-20, -10, -0.1, 0, 4.9, 5, 21.8)] == [0, 1, 2, 3, 3, 4, 5]
    assert ind.klasse(float("nan"), g) is None


def test_sentralitet_har_en_farge_per_klasse():
    i = ind.INDIKATORER["sentralitet"]
    assert len({ind.farge(k, i) for k in range(1, 7)}) == 6


def test_tegnforklaring_har_alle_klasser_og_mangler():
    rader = ind.tegnforklaring(ind.INDIKATORER["folkemengde"])
    assert len(rader) == 7 and rader[-1] == (ind.MANGLER_FARGE, "Mangler tall")
    assert rader[0][1] == "under 2\u00a0000"


def test_hver_indikator_har_en_farge_mer_enn_grenser():
    for i in ind.INDIKATORER.values():
        assert len(i.palett) == len(i.grenser) + 1


def _data():
    import pandas as pd
    return pd.DataFrame({"kommunenummer": ["0301", "1508"], "navn": ["Oslo", "Ålesund"],
                         "folkemengde": [697010, 57274], "folkemengde_estimat": [False, True],
                         "vekst_prosent": [1.0, None], "estimat": [False, True],
                         "sysselsatte": [500000, None], "sysselsatte_aar": [2017, None],
                         "sysselsatte_estimat": [False, None], "sentralitetsklasse": [1, 3]})


def test_overskrift_navngir_aaret():
    d = _data()
    assert ind.overskrift(ind.INDIKATORER["folkemengde"], d, 2021) == "Folkemengde 1. januar 2021"
    assert ind.overskrift(ind.INDIKATORER["sysselsatte"], d, 2021) == "Sysselsatte etter arbeidssted, 4. kvartal 2017"
    assert ind.overskrift(ind.INDIKATORER["vekst"], d, 2021) == "Befolkningsvekst i perioden (%)"
    ingen = d.assign(sysselsatte_aar=None)
    assert ind.overskrift(ind.INDIKATORER["sysselsatte"], ingen, 2021) == ind.INDIKATORER["sysselsatte"].navn


def test_folkemengde_flagger_anslag():
    v = ind.fargelegg(_data(), ind.INDIKATORER["folkemengde"])
    assert v["verdi_tekst"].tolist() == ["697\u00a0010", "57\u00a0274 (anslag)"]
    # Growth: Ålesund is estimated but has no value, so nothing to mark.
    assert not ind.estimert(_data(), ind.INDIKATORER["vekst"]).any()


def test_kilde_folger_bygget_for_sysselsetting():
    # vekst.kilder(): the period's employment source, the latest year's, and population change.
    kilder = {"sysselsetting": "SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking)",
              "sysselsetting_siste": "SSB tabell 11618", "endring": "SSB (sammenstilt av Telemarksforsking)",
              "befolkning": "SSB tabell 07459"}
    assert ind.kilde(ind.INDIKATORER["sysselsatte"], kilder) == "SSB tabell 11618"
    assert ind.kilde(ind.INDIKATORER["sysselsettingsvekst"], kilder) == kilder["sysselsetting"]
    assert ind.kilde(ind.INDIKATORER["nettoinnflytting"], kilder) == (
        "SSB (sammenstilt av Telemarksforsking) (befolkningsendringer) og SSB tabell 07459 (folketall)")
    assert ind.kilde(ind.INDIKATORER["folkemengde"], kilder) == "SSB tabell 07459"


def test_kolonnenavn_er_korte_med_aar():
    d = _data()
    navn = {k: ind.kolonnenavn(i, d, 2016, 2026) for k, i in ind.INDIKATORER.items()}
    assert navn == {"vekst": "Vekst 2016–2026, %", "folkemengde": "Folkemengde 2026",
                    "sentralitet": "Sentralitetsklasse", "sysselsatte": "Sysselsatte 2017",
                    "sysselsettingsvekst": "Syss. 2016–2026, %", "nettoinnflytting": "Innfl. 2016–2026, %",
                    "fodselsoverskudd": "Fødselsoverskudd, %"}
    assert all(len(n) <= 20 for n in navn.values())
    assert ind.kolonnenavn(ind.INDIKATORER["sysselsatte"], d.assign(sysselsatte_aar=None), 2016, 2026) == "Sysselsatte"
    # The CSV rounds to what `skriv` shows.
    assert ind.INDIKATORER["vekst"].desimaler == 1 and ind.INDIKATORER["folkemengde"].desimaler == 0


def _dekning(**endre):
    d = {"sysselsetting_aar": "2003–2022", "endring_aar": "2003–2016", "endring_spenn": (2003, 2016)}
    d.update(endre)
    return d


def test_beregn_bruker_vekst_og_gir_nan_ikke_null():
    import pandas as pd
    rad = pd.DataFrame({"kommunenummer": ["a", "b"], "navn": ["A", "B"], "folk_fra": [1000, 0],
                        "folkemengde": [1100, 50], "syss_fra": [400, None], "syss_til": [500, 300],
                        "nettoinnflytting": [60, None], "fodselsoverskudd": [-10, 5]})
    b = ind.beregn(rad)
    assert b["vekst_prosent"].tolist()[0] == 10.0 and b["syss_vekst_prosent"].tolist()[0] == 25.0
    assert b["nettoinnflytting_prosent"].tolist()[0] == 6.0 and b["fodselsoverskudd_prosent"].tolist()[0] == -1.0
    assert b.loc[1, ["vekst_prosent", "syss_vekst_prosent", "nettoinnflytting_prosent",
                     "fodselsoverskudd_prosent"]].isna().all()
    assert ind.beregn(b) is b  # nothing left to compute


def test_mangel_sier_hvilke_aar_som_finnes():
    import pandas as pd
    tom = pd.DataFrame({"nettoinnflytting_prosent": [float("nan")] * 3, "syss_vekst_prosent": [float("nan")] * 3})
    tekst = ind.mangel(ind.INDIKATORER["nettoinnflytting"], tom, _dekning(), 2010, 2020)
    assert tekst.startswith("Nettoinnflytting kan ikke vises for 2010–2020: databasen har befolkningsendringer "
                            "for årene 2003–2016")
    assert "mellom 2003 og 2017" in tekst and "etter 2016 finnes ennå ikke" in tekst
    tekst = ind.mangel(ind.INDIKATORER["sysselsettingsvekst"], tom, _dekning(), 1990, 2000)
    assert "1990–2000" in tekst and "2003–2022" in tekst
    med = tom.assign(nettoinnflytting_prosent=[1.0, None, None])
    assert ind.mangel(ind.INDIKATORER["nettoinnflytting"], med, _dekning(), 2007, 2017) is None


def test_nettoinnflytting_i_prosent_regnet_fra_kildefila(ekte_db, bruk_db):
    # By hand from the offline folder's CSV: Frøya (1620 in the 2017 codes, the same municipality as 5014)
    # 2007-2016 = the events of 2007..2015 over the population on 1 January 2007.
    import csv
    from stadkraft import db
    from tests.conftest import ekte_kilde
    fil = ekte_kilde() / "befolkningsendring" / "befolkningsendring_2003-2016_kommuner2017.csv"
    with fil.open(encoding="utf-8") as f:
        froya = {int(r["aar"]): r for r in csv.DictReader(f) if r["kommunenummer"] == "1620"}
    netto = sum(int(froya[a]["nettoinnflytting"]) for a in range(2007, 2016))
    fodsel = sum(int(froya[a]["fodselsoverskudd"]) for a in range(2007, 2016))
    start = int(froya[2007]["folkemengde_1jan"])
    assert (netto, fodsel, start) == (729, 18, 4052)
    bruk_db(ekte_db)
    d = ind.beregn(db.kjor("oversikt_indikatorer", fra=2007, til=2016)).set_index("kommunenummer")
    assert d.loc["5014", "nettoinnflytting_prosent"] == pytest.approx(100 * netto / start)     # 17,99 %
    assert d.loc["5014", "fodselsoverskudd_prosent"] == pytest.approx(100 * fodsel / start)     # 0,44 %
    assert d.loc["5014", "syss_vekst_prosent"] == pytest.approx(100 * (2648 - 2122) / 2122)
    # Past 2016 there are no migration figures: missing, not zero.
    d2 = ind.beregn(db.kjor("oversikt_indikatorer", fra=2010, til=2020))
    assert d2["nettoinnflytting_prosent"].isna().all() and d2["syss_vekst_prosent"].notna().all()
