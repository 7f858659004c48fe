"""The map spec: layers, tooltip, colours, no map provider, nothing fetched."""
import json

import pandas as pd

from stadkraft.beregning import indikatorer as ind
from stadkraft.diagram import kart, stil


def grenser():
    rute = lambda a, b: json.dumps({"type": "Polygon", "coordinates": [[[a, b], [a + 1, b], [a + 1, b + 1], [a, b]]]})
    return pd.DataFrame({"kommunenummer": ["0301", "5014"], "navn": ["Oslo", "Frøya"], "fylkesnummer": ["03", "50"],
                         "geometri": [rute(10, 59), rute(8, 63)], "min_lon": [10, 8], "min_lat": [59, 63],
                         "max_lon": [11, 9], "max_lat": [60, 64], "senter_lon": [10.5, 8.5],
                         "senter_lat": [59.5, 63.5]})


def fylker():
    return pd.DataFrame({"fylkesnummer": ["03"], "fylkesnavn": ["Oslo"],
                         "geometri": [json.dumps({"type": "Polygon", "coordinates": [[[10, 59], [11, 59], [11, 60], [10, 59]]]})]})


def verdier():
    data = pd.DataFrame({"kommunenummer": ["0301", "5014"], "navn": ["Oslo", "Frøya"],
                         "vekst_prosent": [12.0, None], "estimat": [False, False]})
    return ind.fargelegg(data, ind.INDIKATORER["vekst"])


def adresser():
    return kart.geometrifiler(grenser(), fylker()).adresser()


def kartet(**valg):
    return kart.kommunekart(grenser(), verdier(), adresser(), **valg)


def test_lag_tooltip_og_ingen_kartleverandor():
    deck = kartet()
    spec = json.loads(deck.to_json())
    assert [l["id"] for l in spec["layers"]] == [kart.LAG_KOMMUNER, kart.LAG_FYLKER, kart.LAG_NAVN, kart.LAG_NAVN_LYS]
    assert spec["layers"][0]["pickable"] is True
    # Streamlit sends the tooltip beside the spec (pydeck keeps it in `_tooltip`).
    assert all("{" + felt + "}" in deck._tooltip["html"] for felt in kart.TOOLTIP_FELT)
    assert deck.map_provider is None
    assert spec.get("mapStyle") == "__MAP_STYLE__"  # Streamlit's sign for "no basemap"
    assert "http" not in deck.to_json(), "no other host in the spec: nothing is fetched from outside"


def test_geometrien_hentes_fra_egne_filer_og_kartet_sender_bare_farger():
    filer = kart.geometrifiler(grenser(), fylker())
    spec = json.loads(kartet().to_json())
    lag = {l["id"]: l for l in spec["layers"]}
    assert lag[kart.LAG_KOMMUNER]["data"] == f"/api/kart/kommuner.json?v={filer.versjon}"
    assert lag[kart.LAG_FYLKER]["data"] == f"/api/kart/fylker.json?v={filer.versjon}"
    assert "coordinates" not in json.dumps(spec), "no geometry in the spec"
    kommuner = json.loads(filer.innhold["kommuner"][0])
    assert [f["properties"] for f in kommuner["features"]] == [
        {"i": 0, "kommunenummer": "0301", "navn": "Oslo"}, {"i": 1, "kommunenummer": "5014", "navn": "Frøya"}]
    assert __import__("gzip").decompress(filer.innhold["kommuner"][1]) == filer.innhold["kommuner"][0]
    # The colours per feature, as deck.gl reads them: 12 % is in the top class, Frøya has no figure.
    assert lag[kart.LAG_KOMMUNER]["getFillColor"].startswith("@@=(")
    innhold = kart.kartinnhold(spec, filer)
    assert tuple(innhold["0301"]["farge"]) == ind.VEKST[5] and tuple(innhold["5014"]["farge"]) == ind.MANGLER_FARGE
    # deck.gl redraws a changed accessor only with a new update trigger.
    andre = json.loads(kart.kommunekart(grenser(), verdier().assign(farge=[[1, 2, 3]] * 2), adresser()).to_json())
    assert andre["layers"][0]["updateTriggers"] != lag[kart.LAG_KOMMUNER]["updateTriggers"]


def test_ny_database_gir_ny_versjon_av_filene():
    en = kart.geometrifiler(grenser(), fylker()).versjon
    annen = grenser().assign(navn=["Oslo", "Frøya kommune"])
    assert kart.geometrifiler(annen, fylker()).versjon != en
    assert kart.geometrifiler(grenser(), fylker()).versjon == en


def test_valgt_kommune_markeres_og_zoomes_til():
    spec = json.loads(kartet(valgt="5014").to_json())
    valgt = spec["layers"][-1]
    assert valgt["id"] == kart.LAG_VALGT
    innhold = kart.kartinnhold(spec, kart.geometrifiler(grenser(), fylker()))
    assert innhold["5014"]["markert"] and not innhold["0301"]["markert"], "only Frøya's line is drawn"
    utsyn = spec["initialViewState"]
    assert 63 < utsyn["latitude"] < 64 and 8 < utsyn["longitude"] < 9 and utsyn["zoom"] > kart.NORGE["zoom"]
    hele = json.loads(kartet(valgt="5014", hele_landet=True).to_json())
    assert hele["layers"][-1]["id"] == kart.LAG_VALGT and hele["initialViewState"]["zoom"] == kart.NORGE["zoom"]


def test_utsnitt_storre_omraade_gir_mindre_zoom():
    liten = kart.utsnitt(8.0, 63.0, 8.5, 63.3)["zoom"]
    stor = kart.utsnitt(4.0, 58.0, 31.0, 71.0)["zoom"]
    assert liten > stor


def test_klikk_i_kartet_gir_kommunenummer():
    # The selection state as st.pydeck_chart hands it over: the picked feature per layer id.
    froya = {"type": "Feature", "properties": {"kommunenummer": "5014", "navn": "Frøya"}}
    assert kart.klikket_kommune({"indices": {"kommuner": [3]}, "objects": {"kommuner": [froya]}}) == "5014"
    # Some versions hand over the properties without the feature around them.
    assert kart.klikket_kommune({"objects": {"kommuner": [{"kommunenummer": "0301"}]}}) == "0301"
    # A click on the sea, on a county border or on nothing selects nothing.
    assert kart.klikket_kommune({"indices": {}, "objects": {}}) is None
    assert kart.klikket_kommune({"objects": {"fylker": [{"properties": {"fylkesnummer": "50"}}]}}) is None
    assert kart.klikket_kommune(None) is None
    assert kart.klikket_kommune({"objects": {"kommuner": [{"properties": {"kommunenummer": "x"}}]}}) is None


def test_utsnitt_faar_hele_kommunen_inn_i_kartet():
    # Project the box's corners with deck.gl's Web Mercator maths: they must land inside a
    # 480 x 560 px map, and the box must fill a fair part of it (not a dot in the middle).
    for boks in [(5.8, 62.3, 6.6, 62.9), (8.5, 63.6, 8.9, 63.9), (23.0, 69.0, 26.5, 70.5), (10.6, 59.8, 10.9, 60.0)]:
        u = kart.utsnitt(*boks)
        skala = 512 * 2 ** u["zoom"]

        def px(lon, lat):
            return (skala * (lon - u["longitude"]) / 360,
                    -skala * (kart._mercator_y(lat) - kart._mercator_y(u["latitude"])) / (2 * 3.141592653589793))

        (x0, y0), (x1, y1) = px(boks[0], boks[1]), px(boks[2], boks[3])
        assert -240 <= x0 < x1 <= 240 and -280 <= y1 < y0 <= 280, (boks, u)
        assert max((x1 - x0) / 480, (y0 - y1) / 560) > 0.5


def test_navnene_og_verdiene_staar_paa_kartet_med_norske_bokstaver():
    filer = kart.geometrifiler(grenser(), fylker())
    spec = json.loads(kartet().to_json())
    navn = next(l for l in spec["layers"] if l["id"] == kart.LAG_NAVN)
    assert navn["@@type"] == "TextLayer" and navn["pickable"] is False
    punkter = json.loads(filer.innhold["navn"][0])
    assert punkter == [{"i": 0, "punkt": [10.5, 59.5]}, {"i": 1, "punkt": [8.5, 63.5]}]
    innhold = kart.kartinnhold(spec, filer)
    assert [innhold[k]["etikett"] for k in ("0301", "5014")] == ["Oslo\n+12,0\u00a0%", "Frøya\n–"]
    # Oslo's top class is dark purple: its name is white with a dark halo, in a layer of its own;
    # Frøya's grey (no figure) takes the dark name with the white halo.
    lys = next(l for l in spec["layers"] if l["id"] == kart.LAG_NAVN_LYS)
    tekst = lambda lag: json.loads(lag["getText"].removeprefix("@@=")[1:-4])
    assert tekst(navn) == ["", "Frøya\n–"] and tekst(lys) == ["Oslo\n+12,0\u00a0%", ""]
    assert navn["getColor"] == list(stil.MORK_TEKST) and navn["outlineColor"][:3] == [255, 255, 255]
    assert lys["getColor"] == list(stil.LYS_TEKST) and lys["outlineColor"][:3] == [20, 20, 20]
    # Plain strings, not accessors: «auto» draws ø, and the size is in metres on the ground.
    assert navn["characterSet"] == "auto" and navn["sizeUnits"] == "meters"


def test_navnet_faar_den_fargen_som_skiller_seg_mest_fra_fyllet():
    assert stil.relativ_luminans((0, 0, 0)) == 0 and stil.relativ_luminans((255, 255, 255)) == 1
    assert round(stil.relativ_luminans((84, 39, 136)), 3) == 0.051     # WCAG's formula, by hand
    assert stil.tekst_paa((84, 39, 136)) == stil.LYS_TEKST              # growth without immigration
    assert stil.tekst_paa((177, 164, 214)) == stil.MORK_TEKST           # the pale purple
    assert stil.tekst_paa((230, 120, 20)) == stil.MORK_TEKST            # orange: dark reads better
    assert stil.tekst_paa((200, 200, 200)) == stil.MORK_TEKST           # no figure
    assert round(stil.kontrast((255, 255, 255), (0, 0, 0)), 2) == 21.0
    assert stil.kontrast(stil.LYS_TEKST, (84, 39, 136)) > 4.5 > stil.kontrast(stil.MORK_TEKST, (84, 39, 136))
