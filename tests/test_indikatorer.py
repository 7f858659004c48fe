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
