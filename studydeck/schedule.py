"""FSRS scheduling and the queue policy: what to study next, what an answer does, undo, replay.

``fsrs.Scheduler`` does the memory model. Its own fuzz draws from the global ``random``; we turn
it off and fuzz with a generator seeded by the card and its state before the answer (not the
answer time), so replaying a card's log gives back exactly the stored due dates and the interval
shown on an answer button is the one the answer then gets.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

import fsrs
from fsrs.scheduler import FUZZ_RANGES

from studydeck.config import Config
from studydeck.errors import StudydeckError
from studydeck.queue import LEARN_AHEAD, DeckStatus, StudyDay, next_card, status, study_day
from studydeck.store import (
    LEARNING,
    NEW,
    RELEARNING,
    RESET,
    REVIEW,
    CardState,
    Review,
    Store,
    StoredCard,
    from_epoch,
    to_epoch,
)

Rating = fsrs.Rating
RATING_NAMES = {r.name.lower(): r for r in Rating}


@dataclass(frozen=True, slots=True)
class Answered:
    """What one committed answer did."""

    review_id: int
    card: StoredCard  # as it was before the answer
    rating: Rating
    reviewed_at: datetime
    after: CardState
    became_leech: bool
    duration_ms: int | None = None
    siblings: tuple[StoredCard, ...] = ()  # buried by this answer, as they were before
    buried_until: int = 0  # ... until this time (the next study day)

    @property
    def card_id(self) -> str:
        return self.card.id

    @property
    def due(self) -> datetime:
        return from_epoch(self.after.due)  # type: ignore[return-value]

    @property
    def interval(self) -> timedelta:
        return self.due - self.reviewed_at


class Scheduler:
    """``fsrs.Scheduler`` configured from :class:`Config`, speaking :class:`CardState`."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        extra = {"parameters": self.config.fsrs_parameters} if self.config.fsrs_parameters else {}
        self.fsrs = fsrs.Scheduler(
            desired_retention=self.config.desired_retention,
            learning_steps=self.config.learning_steps,
            relearning_steps=self.config.relearning_steps,
            maximum_interval=self.config.maximum_interval,
            enable_fuzzing=False,
            **extra,
        )
        self._fuzz = random.Random()  # re-seeded per draw: the draws of Random(seed), no new object
        self._day: tuple[object, StudyDay] | None = None  # the study day answers fall in, see below

    # conversion between fsrs.Card and store rows
    @staticmethod
    def to_fsrs(num: int, memory: CardState, at: datetime) -> fsrs.Card:
        if memory.state == NEW:
            return fsrs.Card(card_id=num, state=fsrs.State.Learning, step=0, due=at)
        return fsrs.Card(
            card_id=num,
            state=fsrs.State(memory.state),
            step=memory.step,
            stability=memory.stability,
            difficulty=memory.difficulty,
            due=from_epoch(memory.due) or at,
            last_review=from_epoch(memory.last_review),
        )

    def next_state(self, num: int, before: CardState, rating: Rating, at: datetime) -> CardState:
        """The card's state after answering ``rating`` at ``at`` (whole seconds, UTC)."""
        card, _ = self.fsrs.review_card(self.to_fsrs(num, before, at), rating, at)
        due = card.due
        if card.state == fsrs.State.Review:
            due = at + self._fuzzed(due - at, seed=f"{num}:{before.reps}:{before.last_review}")
        lapsed = before.state == REVIEW and rating == Rating.Again
        return CardState(
            state=int(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=to_epoch(due),
            last_review=to_epoch(at),
            reps=before.reps + 1,
            lapses=before.lapses + lapsed,
            suspended=before.suspended,
            leech=before.leech,
        )

    def _fuzzed(self, interval: timedelta, seed: str) -> timedelta:
        """Anki's fuzz ranges (±~5–15 %), drawn from a generator seeded per card and review."""
        days = interval.days
        if days < 2.5:
            return interval
        low, high = self.fuzz_range(days)
        self._fuzz.seed(seed)  # (re-seeding gives the draws a new Random(seed) would)
        return timedelta(days=self._fuzz.randint(low, high))

    def fuzz_range(self, days: int) -> tuple[int, int]:
        """The days an interval of ``days`` (3 or more) may be fuzzed to, both ends included."""
        delta = 1.0 + sum(
            r["factor"] * max(min(float(days), r["end"]) - r["start"], 0.0) for r in FUZZ_RANGES
        )
        high = min(round(days + delta), self.config.maximum_interval)
        low = min(max(2, round(days - delta)), high)
        return low, high

    def preview(self, num: int, before: CardState, at: datetime) -> dict[Rating, timedelta]:
        """The next interval each rating would give now (for the answer buttons)."""
        at = at.replace(microsecond=0)
        return {
            rating: from_epoch(self.next_state(num, before, rating, at).due) - at  # type: ignore[operator]
            for rating in Rating
        }

    def study_day_end(self, at: datetime, tz: tzinfo | None = None) -> int:
        """When the study day holding ``at`` ends (epoch seconds): the day is worked out once
        (~10 µs of zone arithmetic) and reused while answers fall inside it, for the same zone
        (the system zone's names and offsets stand for it when ``tz`` is None: a changed TZ
        misses)."""
        system = (time.tzname, time.timezone, time.altzone) if tz is None else None
        zone = (tz, self.config.rollover_hour, system)
        if self._day is not None:
            cached_zone, day = self._day
            if cached_zone == zone and day.start <= at < day.end:
                return to_epoch(day.end)
        day = study_day(at, self.config.rollover_hour, tz)
        self._day = (zone, day)
        return to_epoch(day.end)

    def is_leech(self, lapses: int) -> bool:
        """Anki's rule: at the threshold, then again every half threshold."""
        threshold = self.config.leech_threshold
        return lapses >= threshold and (lapses - threshold) % max(threshold // 2, 1) == 0


def answer(
    store: Store,
    scheduler: Scheduler,
    card_num: int,
    rating: Rating,
    now: datetime,
    duration_ms: int | None = None,
    tz: tzinfo | None = None,
) -> Answered:
    """Answer a card in one transaction: new state, log row, sibling burying, leech check."""
    at = now.astimezone(UTC).replace(microsecond=0)
    rating = Rating(rating)
    tomorrow = scheduler.study_day_end(at, tz)
    with store.write():
        # Re-read inside the transaction (another session may have answered it meanwhile),
        # with the siblings this answer buries, in one statement.
        card, siblings = store.card_and_siblings(card_num, tomorrow)
        if card is None:
            raise StudydeckError(f"card #{card_num} is not in the store")
        before = card.memory
        after = scheduler.next_state(card.num, before, rating, at)
        became_leech = after.lapses > before.lapses and scheduler.is_leech(after.lapses)
        if became_leech:
            after = CardState(*after.fsrs_part(), suspended=True, leech=True)
        store.set_buried_until([s.num for s in siblings], tomorrow)
        buried = {s.num: s.buried_until for s in siblings}
        review_id = store.add_review(
            card.num, to_epoch(at), int(rating), duration_ms, before, after, buried
        )
        store.set_memory(card.num, after)
    return Answered(
        review_id, card, rating, at, after, became_leech, duration_ms, tuple(siblings), tomorrow
    )


def undo(store: Store, review_id: int) -> Review:
    """Take back an answer: restore the card (and buried siblings) exactly, drop the log row."""
    with store.write():
        review = store.review_by_id(review_id)
        if review is None:
            raise StudydeckError("nothing to undo: that review is no longer in the log")
        if store.last_review_id(review.card_num) != review_id:
            raise StudydeckError(
                f"cannot undo: {review.card_id} was reviewed again since (another session?)"
            )
        store.set_memory(review.card_num, review.before)
        for num, previous in review.buried.items():
            store.set_buried_until([num], previous)
        store.delete_review(review_id)
    return review


def forget(store: Store, card_ids: Sequence[str], now: datetime) -> None:
    """Reset cards to new, keeping their history (a RESET row in the log marks the point)."""
    at = to_epoch(now)
    with store.write():
        for num in store.nums(card_ids):
            card = store.card_by_num(num)
            assert card is not None
            after = CardState(suspended=card.memory.suspended, leech=card.memory.leech)
            store.add_review(num, at, RESET, None, card.memory, after)
            store.set_memory(num, after)


def replay(scheduler: Scheduler, num: int, reviews: Iterable[Review]) -> CardState:
    """A card's state rebuilt from its log alone (FSRS part; flags are not replayed), in time
    order: a review synced from another device is appended after newer ones of ours."""
    state = CardState()
    for review in sorted(reviews, key=lambda r: (r.reviewed_at, r.id)):
        if review.rating == RESET:
            state = CardState()
        else:
            state = scheduler.next_state(
                num, state, Rating(review.rating), from_epoch(review.reviewed_at)
            )  # type: ignore[arg-type]
    return state


__all__ = [
    "LEARNING",
    "LEARN_AHEAD",
    "NEW",
    "RELEARNING",
    "REVIEW",
    "Answered",
    "DeckStatus",
    "Rating",
    "Scheduler",
    "StudyDay",
    "answer",
    "forget",
    "next_card",
    "replay",
    "status",
    "study_day",
    "undo",
]
