from stadkraft import indikatorer as ind


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
    kilder = {"sysselsetting": "SSB tabell 13470"}
    assert ind.kilde(ind.INDIKATORER["sysselsatte"], kilder) == "SSB tabell 13470"
    assert ind.kilde(ind.INDIKATORER["folkemengde"], kilder) == "SSB tabell 07459"


def test_kolonnenavn_er_korte_med_aar():
    d = _data()
    navn = {k: ind.kolonnenavn(i, d, 2016, 2026) for k, i in ind.INDIKATORER.items()}
    assert navn == {"vekst": "Vekst 2016–2026, %", "folkemengde": "Folkemengde 2026",
                    "sentralitet": "Sentralitetsklasse", "sysselsatte": "Sysselsatte 2017"}
    assert ind.kolonnenavn(ind.INDIKATORER["sysselsatte"], d.assign(sysselsatte_aar=None), 2016, 2026) == "Sysselsatte"
    # The CSV rounds to what `skriv` shows.
    assert ind.INDIKATORER["vekst"].desimaler == 1 and ind.INDIKATORER["folkemengde"].desimaler == 0
