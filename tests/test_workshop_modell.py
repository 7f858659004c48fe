"""The engine's pure rules: join codes, tokens, phases, units and validation of a generic tool."""
from __future__ import annotations

import re

import pytest

from stadkraft.workshop import Enhet, Fase, UgyldigSvar, Verktoy, normaliser_kode
from stadkraft.workshop.feil import UlovligFase
from stadkraft.workshop.modell import (
    KODEALFABET,
    OVERGANGER,
    ny_kode,
    ny_token,
    sjekk_overgang,
    token_hash,
    token_stemmer,
    valider_svar,
)


def test_kodar_er_korte_og_eintydige():
    assert not set("0O1I") & set(KODEALFABET)
    kodar = {ny_kode() for _ in range(2000)}
    assert all(re.fullmatch(f"[{KODEALFABET}]{{5}}", k) for k in kodar)
    assert len(kodar) > 1990
    assert normaliser_kode(" ab-c2d ") == "ABC2D" and normaliser_kode(None) == ""


def test_token():
    t = ny_token()
    assert len(t) >= 32 and token_stemmer(t, token_hash(t))
    assert not token_stemmer(t[:-1], token_hash(t)) and not token_stemmer(None, token_hash(t))
    assert not token_stemmer("", token_hash(""))


def test_faseoverganger():
    assert OVERGANGER[Fase.OPEN] == {Fase.STENGT, Fase.LIVE}
    sjekk_overgang(Fase.STENGT, Fase.VIST)
    sjekk_overgang(Fase.LIVE, Fase.VIST)                 # close and keep the live result up
    with pytest.raises(UlovligFase, match="Fra «Åpen for svar» kan du gå til «Åpen, vises live», «Stengt for svar»"):
        sjekk_overgang(Fase.OPEN, Fase.KONSENSUS)


def test_eining():
    assert Enhet.fritekst("  Hallingdal ", "region") == Enhet("region", "hallingdal", "Hallingdal")
    assert Enhet.fritekst("HALLINGDAL", "region").nokkel == "region:hallingdal"
    assert Enhet.kommune("3024", "Bærum").nokkel == "kommune:3024"
    with pytest.raises(UgyldigSvar, match="fire sifre"):
        Enhet.kommune("302", "Bærum")
    with pytest.raises(UgyldigSvar, match="mangler"):
        Enhet.fritekst("   ")


def test_to_akser_for_prioriteringsverktoyet():
    """The engine is generic: a tool with items scored on two axes (the later priority tool)."""
    v = Verktoy("prioritering_test", (("a", "Tiltak A"), ("b", "Tiltak B")),
                akser=("viktighet", "påvirkning"), skala="")
    svar = valider_svar(v, {"a": (5, 2), "b": ("3", 4)})
    assert [(s.element, s.verdi, s.verdi2) for s in svar] == [("a", 5, 2), ("b", 3, 4)]
    with pytest.raises(UgyldigSvar, match=r"Tiltak A \(påvirkning\) er 6"):
        valider_svar(v, {"a": (5, 6), "b": (1, 1)})
    with pytest.raises(UgyldigSvar, match="trenger to karakterer"):
        valider_svar(v, {"a": 5, "b": (1, 1)})


def test_melding_seier_kva_knappen_heiter():
    """Phones press «Send svar»; the facilitator's forms say «Lagre ...»."""
    v = Verktoy("handling_test", (("a", "Tiltak A"), ("b", "Tiltak B")))
    with pytest.raises(UgyldigSvar, match="og send igjen"):
        valider_svar(v, {"a": 3})
    with pytest.raises(UgyldigSvar, match="og lagre igjen"):
        valider_svar(v, {"a": 3}, handling="lagre")
    with pytest.raises(UgyldigSvar, match="Rett den og lagre igjen"):
        valider_svar(v, {"a": 3, "b": 9}, handling="lagre")
