"""Regions as units on the statistics pages (issue 12), in AppTest on the real database.

A user's own group from a link (?region=egen&kommuner=...&navn=..., stadkraft/lenker.py) on the overview's
profile card, the growth page (sums against county and Norway, each member's contribution, the restructuring
screen for the whole and each member, which lives on the growth page) and the attractiveness matrix; the
regional councils' reference figures (Onsager, NIBR 2019:7); and malformed own groups. Expected numbers
are summed here from the database with duckdb, not taken from the app's own queries.
"""
import json
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from stadkraft import format as fmt
from stadkraft import region as regioner

from .conftest import app

ROT = Path(__file__).resolve().parents[1]
MEDLEMMER = {"3320": "Flå", "3322": "Nesbyen", "3324": "Gol"}
EGEN = {"region": "egen", "kommuner": ",".join(MEDLEMMER), "navn": "Tre i Hallingdal"}


def side(db: Path, monkeypatch, fil: str, **lenke) -> AppTest:
    monkeypatch.setenv("STADKRAFT_DB", str(db))
    at = AppTest.from_file(str(ROT / "pages" / fil), default_timeout=180)
    for navn, verdi in lenke.items():
        at.query_params[navn] = verdi
    return at.run()


def folk(db: Path, aar: int, hvor: str = "k.kommunenummer IN ('3320', '3322', '3324')") -> int:
    """Population 1 January `aar`, summed over the municipalities of the 2024 register matching `hvor`."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT sum(b.folkemengde) FROM befolkning b JOIN kommune k USING (kommunenummer) "
                           f"WHERE b.aar = ? AND {hvor}", [aar]).fetchone()[0]


def enkeltvis(db: Path, tabell: str, kolonne: str, aar: int, filter_: str = "") -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        rader = con.execute(f"SELECT kommunenummer, {kolonne} FROM {tabell} WHERE aar = ? {filter_} "
                            "AND kommunenummer IN ('3320', '3322', '3324')", [aar]).fetchall()
    return dict(rader)


def metrikker(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def delta(at, etikett: str) -> str:
    return next(m.proto.delta for m in at.metric if m.label == etikett)


def tabell_med(at, kolonne: str):
    return next(d.value for d in at.dataframe if kolonne in d.value.columns)


def test_egen_gruppe_paa_oversikten(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(**EGEN)
    assert not at.exception
    with duckdb.connect(str(ekte_db), read_only=True) as con:
        siste = con.execute("SELECT max(aar) FROM befolkning").fetchone()[0]
    assert "Tre i Hallingdal" in [s.value for s in at.subheader]
    m = metrikker(at)
    assert m[f"Folkemengde 1. januar {siste}"] == fmt.tall(folk(ekte_db, siste))  # 1 122 + 3 234 + 4 902 in 2026
    assert m["Kommuner"] == "3"
    assert any(c.value.startswith("Kommunene: Flå, Nesbyen, Gol.") for c in at.caption)
    profil = at.dataframe[0].value
    assert list(profil.columns) == ["Vekst siste", "Regionen: Tre i Hallingdal", "Fylket: Buskerud", "Norge"]
    ti_aar = profil[profil["Vekst siste"] == f"10 år ({siste - 10}–{siste})"].iloc[0]
    forventet = (folk(ekte_db, siste) / folk(ekte_db, siste - 10) - 1) * 100
    assert ti_aar["Regionen: Tre i Hallingdal"] == fmt.prosent(forventet, fortegn=True)
    assert not any("Velg en kommune" in i.value for i in at.info)   # the region, not the empty prompt


def test_egen_gruppe_paa_vekstsiden(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, "vekst.py", **EGEN, fra="2010", til="2019")
    assert not at.exception
    start, slutt = folk(ekte_db, 2010), folk(ekte_db, 2019)           # 8 897 and 8 943
    m = metrikker(at)
    assert (m["Folketall 2010"], m["Folketall 2019"]) == (fmt.tall(start), fmt.tall(slutt))
    assert m["Befolkningsendring"] == fmt.tall(slutt - start, fortegn=True)
    assert delta(at, "Befolkningsendring") == fmt.prosent((slutt / start - 1) * 100, fortegn=True)
    # The region against its county (Buskerud, 33) and Norway, each summed over the 2024 register.
    sml = tabell_med(at, "Sammenligning").set_index("Sammenligning")
    buskerud = [folk(ekte_db, a, "k.fylkesnummer = '33'") for a in (2010, 2019)]
    norge = [folk(ekte_db, a, "TRUE") for a in (2010, 2019)]
    assert sml.loc["Tre i Hallingdal", ["2010", "2019"]].tolist() == [fmt.tall(start), fmt.tall(slutt)]
    assert sml.loc["Buskerud (fylke)", ["2010", "2019"]].tolist() == [fmt.tall(v) for v in buskerud]
    assert sml.loc["Norge", ["2010", "2019"]].tolist() == [fmt.tall(v) for v in norge]
    # Employment: the members' sums (place of work, all industries).
    syss = {a: enkeltvis(ekte_db, "sysselsetting", "sysselsatte", a, "AND naering = '00-99' AND sektor = 'alle'")
            for a in (2010, 2013, 2019)}
    assert (m["Sysselsatte 2010"], m["Sysselsatte 2019"]) == (fmt.tall(sum(syss[2010].values())),
                                                               fmt.tall(sum(syss[2019].values())))
    # Each member's contribution: its change in % of the region's 2010 population, largest first.
    b = tabell_med(at, "Bidrag, prosentpoeng").set_index("Kommune")
    assert list(b.index) == ["Gol", "Flå", "Nesbyen"]
    s10, s19 = enkeltvis(ekte_db, "befolkning", "folkemengde", 2010), enkeltvis(ekte_db, "befolkning", "folkemengde", 2019)
    for kode, navn in MEDLEMMER.items():
        endring = s19[kode] - s10[kode]
        assert b.loc[navn, ["Start", "Slutt", "Endring"]].tolist() == [
            fmt.tall(s10[kode]), fmt.tall(s19[kode]), fmt.tall(endring, fortegn=True)]
        assert b.loc[navn, "Bidrag, prosentpoeng"] == fmt.tall(endring / start * 100, 2, fortegn=True)
    # The restructuring screen for the whole (2010-2013: the members' summed fall) and for each member.
    assert "Tre i Hallingdal samlet" in [s.value for s in at.subheader]
    sil = tabell_med(at, "Nedgang, personer")
    rad = sil[sil["Vindu"] == "2010–2013"].iloc[0]
    assert rad["Nedgang, personer"] == sum(syss[2010].values()) - sum(syss[2013].values())
    hver = tabell_med(at, "Treårsvinduer")
    assert list(hver["Kommune"]) == list(MEDLEMMER.values()) and set(hver["Treårsvinduer"]) == {7}
    assert [e.label for e in at.expander if e.label.startswith("Omstillingssil for")] == [
        f"Omstillingssil for {n}" for n in MEDLEMMER.values()]


def test_egen_gruppe_paa_attraktivitetssiden(ekte_db, monkeypatch):
    at = side(ekte_db, monkeypatch, "attraktivitet.py", **EGEN, fra="2010", til="2017")
    assert not at.exception
    assert "Tre i Hallingdal og kommunene i regionen" in [h.value for h in at.header]
    beskrivelse = json.loads(at.get("vega_lite_chart")[0].proto.spec)["description"]
    assert "Regionen Tre i Hallingdal (rombe)" in beskrivelse               # the region's own point
    assert all(n in beskrivelse.split("Merket")[1] for n in MEDLEMMER.values())  # its members beside it
    t = tabell_med(at, "Private jobber året før start")
    assert list(t["Kommune"]) == ["Tre i Hallingdal (regionen)", *MEDLEMMER.values()]
    start = enkeltvis(ekte_db, "befolkning", "folkemengde", 2010)
    assert t["Folketall ved start"].tolist() == [folk(ekte_db, 2010), *(start[k] for k in MEDLEMMER)]
    # A weighted mean of the members: between the lowest and the highest, and shown as the metric.
    region, medlem = t["Samlet"].iloc[0], t["Samlet"].iloc[1:]
    assert medlem.min() < region < medlem.max()
    assert metrikker(at)["Samlet attraktivitet, % per år"] == fmt.prosent(region, 2, fortegn=True)
    assert t["Plass"].iloc[0] == "–" and t["Plass"].iloc[1].endswith(" av 357")


@pytest.mark.parametrize(("slug", "folketall", "endring"), [
    ("vest-telemark", "14\u00a0050", "\u22121,4\u00a0%"), ("gjovikregionen", "71\u00a0302", "+4,0\u00a0%")])
def test_regionraadenes_tall_fra_dokumentet(ekte_db, monkeypatch, slug, folketall, endring):
    assert slug in regioner.REGIONRAAD_LISTE and regioner.REFERANSE[slug][2] is None  # same members as in 2019
    at = side(ekte_db, monkeypatch, "vekst.py", region=f"regionraad-{slug}", fra="2010", til="2019")
    assert not at.exception
    assert metrikker(at)["Folketall 2019"] == folketall
    assert delta(at, "Befolkningsendring") == endring
    assert tabell_med(at, "Sammenligning")["Sammenligning"].iloc[0] == regioner.REGIONRAAD_LISTE[slug][0]


FEIL = {"ukjent": {"kommuner": "9999"}, "tom": {"kommuner": ""}, "langt navn": {"kommuner": "3320,3322", "navn": "Ø" * 500}}


@pytest.mark.parametrize("feil", FEIL)
def test_feil_egen_gruppe_gir_ingen_unntak(ekte_db, bruk_db, monkeypatch, feil):
    bruk_db(ekte_db)
    for at in (app(region="egen", **FEIL[feil]), side(ekte_db, monkeypatch, "vekst.py", region="egen", **FEIL[feil])):
        assert not at.exception
        if feil == "langt navn":   # cut to MAKS_NAVN characters wherever it is shown; the members still shown
            vist = "\n".join(e.value for e in [*at.subheader, *at.caption])
            assert "Ø" * regioner.MAKS_NAVN in vist and "Ø" * (regioner.MAKS_NAVN + 1) not in vist
            assert "Flå, Nesbyen" in vist
        else:                      # no group: the page falls back to its prompt, no figures made up
            assert not at.metric and any("Velg en kommune" in i.value for i in at.info)


@pytest.mark.parametrize("feil", ["ukjent", "tom"])
def test_feil_egen_gruppe_sies_fra_paa_norsk(ekte_db, bruk_db, feil):
    bruk_db(ekte_db)
    at = app(region="egen", **FEIL[feil])
    meldinger = [str(e.value) for e in [*at.info, *at.warning, *at.error, *at.sidebar.info, *at.sidebar.warning]]
    om_gruppa = [t for t in meldinger if "gruppe" in t.lower() and "Velg en kommune" not in t]
    assert om_gruppa, meldinger
    if feil == "ukjent":
        assert any("9999" in t for t in om_gruppa)


def test_langt_navn_kuttes_ogsaa_i_navnefeltet(ekte_db, bruk_db):
    bruk_db(ekte_db)
    at = app(region="egen", **FEIL["langt navn"])
    assert at.sidebar.text_input[0].value == "Ø" * regioner.MAKS_NAVN
