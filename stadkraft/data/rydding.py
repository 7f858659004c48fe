"""What a killed build leaves behind: `<navn>.ny-<pid>` (a half-written database or snapshot folder,
with its `.wal`) and `<navn>.gammel-<pid>` (the previous snapshot, moved aside for a moment).

A build writes beside its target under its own process id and renames when done (atomic). If
the process is killed (kill -9, out of memory, power) in between, nothing removes those files.
The next build calls `rydd_etterlatte(target)`: the files of processes that no longer run are
removed, those of a build still running are left alone, and a previous snapshot that was moved
aside and never replaced is put back first.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

_MERKE = re.compile(r"\.(ny|gammel)-(\d+)(\.wal)?$")


def prosess_lever(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it runs
        return True
    except OSError:
        return False
    return True


def _fjern(sti: Path) -> None:
    if sti.is_dir() and not sti.is_symlink():
        shutil.rmtree(sti, ignore_errors=True)
    else:
        sti.unlink(missing_ok=True)


def rydd_etterlatte(maal: Path) -> list[Path]:
    """Remove what killed builds of `maal` left beside it; return what was removed."""
    maal = Path(maal)
    if not maal.parent.is_dir():
        return []
    rester = []
    for sti in maal.parent.iterdir():
        if not sti.name.startswith(maal.name + "."):
            continue
        treff = _MERKE.fullmatch(sti.name[len(maal.name):])
        if treff and not prosess_lever(int(treff.group(2))):
            rester.append((treff.group(1), sti))
    # A snapshot folder moved aside by a build killed before it put the new one in place.
    if not maal.exists():
        for art, sti in rester:
            if art == "gammel" and sti.is_dir():
                sti.rename(maal)
                rester.remove((art, sti))
                break
    fjernet = []
    for _, sti in rester:
        _fjern(sti)
        fjernet.append(sti)
    return fjernet
