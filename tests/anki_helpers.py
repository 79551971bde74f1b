"""Helpers for tests that use Anki's engine: review histories made by ``fsrs`` itself."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import fsrs

from studydeck.anki.model import CardState, ExportCard, Progress, Review
from studydeck.deck import Card

_STATE = {
    fsrs.State.Learning: CardState.LEARNING,
    fsrs.State.Review: CardState.REVIEW,
    fsrs.State.Relearning: CardState.RELEARNING,
}


def state_of(card: fsrs.Card) -> CardState:
    return CardState.NEW if card.stability is None else _STATE[card.state]


def simulate(
    scheduler: fsrs.Scheduler,
    start: datetime,
    until: datetime,
    rng: random.Random,
    *,
    max_reviews: int = 30,
) -> tuple[fsrs.Card, list[Review], int]:
    """Review one card from ``start`` whenever it is due, with random ratings, until ``until``.

    Reviews happen at the due time but never before 09:00 UTC on a day; that keeps
    fsrs's elapsed days (whole 24 h) equal to Anki's day count (day boundaries at 04:00).
    Returns the card, its log and its lapse count.
    """
    card = fsrs.Card()
    reviews: list[Review] = []
    lapses = 0
    moment = start
    while moment < until and len(reviews) < max_reviews:
        rating = fsrs.Rating(rng.choices([1, 2, 3, 4], weights=[15, 10, 60, 15])[0])
        before = state_of(card)
        card, _ = scheduler.review_card(card, rating, moment)
        after = state_of(card)
        if before is CardState.REVIEW and rating == fsrs.Rating.Again:
            lapses += 1
        reviews.append(
            Review(
                time=moment,
                rating=int(rating),
                duration_ms=rng.randint(1500, 20000),
                state_before=before,
                state_after=after,
                interval=card.due - moment,
                difficulty=card.difficulty,
            )
        )
        moment = _review_time(card.due)
    return card, reviews, lapses


def _review_time(due: datetime) -> datetime:
    if due.hour < 9:
        due = due.replace(hour=9, minute=0, second=0, microsecond=0)
    return due


def export_card(
    card: Card, deck: str, fcard: fsrs.Card | None, reviews: list[Review], lapses: int, **kw
) -> ExportCard:
    if fcard is None or not reviews:
        return ExportCard(card=card, deck=deck, **kw)
    progress = Progress(
        state=state_of(fcard),
        step=fcard.step,
        stability=fcard.stability,
        difficulty=fcard.difficulty,
        due=fcard.due,
        last_review=fcard.last_review,
        reps=len(reviews),
        lapses=lapses,
        suspended=kw.pop("suspended", False),
    )
    return ExportCard(card=card, deck=deck, progress=progress, reviews=tuple(reviews), **kw)


def make_cards(n: int, seed: int, now: datetime, *, deck: str = "papers") -> list[ExportCard]:
    """``n`` cards: about a fifth new, the rest with fsrs-made histories ending before ``now``."""
    rng = random.Random(seed)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    out = []
    for i in range(n):
        card = Card(
            id=f"c-{seed}-{i:05d}",
            question=f"What is idea {i}?",
            answer=f"Answer {i}",
            tags=("papers", "deep learning"),
            source_line=i + 1,
        )
        if i % 5 == 0:
            out.append(ExportCard(card=card, deck=deck, note_file="notes.md"))
            continue
        start = (now - timedelta(days=rng.randint(1, 300))).replace(hour=10, minute=0)
        fcard, reviews, lapses = simulate(scheduler, start, now, rng)
        out.append(export_card(card, deck, fcard, reviews, lapses, note_file="notes.md"))
    return out


NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
