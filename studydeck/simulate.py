"""Synthetic review histories from known FSRS parameters (for tests and benchmarks).

A simulated learner studies the store's cards day by day with the real scheduler. At each
review they recall the card with the probability the *true* parameters give (FSRS's own
forgetting curve), then rate it; the answer is logged and scheduled exactly as ``study`` would.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from studydeck.config import Config
from studydeck.schedule import Rating, Scheduler
from studydeck.store import NEW, Store, from_epoch, to_epoch

# Given recall, the learner presses Hard / Good / Easy this often.
PASS_RATINGS = (Rating.Hard, Rating.Good, Rating.Easy)
PASS_WEIGHTS = (0.15, 0.75, 0.10)


def simulate(
    store: Store,
    true_parameters: tuple[float, ...],
    start: datetime,
    days: int,
    *,
    new_per_day: int = 10,
    seed: int = 0,
) -> int:
    """Study every card in the store for ``days`` days from ``start``; returns reviews made.

    Scheduling has no learning steps, so every card is in review after its first answer and
    each later review is a day or more after the one before (an interval the optimizer fits).
    """
    rng = random.Random(seed)
    scheduler = Scheduler(
        Config(fsrs_parameters=tuple(true_parameters), learning_steps=(), relearning_steps=())
    )
    cards = {c.num: c.memory for c in store.cards()}
    new = sorted(num for num, memory in cards.items() if memory.state == NEW)
    made = 0
    with store.write():
        for day in range(days):
            morning = start + timedelta(days=day)
            end = to_epoch(morning + timedelta(days=1))
            due = sorted(
                (memory.due, num)
                for num, memory in cards.items()
                if memory.state != NEW and memory.due < end
            )
            fresh, new = new[:new_per_day], new[new_per_day:]
            queue = [num for _, num in due] + fresh
            for position, num in enumerate(queue):
                at = morning + timedelta(seconds=rng.randint(0, 12 * 3600) + position)
                before = cards[num]
                if before.state == NEW:
                    rating = Rating(rng.choices(range(1, 5), (0.2, 0.1, 0.6, 0.1))[0])
                else:
                    card = Scheduler.to_fsrs(num, before, at)
                    recall = scheduler.fsrs.get_card_retrievability(card, at)
                    passed = rng.random() < recall
                    rating = rng.choices(PASS_RATINGS, PASS_WEIGHTS)[0] if passed else Rating.Again
                after = scheduler.next_state(num, before, rating, at)
                store.add_review(num, to_epoch(at), int(rating), None, before, after)
                store.set_memory(num, after)
                cards[num] = after
                made += 1
    return made


def last_review_time(store: Store) -> datetime | None:
    row = store.db.execute("SELECT max(reviewed_at) FROM review_log").fetchone()
    return from_epoch(row[0])
