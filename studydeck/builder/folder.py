"""``studydeck build DIR``: every note under a folder tree, rebuilt only when it changed.

**Notes.** Every ``*.md`` / ``*.markdown`` file under DIR, skipping hidden files and folders
(``.obsidian/``, ``.git/``, ``.trash/``…) and tool folders (``node_modules/``, ``__pycache__/``,
virtualenvs). Symlinked folders are not followed. The deck name is the note's path from DIR
without its suffix, with ``/`` (``papers/toolformer``); its deck file mirrors that path in the
deck folder (``DECKS/papers/toolformer.yaml``), which every command reads (the deck folder is
read with its subfolders, see :func:`studydeck.paths.deck_files`).

**The build cache** is ``DECKS/.studydeck-build.json``, beside the decks it describes (so it
goes wherever ``-o`` writes, and travels or vanishes with them). Per deck file it keeps the
note's path, size, mtime and sha256, the deck file's size and mtime as written, and the
builder's fingerprint. A note is skipped when its text is unchanged (same size and mtime, or
same hash), its deck file is the one this cache wrote, and the fingerprint is the same: a hash
of the source of every module under ``studydeck/builder/`` and ``studydeck/notes/`` plus the
loader and text modules, the versions of the libraries the builder reads text with, and the
build options. Changing a rule, upgrading markdown-it or passing ``--with metadata`` rebuilds
everything; editing one note rebuilds one deck.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_NAME = ".studydeck-build.json"
CACHE_FORMAT = 1
NOTE_SUFFIXES = (".md", ".markdown")
SKIPPED_FOLDERS = frozenset(
    {"node_modules", "__pycache__", "venv", "env", "site-packages", "_site", "vendor"}
)
# What a deck's content depends on besides the note: these sources, these libraries.
_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCES = ("builder", "notes", "deck.py", "deck_fast.py", "text.py", "mathtext.py")
_LIBRARIES = (
    "markdown-it-py", "mdit-py-plugins", "ftfy", "flatlatex", "rapidfuzz", "wordfreq", "pyyaml",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FolderNote:
    path: Path  # the note file
    name: str  # the deck name: its path from the folder, without suffix ("papers/toolformer")

    def target(self, out_dir: Path) -> Path:
        return out_dir.joinpath(*self.name.split("/")).with_name(
            self.name.rsplit("/", 1)[-1] + ".yaml"
        )


def folder_notes(folder: Path) -> list[FolderNote]:
    """The notes under ``folder``, in path order (hidden and tool folders skipped)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        for file in sorted(files):
            if file.startswith(".") or not file.lower().endswith(NOTE_SUFFIXES):
                continue
            path = Path(root, file)
            relative = path.relative_to(folder).with_suffix("")
            found.append(FolderNote(path, relative.as_posix()))
    return found


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS or name.endswith(".egg-info")


@lru_cache(maxsize=4)
def fingerprint(options: tuple[str, ...] = ()) -> str:
    """The builder's version: a change to any rule, the loader, a text library or an option
    gives another fingerprint (so the cache never serves a deck the builder would not make)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{options}".encode())
    for name in _SOURCES:
        base = _PACKAGE / name
        files = sorted(base.rglob("*.py")) if base.is_dir() else [base]
        for file in files:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    versions = _installed_versions()
    for library in _LIBRARIES:
        digest.update(f"{library}={versions.get(_normal(library), '-')}\0".encode())
    return digest.hexdigest()[:32]


def _installed_versions() -> dict[str, str]:
    """Distribution name → version, from the ``*.dist-info`` folders on ``sys.path`` (what
    ``importlib.metadata`` reads, without its ~10 ms per lookup)."""
    import sys

    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and "-" in name:
                dist, _, version = name[: -len(".dist-info")].rpartition("-")
                found.setdefault(_normal(dist), version)
    return found


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


class BuildCache:
    """The cache file of one deck folder (see the module docstring)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / CACHE_NAME
        self.entries: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: everything is built, and the cache rewritten
        if isinstance(data, dict) and data.get("format") == CACHE_FORMAT:
            entries = data.get("decks")
            if isinstance(entries, dict):
                self.entries = {k: v for k, v in entries.items() if isinstance(v, dict)}

    def fresh(self, note: Path, target: Path, builder: str) -> bool:
        """Whether ``target`` is what a build of ``note`` would write now."""
        entry = self.entries.get(self._name(target))
        if not entry or entry.get("builder") != builder or entry.get("note") != _key(note):
            return False
        try:
            deck_stat, note_stat = target.stat(), note.stat()
        except OSError:
            return False
        if [deck_stat.st_size, deck_stat.st_mtime_ns] != entry.get("deck_stat"):
            return False  # edited, replaced or rewritten by someone else
        if [note_stat.st_size, note_stat.st_mtime_ns] == entry.get("note_stat"):
            return True
        try:  # touched, or copied with a new mtime: the text decides
            same = hashlib.sha256(note.read_bytes()).hexdigest() == entry.get("note_sha256")
        except OSError:
            return False
        if same:
            entry["note_stat"] = [note_stat.st_size, note_stat.st_mtime_ns]
        return same

    def record(self, note: Path, seen: os.stat_result, sha256: str, target: Path, builder: str):
        """Remember that ``target`` was just written from ``note``, as it was when ``seen``
        (its stat, taken before it was read) and read with hash ``sha256``."""
        try:
            deck_stat = target.stat()
        except OSError:
            self.entries.pop(self._name(target), None)
            return
        self.entries[self._name(target)] = {
            "note": _key(note),
            "note_stat": [seen.st_size, seen.st_mtime_ns],
            "note_sha256": sha256,
            "deck_stat": [deck_stat.st_size, deck_stat.st_mtime_ns],
            "builder": builder,
        }

    def _name(self, target: Path) -> str:
        """A deck file's key: its path in the deck folder (``papers/toolformer.yaml``)."""
        return Path(os.path.relpath(target, self.out_dir)).as_posix()

    def gone(self) -> list[tuple[Path, str]]:
        """(deck file, note) of cached decks whose note no longer exists."""
        return [
            (self.out_dir / target, entry["note"])
            for target, entry in self.entries.items()
            if isinstance(entry.get("note"), str) and not os.path.exists(entry["note"])
        ]

    def save(self) -> None:
        from studydeck.paths import atomic_write_text

        data = {"format": CACHE_FORMAT, "decks": dict(sorted(self.entries.items()))}
        with contextlib.suppress(OSError):  # unwritable: the next build is a full one, no more
            atomic_write_text(self.path, json.dumps(data, indent=1) + "\n")


def _key(note: Path) -> str:
    return str(Path(os.path.abspath(note)))
