"""Today's queue: the study day, what comes next, and how much is left — per deck, like Anki.

The daily limits (``new_per_day``, ``reviews_per_day``) apply to each deck on its own, counting
what was answered *in that deck* today; an all-decks session takes from each deck up to its own
limit. Nothing here imports ``fsrs``, so ``studydeck status`` starts without it.
"""

# No ``from __future__ import annotations``: see studydeck.store.records (NamedTuples).

from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from studydeck.config import Config
from studydeck.fieldwise import Fieldwise
from studydeck.store import (
    NEW,
    REVIEW,
    CardState,
    Store,
    StoredCard,
    Today,
    from_epoch,
    to_epoch,
)

LEARN_AHEAD = timedelta(minutes=20)  # like Anki: when nothing else is left, show soon-due steps
NO_ANSWERS = Today(0, 0, 0)


# No dataclasses here (see studydeck.fieldwise): ``status`` imports this module.
class StudyDay(NamedTuple):
    """The local study day (rollover hour to rollover hour), as UTC instants."""

    start: datetime
    end: datetime


def study_day(now: datetime, rollover_hour: int, tz: tzinfo | None = None) -> StudyDay:
    """The study day containing ``now``: before the rollover hour it is still "yesterday".
    ``tz`` is a zone with rules (``zoneinfo.ZoneInfo``); None is the system's zone."""
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=1 if local.hour < rollover_hour else 0)
    start = rollover_instant(day, rollover_hour, tz)
    return StudyDay(start, rollover_instant(day + timedelta(days=1), rollover_hour, tz))


def rollover_instant(day: date, rollover_hour: int, tz: tzinfo | None = None) -> datetime:
    """When ``day`` starts, in UTC: the rollover hour on the wall clock, with that date's own
    UTC offset (on a DST change day it differs from the offset of the hour before)."""
    wall = datetime.combine(day, time(rollover_hour))
    # A naive time's astimezone() applies the system zone's rules for that date.
    local = wall.astimezone() if tz is None else wall.replace(tzinfo=tz)
    return local.astimezone(UTC)


def _decks(store: Store, deck: str | None) -> list[str]:
    """The decks a session draws from: one, or every deck that loaded cleanly."""
    names = store.deck_names()
    return names if deck is None else [d for d in names if d == deck]


def next_card(
    store: Store,
    config: Config,
    now: datetime,
    *,
    deck: str | None = None,
    exclude: Iterable[int] = (),
    tz: tzinfo | None = None,
) -> StoredCard | None:
    """Anki's order: learning steps due now, then due reviews (most overdue first, from decks
    under their daily review limit), then new cards in deck order (from decks under their new
    limit), then learning steps due within the learn-ahead window."""
    exclude = tuple(exclude)
    decks = _decks(store, deck)
    if not decks:
        return None
    day = study_day(now, config.rollover_hour, tz)
    at = to_epoch(now)
    card = store.next_learning(at, at, decks=decks, exclude=exclude)
    if card:
        return card
    done = store.today_by_deck(to_epoch(day.start), to_epoch(day.end))
    reviewing = [d for d in decks if done.get(d, NO_ANSWERS).reviews_done < config.reviews_per_day]
    card = store.next_review(to_epoch(day.end), at, decks=reviewing, exclude=exclude)
    if card:
        return card
    learning_new = [d for d in decks if done.get(d, NO_ANSWERS).new_done < config.new_per_day]
    card = store.next_new(at, decks=learning_new, exclude=exclude)
    if card:
        return card
    return store.next_learning(to_epoch(now + LEARN_AHEAD), at, decks=decks, exclude=exclude)


def buried_today(
    store: Store,
    config: Config,
    now: datetime,
    *,
    deck: str | None = None,
    tz: tzinfo | None = None,
) -> int:
    """Cards today's queue would hold (limits aside) that are buried until a later day."""
    day = study_day(now, config.rollover_hour, tz)
    return store.count_buried(to_epoch(now), to_epoch(day.end), decks=_decks(store, deck))


def unbury(store: Store, now: datetime, *, deck: str | None = None) -> int:
    """Bring back the buried cards of ``deck`` (or of every deck); how many there were."""
    return store.unbury(to_epoch(now), decks=_decks(store, deck))


# ── how much is left ────────────────────────────────────────────────────────


class DeckQueue(Fieldwise):
    """One deck's part of today's queue. The new and review pools are counted only up to what
    the deck's limit allows (``*_capped``: the count stopped there, there may be more)."""

    _fields = ("learning", "new_pool", "review_pool", "new_capped", "review_capped",
               "new_done", "reviews_done")  # fmt: skip
    __slots__ = _fields

    def __init__(
        self,
        learning: int = 0,
        new_pool: int = 0,
        review_pool: int = 0,
        new_capped: bool = False,
        review_capped: bool = False,
        new_done: int = 0,
        reviews_done: int = 0,
    ) -> None:
        self.learning = learning
        self.new_pool = new_pool
        self.review_pool = review_pool
        self.new_capped = new_capped
        self.review_capped = review_capped
        self.new_done = new_done
        self.reviews_done = reviews_done


class QueueCounts(Fieldwise):
    """Today's queue sizes per deck, counted once and then kept up to date by the session as
    cards are answered, undone, buried, suspended or skipped (tested against a fresh count).

    A capped pool stays exact under those changes: answering or undoing moves a card and the
    deck's allowance together, and when removals take a capped pool below the allowance, that
    one deck and pool is counted again (at most ``limit`` index entries).
    """

    _fields = ("store", "config", "day", "now", "exclude", "deck", "decks")

    def __init__(
        self,
        store: Store,
        config: Config,
        day: StudyDay,
        now: int,
        exclude: Collection[int] = (),  # the session's set-aside cards (a live view)
        deck: str | None = None,
        decks: dict[str, DeckQueue] | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.day = day
        self.now = now
        self.exclude = exclude
        self.deck = deck
        self.decks: dict[str, DeckQueue] = {} if decks is None else decks

    @classmethod
    def count(
        cls,
        store: Store,
        config: Config,
        now: datetime,
        *,
        deck: str | None = None,
        exclude: Collection[int] = (),
        tz: tzinfo | None = None,
    ) -> "QueueCounts":
        day = study_day(now, config.rollover_hour, tz)
        counts = cls(store, config, day, to_epoch(now), exclude, deck)
        done = store.today_by_deck(to_epoch(day.start), to_epoch(day.end))
        for name in _decks(store, deck):
            today = done.get(name, NO_ANSWERS)
            queue = counts.decks[name] = DeckQueue(
                new_done=today.new_done, reviews_done=today.reviews_done
            )
            queue.learning = store.count_pool("learning", name, *counts._window, exclude=exclude)
            counts._recount(name, "new")
            counts._recount(name, "review")
        return counts

    @property
    def _window(self) -> tuple[int, int]:
        return to_epoch(self.day.end), self.now

    def _allowance(self, queue: DeckQueue, pool: str) -> int:
        if pool == "new":
            return max(self.config.new_per_day - queue.new_done, 0)
        return max(self.config.reviews_per_day - queue.reviews_done, 0)

    def _recount(self, name: str, pool: str) -> None:
        queue = self.decks[name]
        limit = self._allowance(queue, pool)
        size = self.store.count_pool(pool, name, *self._window, limit=limit, exclude=self.exclude)
        setattr(queue, f"{pool}_pool", size)
        setattr(queue, f"{pool}_capped", size == limit)

    def _size(self, name: str, pool: str) -> int:
        queue = self.decks[name]
        allowance = self._allowance(queue, pool)
        size = getattr(queue, f"{pool}_pool")
        if size < allowance and getattr(queue, f"{pool}_capped"):
            self._recount(name, pool)
            size = getattr(queue, f"{pool}_pool")
        return min(size, allowance)

    def sizes(self) -> dict[str, dict[str, int]]:
        """Per deck: learning due today, and the new and due cards its limits still allow."""
        return {
            name: {
                "new": self._size(name, "new"),
                "learning": queue.learning,
                "due": self._size(name, "review"),
            }
            for name, queue in self.decks.items()
        }

    def remaining(self) -> int:
        return sum(sum(sizes.values()) for sizes in self.sizes().values())

    # ── keeping up with the session ──────────────────────────────────────────

    def pool_of(self, card: StoredCard, *, excluded: bool | None = None) -> str | None:
        """The pool ``card`` counts in today, as the counting queries decide it."""
        memory = card.memory
        if excluded is None:
            excluded = card.num in self.exclude
        if (
            excluded
            or card.deck not in self.decks
            or card.archived
            or memory.suspended
            or card.buried_until > self.now
        ):
            return None
        if memory.state == NEW:
            return "new"
        if memory.due is None or memory.due >= to_epoch(self.day.end):
            return None
        return "review" if memory.state == REVIEW else "learning"

    def moved(
        self, before: StoredCard | None, after: StoredCard | None, *, excluded: bool | None = None
    ) -> None:
        """A card changed from ``before`` to ``after`` (None: not there / gone)."""
        for card, step in ((before, -1), (after, +1)):
            pool = card and self.pool_of(card, excluded=excluded)
            if card is None or pool is None:
                continue
            queue = self.decks[card.deck]
            if pool == "learning":
                queue.learning += step
            else:
                setattr(queue, f"{pool}_pool", getattr(queue, f"{pool}_pool") + step)

    def _count_answer(self, deck: str, before: CardState, step: int) -> None:
        queue = self.decks.get(deck)
        if queue is None:
            return
        if before.state == NEW:
            queue.new_done += step
        elif before.state == REVIEW:
            queue.reviews_done += step

    def answered(
        self, card: StoredCard, after: CardState, siblings: Iterable[StoredCard], until: int
    ) -> None:
        """``card`` was answered (its new state ``after``) and ``siblings`` buried until
        ``until``."""
        self._count_answer(card.deck, card.memory, +1)
        self.moved(card, card._replace(memory=after))
        for sibling in siblings:
            self.moved(sibling, sibling._replace(buried_until=until))

    def undone(
        self,
        current: StoredCard,
        restored: StoredCard,
        siblings: Iterable[tuple[StoredCard, StoredCard]],
        *,
        answered_at: int,
        was_excluded: bool,
    ) -> None:
        """An answer given at ``answered_at`` was taken back: the card went from ``current``
        (set aside or not) to ``restored``; each sibling from its first to its second state."""
        if answered_at >= to_epoch(self.day.start):
            self._count_answer(restored.deck, restored.memory, -1)
        self.moved(current, None, excluded=was_excluded)
        self.moved(None, restored)
        for now_, then in siblings:
            self.moved(now_, then)


# ── status ──────────────────────────────────────────────────────────────────


class DeckStatus(NamedTuple):
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
    """Per deck what today's session would show (each deck's limits applied), and reviews
    done today."""
    counts = QueueCounts.count(store, config, now, tz=tz)
    sizes = counts.sizes()
    today = store.today(to_epoch(counts.day.start), to_epoch(counts.day.end))
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


def next_due_label(due: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """When a deck's next card is due, for people: ``now`` once it is due (an overdue time would
    read as a time already past), ``HH:MM`` later today, else ``YYYY-MM-DD HH:MM`` (local)."""
    if due <= now:
        return "now"
    local = due.astimezone(tz)
    if local.date() == now.astimezone(tz).date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


__all__ = [
    "LEARN_AHEAD",
    "DeckQueue",
    "DeckStatus",
    "QueueCounts",
    "StudyDay",
    "buried_today",
    "next_card",
    "next_due_label",
    "status",
    "study_day",
    "unbury",
]
