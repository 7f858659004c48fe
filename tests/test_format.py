import pytest

from stadkraft import format as fmt


def test_tall_med_tusenskille_og_minus():
    assert fmt.tall(5550203) == "5\u00a0550\u00a0203"
    assert fmt.tall(-1234.5, 1) == "\u22121\u00a0234,5"
    assert fmt.tall(885, fortegn=True) == "+885"
    assert fmt.tall(0, fortegn=True) == "0"
    assert fmt.tall(None) == fmt.MANGLER
    assert fmt.tall(float("nan")) == fmt.MANGLER


def test_prosent_med_komma():
    assert fmt.prosent(21.84) == "21,8\u00a0%"
    assert fmt.prosent(-3.44, fortegn=True) == "\u22123,4\u00a0%"
    assert fmt.prosent(21.84, fortegn=True) == "+21,8\u00a0%"
    assert fmt.prosent(-0.04) == "0,0\u00a0%"  # rounds to zero: no minus sign on a zero


@pytest.mark.parametrize("navn, skrevet", [
    ("Frøya", "froya"), ("Ålesund", "alesund"), ("Bærum", "baerum"), ("Tromsø", "tromso"),
    ("Kárášjohka - Karasjok", "karasjohka - karasjok"), ("Porsanger - Porsáŋgu - Porsanki", "porsanger - porsangu - porsanki"),
    ("Trøndelag - Trööndelage", "trondelag - troondelage"), ("Unjárga  Čáhcesuolu", "unjarga cahcesuolu"),
    ("đ ŋ ŧ ž š", "d n t z s"), ("", ""), (None, ""),
])
def test_sokeform_bretter_norske_og_samiske_bokstaver(navn, skrevet):
    assert fmt.sokeform(navn) == skrevet
