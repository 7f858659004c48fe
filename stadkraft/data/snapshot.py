"""The snapshot the project carries: every table the build needs, in our own compact format.

One zstd-compressed Parquet file per table under `data/kilder/` (the frames a source folder
yields on 2024 codes, boundaries already simplified), and `manifest.json` with the date, the
source and each file's rows. Written by `python -m stadkraft.data snapshot --kilde <mappe>`; read
by a build without --kilde, so a fresh clone builds its database offline.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd

from ..stier import ROT
from . import katalog
from .feil import KildeFeil
from .rydding import rydd_etterlatte
from .skjema import NOEKLER

MAPPE = ROT / "data" / "kilder"
MANIFEST = "manifest.json"
PAAKREVD = ("kommune", "kodeendring", "kommunegrense", "fylkesgrense", "nabo", "befolkning")
LAG_PAA_NYTT = "Lag snapshotet på nytt med «make snapshot» (python -m stadkraft.data snapshot --kilde <mappe>)."

# What each table holds, its source and licence: written into the manifest for data/README.md.
OPPHAV = {
    "kommune": ("Kommuneregister: navn, fylke, sentralitet, BA-region", "Kartverket, SSB, NIBR 2020",
                f"{katalog.KARTVERKET}; {katalog.SSB}; NIBR"),
    "kodeendring": ("Kommunekoder per år til 2024-koder, med vekter for delte kommuner", "SSB", katalog.SSB),
    "kommunegrense": ("Kommunegrenser, forenklet", "Kartverket", katalog.KARTVERKET),
    "fylkesgrense": ("Fylkesgrenser, forenklet", "Kartverket", katalog.KARTVERKET),
    "nabo": ("Nabokommuner (felles grense), regnet ut fra kommunegrensene", "Kartverket", katalog.KARTVERKET),
    "befolkning": ("Folkemengde 1. januar", "SSB tabell 07459", katalog.SSB),
    "befolkning_land": ("Folkemengde 1. januar, hele landet", "SSB tabell 07459", katalog.SSB),
    "sysselsetting": ("Arbeidsplasser/sysselsatte etter arbeidssted: alle, private, offentlige",
                      "SSB (2003–2016 sammenstilt av Telemarksforsking), SSB tabell 11618", katalog.SSB_TF),
    "sysselsetting_serie": ("Sysselsettingsseriens definisjon og brudd per år", "Stadkraft", katalog.SSB),
    "sysselsatte_bosted": ("Sysselsatte og befolkning 15–74 år etter bosted", "SSB tabell 11618", katalog.SSB),
    "befolkningsendring": ("Folketilvekst, fødselsoverskudd, nettoinnflytting per år",
                           "SSB (2003–2016 sammenstilt av Telemarksforsking)", katalog.SSB_TF),
    "nettoinnvandring_land": ("Norges nettoinnvandring per år", "SSB", katalog.SSB),
    "pendling": ("Pendling: bosted × arbeidssted", "SSB tabell 03321", katalog.SSB),
    "egen_tabell": ("Egne tabeller fra Statistikkbanken", "SSB Statistikkbanken", katalog.SSB),
}


def skriv(tabeller: dict[str, pd.DataFrame], mappe: Path = MAPPE, kilde: str = "") -> dict:
    """Write every non-empty table and the manifest; the old snapshot is replaced only when done."""
    mappe = Path(mappe)
    rydd_etterlatte(mappe)  # what a snapshot killed with -9 left beside the folder
    ny = mappe.with_name(f"{mappe.name}.ny-{os.getpid()}")
    shutil.rmtree(ny, ignore_errors=True)
    ny.mkdir(parents=True)
    filer = {}
    try:
        con = duckdb.connect()
        for navn, df in tabeller.items():
            if df is None or not len(df):
                continue
            rekkefolge = ", ".join(f'"{k}"' for k in NOEKLER[navn])
            con.register("tabell", df.reset_index(drop=True))
            # Sorted by key, so the same facts give the same bytes and git sees only real changes.
            con.execute(f"COPY (SELECT * FROM tabell ORDER BY {rekkefolge}) TO '{ny / (navn + '.parquet')}' "
                        "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)")
            con.unregister("tabell")
            beskrivelse, opphav, lisens = OPPHAV.get(navn, ("", "", ""))
            filer[navn] = {"fil": f"{navn}.parquet", "rader": int(len(df)), "innhold": beskrivelse,
                           "kilde": opphav, "lisens": lisens, **_dekning(df)}
        con.close()
        manifest = {"laget": dt.date.today().isoformat(), "kilde": kilde, "tabeller": filer}
        (ny / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        gammel = mappe.with_name(f"{mappe.name}.gammel-{os.getpid()}")
        if mappe.exists():
            mappe.rename(gammel)
        ny.rename(mappe)
        shutil.rmtree(gammel, ignore_errors=True)
    finally:
        shutil.rmtree(ny, ignore_errors=True)
    return manifest


def _dekning(df: pd.DataFrame) -> dict:
    if "aar" not in df or df["aar"].isna().all():
        return {}
    return {"fra_aar": int(df["aar"].min()), "til_aar": int(df["aar"].max())}


def manifest(mappe: Path = MAPPE) -> dict:
    sti = Path(mappe) / MANIFEST
    if not sti.is_file():
        raise KildeFeil(sti, "Snapshotet mangler (fant ikke manifest.json). " + LAG_PAA_NYTT)
    try:
        return json.loads(sti.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise KildeFeil(sti, f"manifest.json kan ikke leses ({e}). " + LAG_PAA_NYTT)


def les(mappe: Path = MAPPE) -> dict[str, pd.DataFrame]:
    """Every table the manifest lists, as frames (the build's `Kildedata` fields)."""
    mappe = Path(mappe)
    innhold = manifest(mappe)["tabeller"]
    mangler = [t for t in PAAKREVD if t not in innhold]
    if mangler:
        raise KildeFeil(mappe / MANIFEST, f"Snapshotet har ikke tabellen(e) {', '.join(mangler)}. " + LAG_PAA_NYTT)
    ut = {}
    con = duckdb.connect()
    try:
        for navn, info in innhold.items():
            sti = mappe / info["fil"]
            try:
                df = con.execute("SELECT * FROM read_parquet(?)", [str(sti)]).df()
            except duckdb.Error as e:
                raise KildeFeil(sti, f"Fila kan ikke leses ({str(e).splitlines()[0]}). " + LAG_PAA_NYTT) from None
            if len(df) != info["rader"]:
                raise KildeFeil(sti, f"Fila har {len(df)} rader, men manifestet sier {info['rader']}. " + LAG_PAA_NYTT)
            ut[navn] = df
    finally:
        con.close()
    return ut
