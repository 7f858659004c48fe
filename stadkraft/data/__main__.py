"""`python -m stadkraft.data build [--kilde <mappe|ssb|snapshot>] [--db fil]`: build the statistics
database; `python -m stadkraft.data snapshot --kilde <mappe>`: write the bundled snapshot."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..stier import DB_STANDARD, ROT, db_sti
from .feil import KildeFeil, ValideringsFeil

KILDE_HJELP = ("mappe med kildefiler (som ../shared/data), «ssb» for SSBs API, eller «snapshot» for "
               "snapshotet som følger med (standard: $STADKRAFT_KILDE, ellers snapshotet)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m stadkraft.data", description="Bygg statistikkdatabasen til Stadkraft.")
    under = p.add_subparsers(dest="kommando", required=True)
    b = under.add_parser("build", help="bygg databasen fra kildene")
    b.add_argument("--kilde", default=os.environ.get("STADKRAFT_KILDE") or None, help=KILDE_HJELP)
    b.add_argument("--referanse", help="med --kilde ssb: mappe med kart, sentralitet og kodeendringer "
                                       "(standard: snapshotet)")
    b.add_argument("--csv", action="append", default=[], type=Path,
                   help="en CSV eksportert fra Statistikkbanken som skal med (kan gjentas)")
    b.add_argument("--db", type=Path, default=db_sti(),
                   help=f"databasefila som skrives (standard: $STADKRAFT_DB eller {DB_STANDARD.relative_to(ROT)})")
    b.add_argument("--antall-kommuner", type=int, default=357, help="forventet antall kommuner (2024: 357)")
    s = under.add_parser("snapshot", help="skriv snapshotet (data/kilder/) fra en kildemappe")
    s.add_argument("--kilde", default=os.environ.get("STADKRAFT_KILDE") or None, required=False,
                   help="mappe med kildefiler (som ../shared/data); standard: $STADKRAFT_KILDE")
    s.add_argument("--til", type=Path, default=None, help="mappa snapshotet skrives til (standard: data/kilder)")
    a = p.parse_args(argv)
    if a.kommando == "snapshot":
        return _snapshot(p, a)
    return _bygg(a)


def _fremdrift(total: int | None):
    from tqdm import tqdm

    linje = tqdm(total=total, desc="Bygger", unit="steg", file=sys.stderr)

    def steg(tekst: str) -> None:
        linje.set_postfix_str(tekst)
        linje.update(1)
    return linje, steg


def _bygg(a) -> int:
    from .build import STEG_MAPPE, STEG_SNAPSHOT, bygg

    start = time.perf_counter()
    # An SSB build adds one step per query, so its total is open.
    total = None if a.kilde == "ssb" else STEG_SNAPSHOT if a.kilde in (None, "snapshot") else STEG_MAPPE
    linje, steg = _fremdrift(None if total is None else len(total))
    with linje:
        try:
            meta = bygg(a.kilde, a.db, referanse=a.referanse, ekstra_csv=a.csv,
                        forventet_antall=a.antall_kommuner, fremdrift=steg)
        except (KildeFeil, ValideringsFeil) as e:
            linje.close()
            print(f"\nBygging feilet: {e}\nDen forrige databasen er beholdt uendret.", file=sys.stderr)
            return 1
    print(f"Bygget {a.db} fra {meta['kilde']} på {time.perf_counter() - start:.1f} s ({meta['dataens_dato']}).")
    print(f"Landstall: {meta['kontroll_landstall']}.")
    return 0


def _snapshot(p, a) -> int:
    from . import snapshot
    from .build import STEG_MAPPE, les_kilde, tabeller

    if not a.kilde or a.kilde in ("ssb", "snapshot"):
        p.error("snapshot trenger --kilde <mappe> (en mappe med kildefiler, som ../shared/data)")
    start = time.perf_counter()
    linje, steg = _fremdrift(len(STEG_MAPPE) - 2)
    with linje:
        try:
            data = les_kilde(a.kilde, fremdrift=steg)
            mappe = a.til or snapshot.MAPPE
            manifest = snapshot.skriv(tabeller(data), mappe, kilde=data.metadata["kilde"].replace(str(ROT.parent), ".."))
        except KildeFeil as e:
            linje.close()
            print(f"\nSnapshot feilet: {e}\nDet forrige snapshotet er beholdt uendret.", file=sys.stderr)
            return 1
    storrelse = sum(f.stat().st_size for f in Path(mappe).iterdir())
    print(f"Skrev {len(manifest['tabeller'])} tabeller til {mappe} ({storrelse / 1e6:.2f} MB) på "
          f"{time.perf_counter() - start:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
