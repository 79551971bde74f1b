"""One sync's context (the collection, the server's auth, our store and scheduler) and the
sizes it reads and writes in, shared by the pull and push steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from studydeck.anki.model import SchedulerSettings
from studydeck.anki.sync_state import (
    SyncState,
)
from studydeck.schedule import Scheduler
from studydeck.store import Store

CARD_CHUNK = 500
REVLOG_CHUNK = 1000
ARCHIVED_TAG = "studydeck::archived"


@dataclass
class _Run:
    col: Any
    auth: Any
    state: SyncState
    data_dir: Path
    store: Store
    scheduler: Scheduler
    settings: SchedulerSettings
    now: datetime
    tz: tzinfo | None
    progress: Callable[[str], None] | None = None

    def step(self, what: str) -> None:
        if self.progress is not None:
            self.progress(what)
