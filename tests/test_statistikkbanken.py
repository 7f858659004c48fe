"""Statistikkbanken CSV exports: layouts, encodings, symbols, mapping, and broken files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stadkraft.data.feil import KildeFeil
from stadkraft.data.skjema import KILDE_MANGLER, KILDE_SSB, KOLONNER
from stadkraft.data.statistikkbanken import (DATAKOLONNER, StatbankTabell, les_statistikkbank_csv,
                                             til_egen_tabell, til_kjernetabell)

MAPPE = Path(__file__).parent / "fixtures" / "ssb" / "statistikkbanken"


def les(navn: str) -> StatbankTabell:
    return les_statistikkbank_csv(MAPPE / navn)


def test_matrise_utf8_med_bom():
    tab = les("07459_matrise_utf8_bom.csv")
    assert tab.tabell_id == "07459"
    assert tab.tittel == "Befolkning, etter region, statistikkvariabel og år"
    assert list(tab.data.columns) == DATAKOLONNER
    rad = tab.data.set_index(["kommunenummer", "aar"])
    assert rad.loc[("1620", 2017), "verdi"] == 4937 and rad.loc[("1620", 2007), "verdi"] == 4052
    assert rad.loc[("1620", 2017), "regionnavn"] == "Frøya (-2017)"
    assert rad.loc[("5014", 2024), "variabel"] == "Personer"
    # "1620 Frøya (-2017)" has 0 in 2024 and "0101 Halden (-2019)" has "." there: outside their period.
    assert ("1620", 2024) not in rad.index and ("0101", 2024) not in rad.index
    # "3101 Halden" has "." before 2020 (not in use): no cell rather than a missing one.
    assert ("3101", 2007) not in rad.index
    # Hele landet is kept apart; county and "Uoppgitt" are left out and listed.
    assert tab.land.set_index("aar").loc[2024, "verdi"] == 5550203
    assert "0" not in set(tab.data["kommunenummer"])
    assert tab.utelatte_regioner == ["31 Østfold", "9999 Uoppgitt"]


def test_matrise_til_befolkning():
    navn, df = til_kjernetabell(les("07459_matrise_utf8_bom.csv"))
    assert navn == "befolkning"
    assert list(df.columns) == KOLONNER["befolkning"]
    assert str(df["folkemengde"].dtype) == "Int64"
    assert df.set_index(["kommunenummer", "aar"]).loc[("0301", 2024), "folkemengde"] == 717710
    assert (df["kilde"] == KILDE_SSB).all()


def test_windows1252_kjonn_og_alder_summeres():
    tab = les("07459_kjonn_alder_cp1252.csv")
    assert tab.tittel.startswith("Befolkning, etter region, kjønn")  # decoded as windows-1252
    assert set(tab.data["kjønn"]) == {"Menn", "Kvinner"}
    navn, df = til_kjernetabell(tab)
    assert navn == "befolkning"
    assert df.set_index("aar")["folkemengde"].to_dict() == {2023: 5262, 2024: 5316}


def test_aar_foerst_i_kolonnenavn_latin1_uten_tom_linje_06913():
    tab = les("06913_aar_foerst_latin1.csv")
    assert tab.tabell_id == "06913"
    assert "Levendefødte" in set(tab.data["variabel"])
    navn, df = til_kjernetabell(tab)
    assert navn == "befolkningsendring"
    assert list(df.columns) == KOLONNER["befolkningsendring"]
    rad = df.set_index(["kommunenummer", "aar"]).loc[("5014", 2023)]
    assert (rad["fodte"], rad["dode"], rad["innflytting"], rad["utflytting"]) == (55, 41, 403, 333)
    # 06913 has no immigration/emigration: empty, but the row itself is complete.
    assert pd.isna(rad["innvandring"]) and pd.isna(rad["utvandring"]) and rad["kilde"] == KILDE_SSB
    land = tab.land.set_index(["aar", "variabel"])
    assert pd.isna(land.loc[(2022, "Innflyttinger"), "verdi"]) and land.loc[(2022, "Innflyttinger"), "status"] == ".."


def test_lang_kvartal_01223_bruker_4_kvartal_og_k_koder():
    tab = les("01223_lang_kvartal.csv")
    assert set(tab.data["kommunenummer"]) == {"5014", "3101"}  # "K-5014 Frøya" -> 5014
    assert set(tab.data["periode"]) == {"2023K2", "2023K4"}
    navn, df = til_kjernetabell(tab)
    assert navn == "befolkningsendring"
    rad = df.set_index(["kommunenummer", "aar"])
    froya = rad.loc[("5014", 2023)]
    assert (froya["fodte"], froya["dode"], froya["innvandring"], froya["utvandring"],
            froya["innflytting"], froya["utflytting"]) == (55, 41, 152, 63, 251, 270)
    halden = rad.loc[("3101", 2023)]
    assert pd.isna(halden["utvandring"]) and halden["kilde"] == KILDE_MANGLER and halden["fodte"] == 255
    assert len(df) == 2


def test_api_csv_med_komma_og_tittel_i_verdikolonnen_07984():
    tab = les("07984_api_komma_uten_tittel.csv")
    assert tab.tabell_id == "07984"
    assert tab.ekstra_dimensjoner == ["næring (SN2007)", "kjønn", "alder"]
    navn, df = til_kjernetabell(tab)
    assert navn == "sysselsetting"
    assert list(df.columns) == KOLONNER["sysselsetting"]
    rad = df.set_index(["kommunenummer", "aar", "naering"])
    assert rad.loc[("5014", 2023, "00-99"), "sysselsatte"] == 3120  # by place of work, not residence
    assert rad.loc[("5014", 2022, "05-09"), "kilde"] == KILDE_MANGLER
    assert pd.isna(rad.loc[("5014", 2022, "05-09"), "sysselsatte"])
    assert len(df) == 8


def test_ukjent_tabell_blir_egen_tabell_med_desimalkomma():
    tab = les("11342_egen_tabell.csv")
    assert til_kjernetabell(tab) is None
    rad = tab.data.set_index(["kommunenummer", "aar", "variabel"])
    assert rad.loc[("5014", 2024, "Befolkningstetthet (innbyggere per km² land)"), "verdi"] == pytest.approx(21.8)
    assert rad.loc[("0301", 2024, "Befolkningstetthet (innbyggere per km² land)"), "verdi"] == pytest.approx(1570.8)
    assert rad.loc[("5014", 2024, "Areal (km²)"), "verdi"] == pytest.approx(243.9)
    egen = til_egen_tabell(tab)
    assert list(egen.columns) == KOLONNER["egen_tabell"]
    assert set(egen["tabell"]) == {"11342"} and len(egen) == 9  # the footnote is not a row


def test_egen_tabell_bretter_andre_dimensjoner_inn_i_variabel():
    egen = til_egen_tabell(les("07459_kjonn_alder_cp1252.csv"))
    assert "Personer, kjønn: Menn, alder: 000 år" in set(egen["variabel"])


@pytest.mark.parametrize("fil,rad,tekst", [
    ("feil_uten_tittel.csv", 1, "tittellinjen"),
    ("feil_ukjent_symbol.csv", 5, "«n/a»"),
    ("feil_region_uten_kode.csv", 5, "«Frøya» mangler kode"),
    ("feil_aar.csv", 6, "«i fjor» i kolonnen «år» er ikke et år"),
    ("feil_uten_region.csv", 3, "ingen kolonne «region»"),
    ("feil_antall_felt.csv", 5, "2 felt"),
    ("feil_kolonne_uten_aar.csv", 3, "«Personer 20x4»"),
    ("feil_bare_tittel.csv", 1, "ingen kolonneoverskrifter"),
])
def test_oedelagte_filer_gir_kildefeil_med_linjenummer(fil, rad, tekst):
    with pytest.raises(KildeFeil) as feil:
        les(fil)
    assert feil.value.rad == rad
    assert feil.value.fil.endswith(fil)
    melding = str(feil.value)
    assert tekst in melding
    assert f"rad {rad}" in melding
    assert "Eksporter tabellen på nytt fra Statistikkbanken" in melding


def test_tom_fil_og_manglende_fil():
    with pytest.raises(KildeFeil, match="tom"):
        les("feil_tom.csv")
    with pytest.raises(KildeFeil, match="Kan ikke lese"):
        les("finnes_ikke.csv")


@pytest.mark.parametrize("celle,verdi,status", [("4937", 4937.0, None), ("21,8", 21.8, None), ("-3,4", -3.4, None),
                                                ("1 555,1", 1555.1, None), ("..", None, ".."), (":", None, ":"),
                                                ("-", None, "-"), ("...", None, "...")])
def test_tall_og_symboler(tmp_path, celle, verdi, status):
    fil = tmp_path / "t.csv"
    fil.write_text(f'"07459: Befolkning, etter region, statistikkvariabel og år"\n\n'
                   f'"region";"Personer 2024"\n"5014 Frøya";"{celle}"\n', encoding="utf-8")
    rad = les_statistikkbank_csv(fil).data.iloc[0]
    assert (pd.isna(rad["verdi"]) if verdi is None else rad["verdi"] == pytest.approx(verdi))
    assert rad["status"] == status


def test_sammenslaatt_serie_med_periode_i_navnet(tmp_path):
    fil = tmp_path / "k.csv"
    fil.write_bytes('"07459: Befolkning, etter region, statistikkvariabel og år"\r\n\r\n'
                    '"region";"Personer 2019";"Personer 2020";"Personer 2024"\r\n'
                    '"K-3001 Halden (2020-2023)";31037;31211;.\r\n'.encode("cp1252"))
    data = les_statistikkbank_csv(fil).data
    assert data[["kommunenummer", "aar", "verdi"]].values.tolist() == [["3001", 2020, 31211.0]]
    assert data["regionnavn"].iloc[0] == "Halden (2020-2023)"


def test_harmonisering_merker_bare_helt_tomme_rader_som_manglende():
    """06913 never has immigration/emigration: a row with the other figures is not missing."""
    from stadkraft.data.harmonisering import harmoniser
    from stadkraft.data.skjema import KILDE_ESTIMAT

    tom = pd.NA
    df = pd.DataFrame({
        "kommunenummer": ["5014", "1234", "0301"], "aar": [2020, 2020, 2020],
        "fodte": [50, 10, tom], "dode": [40, 8, tom], "innflytting": [300, 60, tom], "utflytting": [250, 50, tom],
        "innvandring": [tom] * 3, "utvandring": [tom] * 3, "kilde": [KILDE_SSB, KILDE_SSB, KILDE_SSB],
    })
    kodeendring = pd.DataFrame({"kommunenummer_original": ["1234"], "aar": [2020], "kommunenummer": ["5056"],
                                "vekt": [0.5]})
    verdier = KOLONNER["befolkningsendring"][2:8]
    ut = harmoniser(df, kodeendring, verdier).set_index("kommunenummer")
    assert ut.loc["5014", "kilde"] == KILDE_SSB and ut.loc["5014", "fodte"] == 50
    assert ut.loc["5056", "kilde"] == KILDE_ESTIMAT and ut.loc["5056", "fodte"] == 5  # a split's share
    assert ut.loc["0301", "kilde"] == KILDE_MANGLER


def test_dobbel_region_gir_kildefeil_i_stedet_for_dobbel_sum(tmp_path):
    # The build sums cells per municipality; the same region twice must not double its figure.
    fil = tmp_path / "d.csv"
    fil.write_text('"07459: Befolkning, etter region, statistikkvariabel og år"\n\n'
                   '"region";"Personer 2023";"Personer 2024"\n"5014 Frøya";5100;5316\n'
                   '"3101 Halden";31000;31100\n"K-5014 Frøya";5100;5316\n', encoding="utf-8")
    with pytest.raises(KildeFeil) as feil:
        les_statistikkbank_csv(fil)
    assert feil.value.rad == 6 and "5014" in feil.value.melding and "rad 4" in feil.value.melding
