"""replay_fast: the fast loop gives replay()'s state bit for bit (every float, every type), over
random logs and schedulers; where it cannot follow a log, the card is replayed instead."""

from __future__ import annotations

import random
from datetime import timedelta
from importlib.metadata import version
from types import SimpleNamespace

import pytest
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studydeck import optimize, replay_fast
from studydeck.config import Config
from studydeck.replay_fast import LAST_EPOCH, MIRRORED_FSRS, FastReplay, fast_replay
from studydeck.schedule import Scheduler, replay
from studydeck.store import CardState

DAY = 86_400


def reference(scheduler: Scheduler, num: int, log: list[tuple[int, int]]) -> tuple:
    """replay() of (reviewed_at, rating) pairs given in id order."""
    reviews = [SimpleNamespace(id=i, reviewed_at=at, rating=r) for i, (at, r) in enumerate(log)]
    return replay(scheduler, num, reviews).fsrs_part()  # type: ignore[arg-type]


def fast(scheduler: Scheduler, num: int, log: list[tuple[int, int]]) -> tuple | None:
    """The fast loop on the same pairs, sorted as the bulk read sorts them."""
    order = sorted(range(len(log)), key=lambda i: (log[i][0], i))  # (reviewed_at, id)
    return FastReplay(scheduler).state(num, [(num, *log[i]) for i in order])


def same(a: tuple | None, b: tuple) -> bool:
    """Equal bit for bit: repr tells 1 from 1.0 and 0.0 from -0.0, and shows every digit."""
    return repr(a) == repr(b)


gaps = st.one_of(
    st.integers(0, 600),  # within a learning step
    st.integers(0, 2 * DAY),  # the same day, or the next
    st.integers(DAY, 90 * DAY),  # ordinary intervals
    st.integers(90 * DAY, 30 * 365 * DAY),  # years away
)
ratings = st.sampled_from([0, 1, 1, 2, 3, 3, 3, 4])  # 0 = a reset (forget)
logs = st.lists(st.tuples(gaps, ratings), min_size=1, max_size=40)
steps = st.lists(
    st.one_of(
        st.integers(1, 3600).map(lambda s: timedelta(seconds=s)),
        st.integers(1, DAY * 10**6).map(lambda us: timedelta(microseconds=us)),  # odd µs too
    ),
    max_size=3,
).map(tuple)
parameters = st.one_of(
    st.just(()),  # fsrs defaults
    st.tuples(
        *[
            st.floats(lo, hi, allow_nan=False)
            for lo, hi in zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
        ]
    ),
)
configs = st.builds(
    Config,
    learning_steps=steps,
    relearning_steps=steps,
    desired_retention=st.floats(0.7, 0.99),
    maximum_interval=st.sampled_from([1, 2, 3, 10, 365, 36500]),
    fsrs_parameters=parameters,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config=configs, num=st.integers(1, 10**6), start=st.integers(0, 2 * 10**9), log=logs)
def test_fast_loop_equals_replay(config, num, start, log):
    scheduler = Scheduler(config)
    at, timed = start, []
    for gap, rating in log:
        at += gap
        timed.append((at, rating))
    assert same(fast(scheduler, num, timed), reference(scheduler, num, timed))


def test_many_random_cards_equal_replay():
    """Seeded scale check, default scheduler and two others: 3,000 cards, ~45,000 reviews."""
    rng = random.Random(13)
    schedulers = [
        Scheduler(Config()),
        Scheduler(Config(learning_steps=(), relearning_steps=())),
        Scheduler(
            Config(
                learning_steps=(timedelta(seconds=30), timedelta(minutes=5), timedelta(hours=2)),
                relearning_steps=(timedelta(minutes=3), timedelta(minutes=30)),
                desired_retention=0.8,
                maximum_interval=180,
            )
        ),
    ]
    checked = 0
    for num in range(1, 3001):
        scheduler = schedulers[num % 3]
        at = rng.randint(1_600_000_000, 1_800_000_000)
        log = []
        for _ in range(rng.randint(1, 30)):
            at += rng.choice([0, rng.randint(1, 900), rng.randint(1, DAY), rng.randint(1, 60) * DAY,
                              rng.randint(100, 2000) * DAY])  # fmt: skip
            log.append((at, rng.choices(range(5), (1, 10, 8, 30, 6))[0]))
        if rng.random() < 0.1:  # a review synced in later: a higher id, an earlier time
            log.append((log[0][0] - rng.randint(0, DAY), rng.randint(1, 4)))
        assert same(fast(scheduler, num, log), reference(scheduler, num, log)), (num, log)
        checked += len(log)
    assert checked > 40_000


def test_what_the_loop_cannot_follow_gives_none():
    scheduler = Scheduler(Config())
    loop = FastReplay(scheduler)
    good = [(1, 1_700_000_000, 3), (1, 1_700_000_600, 3)]
    assert loop.state(1, good) is not None
    for bad in [
        (1, 1_700_000_000.5, 3),  # a time with a fraction
        (1, -DAY, 3),  # before 1970
        (1, loop.last_safe_time + 1, 3),  # a due date could pass the year 9999
        (1, 1_700_000_000, 5),  # no such rating
        (1, 1_700_000_000, "3"),
    ]:
        assert loop.state(1, [*good, bad]) is None, bad
    assert loop.last_safe_time == LAST_EPOCH - 36500 * DAY


def test_a_reset_last_gives_a_new_card():
    scheduler = Scheduler(Config())
    log = [(1_700_000_000, 3), (1_700_100_000, 1), (1_700_200_000, 0)]
    assert fast(scheduler, 7, log) == reference(scheduler, 7, log) == CardState().fsrs_part()


def test_the_mirrored_fsrs_is_the_installed_one():
    """On an fsrs upgrade this fails: re-read fsrs/scheduler.py against replay_fast, then bump."""
    assert version("fsrs") == MIRRORED_FSRS
    assert fast_replay(Scheduler()) is not None


# ── through the store: optimize.rescheduled ──────────────────────────────────────


@pytest.fixture
def odd_store(store, write_deck, tmp_path):
    """60 ordinary cards with random logs, and three the loop cannot follow."""
    write_deck("d", [{"id": f"c{i}"} for i in range(63)])
    store.sync_decks(tmp_path / "decks")
    rng = random.Random(5)
    blank = CardState()
    with store.write():
        for i in range(60):
            num, at = store.card(f"c{i}").num, 1_700_000_000 + rng.randint(0, 10**7)
            for _ in range(rng.randint(1, 25)):
                at += rng.choice([30, 700, DAY - 1, 3 * DAY, 40 * DAY])
                store.add_review(num, at, rng.choices(range(5), (1, 5, 3, 12, 2))[0], None,
                                 blank, blank)  # fmt: skip
        near_the_end = LAST_EPOCH - 36500 * DAY + 60
        for card_id, times in [
            ("c60", [1_700_000_000.5, 1_700_000_700.25]),
            ("c61", [-3 * DAY, -DAY]),
            ("c62", [near_the_end, near_the_end + 600]),
        ]:
            for at in times:
                store.add_review(store.card(card_id).num, at, 3, None, blank, blank)
    store.set_suspended(["c3", "c61"], True)
    store.db.execute("UPDATE cards SET leech = 1 WHERE id IN ('c4', 'c62')")
    return store


def test_rescheduled_equals_replay_for_every_card_and_keeps_flags(odd_store, monkeypatch):
    replayed = []

    def counting_replay(scheduler, num, reviews):
        replayed.append(num)
        return replay(scheduler, num, reviews)

    monkeypatch.setattr(optimize, "replay", counting_replay)
    scheduler = Scheduler(Config(desired_retention=0.85))
    with odd_store.write():
        memories = optimize.rescheduled(odd_store, scheduler)
    nums = {odd_store.card(f"c{i}").num: f"c{i}" for i in range(63)}
    assert sorted(replayed) == sorted(odd_store.card(c).num for c in ("c60", "c61", "c62"))
    assert set(memories) == set(nums)
    for num, card_id in nums.items():
        card = odd_store.card(card_id)
        expected = replay(scheduler, num, odd_store.reviews(card_id))
        assert same(memories[num].fsrs_part(), expected.fsrs_part()), card_id
        assert (memories[num].suspended, memories[num].leech) == (
            card.memory.suspended,
            card.memory.leech,
        )
    assert memories[odd_store.card("c61").num].suspended
    assert memories[odd_store.card("c62").num].leech


def test_with_another_fsrs_every_card_is_replayed(odd_store, monkeypatch):
    monkeypatch.setattr(replay_fast, "MIRRORED_FSRS", "0.0.0")
    calls = []
    monkeypatch.setattr(optimize, "replay", lambda *a: calls.append(a[1]) or replay(*a))
    scheduler = Scheduler(Config())
    with odd_store.write():
        memories = optimize.rescheduled(odd_store, scheduler)
    assert sorted(calls) == sorted(memories) and len(memories) == 63
