"""`python -m stadkraft.data build --kilde <mappe|ssb> [--db fil]`: build the statistics database."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..stier import DB_STANDARD, ROT, db_sti
from .feil import KildeFeil, ValideringsFeil


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m stadkraft.data", description="Bygg statistikkdatabasen til Stadkraft.")
    under = p.add_subparsers(dest="kommando", required=True)
    b = under.add_parser("build", help="bygg databasen fra kildene")
    b.add_argument("--kilde", default=os.environ.get("STADKRAFT_KILDE"),
                   help="mappe med kildefiler (som ../shared/data), eller «ssb» for SSBs API (standard: $STADKRAFT_KILDE)")
    b.add_argument("--referanse", help="med --kilde ssb: mappe med kart, sentralitet og kodeendringer")
    b.add_argument("--csv", action="append", default=[], type=Path,
                   help="en CSV eksportert fra Statistikkbanken som skal med (kan gjentas)")
    b.add_argument("--db", type=Path, default=db_sti(),
                   help=f"databasefila som skrives (standard: $STADKRAFT_DB eller {DB_STANDARD.relative_to(ROT)})")
    b.add_argument("--antall-kommuner", type=int, default=357, help="forventet antall kommuner (2024: 357)")
    a = p.parse_args(argv)
    if not a.kilde:
        p.error("oppgi --kilde (en mappe med kildefiler, eller «ssb»), eller sett STADKRAFT_KILDE")

    from tqdm import tqdm

    from .build import STEG_MAPPE, bygg

    start = time.perf_counter()
    # An SSB build adds one step per query, so its total is open.
    with tqdm(total=len(STEG_MAPPE) if a.kilde != "ssb" else None, desc="Bygger", unit="steg",
              file=sys.stderr) as linje:
        def steg(tekst: str) -> None:
            linje.set_postfix_str(tekst)
            linje.update(1)

        try:
            meta = bygg(a.kilde, a.db, referanse=a.referanse, ekstra_csv=a.csv,
                        forventet_antall=a.antall_kommuner, fremdrift=steg)
        except (KildeFeil, ValideringsFeil) as e:
            linje.close()
            print(f"\nBygging feilet: {e}\nDen forrige databasen er beholdt uendret.", file=sys.stderr)
            return 1
    print(f"Bygget {a.db} på {time.perf_counter() - start:.1f} s ({meta['dataens_dato']}).")
    print(f"Landstall: {meta['kontroll_landstall']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
