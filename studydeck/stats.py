"""Review statistics computed over the store's columns: activity, retention, forecast, recall.

Everything is one SQL query per figure over indexed columns; days are the learner's study days
(local, with the rollover hour) so the numbers agree with what ``study`` calls "today".
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise

from fsrs.scheduler import DEFAULT_PARAMETERS

from studydeck.config import Config
from studydeck.schedule import study_day
from studydeck.store import LEARNING, NEW, RELEARNING, REVIEW, Store, to_epoch
from studydeck.store_errors import translated

HISTORY_DAYS = 90
RECENT_DAYS = 30  # the per-day chart of ``stats`` and of the TUI's Stats screen: one window
FORECAST_DAYS = 30
MATURE_DAYS = 21  # Anki's threshold: a card whose last interval was 21 days or more
DAY = 86_400
STATE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}
# Cards that count: not archived, from a deck that loaded cleanly (as the study queue).
_AVAILABLE = "c.archived = 0 AND c.deck IN (SELECT deck FROM deck_files WHERE error IS NULL)"


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date  # the study day (it starts at the rollover hour)
    count: int


@dataclass(frozen=True, slots=True)
class WeekRetention:
    week: date  # Monday of the week (study days)
    mature_reviews: int
    passed: int  # answered Hard, Good or Easy

    @property
    def retention(self) -> float | None:
        return self.passed / self.mature_reviews if self.mature_reviews else None


@dataclass(frozen=True, slots=True)
class Stats:
    deck: str | None
    today: date
    desired_retention: float
    reviews_per_day: list[DayCount]  # the last HISTORY_DAYS study days, oldest first
    retention_by_week: list[WeekRetention]  # weeks overlapping those days, oldest first
    forecast: list[DayCount]  # due per day from today (today includes overdue cards)
    cards_by_state: dict[str, int]  # new/learning/review/relearning (unsuspended) + suspended
    average_retrievability: float | None  # over studied, unsuspended cards, now
    retrievability_cards: int

    def to_json(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        for key in ("reviews_per_day", "forecast"):
            data[key] = [{"day": d.day.isoformat(), "count": d.count} for d in getattr(self, key)]
        data["retention_by_week"] = [
            {
                "week": w.week.isoformat(),
                "mature_reviews": w.mature_reviews,
                "passed": w.passed,
                "retention": w.retention,
            }
            for w in self.retention_by_week
        ]
        return data


@translated
def compute(
    store: Store,
    config: Config,
    now: datetime,
    *,
    deck: str | None = None,
    tz: tzinfo | None = None,
) -> Stats:
    today = study_day(now, config.rollover_hour, tz)
    today_date = today.start.astimezone(tz).date()
    first_day = today_date - timedelta(days=HISTORY_DAYS - 1)
    # One pass over the review log, by study day, from the Monday of the first day's week:
    # the last HISTORY_DAYS days are the activity, whole weeks of them the retention.
    monday = first_day - timedelta(days=first_day.weekday())
    span = (today_date - monday).days + 1
    per_day = _review_days(store, _days(monday, span, config.rollover_hour, tz), deck)
    skip = (first_day - monday).days
    reviews = [
        DayCount(d, n)
        for d, (n, _, _) in zip(_dates(first_day, HISTORY_DAYS), per_day[skip:], strict=True)
    ]
    retention = []
    for week in range(0, span, 7):
        days = per_day[week : week + 7]
        retention.append(
            WeekRetention(
                monday + timedelta(days=week),
                sum(total for _, total, _ in days),
                sum(passed for _, _, passed in days),
            )
        )

    ahead = _days(today_date + timedelta(days=1), FORECAST_DAYS - 1, config.rollover_hour, tz)
    due = _due_per_day(store, ahead, deck)
    forecast = [DayCount(d, n) for d, n in zip(_dates(today_date, FORECAST_DAYS), due, strict=True)]

    average, counted = average_retrievability(store, config, now, deck=deck)
    return Stats(
        deck=deck,
        today=today_date,
        desired_retention=config.desired_retention,
        reviews_per_day=reviews,
        retention_by_week=retention,
        forecast=forecast,
        cards_by_state=cards_by_state(store, deck),
        average_retrievability=average,
        retrievability_cards=counted,
    )


# ── day boundaries ────────────────────────────────────────────────────────────


def _dates(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


def _day_start(day: date, rollover_hour: int, tz: tzinfo | None) -> int:
    """Epoch second at which a study day starts (local time; DST-aware with a zoneinfo tz)."""
    naive = datetime(day.year, day.month, day.day, rollover_hour)
    return to_epoch(naive.replace(tzinfo=tz) if tz else naive.astimezone())


def _days(first: date, count: int, rollover_hour: int, tz: tzinfo | None) -> list[int]:
    """Starts of ``count + 1`` consecutive study days: the boundaries of ``count`` days."""
    return [_day_start(d, rollover_hour, tz) for d in _dates(first, count + 1)]


def _bucket_sql(bounds: list[int]) -> str:
    """A CTE ``days(i, lo, hi)`` of half-open intervals between consecutive boundaries."""
    rows = ",".join(f"({i},{lo},{hi})" for i, (lo, hi) in enumerate(pairwise(bounds)))
    return f"WITH days(i, lo, hi) AS (VALUES {rows})"


def _deck_filter(deck: str | None) -> tuple[str, list]:
    return ("AND c.deck = ?", [deck]) if deck else ("", [])


# ── the figures ───────────────────────────────────────────────────────────────


def _review_days(store: Store, bounds: list[int], deck: str | None) -> list[tuple[int, int, int]]:
    """Per study day: reviews (not resets), and of them the mature ones (Anki's "true
    retention": cards in review whose scheduled interval was at least MATURE_DAYS) and how
    many of those were not Again. One range scan of the covering index ``review_log_stats``."""
    # A deck: its cards' nums, once; "+" keeps the planner on the time range (by card it
    # would walk every review of the deck, then the table).
    where = "AND +r.card IN (SELECT num FROM cards WHERE deck = ?)" if deck else ""
    params = [deck] if deck else []
    mature = (
        f"r.before_state = {REVIEW} AND r.before_due - r.before_last_review >= {MATURE_DAYS * DAY}"
    )
    rows = store.db.execute(
        f"{_bucket_sql(bounds)} SELECT days.i, count(r.id), total({mature}), "
        f"total({mature} AND r.rating > 1) FROM days "
        "JOIN review_log r ON r.reviewed_at >= days.lo AND r.reviewed_at < days.hi "
        f"WHERE r.rating > 0 {where} GROUP BY days.i",
        params,
    )
    out = [(0, 0, 0)] * (len(bounds) - 1)
    for i, count, total, passed in rows:
        out[i] = (count, int(total), int(passed))
    return out


def _due_per_day(store: Store, ends: list[int], deck: str | None) -> list[int]:
    """Cards due per study day, given the end of each day (the first also holds the overdue)."""
    where, params = _deck_filter(deck)
    bounds = [-(2**62), *ends]
    rows = store.db.execute(
        f"{_bucket_sql(bounds)} SELECT days.i, count(c.num) FROM days "
        "JOIN cards c ON c.due >= days.lo AND c.due < days.hi "
        f"WHERE c.state != {NEW} AND c.suspended = 0 AND {_AVAILABLE} {where} GROUP BY days.i",
        params,
    )
    counts = [0] * len(ends)
    for i, n in rows:
        counts[i] = n
    return counts


@translated
def cards_by_state(store: Store, deck: str | None = None) -> dict[str, int]:
    where, params = _deck_filter(deck)
    counts = dict.fromkeys([*STATE_NAMES.values(), "suspended"], 0)
    rows = store.db.execute(
        f"SELECT CASE WHEN c.suspended THEN -1 ELSE c.state END, count(*) FROM cards c "
        f"WHERE {_AVAILABLE} {where} GROUP BY 1",
        params,
    )
    for state, n in rows:
        counts[STATE_NAMES.get(state, "suspended")] = n
    return counts


# ── retrievability, vectorised ────────────────────────────────────────────────


def _curve(config: Config) -> tuple[float, float]:
    """FSRS-6 forgetting curve constants: R = (1 + factor * days / S) ** decay."""
    parameters = config.fsrs_parameters or DEFAULT_PARAMETERS
    decay = -parameters[20]
    return 0.9 ** (1 / decay) - 1, decay


@translated
def average_retrievability(
    store: Store, config: Config, now: datetime, *, deck: str | None = None, use_sql: bool = True
) -> tuple[float | None, int]:
    """Mean probability of recall now over studied, unsuspended cards, and how many there are.

    One pass over the stability/last_review columns, with the elapsed whole days counted as
    ``fsrs.Scheduler.get_card_retrievability`` counts them (floor of elapsed 24-hour periods,
    never negative). In SQL when SQLite has ``pow`` (3.35+ with math functions), else in
    plain Python over the two fetched columns.
    """
    factor, decay = _curve(config)
    at = to_epoch(now)
    where, params = _deck_filter(deck)
    select = (
        f"FROM cards c WHERE c.state != {NEW} AND c.suspended = 0 AND c.stability > 0 "
        f"AND {_AVAILABLE} {where}"
    )
    elapsed = f"max(0, (? - c.last_review) / {DAY})"  # integer division: whole days
    if use_sql:
        try:
            total, count = store.db.execute(
                f"SELECT total(pow(1 + ? * {elapsed} / c.stability, ?)), count(*) {select}",
                [factor, at, decay, *params],
            ).fetchone()
        except sqlite3.OperationalError:  # no math functions in this SQLite
            return average_retrievability(store, config, now, deck=deck, use_sql=False)
    else:
        rows = store.db.execute(f"SELECT c.last_review, c.stability {select}", params).fetchall()
        total = sum((1 + factor * max(0, (at - lr) // DAY) / s) ** decay for lr, s in rows)
        count = len(rows)
    return (total / count if count else None), count
