"""CSV downloads: Norwegian headers, ja/nei, numbers rounded as the screen shows them."""
import numpy as np
import pandas as pd

from stadkraft import eksport, tekster
from stadkraft.beregning import omstilling


def test_ja_nei_og_avrunding():
    df = pd.DataFrame({"a": [True, False], "b": pd.Series([np.True_, None], dtype=object),
                       "c": [21.53451314851709, float("nan")], "d": [1234.6, 2.2], "e": ["x", "y"]})
    ut = eksport.csv_tabell(df, desimaler={"c": 1, "d": 0})
    assert ut["a"].tolist() == ["ja", "nei"] and ut["b"].tolist() == ["ja", ""]
    assert ut["c"].tolist()[0] == 21.5 and pd.isna(ut["c"].tolist()[1])
    assert ut["d"].tolist() == [1235, 2]
    tekst = eksport.csv_bytes(df, {"e": "Navn", "c": "Andel, %", "a": "Anslag"}, {"c": 1}).decode("utf-8-sig")
    assert tekst.splitlines() == ["Navn;Andel, %;Anslag", "x;21,5;ja", "y;;nei"]
    assert eksport.csv_bytes(df).startswith("\ufeff".encode("utf-8"))  # Excel reads UTF-8 with the BOM


def test_omstilling_csv_paa_norsk():
    syss = pd.DataFrame({"aar": [2010, 2013] * 2, "naering": ["00-99", "00-99", "10-33", "10-33"],
                         "sysselsatte": [1000, 900, 400, 200], "kilde": ["ssb"] * 4})
    tekst = eksport.csv_bytes(omstilling.skjerm(syss), **tekster.csv_oppsett("omstilling")).decode("utf-8-sig")
    linjer = tekst.splitlines()
    assert linjer[0].startswith("Næringskode;Næring;Fra år;Til år;")
    assert "True" not in tekst and "False" not in tekst
    assert linjer[2] == "10-33;Industri;2010;2013;400;200;200;1000;20,0;ja;ja;ja;nei;nei"
