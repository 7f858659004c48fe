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


def test_eksportert_diagram_har_enhet_og_kildelinje():
    """A PNG/SVG travels without the page: the unit as title, the chart's title under it, the source at the bottom."""
    from stadkraft.diagram import vekst as dv

    from .test_vekst_diagram import _karasjok
    diagram = dv.indeksdiagram(_karasjok(), "Befolkning, indeks (2007 = 100)", "b")
    for_ = diagram.to_dict()
    spec = eksport.med_tittel_og_kilde(diagram, "Karasjok", "Kilde: SSB tabell 07459.")
    assert diagram.to_dict() == for_  # the on-screen chart is untouched
    assert spec["vconcat"][0]["title"]["text"] == "Karasjok"
    assert spec["vconcat"][0]["title"]["subtitle"] == "Befolkning, indeks (2007 = 100)"
    assert spec["title"] == {**spec["title"], "text": "Kilde: SSB tabell 07459 · Stadkraft", "orient": "bottom"}
    assert spec["config"]["locale"]["number"]["decimal"] == "," and spec["background"] == "white"
    assert "config" not in spec["vconcat"][0] and spec["datasets"]
    svg = eksport.diagram_svg(diagram, "Karasjok", "SSB tabell 07459")
    assert "Karasjok" in svg and "Befolkning, indeks (2007 = 100)" in svg
    assert "Kilde: SSB tabell 07459 · Stadkraft" in svg
    assert eksport.diagram_png(diagram, enhet="Karasjok", kilde="SSB tabell 07459").startswith(b"\x89PNG")


def test_kildelinje_og_diagram_uten_enhet():
    import stadkraft.verktoy.kapasitet as kap
    assert eksport.kildelinje(kap.KILDE_KORT) == "Kilde: Distriktssenteret 2018 · Stadkraft"
    assert eksport.kildelinje(None) == "Stadkraft"
    serier = [kap.Serie("Median no", {k.nokkel: 3 for k in kap.KOMPONENTER}, "median")]
    spec = eksport.med_tittel_og_kilde(kap.diamant(serier, tittel="Kapasitetsdiamanten"), None, None)
    assert spec["vconcat"][0]["title"]["text"] == "Kapasitetsdiamanten" and spec["title"]["text"] == "Stadkraft"
    svg = eksport.diagram_svg(kap.diamant(serier, tittel="Kapasitetsdiamanten"), "Frøya kommune", kap.KILDE_KORT)
    assert "Frøya kommune" in svg and "Kilde: Distriktssenteret 2018 · Stadkraft" in svg
