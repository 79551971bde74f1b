"""Where sync keeps its own state: ``DATA_DIR/anki/`` beside studydeck's private collection.

``sync.json`` (mode 0600, written atomically) holds the login — only Anki's host key and the
endpoint, never the password — and the revlog usn watermark: revlog rows with a higher usn
arrived from the server since the last complete sync and are read as reviews made elsewhere.
Which of studydeck's reviews were pushed is not kept here: it is read from the collection
(a pushed review is a revlog row of that card in the review's second).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from studydeck.errors import StudydeckError

FOLDER = "anki"
COLLECTION = "collection.anki2"
STATE_FILE = "sync.json"
BACKUPS = "backups"
DEFAULT_ENDPOINT = "http://127.0.0.1:8080/"
ANKIWEB = "ankiweb"  # --endpoint ankiweb: Anki's own default server
NO_WATERMARK = -1  # revlog rows with usn -1 are local (ours, not yet sent): never read back


@dataclass(frozen=True, slots=True)
class SyncState:
    hkey: str | None = None
    endpoint: str | None = None  # None: AnkiWeb
    user: str | None = None  # shown by messages only; not needed to sync
    watermark: int = NO_WATERMARK
    # The deck files' hashes at the last complete sync: unchanged, the notes are up to date.
    content: str | None = None
    # Our review log's mark (Store.review_mark) at the last complete sync: the reviews after
    # it are the only ones to push, and their cards the only ones to reschedule.
    reviews: str | None = None

    @property
    def logged_in(self) -> bool:
        return bool(self.hkey)

    @property
    def server(self) -> str:
        return self.endpoint or "AnkiWeb"


def sync_folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def collection_path(data_dir: Path) -> Path:
    return sync_folder(data_dir) / COLLECTION


def state_path(data_dir: Path) -> Path:
    return sync_folder(data_dir) / STATE_FILE


def load_state(data_dir: Path) -> SyncState:
    path = state_path(data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SyncState()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StudydeckError(f"{path}: cannot read sync state ({exc}); log in again") from None
    if not isinstance(raw, dict):
        raise StudydeckError(f"{path}: not a sync state file; log in again")
    watermark = raw.get("watermark", NO_WATERMARK)
    return SyncState(
        hkey=_text(raw.get("hkey")),
        endpoint=_text(raw.get("endpoint")),
        user=_text(raw.get("user")),
        watermark=watermark if isinstance(watermark, int) else NO_WATERMARK,
        content=_text(raw.get("content")),
        reviews=_text(raw.get("reviews")),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def save_state(data_dir: Path, state: SyncState) -> None:
    """Write ``sync.json`` atomically (temp file + rename), readable by the owner only."""
    path = state_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(state), indent=2, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def with_watermark(state: SyncState, watermark: int) -> SyncState:
    return replace(state, watermark=watermark)
