"""stats on a small fixed log, checked against hand-computed numbers (UTC, rollover 4 h)."""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest

from studydeck import charts
from studydeck.config import Config
from studydeck.schedule import Scheduler
from studydeck.stats import average_retrievability, compute
from studydeck.store import LEARNING, NEW, RELEARNING, REVIEW, CardState, to_epoch

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday


def at(month, day, hour):
    return to_epoch(datetime(2026 if month < 6 else 2025, month, day, hour, tzinfo=UTC))


def review_state(interval_days: int, due: int) -> CardState:
    return CardState(REVIEW, None, 10.0, 5.0, due, due - interval_days * 86400, 3, 0)


@pytest.fixture
def log(store, write_deck, tmp_path):
    write_deck("d", [{"id": f"c{i}"} for i in range(1, 7)])
    write_deck("e", [{"id": "e1"}, {"id": "e2"}])
    store.sync_decks(tmp_path / "decks")
    num = {c.id: c.num for c in store.cards()}
    new = CardState()
    reviews = [  # card, time, rating, state before
        ("c1", at(3, 2, 3), 3, new),  # 03:00 is before the rollover: study day 03-01
        ("c1", at(3, 2, 5), 1, new),
        ("c2", at(3, 1, 10), 3, review_state(21, at(3, 1, 0))),  # mature, passed (Sunday)
        ("c3", at(3, 2, 10), 1, review_state(30, at(3, 2, 0))),  # mature, failed
        ("c4", at(3, 2, 11), 2, review_state(20, at(3, 2, 0))),  # 20 days: not mature
        ("c2", at(2, 25, 10), 4, review_state(25, at(2, 25, 0))),  # mature, passed
        ("c5", at(3, 2, 9), 0, new),  # a forget (RESET): not a review
        ("e1", at(3, 2, 6), 3, review_state(40, at(3, 2, 0))),  # mature, passed, deck e
        ("c1", at(11, 1, 10), 3, new),  # 2025-11-01: outside the 90 days
    ]
    memory = {
        "c1": CardState(LEARNING, 1, 3.0, 5.0, at(3, 2, 12) + 600, at(3, 2, 5), 2, 0),
        "c2": CardState(REVIEW, None, 10.0, 5.0, at(3, 5, 10), at(3, 1, 10), 4, 0),
        "c3": CardState(RELEARNING, 0, 2.0, 7.0, at(3, 2, 12) + 600, at(3, 2, 10), 4, 1),
        "c4": CardState(REVIEW, None, 5.0, 6.0, at(3, 3, 2), at(3, 2, 11), 4, 0),  # 02:00
        "c6": CardState(REVIEW, None, 50.0, 4.0, at(4, 15, 10), at(2, 1, 10), 5, 0),
        "e1": CardState(REVIEW, None, 40.0, 5.0, at(2, 20, 10), at(1, 10, 10), 3, 0),
        "e2": CardState(REVIEW, None, 8.0, 5.0, at(3, 4, 10), at(2, 24, 10), 3, 0, True),
    }
    with store.write():
        for card, time, rating, before in reviews:
            store.add_review(num[card], time, rating, None, before, before)
        for card, state in memory.items():
            store.set_memory(num[card], state)
    return store


def test_reviews_per_day_by_study_day(log):
    stats = compute(log, Config(), NOW, tz=UTC)
    assert stats.today == date(2026, 3, 2)
    days = stats.reviews_per_day
    assert len(days) == 90 and days[0].day == date(2025, 12, 3) and days[-1].day == NOW.date()
    assert {d.day: d.count for d in days if d.count} == {
        date(2026, 2, 25): 1,
        date(2026, 3, 1): 2,  # c2 at 10:00 and c1 at 03:00 the next calendar day
        date(2026, 3, 2): 4,
    }
    only_d = compute(log, Config(), NOW, deck="d", tz=UTC)
    assert only_d.reviews_per_day[-1].count == 3


def test_true_retention_per_week(log):
    weeks = compute(log, Config(), NOW, tz=UTC).retention_by_week
    assert len(weeks) == 14 and weeks[0].week == date(2025, 12, 1)
    assert weeks[-1].week == date(2026, 3, 2)
    busy = [(w.week, w.mature_reviews, w.passed, w.retention) for w in weeks if w.mature_reviews]
    assert busy == [(date(2026, 2, 23), 2, 2, 1.0), (date(2026, 3, 2), 2, 1, 0.5)]
    weeks_d = compute(log, Config(), NOW, deck="d", tz=UTC).retention_by_week
    assert [(w.mature_reviews, w.passed) for w in weeks_d[-2:]] == [(2, 2), (1, 0)]


def test_forecast_and_states(log):
    stats = compute(log, Config(), NOW, tz=UTC)
    assert len(stats.forecast) == 30 and stats.forecast[-1].day == date(2026, 3, 31)
    # today: c1, c3 (steps), c4 (02:00 tomorrow is still today's study day), e1 (overdue)
    assert {d.day: d.count for d in stats.forecast if d.count} == {
        date(2026, 3, 2): 4,
        date(2026, 3, 5): 1,
    }
    assert stats.cards_by_state == {
        "new": 1,
        "learning": 1,
        "review": 4,
        "relearning": 1,
        "suspended": 1,
    }
    assert compute(log, Config(), NOW, deck="e", tz=UTC).cards_by_state["review"] == 1


def test_average_retrievability_matches_fsrs_per_card(log):
    scheduler = Scheduler(Config())
    expected = []
    for card in log.cards():
        m = card.memory
        if m.state == NEW or m.suspended:
            continue
        fsrs_card = Scheduler.to_fsrs(card.num, m, NOW)
        expected.append(scheduler.fsrs.get_card_retrievability(fsrs_card, NOW))
    assert len(expected) == 6
    average, count = average_retrievability(log, Config(), NOW)
    assert count == 6 and average == pytest.approx(sum(expected) / 6, abs=1e-12)
    in_python, _ = average_retrievability(log, Config(), NOW, use_sql=False)
    assert in_python == pytest.approx(average, abs=1e-12)
    # c2 by hand: reviewed 2026-03-01 10:00, now 26 h later = 1 whole day, S = 10
    decay = -fsrs.scheduler.DEFAULT_PARAMETERS[20]
    factor = 0.9 ** (1 / decay) - 1
    c2 = scheduler.fsrs.get_card_retrievability(
        Scheduler.to_fsrs(2, log.card("c2").memory, NOW), NOW
    )
    assert c2 == pytest.approx((1 + factor * 1 / 10) ** decay)


def test_custom_parameters_change_the_curve(log):
    params = list(fsrs.scheduler.DEFAULT_PARAMETERS)
    params[20] = 0.5
    low, _ = average_retrievability(log, Config(), NOW + timedelta(days=30))
    other, _ = average_retrievability(
        log, Config(fsrs_parameters=tuple(params)), NOW + timedelta(days=30)
    )
    assert other != pytest.approx(low)


def run(env, *argv):
    from studydeck.cli import run_command

    return run_command(argv, env)


def test_json_shape_and_plain_table(log, env, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    env.clock.current = NOW
    assert run(env, "stats", "--json") == 0
    data = json.loads(env.stdout.getvalue())
    assert set(data) == {
        "deck", "today", "desired_retention", "reviews_per_day", "retention_by_week",
        "forecast", "cards_by_state", "average_retrievability", "retrievability_cards",
    }  # fmt: skip
    assert data["today"] == "2026-03-02" and data["desired_retention"] == 0.9
    assert len(data["reviews_per_day"]) == 90 and len(data["forecast"]) == 30
    assert data["reviews_per_day"][-1] == {"day": "2026-03-02", "count": 4}
    assert data["retention_by_week"][-1] == {
        "week": "2026-03-02", "mature_reviews": 2, "passed": 1, "retention": 0.5
    }  # fmt: skip
    assert data["retrievability_cards"] == 6 and 0 < data["average_retrievability"] < 1

    env.stdout = io.StringIO()
    assert run(env, "stats", "--deck", "d") == 0
    text = env.stdout.getvalue().splitlines()
    assert text[0] == "studydeck stats · d · study day 2026-03-02"
    assert "cards   new 1 · learning 1 · review 3 · relearning 1 · suspended 0" in text
    assert "  2026-03-02        1       0       0.0%  below desired" in text
    assert any(line.startswith("  2026-03-02        3  ████") for line in text)
    # 6 reviews of deck d in 90 days: 0.07 a day, not "0.1", and never "0.0"
    assert "reviews, last 90 days: 6 in all · 3 day(s) studied · 0.07 a day on average" in text


@pytest.mark.parametrize(
    ("total", "average"),
    [(0, "0"), (1, "0.01"), (3, "0.03"), (9, "0.1"), (45, "0.5"), (899, "10.0"), (900, "10"),
     (4500, "50")],
)  # fmt: skip
def test_average_per_day_never_shows_a_positive_count_as_zero(total, average):
    from studydeck.commands.stats import per_day

    assert per_day(total, 90) == average


def test_heatmap_and_bars():
    days = [(date(2026, 3, 1) + timedelta(days=i), n) for i, n in enumerate([0, 1, 2, 4, 8])]
    rows = charts.heatmap(days)  # Sun 03-01 .. Thu 03-05
    assert rows[6] == "Sun · "  # first week: only Sunday is in range
    assert rows[0] == "Mon  ░" and rows[3] == "Thu  █" and rows[4] == "Fri   "
    assert (
        charts.bar(8, 8, 5) == "█████" and charts.bar(1, 8, 5) == "▋" and charts.bar(0, 8, 5) == ""
    )


@pytest.fixture(autouse=True)
def _restore_tz():
    yield
    time.tzset()  # after monkeypatch has put TZ back
