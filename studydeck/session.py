"""The study session state machine, shared by the TUI and ``study --plain``.

No I/O and no printing: a front end asks for :attr:`Session.current`, calls :meth:`reveal`, shows
:meth:`intervals`, then :meth:`answer` (which commits before returning), :meth:`undo`,
:meth:`skip`, :meth:`bury` or :meth:`suspend`, and finally shows :meth:`summary`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from studydeck import schedule
from studydeck.config import Config
from studydeck.queue import QueueCounts, buried_today
from studydeck.schedule import Answered, Rating, Scheduler
from studydeck.store import Store, StoredCard, to_epoch
from studydeck.store_errors import CardChanged, StoreFull

MAX_ANSWER_MS = 60_000  # like Anki: a card left open over lunch counts as one minute


@dataclass(frozen=True, slots=True)
class Progress:
    done: int  # answers given in this session (undone ones don't count)
    remaining: int  # cards today's queue still holds (limits applied)


@dataclass(frozen=True, slots=True)
class Summary:
    reviewed: int
    again: int
    time_spent: timedelta
    due_later_today: int  # seen cards due before today's study day ends (learning steps)
    due_tomorrow: int  # seen cards due during the next study day
    buried: int = 0  # cards today's queue would hold but buried until tomorrow

    @property
    def again_rate(self) -> float:
        return self.again / self.reviewed if self.reviewed else 0.0


@dataclass
class Session:
    store: Store
    scheduler: Scheduler
    clock: Callable[[], datetime]
    deck: str | None = None
    tz: tzinfo | None = None  # local time zone for the study day; None = the system's
    current: StoredCard | None = field(default=None, init=False)
    revealed: bool = field(default=False, init=False)
    answers: list[Answered] = field(default_factory=list, init=False)
    _set_aside: set[int] = field(default_factory=set, init=False)  # skipped this session
    _counts: QueueCounts | None = field(default=None, init=False)  # counted on first use

    def __post_init__(self) -> None:
        self._advance()

    @property
    def config(self) -> Config:
        return self.scheduler.config

    @property
    def finished(self) -> bool:
        return self.current is None

    def _advance(self) -> None:
        self.revealed = False
        self.current = schedule.next_card(
            self.store,
            self.config,
            self.clock(),
            deck=self.deck,
            exclude=self._set_aside,
            tz=self.tz,
        )

    def _require_card(self) -> StoredCard:
        if self.current is None:
            raise RuntimeError("the session has no current card")
        return self.current

    def reveal(self) -> None:
        self._require_card()
        self.revealed = True

    def intervals(self) -> dict[Rating, timedelta]:
        """What each rating would schedule for the current card, now."""
        card = self._require_card()
        return self.scheduler.preview(card.num, card.memory, self.clock())

    def answer(self, rating: Rating | int, duration_ms: int | None = None) -> Answered:
        """Record the answer (committed when this returns) and move to the next card.
        ``duration_ms`` is capped at :data:`MAX_ANSWER_MS`.

        Raises :class:`CardChanged`, recording nothing, when another session changed the card
        since it was shown (its intervals were stale); the session has then moved on to what
        is due now — the same card with fresh intervals, if it still is. On a full disk,
        :class:`StoreFull`: nothing was recorded and the card stays current."""
        card = self._require_card()
        if duration_ms is not None:
            duration_ms = min(max(duration_ms, 0), MAX_ANSWER_MS)
        try:
            with self.store.expecting(card.num, card.memory):
                done = schedule.answer(
                    self.store, self.scheduler, card.num, Rating(rating), self.clock(),
                    duration_ms, self.tz,
                )  # fmt: skip
        except StoreFull:
            raise StoreFull(f"disk full: the answer was not saved ({self.store.path})") from None
        except CardChanged:
            self._counts = None  # counted afresh on the next progress()
            self._advance()
            raise
        self.answers.append(done)
        if self._counts is not None:
            self._counts.answered(done.card, done.after, done.siblings, done.buried_until)
        self._advance()
        return done

    def undo(self) -> Answered | None:
        """Take back this session's last answer; that card becomes current again."""
        if not self.answers:
            return None
        last = self.answers[-1]
        touched = [last.card.num, *(s.num for s in last.siblings)]
        before = [self.store.card_by_num(num) for num in touched]
        schedule.undo(self.store, last.review_id)
        undone = self.answers.pop()
        was_excluded = undone.card.num in self._set_aside
        self._set_aside.discard(undone.card.num)
        after = [self.store.card_by_num(num) for num in touched]
        self.current = after[0]
        self.revealed = False
        if self._counts is not None and before[0] and after[0]:
            self._counts.undone(
                before[0],
                after[0],
                list(zip(before[1:], after[1:], strict=True)),
                answered_at=to_epoch(undone.reviewed_at),
                was_excluded=was_excluded,
            )
        return undone

    def skip(self) -> None:
        """Set the current card aside for the rest of this session (its state is unchanged)."""
        card = self._require_card()
        if self._counts is not None:
            self._counts.moved(card, None)
        self._set_aside.add(card.num)
        self._advance()

    def bury(self) -> None:
        """Hide the current card until the next study day."""
        card = self._require_card()
        tomorrow = schedule.study_day(self.clock(), self.config.rollover_hour, self.tz).end
        with self.store.write():
            self.store.set_buried_until([card.num], to_epoch(tomorrow))
        if self._counts is not None:
            self._counts.moved(card, None)
        self._advance()

    def suspend(self) -> None:
        """Suspend the current card until ``studydeck unsuspend``."""
        card = self._require_card()
        self.store.set_suspended([card.id], True)
        if self._counts is not None:
            self._counts.moved(card, None)
        self._advance()

    def idle(self) -> None:
        """Call while the user reads a card: housekeeping that answers should not wait for."""
        self.store.checkpoint_when_idle()

    def progress(self) -> Progress:
        """Answers given and cards left. The queue is counted once (again after the day's
        rollover) and then kept up to date by each answer, undo, skip, bury and suspend."""
        now = self.clock()
        day = schedule.study_day(now, self.config.rollover_hour, self.tz)
        if self._counts is None or self._counts.day != day:
            self._counts = self.recount()
        return Progress(done=len(self.answers), remaining=self._counts.remaining())

    def recount(self) -> QueueCounts:
        """Today's queue counted afresh (what :meth:`progress` keeps up to date)."""
        return QueueCounts.count(
            self.store, self.config, self.clock(), deck=self.deck, exclude=self._set_aside,
            tz=self.tz,
        )  # fmt: skip

    def summary(self) -> Summary:
        now = self.clock()
        day = schedule.study_day(now, self.config.rollover_hour, self.tz)
        again = sum(a.rating == Rating.Again for a in self.answers)
        spent = sum(a_.duration_ms or 0 for a_ in self.answers)
        today = self.store.count_due_by(to_epoch(day.end), deck=self.deck)
        by_tomorrow = self.store.count_due_by(to_epoch(day.end + timedelta(days=1)), deck=self.deck)
        buried = buried_today(self.store, self.config, now, deck=self.deck, tz=self.tz)
        return Summary(
            len(self.answers),
            again,
            timedelta(milliseconds=spent),
            due_later_today=today,
            due_tomorrow=by_tomorrow - today,
            buried=buried,
        )


def format_interval(interval: timedelta) -> str:
    """Compact, Anki-like: ``45s``, ``10m``, ``3h``, ``8d``, ``2.5mo``, ``1.2y``."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return f"{round(seconds)}s"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
