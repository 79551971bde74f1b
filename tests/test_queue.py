"""Today's queue: daily limits per deck, day rollover, query plans, and the session's counts
kept up to date incrementally (checked against a fresh count after every step)."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from studydeck.config import Config
from studydeck.queue import next_card, status
from studydeck.schedule import Rating, Scheduler, answer
from studydeck.session import Session
from studydeck.store import QUEUE_POOLS, REVIEW, CardState, to_epoch

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def setup(store, write_deck, tmp_path, decks):
    for name, cards in decks.items():
        write_deck(name, cards)
    assert not store.sync_decks(tmp_path / "decks").problems


def make_review(store, card_id, due):
    with store.write():
        store.set_memory(
            store.card(card_id).num,
            CardState(REVIEW, None, 9.0, 5.0, due, due - 9 * 86400, 1),
        )


def test_new_limit_is_per_deck_in_status_and_next_card(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {n: [{"id": f"{n}-{i}"} for i in range(3)] for n in "ab"})
    config = Config(new_per_day=2)
    decks, _ = status(store, config, NOON, UTC)
    assert [(d.deck, d.new) for d in decks] == [("a", 2), ("b", 2)]
    scheduler, got = Scheduler(config), []
    while card := next_card(store, config, NOON, tz=UTC):
        got.append(card.id)
        answer(store, scheduler, card.num, Rating.Easy, NOON)
    assert got == ["a-0", "a-1", "b-0", "b-1"]  # each deck up to its own limit, in deck order
    decks, reviewed = status(store, config, NOON, UTC)
    assert [(d.deck, d.new) for d in decks] == [("a", 0), ("b", 0)] and reviewed == 4


def test_review_limit_is_per_deck(store, write_deck, tmp_path):
    decks = {n: [{"id": f"{n}-{i}"} for i in range(3)] for n in "ab"}
    setup(store, write_deck, tmp_path, decks)
    now = to_epoch(NOON)
    for n in "ab":
        for i in range(3):
            make_review(store, f"{n}-{i}", now - 3600 * (i + 1) - (n == "b"))
    config = Config(new_per_day=0, reviews_per_day=2)
    assert [(d.deck, d.due) for d in status(store, config, NOON, UTC)[0]] == [("a", 2), ("b", 2)]
    scheduler, got = Scheduler(config), []
    while card := next_card(store, config, NOON, tz=UTC):
        got.append(card.id)
        answer(store, scheduler, card.num, Rating.Good, NOON)
    # Most overdue first across decks, until each deck has had its two.
    assert got == ["b-2", "a-2", "b-1", "a-1"]


def test_one_deck_session_is_not_limited_by_another_decks_answers(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {n: [{"id": f"{n}-{i}"} for i in range(2)] for n in "ab"})
    config = Config(new_per_day=1)
    first = next_card(store, config, NOON, deck="a", tz=UTC)
    answer(store, Scheduler(config), first.num, Rating.Easy, NOON)
    assert next_card(store, config, NOON, deck="a", tz=UTC) is None
    assert next_card(store, config, NOON, deck="b", tz=UTC).id == "b-0"


def test_rollover_gives_each_deck_its_limit_again(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {n: [{"id": f"{n}-{i}"} for i in range(3)] for n in "ab"})
    config = Config(new_per_day=1, rollover_hour=4)
    scheduler = Scheduler(config)
    late = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 03:00: still the study day of March 1
    for _ in range(2):
        answer(store, scheduler, next_card(store, config, late, tz=UTC).num, Rating.Easy, late)
    assert next_card(store, config, late + timedelta(minutes=50), tz=UTC) is None
    assert [d.new for d in status(store, config, late, UTC)[0]] == [0, 0]
    morning = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    assert [d.new for d in status(store, config, morning, UTC)[0]] == [1, 1]
    assert next_card(store, config, morning, tz=UTC).id == "a-1"


def test_session_recounts_after_the_rollover(store, write_deck, tmp_path, clock):
    setup(store, write_deck, tmp_path, {"a": [{"id": f"a-{i}"} for i in range(4)]})
    clock.current = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    session = Session(store, Scheduler(Config(new_per_day=2)), clock, tz=UTC)
    session.answer(Rating.Easy)
    session.answer(Rating.Easy)
    assert session.progress().remaining == 0
    clock.advance(hours=1)  # 04:00: a new study day
    assert session.progress().remaining == 2


@pytest.mark.parametrize("seed", range(12))
def test_incremental_counts_match_a_fresh_count(store, write_deck, tmp_path, clock, seed):
    rng = random.Random(seed)
    decks = {
        name: [{"id": f"{name}-{i}", "source_line": i // 2 + 1} for i in range(8)]
        for name in ("a", "b", "c")
    }
    setup(store, write_deck, tmp_path, decks)
    now = to_epoch(clock())
    for name in decks:  # some reviews due today, some later
        for i in range(0, 8, 3):
            make_review(store, f"{name}-{i}", now + rng.choice([-86400, -60, 3600, 3 * 86400]))
    # Limits below and above the pool sizes: capped counts and exact ones.
    config = Config(new_per_day=rng.choice([2, 4, 9]), reviews_per_day=rng.choice([1, 9]))
    deck = rng.choice([None, "b"])
    session = Session(store, Scheduler(config), clock, deck=deck, tz=UTC)
    for _ in range(40):
        session.progress()  # counted once here, then kept up to date
        fresh = session.recount()
        assert session._counts.sizes() == fresh.sizes()
        if session.finished:
            break
        action = rng.choices(["answer", "undo", "skip", "bury", "suspend"], [8, 3, 1, 1, 1])[0]
        if action == "answer":
            session.answer(rng.choice(list(Rating)))
        elif action == "undo":
            session.undo()
        else:
            getattr(session, action)()
        clock.advance(seconds=rng.choice([5, 60, 700]))
    assert session._counts.sizes() == session.recount().sizes()


def test_queue_queries_seek_covering_partial_indexes(store, write_deck, tmp_path):
    setup(store, write_deck, tmp_path, {"a": [{"id": "a-0"}], "b": [{"id": "b-0"}]})
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)  # the SQL as run, parameters filled in
    now = to_epoch(NOON)
    for pool in QUEUE_POOLS:
        store.count_pool(pool, "a", now, now, limit=5)
    store.next_learning(now, now)
    store.next_review(now, now)
    store.next_new(now)
    store.db.set_trace_callback(None)
    plans = {}
    for sql in statements:
        if "INDEXED BY cards_" in sql:
            rows = store.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
            plans[sql] = " | ".join(row[3] for row in rows)
    assert len(plans) == 7, statements  # 3 counts, learning, review per deck (2), new
    for sql, plan in plans.items():
        pool = sql.split("INDEXED BY cards_")[1].split()[0]
        assert f"USING COVERING INDEX cards_{pool}" in plan, (sql, plan)
        assert "TEMP B-TREE" not in plan, (sql, plan)  # rows come in queue order


def test_count_due_by_counts_seen_cards_buried_or_not(store, write_deck, tmp_path):
    ids = ["due", "buried", "suspended", "later", "new"]
    setup(store, write_deck, tmp_path, {"a": [{"id": i} for i in ids], "b": [{"id": "b-due"}]})
    now = to_epoch(NOON)
    for card_id in ("due", "buried", "suspended", "b-due"):
        make_review(store, card_id, now + 86400)
    make_review(store, "later", now + 5 * 86400)
    with store.write():
        store.set_buried_until([store.card("buried").num], now + 2 * 86400)
    store.set_suspended(["suspended"], True)
    assert store.count_due_by(now + 2 * 86400, deck="a") == 2
    assert store.count_due_by(now + 2 * 86400) == 3
