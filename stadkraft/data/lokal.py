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
from .skjema import KILDE_ESTIMAT, KILDE_MANGLER, KILDE_SSB, NAERING_ALLE

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


def les_sysselsetting(mappe: Path) -> pd.DataFrame:
    """The mirror's single year: employed by place of work, 4th quarter 2017, total and aquaculture."""
    sti = finn(mappe, katalog.SYSSELSETTING)
    if sti is None:
        return pd.DataFrame(columns=["kommunenummer", "aar", "naering", "sysselsatte", "kilde"])
    df = les_csv(sti, ["kom2024"])
    kolonner = {k: m for k in df.columns if (m := re.match(r"^syss_(\w+?)_(\d{4})$", k))}
    if not kolonner:
        raise KildeFeil(sti, "Fant ingen kolonner av formen syss_<næring>_<år>.", 1)
    # SN2007: 03.2 is aquaculture; "total" is all industries.
    naeringskode = {"total": NAERING_ALLE, "akvakultur": "03.2"}
    kommune = _kommunenummer(df, "kom2024", sti)
    _unike(kommune.to_frame(), ["kom2024"], sti, lambda r: f"Kommune {r.kom2024}")
    deler = []
    for kolonne, m in kolonner.items():
        if m.group(1) not in naeringskode:
            raise KildeFeil(sti, f"Ukjent næring «{m.group(1)}» i kolonnen {kolonne}.", 1)
        deler.append(pd.DataFrame({
            "kommunenummer": kommune, "aar": int(m.group(2)), "naering": naeringskode[m.group(1)],
            "sysselsatte": _heltall(df, kolonne, sti), "kilde": KILDE_SSB,
        }))
    ut = pd.concat(deler, ignore_index=True)
    # Every municipality has people at work: a total of 0 means «no figure» (the mirror writes 0
    # for municipalities split after 2017), and then none of its industries has one either.
    uten_tall = ut.loc[(ut["naering"] == NAERING_ALLE) & (ut["sysselsatte"] == 0), "kommunenummer"]
    hull = ut["kommunenummer"].isin(set(uten_tall))
    ut["sysselsatte"] = ut["sysselsatte"].astype("Int64").mask(hull)
    ut.loc[hull, "kilde"] = KILDE_MANGLER
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
