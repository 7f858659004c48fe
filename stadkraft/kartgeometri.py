"""The map's geometry files for the database in use: made once per database (a rebuilt database
gets a new version), read by the server's route and addressed by the pages' maps."""
from __future__ import annotations

import functools

from . import db
from .diagram import kart
from .stier import db_sti


@functools.lru_cache(maxsize=2)
def _filer(sti: str, endret: float) -> kart.Geometrifiler:
    return kart.geometrifiler(db.kjor("kommunegrenser"), db.kjor("fylkesgrenser"))


def filer() -> kart.Geometrifiler:
    """Raises `db.DatabaseMangler` before the database is built."""
    sti = db_sti()
    db.tilkobling()  # (says what to do when the database is missing)
    return _filer(str(sti), sti.stat().st_mtime)


def adresser() -> dict[str, str]:
    return filer().adresser()
