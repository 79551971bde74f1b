"""Review state: one SQLite file with cards, their FSRS state, the review log and a deck cache.

A small Python API (sqlite-utils style); commands and the session are thin layers over it.
Times are epoch seconds (UTC). Everything that writes runs inside :meth:`Store.write`, one
``BEGIN IMMEDIATE`` transaction, so a review is on disk before anyone is told it was recorded.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field, fields
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from studydeck.errors import Problem, StudydeckError
from studydeck.store_errors import CardChanged, StoreReadOnly, describe

DB_NAME = "studydeck.db"
BUSY_TIMEOUT_MS = 15_000
# SQLite copies the WAL back into the database every N pages, inside whichever commit crosses
# the mark (~10 ms per 1000 pages). Front ends do it while the user reads a card instead
# (Store.checkpoint_when_idle); the automatic one stays as a safety net, further out.
WAL_AUTOCHECKPOINT_PAGES = 4000
IDLE_CHECKPOINT_COMMITS = 50  # an answer writes ~12 pages: ~600 pages between idle checkpoints

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3  # LEARNING..RELEARNING equal fsrs.State values
RESET = 0  # review_log rating of a `forget` (Again..Easy are 1..4, as fsrs.Rating)


def to_epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def from_epoch(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


@dataclass(frozen=True, slots=True)
class CardState:
    """What a review changes: FSRS memory state plus counters and the leech flags."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: int | None = None  # epoch seconds; None while new (new cards go by deck order)
    last_review: int | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    leech: bool = False

    def fsrs_part(self) -> tuple:
        """The part that replaying the log must reproduce."""
        return astuple(self)[:8]


STATE_FIELDS = tuple(f.name for f in fields(CardState))


@dataclass(frozen=True, slots=True)
class StoredCard:
    num: int  # integer key, handed to fsrs as card_id
    id: str
    deck: str
    position: int
    question: str
    answer: str
    kind: str
    tags: tuple[str, ...]
    context: str
    source_line: int | None
    url: str | None
    buried_until: int
    archived: bool
    memory: CardState = field(default_factory=CardState)


@dataclass(frozen=True, slots=True)
class Review:
    """One review_log row; ``after.due - reviewed_at`` is the scheduled interval."""

    id: int
    card_num: int
    card_id: str
    reviewed_at: int
    rating: int  # 1..4 = Again..Easy, RESET = forget
    duration_ms: int | None
    before: CardState
    after: CardState
    buried: dict[int, int]  # siblings this answer buried: num -> their previous buried_until

    @property
    def interval_seconds(self) -> int | None:
        return None if self.after.due is None else self.after.due - self.reviewed_at


@dataclass(frozen=True, slots=True)
class Today:
    answered: int
    new_done: int  # new cards introduced
    reviews_done: int  # review-state cards answered


@dataclass(slots=True)
class SyncReport:
    problems: list[Problem] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)  # deck files read and parsed this time
    added: int = 0
    archived: int = 0
    restored: int = 0


_STATE_COLUMNS = ", ".join(STATE_FIELDS)
_CARD_COLUMNS = (
    "num, id, deck, position, question, answer, kind, tags, context, source_line, url, "
    f"buried_until, archived, {_STATE_COLUMNS}"
)
_LOG_STATE_COLUMNS = ", ".join(
    [f"before_{f}" for f in STATE_FIELDS] + [f"after_{f}" for f in STATE_FIELDS]
)
_LOG_COLUMNS = (
    "r.id, r.card, c.id, r.reviewed_at, r.rating, r.duration_ms, "
    + ", ".join(f"r.{c.strip()}" for c in _LOG_STATE_COLUMNS.split(","))
    + ", r.buried"
)
# Cards a session may show: not archived, from a deck file that loaded cleanly.
_AVAILABLE = "archived = 0 AND deck IN (SELECT deck FROM deck_files WHERE error IS NULL)"
# The queue's three pools, spelled exactly as the WHERE of their partial indexes (the planner
# uses a partial index only when the query repeats its condition).
QUEUE_POOLS = {
    "learning": "state IN (1, 3) AND archived = 0 AND suspended = 0",
    "review": "state = 2 AND archived = 0 AND suspended = 0",
    "new": "state = 0 AND archived = 0 AND suspended = 0",
}
# INDEXED BY pins each pool query to its index: without fresh statistics the planner may take
# cards_deck instead, which is not covering and sorts learning cards in a temp b-tree.
_POOL_TABLE = {pool: f"cards INDEXED BY cards_{pool}" for pool in QUEUE_POOLS}
_POOL_COLUMNS = "state, archived, suspended"
_END_OF_TIME = 2**62  # as "now" in count_pool: every buried card counts too


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
]
SCHEMA_VERSION = len(MIGRATIONS)

_F = TypeVar("_F", bound=Callable[..., Any])


def _describe(exc: sqlite3.Error, path: Path) -> StudydeckError:
    return describe(exc, path, BUSY_TIMEOUT_MS)


def _translated(method: _F) -> _F:
    """Turn sqlite errors into one-line StudydeckErrors naming the file."""

    @wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    return wrapper  # type: ignore[return-value]


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """The one connection factory: autocommit (explicit transactions), WAL, busy timeout.
    ``read_only`` opens an existing database with ``mode=ro`` and writes nothing."""
    path = Path(path)
    if read_only:
        return _connect_read_only(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # timeout= installs the busy handler as the connection opens, before any statement.
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except OSError as exc:
        raise StudydeckError(f"{path}: cannot open the review state ({exc.strerror})") from None
    except sqlite3.Error as exc:
        raise _describe(exc, path) from None
    try:
        _set_up(db)
    except sqlite3.Error as exc:
        db.close()  # not left open (and holding the file) until garbage collection
        raise _describe(exc, path) from None
    return db


def _set_up(db: sqlite3.Connection) -> None:
    _enable_wal(db)
    # WAL + NORMAL: a commit survives a killed process (the write is in the OS before
    # COMMIT returns); only a power cut can lose the last few.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """``mode=ro``; ``immutable=1`` when the folder cannot hold the WAL index (``-shm``) a
    read-only reader needs — no other process can be writing to such a folder either."""
    if not path.is_file():
        raise StudydeckError(f"{path}: no review state yet, and its folder is read-only")
    try:
        return _open_uri(path, "mode=ro")
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise _describe(exc, path) from None
    try:
        return _open_uri(path, "mode=ro&immutable=1")
    except sqlite3.Error as exc:
        raise _describe(exc, path) from None


def _open_uri(path: Path, query: str) -> sqlite3.Connection:
    """A connection by URI, tried with a first read (which is when opening can fail)."""
    uri = f"{path.resolve().as_uri()}?{query}"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def folder_writable(folder: Path) -> bool:
    """Whether the review state in ``folder`` can be written (a folder not made yet can be,
    if its nearest existing ancestor can). ``access`` also answers for read-only mounts and
    immutable files."""
    folder = Path(folder).absolute()
    db = folder / DB_NAME
    if db.exists():
        return os.access(db, os.W_OK) and os.access(folder, os.W_OK)
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    return existing.is_dir() and os.access(existing, os.W_OK)


def _is_busy(exc: sqlite3.Error) -> bool:
    message = str(exc)
    return "locked" in message or "busy" in message


def _enable_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL (persistent, so a no-op after the first time). Changing the journal mode
    needs the database to itself, and SQLite may report SQLITE_BUSY ("database is locked")
    here at once instead of calling the busy handler when two processes create the database
    together — hence the retries, until the busy timeout. The deadline counts the time spent
    inside each attempt too: an attempt that waited out the busy handler is the last one."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() + pause >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


class Store:
    """Review state in ``<data dir>/studydeck.db``. Open with :meth:`open`; close when done."""

    def __init__(self, db: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self._sources: dict[str, str | None] = {}  # deck name -> its ``source:``, read once
        self._commits = 0  # write transactions since the last idle checkpoint
        self._expected: tuple[int, CardState] | None = None  # see expecting()

    @classmethod
    def open_for_reading(cls, data_dir: Path) -> Store:
        """For commands that only read: read-write while the folder can be written (so the
        deck cache stays fresh), else read-only."""
        return cls.open(data_dir, read_only=not folder_writable(data_dir))

    @classmethod
    def open(cls, data_dir: Path, *, read_only: bool = False) -> Store:
        """``read_only``: ``mode=ro``, nothing is written (no migration, no WAL switch);
        :meth:`write` raises :class:`StoreReadOnly`."""
        path = Path(data_dir) / DB_NAME
        store = cls(connect(path, read_only=read_only), path, read_only=read_only)
        try:
            store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_translated
    def checkpoint_when_idle(self) -> None:
        """Copy the WAL back into the database now, while nothing waits on us, once enough
        has been committed since the last time, so that the commit of an answer does not have
        to. PASSIVE: never waits for other sessions (what they hold is copied later)."""
        if self._commits < IDLE_CHECKPOINT_COMMITS or self.read_only:
            return
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self._commits = 0

    # ── schema ──────────────────────────────────────────────────────────────

    @_translated
    def _migrate(self) -> None:
        version = self.schema_version()
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StudydeckError(
                f"{self.path}: made by a newer studydeck (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade studydeck"
            )
        if self.read_only:
            raise StoreReadOnly(
                f"{self.path}: needs upgrading to schema {SCHEMA_VERSION} (it is {version}), "
                "but its folder is read-only"
            )
        if version > 0:
            self._backup(self.path.with_name(f"{self.path.name}.v{version}.bak"))
        with self.write():
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            version = self.schema_version()  # another process may have migrated meanwhile
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
            self.db.execute("DELETE FROM schema_version")
            self.db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))

    def schema_version(self) -> int:
        """0 for a new, empty database. Read-only: writes happen in IMMEDIATE transactions,
        which wait for other processes instead of failing with SQLITE_BUSY."""
        exists = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
        version = 0 if row[0] is None else row[0]
        if not isinstance(version, int) or version < 0:
            raise StudydeckError(
                f"{self.path}: damaged schema_version table (version {version!r}, not a "
                "number); left untouched — restore a backup"
            )
        return version

    def _backup(self, target: Path) -> None:
        """A consistent copy of the whole database (SQLite's online backup), kept beside it."""
        copy = sqlite3.connect(target)
        try:
            self.db.backup(copy)
        finally:
            copy.close()

    def describe(self, exc: sqlite3.Error) -> StudydeckError:
        return _describe(exc, self.path)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: committed on success, rolled back on any error (sqlite
        errors come out as one-line StudydeckErrors: a full disk as :class:`StoreFull`)."""
        if self.read_only:
            raise StoreReadOnly(f"{self.path}: opened read-only (its folder cannot be written)")
        expected, self._expected = self._expected, None
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None
        try:
            if expected is not None:
                self._check_unchanged(*expected)
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            self._rollback(exc)
            if isinstance(exc, sqlite3.Error):
                raise _describe(exc, self.path) from None
            raise
        self._commits += 1

    def _rollback(self, cause: BaseException) -> None:
        """Roll back what is still open: SQLite itself may already have rolled the
        transaction back (a full disk, an I/O error), and then there is nothing to undo."""
        if not self.db.in_transaction:
            return
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error as failed:
            cause.add_note(f"the rollback failed too: {failed}")

    @contextmanager
    def expecting(self, num: int, memory: CardState) -> Iterator[None]:
        """Inside this block, the next :meth:`write` first checks — in its transaction — that
        card ``num`` still has ``memory`` (what its user was shown), and raises
        :class:`CardChanged` with nothing written if another session changed it meanwhile."""
        self._expected = (num, memory)
        try:
            yield
        finally:
            self._expected = None

    def _check_unchanged(self, num: int, memory: CardState) -> None:
        row = self.db.execute(
            f"SELECT id, {_STATE_COLUMNS} FROM cards WHERE num = ?", (num,)
        ).fetchone()
        if row is None:
            raise CardChanged(f"card #{num} is no longer in the store: not recorded")
        now = CardState(*row[1:9], bool(row[9]), bool(row[10]))
        if now != memory:
            raise CardChanged(
                f"{row[0]} was changed by another studydeck session since it was shown: "
                "not recorded"
            )

    # ── reading cards and reviews ───────────────────────────────────────────

    @staticmethod
    def _card(row: Sequence[Any]) -> StoredCard:
        memory = CardState(*row[13:21], bool(row[21]), bool(row[22]))
        return StoredCard(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], tuple(json.loads(row[7])),
            row[8], row[9], row[10], row[11], bool(row[12]), memory,
        )  # fmt: skip

    def _cards(self, where: str, params: Sequence[Any] | dict = (), tail: str = "") -> list:
        sql = f"SELECT {_CARD_COLUMNS} FROM cards WHERE {where} {tail}"
        return [self._card(r) for r in self.db.execute(sql, params)]

    @_translated
    def card(self, card_id: str) -> StoredCard | None:
        found = self._cards("id = ?", (card_id,))
        return found[0] if found else None

    @_translated
    def card_by_num(self, num: int) -> StoredCard | None:
        found = self._cards("num = ?", (num,))
        return found[0] if found else None

    @_translated
    def cards(self, deck: str | None = None, *, include_archived: bool = False) -> list:
        where = ["1" if include_archived else "archived = 0"]
        params: list[Any] = []
        if deck is not None:
            where.append("deck = ?")
            params.append(deck)
        return self._cards(" AND ".join(where), params, "ORDER BY deck, position")

    @_translated
    def deck_names(self) -> list[str]:
        """Decks that loaded cleanly, by name."""
        rows = self.db.execute(
            "SELECT deck FROM deck_files WHERE error IS NULL AND deck IS NOT NULL ORDER BY deck"
        )
        return [r[0] for r in rows]

    @_translated
    def deck_path(self, deck: str) -> Path | None:
        """The file a cleanly loaded deck comes from."""
        row = self.db.execute(
            "SELECT path FROM deck_files WHERE deck = ? AND error IS NULL", (deck,)
        ).fetchone()
        return Path(row[0]) if row else None

    def skipped_deck_problems(self, deck: str) -> list[Problem]:
        """Why a deck named ``deck`` was skipped at the last sync (empty if no skipped file is
        that deck): a file whose ``deck:`` is that name, or, when the header cannot be read,
        whose file name is."""
        rows = self.db.execute("SELECT path, error FROM deck_files WHERE error IS NOT NULL")
        for path, error in rows.fetchall():
            file = Path(path)
            if deck in (_header_value(file, "deck"), file.stem):
                return _problems(error, path)
        return []

    def deck_source(self, deck: str) -> str | None:
        """The deck's ``source:`` (its note file, as written in the deck), read from the deck
        file's header once per deck and sync."""
        if deck not in self._sources:
            path = self.deck_path(deck)
            self._sources[deck] = _header_source(path) if path else None
        return self._sources[deck]

    @staticmethod
    def _review(row: Sequence[Any]) -> Review:
        n = len(STATE_FIELDS)

        def state(values: Sequence[Any]) -> CardState:
            return CardState(*values[:8], bool(values[8]), bool(values[9]))

        buried = {int(k): v for k, v in json.loads(row[6 + 2 * n]).items()}
        return Review(*row[:6], state(row[6 : 6 + n]), state(row[6 + n : 6 + 2 * n]), buried)

    @_translated
    def reviews(self, card_id: str | None = None, *, since: int | None = None) -> list[Review]:
        """Review-log rows in the order they were written (optionally one card's, or since)."""
        where, params = ["1"], []
        if card_id is not None:
            where.append("c.id = ?")
            params.append(card_id)
        if since is not None:
            where.append("r.reviewed_at >= ?")
            params.append(since)
        sql = (
            f"SELECT {_LOG_COLUMNS} FROM review_log r JOIN cards c ON c.num = r.card "
            f"WHERE {' AND '.join(where)} ORDER BY r.id"
        )
        return [self._review(r) for r in self.db.execute(sql, params)]

    def review_by_id(self, review_id: int) -> Review | None:
        sql = f"SELECT {_LOG_COLUMNS} FROM review_log r JOIN cards c ON c.num = r.card WHERE r.id=?"
        row = self.db.execute(sql, (review_id,)).fetchone()
        return self._review(row) if row else None

    def last_review_id(self, num: int) -> int | None:
        row = self.db.execute("SELECT max(id) FROM review_log WHERE card = ?", (num,)).fetchone()
        return row[0]

    @_translated
    def today(self, day_start: int, day_end: int) -> Today:
        """Answers given in ``[day_start, day_end)``: rows dated later (a clock set back,
        imported future rows) are not today's."""
        row = self.db.execute(
            "SELECT count(*), total(before_state = 0), total(before_state = 2) FROM review_log "
            "WHERE reviewed_at >= ? AND reviewed_at < ? AND rating > 0",
            (day_start, day_end),
        ).fetchone()
        return Today(int(row[0]), int(row[1]), int(row[2]))

    @_translated
    def today_by_deck(self, day_start: int, day_end: int) -> dict[str, Today]:
        """:meth:`today` per deck (the daily limits are per deck, like Anki's deck options)."""
        rows = self.db.execute(
            "SELECT c.deck, count(*), total(r.before_state = 0), total(r.before_state = 2) "
            "FROM review_log r CROSS JOIN cards c ON c.num = r.card "  # CROSS: today's log rows
            "WHERE r.reviewed_at >= ? AND r.reviewed_at < ? AND r.rating > 0 "  # first, then
            "GROUP BY c.deck",  # their cards
            (day_start, day_end),
        )
        return {deck: Today(int(n), int(new), int(rev)) for deck, n, new, rev in rows}

    # ── the due queue (policy lives in studydeck.queue) ─────────────────────
    # Each pool has its own partial covering index; a query names one pool, its decks
    # explicitly (available decks are listed once, in Python), and seeks that index.

    def _decks_or_available(self, decks: Sequence[str] | None) -> list[str]:
        return self.deck_names() if decks is None else list(decks)

    @staticmethod
    def _excluding(exclude: Iterable[int]) -> tuple[str, list[int]]:
        excluded = list(exclude)
        if not excluded:
            return "", []
        return f" AND num NOT IN ({','.join('?' * len(excluded))})", excluded

    @_translated
    def next_learning(
        self,
        due_by: int,
        now: int,
        *,
        decks: Sequence[str] | None = None,
        exclude: Iterable[int] = (),
    ) -> StoredCard | None:
        """The learning or relearning card due first, if due by ``due_by``."""
        names = self._decks_or_available(decks)
        if not names:
            return None
        skip, skipped = self._excluding(exclude)
        row = self.db.execute(
            f"SELECT num FROM {_POOL_TABLE['learning']} WHERE {QUEUE_POOLS['learning']} "
            f"AND due <= ? AND buried_until <= ? AND deck IN ({','.join('?' * len(names))})"
            f"{skip} ORDER BY due LIMIT 1",
            [due_by, now, *names, *skipped],
        ).fetchone()
        return self.card_by_num(row[0]) if row else None

    @_translated
    def next_review(
        self,
        due_before: int,
        now: int,
        *,
        decks: Sequence[str] | None = None,
        exclude: Iterable[int] = (),
    ) -> StoredCard | None:
        """The most overdue review-state card due before ``due_before`` (one index seek per
        deck, then the earliest of those)."""
        skip, skipped = self._excluding(exclude)
        sql = (
            f"SELECT num, due FROM {_POOL_TABLE['review']} WHERE {QUEUE_POOLS['review']} "
            f"AND deck = ? AND due < ? AND buried_until <= ?{skip} ORDER BY due LIMIT 1"
        )
        best: tuple[int, int] | None = None
        for name in self._decks_or_available(decks):
            row = self.db.execute(sql, [name, due_before, now, *skipped]).fetchone()
            if row and (best is None or row[1] < best[1]):
                best = row
        return self.card_by_num(best[0]) if best else None

    @_translated
    def next_new(
        self,
        now: int,
        *,
        decks: Sequence[str] | None = None,
        exclude: Iterable[int] = (),
    ) -> StoredCard | None:
        """The first new card in deck order (deck name, then position in the file)."""
        skip, skipped = self._excluding(exclude)
        sql = (
            f"SELECT num FROM {_POOL_TABLE['new']} WHERE {QUEUE_POOLS['new']} AND deck = ? "
            f"AND buried_until <= ?{skip} ORDER BY position LIMIT 1"
        )
        for name in sorted(self._decks_or_available(decks)):
            row = self.db.execute(sql, [name, now, *skipped]).fetchone()
            if row:
                return self.card_by_num(row[0])
        return None

    @_translated
    def count_pool(
        self,
        pool: str,
        deck: str,
        due_before: int,
        now: int,
        *,
        limit: int | None = None,
        exclude: Iterable[int] = (),
    ) -> int:
        """Cards of one deck in one queue pool (``learning``/``review`` due before
        ``due_before``; ``new``), not buried, counting no further than ``limit``."""
        skip, skipped = self._excluding(exclude)
        due = "" if pool == "new" else " AND due < ?"
        args: list[Any] = [deck, *([due_before] if due else []), now, *skipped]
        if limit is not None:
            args.append(max(limit, 0))
        row = self.db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {_POOL_TABLE[pool]} WHERE {QUEUE_POOLS[pool]} "
            "AND deck = ?"
            f"{due} AND buried_until <= ?{skip}{' LIMIT ?' if limit is not None else ''})",
            args,
        ).fetchone()
        return row[0]

    @_translated
    def deck_totals(self) -> dict[str, dict[str, Any]]:
        """Per available deck: total cards, suspended, and the next due time of seen cards.
        The total is kept at sync time; the rest are index seeks, not scans of the deck."""
        totals = {}
        for name, total in self.db.execute(
            "SELECT deck, cards FROM deck_files WHERE error IS NULL AND deck IS NOT NULL"
        ).fetchall():
            suspended, next_due = self.db.execute(
                "SELECT (SELECT count(*) FROM cards WHERE deck = ?1 AND archived = 0 "
                "AND suspended = 1), (SELECT min(due) FROM cards WHERE deck = ?1 "
                "AND archived = 0 AND suspended = 0)",
                (name,),
            ).fetchone()
            totals[name] = {"total": total, "suspended": suspended, "next_due": next_due}
        return totals

    @_translated
    def count_due_by(self, moment: int, *, deck: str | None = None) -> int:
        """Seen cards (learning or review, buried or not) due before ``moment``: the queue
        indexes, deck by deck."""
        names = [d for d in self.deck_names() if deck is None or d == deck]
        return sum(
            self.count_pool(pool, name, moment, _END_OF_TIME)
            for name in names
            for pool in ("learning", "review")
        )

    @_translated
    def count_buried(self, now: int, due_before: int, *, decks: Sequence[str]) -> int:
        """Cards of ``decks`` that today's queue would hold (new, or due before
        ``due_before``) but are buried past ``now``."""
        if not decks:
            return 0
        row = self.db.execute(
            "SELECT count(*) FROM cards WHERE archived = 0 AND suspended = 0 "
            "AND buried_until > ? AND (state = 0 OR due < ?) "
            f"AND deck IN ({','.join('?' * len(decks))})",
            [now, due_before, *decks],
        ).fetchone()
        return row[0]

    @_translated
    def unbury(self, now: int, *, decks: Sequence[str]) -> int:
        """Bring back every card of ``decks`` buried past ``now``; how many there were."""
        if not decks:
            return 0
        with self.write():
            return self.db.execute(
                "UPDATE cards SET buried_until = 0 WHERE buried_until > ? AND archived = 0 "
                f"AND deck IN ({','.join('?' * len(decks))})",
                [now, *decks],
            ).rowcount

    # ── writing (call inside `with store.write():`) ─────────────────────────

    def set_memory(self, num: int, memory: CardState) -> None:
        assignments = ", ".join(f"{f} = ?" for f in STATE_FIELDS)
        self.db.execute(f"UPDATE cards SET {assignments} WHERE num = ?", (*astuple(memory), num))

    def add_review(
        self,
        num: int,
        reviewed_at: int,
        rating: int,
        duration_ms: int | None,
        before: CardState,
        after: CardState,
        buried: dict[int, int] | None = None,
    ) -> int:
        placeholders = ",".join("?" * (5 + 2 * len(STATE_FIELDS)))
        cursor = self.db.execute(
            f"INSERT INTO review_log (card, reviewed_at, rating, duration_ms, {_LOG_STATE_COLUMNS},"
            f" buried) VALUES ({placeholders})",
            (
                num, reviewed_at, rating, duration_ms, *astuple(before), *astuple(after),
                json.dumps(buried or {}),
            ),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def delete_review(self, review_id: int) -> None:
        self.db.execute("DELETE FROM review_log WHERE id = ?", (review_id,))

    def bury_siblings(self, card: StoredCard, until: int) -> list[StoredCard]:
        """Bury the new and review cards from the same note item; return them as they were."""
        if card.source_line is None:
            return []
        siblings = self._cards(
            "deck = ? AND source_line = ? AND num != ? AND archived = 0 AND state IN (0, 2) "
            "AND buried_until < ?",
            (card.deck, card.source_line, card.num, until),
        )
        self.set_buried_until([s.num for s in siblings], until)
        return siblings

    def set_buried_until(self, nums: Iterable[int], until: int) -> None:
        self.db.executemany(
            "UPDATE cards SET buried_until = ? WHERE num = ?", [(until, n) for n in nums]
        )

    @_translated
    def set_suspended(self, card_ids: Sequence[str], suspended: bool) -> None:
        with self.write():
            nums = self.nums(card_ids)
            self.db.executemany(
                "UPDATE cards SET suspended = ? WHERE num = ?", [(int(suspended), n) for n in nums]
            )

    def nums(self, card_ids: Sequence[str]) -> list[int]:
        """Integer keys for the ids, or an error naming every unknown id (nothing changed)."""
        nums, unknown = [], []
        for card_id in card_ids:
            row = self.db.execute("SELECT num FROM cards WHERE id = ?", (card_id,)).fetchone()
            (nums.append(row[0]) if row else unknown.append(card_id))
        if unknown:
            raise StudydeckError(f"no such card: {', '.join(unknown)} (nothing was changed)")
        return nums

    # ── deck sync (the cache that spares re-parsing unchanged YAML) ──────────

    @_translated
    def sync_decks(
        self, folder: Path, progress: Callable[[int, int, str], None] | None = None
    ) -> SyncReport:
        """Bring the cards table up to date with the deck files in ``folder``.

        Unchanged files (same size and mtime, or same hash) are not parsed. New cards come in
        as new; cards gone from their deck are archived with their state; returning ids get it
        back. Files with faults, or whose ids clash with another deck, are reported and skipped.
        ``progress(done, total, what)`` is called before each deck file is read, then stored.
        """
        from studydeck.paths import deck_files

        report = SyncReport()
        self._sources.clear()
        cached = {
            row[0]: row
            for row in self.db.execute(
                "SELECT path, size, mtime_ns, sha256, deck, error, retry FROM deck_files"
            )
        }
        seen: set[str] = set()
        changes: list[tuple[str, os.stat_result, str, Any]] = []
        clashed: list[tuple[Path, str, os.stat_result, Any]] = []
        located: dict[str, tuple[int, Path, os.stat_result]] = {}  # key → (folder order, …)
        files = deck_files(folder)
        for done, path in enumerate(files):
            if progress is not None:
                progress(done, len(files), path.name)
            key = str(path.resolve())
            seen.add(key)
            try:
                stat = path.stat()
            except OSError:
                continue
            located[key] = (done, path, stat)
            row = cached.get(key)
            if row and (row[1], row[2]) == (stat.st_size, stat.st_mtime_ns):
                if row[6]:
                    clashed.append((path, key, stat, row))
                elif row[5]:
                    report.problems.extend(_problems(row[5], key))
                continue
            changes.append(self._read_deck(path, key, stat, row, report))
        gone = [key for key in cached if key not in seen]
        if not changes and not gone:
            # An unchanged deck that clashed with another can only stop clashing when some
            # other deck file changes, so it is re-read only then.
            for _, key, _, row in clashed:
                report.problems.extend(_problems(row[5], key))
            return report
        with self.write():
            for key in gone:
                self._forget_file(key, report)
            self._apply_in_order(changes, clashed, located, cached, report, progress)
        return report

    def _apply_in_order(self, changes, clashed, located, cached, report, progress) -> None:
        """Store the changed files and re-check the clashed ones in folder order, so that of
        two files claiming one deck name or card id the earlier one is loaded, whichever was
        there first (the rule ``check`` reports by): a loaded file that an earlier one claims
        from is pushed out, then checked again in its turn."""
        import heapq  # here, like the rest of the sync code: kept out of the store's header

        queue = [(located[c[0]][0], c[0], c) for c in changes]
        queue += [(located[key][0], key, None) for _, key, _, _ in clashed]
        heapq.heapify(queue)
        queued = {key for _, key, _ in queue}
        pushed_out: set[str] = set()
        while queue:
            _, key, change = heapq.heappop(queue)
            _, path, stat = located[key]
            if progress is not None:
                progress(len(queued) - len(queue) - 1, len(queued), f"storing {path.name}")
            if change is None or (key in pushed_out and change[3] is None):
                row = None if key in pushed_out else cached.get(key)  # None: parse it again
                change = self._read_deck(path, key, stat, row, report)
            for rival in self._apply(change, report, located):
                pushed_out.add(rival)
                if rival not in queued:
                    queued.add(rival)
                    heapq.heappush(queue, (located[rival][0], rival, None))

    def _read_deck(self, path: Path, key: str, stat, row, report: SyncReport):
        import hashlib  # only when a deck file changed: keeps `status` start-up lean

        from studydeck.deck import parse_deck, read_deck_text
        from studydeck.errors import DeckError

        try:
            text = read_deck_text(path)
        except DeckError as exc:
            return (key, stat, "", exc.problems)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if row and row[3] == digest and not row[5]:
            return (key, stat, digest, None)  # touched but identical: just remember the stat
        report.parsed.append(key)
        try:
            deck = parse_deck(text, str(path))
        except DeckError as exc:
            return (key, stat, digest, exc.problems)
        deck.path = path
        return (key, stat, digest, deck)

    def _forget_file(self, key: str, report: SyncReport) -> None:
        row = self.db.execute("SELECT deck FROM deck_files WHERE path = ?", (key,)).fetchone()
        self.db.execute("DELETE FROM deck_files WHERE path = ?", (key,))
        if row and row[0]:
            # Not when another file is loaded under that name now (this one was skipped).
            report.archived += self.db.execute(
                "UPDATE cards SET archived = 1 WHERE deck = ? AND archived = 0 AND NOT EXISTS "
                "(SELECT 1 FROM deck_files WHERE deck = ? AND error IS NULL)",
                (row[0], row[0]),
            ).rowcount

    def _apply(self, change, report: SyncReport, located) -> list[str]:
        """Store one read deck file; returns the loaded files it pushed out (see above)."""
        from studydeck.deck import Deck

        key, stat, digest, outcome = change
        base = (key, stat.st_size, stat.st_mtime_ns, digest)
        upsert = (
            "INSERT INTO deck_files (path, size, mtime_ns, sha256, deck, error, retry) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
            "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, "
            "deck = coalesce(excluded.deck, deck), error = excluded.error, retry = excluded.retry"
        )
        if outcome is None:
            self.db.execute(
                "UPDATE deck_files SET size = ?, mtime_ns = ? WHERE path = ?",
                (stat.st_size, stat.st_mtime_ns, key),
            )
            return []
        if not isinstance(outcome, Deck):
            report.problems.extend(outcome)
            self.db.execute(upsert, (*base, None, "\n".join(map(str, outcome)), 0))
            return []
        name_rival, owners = self._rivals(outcome, key)
        rivals = self._rival_files(name_rival, owners)
        order = located[key][0]
        if any(located.get(rival, (-1,))[0] < order for rival in rivals):
            clashes = self._clashes(outcome, key, name_rival, owners)
            report.problems.extend(clashes)
            # Retried at every sync: the clash may go away when the *other* deck changes.
            self.db.execute(upsert, (*base, None, "\n".join(map(str, clashes)), 1))
            return []
        for rival in rivals:  # later files: out until they are checked again, after this one
            self.db.execute(
                "UPDATE deck_files SET error = ?, retry = 1 WHERE path = ?",
                (f"{rival}: pushed out by {key}", rival),
            )
        self.db.execute(upsert, (*base, outcome.name, None, 0))
        self._store_cards(outcome, report)
        self.db.execute(
            "UPDATE deck_files SET cards = (SELECT count(*) FROM cards WHERE deck = ? "
            "AND archived = 0) WHERE path = ?",
            (outcome.name, key),
        )
        return sorted(rivals)

    def _rivals(self, deck, key: str) -> tuple[str | None, dict[str, str]]:
        """The loaded file already named like ``deck``, and ``deck``'s card ids that other
        loaded decks own (id → deck)."""
        other = self.db.execute(
            "SELECT path FROM deck_files WHERE deck = ? AND path != ? AND error IS NULL",
            (deck.name, key),
        ).fetchone()
        ids = [c.id for c in (*deck.cards, *deck.archived)]
        owners: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            owners.update(
                self.db.execute(
                    f"SELECT id, deck FROM cards WHERE id IN ({','.join('?' * len(chunk))}) "
                    f"AND deck != ? AND {_AVAILABLE}",
                    (*chunk, deck.name),
                ).fetchall()
            )
        # Ids still filed under the deck this file loaded as are no clash: it was renamed.
        own = self.db.execute(
            "SELECT deck FROM deck_files WHERE path = ? AND error IS NULL", (key,)
        ).fetchone()
        owners = {i: d for i, d in owners.items() if not own or d != own[0]}
        return (other[0] if other else None), owners

    def _rival_files(self, name_rival: str | None, owners: dict[str, str]) -> set[str]:
        files = {name_rival} if name_rival else set()
        for name in set(owners.values()):
            row = self.db.execute(
                "SELECT path FROM deck_files WHERE deck = ? AND error IS NULL", (name,)
            ).fetchone()
            files.update(row or ())
        return files

    def _clashes(self, deck, key: str, name_rival: str | None, owners: dict) -> list[Problem]:
        from studydeck.deck import Card, Deck, duplicate_ids

        if name_rival:
            message = f"deck name {deck.name!r} is already used by {name_rival}"
            return [Problem(key, _deck_name_line(deck.path), message)]
        stubs = [
            Deck(name, cards=[Card(i, "", "") for i, d in owners.items() if d == name])
            for name in sorted(set(owners.values()))
        ]
        return duplicate_ids([*stubs, deck])

    def _store_cards(self, deck, report: SyncReport) -> None:
        existing = {
            card_id: (name, archived)
            for card_id, name, archived in self.db.execute(
                "SELECT id, deck, archived FROM cards WHERE deck = ? OR id IN "
                "(SELECT value FROM json_each(?))",
                (deck.name, json.dumps([c.id for c in (*deck.cards, *deck.archived)])),
            )
        }
        rows = []
        for archived, section in ((0, deck.cards), (1, deck.archived)):
            for position, card in enumerate(section, start=len(rows)):
                previous = existing.get(card.id)
                if previous is None:
                    report.added += 0 if archived else 1
                elif previous[1] and not archived:
                    report.restored += 1
                rows.append(
                    (
                        card.id, deck.name, position, card.question, card.answer, card.kind,
                        json.dumps(list(card.tags)), card.context, card.source_line, card.url,
                        archived,
                    )
                )  # fmt: skip
        self.db.executemany(
            "INSERT INTO cards (id, deck, position, question, answer, kind, tags, context, "
            "source_line, url, archived) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE "
            "SET deck = excluded.deck, position = excluded.position, question = excluded.question,"
            " answer = excluded.answer, kind = excluded.kind, tags = excluded.tags, "
            "context = excluded.context, source_line = excluded.source_line, url = excluded.url, "
            "archived = excluded.archived",
            rows,
        )
        present = {row[0] for row in rows}
        gone = [
            (card_id,)
            for card_id, (name, archived) in existing.items()
            if name == deck.name and not archived and card_id not in present
        ]
        self.db.executemany("UPDATE cards SET archived = 1 WHERE id = ?", gone)
        report.archived += len(gone)

    def deck_title(self, deck: str) -> str | None:
        """The deck's ``title:``, read from its file's header (like :meth:`deck_source`)."""
        path = self.deck_path(deck)
        return _header_value(path, "title") if path else None

    # ── for sync (studydeck/anki/sync.py) ───────────────────────────────────

    @_translated
    def review_keys(self, card_ids: Iterable[str] | None = None) -> set[tuple[str, int]]:
        """(card id, second) of every review in our log (optionally of some cards only)."""
        sql = "SELECT c.id, r.reviewed_at FROM review_log r JOIN cards c ON c.num = r.card"
        if card_ids is None:
            return set(self.db.execute(sql))
        ids = list(card_ids)
        out: set[tuple[str, int]] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            where = f" WHERE c.id IN ({','.join('?' * len(chunk))})"
            out.update(self.db.execute(sql + where, chunk))
        return out

    @_translated
    def deck_fingerprint(self) -> str:
        """A hash of the deck files behind the cards table (paths, hashes, errors)."""
        import hashlib

        rows = self.db.execute(
            "SELECT path, sha256, coalesce(error, '') FROM deck_files ORDER BY path"
        ).fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    @_translated
    def review_mark(self) -> str:
        """Where the review log and the cards' flags stand: ``"<max review id>:<count>:<hash
        of suspended/leech flags>"``. Reviews after a mark are :meth:`reviewed_between`; a
        mark whose count or flags do not follow (a review deleted, a card suspended) means
        more than the new reviews changed."""
        import hashlib

        top, count = self.db.execute(
            "SELECT coalesce(max(id), 0), count(*) FROM review_log"
        ).fetchone()
        flags = self.db.execute(
            "SELECT group_concat(num || ':' || suspended || leech || archived, ',') "
            "FROM (SELECT num, suspended, leech, archived FROM cards "
            "WHERE suspended OR leech OR archived ORDER BY num)"
        ).fetchone()[0]
        digest = hashlib.sha256((flags or "").encode()).hexdigest()[:16]
        return f"{top}:{count}:{digest}"

    @_translated
    def reviews_between(self, after: int, upto: int) -> int:
        """How many review-log rows have an id in ``(after, upto]``."""
        row = self.db.execute(
            "SELECT count(*) FROM review_log WHERE id > ? AND id <= ?", (after, upto)
        ).fetchone()
        return int(row[0])

    @_translated
    def reviewed_between(self, after: int, upto: int) -> list[StoredCard]:
        """The cards (archived too) with a review-log row whose id is in ``(after, upto]``."""
        return self._cards(
            "num IN (SELECT card FROM review_log WHERE id > ? AND id <= ?)", (after, upto)
        )

    @_translated
    def cards_by_ids(self, card_ids: Iterable[str]) -> list[StoredCard]:
        """The cards (archived too) with these ids; unknown ids are left out."""
        ids = list(dict.fromkeys(card_ids))
        out: list[StoredCard] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            out += self._cards(f"id IN ({','.join('?' * len(chunk))})", chunk)
        return out


def _header_source(path: Path) -> str | None:
    return _header_value(path, "source")


def _header_value(path: Path, key: str) -> str | None:
    """``deck:``, ``source:``… sit in the deck's header (fixed key order), so only the head
    is read."""
    import yaml

    try:
        with path.open(encoding="utf-8") as handle:
            head = "".join(line for _, line in zip(range(6), handle, strict=False))
        header = yaml.safe_load(head.split("\ncards:")[0])
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = header.get(key) if isinstance(header, dict) else None
    return value if isinstance(value, str) and value else None


def _deck_name_line(path: Path | None) -> int | None:
    """The line of the top-level ``deck:`` key (deck files are small enough to scan)."""
    if path is None:
        return None
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.startswith("deck:"):
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _problems(text: str, key: str) -> list[Problem]:
    """Problems kept in the cache as lines of ``file:line: message``, turned back into objects."""
    out = []
    for line in text.splitlines():
        where, _, message = line.partition(": ")
        file, _, number = where.rpartition(":")
        if number.isdigit():
            out.append(Problem(file, int(number), message))
        else:
            out.append(Problem(where or key, None, message))
    return out
