"""SSB PxWebApi v2 client and the fetches the data build needs.

Facts used here (see /work/shared/requirements/ssb_api_reference.md):
- Base URL https://data.ssb.no/api/pxwebapi/v2; metadata GET /tables/{id}/metadata; data
  POST /tables/{id}/data?lang=no&outputFormat=json-stat2 with {"selection": [...]} (§1.6). POST is
  used because a GET URL over ~2,100 characters gives 404, and 357 municipality codes do not fit.
- At most 800,000 cells per extract, counted as the product of the selected category counts (§1.9).
- At most 30 requests per 60 s per IP; 429 when over. Some responses carry x-ratelimit-* headers
  (third-party report of 40/60 s): we only ever *lower* our pace from them (§1.9).
- 503 during the metadata refresh (05:00 and 11:30); 500 with an empty body for duplicate codes,
  so codes are deduplicated before sending (§1.1, §1.4).
- Too many cells is 400 or 403 with title "Too many cells selected" (sources disagree): we split
  the chunk further instead of failing (§1.9).
- Merged series on the 2024 municipal structure: codelist agg_KommSummer with codes "K-xxxx" on
  07459 and 01223; "K_xxxx" (agg_KommSummerHist) on 06913; "K.xxxx" (agg:KommSummerS, v1) on 07984.
  Codelist ids are case-sensitive; both `codelists` and `codeLists` occur in metadata (§1.5, §4.2).
- 03321 (commuting) has no merged-series codelist that any source shows: ArbstedKomm and Bokommuen
  list every historical code (~850), labels carrying their validity, e.g. "Halden (-2019)",
  "Halden (2020-2023)"; current codes have none (§3.4, §4.3). So it is fetched on the codes valid
  in each year, one request per year, and harmonised to 2024 codes by the build.
- A 404 (table or codelist gone) and a table without the years asked for raise IkkeTilgjengelig, so
  a fetch with an alternative table (06913 for 01223) can step in; anything else stops the build.
"""

from __future__ import annotations

import email.utils
import json
import math
import re
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlencode

import pandas as pd
import requests

from stadkraft.data.feil import KildeFeil
from stadkraft.data.jsonstat import STATUS, VERDI, kategorier, til_dataframe
from stadkraft.data.skjema import KILDE_ESTIMAT, KILDE_MANGLER, KILDE_SSB, KOLONNER, NAERING_ALLE, SEKTOR_ALLE

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
TIDSVINDU = 60.0  # seconds; the rate limit is per rolling minute

# Transient answers worth another try. 500 is included because SSB answers some overload with it;
# a 500 caused by our own query (duplicate codes) cannot happen since codes are deduplicated.
GJENTA_STATUS = frozenset({429, 500, 502, 503, 504})
FOR_MANGE_CELLER = re.compile(r"too many cells|antall celler", re.IGNORECASE)
NETTVERKSFEIL = (requests.Timeout, requests.ConnectionError, TimeoutError, ConnectionError)

# Status symbols (§2.3). A cell with a value and one of these is flagged as an estimate:
# "*" = foreløpige tall (provisional, pre-2021 tables). Every null cell is "mangler" whatever its
# symbol (".." tallgrunnlag mangler, "." ikke mulig å oppgi, ":" konfidensielt, "..." ikke
# tilgjengelig ennå, "-" null (older tables; we keep it missing rather than guess a zero)).
ESTIMAT_SYMBOLER = frozenset({"*"})

# Merged-series codelists in order of preference (§4.2); read from the table's metadata.
KOMMUNE_KODELISTER = ("agg_KommSummer", "agg_KommSummerS", "agg_KommSummerHist")
KOMMUNEKODE = re.compile(r"^(?:K[-_.])?(\d{4})$")

Fremdrift = Callable[[str], None] | None


class IkkeTilgjengelig(KildeFeil):
    """The table (or codelist) does not exist, or has none of the years asked for."""


class _ForMangeCeller(Exception):
    """SSB refused a chunk as too large; the caller splits it further."""


class SsbKlient:
    """Talks to PxWebApi v2: paced, retried, chunked. `session` is requests.Session-like."""

    def __init__(self, base_url: str = BASE_URL, session=None, maks_celler: int = 800_000,
                 maks_per_minutt: int = 30, sove: Callable[[float], None] = time.sleep,
                 klokke: Callable[[], float] = time.monotonic, forsok: int = 4,
                 tidsavbrudd: float = 60.0, lang: str = "no"):
        if session is None:
            session = requests.Session()
        if maks_celler < 1 or maks_per_minutt < 1 or forsok < 1:
            raise ValueError("maks_celler, maks_per_minutt og forsok må være minst 1")
        self.base_url = base_url.rstrip("/")
        self.session = session
        self.maks_celler = maks_celler
        self.maks_per_minutt = maks_per_minutt
        self.sove = sove
        self.klokke = klokke
        self.forsok = forsok
        self.tidsavbrudd = tidsavbrudd
        self.lang = lang
        self.antall_sporringer = 0
        self._sendt: deque[float] = deque()
        self._metadata: dict[str, dict] = {}
        self._kodelister: dict[str, dict] = {}

    # ---- public API -------------------------------------------------------------------------

    def metadata(self, tabell: str, fremdrift: Fremdrift = None) -> dict:
        """The table's metadata (a JSON-stat 2.0 dataset without values), cached per client."""
        if tabell not in self._metadata:
            url = f"{self.base_url}/tables/{tabell}/metadata"
            self._metadata[tabell] = self._send("GET", url, {"lang": self.lang}, None)
            _meld(fremdrift, f"{tabell}: metadata")
        return self._metadata[tabell]

    def kodeliste(self, kodeliste_id: str, fremdrift: Fremdrift = None) -> dict:
        """GET /codelists/{id}: {"id", "label", "values": [{"code", "label", "valueMap"}...]}."""
        if kodeliste_id not in self._kodelister:
            url = f"{self.base_url}/codelists/{kodeliste_id}"
            self._kodelister[kodeliste_id] = self._send("GET", url, {"lang": self.lang}, None)
            _meld(fremdrift, f"kodeliste {kodeliste_id}")
        return self._kodelister[kodeliste_id]

    def hent(self, tabell: str, utvalg: Mapping[str, Sequence[str]],
             codelist: Mapping[str, str] | None = None, fremdrift: Fremdrift = None) -> pd.DataFrame:
        """Data for a selection, one row per cell (see jsonstat.til_dataframe).

        Variables left out of `utvalg` are eliminated by SSB (summed or set to their total).
        Codes should be literal; an expression such as top(5) counts as one code when sizing chunks.
        """
        rent = {dim: _uten_duplikater(koder) for dim, koder in utvalg.items()}
        tomme = [dim for dim, koder in rent.items() if not koder]
        if tomme:
            raise ValueError(f"tomt utvalg for {tomme}")
        deler = deque(del_utvalg(rent, self.maks_celler))
        rammer = []
        while deler:
            del_ = deler.popleft()
            try:
                rammer.append(self._hent_del(tabell, del_, codelist or {}))
            except _ForMangeCeller:
                deler.extendleft(reversed(_halver(del_, tabell, self._data_url(tabell))))
                continue
            _meld(fremdrift, f"{tabell}: {antall_celler(del_)} celler")
        return pd.concat(rammer, ignore_index=True) if len(rammer) > 1 else rammer[0]

    # ---- one request ------------------------------------------------------------------------

    def _data_url(self, tabell: str) -> str:
        return f"{self.base_url}/tables/{tabell}/data"

    def _hent_del(self, tabell: str, utvalg: Mapping[str, list[str]], codelist: Mapping[str, str]):
        utvalg_json = []
        for dim, koder in utvalg.items():
            valg = {"variableCode": dim, "valueCodes": list(koder)}
            if dim in codelist:
                valg["codelist"] = codelist[dim]
            utvalg_json.append(valg)
        url, params = self._data_url(tabell), {"lang": self.lang, "outputFormat": "json-stat2"}
        doc = self._send("POST", url, params, {"selection": utvalg_json})
        return til_dataframe(doc, kilde=_full_url(url, params))

    def _send(self, metode: str, url: str, params: dict, body: dict | None) -> dict:
        """One logical request with pacing and retries. Raises KildeFeil naming the URL."""
        full = _full_url(url, params)
        for forsok in range(1, self.forsok + 1):
            self._vent_paa_kvote()
            try:
                svar = self._kall(metode, url, params, body)
            except NETTVERKSFEIL as e:
                if forsok == self.forsok:
                    raise KildeFeil(full, f"SSB svarte ikke etter {self.forsok} forsøk ({type(e).__name__}: {e}). "
                                          "Sjekk nettforbindelsen og prøv igjen senere.") from e
                self.sove(_backoff(forsok))
                continue
            self._les_ratelimit(getattr(svar, "headers", {}) or {})
            if 200 <= svar.status_code < 300:
                return _json(svar, full)
            if svar.status_code in (400, 403) and FOR_MANGE_CELLER.search(_feiltekst(svar)):
                raise _ForMangeCeller()
            if svar.status_code in GJENTA_STATUS and forsok < self.forsok:
                self.sove(_ventetid(svar, forsok))
                continue
            feil = IkkeTilgjengelig if svar.status_code == 404 else KildeFeil
            raise feil(full, _feilmelding(svar, forsok))
        raise AssertionError("unreachable")

    def _kall(self, metode: str, url: str, params: dict, body: dict | None):
        self.antall_sporringer += 1
        if metode == "GET":
            return self.session.get(url, params=params, timeout=self.tidsavbrudd)
        return self.session.post(url, params=params, json=body, timeout=self.tidsavbrudd)

    # ---- pacing -----------------------------------------------------------------------------

    def _vent_paa_kvote(self) -> None:
        """Block (via `sove`) until fewer than maks_per_minutt requests lie in the last 60 s."""
        while True:
            naa = self.klokke()
            while self._sendt and naa - self._sendt[0] >= TIDSVINDU:
                self._sendt.popleft()
            if len(self._sendt) < self.maks_per_minutt:
                self._sendt.append(naa)
                return
            self.sove(TIDSVINDU - (naa - self._sendt[0]))

    def _les_ratelimit(self, headere: Mapping) -> None:
        """Adopt a lower live limit if SSB announces one (x-ratelimit-limit); never raise ours."""
        verdi = _header(headere, "x-ratelimit-limit")
        if verdi and verdi.strip().isdigit() and 0 < int(verdi) < self.maks_per_minutt:
            self.maks_per_minutt = int(verdi)


# ---- chunking ----------------------------------------------------------------------------------

def antall_celler(utvalg: Mapping[str, Sequence[str]]) -> int:
    return math.prod(len(k) for k in utvalg.values())


def del_utvalg(utvalg: Mapping[str, Sequence[str]], maks_celler: int) -> list[dict[str, list[str]]]:
    """Split a selection into selections of at most maks_celler cells that cover it exactly once.

    Splits the dimension with the most codes (usually Region or Tid); recurses if one code of it
    is still too large.
    """
    utvalg = {d: list(k) for d, k in utvalg.items()}
    if antall_celler(utvalg) <= maks_celler:
        return [utvalg]
    storst = max(utvalg, key=lambda d: len(utvalg[d]))
    resten = antall_celler(utvalg) // len(utvalg[storst])
    bit = max(1, maks_celler // resten)
    ut = []
    for start in range(0, len(utvalg[storst]), bit):
        ut.extend(del_utvalg({**utvalg, storst: utvalg[storst][start:start + bit]}, maks_celler))
    return ut


def _halver(utvalg: dict[str, list[str]], tabell: str, url: str) -> list[dict[str, list[str]]]:
    storst = max(utvalg, key=lambda d: len(utvalg[d]))
    koder = utvalg[storst]
    if len(koder) < 2:
        raise KildeFeil(url, f"SSB sier at utvalget fra tabell {tabell} har for mange celler, og det kan "
                             "ikke deles mer. Velg færre koder.")
    midt = len(koder) // 2
    return [{**utvalg, storst: koder[:midt]}, {**utvalg, storst: koder[midt:]}]


def _uten_duplikater(koder: Sequence[str]) -> list[str]:
    if isinstance(koder, str):
        raise TypeError("utvalg må være lister med koder, ikke tekst")
    return list(dict.fromkeys(str(k) for k in koder))


# ---- HTTP helpers ------------------------------------------------------------------------------

def _full_url(url: str, params: Mapping) -> str:
    return f"{url}?{urlencode(params)}" if params else url


def _header(headere: Mapping, navn: str) -> str | None:
    for k, v in headere.items():
        if k.lower() == navn:
            return str(v)
    return None


def _backoff(forsok: int) -> float:
    return min(60.0, 2.0 * 2 ** (forsok - 1))  # 2, 4, 8 ... s


def _ventetid(svar, forsok: int) -> float:
    """Retry-After (seconds or HTTP date) when given; a full window after 429; else backoff."""
    retry_after = _header(getattr(svar, "headers", {}) or {}, "retry-after")
    if retry_after:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            try:
                dato = email.utils.parsedate_to_datetime(retry_after)
                return max(0.0, dato.timestamp() - time.time())
            except (TypeError, ValueError):
                pass
    return TIDSVINDU if svar.status_code == 429 else _backoff(forsok)


def _json(svar, url: str) -> dict:
    try:
        return svar.json()
    except (ValueError, json.JSONDecodeError):
        raise KildeFeil(url, f"SSB svarte {svar.status_code}, men svaret er ikke gyldig JSON: "
                             f"{_kort(getattr(svar, 'text', ''))}") from None


def _feiltekst(svar) -> str:
    try:
        body = svar.json()
    except Exception:  # noqa: BLE001 - error bodies may be empty or HTML
        return getattr(svar, "text", "") or ""
    if isinstance(body, Mapping):
        return " – ".join(str(body[k]) for k in ("title", "detail", "type") if body.get(k))
    return str(body)


def _feilmelding(svar, forsok: int) -> str:
    kode = svar.status_code
    tekst = _kort(_feiltekst(svar)) or "(tomt svar)"
    hint = {
        400: "Utvalget passer ikke tabellen (ukjent variabel, verdi eller kodeliste). Sjekk tabellens metadata.",
        403: "SSB avviste spørringen (for mange celler?).",
        404: "Tabellen eller kodelisten finnes ikke (eller URL-en er for lang).",
        429: "For mange spørringer; vent et minutt og prøv igjen.",
    }.get(kode, "Prøv igjen senere; SSB kan være midlertidig utilgjengelig (f.eks. 05:00 og 11:30).")
    etter = f" etter {forsok} forsøk" if forsok > 1 else ""
    return f"SSB svarte HTTP {kode}{etter}: {tekst}. {hint}"


def _kort(tekst: str, maks: int = 300) -> str:
    tekst = " ".join(str(tekst).split())
    return tekst if len(tekst) <= maks else tekst[:maks] + " …"


def _meld(fremdrift: Fremdrift, tekst: str) -> None:
    if fremdrift is not None:
        fremdrift(tekst)


# ---- metadata helpers --------------------------------------------------------------------------

def _kodelister_i(meta: Mapping, dim: str) -> list[dict]:
    ext = (meta.get("dimension", {}).get(dim, {}) or {}).get("extension") or {}
    return list(ext.get("codelists") or ext.get("codeLists") or [])  # casing changed in 2025


def velg_kommunekodeliste(meta: Mapping, tabell: str, dim: str = "Region") -> str:
    """The merged-series codelist (2024 municipalities) that this table offers."""
    lister = _kodelister_i(meta, dim)
    if not lister:
        return KOMMUNE_KODELISTER[0]  # metadata without a list: try the common one; a 404 names it
    ider = [k.get("id") for k in lister]
    for foretrukket in KOMMUNE_KODELISTER:
        if foretrukket in ider:
            return foretrukket
    for k in lister:
        if str(k.get("id", "")).startswith("agg_KommSummer"):
            return k["id"]
    raise KildeFeil(f"tabell {tabell}", f"Tabellen tilbyr ingen kodeliste for sammenslåtte kommuneserier "
                                        f"(fant {ider}). Kan ikke harmonisere til 2024-kommuner.")


def kommunekoder(klient: SsbKlient, kodeliste_id: str, fremdrift: Fremdrift = None) -> list[str]:
    """The codelist's municipality codes as SSB writes them (e.g. "K-3101"); skips K_Rest etc."""
    liste = klient.kodeliste(kodeliste_id, fremdrift)
    koder = [str(v.get("code")) for v in liste.get("values", []) if isinstance(v, Mapping)]
    kommuner = [k for k in koder if KOMMUNEKODE.match(k)]
    if not kommuner:
        raise KildeFeil(f"kodeliste {kodeliste_id}", "Kodelisten har ingen kommunekoder (K-xxxx).")
    return kommuner


def til_kommunenummer(kode: str) -> str | None:
    """'K-3101' / 'K_3101' / 'K.3101' / '3101' -> '3101'; anything else -> None."""
    treff = KOMMUNEKODE.match(str(kode).strip())
    return treff.group(1) if treff else None


def _aar_koder(meta: Mapping, tabell: str, fra_aar: int, til_aar: int, kvartal: str | None = None) -> list[str]:
    """Tid codes in [fra_aar, til_aar] that the table has ('2024', or '2024K4' with kvartal='K4')."""
    monster = re.compile(rf"^(\d{{4}}){re.escape(kvartal)}$" if kvartal else r"^(\d{4})$")
    koder = [k for k in kategorier(meta, "Tid", f"tabell {tabell}")
             if (m := monster.match(k)) and fra_aar <= int(m.group(1)) <= til_aar]
    if not koder:
        raise IkkeTilgjengelig(f"tabell {tabell}", f"Tabellen har ingen år mellom {fra_aar} og {til_aar}.")
    return sorted(koder)


def _innholdskoder(meta: Mapping, tabell: str, onsket: Mapping[str, tuple[Sequence[str], str]]) -> dict[str, str]:
    """felt -> ContentsCode, by known code first (case-insensitive), else by label regex."""
    innhold = kategorier(meta, "ContentsCode", f"tabell {tabell}")
    etter_kode = {k.lower(): k for k in innhold}
    ut = {}
    for felt, (koder, etikett) in onsket.items():
        treff = next((etter_kode[k.lower()] for k in koder if k.lower() in etter_kode), None)
        if treff is None:
            treff = next((k for k, t in innhold.items() if re.search(etikett, t, re.IGNORECASE)), None)
        if treff is None:
            raise KildeFeil(f"tabell {tabell}", f"Fant ikke statistikkvariabelen for «{felt}» "
                                                f"(prøvde {list(koder)}); tabellen har {list(innhold)}.")
        ut[felt] = treff
    return ut


def _ovrige_dimensjoner(meta: Mapping, tabell: str, valgt: set[str],
                        totaler: Mapping[str, Sequence[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """Selection for variables we do not care about: their total code, elimination, or all + sum.

    Returns (extra selection, dimensions we must sum over ourselves).
    """
    ekstra, summer = {}, []
    for dim in meta.get("id", []):
        if dim in valgt:
            continue
        koder = kategorier(meta, dim, f"tabell {tabell}")
        ext = (meta["dimension"][dim].get("extension") or {})
        total = next((k for k in totaler.get(dim, ()) if k in koder), None)
        if total is not None:
            ekstra[dim] = [total]
        elif ext.get("elimination", False):
            continue  # SSB sums it for us: cheapest, and what SSB itself shows as the total
        elif ext.get("eliminationValueCode") in koder:
            ekstra[dim] = [ext["eliminationValueCode"]]
        else:
            ekstra[dim] = list(koder)
            summer.append(dim)
    return ekstra, summer


# ---- cell flags and shaping --------------------------------------------------------------------

def kilde_for_celle(verdi: float, status: str | None) -> str:
    if pd.isna(verdi):
        return KILDE_MANGLER
    if status is not None and str(status).strip() in ESTIMAT_SYMBOLER:
        return KILDE_ESTIMAT
    return KILDE_SSB


_RANG = {KILDE_SSB: 0, KILDE_ESTIMAT: 1, KILDE_MANGLER: 2}


def _verste_kilde(kilder: pd.Series) -> str:
    return max(kilder, key=_RANG.__getitem__)


def _med_kilde(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["kilde"] = [kilde_for_celle(v, s) for v, s in zip(df[VERDI], df[STATUS])]
    return df


def _summer_over(df: pd.DataFrame, nokler: list[str]) -> pd.DataFrame:
    """Sum cells over the dimensions not in `nokler`; a sum with a missing part is missing."""
    gruppert = df.groupby(nokler, sort=False)
    ut = gruppert.agg(verdi=(VERDI, "sum"), kilde=("kilde", _verste_kilde)).reset_index()
    ut.loc[ut["kilde"] == KILDE_MANGLER, VERDI] = float("nan")
    return ut


def _harmoniser(df: pd.DataFrame, dim: str = "Region") -> pd.DataFrame:
    df = df.copy()
    df["kommunenummer"] = [til_kommunenummer(k) for k in df[dim]]
    return df[df["kommunenummer"].notna()]


def _aar(tid: pd.Series) -> pd.Series:
    return tid.astype(str).str.slice(0, 4).astype(int)


def _som_heltall(verdier: pd.Series) -> pd.Series:
    return verdier.round().astype("Int64")


# ---- the fetches the build calls ---------------------------------------------------------------

BEFOLKNING = "07459"
# 01223 rather than 06913 for population change: 01223 has separate immigration/emigration and
# *domestic* in/out-migration (Innvandring5, Utvandring6, Tilflytting7, Fraflytting8), which is what
# the schema's columns mean; 06913 has neither immigration nor emigration, its in/out-migration
# includes moves abroad, and its ContentsCodes for births/deaths/migration are unverified (§3.2).
# 01223 codes are verified for its twin 01222 and are resolved from metadata (labels as fallback).
# 01223 is year-to-date, so the 4th quarter ("2024K4") is the whole year. It starts in 1997K4.
BEFOLKNINGSENDRING = "01223"
# Only when 01223 is gone (404) or has none of the years asked for: 06913, annual, on the merged
# series agg_KommSummerHist ("K_xxxx"; its "K_Rest" is skipped). Its births, deaths and total
# in/out-migration (moves abroad included) are found by label; immigration stays empty, as in a
# 06913 export from Statistikkbanken (avledning.med_balanser knows this).
BEFOLKNINGSENDRING_RESERVE = "06913"
# 07984 with SysselsatteArb = employed persons by place of work, 4th quarter, 17 SN2007 groups +
# 00-99 (§3.3 conclusion). Kjonn "0" and Alder "15-74" are its totals.
SYSSELSETTING = "07984"

_ENDRING_INNHOLD = {
    "fodte": (["Fodte2", "Levendefodte", "Fodte"], r"^(levende)?f(ø|o)d(d|t)e"),
    "dode": (["Dode3", "Dode", "Dode1"], r"^d(ø|o)de"),
    "innflytting": (["Tilflytting7", "Tilflytting"], r"^innflytting,? innalandsk|^innflytting,? innenlandsk"),
    "utflytting": (["Fraflytting8", "Fraflytting"], r"^utflytting,? innalandsk|^utflytting,? innenlandsk"),
    "innvandring": (["Innvandring5", "Innvandring"], r"^innvandring"),
    "utvandring": (["Utvandring6", "Utvandring"], r"^utvandring"),
}
_ENDRING_FELT = list(_ENDRING_INNHOLD)
_ENDRING_INNHOLD_06913 = {
    "fodte": (["Levendefodte", "Fodte", "Fodde"], r"^levendef(ø|o)dte|^f(ø|o)dde"),
    "dode": (["Dode", "Dode1"], r"^d(ø|o)de"),
    "innflytting": (["Innflytting", "Innflyttinger"], r"^innflyttinger?$"),
    "utflytting": (["Utflytting", "Utflyttinger"], r"^utflyttinger?$"),
}


def _hent_kommuner(klient: SsbKlient, tabell: str, meta: Mapping, utvalg: dict[str, list[str]],
                   totaler: Mapping[str, Sequence[str]], nokler: list[str],
                   fremdrift: Fremdrift) -> pd.DataFrame:
    """Fetch on the merged 2024 series; returns cells with kommunenummer, aar, kilde, summed to `nokler`."""
    kodeliste_id = velg_kommunekodeliste(meta, tabell)
    utvalg = {"Region": kommunekoder(klient, kodeliste_id, fremdrift), **utvalg}
    ekstra, summer = _ovrige_dimensjoner(meta, tabell, set(utvalg), totaler)
    df = klient.hent(tabell, {**utvalg, **ekstra}, codelist={"Region": kodeliste_id}, fremdrift=fremdrift)
    df = _med_kilde(_harmoniser(df))
    df["aar"] = _aar(df["Tid"])
    return _summer_over(df, nokler) if summer else df


def hent_befolkning(klient: SsbKlient, fra_aar: int, til_aar: int,
                    fremdrift: Fremdrift = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """07459, 1 January, both sexes and all ages (SSB sums them by elimination).

    A municipality with 0 inhabitants is marked missing: the merged series puts 0 for municipalities
    that were later split (Heim, Hitra, Orkland, Narvik, Hamarøy before 2020), and for codes that did
    not exist that year (§2.3, §3.1).
    """
    meta = klient.metadata(BEFOLKNING, fremdrift)
    aar = _aar_koder(meta, BEFOLKNING, fra_aar, til_aar)
    innhold = _innholdskoder(meta, BEFOLKNING, {"folkemengde": (["Personer1"], r"^personer")})
    utvalg = {"ContentsCode": [innhold["folkemengde"]], "Tid": aar}

    df = _hent_kommuner(klient, BEFOLKNING, meta, utvalg, {}, ["kommunenummer", "aar"], fremdrift)
    null = df[VERDI] == 0
    df.loc[null, VERDI] = float("nan")
    df.loc[null, "kilde"] = KILDE_MANGLER
    kommuner = pd.DataFrame({"kommunenummer": df["kommunenummer"].astype(str), "aar": df["aar"].astype(int),
                             "folkemengde": _som_heltall(df[VERDI]), "kilde": df["kilde"].astype(str)})
    kommuner = _sorter(kommuner, KOLONNER["befolkning"], ["kommunenummer", "aar"])
    return kommuner, _hent_land(klient, meta, utvalg, fremdrift)


def _hent_land(klient: SsbKlient, meta: Mapping, utvalg: dict[str, list[str]],
               fremdrift: Fremdrift) -> pd.DataFrame:
    """Region 0 (Hele landet) as SSB states it, for validating the municipality sum."""
    utvalg = {"Region": ["0"], **utvalg}
    ekstra, summer = _ovrige_dimensjoner(meta, BEFOLKNING, set(utvalg), {})
    df = _med_kilde(klient.hent(BEFOLKNING, {**utvalg, **ekstra}, fremdrift=fremdrift))
    df["aar"] = _aar(df["Tid"])
    if summer:
        df = _summer_over(df, ["aar"])
    df = df[df[VERDI].notna()]  # the schema's befolkning_land.folkemengde is NOT NULL
    land = pd.DataFrame({"aar": df["aar"].astype(int), "folkemengde": _som_heltall(df[VERDI])})
    return _sorter(land, KOLONNER["befolkning_land"], ["aar"])


def hent_befolkningsendring(klient: SsbKlient, fra_aar: int, til_aar: int,
                            fremdrift: Fremdrift = None) -> pd.DataFrame:
    """01223, whole-year (4th quarter, year to date) births, deaths, migration per municipality;
    06913 (annual, no immigration apart) if 01223 is gone or has none of the years.

    The row's kilde is the worst of its cells. A row whose figures are all 0 is marked missing:
    that is how merged series show municipalities that were later split. The frame's
    `attrs["tabell"]` names the table used.
    """
    try:
        meta = klient.metadata(BEFOLKNINGSENDRING, fremdrift)
        aar = _aar_koder(meta, BEFOLKNINGSENDRING, fra_aar, til_aar, kvartal="K4")
        tabell, innhold_onsket = BEFOLKNINGSENDRING, _ENDRING_INNHOLD
    except IkkeTilgjengelig:
        tabell, innhold_onsket = BEFOLKNINGSENDRING_RESERVE, _ENDRING_INNHOLD_06913
        meta = klient.metadata(tabell, fremdrift)
        aar = _aar_koder(meta, tabell, fra_aar, til_aar)
    innhold = _innholdskoder(meta, tabell, innhold_onsket)
    utvalg = {"ContentsCode": list(innhold.values()), "Tid": aar}
    df = _hent_kommuner(klient, tabell, meta, utvalg, {}, ["kommunenummer", "aar", "ContentsCode"], fremdrift)
    felt_for_kode = {kode: felt for felt, kode in innhold.items()}
    df["felt"] = df["ContentsCode"].map(felt_for_kode)

    bred = df.pivot_table(index=["kommunenummer", "aar"], columns="felt", values=VERDI,
                          aggfunc="first", dropna=False)
    kilde = df.groupby(["kommunenummer", "aar"])["kilde"].agg(_verste_kilde)
    bred = bred.reindex(columns=_ENDRING_FELT)
    alle_null = (bred.fillna(0) == 0).all(axis=1) & bred.notna().any(axis=1)
    bred.loc[alle_null, :] = float("nan")
    kilde[alle_null.reindex(kilde.index)] = KILDE_MANGLER

    ut = bred.reset_index()
    ut.columns.name = None
    for felt in _ENDRING_FELT:
        ut[felt] = _som_heltall(ut[felt])
    ut["kilde"] = kilde.reindex(pd.MultiIndex.from_frame(ut[["kommunenummer", "aar"]])).to_numpy()
    ut["aar"] = ut["aar"].astype(int)
    ut["kommunenummer"] = ut["kommunenummer"].astype(str)
    ut = _sorter(ut, KOLONNER["befolkningsendring"], ["kommunenummer", "aar"])
    ut.attrs["tabell"] = tabell
    return ut


def hent_sysselsetting(klient: SsbKlient, fra_aar: int, til_aar: int,
                       fremdrift: Fremdrift = None) -> pd.DataFrame:
    """07984 SysselsatteArb: employed by place of work, 4th quarter, by SN2007 group incl. 00-99.

    If a municipality's 00-99 total is 0 for a year (a later-split municipality in the merged
    series), all its rows that year are marked missing.
    """
    meta = klient.metadata(SYSSELSETTING, fremdrift)
    aar = _aar_koder(meta, SYSSELSETTING, fra_aar, til_aar)
    innhold = _innholdskoder(meta, SYSSELSETTING, {"sysselsatte": (["SysselsatteArb"], r"arbeidssted")})
    naering_dim = _naeringsdimensjon(meta)
    naeringer = list(kategorier(meta, naering_dim, f"tabell {SYSSELSETTING}"))
    utvalg = {naering_dim: naeringer, "ContentsCode": [innhold["sysselsatte"]], "Tid": aar}
    totaler = {"Kjonn": ["0"], "Alder": ["15-74"]}
    df = _hent_kommuner(klient, SYSSELSETTING, meta, utvalg, totaler,
                        ["kommunenummer", "aar", naering_dim], fremdrift)
    df = df.rename(columns={naering_dim: "naering"})

    total_null = df.loc[(df["naering"] == NAERING_ALLE) & (df[VERDI] == 0), ["kommunenummer", "aar"]]
    tomme = df.set_index(["kommunenummer", "aar"]).index.isin(pd.MultiIndex.from_frame(total_null))
    df.loc[tomme, VERDI] = float("nan")
    df.loc[tomme, "kilde"] = KILDE_MANGLER

    ut = pd.DataFrame({"kommunenummer": df["kommunenummer"].astype(str), "aar": df["aar"].astype(int),
                       "naering": df["naering"].astype(str), "sektor": SEKTOR_ALLE,
                       "sysselsatte": _som_heltall(df[VERDI]), "kilde": df["kilde"].astype(str)})
    return _sorter(ut, KOLONNER["sysselsetting"], ["kommunenummer", "aar", "naering"])


def _naeringsdimensjon(meta: Mapping) -> str:
    for dim in meta.get("id", []):
        if dim.upper().startswith("NACE"):
            return dim
    raise KildeFeil(f"tabell {SYSSELSETTING}", f"Fant ingen næringsvariabel (NACE…) blant {meta.get('id')}.")


# 03321: employed persons 15-74 by municipality of work (ArbstedKomm) x residence (Bokommuen), 4th
# quarter, ContentsCode "Sysselsatte" (third-party v0 and v2 queries, §3.4). Both lists hold every
# historical code, so each year asks only for the codes valid that year (by the label's period):
# ~430 x 430 codes before 2020, 357 x 357 from 2024, well under the cell limit; one request a year.
PENDLING = "03321"
PENDLING_DIMENSJONER = {"arbeidskommune": ("ArbstedKomm", r"arbeidssted"), "bostedskommune": ("Bokommuen", r"bosted")}
# Years fetched by default: the latest available, as many as the bundled snapshot carries (2017-2022).
PENDLING_ANTALL_AAR = 6
GYLDIGHET = re.compile(r"\(\s*(\d{4})?\s*-\s*(\d{4})?\s*\)\s*$")
FIRESIFRET = re.compile(r"^\d{4}$")


def gyldig_i(etikett: str, aar: int) -> bool:
    """Whether a code labelled "Halden (-2019)", "Moss (2020-2023)" or "Oslo" exists in `aar`.

    A label without a period (a current municipality, or SSB writes none) counts as valid: asking
    for a code too many only costs zero cells, one too few loses figures.
    """
    treff = GYLDIGHET.search(str(etikett))
    if not treff:
        return True
    fra, til = treff.groups()
    return (fra is None or int(fra) <= aar) and (til is None or aar <= int(til))


def _dimensjon(meta: Mapping, tabell: str, kode: str, etikett: str) -> str:
    """The dimension id: `kode` (case-insensitive, as SSB accepts), else the first whose label matches."""
    ider = list(meta.get("id", []))
    for dim in ider:
        if dim.lower() == kode.lower():
            return dim
    for dim in ider:
        if re.search(etikett, str((meta["dimension"].get(dim) or {}).get("label", "")), re.IGNORECASE):
            return dim
    raise KildeFeil(f"tabell {tabell}", f"Fant ikke variabelen {kode} blant {ider}.")


def _koder_i_aaret(koder: Mapping[str, str], aar: int, dim: str) -> list[str]:
    """The 4-digit codes valid in `aar` by their labels; all of them if no label fits the year."""
    kommuner = [k for k in koder if FIRESIFRET.match(k)]
    if not kommuner:
        raise KildeFeil(f"tabell {PENDLING}", f"Variabelen {dim} har ingen firesifrede kommunekoder.")
    return [k for k in kommuner if gyldig_i(koder[k], aar)] or kommuner


def hent_pendling(klient: SsbKlient, fra_aar: int | None = None, til_aar: int | None = None,
                  antall_aar: int | None = PENDLING_ANTALL_AAR, fremdrift: Fremdrift = None) -> pd.DataFrame:
    """03321 as the `pendling` frame on the codes valid in each year (the build harmonises them).

    Years: those the table has in [fra_aar, til_aar], the latest `antall_aar` of them (None: all).
    Only cells with a figure other than 0 are kept (the table is a sparse matrix; a null cell has no
    figure and the schema's sysselsatte is NOT NULL). A cell flagged "*" is an estimate.
    """
    meta = klient.metadata(PENDLING, fremdrift)
    aar = _aar_koder(meta, PENDLING, fra_aar or 0, til_aar or 9999)
    if antall_aar is not None:
        aar = aar[-antall_aar:] if antall_aar > 0 else []
    dim = {felt: _dimensjon(meta, PENDLING, kode, etikett) for felt, (kode, etikett) in PENDLING_DIMENSJONER.items()}
    innhold = _innholdskoder(meta, PENDLING, {"sysselsatte": (["Sysselsatte"], r"^sysselsatte")})
    faste = {"ContentsCode": [innhold["sysselsatte"]]}
    ekstra, summer = _ovrige_dimensjoner(meta, PENDLING, set(dim.values()) | {"ContentsCode", "Tid"}, {})
    koder = {felt: kategorier(meta, d, f"tabell {PENDLING}") for felt, d in dim.items()}

    rammer = []
    for tid in aar:
        utvalg = {d: _koder_i_aaret(koder[felt], int(tid[:4]), d) for felt, d in dim.items()}
        df = _med_kilde(klient.hent(PENDLING, {**utvalg, **faste, "Tid": [tid], **ekstra}, fremdrift=fremdrift))
        if summer:
            df = _summer_over(df, [*dim.values(), "Tid"])
        rammer.append(df[df[VERDI].notna() & (df[VERDI] != 0)])  # most cells are 0: drop them at once

    celler = pd.concat(rammer, ignore_index=True) if rammer else pd.DataFrame()
    if celler.empty:
        ut = pd.DataFrame({k: pd.Series(dtype=t) for k, t in
                           zip(KOLONNER["pendling"], ["int64", "object", "object", "Int64", "object"])})
    else:
        ut = pd.DataFrame({"aar": _aar(celler["Tid"]),
                           "bostedskommune": celler[dim["bostedskommune"]].astype(str),
                           "arbeidskommune": celler[dim["arbeidskommune"]].astype(str),
                           "sysselsatte": _som_heltall(celler[VERDI]),
                           "kilde": celler["kilde"].astype(str)})
    ut = _sorter(ut, KOLONNER["pendling"], ["aar", "bostedskommune", "arbeidskommune"])
    ut.attrs["aar"] = [int(t[:4]) for t in aar]
    return ut


def hent_alt(klient: SsbKlient, fra_aar: int, til_aar: int, fremdrift: Fremdrift = None,
             pendling_antall_aar: int | None = PENDLING_ANTALL_AAR) -> dict[str, pd.DataFrame]:
    """Everything the build needs from SSB.

    `fremdrift(tekst)` is called after each answered query (metadata, codelist, each data chunk):
    about 10 queries, plus one per commuting year, with the default limits. Commuting covers the
    latest `pendling_antall_aar` years up to `til_aar` (None: every year from `fra_aar`).
    """
    befolkning, land = hent_befolkning(klient, fra_aar, til_aar, fremdrift)
    return {
        "befolkning": befolkning,
        "befolkning_land": land,
        "befolkningsendring": hent_befolkningsendring(klient, fra_aar, til_aar, fremdrift),
        "sysselsetting": hent_sysselsetting(klient, fra_aar, til_aar, fremdrift),
        "pendling": hent_pendling(klient, fra_aar, til_aar, pendling_antall_aar, fremdrift),
    }


def _sorter(df: pd.DataFrame, kolonner: list[str], etter: list[str]) -> pd.DataFrame:
    return df.reindex(columns=kolonner).sort_values(etter, kind="stable").reset_index(drop=True)
