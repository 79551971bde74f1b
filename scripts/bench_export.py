"""Benchmark: export 10,000 cards with ~30,000 review rows to .apkg (target ≤ 6 s).

genanki's time for the same notes (no scheduling: it cannot carry any) is printed beside it.
Run: .venv/bin/python scripts/bench_export.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studydeck.anki.apkg_export import write_apkg
from studydeck.anki.fields import FIELD_NAMES, anki_tags, note_fields
from studydeck.anki.model import (
    CardState,
    ExportCard,
    Progress,
    Review,
    SchedulerSettings,
)
from studydeck.anki.tsv import write_tsv
from studydeck.deck import Card

CARDS = 10_000
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
STATES = {
    fsrs.State.Learning: CardState.LEARNING,
    fsrs.State.Review: CardState.REVIEW,
    fsrs.State.Relearning: CardState.RELEARNING,
}


def make_cards() -> list[ExportCard]:
    """Cards with fsrs-made histories: on average three reviews each."""
    rng = random.Random(1)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    out = []
    for i in range(CARDS):
        card = Card(
            id=f"bench-{i:05d}",
            question=f"What is the key idea of paper {i} ($O(n^2)$ <attention>)?",
            answer=f"Idea number {i}, explained\nover two lines.",
            tags=("papers", "deep learning"),
            context="papers › transformers",
            source_line=i + 1,
            url=f"https://arxiv.org/abs/{1000 + i}",
        )
        fcard, reviews = fsrs.Card(), []
        moment = NOW - timedelta(days=rng.randint(20, 200))
        for _ in range(rng.choice((1, 2, 3, 4, 5))):
            if moment >= NOW:
                break
            before = CardState.NEW if fcard.stability is None else STATES[fcard.state]
            rating = fsrs.Rating(rng.choices((1, 2, 3, 4), weights=(15, 10, 60, 15))[0])
            fcard, _ = scheduler.review_card(fcard, rating, moment)
            after = STATES[fcard.state]
            reviews.append(
                Review(
                    moment, int(rating), 5000, before, after, fcard.due - moment, fcard.difficulty
                )
            )
            moment = fcard.due
        progress = Progress(
            state=STATES[fcard.state],
            step=fcard.step,
            stability=fcard.stability,
            difficulty=fcard.difficulty,
            due=fcard.due,
            last_review=fcard.last_review,
            reps=len(reviews),
        )
        out.append(ExportCard(card, "papers", "transformers.md", progress, tuple(reviews)))
    return out


def genanki_export(cards: list[ExportCard], out: Path) -> None:
    import genanki

    model = genanki.Model(
        1_420_070_400_501,
        "studydeck",
        fields=[{"name": name} for name in FIELD_NAMES],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}", "afmt": "{{Answer}}"}],
    )
    deck = genanki.Deck(1_420_070_400_601, "studydeck::papers")
    for item in cards:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=note_fields(item),
                tags=anki_tags(item.card.tags),
                guid=item.card.id,
            )
        )
    genanki.Package(deck).write_to_file(str(out))


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    cards = make_cards()
    reviews = sum(len(c.reviews) for c in cards)
    settings = SchedulerSettings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = [
            (
                "studydeck export anki (with scheduling + revlog)",
                timed(lambda: write_apkg(cards, folder / "a.apkg", settings=settings, now=NOW)),
            ),
            (
                "studydeck export anki --no-scheduling",
                timed(
                    lambda: write_apkg(
                        cards, folder / "b.apkg", settings=settings, now=NOW, with_scheduling=False
                    )
                ),
            ),
            ("studydeck export tsv", timed(lambda: write_tsv(cards, folder / "c.txt"))),
            (
                "genanki (same notes, no scheduling)",
                timed(lambda: genanki_export(cards, folder / "g.apkg")),
            ),
        ]
    print(f"{CARDS:,} cards, {reviews:,} review rows (target for the first row: ≤ 6 s)")
    print(f"{'what':<52} {'seconds':>8} {'vs genanki':>11}")
    anchor = rows[-1][1]
    for name, seconds in rows:
        print(f"{name:<52} {seconds:>8.2f} {seconds / anchor:>10.2f}×")


if __name__ == "__main__":
    main()
