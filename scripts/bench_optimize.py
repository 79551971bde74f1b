"""``optimize --apply`` rescheduling on 100,000 cards / ~1,000,000 reviews: the old path (every
card replayed through ``fsrs.Scheduler``, answer by answer) vs ``optimize.apply`` (the fast
loop, bulk read and write). Both run whole, on the same store; every card's state from the
new path is checked against the old path's (which is ``schedule.replay`` by definition).

The fixture is bench_stats's (~11 reviews per studied card over a year), built once and cached
under the temp dir; each run works on a fresh copy of it.

Usage: .venv/bin/python scripts/bench_optimize.py [--rebuild] [--sample N]
  --sample N: time the old path on N cards only and extrapolate to all (says so in the table)
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from bench_stats import build  # noqa: E402
from fsrs.scheduler import DEFAULT_PARAMETERS  # noqa: E402

from studydeck import optimize  # noqa: E402
from studydeck.config import load_config  # noqa: E402
from studydeck.schedule import Scheduler, replay  # noqa: E402
from studydeck.store import CardState, Review, Store  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "studydeck-bench-optimize-v1"
TARGET = 5.0  # seconds for 1M reviews, whole apply (issue 13)
PARAMETERS = tuple(
    p * 1.05 if i in (0, 1, 2, 3, 8) else p for i, p in enumerate(DEFAULT_PARAMETERS)
)


def fixture(rebuild: bool) -> Path:
    if rebuild or not (CACHE / "ready").exists():
        shutil.rmtree(CACHE, ignore_errors=True)
        CACHE.mkdir(parents=True)
        print(f"building the fixture in {CACHE} ...")
        build(CACHE).close()
        (CACHE / "ready").write_text("ok")
    return CACHE


def old_path(store: Store, scheduler: Scheduler, sample: int | None) -> tuple[dict, float]:
    """optimize.apply's rescheduling before issue 13: whole Review rows, one replay per card,
    one UPDATE per card. Returns the states (per card num) and the seconds it took, the replay
    part extrapolated from ``sample`` cards to all when given."""
    started = time.perf_counter()
    logs: dict[int, list[Review]] = defaultdict(list)
    for review in store.reviews():
        logs[review.card_num].append(review)
    reading = time.perf_counter() - started
    total = sum(len(r) for r in logs.values())
    if sample is not None:
        logs = dict(random.Random(7).sample(sorted(logs.items()), sample))
    started = time.perf_counter()
    states = {}
    with store.write():
        for num, reviews in logs.items():
            card = store.card_by_num(num)
            assert card is not None
            state = replay(scheduler, num, reviews)
            flags = {"suspended": card.memory.suspended, "leech": card.memory.leech}
            states[num] = CardState(*state.fsrs_part(), **flags)
            store.set_memory(num, states[num])
    replaying = time.perf_counter() - started
    return states, reading + replaying * total / sum(len(r) for r in logs.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--sample", type=int, default=None)
    args = parser.parse_args()
    root = fixture(args.rebuild)
    with tempfile.TemporaryDirectory(prefix="studydeck-bench-") as tmp:
        work = Path(tmp)
        shutil.copytree(root / "data", work / "data")
        config_path = work / "config.toml"
        config_path.write_text("")
        with Store.open(work / "data") as store:
            cards = store.db.execute("SELECT count(DISTINCT card) FROM review_log").fetchone()[0]
            reviews = store.db.execute("SELECT count(*) FROM review_log").fetchone()[0]
            print(f"fixture: {cards:,} cards with a log, {reviews:,} reviews")

            started, cpu = time.perf_counter(), time.process_time()
            config, rescheduled = optimize.apply(store, config_path, PARAMETERS)
            after, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert config == load_config(config_path) and rescheduled == cards

            scheduler = Scheduler(config)
            expected, before = old_path(store, scheduler, args.sample)
            how = "" if args.sample is None else f" (on {args.sample:,} cards, extrapolated)"

            stored = {c.num: c.memory for c in store.cards(include_archived=True)}
            wrong = [num for num, state in expected.items() if stored[num] != state]
            print(f"equal to replay(): {len(expected) - len(wrong):,} of {len(expected):,} cards")
            assert not wrong, wrong[:10]

    rows = [
        (f"apply: reschedule {reviews / 1e6:.2f}M reviews, {cards / 1e3:.0f}k cards", before, after)
    ]
    print(f"\n{'work':<48} {'before':>9} {'after':>9} {'target':>9}")
    for work_name, old, new in rows:
        print(f"{work_name:<48} {old:>8.2f}s {new:>8.2f}s {TARGET:>8.2f}s")
    print(
        f"\nbefore: replay() per card{how}; after: optimize.apply ({cpu:.2f} s of CPU); "
        f"{reviews / before:,.0f} vs {reviews / after:,.0f} reviews/s ({before / after:.1f}x)"
    )


if __name__ == "__main__":
    main()
