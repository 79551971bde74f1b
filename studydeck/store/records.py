"""The store's records: card state, stored cards, review-log rows, and the columns they come from.

Plain frozen dataclasses with no database in them; the mixins of :class:`~studydeck.store.Store`
turn rows into these. Times are epoch seconds (UTC).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from operator import attrgetter
from typing import NamedTuple

from studydeck.errors import Problem

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

    def values(self) -> tuple:
        """The fields in order, as ``dataclasses.astuple`` gives them (all scalars) at C speed:
        astuple's deep copy was a third of an answer's time."""
        return _state_values(self)

    def fsrs_part(self) -> tuple:
        """The part that replaying the log must reproduce."""
        return _state_values(self)[:8]


STATE_FIELDS = tuple(f.name for f in fields(CardState))
_state_values = attrgetter(*STATE_FIELDS)


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


# Today and SyncReport are all that ``studydeck status`` makes of these records, so they are
# not dataclasses: building one costs ~5M instructions (~1 ms) of every start-up.
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
