"""Where studydeck keeps things, and the one way it writes files (atomically)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from studydeck.errors import StudydeckError

APP_NAME = "studydeck"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``$STUDYDECK_DATA_DIR``, else the platform's user data dir."""
    chosen = override or os.environ.get("STUDYDECK_DATA_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs  # ~4 ms: only when no folder is named

    return Path(platformdirs.user_data_dir(APP_NAME))


def decks_dir(override: str | os.PathLike[str] | None = None, data: Path | None = None) -> Path:
    """``--decks``, else ``$STUDYDECK_DECKS``, else ``./decks`` if present, else data/decks."""
    chosen = override or os.environ.get("STUDYDECK_DECKS")
    if chosen:
        return Path(chosen)
    local = Path("decks")
    if local.is_dir():
        return local
    return (data or data_dir()) / "decks"


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """``--config``, else ``$STUDYDECK_CONFIG``, else ``config.toml`` in the user config dir."""
    chosen = override or os.environ.get("STUDYDECK_CONFIG")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def check_writable_file(path: Path) -> Path:
    """``path`` as a file to (over)write: a one-line error if it names a folder."""
    path = Path(path)
    if path.is_dir():
        raise StudydeckError(f"{path}: is a folder; give a file name to write")
    return path


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it; set straight back
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a torn one.

    The file gets the mode a plain ``open()`` would give it (0666 minus the umask), or keeps
    the mode of the file it replaces; ``mkstemp`` alone would leave it private (0600).
    """
    path = check_writable_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    import tempfile  # with shutil, random, bz2, lzma: ~5 ms that reading commands never need

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def deck_files(folder: Path) -> list[Path]:
    """The deck files in a folder and its subfolders (``build DIR`` writes deck
    ``papers/x`` to ``papers/x.yaml``), in path order; hidden files and folders are skipped
    and symlinked folders not followed. Here, not in ``deck``, so that finding them does not
    import the YAML loader."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root)
        found += [
            base / name
            for name in files
            if name.endswith((".yaml", ".yml")) and not name.startswith(".")
        ]
    return sorted(p for p in found if p.is_file())
