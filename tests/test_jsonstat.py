"""JSON-stat 2.0 decoding as SSB sends it, plus the other forms the format allows."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from stadkraft.data.feil import KildeFeil
from stadkraft.data.jsonstat import kategorier, til_dataframe

FIKS = Path(__file__).parent / "fixtures" / "ssb"


def les(navn: str) -> dict:
    return json.loads((FIKS / navn).read_text(encoding="utf-8"))


def liten() -> dict:
    """The reference's minimal example (§2.4): id order Region, Alder, ContentsCode, Tid."""
    return {
        "version": "2.0", "class": "dataset", "label": "07459: Befolkning",
        "id": ["Region", "Alder", "ContentsCode", "Tid"], "size": [2, 1, 1, 2],
        "dimension": {
            "Region": {"label": "region", "category": {"index": {"K-3103": 0, "K-0301": 1},
                                                        "label": {"K-3103": "Moss", "K-0301": "Oslo - Oslove"}}},
            "Alder": {"label": "alder", "category": {"index": {"F00-04": 0}, "label": {"F00-04": "0-4 år"}}},
            "ContentsCode": {"label": "statistikkvariabel",
                             "category": {"index": {"Personer1": 0}, "label": {"Personer1": "Personer"}}},
            "Tid": {"label": "år", "category": {"index": {"2019": 0, "2020": 1}, "label": {"2019": "2019", "2020": "2020"}}},
        },
        "value": [2360, 2295, 1234, None],
        "status": {"3": ".."},
    }


def test_rad_per_celle_i_radrekkefolge():
    df = til_dataframe(liten())
    assert list(df.columns) == ["Region", "Region_tekst", "Alder", "Alder_tekst", "ContentsCode",
                                "ContentsCode_tekst", "Tid", "Tid_tekst", "verdi", "status"]
    assert df[["Region", "Tid"]].values.tolist() == [["K-3103", "2019"], ["K-3103", "2020"],
                                                     ["K-0301", "2019"], ["K-0301", "2020"]]
    assert df["verdi"].tolist()[:3] == [2360.0, 2295.0, 1234.0] and np.isnan(df["verdi"].iloc[3])
    assert df["verdi"].dtype == "float64"
    assert df["status"].tolist() == [None, None, None, ".."]
    assert df["Region_tekst"].iloc[2] == "Oslo - Oslove"


def test_indeks_foelger_verdien_ikke_noekkelrekkefoelgen():
    doc = liten()
    # Keys listed out of order (as in SSB's 05810 metadata): position comes from the value.
    doc["dimension"]["Tid"]["category"]["index"] = {"2020": 1, "2019": 0}
    doc["dimension"]["Region"]["category"]["index"] = {"K-0301": 1, "K-3103": 0}
    assert til_dataframe(doc)[["Region", "Tid"]].values.tolist()[1] == ["K-3103", "2020"]


def test_indeks_som_liste_og_manglende_indeks_ved_en_kategori():
    doc = liten()
    doc["dimension"]["Tid"]["category"]["index"] = ["2019", "2020"]
    del doc["dimension"]["Alder"]["category"]["index"]
    df = til_dataframe(doc)
    assert df["Tid"].tolist() == ["2019", "2020", "2019", "2020"]
    assert set(df["Alder"]) == {"F00-04"}


def test_verdi_som_glissen_ordbok_og_status_som_liste_eller_tekst():
    doc = liten()
    doc["value"] = {"0": 2360, "2": 1234}
    doc["status"] = ["a", None, "b", ".."]
    df = til_dataframe(doc)
    assert df["verdi"].tolist()[0] == 2360 and np.isnan(df["verdi"].iloc[1]) and df["verdi"].iloc[2] == 1234
    assert df["status"].tolist() == ["a", None, "b", ".."]
    doc["status"] = "*"
    assert til_dataframe(doc)["status"].tolist() == ["*"] * 4
    doc["status"] = ["*"]
    assert til_dataframe(doc)["status"].tolist() == ["*"] * 4
    del doc["status"]
    assert til_dataframe(doc)["status"].tolist() == [None] * 4


def test_ssb_fixturer_07984_og_06913():
    df = til_dataframe(les("07984_data.json"))
    assert len(df) == 3 * 18 * 16  # 2008-2023
    assert list(df.columns[::2][:6]) == ["Region", "NACE2007", "Kjonn", "Alder", "ContentsCode", "Tid"]
    froya = df[(df["Region"] == "K.5014") & (df["Tid"] == "2023")].set_index("NACE2007")
    assert froya.loc["00-99", "verdi"] == 3120
    assert froya.loc["05-09", "status"] == ":" and np.isnan(froya.loc["05-09", "verdi"])
    assert froya.loc["01-03", "status"] == "*" and froya.loc["01-03", "verdi"] > 0

    df = til_dataframe(les("06913_data.json"))
    froya = df[(df["Region"] == "K_5014") & (df["ContentsCode"] == "Folkemengde")]
    assert froya.set_index("Tid")["verdi"].to_dict() == {"2016": 4889.0, "2017": 4937.0}
    assert df.loc[3, "status"] == ".." and df.loc[6, "status"] == "."


def test_ssb_fixtur_03321_to_kommunedimensjoner():
    # Work x residence with the same code list on both axes; Tid varies fastest (id order).
    df = til_dataframe(les("03321_data.json"))
    assert len(df) == 9 * 9 * 2
    assert list(df.columns[::2][:4]) == ["ArbstedKomm", "Bokommuen", "ContentsCode", "Tid"]
    celle = df.set_index(["ArbstedKomm", "Bokommuen", "Tid"])
    assert celle.loc[("1805", "1854", "2019"), "verdi"] == 452  # works in Narvik, lives in Ballangen
    assert celle.loc[("1854", "1805", "2019"), "verdi"] == 301
    assert celle.loc[("0301", "1854", "2019"), "verdi"] == 0    # a real zero, not missing
    narvik = celle.loc[("1806", "0301", "2019")]                 # code not in use in 2019
    assert narvik["status"] == "." and np.isnan(narvik["verdi"])
    assert celle.loc[("1806", "1806", "2020"), "verdi"] == 9291
    assert kategorier(les("03321_metadata.json"), "Bokommuen")["1805"] == "Narvik (-2019)"


def test_tom_dimensjon_gir_tom_tabell():
    doc = liten()
    doc["size"] = [2, 1, 1, 0]
    doc["dimension"]["Tid"]["category"] = {"index": {}, "label": {}}
    doc["value"] = []
    doc.pop("status")
    df = til_dataframe(doc)
    assert len(df) == 0 and "verdi" in df.columns


def test_kategorier_fra_metadata_uten_verdier():
    meta = les("07459_metadata.json")
    assert list(kategorier(meta, "Kjonn")) == ["1", "2"]
    assert kategorier(meta, "ContentsCode") == {"Personer1": "Personer"}
    with pytest.raises(KildeFeil, match="ingen dimensjon «Kjønn»"):
        kategorier(meta, "Kjønn")


def _odelegg(endring):
    doc = liten()
    endring(doc)
    return doc


@pytest.mark.parametrize("endring,tekst", [
    (lambda d: d.pop("id"), "«id»"),
    (lambda d: d.update(size=[2, 1, 1]), "«size» har 3"),
    (lambda d: d.update(size=[2, 1, 1, "2"]), "«size»"),
    (lambda d: d["dimension"].pop("Tid"), "ikke i «dimension»"),
    (lambda d: d.update(value=[1, 2, 3]), "«value» har 3 tall, men produktet av «size» er 4"),
    (lambda d: d.pop("value"), "mangler «value»"),
    (lambda d: d.update(value={"7": 1}), "posisjon 7"),
    (lambda d: d.update(value=[1, 2, "tre", 4]), "ikke et tall"),
    (lambda d: d["dimension"]["Tid"]["category"].update(index={"2019": 0, "2020": 2}), "posisjonene 0..n-1"),
    (lambda d: d["dimension"]["Tid"]["category"].update(index={"2019": 0}), "«Tid» har 1 kategorier"),
    (lambda d: d.update(status=["a", "b"]), "«status» har 2"),
    (lambda d: d.update(status={"x": ".."}), "«status» har nøkkelen"),
    (lambda d: d.update({"class": "collection"}), "dataset"),
    (lambda d: d["dimension"].update(Tid={"label": "år"}), "mangler «category»"),
])
def test_odelagt_datasett_gir_kildefeil(endring, tekst):
    with pytest.raises(KildeFeil) as feil:
        til_dataframe(_odelegg(endring), kilde="https://data.ssb.no/x")
    assert tekst in str(feil.value)
    assert feil.value.fil == "https://data.ssb.no/x"


def test_ikke_et_objekt():
    with pytest.raises(KildeFeil, match="JSON-objekt"):
        til_dataframe([1, 2, 3])


def test_endrer_ikke_dokumentet():
    doc = liten()
    kopi = copy.deepcopy(doc)
    til_dataframe(doc)
    assert doc == kopi
