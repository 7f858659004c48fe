"""python -m stadkraft.kunnskapsgrunnlag --kommune 5014 -o froya.pdf  (or --region regionraad-hallingdal,
or --region egen --kommuner 3320,3322 --navn "Mitt utvalg"); writes the PDF and, beside it, the ZIP."""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path


def _koder(tekst: str | None) -> list[str] | None:
    return None if tekst is None else [k.strip() for k in tekst.split(",") if k.strip()]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m stadkraft.kunnskapsgrunnlag",
                                description="Lag et kunnskapsgrunnlag (PDF og ZIP med figurer og tabeller).")
    hvem = p.add_mutually_exclusive_group(required=True)
    hvem.add_argument("--kommune", help="kommunenummer (2024), f.eks. 5014")
    hvem.add_argument("--region", help="f.eks. regionraad-hallingdal, fylke-50, ba-018 eller egen")
    p.add_argument("--kommuner", help="egen gruppe: kommunenumre med komma")
    p.add_argument("--navn", help="egen gruppe: navnet")
    p.add_argument("--fra", type=int)
    p.add_argument("--til", type=int)
    p.add_argument("--liknende", help="egen liste over liknende kommuner (kommunenumre med komma)")
    p.add_argument("--sammenlign", help="kommuner som legges til i figurene (kommunenumre med komma)")
    p.add_argument("-o", "--ut", required=True, help="PDF-filen som skal skrives")
    p.add_argument("--uten-zip", action="store_true", help="bare PDF")
    a = p.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # no runtime warnings outside the app

    from stadkraft import db
    from stadkraft import region as regioner

    from . import lag_pakke
    try:
        region = None
        if a.region:
            region = regioner.fra_nokkel(db.kjor("region_kommuner"), a.region, a.kommuner, a.navn)
            if region is None:
                print(f"Ukjent region «{a.region}» (eller en egen gruppe uten kjente kommuner).", file=sys.stderr)
                return 2
        start = time.perf_counter()
        pdf, zip_, grunnlag = lag_pakke(kommune=a.kommune, region=region, fra=a.fra, til=a.til,
                                        med_zip=not a.uten_zip, liknende=_koder(a.liknende),
                                        sammenlign=_koder(a.sammenlign))
    except (db.DatabaseMangler, ValueError) as feil:
        print(feil, file=sys.stderr)
        return 2
    ut = Path(a.ut)
    ut.write_bytes(pdf)
    melding = f"Skrev {ut} ({len(pdf) // 1024} kB, {len(grunnlag.figurer)} figurer, {len(grunnlag.tabeller)} tabeller)"
    if zip_ is not None:
        ut.with_suffix(".zip").write_bytes(zip_)
        melding += f" og {ut.with_suffix('.zip')}"
    print(f"{melding} på {time.perf_counter() - start:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
