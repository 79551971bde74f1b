"""studydeck's FSRS state and review log → Anki's card columns and revlog rows (pure functions).

Anki keeps review due dates as day numbers counted from collection creation, so they are
written relative to ``today`` (the builder collection's ``col.sched.today``); the importer
shifts them into the target collection. Intraday learning cards are due at an epoch second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from studydeck.anki.model import CardState, Progress, Review, SchedulerSettings, study_day

# Anki's card type / queue numbers.
TYPE_NEW, TYPE_LEARN, TYPE_REVIEW, TYPE_RELEARN = 0, 1, 2, 3
QUEUE_SUSPENDED, QUEUE_NEW, QUEUE_LEARN, QUEUE_REVIEW, QUEUE_DAY_LEARN = -1, 0, 1, 2, 3
# Anki's revlog kinds.
REVLOG_LEARN, REVLOG_REVIEW, REVLOG_RELEARN, REVLOG_MANUAL = 0, 1, 2, 4
RESET_RATING = 0  # a "forget": Anki logs it as a manual entry with ease 0 and ivl 0
INITIAL_EASE = 2500  # Anki leaves a card's SM-2 factor at the initial ease under FSRS
MAX_ANSWER_MS = 60_000  # Anki's "maximum answer seconds" default

_CARD_TYPE = {
    CardState.NEW: TYPE_NEW,
    CardState.LEARNING: TYPE_LEARN,
    CardState.REVIEW: TYPE_REVIEW,
    CardState.RELEARNING: TYPE_RELEARN,
}
_REVLOG_KIND = {
    CardState.NEW: REVLOG_LEARN,
    CardState.LEARNING: REVLOG_LEARN,
    CardState.REVIEW: REVLOG_REVIEW,
    CardState.RELEARNING: REVLOG_RELEARN,
}


@dataclass(frozen=True, slots=True)
class AnkiSchedule:
    """The scheduling columns of one Anki card."""

    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    left: int
    stability: float | None
    difficulty: float | None
    last_review_secs: int | None


def anki_schedule(
    progress: Progress,
    settings: SchedulerSettings,
    *,
    now: datetime,
    today: int,
    tz: tzinfo | None = None,
) -> AnkiSchedule | None:
    """Anki's columns for a reviewed card; ``None`` for a new one (Anki's defaults fit it)."""
    if progress.state is CardState.NEW or progress.last_review is None or progress.due is None:
        return None
    rollover = settings.rollover_hour
    days_until_due = (study_day(progress.due, rollover, tz) - study_day(now, rollover, tz)).days
    day_due = today + days_until_due
    ctype = _CARD_TYPE[progress.state]
    step_gap = progress.due - progress.last_review
    if ctype == TYPE_REVIEW:
        queue, due = QUEUE_REVIEW, day_due
        last_day = study_day(progress.last_review, rollover, tz)
        ivl = max(1, (study_day(progress.due, rollover, tz) - last_day).days)
        left = 0
    else:
        steps = settings.learning_steps if ctype == TYPE_LEARN else settings.relearning_steps
        # A step of a day or more is an interday step: due as a day number, like a review.
        if step_gap >= timedelta(days=1):
            queue, due = QUEUE_DAY_LEARN, day_due
        else:
            queue, due = QUEUE_LEARN, int(progress.due.timestamp())
        left = max(1, len(steps) - (progress.step or 0))
        # A relearning card keeps a days interval (shown in Anki's browser) — at least 1.
        ivl = max(1, round(progress.stability or 1)) if ctype == TYPE_RELEARN else 0
    if progress.suspended:
        queue = QUEUE_SUSPENDED
    return AnkiSchedule(
        type=ctype,
        queue=queue,
        due=due,
        ivl=ivl,
        factor=INITIAL_EASE,
        reps=progress.reps,
        lapses=progress.lapses,
        left=left,
        stability=progress.stability,
        difficulty=progress.difficulty,
        last_review_secs=int(progress.last_review.timestamp()),
    )


def revlog_interval(interval: timedelta) -> int:
    """Anki's revlog ``ivl``: whole days, or negative seconds for a step under a day."""
    if interval >= timedelta(days=1):
        return round(interval / timedelta(days=1))
    return -max(1, round(interval.total_seconds()))


def revlog_factor(difficulty: float | None) -> int:
    """What Anki writes in ``revlog.factor`` under FSRS: difficulty 1–10 mapped to 100–1100."""
    if difficulty is None:
        return 0
    return round((0.1 + (difficulty - 1) / 9) * 1000)


def revlog_rows(card_id: int, reviews: tuple[Review, ...], taken: set[int]) -> list[tuple]:
    """``(id, cid, usn, ease, ivl, lastIvl, factor, time, type)`` per review, oldest first.

    Revlog ids are epoch milliseconds and must be unique in the package: a clash (two
    reviews in one millisecond) moves the later one on by a millisecond. ``taken`` collects
    the ids used so far.
    """
    rows = []
    last_ivl = 0
    for review in sorted(reviews, key=lambda r: r.time):
        rid = int(review.time.timestamp() * 1000)
        while rid in taken:
            rid += 1
        taken.add(rid)
        if review.rating == RESET_RATING:
            rows.append((rid, card_id, -1, 0, 0, last_ivl, 0, 0, REVLOG_MANUAL))
            last_ivl = 0
            continue
        ivl = revlog_interval(review.interval)
        rows.append(
            (
                rid,
                card_id,
                -1,
                review.rating,
                ivl,
                last_ivl,
                revlog_factor(review.difficulty),
                min(max(review.duration_ms, 0), MAX_ANSWER_MS),
                _REVLOG_KIND[review.state_before],
            )
        )
        last_ivl = ivl
    return rows
