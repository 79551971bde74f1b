"""Store reads done outside ``store.py`` (stats, optimize) report sqlite errors as store does."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from studydeck.store import Store, _describe

_F = TypeVar("_F", bound=Callable[..., Any])


def translated(function: _F) -> _F:
    """For ``function(store, ...)``: any sqlite error becomes the store's one-line error."""

    @wraps(function)
    def wrapper(store: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(store, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _describe(exc, store.path) from None

    return wrapper  # type: ignore[return-value]
