"""FSRS wrapper and queue policy: order, limits, rollover, siblings, leeches, undo, replay."""

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from studydeck.config import Config
from studydeck.schedule import (
    Rating,
    Scheduler,
    answer,
    forget,
    next_card,
    replay,
    status,
    study_day,
    undo,
)
from studydeck.store import (
    LEARNING,
    NEW,
    RELEARNING,
    RESET,
    REVIEW,
    CardState,
    from_epoch,
    to_epoch,
)

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def setup(store, write_deck, tmp_path, decks):
    for name, cards in decks.items():
        write_deck(name, cards)
    assert not store.sync_decks(tmp_path / "decks").problems


def put(store, card_id, **memory):
    with store.write():
        store.set_memory(store.card(card_id).num, CardState(**memory))


def test_study_day_follows_the_local_rollover_hour():
    eastern = timezone(timedelta(hours=-5))
    # 08:59 UTC is 03:59 local: still the study day that began yesterday at 04:00 local.
    before = study_day(datetime(2026, 3, 2, 8, 59, tzinfo=UTC), 4, eastern)
    assert before.start == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert before.end == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    after = study_day(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), 4, eastern)
    assert after.start == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert study_day(datetime(2026, 3, 2, 23, 0, tzinfo=UTC), 0, UTC).start == datetime(
        2026, 3, 2, tzinfo=UTC
    )


def test_rollover_resets_the_daily_new_limit(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"d": [{"id": f"d-{i}"} for i in range(5)]})
    config = Config(new_per_day=1, rollover_hour=4)
    scheduler = Scheduler(config)
    late = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 03:00: yesterday's study day
    answer(store, scheduler, next_card(store, config, late, tz=UTC).num, Rating.Easy, late)
    assert next_card(store, config, late + timedelta(minutes=50), tz=UTC) is None
    after_rollover = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    assert next_card(store, config, after_rollover, tz=UTC).id == "d-1"


def test_queue_order_learning_then_overdue_reviews_then_new_in_deck_order(
    store, write_deck, tmp_path
):
    setup(
        store,
        write_deck,
        tmp_path,
        {
            "b": [{"id": "b-new-1"}, {"id": "b-new-2"}],
            "a": [{"id": "a-new"}, {"id": "a-rev-1"}, {"id": "a-rev-2"}, {"id": "a-learn"}],
        },
    )
    now = to_epoch(NOON)
    seen = {"stability": 3.0, "difficulty": 5.0, "last_review": now - 9 * 86400, "reps": 2}
    put(store, "a-rev-1", state=REVIEW, due=now - 3600, **seen)
    put(store, "a-rev-2", state=REVIEW, due=now - 5 * 86400, **seen)
    put(store, "a-learn", state=LEARNING, step=1, due=now - 60, **seen)
    config = Config()
    order, exclude = [], []
    while card := next_card(store, config, NOON, exclude=exclude, tz=UTC):
        order.append(card.id)
        exclude.append(card.num)
    assert order == ["a-learn", "a-rev-2", "a-rev-1", "a-new", "b-new-1", "b-new-2"]


def test_daily_limits_apply_and_count_todays_answers(store, write_deck, tmp_path):
    cards = [{"id": f"r-{i}"} for i in range(3)] + [{"id": f"n-{i}"} for i in range(3)]
    setup(store, write_deck, tmp_path, {"d": cards})
    now = to_epoch(NOON)
    for i in range(3):
        put(store, f"r-{i}", state=REVIEW, stability=9.0, difficulty=5.0, due=now - i,
            last_review=now - 9 * 86400, reps=1)  # fmt: skip
    config = Config(new_per_day=2, reviews_per_day=1)
    decks, reviewed = status(store, config, NOON, UTC)
    assert [(d.new, d.due, d.total) for d in decks] == [(2, 1, 6)] and reviewed == 0
    scheduler = Scheduler(config)
    first = next_card(store, config, NOON, tz=UTC)
    assert first.id == "r-2"  # most overdue
    answer(store, scheduler, first.num, Rating.Good, NOON)
    # The review limit is used up: new cards follow, then nothing (the new limit is 2).
    got = []
    while card := next_card(store, config, NOON, tz=UTC):
        got.append(card.id)
        answer(store, scheduler, card.num, Rating.Easy, NOON)
    assert got == ["n-0", "n-1"]
    decks, reviewed = status(store, config, NOON, UTC)
    assert [(d.new, d.due) for d in decks] == [(0, 0)] and reviewed == 3


def test_suspended_and_archived_cards_never_come(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"d": [{"id": "d-1"}, {"id": "d-2"}]})
    store.set_suspended(["d-1"], True)
    assert next_card(store, Config(), NOON, tz=UTC).id == "d-2"
    write_deck("d", [{"id": "d-1"}])
    store.sync_decks(tmp_path / "decks")
    assert next_card(store, Config(), NOON, tz=UTC) is None
    store.set_suspended(["d-1"], False)
    assert next_card(store, Config(), NOON, tz=UTC).id == "d-1"


def test_siblings_are_buried_until_the_next_study_day(store, write_deck, tmp_path):
    item = [{"id": "s-1", "source_line": 7}, {"id": "s-2", "source_line": 7}]
    setup(store, write_deck, tmp_path, {"d": [*item, {"id": "other", "source_line": 9}]})
    config = Config(rollover_hour=4)
    answer(store, Scheduler(config), store.card("s-1").num, Rating.Good, NOON, tz=UTC)
    assert store.card("s-2").buried_until == to_epoch(datetime(2026, 3, 3, 4, tzinfo=UTC))
    later = NOON + timedelta(hours=2)
    queue = [next_card(store, config, later, tz=UTC).id]
    assert queue == ["s-1"]  # its own learning step, not the buried sibling
    exclude = [store.card("s-1").num]
    assert next_card(store, config, later, exclude=exclude, tz=UTC).id == "other"
    tomorrow = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
    exclude.append(store.card("other").num)
    assert next_card(store, config, tomorrow, exclude=exclude, tz=UTC).id == "s-2"


def test_leech_is_tagged_and_suspended_at_the_threshold(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"d": [{"id": "hard"}]})
    config = Config(leech_threshold=2)
    scheduler = Scheduler(config)
    now = NOON
    num = store.card("hard").num
    lapses_seen = []
    for rating in [Rating.Easy, Rating.Again, Rating.Good, Rating.Again]:
        now = max(now, NOON) + timedelta(days=30)
        done = answer(store, scheduler, num, rating, now)
        lapses_seen.append((done.after.lapses, done.became_leech))
    assert lapses_seen == [(0, False), (1, False), (1, False), (2, True)]
    card = store.card("hard")
    assert card.memory.leech and card.memory.suspended and card.memory.state == RELEARNING
    assert next_card(store, config, now + timedelta(days=1), tz=UTC) is None


def _snapshot(store):
    rows = store.db.execute("SELECT * FROM cards ORDER BY num").fetchall()
    return rows, store.db.execute("SELECT count(*) FROM review_log").fetchone()[0]


@pytest.mark.parametrize("rating", list(Rating))
def test_undo_restores_the_exact_previous_state(store, write_deck, tmp_path, rating):
    item = [{"id": "u-1", "source_line": 3}, {"id": "u-2", "source_line": 3}]
    setup(store, write_deck, tmp_path, {"d": item})
    scheduler = Scheduler(Config(leech_threshold=1))
    num = store.card("u-1").num
    answer(store, scheduler, num, Rating.Good, NOON - timedelta(days=20))
    answer(store, scheduler, num, Rating.Good, NOON - timedelta(days=19))
    with store.write():
        store.set_buried_until([store.card("u-2").num], 0)  # a sibling to bury again
    before = _snapshot(store)
    done = answer(store, scheduler, num, rating, NOON)
    assert _snapshot(store) != before
    undone = undo(store, done.review_id)
    assert undone.rating == rating
    assert _snapshot(store) == before


def test_undo_refuses_when_the_card_was_reviewed_again(store, write_deck, tmp_path):
    from studydeck.errors import StudydeckError

    setup(store, write_deck, tmp_path, {"d": [{"id": "x"}]})
    scheduler = Scheduler()
    first = answer(store, scheduler, store.card("x").num, Rating.Good, NOON)
    answer(store, scheduler, store.card("x").num, Rating.Good, NOON + timedelta(minutes=10))
    with pytest.raises(StudydeckError, match="reviewed again"):
        undo(store, first.review_id)


def test_log_rows_carry_before_after_and_interval(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"d": [{"id": "x"}]})
    done = answer(store, Scheduler(), store.card("x").num, Rating.Good, NOON, duration_ms=4200)
    (review,) = store.reviews("x")
    assert review.before == CardState() and review.after == store.card("x").memory
    assert review.rating == Rating.Good and review.duration_ms == 4200
    assert review.reviewed_at == to_epoch(NOON)
    assert review.interval_seconds == 600 == done.interval.total_seconds()


def test_forget_resets_to_new_and_keeps_history(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"d": [{"id": "x"}]})
    answer(store, Scheduler(), store.card("x").num, Rating.Easy, NOON)
    forget(store, ["x"], NOON + timedelta(days=1))
    card = store.card("x")
    assert card.memory == CardState()
    assert [r.rating for r in store.reviews("x")] == [Rating.Easy, RESET]
    assert next_card(store, Config(), NOON + timedelta(days=1), tz=UTC).id == "x"


def test_every_cards_state_equals_the_replay_of_its_log(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"d": [{"id": f"c-{i}"} for i in range(12)]})
    scheduler = Scheduler(Config(leech_threshold=3))
    rng = random.Random(7)
    now = NOON
    answered = 0
    for _ in range(40):  # 40 study days with random ratings, some forgets and undos
        exclude: list[int] = []
        while card := next_card(store, scheduler.config, now, exclude=exclude, tz=UTC):
            done = answer(store, scheduler, card.num, Rating(rng.choice([1, 2, 3, 3, 3, 4])), now)
            answered += 1
            if rng.random() < 0.05:
                undo(store, done.review_id)
                exclude.append(card.num)
            now += timedelta(seconds=rng.randint(5, 900))
        if rng.random() < 0.1:
            forget(store, [f"c-{rng.randrange(12)}"], now)
        now = now.replace(hour=12) + timedelta(days=1)
    assert answered > 100
    states = set()
    for card in store.cards():
        replayed = replay(scheduler, card.num, store.reviews(card.id))
        assert replayed.fsrs_part() == card.memory.fsrs_part(), card.id
        states.add(card.memory.state)
    assert {REVIEW, NEW} <= states or {REVIEW, RELEARNING} <= states


def test_replay_follows_review_time_not_log_order(store, write_deck, tmp_path):
    """A review synced in later (a higher log id) but made earlier replays in its place."""
    setup(store, write_deck, tmp_path, {"d": [{"id": "x"}]})
    scheduler = Scheduler()
    num = store.card("x").num
    answer(store, scheduler, num, Rating.Again, NOON)
    answer(store, scheduler, num, Rating.Good, NOON + timedelta(days=3))
    in_time_order = replay(scheduler, num, store.reviews("x"))
    first, second = store.reviews("x")
    swapped = [second._replace(id=first.id), first._replace(id=second.id)]  # log order flipped
    assert replay(scheduler, num, swapped) == in_time_order


def test_replay_detects_a_tampered_state(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"d": [{"id": "x"}]})
    scheduler = Scheduler()
    answer(store, scheduler, store.card("x").num, Rating.Good, NOON)
    card = store.card("x")
    tampered = card.memory._replace(stability=card.memory.stability + 1)
    assert replay(scheduler, card.num, store.reviews("x")).fsrs_part() != tampered.fsrs_part()


def test_fuzz_is_deterministic_and_within_anki_range():
    scheduler = Scheduler()
    state = CardState(state=REVIEW, stability=40.0, difficulty=5.0, due=0, last_review=0, reps=3)
    at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=40)
    days = {scheduler.next_state(n, state, Rating.Good, at).due for n in range(50)}
    assert len(days) > 2  # fuzz spreads cards
    again = {scheduler.next_state(n, state, Rating.Good, at).due for n in range(50)}
    assert days == again
    unfuzzed = Scheduler().fsrs._next_interval(stability=scheduler.next_state(
        0, state, Rating.Good, at).stability)  # fmt: skip
    for due in days:
        interval = (due - to_epoch(at)) / 86400
        assert abs(interval - unfuzzed) <= 0.15 * unfuzzed + 1


def test_preview_gives_an_interval_per_rating():
    preview = Scheduler().preview(1, CardState(), NOON)
    assert preview[Rating.Again] == timedelta(minutes=1)
    assert preview[Rating.Good] == timedelta(minutes=10)
    assert preview[Rating.Easy] >= timedelta(days=1)


@pytest.mark.parametrize("rating", list(Rating))
def test_the_previewed_interval_is_the_one_the_answer_gets(rating):
    """The answer buttons promise an interval; answering a few seconds later must keep it."""
    scheduler = Scheduler()
    before = CardState(state=REVIEW, stability=30.0, difficulty=5.0, due=0, last_review=0, reps=4)
    shown = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
    for num in range(40):  # many cards, so a fuzz drawn per answer time would show
        promised = scheduler.preview(num, before, shown)[rating]
        answered = shown + timedelta(seconds=7 + num)
        after = scheduler.next_state(num, before, rating, answered)
        assert from_epoch(after.due) - answered == promised


def test_the_study_day_an_answer_falls_in_is_worked_out_again_when_the_day_or_zone_changes(
    monkeypatch,
):
    """``Scheduler.study_day_end`` reuses the day it worked out: it must still give what
    ``study_day`` gives, across the rollover and after the system zone changes."""
    import time as clock
    from zoneinfo import ZoneInfo

    scheduler = Scheduler(Config(rollover_hour=4))
    start = datetime(2026, 3, 28, 1, 0, tzinfo=UTC)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    clock.tzset()
    try:
        for hours in range(0, 72, 5):
            at = start + timedelta(hours=hours)
            assert scheduler.study_day_end(at) == to_epoch(study_day(at, 4).end), at
        monkeypatch.setenv("TZ", "America/New_York")
        clock.tzset()
        assert scheduler.study_day_end(at) == to_epoch(study_day(at, 4).end)
        zone = ZoneInfo("Asia/Tokyo")
        assert scheduler.study_day_end(at, zone) == to_epoch(study_day(at, 4, zone).end)
    finally:
        monkeypatch.undo()
        clock.tzset()
