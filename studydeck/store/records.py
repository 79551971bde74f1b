"""The store's records: card state, stored cards, review-log rows, and the columns they come from.

Plain immutable records with no database in them; the mixins of :class:`~studydeck.store.Store`
turn rows into these. Times are epoch seconds (UTC).

They are NamedTuples, not dataclasses: ``studydeck status`` builds these classes, and importing
the dataclasses module (inspect, ast, dis, tokenize…) cost ~6 ms of every start-up, building
the three ~1 ms more. A record is compared and hashed by value and changed with ``_replace``;
being a tuple, it also compares equal to a plain tuple of the same values, and iterates and
indexes in field order: callers rely on neither, and should not start to (use the names).

No ``from __future__ import annotations`` here, nor in the other modules of ``status`` that
define NamedTuples (config, queue): it makes every field's annotation a string, which
``typing.NamedTuple`` compiles into a ``ForwardRef`` (the first compile in a process builds
the AST types): ~1.5 ms of every ``studydeck status`` in all.
"""

from datetime import UTC, datetime
from typing import NamedTuple

from studydeck.errors import Problem

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3  # LEARNING..RELEARNING equal fsrs.State values
RESET = 0  # review_log rating of a `forget` (Again..Easy are 1..4, as fsrs.Rating)


def to_epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def from_epoch(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


class CardState(NamedTuple):
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

    def values(self) -> tuple:
        """The fields in order, as a plain tuple (all scalars)."""
        return tuple(self)

    def fsrs_part(self) -> tuple:
        """The part that replaying the log must reproduce."""
        return self[:8]


STATE_FIELDS = CardState._fields


class StoredCard(NamedTuple):
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
    memory: CardState = CardState()  # immutable: one shared default is as good as a fresh one


class Review(NamedTuple):
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


class Today(NamedTuple):
    answered: int
    new_done: int  # new cards introduced
    reviews_done: int  # review-state cards answered


class SyncReport:
    """What a deck sync did: faults of the files it skipped, the files it parsed, the cards
    it added, archived and restored."""

    __slots__ = ("added", "archived", "parsed", "problems", "restored")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.parsed: list[str] = []  # deck files read and parsed this time
        self.added = 0
        self.archived = 0
        self.restored = 0

    def __repr__(self) -> str:
        return (
            f"SyncReport(problems={self.problems!r}, parsed={self.parsed!r}, "
            f"added={self.added}, archived={self.archived}, restored={self.restored})"
        )


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
