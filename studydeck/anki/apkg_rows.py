"""Rows of an imported Anki collection, checked before anything is built from them.

SQLite columns hold any type, and a hostile package can put any value in them: every value
studydeck reads is checked for its type and a sane range first, so a bad package is one
error naming it, before a deck file is written, never a traceback halfway.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from studydeck.errors import StudydeckError

# Review ids are epoch milliseconds; Anki exists since 2006, and nothing is reviewed in 2100.
FIRST_REVIEW_MS = 946_684_800_000  # 2000-01-01
LAST_REVIEW_MS = 4_102_444_800_000  # 2100-01-01
MAX_ANSWER_MS = 86_400_000  # a day; Anki caps answer times at an hour
MAX_INTERVAL_DAYS = 100_000  # Anki's maximum interval setting is 36,500
MAX_INTERVAL_SECONDS = 100_000_000  # negative intervals are seconds (learning steps)
REVLOG_KINDS = range(6)  # learn, review, relearn, filtered, manual, rescheduled
EASES = range(5)  # 0 = manual entry, 1..4 = again, hard, good, easy
QUEUES = range(-3, 5)

CARD_COLUMNS = ("id", "ord", "did", "odid", "queue", "guid", "mid", "flds", "tags")
CARD_TYPES = (int, int, int, int, int, str, int, str, str)
REVLOG_COLUMNS = ("id", "cid", "ease", "ivl", "time", "type")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def card_fault(row: Sequence[Any]) -> str | None:
    for name, kind, value in zip(CARD_COLUMNS, CARD_TYPES, row, strict=True):
        if not (isinstance(value, str) if kind is str else _is_int(value)):
            return f"{name} is {_shown(value)}"
    if not 0 <= row[1] < 10_000:
        return f"ord {row[1]} is out of range"
    if row[4] not in QUEUES:
        return f"queue {row[4]} is not one of Anki's queues"
    return None


def revlog_fault(row: Sequence[Any]) -> str | None:
    for name, value in zip(REVLOG_COLUMNS, row, strict=True):
        if not _is_int(value):
            return f"{name} is {_shown(value)}"
    rid, _, ease, ivl, time_ms, kind = row
    if not FIRST_REVIEW_MS <= rid < LAST_REVIEW_MS:
        return f"review time {rid} is not between 2000 and 2100"
    if ease not in EASES:
        return f"ease {ease} is not 0-4"
    if kind not in REVLOG_KINDS:
        return f"type {kind} is not 0-5"
    if not -MAX_INTERVAL_SECONDS <= ivl <= MAX_INTERVAL_DAYS:
        return f"interval {ivl} is out of range"
    if not 0 <= time_ms <= MAX_ANSWER_MS:
        return f"answer time {time_ms} ms is out of range"
    return None


def check_rows(package: str, what: str, rows: Sequence[Sequence[Any]], fault) -> None:
    """Raise one error naming the package, the number of bad rows and the first one."""
    faults = [(row, reason) for row in rows if (reason := fault(row)) is not None]
    if not faults:
        return
    row, reason = faults[0]
    raise StudydeckError(
        f"{package}: refusing a package with {len(faults)} invalid {what} row(s) "
        f"(first: {what} {row[0]!r}: {reason}); nothing was written"
    )
