"""What gets exported: cards with their deck, FSRS state and review log, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

import fsrs

from studydeck.deck import Card

DEFAULT_ROLLOVER_HOUR = 4


class CardState(StrEnum):
    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


@dataclass(frozen=True, slots=True)
class Review:
    """One review-log row."""

    time: datetime  # UTC
    rating: int  # 1 again, 2 hard, 3 good, 4 easy; 0 = reset to new ("forget")
    duration_ms: int
    state_before: CardState
    state_after: CardState
    interval: timedelta  # from this review to the due time it scheduled
    difficulty: float | None = None  # FSRS difficulty after the review (Anki's revlog factor)


@dataclass(frozen=True, slots=True)
class Progress:
    """A card's FSRS state; a card never reviewed has ``state=NEW`` and no stability."""

    state: CardState = CardState.NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None  # UTC
    last_review: datetime | None = None  # UTC
    reps: int = 0
    lapses: int = 0
    suspended: bool = False


@dataclass(frozen=True, slots=True)
class ExportCard:
    card: Card
    deck: str
    note_file: str | None = None  # the markdown note the deck was built from
    progress: Progress = field(default_factory=Progress)
    reviews: tuple[Review, ...] = ()


@dataclass(frozen=True, slots=True)
class SchedulerSettings:
    """The user's FSRS settings, carried into the Anki deck preset."""

    parameters: tuple[float, ...] = tuple(fsrs.Scheduler().parameters)
    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval: int = 36500
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR

    @property
    def decay(self) -> float:
        return self.parameters[20]


def study_day(moment: datetime, rollover_hour: int, tz: tzinfo | None = None) -> date:
    """The user's local day a moment belongs to; a day starts at the rollover hour (like Anki)."""
    local = moment.astimezone(tz)  # tz None → the system's local zone
    return (local - timedelta(hours=rollover_hour)).date()


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
