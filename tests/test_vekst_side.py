"""The Vekst page in AppTest: deep links, period changes, presets, missing data."""
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from stadkraft import kartgeometri
from stadkraft.diagram import kart
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from tests.test_vekst_sql import lag_vekst_db

SIDE = str(Path(__file__).resolve().parents[1] / "pages" / "vekst.py")


@pytest.fixture(scope="module")
def vekst_db(tmp_path_factory) -> Path:
    return lag_vekst_db(tmp_path_factory.mktemp("vekstside") / "vekst.duckdb")


def side(db: Path, monkeypatch, **lenke) -> AppTest:
    monkeypatch.setenv("STADKRAFT_DB", str(db))
    at = AppTest.from_file(SIDE, default_timeout=120)
    for navn, verdi in lenke.items():
        at.query_params[navn] = verdi
    return at.run()


def metrikker(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def tekst(at) -> str:
    deler = [e.value for e in [*at.info, *at.caption, *at.markdown, *at.warning]]
    return "\n".join(str(d) for d in deler)


def diagrammer(at) -> list:
    return at.get("vega_lite_chart")


def vist(tabell) -> pd.DataFrame:
    """What a styled table shows (the Styler's display values), not the numbers underneath."""
    return pa.ipc.open_stream(tabell.proto.arrow_data.styler.display_values).read_all().to_pandas()


def tabell_med(at, kolonne: str):
    return next(d for d in at.dataframe if kolonne in d.value.columns)


def kart_kommuner(at) -> int:
    """The municipalities the map's spec colours; its geometry files are the current database's."""
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["layers"][0]["data"] == kartgeometri.adresser()["kommuner"]
    return len(kart.kartinnhold(spec, kartgeometri.filer()))


def lenke(at, navn: str) -> str:
    verdi = at.query_params[navn]
    return verdi if isinstance(verdi, str) else verdi[0]


def test_dyplenke_til_kommune_og_periode(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    assert not at.exception
    m = metrikker(at)
    assert m["Folketall 2010"] == "1\u00a0000" and m["Folketall 2016"] == "1\u00a0600"
    assert m["Befolkningsendring"] == "+600"
    assert m["Sysselsatte 2010"] == "1\u00a0000" and m["Endring i sysselsettingen"] == "\u221280"
    assert (lenke(at, "fra"), lenke(at, "til")) == ("2010", "2016")
    # Index (population, employment, employment by sector), components, ranking, restructuring: six
    # charts, each described.
    specs = diagrammer(at)
    assert len(specs) == 6
    import json
    for d in specs:
        spec = json.loads(d.proto.spec)  # the Altair spec as sent to the browser
        assert spec.get("description"), "every chart has alt text"
        assert spec["config"]["locale"]["number"]["decimal"] == ","
    # The screen flags Frøya's industry 10-33 (2011-2014), and says it is a screen.
    assert "sil, ikke et vedtak" in tekst(at)
    assert "krysser begge" in tekst(at)
    assert at.get("deck_gl_json_chart")


def test_periodebytte_oppdaterer_lenke_og_tall(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    at.selectbox(key="_url_fra").set_value("2012").run()
    assert not at.exception
    assert lenke(at, "fra") == "2012"
    m = metrikker(at)
    assert m["Folketall 2012"] == "1\u00a0200" and m["Befolkningsendring"] == "+400"


def test_forhandsvalg_setter_perioden(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    valg = at.pills(key="_vekst_forhandsvalg")
    assert "Siste 3 år" in valg.options
    valg.set_value("Siste 3 år").run()
    assert not at.exception
    assert (lenke(at, "fra"), lenke(at, "til")) == ("2013", "2016")
    assert metrikker(at)["Folketall 2013"] == "1\u00a0300"


def test_sammenlign_i_lenken_og_naboer_foreslatt(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016", sammenlign="0301")
    ms = at.multiselect(key="_vekst_sammenlign")
    assert ms.value == ["0301"]
    assert ms.proto.select_all == 0   # no English «Select all» / «Select N matches» that Enter would pick
    assert ms.options[0].startswith("Hitra")  # the neighbour is proposed first
    assert "Nabokommuner: Hitra" in tekst(at)
    ms.select("5056").run()
    assert lenke(at, "sammenlign") == "0301,5056"


def test_periode_i_manglende_aar_sier_fra(vekst_db, monkeypatch):
    # Hitra's 2011 is missing: its own period 2010-2016 has no number, and the page says why.
    at = side(vekst_db, monkeypatch, kommune="5056", fra="2010", til="2016")
    assert not at.exception
    assert metrikker(at)["Befolkningsendring"] == "–"
    assert "berører år uten tall" in tekst(at)


def test_uten_kommune(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch)
    assert not at.exception
    assert "Velg en kommune" in tekst(at)


def spec_som_begynner(at, tekst: str) -> dict:
    return next(s for s in map(lambda d: json.loads(d.proto.spec), diagrammer(at))
                if s["description"].startswith(tekst))


def diagramdata(at, tekst: str) -> pd.DataFrame:
    """The data a chart was sent with (Streamlit sends it as Arrow beside the spec)."""
    d = next(d for d in diagrammer(at) if json.loads(d.proto.spec)["description"].startswith(tekst))
    return pa.ipc.open_stream(d.proto.datasets[0].data.data).read_all().to_pandas()


def test_ekte_data_med_sysselsettingsserien(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="5014", fra="2007", til="2016")
    assert not at.exception
    m = metrikker(at)
    assert (m["Folketall 2007"], m["Folketall 2016"]) == ("4\u00a0052", "4\u00a0799")
    # Jobs at Frøya's place of work 2007 -> 2016: 2 122 -> 2 648 (data README: 2 648 in 2016), +24,8 %.
    assert (m["Sysselsatte 2007"], m["Sysselsatte 2016"]) == ("2\u00a0122", "2\u00a0648")
    assert m["Endring i sysselsettingen"] == "+526"
    assert _delta(at, "Endring i sysselsettingen")[0] == "+24,8\u00a0%"
    sektor = tabell_med(at, "Sektor").value.set_index("Sektor")
    assert sektor.loc["Privat sektor", ["2007", "2016"]].tolist() == ["1\u00a0522", "1\u00a0977"]
    assert sektor.loc["Offentlig sektor", ["2007", "2016"]].tolist() == ["600", "671"]
    bokser = [i.value for i in at.info]
    # The period spans a-ordningen (2015): said in words, and drawn on the employment charts.
    assert any(b.startswith("Perioden 2007–2016 går over et brudd i sysselsettingsserien (2014–2015): SSB gikk "
                            "over til a-ordningen") for b in bokser)
    spec = spec_som_begynner(at, "Linjediagram: sysselsetting 2007–2016")
    regler = [l for l in spec["layer"] if l.get("mark", {}).get("type") == "rule" and "transform" in l]
    assert regler and regler[0]["encoding"]["tooltip"][1]["field"] == "brudd"
    data = diagramdata(at, "Linjediagram: sysselsetting 2007–2016")
    assert set(data.loc[data["brudd"].notna(), "aar"]) == {2015}
    assert data.loc[data["brudd"].notna(), "brudd"].iloc[0].startswith("SSB gikk over til a-ordningen")
    assert "Stiplet loddrett strek markerer brudd i serien (2014–2015)" in spec["description"]
    assert "brudd i serien (2014–2015)" in spec_som_begynner(at, "Linjediagram: sysselsetting etter sektor")["description"]
    # Employment exists now: no box says it is missing; what still lacks data is one plain sentence.
    assert not any("sysselsetting etter arbeidssted for" in b for b in bokser)
    mangler = [b for b in bokser if b.startswith("Databasen har ennå ikke")]
    assert len(mangler) == 1 and "fødte og døde hver for seg" in mangler[0] and "etter 2016" in mangler[0]
    assert "innenlandsk flytting og innvandring hver for seg" in mangler[0] and "etter næring" in mangler[0]
    assert not any("python" in b or "`" in b for b in bokser)
    assert [e.label for e in at.expander].count("For den som drifter Stadkraft") == 1
    # Only the balances 2003-2016: the split is by all net migration, and the page says so plainly.
    assert "Flyttingens betydning for folketallet" in [h.value for h in at.header]
    assert any("skiller ikke innvandring fra innenlandsk flytting" in b for b in bokser)
    t = tekst(at)
    assert "Frøya: **Vekst uten netto innflytting**" in t
    assert "Netto innflytting" in tabell_med(at, "Kategori").value.columns
    assert (m["Fødselsoverskudd 2007–2015"], m["Nettoinnflytting 2007–2015"]) == ("+18", "+729")
    komp = next(c.value for c in at.caption if c.value.startswith("Stolpediagram: befolkningsendringens"))
    assert "Kilde: SSB (sammenstilt av Telemarksforsking)." in komp and "bare balansene" in komp
    # Sources: the register series for 2003-2016.
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Linjediagram: sysselsetting 2007–2016") and
               c.endswith("Kilde: SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking).")
               for c in captions)
    # Ranking: employment can be chosen.
    assert len(at.selectbox(key="_url_maal").options) == 6
    # Restructuring: the windows over the break are marked in the table, the chart and its text.
    sil = tabell_med(at, "Over brudd").value
    assert sil.set_index("Vindu").loc["2012–2015", "Over brudd"] == "ja"
    assert sil.set_index("Vindu").loc["2008–2011", "Over brudd"] == ""
    assert "Vinduer over brudd i sysselsettingsserien" in spec_som_begynner(at, "Varmekart")["description"]
    assert len(diagrammer(at)) == 6


def test_sektor_i_lenken_og_perioden_utenfor_sektortallene(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="5014", fra="2007", til="2016", sektor="privat")
    assert not at.exception
    m = metrikker(at)
    assert (m["Sysselsatte i privat sektor 2007"], m["Sysselsatte i privat sektor 2016"]) == ("1\u00a0522", "1\u00a0977")
    assert at.selectbox(key="_url_sektor").value == "privat"
    # To 2017 the private sector has no figure (it stops in 2016): said plainly, no numbers made up.
    at = side(ekte_db, monkeypatch, kommune="5014", fra="2007", til="2017", sektor="privat")
    assert not at.exception
    assert any("Privat og offentlig sektor finnes bare for 2003–2016" in i.value for i in at.info)
    assert not any(k.startswith("Sysselsatte i privat sektor") for k in metrikker(at))
    # All sectors 2007-2017 spans both breaks (a-ordningen 2015, the new source 2017).
    at.selectbox(key="_url_sektor").set_value("alle").run()
    assert lenke(at, "sektor") == "alle"
    assert any("går over 2 brudd i sysselsettingsserien" in i.value for i in at.info)
    assert metrikker(at)["Sysselsatte 2017"] == "2\u00a0801"


def test_periode_uten_sysselsetting_sier_fra(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="5014", fra="1990", til="2000")
    assert not at.exception
    bokser = [i.value for i in at.info]
    assert any("Databasen har sysselsetting etter arbeidssted for 2003–2022. Perioden 1990–2000 går utenfor" in b
               for b in bokser)
    assert any("befolkningsendringer for årene 2003–2016" in b for b in bokser)
    assert metrikker(at)["Sysselsatte 2022 (siste tall)"] == "3\u00a0263"


def test_ugyldig_periode_i_lenken_rettes(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="5014", fra="1900", til="2017")
    assert not at.exception
    assert lenke(at, "fra") == "1986"
    assert "justert" in tekst(at)


def test_fixturdatabasen_fra_byggekommandoen(fixtur_db, monkeypatch):
    # The lead's fixture source: 06913 and 07984 exports from Statistikkbanken, built by the real build.
    at = side(fixtur_db, monkeypatch, kommune="5014", fra="2015", til="2022")
    assert not at.exception
    m = metrikker(at)
    assert (m["Folketall 2015"], m["Folketall 2022"]) == ("5\u00a0000", "5\u00a0700")
    assert (m["Sysselsatte 2015"], m["Sysselsatte 2022"]) == ("2\u00a0400", "1\u00a0960")
    t = tekst(at)
    # Industry 10-33 falls 1 600 -> 1 000 from 2015 to 2018: 600 persons, 25 % of 2 400.
    assert "Størst nedgang: Industri 2015–2018: 600 personer, 25,0\u00a0%" in t
    # 06913 has no immigration split: the page says which table has it.
    assert "01223" in t
    assert len(diagrammer(at)) == 6


def test_omstillingstersklene_i_lenken(vekst_db, monkeypatch):
    # Frøya's 10-33 falls 200 of 1 000 employed (20 %) in 2011-2014: a 25 % threshold from the link
    # lets nothing through; lowered to 20 in the widget, it crosses again and the link follows.
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016", andel="25")
    assert not at.exception
    assert at.number_input(key="_url_andel").value == 25
    assert "Ingen celler krysser begge tersklene" in tekst(at)
    at.number_input(key="_url_andel").set_value(20).run()
    assert lenke(at, "andel") == "20"
    assert re.search(r"\d+ celler? krysser begge\.", tekst(at))
    # Out of range or not a number: clamped or ignored, never an error.
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016", andel="900", personer="mange")
    assert not at.exception
    assert at.number_input(key="_url_andel").value == 100
    assert at.number_input(key="_url_personer").value == 150


def _delta(at, etikett: str):
    m = next(m for m in at.metric if m.label == etikett)
    return m.proto.delta, m.proto.direction, m.proto.color


def test_fallende_kommune_far_rod_pil_ned(ekte_db, vekst_db, monkeypatch):
    # Karasjok 2007-2017: 2 873 -> 2 696. Streamlit reads the real minus as positive; the page does not.
    at = side(ekte_db, monkeypatch, kommune="5610", fra="2007", til="2017")
    assert not at.exception
    assert _delta(at, "Befolkningsendring") == ("\u22126,2\u00a0%", Metric.MetricDirection.DOWN, Metric.MetricColor.RED)
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    assert _delta(at, "Befolkningsendring")[1:] == (Metric.MetricDirection.UP, Metric.MetricColor.GREEN)
    assert _delta(at, "Endring i sysselsettingen")[1:] == (Metric.MetricDirection.DOWN, Metric.MetricColor.RED)
    # A missing figure: a grey dash, no arrow.
    at = side(vekst_db, monkeypatch, kommune="5056", fra="2010", til="2016")
    assert _delta(at, "Befolkningsendring") == ("–", Metric.MetricDirection.NONE, Metric.MetricColor.GRAY)


def test_tabeller_i_norsk_format_og_sorterbare(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    ostby = tabell_med(at, "Netto innvandring")
    assert ostby.value["Endring"].dtype.kind == "f"  # numeric underneath: sorts by value
    froya = vist(ostby)[ostby.value["Kommune"].eq("Frøya").to_numpy()].iloc[0]
    assert froya["Endring"] == "+600"
    sil = tabell_med(at, "Nedgang, % av total")
    rad = sil.value["Næring"].str.startswith("Industri") & sil.value["Vindu"].eq("2011–2014")
    assert vist(sil)[rad.to_numpy()].iloc[0][["Nedgang, personer", "Nedgang, % av total"]].tolist() == ["200", "20,0"]


def test_kilder_og_alt_tekst_ved_hver_figur(vekst_db, ekte_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    captions = [c.value for c in at.caption]
    def ved(start: str) -> str:
        return next(c for c in captions if c.startswith(start))
    # Employment: the tables `sysselsetting_serie` names for the years of the period.
    syss = "SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking) (2010–2015) og SSB tabell 11618 (2016)"
    assert ved("Linjediagram: befolkning").endswith("Kilde: SSB tabell 07459.")
    assert ved("Linjediagram: sysselsetting 2010").endswith(f"Kilde: {syss}.")
    # Frøya's events have immigration apart (01223), Hitra's not (a 06913 export): both named.
    assert "Kilde: SSB tabell 01223 og SSB tabell 06913." in ved("Stolpediagram: befolkningsendringens")
    assert "Kilde: SSB tabell 07459 (folketall) og SSB tabell 01223 og SSB tabell 06913 (netto innvandring)." in ved(
        "Frøya: **")
    assert "Kilde: SSB tabell 07459." in ved("Stolpediagram: alle")
    assert f"Kilde: {syss} (sysselsatte" in ved("Varmekart:")
    # The alt text is each spec's top-level description (test_dyplenke_til_kommune_og_periode), which
    # Streamlit uses as the accessible name; alt= as well would only repeat it (and log a warning).
    # The offline folder: the register series to 2016, SSB 11618 from 2017.
    at = side(ekte_db, monkeypatch, kommune="5014", fra="2007", til="2017")
    assert any("SSB, registerbasert sysselsetting (sammenstilt av Telemarksforsking) (2007–2016) og SSB tabell 11618 "
               "(2017) (sysselsetting)" in c.value for c in at.caption)


def test_kartmalen_folger_databasen(vekst_db, ekte_db, monkeypatch):
    # The cached map template is keyed on the database too: another database, another map.
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    assert kart_kommuner(at) == 3
    at = side(ekte_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    assert kart_kommuner(at) == 357


def test_anslatte_komponenter_merkes(tmp_path, monkeypatch):
    import duckdb
    db = lag_vekst_db(tmp_path / "anslag.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE befolkningsendring SET kilde = 'estimat' WHERE kommunenummer = '5014' AND aar = 2012")
    at = side(db, monkeypatch, kommune="5014", fra="2010", til="2016")
    assert not at.exception
    tekst_ = next(c.value for c in at.caption if c.value.startswith("Stolpediagram: befolkningsendringens"))
    assert "Bleke stolper er anslag (2012)." in tekst_ and "anslåtte kildetall" in tekst_
    spec = next(s for s in map(lambda d: json.loads(d.proto.spec), diagrammer(at))
                if s["description"].startswith("Stolpediagram: befolkningsendringens"))
    assert spec["layer"][0]["encoding"]["opacity"]["condition"]["test"] == "datum.anslag"  # pale bars


def test_oslo_som_kommune_og_fylke(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, kommune="0301", fra="2007", til="2017")
    assert not at.exception
    beskrivelse = next(c.value for c in at.caption if c.value.startswith("Linjediagram: befolkning"))
    assert "Oslo 1" in beskrivelse and "Oslo (fylke) 1" in beskrivelse
    navn = tabell_med(at, "Sammenligning").value["Sammenligning"].tolist()
    assert navn[:2] == ["Oslo", "Oslo (fylke)"]


def test_ingen_interne_henvisninger_paa_siden(vekst_db, monkeypatch):
    import re
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    alt_ = tekst(at) + "\n".join(e.label for e in at.expander)
    assert not re.search(r"dokument \d|dok\. \d|linje \d|\bL\d{2,}", alt_)
    assert "Distriktssenteret 2018" in alt_ and "NIBR 2019" in alt_ and "Hallingdal 2020" in alt_
    hjelp = at.pills(key="_vekst_forhandsvalg").proto.help  # the presets' reasons (see test_vekst.py)
    assert not re.search(r"dok\.|\bL\d", hjelp)


def test_omvendt_periode_rettes_og_sies(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2016", til="2010")
    assert not at.exception
    assert (lenke(at, "fra"), lenke(at, "til")) == ("2010", "2016")
    assert (at.selectbox(key="_url_fra").value, at.selectbox(key="_url_til").value) == ("2010", "2016")
    assert "snudd til 2010–2016" in tekst(at)
    at.selectbox(key="_url_fra").set_value("2015").run()   # a choice after the to-year, in the widget
    assert not at.exception
    assert (at.selectbox(key="_url_fra").value, at.selectbox(key="_url_til").value) == ("2015", "2016")
    at.selectbox(key="_url_til").set_value("2012").run()
    assert (at.selectbox(key="_url_fra").value, at.selectbox(key="_url_til").value) == ("2012", "2015")
    assert (lenke(at, "fra"), lenke(at, "til")) == ("2012", "2015")


def test_vekstmaal_med_sysselsetting_naar_data_finnes(vekst_db, monkeypatch):
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016", maal="sysselsetting_prosent")
    assert not at.exception
    assert "Sysselsettingsvekst (arbeidssted), prosent" in at.selectbox(key="_url_maal").options
    assert at.selectbox(key="_url_maal").value == "sysselsetting_prosent"
    assert "nr. " in metrikker(at)["Blant alle kommuner"]


def test_bare_balanser_deler_veksten_etter_netto_innflytting(tmp_path, monkeypatch):
    db = lag_vekst_db(tmp_path / "balanser.duckdb", bare_balanser=True)
    at = side(db, monkeypatch, kommune="0301", fra="2010", til="2016")
    assert not at.exception
    # Oslo +600, of which 720 net in-migration and -120 natural increase.
    assert "Oslo: **Vekst bare på grunn av netto innflytting**" in tekst(at)
    m = metrikker(at)
    assert (m["Fødselsoverskudd 2010–2015"], m["Nettoinnflytting 2010–2015"]) == ("\u2212120", "+720")
    assert _delta(at, "Nettoinnflytting 2010–2015")[0] == "+7,2\u00a0% av folketallet 2010"
    komp = spec_som_begynner(at, "Stolpediagram: befolkningsendringens")
    assert komp["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "Fødselsoverskudd (fødte minus døde)", "Netto flytting (innenlands og utland)"]
    assert any("skiller ikke innvandring fra innenlandsk flytting" in i.value for i in at.info)


def test_oya_uten_naboer_far_naermeste_kommuner(ekte_db, monkeypatch):
    # Frøya (islands only) borders no municipality: Hitra is offered first, as nearest, not as a neighbour.
    at = side(ekte_db, monkeypatch, kommune="5014", fra="2010", til="2020")
    assert not at.exception
    ms = at.multiselect(key="_vekst_sammenlign")
    assert ms.options[0].startswith("Hitra · nærmeste, ") and ms.options[0].endswith(" km")
    assert not any("· nabo" in o for o in ms.options)
    assert ms.placeholder == "Nærmeste kommuner står først …"
    t = tekst(at)
    assert "Frøya har ingen landgrense mot andre kommuner" in t
    assert re.search(r"Nærmeste kommuner uten felles grense: Hitra \(\d+ km\)", t)
    assert "De grenser ikke til Frøya" in t and "Nabokommuner:" not in t
    ms.select("5056").run()
    assert lenke(at, "sammenlign") == "5056"


def test_nabo_og_naermeste_merkes_hver_for_seg(vekst_db, monkeypatch):
    # In the fixture Frøya borders only Hitra (fewer than two): Oslo is topped up as nearest.
    at = side(vekst_db, monkeypatch, kommune="5014", fra="2010", til="2016")
    ms = at.multiselect(key="_vekst_sammenlign")
    assert ms.options[0] == "Hitra · nabo" and ms.options[1].startswith("Oslo · nærmeste, ")
    t = tekst(at)
    assert "Nabokommuner: Hitra." in t and "Nærmeste kommuner uten felles grense: Oslo (" in t
