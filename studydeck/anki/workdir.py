"""Scratch folders that a killed process does not leave behind for ever.

A working folder holds a lock (``flock``) for as long as its process runs. Creating one first
removes the folders of the same name pattern whose lock nobody holds: those of processes that
were killed (SIGKILL, power loss) before they could clean up. Where ``flock`` does not exist
(Windows) folders are still removed on normal exit, but leftovers are not swept.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no sweeping of leftovers
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".lock"


@contextmanager
def work_dir(parent: Path, prefix: str) -> Iterator[Path]:
    """A fresh folder ``parent/<prefix><random>``, removed on exit; stale ones swept first."""
    parent = Path(parent)
    sweep(parent, prefix)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    lock = os.open(path / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(lock)


def sweep(parent: Path, prefix: str) -> list[Path]:
    """Remove ``parent/<prefix>*`` folders whose owner is gone; return those removed."""
    if fcntl is None or not parent.is_dir():
        return []
    removed = []
    for path in parent.glob(f"{_glob_escape(prefix)}*"):
        if path.is_dir() and not path.is_symlink() and _abandoned(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _abandoned(path: Path) -> bool:
    try:
        lock = os.open(path / LOCK_NAME, os.O_RDWR)
    except OSError:
        # No lock (yet): a process may be about to take it; an empty folder is left alone.
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a running process holds it
    finally:
        os.close(lock)
    return True


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)
