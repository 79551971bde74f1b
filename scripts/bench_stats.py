"""stats on 100,000 cards / ~1,000,000 reviews; vectorised vs per-card retrievability;
the optimizer (fit, evaluate, --apply replay) on ~30,000 simulated reviews.

Usage: .venv/bin/python scripts/bench_stats.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studydeck.config import Config
from studydeck.deck import Card, Deck, save_deck
from studydeck.schedule import Scheduler
from studydeck.store import (
    _LOG_STATE_COLUMNS,
    LEARNING,
    NEW,
    REVIEW,
    Store,
    to_epoch,
)

N_DECKS, PER_DECK = 10, 10_000
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)


def build(root: Path) -> Store:
    """100k cards; 90 % studied with ~11 reviews each over the past year (~1M log rows)."""
    decks = root / "decks"
    decks.mkdir()
    for d in range(N_DECKS):
        cards = [Card(f"d{d}-{i}", f"Q {i} of {d}?", f"A {i}") for i in range(PER_DECK)]
        save_deck(Deck(f"deck-{d}", cards=cards), decks / f"deck-{d}.yaml")
    store = Store.open(root / "data")
    store.sync_decks(decks)
    rng = random.Random(1)
    now = to_epoch(NOW)
    states, log = [], []
    for (num,) in store.db.execute("SELECT num FROM cards").fetchall():
        if rng.random() < 0.1:
            continue  # still new
        stability, difficulty = rng.uniform(0.5, 300), rng.uniform(1, 10)
        last = now - rng.randint(0, 120) * 86400 - rng.randint(0, 86399)
        state = LEARNING if stability < 1 else REVIEW
        due = last + int(stability * 86400)
        states.append((state, stability, difficulty, due, last, num))
        reviews = rng.randint(6, 16)
        at = last
        for k in range(reviews):
            interval = rng.choice((1, 3, 8, 25, 60)) * 86400
            before = (REVIEW, None, stability, difficulty, at, at - interval, k, 0, 0, 0)
            after = (REVIEW, None, stability, difficulty, at + interval, at, k + 1, 0, 0, 0)
            log.append((num, at, rng.choices((1, 2, 3, 4), (1, 1, 6, 1))[0], 8000, *before, *after))
            at -= rng.randint(1, 40) * 86400
    with store.write():
        store.db.executemany(
            "UPDATE cards SET state=?, stability=?, difficulty=?, due=?, last_review=?, reps=1 "
            "WHERE num=?",
            states,
        )
        store.db.executemany(
            f"INSERT INTO review_log (card, reviewed_at, rating, duration_ms, {_LOG_STATE_COLUMNS})"
            f" VALUES ({','.join('?' * 24)})",
            log,
        )
    store.db.execute("ANALYZE")
    return store


def timed(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def per_card_retrievability(store: Store, config: Config) -> float:
    """The slow way: a fsrs.Card per card and fsrs.Scheduler.get_card_retrievability."""
    scheduler = Scheduler(config)
    values = [
        scheduler.fsrs.get_card_retrievability(Scheduler.to_fsrs(c.num, c.memory, NOW), NOW)
        for c in store.cards()
        if c.memory.state != NEW and not c.memory.suspended
    ]
    return sum(values) / len(values)


def per_card_from_columns(store: Store, config: Config) -> float:
    """Per-card calls without loading whole cards: only the fsrs.Card construction + call."""
    import fsrs

    scheduler = Scheduler(config).fsrs
    rows = store.db.execute(
        "SELECT num, stability, difficulty, due, last_review FROM cards WHERE state != 0"
    ).fetchall()
    values = [
        scheduler.get_card_retrievability(
            fsrs.Card(
                card_id=n,
                state=fsrs.State.Review,
                stability=s,
                difficulty=d,
                due=datetime.fromtimestamp(due, UTC),
                last_review=datetime.fromtimestamp(lr, UTC),
            ),
            NOW,
        )
        for n, s, d, due, lr in rows
    ]
    return sum(values) / len(values)


def main() -> None:
    from studydeck import optimize, stats
    from studydeck.simulate import simulate

    config = Config()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        store = build(Path(tmp))
        cards = store.db.execute("SELECT count(*) FROM cards").fetchone()[0]
        reviews = store.db.execute("SELECT count(*) FROM review_log").fetchone()[0]
        print(
            f"fixture: {cards:,} cards, {reviews:,} reviews ({time.perf_counter() - started:.1f} s)"
        )

        t, _ = timed(lambda: stats.compute(store, config, NOW, tz=UTC))
        rows.append(("stats.compute, all figures, all decks", t, "target <= 0.30 s"))
        t, _ = timed(lambda: stats.compute(store, config, NOW, deck="deck-3", tz=UTC))
        rows.append(("stats.compute, one deck of 10k", t, ""))
        t_sql, (avg_sql, _) = timed(lambda: stats.average_retrievability(store, config, NOW))
        rows.append(("avg retrievability, SQL pow()", t_sql, f"{avg_sql:.6f}"))
        t_py, (avg_py, _) = timed(
            lambda: stats.average_retrievability(store, config, NOW, use_sql=False)
        )
        rows.append(("avg retrievability, Python over 2 columns", t_py, f"{avg_py:.6f}"))
        t_card, avg_card = timed(lambda: per_card_retrievability(store, config), repeat=1)
        rows.append(
            ("per card: store.cards() + get_card_retrievability", t_card, f"{avg_card:.6f}")
        )
        t_call, avg_call = timed(lambda: per_card_from_columns(store, config), repeat=1)
        rows.append(("per card: fsrs.Card from columns + call", t_call, f"{avg_call:.6f}"))
        store.close()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "decks").mkdir()
        cards = [Card(f"s-{i}", f"Q{i}?", f"A{i}") for i in range(4000)]
        save_deck(Deck("sim", cards=cards), root / "decks" / "sim.yaml")
        store = Store.open(root / "data")
        store.sync_decks(root / "decks")
        started = time.perf_counter()
        made = simulate(
            store, tuple(config_params()), NOW - timedelta(days=400), 365, new_per_day=12
        )
        print(f"simulated log: {made:,} reviews ({time.perf_counter() - started:.1f} s)")
        t, history = timed(lambda: optimize.training_items(optimize.card_histories(store)))
        rows.append((f"optimize: build {len(history.items):,} items", t, ""))
        t, fit = timed(lambda: optimize.fit(history, config))
        rows.append(
            (
                f"optimize: fit on {history.reviews:,} reviews",
                t,
                f"log-loss {fit.current_eval.log_loss:.4f} -> {fit.fitted_eval.log_loss:.4f}",
            )
        )
        t, _ = timed(lambda: optimize.evaluate(fit.fitted, history.items))
        rows.append(("optimize: evaluate one parameter set", t, ""))
        config_path = root / "config.toml"
        t, (_, n) = timed(lambda: optimize.apply(store, config_path, fit.fitted), repeat=1)
        rows.append(
            (f"optimize --apply: reschedule {n:,} cards", t, f"{made / t:,.0f} reviews/s")
        )  # the 1M-review figure, old path beside it: scripts/bench optimize
        store.close()

    print(f"\n{'what':<52} {'seconds':>9}  note")
    for name, seconds, note in rows:
        print(f"{name:<52} {seconds:>9.4f}  {note}")
    print(
        f"\nvectorised vs per-card retrievability: SQL {t_card / t_sql:.0f}x / "
        f"{t_call / t_sql:.0f}x, Python {t_card / t_py:.0f}x / {t_call / t_py:.0f}x "
        "(vs whole cards / vs fsrs.Card from columns)"
    )


def config_params():
    from fsrs.scheduler import DEFAULT_PARAMETERS

    params = list(DEFAULT_PARAMETERS)
    params[0:4] = [1.0, 3.0, 9.0, 25.0]
    params[20] = 0.35
    return params


if __name__ == "__main__":
    main()
