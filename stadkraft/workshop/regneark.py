"""A session's own items to and from a spreadsheet (Excel or CSV), in the layout of the tools'
original sheets: one row per item, its name first, then one column per axis (for the priority
tool: element, viktighet, påvirkbarhet). Scores may be blank. Pure functions; a bad file raises
`UgyldigSvar` with what to do, and nothing is read from it."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from stadkraft.eksport import uten_formler_ramme

from .feil import UgyldigSvar
from .modell import MAKS_ELEMENTER, MAKS_TEKST, fold
from .verktoy import Verktoy

MAKS_BYTE = 1_000_000
# Words a sheet may use for the item's column, besides the tool's own.
ELEMENTORD = ("element", "elementer", "tiltak", "faktor", "faktorer", "emne", "emner", "arbeidsområde",
              "innsatsområde", "tema", "navn")
# Shortened or older spellings of the axes (folded, no diacritics).
AKSEORD = {"viktighet": ("viktighet", "viktig", "viktigheit"),
           "påvirkbarhet": ("pavirkbarhet", "pavirkning", "pavirkningsgrad", "lokal pavirkningsgrad",
                            "pavirkbar", "paverknad")}


@dataclass(frozen=True)
class Rad:
    """One item from the sheet, with its scores where the sheet had them."""

    navn: str
    verdier: tuple[int, ...] | None


def _ord(tekst) -> str:
    """A header word folded to ASCII letters (Påvirkbarhet = pavirkbarhet), for matching columns."""
    tekst = unicodedata.normalize("NFKD", str(tekst)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", tekst.casefold()).split())


def _tabell(data: bytes, filnavn: str) -> pd.DataFrame:
    ending = filnavn.rsplit(".", 1)[-1].casefold() if "." in filnavn else ""
    if ending in ("xlsx", "xlsm"):
        try:
            return pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=object, engine="openpyxl")
        except Exception as feil:  # noqa: BLE001 - any broken workbook: one message
            raise UgyldigSvar(f"Fant ikke et lesbart regneark i «{filnavn}». Lagre det som .xlsx eller CSV "
                              "og prøv igjen.") from feil
    if ending not in ("csv", "txt"):
        raise UgyldigSvar(f"«{filnavn}» er verken Excel (.xlsx) eller CSV. Last opp en av dem.")
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = data.decode("windows-1252", errors="replace")  # Excel's «CSV» on Windows
    if "\x00" in tekst:
        raise UgyldigSvar(f"«{filnavn}» ser ikke ut som en tekstfil (CSV). Last opp en CSV- eller Excel-fil.")
    try:
        skille = csv.Sniffer().sniff(tekst[:2000], delimiters=";,\t").delimiter
    except csv.Error:
        skille = ";"
    rader = list(csv.reader(io.StringIO(tekst), delimiter=skille))
    bredde = max((len(r) for r in rader), default=0)
    return pd.DataFrame([r + [""] * (bredde - len(r)) for r in rader], dtype=object)


def _kolonner(hode: list, v: Verktoy) -> tuple[int, list[int | None]] | None:
    """Which column is the item's, and which each axis's, from a header row; None: no header."""
    folde = [_ord(c) if c is not None and not pd.isna(c) else "" for c in hode]
    navnord = {_ord(v.elementord[0]), _ord(v.elementord[1]), *ELEMENTORD}
    element = next((i for i, c in enumerate(folde) if c in navnord), None)
    akser = [next((i for i, c in enumerate(folde) if c in AKSEORD.get(a, (_ord(a),)) or c == _ord(a)), None)
             for a in v.akser]
    if element is None and not any(a is not None for a in akser):
        return None
    return (0 if element is None else element), akser


def _heltall(celle, rad: int, akse: str, v: Verktoy) -> int | None:
    if celle is None or (isinstance(celle, float) and pd.isna(celle)) or str(celle).strip() == "":
        return None
    tekst = str(celle).strip().replace(",", ".")
    try:
        tall = float(tekst)
    except ValueError:
        raise UgyldigSvar(f"Rad {rad}: «{str(celle)[:30]}» i kolonnen {akse} er ikke et tall. Bruk heltall fra "
                          f"{v.laveste} til {v.hoyeste}, eller la cellen stå tom.") from None
    if not tall.is_integer() or not v.laveste <= tall <= v.hoyeste:
        raise UgyldigSvar(f"Rad {rad}: {akse} er {tekst}, men må være et heltall fra {v.laveste} til "
                          f"{v.hoyeste}. Rett filen og last den opp igjen.")
    return int(tall)


def les_ark(data: bytes, filnavn: str, v: Verktoy) -> list[Rad]:
    """The items (and any scores) of an uploaded sheet, or `UgyldigSvar`: nothing half-read."""
    if len(data) > MAKS_BYTE:
        raise UgyldigSvar(f"Filen er for stor ({len(data) // 1000} kB). En elementliste er på under "
                          f"{MAKS_BYTE // 1_000_000} MB; last opp bare lista.")
    tabell = _tabell(data, filnavn).dropna(how="all")
    tabell = tabell[~tabell.apply(lambda r: all(str(c).strip() == "" for c in r if c is not None), axis=1)]
    if tabell.empty:
        raise UgyldigSvar(f"«{filnavn}» er tom. Skriv ett element per rad, med navnet i første kolonne.")
    kolonner = _kolonner(list(tabell.iloc[0]), v)
    start = 1 if kolonner is not None else 0
    element, akser = kolonner if kolonner is not None else (0, list(range(1, 1 + len(v.akser))))
    rader: list[Rad] = []
    for nr, (_, r) in enumerate(tabell.iloc[start:].iterrows(), start=start + 1):
        celler = list(r)
        navn = celler[element] if element < len(celler) else None
        navn = "" if navn is None or (isinstance(navn, float) and pd.isna(navn)) else " ".join(str(navn).split())
        if not navn:
            continue
        if len(navn) > MAKS_TEKST:
            raise UgyldigSvar(f"Rad {nr}: navnet er {len(navn)} tegn; et element kan ha høyst {MAKS_TEKST}. "
                              "Kort det ned og last opp igjen.")
        verdier = [(_heltall(celler[i], nr, a, v) if i is not None and i < len(celler) else None)
                   for i, a in zip(akser, v.akser)]
        if any(x is not None for x in verdier) and None in verdier:
            raise UgyldigSvar(f"Rad {nr} («{navn}») har karakter på bare én av aksene. Fyll inn begge, "
                              "eller la begge stå tomme.")
        rader.append(Rad(navn, tuple(verdier) if verdier and None not in verdier else None))
    if not rader:
        raise UgyldigSvar(f"Fant ingen elementer i «{filnavn}». Skriv ett element per rad, med navnet i "
                          "første kolonne.")
    if len(rader) > MAKS_ELEMENTER:
        raise UgyldigSvar(f"Filen har {len(rader)} elementer; en økt kan ha høyst {MAKS_ELEMENTER}.")
    navn = [fold(r.navn) for r in rader]
    if len(set(navn)) != len(navn):
        dobbel = next(r.navn for r, n in zip(rader, navn) if navn.count(n) > 1)
        raise UgyldigSvar(f"«{dobbel}» står to ganger i filen. Fjern den ene raden og last opp igjen.")
    return rader


def arkrader(v: Verktoy, elementer, konsensus=None) -> pd.DataFrame:
    """The sheet's own layout: item, then one column per axis (the agreed scores where set)."""
    konsensus = konsensus or {}
    kolonner = [v.elementord[0].capitalize(), *[a.capitalize() for a in v.akser]]
    rader = []
    for e in elementer:
        s = konsensus.get(e.nokkel)
        verdier = (s.verdi, s.verdi2)[: len(v.akser)] if s is not None else (None,) * len(v.akser)
        rader.append([e.navn, *verdier])
    return pd.DataFrame(rader, columns=kolonner)


def som_excel(ramme: pd.DataFrame, arknavn: str = "Prioritering") -> bytes:
    """One sheet, the header bold and the first column wide (openpyxl, as Excel opens it); no
    cell becomes a formula (openpyxl stores any text beginning with «=» as one)."""
    ramme = uten_formler_ramme(ramme)
    ut = io.BytesIO()
    with pd.ExcelWriter(ut, engine="openpyxl") as skriver:
        ramme.to_excel(skriver, sheet_name=arknavn[:31], index=False)
        ark = skriver.sheets[arknavn[:31]]
        for i, kolonne in enumerate(ramme.columns, start=1):
            bredde = max([len(str(kolonne))] + [len(str(x)) for x in ramme[kolonne].head(200)]) + 2
            ark.column_dimensions[ark.cell(row=1, column=i).column_letter].width = min(60, bredde)
    return ut.getvalue()
