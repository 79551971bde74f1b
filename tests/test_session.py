"""The session state machine that both the TUI and --plain drive."""

from datetime import UTC, timedelta

import pytest

from studydeck.config import Config
from studydeck.schedule import Rating, Scheduler
from studydeck.session import Session


@pytest.fixture
def session(store, write_deck, tmp_path, clock):
    write_deck("d", [{"id": f"d-{i}"} for i in range(3)])
    write_deck("e", [{"id": "e-0"}])
    store.sync_decks(tmp_path / "decks")
    return Session(store, Scheduler(Config(new_per_day=3)), clock, tz=UTC)


def test_answer_commits_and_moves_on(session, store):
    assert session.current.id == "d-0" and not session.revealed
    session.reveal()
    assert session.revealed
    assert session.intervals()[Rating.Good] == timedelta(minutes=10)
    done = session.answer(Rating.Good, duration_ms=1500)
    assert done.card_id == "d-0" and done.interval == timedelta(minutes=10)
    assert [r.card_id for r in store.reviews()] == ["d-0"]  # committed before returning
    assert session.current.id == "d-1" and not session.revealed
    assert session.progress().done == 1


def test_progress_counts_remaining_with_limits(session):
    assert session.progress().remaining == 4  # d: 3 new (its limit 3), e: 1 — limits per deck
    session.answer(Rating.Easy)
    assert session.progress().remaining == 3


def test_undo_brings_the_card_back(session, store):
    session.answer(Rating.Again)
    assert session.current.id == "d-1"
    undone = session.undo()
    assert undone.card_id == "d-0" and session.current.id == "d-0"
    assert store.reviews() == [] and session.progress().done == 0
    assert session.undo() is None


def test_skip_bury_and_suspend(session, store, clock):
    session.skip()
    assert session.current.id == "d-1"
    session.bury()
    assert store.card("d-1").buried_until > int(clock().timestamp())
    assert session.current.id == "d-2"
    session.suspend()
    assert store.card("d-2").memory.suspended
    assert session.current.id == "e-0"
    session.skip()
    assert session.finished
    with pytest.raises(RuntimeError):
        session.reveal()


def test_deck_filter(store, write_deck, tmp_path, clock):
    write_deck("d", [{"id": "d-0"}])
    write_deck("e", [{"id": "e-0"}])
    store.sync_decks(tmp_path / "decks")
    session = Session(store, Scheduler(), clock, deck="e", tz=UTC)
    assert session.current.id == "e-0"
    session.answer(Rating.Easy)
    assert session.finished


def test_learning_card_comes_back_within_the_learn_ahead_window(session, clock):
    for _ in range(4):
        session.answer(Rating.Good)  # the four new cards, first step each (limit is 3)
        if session.current and session.current.id == "d-0":
            break
    # With the new limit reached, d-0 (due in 10 min) comes back via learn-ahead.
    assert session.current.id == "d-0"


def test_summary(session, clock):
    session.answer(Rating.Again, duration_ms=2000)
    clock.advance(seconds=30)
    session.answer(Rating.Good, duration_ms=3000)
    session.answer(Rating.Easy, duration_ms=0)  # due in days: not tomorrow
    summary = session.summary()
    assert summary.reviewed == 3 and summary.again == 1 and summary.again_rate == 1 / 3
    assert summary.time_spent == timedelta(seconds=5)
    assert summary.due_later_today == 2  # the again (1 min) and good (10 min) cards
    assert summary.due_tomorrow == 0  # the easy one is due in days


def test_answer_durations_are_capped_like_ankis_maximum_answer_time(session, store):
    from studydeck.session import MAX_ANSWER_MS

    session.answer(3, duration_ms=10 * 60_000)  # left open for ten minutes
    session.answer(3, duration_ms=4_200)
    assert [r.duration_ms for r in store.reviews()] == [MAX_ANSWER_MS, 4_200]
