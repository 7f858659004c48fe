"""Read access: a rebuilt database (replaced file) is picked up by a running app."""
import os

import duckdb

from stadkraft import db


def lag(sti, verdi: str) -> None:
    con = duckdb.connect(str(sti))
    con.execute("CREATE TABLE metadata (noekkel TEXT, verdi TEXT)")
    con.execute("INSERT INTO metadata VALUES ('bygget', ?)", [verdi])
    con.close()


def test_ombygd_database_blir_lest_paa_nytt(tmp_path, bruk_db):
    sti = bruk_db(tmp_path / "stadkraft.duckdb")
    lag(sti, "første")
    assert db.sporring("metadata")["verdi"].tolist() == ["første"]
    assert db.kjor("metadata")["verdi"].tolist() == ["første"]
    # The build writes a new file and replaces the old one in one step.
    lag(tmp_path / "ny.duckdb", "andre")
    os.replace(tmp_path / "ny.duckdb", sti)
    os.utime(sti, (sti.stat().st_atime, sti.stat().st_mtime + 5))  # a later mtime, as a later build has
    assert db.kjor("metadata")["verdi"].tolist() == ["andre"]
    assert db.sporring("metadata")["verdi"].tolist() == ["andre"]
