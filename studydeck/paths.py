"""Where studydeck keeps things, and the one way it writes files (atomically)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "studydeck"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``$STUDYDECK_DATA_DIR``, else the platform's user data dir."""
    chosen = override or os.environ.get("STUDYDECK_DATA_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME))


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
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a torn one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def deck_files(folder: Path) -> list[Path]:
    """The deck files in a folder, sorted by name (here, not in ``deck``, so that finding them
    does not import the YAML loader)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
