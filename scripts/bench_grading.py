"""Grading, diff, distractors and math rendering: time per call on synthetic answers."""

from __future__ import annotations

import random
import time

from studydeck.deck import Card, Deck
from studydeck.grading import choose_distractors, diff, grade
from studydeck.mathtext import render_math

WORDS = [
    "attention",
    "transformer",
    "residual",
    "masked",
    "language",
    "model",
    "gradient",
    "descent",
    "layer",
    "norm",
]


def _answer(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))


def _per_call(fn, args, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for a in args:
            fn(*a)
    return (time.perf_counter() - start) / (len(args) * repeat)


def main() -> None:
    rng = random.Random(0)
    pairs = [(_answer(rng), _answer(rng)) for _ in range(2000)]
    rows = [
        ("grade (random pairs)", _per_call(grade, pairs)),
        ("grade (exact)", _per_call(grade, [(e, e) for _, e in pairs])),
        ("diff", _per_call(diff, pairs)),
        ("render_math", _per_call(render_math, [(r"see $\frac{1}{\sqrt{d_k}} x_i^2$",)] * 2000)),
    ]
    for size in (100, 5_000):
        deck = Deck("bench", cards=[Card(f"c{i}", "q?", _answer(rng)) for i in range(size)])
        calls = [(deck.cards[i], deck) for i in range(20)]
        seconds = _per_call(choose_distractors, calls)
        rows.append((f"choose_distractors ({size:,}-card deck)", seconds))
    print(f"{'operation':40} {'per call':>12}")
    for name, seconds in rows:
        print(f"{name:40} {seconds * 1e6:>9.1f} µs")


if __name__ == "__main__":
    main()
