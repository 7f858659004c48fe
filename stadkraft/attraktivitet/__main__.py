"""`python -m stadkraft.attraktivitet --fra 2007 --til 2017`: the period's table for all 357 municipalities
as CSV on stdout (the page's download: semicolons, decimal comma, UTF-8 with BOM)."""
from __future__ import annotations

import argparse
import logging
import sys


def main(argv: list[str] | None = None) -> int:
    # Outside the app the query cache says, on import, that it has no runtime; that is expected here.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True
    from stadkraft.attraktivitet import modell, periode, tabell
    from stadkraft.stier import db_sti

    p = argparse.ArgumentParser(prog="python -m stadkraft.attraktivitet",
                                description="Attraktivitet per kommune for en periode (1. januar fra til 1. januar til).")
    p.add_argument("--fra", type=int, required=True)
    p.add_argument("--til", type=int, required=True)
    p.add_argument("--db", help="statistikkdatabasen (standard: $STADKRAFT_DB eller data/stadkraft.duckdb)")
    a = p.parse_args(argv)
    if a.db:
        import os
        os.environ["STADKRAFT_DB"] = a.db
    if not db_sti().exists():
        print(f"Fant ikke statistikkdatabasen {db_sti()}; bygg den med python -m stadkraft.data build.", file=sys.stderr)
        return 2
    m = modell.for_database()
    if not m.aar:
        print("Databasen har ikke tallene modellen trenger (private arbeidsplasser og befolkningsendringer).",
              file=sys.stderr)
        return 2
    forste, siste = m.aar[0], m.aar[-1] + 1
    if a.fra >= a.til:
        print(f"--fra ({a.fra}) må ligge før --til ({a.til}).", file=sys.stderr)
        return 2
    # The page's note on a period outside the data, without its Markdown.
    if melding := periode.utenfor_tekst(a.fra, a.til, forste, siste, m.dekning, dokumentene=False):
        print(melding.replace("**", ""), file=sys.stderr)
        return 2
    sys.stdout.buffer.write(tabell.csv_bytes(periode.periodetabell(m.aarlig, m.kommuner, a.fra, a.til)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
