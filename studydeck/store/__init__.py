"""Review state: one SQLite file with cards, their FSRS state, the review log and a deck cache.

A small Python API (sqlite-utils style); commands and the session are thin layers over it.
Times are epoch seconds (UTC). Everything that writes runs inside :meth:`Store.write`, one
``BEGIN IMMEDIATE`` transaction, so a review is on disk before anyone is told it was recorded.

One module per concern, each a part of :class:`Store`:

- :mod:`.connection` — the connection factory, migrations, transactions (``write``, ``expecting``)
- :mod:`.schema` — the tables and indexes, as migrations
- :mod:`.records` — the immutable records rows become (``CardState``, ``StoredCard``, ``Review``…)
- :mod:`.deck_cache` — deck files parsed once, kept by hash; ``sync_decks``
- :mod:`.cards` — cards and their state: read, set state, suspend, bury
- :mod:`.due` — the due queue's queries (policy lives in :mod:`studydeck.queue`)
- :mod:`.review_log` — the append-only review log
- :mod:`.sync_marks` — what Anki sync asks: review keys and marks of what changed
"""

from __future__ import annotations

from studydeck.store.cards import Cards
from studydeck.store.connection import (
    BUSY_TIMEOUT_MS,
    DB_NAME,
    IDLE_CHECKPOINT_COMMITS,
    WAL_AUTOCHECKPOINT_PAGES,
    Connection,
    connect,
    folder_writable,
)
from studydeck.store.deck_cache import DeckCache
from studydeck.store.due import DueQueue
from studydeck.store.records import (
    _CARD_COLUMNS,
    _LOG_COLUMNS,
    _LOG_STATE_COLUMNS,
    _STATE_COLUMNS,
    LEARNING,
    NEW,
    RELEARNING,
    RESET,
    REVIEW,
    STATE_FIELDS,
    CardState,
    Review,
    StoredCard,
    SyncReport,
    Today,
    from_epoch,
    to_epoch,
)
from studydeck.store.review_log import ReviewLog
from studydeck.store.schema import MIGRATIONS, QUEUE_POOLS, SCHEMA_VERSION
from studydeck.store.sync_marks import SyncMarks


class Store(Connection, DeckCache, Cards, DueQueue, ReviewLog, SyncMarks):
    """Review state in ``<data dir>/studydeck.db``. Open with :meth:`open`; close when done."""


__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_NAME",
    "IDLE_CHECKPOINT_COMMITS",
    "LEARNING",
    "MIGRATIONS",
    "NEW",
    "QUEUE_POOLS",
    "RELEARNING",
    "RESET",
    "REVIEW",
    "SCHEMA_VERSION",
    "STATE_FIELDS",
    "WAL_AUTOCHECKPOINT_PAGES",
    "_CARD_COLUMNS",
    "_LOG_COLUMNS",
    "_LOG_STATE_COLUMNS",
    "_STATE_COLUMNS",
    "CardState",
    "Review",
    "Store",
    "StoredCard",
    "SyncReport",
    "Today",
    "connect",
    "folder_writable",
    "from_epoch",
    "to_epoch",
]
