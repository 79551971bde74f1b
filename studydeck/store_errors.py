"""The store's errors: sqlite faults turned into one-line StudydeckErrors naming the file.

The store (``studydeck/store/``) raises them; reads done outside it (stats, optimize) use
:func:`translated`.
Front ends catch the subclasses they can do something about (a full disk, a card another
session changed); every other one ends the command with its message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from studydeck.errors import StudydeckError

_F = TypeVar("_F", bound=Callable[..., Any])


class StoreFull(StudydeckError):
    """The disk (or the database's page limit) is full: the transaction was rolled back."""


class StoreLocked(StudydeckError):
    """Another process held the database longer than the busy timeout."""


class StoreReadOnly(StudydeckError):
    """A write was asked of a store opened read-only."""


class CardChanged(StudydeckError):
    """The card changed in another session since it was shown: nothing was recorded."""


def locked_error(path: Path, waited_ms: int) -> StoreLocked:
    return StoreLocked(
        f"{path}: database is locked by another studydeck process (waited "
        f"{waited_ms / 1000:g} s); try again when it has finished"
    )


def describe(exc: sqlite3.Error, path: Path, busy_timeout_ms: int) -> StudydeckError:
    """One line for a sqlite error on the database at ``path``."""
    message = str(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in message:
        return StoreFull(f"disk full: nothing was saved ({path}: {message})")
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in message:
        return StudydeckError(
            f"{path}: not a studydeck database ({message}); left untouched — move it away "
            "or restore a backup"
        )
    if "readonly" in message or "unable to open" in message:
        return StudydeckError(f"{path}: cannot write the review state ({message})")
    if "locked" in message or "busy" in message:
        return locked_error(path, busy_timeout_ms)
    return StudydeckError(f"{path}: database error: {message}")


def translated(function: _F) -> _F:
    """For ``function(store, ...)``: any sqlite error becomes the store's one-line error."""

    @wraps(function)
    def wrapper(store: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(store, *args, **kwargs)
        except sqlite3.Error as exc:
            raise store.describe(exc) from None

    return wrapper  # type: ignore[return-value]
