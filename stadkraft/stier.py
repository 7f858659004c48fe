"""Where things live: the project root and the statistics database's default place."""
import os
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
DB_STANDARD = ROT / "data" / "stadkraft.duckdb"


def db_sti() -> Path:
    """`STADKRAFT_DB` when set, else `data/stadkraft.duckdb`."""
    return Path(os.environ.get("STADKRAFT_DB") or DB_STANDARD)
