"""JSON-stat 2.0 dataset -> one row per cell.

SSB's PxWebApi v2 answers with a JSON-stat 2.0 `dataset`: `id` (dimension order = stride order),
`size`, `dimension.<id>.category.index` (object code->position, or an array of codes),
`value` (flat row-major array, or a sparse object) and `status` (object index->symbol; JSON-stat
also allows a string or an array). See ssb_api_reference.md §2.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from stadkraft.data.feil import KildeFeil

VERDI = "verdi"
STATUS = "status"
TEKST_SUFFIKS = "_tekst"


def til_dataframe(doc: dict, kilde: str = "JSON-stat") -> pd.DataFrame:
    """One row per cell: a code column per dimension, `<dim>_tekst` labels, `verdi`, `status`.

    `kilde` names the URL or file in error messages.
    """
    if not isinstance(doc, Mapping):
        raise KildeFeil(kilde, "Svaret er ikke et JSON-objekt; forventet et JSON-stat 2.0-datasett.")
    if doc.get("class", "dataset") != "dataset":
        raise KildeFeil(kilde, f"Forventet JSON-stat-klassen «dataset», fikk «{doc.get('class')}».")
    ider, storrelser = _ider_og_storrelser(doc, kilde)
    kategorier = [_kategorier(doc["dimension"], d, n, kilde) for d, n in zip(ider, storrelser)]
    antall = math.prod(storrelser)
    verdier = _verdier(doc.get("value"), antall, kilde)
    status = _status(doc.get("status"), antall, kilde)

    kolonner: dict[str, object] = {}
    for pos, (dim, (koder, tekster)) in enumerate(zip(ider, kategorier)):
        # Row-major: dimension `pos` repeats each code `inner` times, the block `outer` times.
        inner = math.prod(storrelser[pos + 1:])
        outer = math.prod(storrelser[:pos])
        indeks = np.tile(np.repeat(np.arange(len(koder)), inner), outer)
        kolonner[dim] = np.asarray(koder, dtype=object)[indeks] if antall else []
        kolonner[dim + TEKST_SUFFIKS] = np.asarray(tekster, dtype=object)[indeks] if antall else []
    kolonner[VERDI] = verdier
    kolonner[STATUS] = pd.Series(status, dtype=object)  # keep None; pandas 3 would make a str column with NaN
    df = pd.DataFrame(kolonner)
    return df


def _ider_og_storrelser(doc: Mapping, kilde: str) -> tuple[list[str], list[int]]:
    ider, storrelser, dimensjoner = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not isinstance(ider, list) or not all(isinstance(d, str) for d in ider):
        raise KildeFeil(kilde, "JSON-stat-datasettet mangler «id» (liste med dimensjonsnavn).")
    if not isinstance(storrelser, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in storrelser):
        raise KildeFeil(kilde, "JSON-stat-datasettet mangler «size» (liste med ikke-negative heltall).")
    if len(ider) != len(storrelser):
        raise KildeFeil(kilde, f"«id» har {len(ider)} dimensjoner, men «size» har {len(storrelser)}.")
    if len(set(ider)) != len(ider):
        raise KildeFeil(kilde, f"«id» har samme dimensjon flere ganger: {ider}.")
    if not isinstance(dimensjoner, Mapping):
        raise KildeFeil(kilde, "JSON-stat-datasettet mangler «dimension».")
    mangler = [d for d in ider if d not in dimensjoner]
    if mangler:
        raise KildeFeil(kilde, f"Dimensjonene {mangler} står i «id», men ikke i «dimension».")
    reserverte = {VERDI, STATUS} | {d + TEKST_SUFFIKS for d in ider}
    if reserverte & set(ider):
        raise KildeFeil(kilde, f"Dimensjonsnavnet {sorted(reserverte & set(ider))} kolliderer med en kolonne.")
    return ider, storrelser


def _kategorier(dimensjoner: Mapping, dim: str, storrelse: int | None, kilde: str,
                sjekk_storrelse: bool = True) -> tuple[list[str], list[str]]:
    """Codes in position order, with labels. Position follows the index VALUE, never key order."""
    dimensjon = dimensjoner[dim]
    kategori = dimensjon.get("category") if isinstance(dimensjon, Mapping) else None
    if not isinstance(kategori, Mapping):
        raise KildeFeil(kilde, f"Dimensjonen «{dim}» mangler «category».")
    indeks, etiketter = kategori.get("index"), kategori.get("label") or {}
    if not isinstance(etiketter, Mapping):
        raise KildeFeil(kilde, f"«category.label» i dimensjonen «{dim}» er ikke et objekt.")
    if indeks is None:
        # Allowed for a single-category dimension: the code comes from `label`.
        koder = list(etiketter)
    elif isinstance(indeks, list):
        koder = [str(k) for k in indeks]
    elif isinstance(indeks, Mapping):
        koder = _koder_fra_indeksobjekt(indeks, dim, kilde)
    else:
        raise KildeFeil(kilde, f"«category.index» i dimensjonen «{dim}» er verken liste eller objekt.")
    if sjekk_storrelse and len(koder) != storrelse:
        raise KildeFeil(kilde, f"Dimensjonen «{dim}» har {len(koder)} kategorier, men «size» sier {storrelse}.")
    if len(set(koder)) != len(koder):
        raise KildeFeil(kilde, f"Dimensjonen «{dim}» har samme kode flere ganger.")
    return koder, [str(etiketter.get(k, k)) for k in koder]


def _koder_fra_indeksobjekt(indeks: Mapping, dim: str, kilde: str) -> list[str]:
    posisjoner = list(indeks.values())
    if sorted(posisjoner) != list(range(len(posisjoner))) or any(isinstance(p, bool) for p in posisjoner):
        raise KildeFeil(kilde, f"«category.index» i dimensjonen «{dim}» er ikke posisjonene 0..n-1.")
    return [str(k) for k, _ in sorted(indeks.items(), key=lambda kv: kv[1])]


def _verdier(verdi: object, antall: int, kilde: str) -> np.ndarray:
    if verdi is None:
        raise KildeFeil(kilde, "JSON-stat-datasettet mangler «value» (er dette metadata og ikke data?).")
    ut = np.full(antall, np.nan, dtype="float64")
    if isinstance(verdi, list):
        if len(verdi) != antall:
            raise KildeFeil(kilde, f"«value» har {len(verdi)} tall, men produktet av «size» er {antall}.")
        elementer = enumerate(verdi)
    elif isinstance(verdi, Mapping):
        elementer = ((_flatindeks(k, antall, "value", kilde), v) for k, v in verdi.items())
    else:
        raise KildeFeil(kilde, "«value» er verken liste eller objekt.")
    for i, v in elementer:
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise KildeFeil(kilde, f"«value»[{i}] er ikke et tall: {v!r}.")
        ut[i] = float(v)
    return ut


def _status(status: object, antall: int, kilde: str) -> list[str | None]:
    if status is None:
        return [None] * antall
    if isinstance(status, str):  # one symbol for every cell
        return [status] * antall
    if isinstance(status, list):
        if len(status) == 1:
            return [status[0]] * antall
        if len(status) != antall:
            raise KildeFeil(kilde, f"«status» har {len(status)} elementer, men datasettet har {antall} celler.")
        return [None if s is None else str(s) for s in status]
    if isinstance(status, Mapping):
        ut: list[str | None] = [None] * antall
        for k, s in status.items():
            ut[_flatindeks(k, antall, "status", kilde)] = None if s is None else str(s)
        return ut
    raise KildeFeil(kilde, "«status» er verken tekst, liste eller objekt.")


def _flatindeks(nokkel: object, antall: int, felt: str, kilde: str) -> int:
    try:
        i = int(str(nokkel))
    except ValueError:
        raise KildeFeil(kilde, f"«{felt}» har nøkkelen {nokkel!r}, som ikke er en celleposisjon.") from None
    if not 0 <= i < antall:
        raise KildeFeil(kilde, f"«{felt}» har posisjon {i}, utenfor 0..{antall - 1}.")
    return i


def kategorier(doc: Mapping, dim: str, kilde: str = "JSON-stat") -> dict[str, str]:
    """Code -> label for one dimension, in position order (works on metadata, which has no values)."""
    dimensjoner = doc.get("dimension") if isinstance(doc, Mapping) else None
    if not isinstance(dimensjoner, Mapping) or dim not in dimensjoner:
        raise KildeFeil(kilde, f"Tabellen har ingen dimensjon «{dim}».")
    ider, storrelser = doc.get("id") or [], doc.get("size") or []
    storrelse = storrelser[ider.index(dim)] if dim in ider and len(storrelser) == len(ider) else None
    koder, tekster = _kategorier(dimensjoner, dim, storrelse, kilde, sjekk_storrelse=storrelse is not None)
    return dict(zip(koder, tekster))
