"""Read a table a user exported from SSB's Statistikkbanken as CSV.

What an export looks like («Semikolonseparert med overskrift», the usual choice):

    "07459: Befolkning, etter region, år og statistikkvariabel"     <- title, "NNNNN: ..." (line 1)
                                                                  <- often an empty line
    "region";"Personer 2023";"Personer 2024"                      <- header (matrix layout)
    "5014 Frøya";"5262";"5316"
    "K-3001 Halden (2020-2023)";"31633";"."

The header is either *matrix* (pivoted: stub columns such as "region", "kjønn", then one column
per heading combination: "Personer 2024", "2020 Befolkning 1. januar", "Folkemengde 2023K4", or a
bare "2024") or *long* (dimension columns incl. "år"/"kvartal" and "statistikkvariabel", then one
value column, often titled with the table title, as SSB's API CSV does). Values use a decimal comma
and SSB's symbols for missing cells (".." tallgrunnlag mangler, "." ikke mulig å oppgi, ":"
konfidensielt, "..." ikke tilgjengelig ennå, "-" null). Files come as UTF-8 (often with a BOM) or as
windows-1252/ISO-8859-1 (SSB's own CSV is ISO-8859-1).

Regions: 4-digit codes are municipalities (rows in `data`); "0 Hele landet" goes to `land`; county
codes, Svalbard/Jan Mayen/continental shelf and "uoppgitt" codes are left out (listed in
`utelatte_regioner`). A label's validity period — "Halden (2020-2023)", "Halden (-2019)" — drops the
rows for years outside it, where SSB shows "." or 0 for a code that did not exist; so are cells
marked "." («kategorien var ikke i bruk»). Other symbols are kept as missing cells. Codes are NOT
harmonised here; "K-3101" (merged series) becomes "3101", historical codes stay as they are, and
the build maps them with its reform table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stadkraft.data.feil import KildeFeil
from stadkraft.data.skjema import KILDE_MANGLER, KILDE_SSB, KOLONNER, NAERING_ALLE, SEKTOR_ALLE

DATAKOLONNER = ["kommunenummer", "regionnavn", "aar", "variabel", "verdi", "status"]
LANDKOLONNER = ["aar", "variabel", "verdi", "status"]

# SSB's symbols for a cell without a number (standardtegn). All of them mean "no figure here".
SYMBOLER = frozenset({"..", ".", "...", ":", "-"})

RAD_OM_IGJEN = ("Eksporter tabellen på nytt fra Statistikkbanken som «Semikolonseparert med overskrift» "
                "(csv), uten å åpne og lagre den i Excel først.")

_TITTEL = re.compile(r"^\s*(\d{5})\s*:\s*(.+?)\s*$")
_TID = r"(?P<aar>\d{4})(?P<delperiode>[KMU]\d{1,2})?"
_PIVOT = [re.compile(rf"^(?P<var>.*\S)\s+{_TID}$"),   # "Personer 2024", "Folkemengde 2023K4"
          re.compile(rf"^{_TID}\s+(?P<var>\S.*)$"),   # "2020 Befolkning 1. januar"
          re.compile(rf"^{_TID}$")]                   # "2024" (variable from another column/title)
_TIDSKODE = re.compile(rf"^{_TID}$")
_REGION = re.compile(r"^(?:(?P<prefiks>[KF])[-_.])?(?P<kode>\d{1,8}[a-z]?)(?:\s+(?P<navn>.*\S))?\s*$")
_PERIODE = re.compile(r"\((?P<fra>\d{4})?-(?P<til>\d{4})?\)\s*$")
_HELE_LANDET = {"hele landet", "heile landet", "the whole country", "norge", "i alt"}
_TOTAL = re.compile(r"^(i alt|alle|begge kjønn|both sexes|totalt?|all|00-99|15-74 år)\b", re.IGNORECASE)


@dataclass
class StatbankTabell:
    tabell_id: str | None
    tittel: str
    data: pd.DataFrame  # DATAKOLONNER + one column per other dimension (e.g. "kjønn", "næring (SN2007)")
    land: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LANDKOLONNER))
    ekstra_dimensjoner: list[str] = field(default_factory=list)
    utelatte_regioner: list[str] = field(default_factory=list)
    kilde: str = ""


# ---- reading -----------------------------------------------------------------------------------

def les_statistikkbank_csv(sti) -> StatbankTabell:
    sti = Path(sti)
    try:
        raa = sti.read_bytes()
    except OSError as e:
        raise KildeFeil(sti, f"Kan ikke lese filen: {e.strerror or e}.") from e
    linjer = _dekod(raa).splitlines()
    tabell_id, tittel, header_nr = _finn_tittel_og_header(sti, linjer)
    skilletegn = _skilletegn(linjer[header_nr - 1])
    header = [c.strip() for c in _felter(linjer[header_nr - 1], skilletegn)]
    while header and not header[-1]:
        header.pop()  # Excel may append empty fields
    if tittel is None:
        tabell_id, tittel = _tittel_fra_header(sti, header, header_nr)
    oppsett = _tolk_header(sti, header, header_nr)
    rader = _les_rader(sti, linjer, header_nr, skilletegn, header, oppsett, tittel)
    return _bygg(sti, tabell_id, tittel, rader, oppsett)


def _dekod(raa: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes cleanly, else windows-1252, else latin-1."""
    if raa.startswith(b"\xef\xbb\xbf"):
        return raa[3:].decode("utf-8", errors="replace")
    for koding in ("utf-8", "cp1252"):
        try:
            return raa.decode(koding)
        except UnicodeDecodeError:
            continue
    return raa.decode("latin-1")


def _felter(linje: str, skilletegn: str) -> list[str]:
    return next(csv.reader([linje], delimiter=skilletegn, quotechar='"'), [])


def _skilletegn(header_linje: str) -> str:
    """';' as Statistikkbanken writes; tab or ',' only when the header has no ';'."""
    for tegn in (";", "\t", ","):
        if len(_felter(header_linje, tegn)) > 1:
            return tegn
    return ";"


def _ikke_tomme(felter: list[str]) -> list[str]:
    return [f for f in felter if f.strip()]


def _finn_tittel_og_header(sti: Path, linjer: list[str]) -> tuple[str | None, str | None, int]:
    """(tabell_id, title, 1-based header line). A title is a line with one non-empty field."""
    nr = _neste_ikke_tomme(linjer, 0)
    if nr is None:
        raise KildeFeil(sti, f"Filen er tom. {RAD_OM_IGJEN}")
    forste = _ikke_tomme(_felter(linjer[nr - 1], _skilletegn(linjer[nr - 1])))
    if len(forste) == 1:
        tittel = forste[0].strip()
        treff = _TITTEL.match(tittel)
        header_nr = _neste_ikke_tomme(linjer, nr)
        if header_nr is None:
            raise KildeFeil(sti, f"Filen har en tittel, men ingen kolonneoverskrifter eller data. {RAD_OM_IGJEN}",
                            rad=nr)
        if treff:
            return treff.group(1), treff.group(2), header_nr
        return None, tittel, header_nr
    return None, None, nr


def _neste_ikke_tomme(linjer: list[str], etter: int) -> int | None:
    for i in range(etter, len(linjer)):
        if linjer[i].strip().strip(";,\t").strip():
            return i + 1
    return None


def _tittel_fra_header(sti: Path, header: list[str], header_nr: int) -> tuple[str, str]:
    """No title line: accept SSB's API CSV, whose value column is titled "NNNNN: ..."."""
    for celle in header:
        treff = _TITTEL.match(celle)
        if treff:
            return treff.group(1), treff.group(2)
    raise KildeFeil(sti, "Mangler tittellinjen (f.eks. «07459: Befolkning, etter region, år og "
                         f"statistikkvariabel») før kolonneoverskriftene. {RAD_OM_IGJEN}", rad=header_nr)


@dataclass
class _Oppsett:
    region: int
    aar: int | None                       # long layout: the year/period column
    variabel: int | None                  # "statistikkvariabel" column, if any
    verdi: int | None                     # long layout: the value column
    pivot: dict[int, tuple[str | None, str]] = field(default_factory=dict)  # col -> (variable, period)
    ekstra: dict[int, str] = field(default_factory=dict)                    # col -> dimension name


def _er(navn: str, *ord_: str) -> bool:
    return navn.strip().lower() in ord_


def _tolk_header(sti: Path, header: list[str], nr: int) -> _Oppsett:
    region = next((i for i, h in enumerate(header) if "region" in h.lower() or _er(h, "kommune", "kommuner")), None)
    if region is None:
        raise KildeFeil(sti, f"Fant ingen kolonne «region» i overskriftsraden {header}. Ta med region som "
                             f"egen kolonne (forspalte) i eksporten. {RAD_OM_IGJEN}", rad=nr)
    pivot = {}
    for i, h in enumerate(header):
        if i == region:
            continue
        for monster in _PIVOT:
            treff = monster.match(h)
            if treff:
                periode = treff.group("aar") + (treff.group("delperiode") or "")
                pivot[i] = (treff.groupdict().get("var") or None, periode)
                break
    if pivot:
        return _matrise(sti, header, nr, region, pivot)
    return _lang(sti, header, nr, region)


def _matrise(sti, header, nr, region, pivot) -> _Oppsett:
    forste_pivot = min(pivot)
    feil = [header[i] for i in range(forste_pivot, len(header)) if i not in pivot and i != region]
    if feil:
        raise KildeFeil(sti, f"Kolonneoverskriften «{feil[0]}» har ikke et gyldig årstall (f.eks. «Personer 2024»). "
                             f"{RAD_OM_IGJEN}", rad=nr)
    variabel = next((i for i in range(forste_pivot) if _er(header[i], "statistikkvariabel", "contents")), None)
    aar = next((i for i in range(forste_pivot) if _er(header[i], "år", "year", "kvartal", "tid", "quarter")), None)
    if aar is not None:
        raise KildeFeil(sti, f"Overskriftsraden har både kolonnen «{header[aar]}» og årstall i kolonnenavnene. "
                             f"{RAD_OM_IGJEN}", rad=nr)
    ekstra = {i: header[i] for i in range(forste_pivot) if i not in (region, variabel)}
    return _Oppsett(region=region, aar=None, variabel=variabel, verdi=None, pivot=pivot, ekstra=ekstra)


def _lang(sti, header, nr, region) -> _Oppsett:
    aar = next((i for i, h in enumerate(header) if _er(h, "år", "year", "kvartal", "tid", "quarter")), None)
    if aar is None or len(header) < 3:
        raise KildeFeil(sti, "Fant verken årstall i kolonneoverskriftene (f.eks. «Personer 2024») eller en kolonne "
                             f"«år»; overskriftsraden er {header}. {RAD_OM_IGJEN}", rad=nr)
    verdi = len(header) - 1
    if verdi in (region, aar):
        raise KildeFeil(sti, f"Siste kolonne må være tallene, men er «{header[verdi]}». {RAD_OM_IGJEN}", rad=nr)
    variabel = next((i for i, h in enumerate(header[:verdi]) if _er(h, "statistikkvariabel", "contents")), None)
    ekstra = {i: header[i] for i in range(verdi) if i not in (region, aar, variabel)}
    return _Oppsett(region=region, aar=aar, variabel=variabel, verdi=verdi, ekstra=ekstra)


def _les_rader(sti, linjer, header_nr, skilletegn, header, oppsett: _Oppsett, tittel: str) -> list[dict]:
    """One dict per cell. Stops at the first empty line; what follows is footnotes."""
    standard_variabel = _tittel_emne(tittel)
    celler = []
    for nr in range(header_nr + 1, len(linjer) + 1):
        linje = linjer[nr - 1]
        if not linje.strip().strip(skilletegn).strip():
            break
        felt = _felter(linje, skilletegn)
        while len(felt) > len(header) and not felt[-1].strip():
            felt.pop()  # Excel sometimes appends empty fields
        if len(felt) != len(header):
            raise KildeFeil(sti, f"Raden har {len(felt)} felt, men overskriftsraden har {len(header)}. "
                                 f"{RAD_OM_IGJEN}", rad=nr)
        region = _region(sti, felt[oppsett.region], nr)
        felles = {"region": region, "rad": nr, **{navn: felt[i].strip() for i, navn in oppsett.ekstra.items()}}
        radvariabel = felt[oppsett.variabel].strip() if oppsett.variabel is not None else None
        if oppsett.pivot:
            for i, (var, periode) in oppsett.pivot.items():
                celler.append({**felles, "periode": periode, "variabel": var or radvariabel or standard_variabel,
                               **_tall(sti, felt[i], nr, header[i])})
        else:
            periode = felt[oppsett.aar].strip()
            if not _TIDSKODE.match(periode):
                raise KildeFeil(sti, f"«{periode}» i kolonnen «{header[oppsett.aar]}» er ikke et år "
                                     f"(forventet f.eks. 2024 eller 2024K4). {RAD_OM_IGJEN}", rad=nr)
            celler.append({**felles, "periode": periode, "variabel": radvariabel or standard_variabel,
                           **_tall(sti, felt[oppsett.verdi], nr, header[oppsett.verdi])})
    if not celler:
        raise KildeFeil(sti, f"Filen har overskrifter, men ingen datarader. {RAD_OM_IGJEN}", rad=header_nr)
    return celler


def _tittel_emne(tittel: str) -> str:
    """'Befolkning, etter region, år ...' -> 'Befolkning' (the variable when no column names it)."""
    return re.split(r",\s*(etter|by)\s", tittel, maxsplit=1)[0].strip()


def _region(sti, celle: str, nr: int) -> tuple[str, str, str]:
    """-> (kind, code, name). kind: 'kommune', 'land' or 'annen'."""
    celle = celle.strip()
    if celle.lower() in _HELE_LANDET:
        return "land", "0", celle
    treff = _REGION.match(celle)
    if not treff:
        raise KildeFeil(sti, f"Regionen «{celle}» mangler kode (forventet f.eks. «5014 Frøya» eller «K-3101 Halden»). "
                             f"Velg visning «kode og tekst» for region. {RAD_OM_IGJEN}", rad=nr)
    kode, navn, prefiks = treff.group("kode"), treff.group("navn") or "", treff.group("prefiks")
    if kode == "0":
        return "land", kode, navn
    if prefiks == "F" or len(kode) != 4 or not kode.isdigit() or kode[:2] in ("21", "22", "23") \
            or kode == "9999" or navn.lower().startswith("uoppgitt"):
        # county, city district, Svalbard/Jan Mayen/shelf, unknown, reused code with a suffix
        return "annen", kode, navn
    return "kommune", kode, navn


def _tall(sti, celle: str, nr: int, kolonne: str) -> dict:
    tekst = celle.strip().replace("\u00a0", "").replace(" ", "")
    if tekst in SYMBOLER:
        return {"verdi": float("nan"), "status": tekst}
    if tekst == "":
        return {"verdi": float("nan"), "status": None}
    tekst = tekst.replace("−", "-")
    if "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".") if "." in tekst else tekst.replace(",", ".")
    try:
        return {"verdi": float(tekst), "status": None}
    except ValueError:
        raise KildeFeil(sti, f"Verdien «{celle.strip()}» i kolonnen «{kolonne}» er verken et tall eller et av SSBs "
                             f"symboler (.. . ... : -). {RAD_OM_IGJEN}", rad=nr) from None


def _i_gyldighetsperiode(navn: str, aar: int) -> bool:
    treff = _PERIODE.search(navn)
    if not treff:
        return True
    fra, til = treff.group("fra"), treff.group("til")
    return (fra is None or aar >= int(fra)) and (til is None or aar <= int(til))


def _bygg(sti, tabell_id, tittel, celler: list[dict], oppsett: _Oppsett) -> StatbankTabell:
    ekstra = list(oppsett.ekstra.values())
    kommuner, land, utelatt = [], [], {}
    sett: dict[tuple, int] = {}  # cell key -> row it was first seen on
    for c in celler:
        art, kode, navn = c["region"]
        aar = int(c["periode"][:4])
        rad = {"aar": aar, "variabel": c["variabel"], "verdi": c["verdi"], "status": c["status"],
               "periode": c["periode"], **{d: c[d] for d in ekstra}}
        if art == "land":
            land.append(rad)
        elif art == "kommune":
            # "." = the category was not in use then (SSB's standard symbols): no cell, not a gap.
            if _i_gyldighetsperiode(navn, aar) and c["status"] != ".":
                # The build sums cells per municipality, so a repeated row would silently double it.
                nokkel = (kode, c["periode"], c["variabel"], *(c[d] for d in ekstra))
                if nokkel in sett:
                    raise KildeFeil(sti, f"Kommune {kode} har to verdier for «{c['variabel']}» {c['periode']} "
                                         f"(også i rad {sett[nokkel]}). Fjern den doble raden, eller eksporter "
                                         "tabellen på nytt fra Statistikkbanken.", rad=c["rad"])
                sett[nokkel] = c["rad"]
                kommuner.append({"kommunenummer": kode, "regionnavn": navn, **rad})
        else:
            utelatt[f"{kode} {navn}".strip()] = None
    perioder = {c["periode"] for c in celler}
    med_periode = [] if all(len(p) == 4 for p in perioder) else ["periode"]  # keep "2024K4" only if needed
    data = pd.DataFrame(kommuner, columns=DATAKOLONNER + med_periode + ekstra)
    landdf = pd.DataFrame(land, columns=LANDKOLONNER + med_periode + ekstra)
    for df in (data, landdf):
        df["aar"] = df["aar"].astype(int)
        df["verdi"] = df["verdi"].astype("float64")
        df["status"] = df["status"].astype(object).where(df["status"].notna(), None)
    return StatbankTabell(tabell_id=tabell_id, tittel=tittel, data=data, land=landdf,
                          ekstra_dimensjoner=ekstra + med_periode, utelatte_regioner=list(utelatt), kilde=str(sti))


# ---- mapping into the core tables --------------------------------------------------------------

KJERNETABELLER = {"07459": "befolkning", "06913": "befolkningsendring", "01223": "befolkningsendring",
                  "07984": "sysselsetting", "13470": "sysselsetting"}

# Population change, by label (nb and nn). 01223 has domestic in/out-migration plus immigration and
# emigration, as the schema wants. 06913 has only total in/out-migration (incl. moves abroad) and no
# immigration/emigration: those go to innflytting/utflytting and innvandring/utvandring stay empty.
_ENDRING_01223 = {"fodte": r"^(levende)?f(ø|o)d(d|t)e", "dode": r"^d(ø|o)de",
                  "innflytting": r"^innflytting,?\s+inn(a|en)landsk?",
                  "utflytting": r"^utflytting,?\s+inn(a|en)landsk?",
                  "innvandring": r"^innvandring", "utvandring": r"^utvandring"}
_ENDRING_06913 = {"fodte": r"^levendef(ø|o)dte|^f(ø|o)dde", "dode": r"^d(ø|o)de",
                  "innflytting": r"^innflyttinger?$", "utflytting": r"^utflyttinger?$"}


def til_kjernetabell(tab: StatbankTabell) -> tuple[str, pd.DataFrame] | None:
    """A recognised table as (core table name, canonical frame); None if it is not one we know."""
    navn = KJERNETABELLER.get(tab.tabell_id or "")
    if navn is None or tab.data.empty:
        return None
    if navn == "befolkning":
        df = _befolkning(tab)
    elif navn == "befolkningsendring":
        df = _befolkningsendring(tab, _ENDRING_01223 if tab.tabell_id == "01223" else _ENDRING_06913)
    else:
        df = _sysselsetting(tab)
    return None if df is None else (navn, df)


def til_egen_tabell(tab: StatbankTabell) -> pd.DataFrame:
    """Long form for the egen_tabell table; other dimensions are folded into `variabel`."""
    df = tab.data
    variabel = df["variabel"].astype(str)
    for dim in tab.ekstra_dimensjoner:
        variabel = variabel + ", " + dim + ": " + df[dim].astype(str)
    ut = pd.DataFrame({"tabell": tab.tabell_id or "ukjent", "tittel": tab.tittel,
                       "kommunenummer": df["kommunenummer"], "aar": df["aar"], "variabel": variabel,
                       "verdi": df["verdi"]})
    return ut[KOLONNER["egen_tabell"]]


def _kun_totaler(df: pd.DataFrame, dimensjoner: list[str], nokler: list[str]) -> pd.DataFrame:
    """Per other dimension: keep its total row ("Begge kjønn", "00-99 …", "I alt") if there is one,
    else sum over it. A sum with a missing part is missing."""
    summer = []
    for dim in dimensjoner:
        total = df[dim].astype(str).str.match(_TOTAL)
        if total.any():
            df = df[total]
        else:
            summer.append(dim)
    if not summer:
        return df
    gruppert = df.groupby(nokler, sort=False)["verdi"]
    ut = gruppert.sum(min_count=1).to_frame()
    ut.loc[gruppert.apply(lambda s: s.isna().any()), "verdi"] = float("nan")
    return ut.reset_index()


def _kilde(verdi: pd.Series) -> pd.Series:
    return verdi.isna().map({True: KILDE_MANGLER, False: KILDE_SSB})


def _uten_delperioder(tab: StatbankTabell) -> pd.DataFrame:
    """Annual rows; for quarterly year-to-date tables (01223) the 4th quarter is the whole year."""
    df = tab.data
    if "periode" in df:
        df = df[df["periode"].str.fullmatch(r"\d{4}(K4)?")]
    return df


def _befolkning(tab: StatbankTabell) -> pd.DataFrame | None:
    df = _uten_delperioder(tab)
    df = df[df["variabel"].str.contains(r"personer|folkemengde|befolkning|folketal", case=False, regex=True)]
    if df.empty:
        return None
    df = _kun_totaler(df, [d for d in tab.ekstra_dimensjoner if d != "periode"], ["kommunenummer", "aar"])
    verdi = df["verdi"].where(df["verdi"] != 0)  # 0 inhabitants = a code not in use that year
    ut = pd.DataFrame({"kommunenummer": df["kommunenummer"].astype(str), "aar": df["aar"].astype(int),
                       "folkemengde": verdi.round().astype("Int64"), "kilde": _kilde(verdi)})
    return _sorter(ut, "befolkning", ["kommunenummer", "aar"])


def _befolkningsendring(tab: StatbankTabell, monstre: dict[str, str]) -> pd.DataFrame | None:
    df = _uten_delperioder(tab)
    df = df.assign(felt=df["variabel"].map(lambda v: _felt_for(v, monstre)))
    df = df[df["felt"].notna()]
    if df.empty:
        return None
    df = _kun_totaler(df, [d for d in tab.ekstra_dimensjoner if d != "periode"], ["kommunenummer", "aar", "felt"])
    bred = df.pivot_table(index=["kommunenummer", "aar"], columns="felt", values="verdi",
                          aggfunc="first", dropna=False)
    kilde = bred.isna().any(axis=1).map({True: KILDE_MANGLER, False: KILDE_SSB})  # only the columns it has
    bred = bred.reindex(columns=KOLONNER["befolkningsendring"][2:8])
    ut = bred.reset_index()
    ut.columns.name = None
    for felt in KOLONNER["befolkningsendring"][2:8]:
        ut[felt] = ut[felt].round().astype("Int64")
    ut["kilde"] = kilde.to_numpy()
    ut["aar"] = ut["aar"].astype(int)
    return _sorter(ut, "befolkningsendring", ["kommunenummer", "aar"])


def _felt_for(variabel: str, monstre: dict[str, str]) -> str | None:
    return next((felt for felt, m in monstre.items() if re.search(m, variabel.strip(), re.IGNORECASE)), None)


def _sysselsetting(tab: StatbankTabell) -> pd.DataFrame | None:
    df = _uten_delperioder(tab)
    df = df[df["variabel"].str.contains("arbeidssted", case=False)]  # by place of work only
    if df.empty:
        return None
    naering = next((d for d in tab.ekstra_dimensjoner if "næring" in d.lower() or "nace" in d.lower()), None)
    andre = [d for d in tab.ekstra_dimensjoner if d not in (naering, "periode")]
    if naering is None:
        df = df.assign(naering=NAERING_ALLE)  # industry eliminated in the export: the total
    else:
        df = df.assign(naering=df[naering].astype(str).str.extract(r"^(\S+)", expand=False))
    df = _kun_totaler(df, andre, ["kommunenummer", "aar", "naering"])
    ut = pd.DataFrame({"kommunenummer": df["kommunenummer"].astype(str), "aar": df["aar"].astype(int),
                       "naering": df["naering"].astype(str), "sektor": SEKTOR_ALLE,
                       "sysselsatte": df["verdi"].round().astype("Int64"), "kilde": _kilde(df["verdi"])})
    return _sorter(ut, "sysselsetting", ["kommunenummer", "aar", "naering"])


def _sorter(df: pd.DataFrame, tabell: str, etter: list[str]) -> pd.DataFrame:
    # Columns a table does not have (06913's immigration, the balances) stay empty.
    return df.reindex(columns=KOLONNER[tabell]).sort_values(etter, kind="stable").reset_index(drop=True)
