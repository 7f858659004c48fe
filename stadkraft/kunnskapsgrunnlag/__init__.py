"""Kunnskapsgrunnlag: a knowledge base for a municipality's community plan, or a region's, in one click.

`innhold.lag` gathers the sections (key figures, population and its components, employment, the
restructuring screen, attractiveness, neighbours/similar/region, a map, earlier workshop results, sources
and method); `pdf.skriv` lays them out; `pakke.zip_bytes` packs every figure and table. `lag_pakke` does all
three. Command: `python -m stadkraft.kunnskapsgrunnlag --kommune 5014 -o froya.pdf`.
"""
from __future__ import annotations


def lag_pakke(kommune: str | None = None, region=None, fra: int | None = None, til: int | None = None,
              med_zip: bool = True, kjor=None, liknende: list[str] | None = None,
              sammenlign: list[str] | None = None) -> tuple[bytes, bytes | None, object]:
    """(PDF, ZIP or None, the Grunnlag) for a municipality or a region (`stadkraft.region.Region`), for the
    period and comparison lists the user chose (see `innhold.lag`)."""
    from stadkraft import db

    from . import innhold, pakke, pdf
    grunnlag = innhold.lag(kommune=kommune, region=region, fra=fra, til=til, kjor=kjor or db.kjor,
                           liknende=liknende, sammenlign=sammenlign)
    svg = pdf.svg_for(grunnlag)
    dokument = pdf.skriv(grunnlag, svg)
    return dokument, (pakke.zip_bytes(grunnlag, svg, dokument) if med_zip else None), grunnlag
