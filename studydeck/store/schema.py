"""The tables and indexes, as migrations: ``MIGRATIONS[n]`` takes schema version n to n + 1.

:mod:`studydeck.store.connection` runs them (with a backup first); the queue pools' conditions
live here because the partial indexes and the queries that use them must spell them alike.
"""

from __future__ import annotations

# The queue's three pools, spelled exactly as the WHERE of their partial indexes (the planner
# uses a partial index only when the query repeats its condition).
QUEUE_POOLS = {
    "learning": "state IN (1, 3) AND archived = 0 AND suspended = 0",
    "review": "state = 2 AND archived = 0 AND suspended = 0",
    "new": "state = 0 AND archived = 0 AND suspended = 0",
}
_POOL_COLUMNS = "state, archived, suspended"


def _state_ddl(prefix: str) -> str:
    return (
        f"{prefix}state INTEGER NOT NULL, {prefix}step INTEGER, {prefix}stability REAL, "
        f"{prefix}difficulty REAL, {prefix}due INTEGER, {prefix}last_review INTEGER, "
        f"{prefix}reps INTEGER NOT NULL, {prefix}lapses INTEGER NOT NULL, "
        f"{prefix}suspended INTEGER NOT NULL, {prefix}leech INTEGER NOT NULL"
    )


# MIGRATIONS[n] takes a database from schema version n to n + 1.
MIGRATIONS: list[str] = [
    f"""
    CREATE TABLE deck_files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        deck TEXT,              -- deck name of the last clean parse
        error TEXT,             -- the problems, one per line, when the file cannot be used
        retry INTEGER NOT NULL DEFAULT 0  -- re-check even if unchanged (clash with another deck)
    );
    CREATE TABLE cards (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        deck TEXT NOT NULL,
        position INTEGER NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        kind TEXT NOT NULL,
        tags TEXT NOT NULL,     -- JSON list
        context TEXT NOT NULL,
        source_line INTEGER,
        url TEXT,
        buried_until INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        state INTEGER NOT NULL DEFAULT 0, step INTEGER, stability REAL, difficulty REAL,
        due INTEGER, last_review INTEGER,
        reps INTEGER NOT NULL DEFAULT 0, lapses INTEGER NOT NULL DEFAULT 0,
        suspended INTEGER NOT NULL DEFAULT 0, leech INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX cards_due ON cards(due);
    CREATE INDEX cards_queue ON cards(state, due);
    CREATE INDEX cards_deck ON cards(deck, archived, suspended, due);  -- covers status counts
    CREATE INDEX cards_new_order ON cards(deck, position) WHERE state = 0;
    CREATE INDEX cards_siblings ON cards(deck, source_line);
    CREATE TABLE review_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        card INTEGER NOT NULL REFERENCES cards(num),
        reviewed_at INTEGER NOT NULL,
        rating INTEGER NOT NULL,
        duration_ms INTEGER,
        {_state_ddl("before_")},
        {_state_ddl("after_")},
        buried TEXT NOT NULL DEFAULT '{{}}'
    );
    CREATE INDEX review_log_card ON review_log(card, id);
    CREATE INDEX review_log_time ON review_log(reviewed_at);
    """,
    # 1 → 2: one partial covering index per queue pool, matching its query (learning by due,
    # reviews by deck then due, new by deck then position); the card count of each deck.
    # The pool's own columns are repeated at the end: SQLite before 3.4x does not count a
    # partial index's WHERE columns as covered.
    f"""
    DROP INDEX cards_queue;
    DROP INDEX cards_new_order;
    CREATE INDEX cards_learning ON cards(due, deck, buried_until, {_POOL_COLUMNS})
        WHERE {QUEUE_POOLS["learning"]};
    CREATE INDEX cards_review ON cards(deck, due, buried_until, {_POOL_COLUMNS})
        WHERE {QUEUE_POOLS["review"]};
    CREATE INDEX cards_new ON cards(deck, position, buried_until, {_POOL_COLUMNS})
        WHERE {QUEUE_POOLS["new"]};
    ALTER TABLE deck_files ADD COLUMN cards INTEGER NOT NULL DEFAULT 0;
    UPDATE deck_files SET cards =
        (SELECT count(*) FROM cards c WHERE c.deck = deck_files.deck AND c.archived = 0);
    """,
    # 2 → 3: stats read the log by time with the columns they count (rating, the state and
    # interval before, the card for a deck): covered, the scan of 200k reviews in 90 days never
    # visits the table (0.57 s → 0.2 s at 1M log rows).
    """
    CREATE INDEX review_log_stats
        ON review_log(reviewed_at, rating, before_state, before_due, before_last_review, card);
    """,
    # 3 → 4: an answer writes a page of every index over a column it sets or appends (~13 WAL
    # pages per commit). review_log_stats leads with reviewed_at, so review_log_time only
    # repeated it; cards_due lost its last query to the pool indexes and cards_deck. −3 pages.
    """
    DROP INDEX review_log_time;
    DROP INDEX cards_due;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
