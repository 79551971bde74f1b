"""Benchmark `studydeck sync`, whole process, against a local Anki sync server.

First sync: 10,000 cards with 30,000 reviews (target ≤ 5 s). Incremental: 100 reviews made
in studydeck and 100 on a second collection (the phone) since the last sync (target ≤ 1 s).
Run: .venv/bin/python scripts/bench_sync.py
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sync_helpers import PASSWORD, USER, Phone, running_server  # noqa: E402

from studydeck.config import Config  # noqa: E402
from studydeck.deck import Card, Deck, save_deck  # noqa: E402
from studydeck.schedule import Rating, Scheduler, answer  # noqa: E402
from studydeck.store import Store, to_epoch  # noqa: E402

CARDS = 10_000
REVIEWS_PER_CARD = 3
INCREMENT = 100


def build(data: Path, decks: Path) -> int:
    decks.mkdir(parents=True)
    cards = [
        Card(id=f"bench-{i:05d}", question=f"What is idea {i}?", answer=f"Idea {i}.")
        for i in range(CARDS)
    ]
    save_deck(Deck("papers", cards=cards), decks / "papers.yaml")
    scheduler = Scheduler(Config())
    rng = random.Random(3)
    now = datetime.now(UTC)
    count = 0
    with Store.open(data) as store:
        store.sync_decks(decks)
        with store.write():
            for card in store.cards():
                state = card.memory
                moment = now - timedelta(days=rng.randint(30, 300))
                for _ in range(REVIEWS_PER_CARD):
                    rating = rng.choices((1, 2, 3, 4), weights=(10, 10, 70, 10))[0]
                    after = scheduler.next_state(card.num, state, Rating(rating), moment)
                    store.add_review(card.num, to_epoch(moment), rating, 4000, state, after)
                    state = after
                    moment += timedelta(days=rng.randint(1, 9))
                store.set_memory(card.num, state)
                count += REVIEWS_PER_CARD
    return count


def timed_sync(env: dict, first_done: bool = False) -> float:
    start = time.perf_counter()
    prof = (
        ["-m", "cProfile", "-s", "cumtime"]
        if os.environ.get("BENCH_PROFILE") and first_done
        else []
    )
    subprocess.run([sys.executable, *prof, "-m", "studydeck", "sync"], env=env, check=True,
                   stdout=None if prof else subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data, decks = folder / "data", folder / "decks"
        reviews = build(data, decks)
        (folder / "config.toml").touch()
        env = dict(
            os.environ,
            STUDYDECK_DATA_DIR=str(data),
            STUDYDECK_DECKS=str(decks),
            STUDYDECK_CONFIG=str(folder / "config.toml"),
            STUDYDECK_SYNC_PASSWORD=PASSWORD,
            PYTHONPATH=str(ROOT),
        )
        with running_server(folder / "server") as server:
            subprocess.run(
                [sys.executable, "-m", "studydeck", "sync", "login", "--endpoint", server.url,
                 "--user", USER], env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            first = timed_sync(env)
            phone = Phone(folder / "phone", server.url)
            phone.sync()
            with Store.open(data) as store:
                scheduler = Scheduler(Config())
                now = datetime.now(UTC) - timedelta(seconds=INCREMENT + 5)
                for i in range(INCREMENT):
                    card = store.card(f"bench-{i:05d}")
                    answer(store, scheduler, card.num, Rating.Good, now + timedelta(seconds=i))
            for i in range(INCREMENT):
                phone.review(f"bench-{CARDS - 1 - i:05d}", 3)
            phone.sync()
            phone.close()
            incremental = timed_sync(env, True)
    print(f"{CARDS:,} cards, {reviews:,} reviews; incremental: {INCREMENT} reviews each way")
    print(f"{'studydeck sync (whole process)':<44} {'seconds':>8} {'target':>8}")
    for name, seconds, target in (
        ("first sync (full upload)", first, 5.0),
        ("incremental sync", incremental, 1.0),
    ):
        verdict = "ok" if seconds <= target else "SLOW"
        print(f"{name:<44} {seconds:>8.2f} {f'≤ {target:g}':>8} {verdict}")


if __name__ == "__main__":
    main()
