"""FSRS scheduling and the queue policy: what to study next, what an answer does, undo, replay.

``fsrs.Scheduler`` does the memory model. Its own fuzz draws from the global ``random``; we turn
it off and fuzz with a generator seeded by (card, review time) instead, so replaying a card's log
gives back exactly the stored due dates.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

import fsrs
from fsrs.scheduler import FUZZ_RANGES

from studydeck.config import Config
from studydeck.errors import StudydeckError
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
LEARN_AHEAD = timedelta(minutes=20)  # like Anki: when nothing else is left, show soon-due steps
RATING_NAMES = {r.name.lower(): r for r in Rating}


@dataclass(frozen=True, slots=True)
class StudyDay:
    """The local study day (rollover hour to rollover hour), as UTC instants."""

    start: datetime
    end: datetime


def study_day(now: datetime, rollover_hour: int, tz: tzinfo | None = None) -> StudyDay:
    """The study day containing ``now``: before the rollover hour it is still "yesterday"."""
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=1 if local.hour < rollover_hour else 0)
    start = datetime.combine(day, time(rollover_hour), tzinfo=local.tzinfo)
    end = datetime.combine(day + timedelta(days=1), time(rollover_hour), tzinfo=local.tzinfo)
    return StudyDay(start.astimezone(UTC), end.astimezone(UTC))


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
            due = at + self._fuzzed(due - at, seed=f"{num}:{to_epoch(at)}")
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
        """Anki's fuzz ranges (±~5–15 %), drawn from a generator seeded per card and time."""
        days = interval.days
        if days < 2.5:
            return interval
        delta = 1.0 + sum(
            r["factor"] * max(min(float(days), r["end"]) - r["start"], 0.0) for r in FUZZ_RANGES
        )
        high = min(round(days + delta), self.config.maximum_interval)
        low = min(max(2, round(days - delta)), high)
        return timedelta(days=random.Random(seed).randint(low, high))

    def preview(self, num: int, before: CardState, at: datetime) -> dict[Rating, timedelta]:
        """The next interval each rating would give now (for the answer buttons)."""
        at = at.replace(microsecond=0)
        return {
            rating: from_epoch(self.next_state(num, before, rating, at).due) - at  # type: ignore[operator]
            for rating in Rating
        }

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
    with store.write():
        card = store.card_by_num(card_num)  # re-read inside the transaction: another session
        if card is None:  # may have answered it meanwhile
            raise StudydeckError(f"card #{card_num} is not in the store")
        before = card.memory
        after = scheduler.next_state(card.num, before, rating, at)
        became_leech = after.lapses > before.lapses and scheduler.is_leech(after.lapses)
        if became_leech:
            after = CardState(*after.fsrs_part(), suspended=True, leech=True)
        tomorrow = to_epoch(study_day(at, scheduler.config.rollover_hour, tz).end)
        buried = store.bury_siblings(card, tomorrow)
        review_id = store.add_review(
            card.num, to_epoch(at), int(rating), duration_ms, before, after, buried
        )
        store.set_memory(card.num, after)
    return Answered(review_id, card, rating, at, after, became_leech, duration_ms)


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
    """A card's state rebuilt from its log alone (FSRS part; flags are not replayed)."""
    state = CardState()
    for review in reviews:
        if review.rating == RESET:
            state = CardState()
        else:
            state = scheduler.next_state(
                num, state, Rating(review.rating), from_epoch(review.reviewed_at)
            )  # type: ignore[arg-type]
    return state


def next_card(
    store: Store,
    config: Config,
    now: datetime,
    *,
    deck: str | None = None,
    exclude: Iterable[int] = (),
    tz: tzinfo | None = None,
) -> StoredCard | None:
    """Anki's order: learning steps due now, then due reviews (most overdue first, up to the
    daily limit), then new cards in deck order (up to the daily limit), then learning steps due
    within the learn-ahead window."""
    exclude = tuple(exclude)
    day = study_day(now, config.rollover_hour, tz)
    at = to_epoch(now)
    card = store.next_learning(at, at, deck=deck, exclude=exclude)
    if card:
        return card
    today = store.today(to_epoch(day.start))
    if today.reviews_done < config.reviews_per_day:
        card = store.next_review(to_epoch(day.end), at, deck=deck, exclude=exclude)
        if card:
            return card
    if today.new_done < config.new_per_day:
        card = store.next_new(at, deck=deck, exclude=exclude)
        if card:
            return card
    return store.next_learning(to_epoch(now + LEARN_AHEAD), at, deck=deck, exclude=exclude)


@dataclass(frozen=True, slots=True)
class DeckStatus:
    deck: str
    new: int
    learning: int
    due: int
    total: int
    suspended: int
    next_due: datetime | None


def status(
    store: Store, config: Config, now: datetime, tz: tzinfo | None = None
) -> tuple[list[DeckStatus], int]:
    """Per deck what today's session would show (limits applied), and reviews done today."""
    day = study_day(now, config.rollover_hour, tz)
    today = store.today(to_epoch(day.start))
    sizes = store.queue_sizes(
        to_epoch(day.end),
        to_epoch(now),
        new_limit=config.new_per_day - today.new_done,
        review_limit=config.reviews_per_day - today.reviews_done,
    )
    decks = []
    for name, totals in sorted(store.deck_totals().items()):
        size = sizes.get(name, {})
        decks.append(
            DeckStatus(
                deck=name,
                new=size.get("new", 0),
                learning=size.get("learning", 0),
                due=size.get("due", 0),
                total=totals["total"],
                suspended=totals["suspended"],
                next_due=from_epoch(totals["next_due"]),
            )
        )
    return decks, today.answered


__all__ = [
    "LEARNING",
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
