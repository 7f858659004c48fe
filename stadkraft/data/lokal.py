"""Read a local source folder (laid out like ../shared/data) into canonical frames.

Every reader checks what it reads and raises `KildeFeil` with the file, the row (1-based,
counting the header as row 1) and what is wrong, so a broken file never enters the database.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from . import katalog
from .feil import KildeFeil
from .skjema import KILDE_ESTIMAT, KILDE_MANGLER, KILDE_SSB, NAERING_ALLE, SEKTOR_ALLE, SEKTOR_PRIVAT

KOMMUNENUMMER = re.compile(r"^\d{4}$")


def finn(mappe: Path, fil: katalog.Kildefil) -> Path | None:
    """The file's path, or None for a missing optional file; a missing required file fails."""
    sti = Path(mappe) / fil.sti
    if sti.is_file():
        return sti
    if fil.paakrevd:
        raise KildeFeil(sti, f"Fila mangler. Den trengs for {fil.fyller}. "
                             "Legg fila i kildemappa eller pek --kilde på riktig mappe.")
    return None


def les_csv(sti: Path, kolonner: list[str]) -> pd.DataFrame:
    """A comma-separated file with a header, every column read as text."""
    try:
        df = pd.read_csv(sti, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as e:
        raise KildeFeil(sti, f"Fila er ikke UTF-8 ({e.reason}). Lagre den som UTF-8 og prøv igjen.")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        rad = _rad_fra_parserfeil(str(e))
        raise KildeFeil(sti, f"Fila kan ikke leses som CSV ({e}). Rett eller hent fila på nytt.", rad)
    mangler = [k for k in kolonner if k not in df.columns]
    if mangler:
        raise KildeFeil(sti, f"Mangler kolonnen(e) {', '.join(mangler)}; fant {', '.join(df.columns)}.", 1)
    if df.empty:  # a download or export cut short: the header and nothing else
        raise KildeFeil(sti, "Fila har bare overskriftsraden og ingen data. Hent eller eksporter fila på nytt.", 2)
    return df


def _rad_fra_parserfeil(tekst: str) -> int | None:
    treff = re.search(r"line (\d+)", tekst)
    return int(treff.group(1)) if treff else None


def _heltall(df: pd.DataFrame, kolonne: str, sti: Path, tom_tillatt=False, minst=0, hoyst=None) -> pd.Series:
    """Parse a text column as integers, naming the first bad row."""
    tekst = df[kolonne].str.strip()
    tall = pd.to_numeric(tekst.where(tekst != ""), errors="coerce")
    feil = (tall.isna() & ((tekst != "") | (not tom_tillatt))) | (tall.notna() & (tall % 1 != 0))
    feil |= tall < minst
    if hoyst is not None:
        feil |= tall > hoyst
    if feil.any():
        i = feil.idxmax()
        grense = f"et heltall fra {minst}" + (f" til {hoyst}" if hoyst is not None else " og oppover")
        raise KildeFeil(sti, f"Kolonnen {kolonne} har verdien «{df.at[i, kolonne]}», men skal være {grense}.", i + 2)
    return tall.astype("Int64")


def _kommunenummer(df: pd.DataFrame, kolonne: str, sti: Path) -> pd.Series:
    koder = df[kolonne].str.strip().str.zfill(4)
    feil = ~koder.str.match(KOMMUNENUMMER)
    if feil.any():
        i = feil.idxmax()
        raise KildeFeil(sti, f"«{df.at[i, kolonne]}» er ikke et firesifret kommunenummer.", i + 2)
    return koder


def _unike(df: pd.DataFrame, noekler: list[str], sti: Path, hva, objekter: bool = False) -> None:
    """Fail on the first entry whose key repeats an earlier one's; a key is one cell in the database.

    `hva(rad)` names the key in words, e.g. "Kommune 5014". Entries are CSV rows (1-based, the header
    is row 1) or, with `objekter`, GeoJSON features (1-based).
    """
    dobbel = df.duplicated(noekler)
    if not dobbel.any():
        return
    i = dobbel.idxmax()
    rad = df.loc[i]
    forste = (df[noekler] == rad[noekler]).all(axis=1).idxmax()
    if objekter:
        raise KildeFeil(sti, f"Objekt nr. {i + 1}: {hva(rad)} står to ganger (også i objekt nr. {forste + 1}). "
                             "Fjern det doble objektet, eller hent fila på nytt fra Kartverket.")
    raise KildeFeil(sti, f"{hva(rad)} står to ganger (også i rad {forste + 2}). "
                         "Fjern eller rett den ene raden og bygg på nytt.", i + 2)


def _kilde_fra_flagg(flagg: str) -> str | None:
    if flagg.startswith("ssb"):
        return KILDE_SSB
    if flagg.startswith("ESTIMATE"):
        return KILDE_ESTIMAT
    if flagg.startswith("MISSING"):
        return KILDE_MANGLER
    return None


def les_befolkning(mappe: Path) -> pd.DataFrame:
    sti = finn(mappe, katalog.BEFOLKNING)
    df = les_csv(sti, ["kommunenummer", "year", "population_jan1", "source"])
    kilde = df["source"].str.strip().map(_kilde_fra_flagg)
    if kilde.isna().any():
        i = kilde.isna().idxmax()
        raise KildeFeil(sti, f"Ukjent kildeflagg «{df.at[i, 'source']}» (kjente: ssb…, ESTIMATE…, MISSING…).", i + 2)
    ut = pd.DataFrame({
        "kommunenummer": _kommunenummer(df, "kommunenummer", sti),
        "aar": _heltall(df, "year", sti, minst=1900, hoyst=2100),
        "folkemengde": _heltall(df, "population_jan1", sti, tom_tillatt=True),
        "kilde": kilde,
    })
    uten_tall = ut["folkemengde"].isna() & (ut["kilde"] != KILDE_MANGLER)
    if uten_tall.any():
        i = uten_tall.idxmax()
        raise KildeFeil(sti, "Folkemengde mangler, men cellen er ikke merket som manglende (MISSING…).", i + 2)
    _unike(ut, ["kommunenummer", "aar"], sti, lambda r: f"Kommune {r.kommunenummer} år {r.aar}")
    return ut


def les_sentralitet(mappe: Path) -> pd.DataFrame:
    sti = finn(mappe, katalog.SENTRALITET)
    df = les_csv(sti, ["kom2024", "sent_klasse", "sent_indeks"])
    ut = pd.DataFrame({
        "kommunenummer": _kommunenummer(df, "kom2024", sti),
        "sentralitetsklasse": _heltall(df, "sent_klasse", sti, minst=1, hoyst=6),
        "sentralitetsindeks": _heltall(df, "sent_indeks", sti, minst=0, hoyst=1000),
    })
    _unike(ut, ["kommunenummer"], sti, lambda r: f"Kommune {r.kommunenummer}")
    return ut


def les_kodeendring(mappe: Path) -> pd.DataFrame:
    sti = finn(mappe, katalog.KODEENDRING)
    df = les_csv(sti, ["kommunenummer_original", "year", "kommunenummer_2024", "weighting"])
    vekt = pd.to_numeric(df["weighting"], errors="coerce")
    feil = vekt.isna() | (vekt <= 0) | (vekt > 1)
    if feil.any():
        i = feil.idxmax()
        raise KildeFeil(sti, f"Vekten «{df.at[i, 'weighting']}» skal være et tall over 0 og høyst 1.", i + 2)
    return pd.DataFrame({
        "kommunenummer_original": _kommunenummer(df, "kommunenummer_original", sti),
        "aar": _heltall(df, "year", sti, minst=1800, hoyst=2100),
        "kommunenummer": _kommunenummer(df, "kommunenummer_2024", sti),
        "vekt": vekt,
    })


def les_gruppering(mappe: Path) -> pd.DataFrame | None:
    """SSB's grouping of every code since 1994 into its one 2024 municipality, where it has one."""
    sti = finn(mappe, katalog.GRUPPERING)
    if sti is None:
        return None
    df = les_csv(sti, ["GRUPPEKODE", "KODE"])
    # K.nnnn is a 2024 municipality; K.Rest (split), K.21-22 and K.23 (outside the municipalities) name none.
    # Codes such as 0716u (an unknown part of a municipality) name no municipality either.
    gruppe, kode = df["GRUPPEKODE"].str.strip(), df["KODE"].str.strip()
    hel = gruppe.str.fullmatch(r"K\.\d{4}") & kode.str.fullmatch(r"\d{4}")
    return pd.DataFrame({"kode": kode[hel], "kommunenummer": gruppe[hel].str[2:]}).drop_duplicates("kode", keep=False)


def les_arbeidsplasser(mappe: Path) -> pd.DataFrame | None:
    """Jobs by place of work 2003-2016 on 2017 codes: all and private, 4th quarter.

    Returns long rows (kommunenummer, aar, sektor, sysselsatte, kilde) on the file's own codes;
    the build harmonises them by the 2017 mapping. A municipality with 0 jobs has no figure.
    """
    sti = finn(mappe, katalog.ARBEIDSPLASSER)
    if sti is None:
        return None
    df = les_csv(sti, ["kommunenummer", "aar", "arbeidsplasser_alle", "arbeidsplasser_private"])
    bred = pd.DataFrame({
        "kommunenummer": _kommunenummer(df, "kommunenummer", sti),
        "aar": _heltall(df, "aar", sti, minst=1900, hoyst=2100),
        SEKTOR_ALLE: _heltall(df, "arbeidsplasser_alle", sti),
        SEKTOR_PRIVAT: _heltall(df, "arbeidsplasser_private", sti),
    })
    _unike(bred, ["kommunenummer", "aar"], sti, lambda r: f"Kommune {r.kommunenummer} år {r.aar}")
    for_mange = bred[SEKTOR_PRIVAT] > bred[SEKTOR_ALLE]
    if for_mange.any():
        i = for_mange.idxmax()
        raise KildeFeil(sti, f"Kommune {bred.at[i, 'kommunenummer']} har flere private arbeidsplasser "
                             f"({bred.at[i, SEKTOR_PRIVAT]}) enn arbeidsplasser i alt ({bred.at[i, SEKTOR_ALLE]}) "
                             f"i {bred.at[i, 'aar']}. Rett fila og bygg på nytt.", i + 2)
    lang = bred.melt(["kommunenummer", "aar"], [SEKTOR_ALLE, SEKTOR_PRIVAT], var_name="sektor",
                     value_name="sysselsatte")
    return _uten_null_jobber(lang.assign(naering=NAERING_ALLE, kilde=KILDE_SSB), ["kommunenummer", "aar"])


# SSB 11618's ContentsCode -> what it fills.
SYSSELSATTE_INNHOLD = {"SysselArbsted": "arbeidssted", "SysselBosted": "bosted", "BefolkningBosted": "befolkning"}


def les_sysselsatte(mappe: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """SSB 11618 in its long format, each year on that year's codes: employed 15-74 by place of
    work, and by residence with the residents 15-74. Returns (arbeidssted, bosted) frames."""
    sti = finn(mappe, katalog.SYSSELSATTE)
    if sti is None:
        return None
    df = les_csv(sti, ["Region", "ContentsCode", "Tid", "value"])
    ukjent = ~df["ContentsCode"].isin(list(SYSSELSATTE_INNHOLD))
    if ukjent.any():
        i = ukjent.idxmax()
        raise KildeFeil(sti, f"Ukjent ContentsCode «{df.at[i, 'ContentsCode']}» (kjente: "
                             f"{', '.join(SYSSELSATTE_INNHOLD)}).", i + 2)
    for kolonne, total in (("Kjonn", "0"), ("Alder", "15-74")):
        if kolonne in df and (df[kolonne] != total).any():
            i = (df[kolonne] != total).idxmax()
            raise KildeFeil(sti, f"Forventet bare {kolonne} = {total} (totalen), fant «{df.at[i, kolonne]}». "
                                 "Eksporter tabellen med totalen for kjønn og alder 15–74.", i + 2)
    lang = pd.DataFrame({
        "kommunenummer": _kommunenummer(df, "Region", sti),
        "aar": _heltall(df, "Tid", sti, minst=1900, hoyst=2100),
        "hva": df["ContentsCode"].map(SYSSELSATTE_INNHOLD),
        "verdi": _heltall(df, "value", sti, tom_tillatt=True),
    })
    _unike(lang, ["kommunenummer", "aar", "hva"], sti,
           lambda r: f"Kommune {r.kommunenummer} år {r.aar} ({r.hva})")
    bred = lang.pivot(index=["kommunenummer", "aar"], columns="hva", values="verdi").reset_index()
    bred.columns.name = None
    bred = bred.reindex(columns=["kommunenummer", "aar", *SYSSELSATTE_INNHOLD.values()])
    arbeid = bred[["kommunenummer", "aar"]].assign(naering=NAERING_ALLE, sektor=SEKTOR_ALLE,
                                                   sysselsatte=bred["arbeidssted"].astype("Int64"), kilde=KILDE_SSB)
    bosted = pd.DataFrame({"kommunenummer": bred["kommunenummer"], "aar": bred["aar"],
                           "sysselsatte": bred["bosted"].astype("Int64"),
                           "befolkning_15_74": bred["befolkning"].astype("Int64"), "kilde": KILDE_SSB})
    return (_uten_null_jobber(arbeid.dropna(subset=["sysselsatte"]), ["kommunenummer", "aar"]),
            bosted.dropna(subset=["sysselsatte", "befolkning_15_74"], how="all"))


def _uten_null_jobber(df: pd.DataFrame, per: list[str]) -> pd.DataFrame:
    """Every municipality has people at work: a total of 0 is «no figure» (sources write 0 for a
    municipality that did not exist), and then no part of it has a figure either."""
    total = (df["naering"] == NAERING_ALLE) & (df["sektor"] == SEKTOR_ALLE) & (df["sysselsatte"] == 0)
    uten = df.loc[total, per].drop_duplicates()
    hull = df.set_index(per).index.isin(pd.MultiIndex.from_frame(uten)) if len(uten) else pd.Series(False, index=df.index).to_numpy()
    ut = df.copy()
    ut["sysselsatte"] = ut["sysselsatte"].astype("Int64").mask(hull)
    ut.loc[hull, "kilde"] = KILDE_MANGLER
    return ut[["kommunenummer", "aar", "naering", "sektor", "sysselsatte", "kilde"]].reset_index(drop=True)


def les_befolkningsendring(mappe: Path) -> pd.DataFrame | None:
    """Population change per year 2003-2016 on 2017 codes: the change, natural increase and net
    migration in persons, and whether the change is exact (from consecutive 1 January figures)."""
    sti = finn(mappe, katalog.BEFOLKNINGSENDRING)
    if sti is None:
        return None
    df = les_csv(sti, ["kommunenummer", "aar", "folketilvekst", "fodselsoverskudd", "nettoinnflytting",
                       "folketilvekst_eksakt"])
    eksakt = df["folketilvekst_eksakt"].str.strip().str.lower().map({"true": True, "false": False})
    if eksakt.isna().any():
        i = eksakt.isna().idxmax()
        raise KildeFeil(sti, f"folketilvekst_eksakt er «{df.at[i, 'folketilvekst_eksakt']}», men skal være "
                             "True eller False.", i + 2)
    ut = pd.DataFrame({
        "kommunenummer": _kommunenummer(df, "kommunenummer", sti),
        "aar": _heltall(df, "aar", sti, minst=1900, hoyst=2100),
        **{k: _heltall(df, k, sti, tom_tillatt=True, minst=-10_000_000)
           for k in ("folketilvekst", "fodselsoverskudd", "nettoinnflytting")},
        "folketilvekst_eksakt": eksakt.astype(bool),
        "kilde": KILDE_SSB,
    })
    _unike(ut, ["kommunenummer", "aar"], sti, lambda r: f"Kommune {r.kommunenummer} år {r.aar}")
    # The change is the sum of its parts; a row where they disagree is a broken file, not a figure.
    ulik = (ut["fodselsoverskudd"] + ut["nettoinnflytting"] - ut["folketilvekst"]).abs() > 0
    if ulik.fillna(False).any():
        i = ulik.fillna(False).idxmax()
        raise KildeFeil(sti, f"Fødselsoverskudd ({ut.at[i, 'fodselsoverskudd']}) + nettoinnflytting "
                             f"({ut.at[i, 'nettoinnflytting']}) er ikke folketilveksten ({ut.at[i, 'folketilvekst']}).",
                        i + 2)
    return ut


def les_nettoinnvandring(mappe: Path) -> pd.DataFrame | None:
    """Norway's net immigration per year, persons and % of the population."""
    sti = finn(mappe, katalog.NETTOINNVANDRING)
    if sti is None:
        return None
    df = les_csv(sti, ["aar", "nettoinnvandring"])
    prosent = pd.to_numeric(df.get("nettoinnvandring_prosent"), errors="coerce") if "nettoinnvandring_prosent" in df else None
    ut = pd.DataFrame({
        "aar": _heltall(df, "aar", sti, minst=1900, hoyst=2100),
        "folkemengde": _heltall(df, "folkemengde_1jan", sti, tom_tillatt=True) if "folkemengde_1jan" in df else pd.NA,
        "nettoinnvandring": _heltall(df, "nettoinnvandring", sti, minst=-10_000_000),
        "prosent": prosent,
    })
    _unike(ut, ["aar"], sti, lambda r: f"År {r.aar}")
    return ut


def les_pendling(mappe: Path) -> pd.DataFrame | None:
    """SSB 03321: employed 15-74 by municipality of work x residence, each year on that year's codes."""
    sti = finn(mappe, katalog.PENDLING)
    if sti is None:
        return None
    df = les_csv(sti, ["ArbstedKomm", "Bokommuen", "Tid", "value"])
    ut = pd.DataFrame({
        "aar": _heltall(df, "Tid", sti, minst=1900, hoyst=2100),
        "bostedskommune": _kommunenummer(df, "Bokommuen", sti),
        "arbeidskommune": _kommunenummer(df, "ArbstedKomm", sti),
        "sysselsatte": _heltall(df, "value", sti),
        "kilde": KILDE_SSB,
    })
    _unike(ut, ["aar", "bostedskommune", "arbeidskommune"], sti,
           lambda r: f"Bosted {r.bostedskommune} og arbeidssted {r.arbeidskommune} år {r.aar}")
    return ut


def les_geojson(sti: Path, egenskaper: list[str]) -> list[dict]:
    """Features with every property in `egenskaper`; the first one is the code and must be unique."""
    try:
        doc = json.loads(sti.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        rad = getattr(e, "lineno", None)
        raise KildeFeil(sti, f"Fila er ikke gyldig GeoJSON ({e}). Hent fila på nytt fra Kartverket.", rad)
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not features:
        raise KildeFeil(sti, "Fila har ingen «features»; forventet en GeoJSON FeatureCollection.")
    for nr, f in enumerate(features, start=1):
        props = (f or {}).get("properties") or {}
        mangler = [e for e in egenskaper if props.get(e) in (None, "")]
        geom = (f or {}).get("geometry") or {}
        if mangler or geom.get("type") not in ("Polygon", "MultiPolygon"):
            hva = f"mangler {', '.join(mangler)}" if mangler else "har ikke en flate (Polygon/MultiPolygon)"
            raise KildeFeil(sti, f"Objekt nr. {nr} {hva}.")
    # Compared as the build pads codes, so "301" and "0301" are the same municipality.
    navn = egenskaper[0]
    koder = pd.DataFrame({"vist": [str(f["properties"][navn]).strip() for f in features]})
    koder["kode"] = koder["vist"].str.lstrip("0")
    _unike(koder, ["kode"], sti, lambda r: f"{navn} {r.vist}", objekter=True)
    return features


def les_ba_regioner(mappe: Path, kodeendring: pd.DataFrame) -> pd.DataFrame:
    """BA regions (NIBR 2020); a 2024 municipality on an old code takes its 2020 predecessor's region."""
    sti = finn(mappe, katalog.BA_REGIONER)
    if sti is None:
        return pd.DataFrame(columns=["kommunenummer", "ba_region", "ba_regionnavn"])
    try:
        df = pd.read_excel(sti, sheet_name="Etter kommune", dtype=str)
    except Exception as e:  # openpyxl raises many kinds for a broken workbook
        raise KildeFeil(sti, f"Arket «Etter kommune» kan ikke leses ({e}). Hent fila på nytt.")
    kommune_kol = next((k for k in df.columns if k.startswith("Kommune")), None)
    if kommune_kol is None or "BA-region" not in df.columns:
        raise KildeFeil(sti, "Forventet kolonnene «Kommune (per 1. januar 2020)» og «BA-region».", 1)
    ut = []
    for i, rad in df.iterrows():
        k = re.match(r"^\s*(\d{3,4})\s", str(rad[kommune_kol]))
        r = re.match(r"^\s*(\d+)\s+(.+?)\s*$", str(rad["BA-region"]))
        if not k or not r:
            raise KildeFeil(sti, f"Forventet «nnnn Navn» og «nn Region», fant «{rad[kommune_kol]}», «{rad['BA-region']}».", i + 2)
        ut.append((k.group(1).zfill(4), r.group(1).zfill(3), r.group(2)))
    ba = pd.DataFrame(ut, columns=["kommunenummer_original", "ba_region", "ba_regionnavn"])
    # The sheet says "per 1. januar 2020" but may carry 2024 codes; map only codes that are not.
    koder_2024 = set(kodeendring.loc[kodeendring["aar"] == 2024, "kommunenummer"])
    i2020 = kodeendring[kodeendring["aar"] == 2020][["kommunenummer_original", "kommunenummer"]]
    direkte = ba[ba["kommunenummer_original"].isin(koder_2024)].assign(kommunenummer=lambda d: d["kommunenummer_original"])
    gamle = ba[~ba["kommunenummer_original"].isin(koder_2024)].merge(i2020, on="kommunenummer_original")
    koblet = pd.concat([direkte, gamle], ignore_index=True)
    return koblet[["kommunenummer", "ba_region", "ba_regionnavn"]].drop_duplicates("kommunenummer")
