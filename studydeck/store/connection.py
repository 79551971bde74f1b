"""The connection and its transactions: the one connection factory, migrations, ``write()``.

:class:`Connection` is the base of :class:`~studydeck.store.Store`: it opens the file (WAL, busy
timeout, read-only when the folder cannot be written), migrates it to :data:`SCHEMA_VERSION`
(keeping a copy first) and runs every write as one ``BEGIN IMMEDIATE`` transaction, so a review
is on disk before anyone is told it was recorded. Tests that patch ``connect``,
``BUSY_TIMEOUT_MS`` or ``MIGRATIONS`` patch them here, in the module that reads them.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, Self, TypeVar

from studydeck.errors import StudydeckError
from studydeck.store.records import _STATE_COLUMNS, CardState
from studydeck.store.schema import MIGRATIONS, SCHEMA_VERSION
from studydeck.store_errors import CardChanged, StoreReadOnly, describe

DB_NAME = "studydeck.db"
BUSY_TIMEOUT_MS = 15_000
# SQLite copies the WAL back into the database every N pages, inside whichever commit crosses
# the mark (~10 ms per 1000 pages). Front ends do it while the user reads a card instead
# (Store.checkpoint_when_idle); the automatic one stays as a safety net, further out.
WAL_AUTOCHECKPOINT_PAGES = 4000
IDLE_CHECKPOINT_COMMITS = 50  # an answer writes ~10 pages: ~500 pages between idle checkpoints

_F = TypeVar("_F", bound=Callable[..., Any])


def _describe(exc: sqlite3.Error, path: Path) -> StudydeckError:
    return describe(exc, path, BUSY_TIMEOUT_MS)


def _translated(method: _F) -> _F:
    """Turn sqlite errors into one-line StudydeckErrors naming the file."""

    @wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
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


class Connection:
    """The database file and its transactions. Open with :meth:`open`; close when done."""

    def __init__(self, db: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self._sources: dict[str, str | None] = {}  # deck name -> its ``source:``, read once
        self._commits = 0  # write transactions since the last idle checkpoint
        self._expected: tuple[int, CardState] | None = None  # see expecting()

    @classmethod
    def open_for_reading(cls, data_dir: Path) -> Self:
        """For commands that only read: read-write while the folder can be written (so the
        deck cache stays fresh), else read-only."""
        return cls.open(data_dir, read_only=not folder_writable(data_dir))

    @classmethod
    def open(cls, data_dir: Path, *, read_only: bool = False) -> Self:
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

    def __enter__(self) -> Self:
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

    # ── transactions ────────────────────────────────────────────────────────

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
