"""The export model built from the review store: cards, their FSRS state and review log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from studydeck.anki.model import (
    CardState,
    ExportCard,
    Progress,
    Review,
    SchedulerSettings,
)
from studydeck.config import Config
from studydeck.deck import Card
from studydeck.errors import StudydeckError
from studydeck.store import CardState as StoredState
from studydeck.store import Review as StoredReview
from studydeck.store import Store, StoredCard, from_epoch
from studydeck.text import strip_controls

_STATE = {0: CardState.NEW, 1: CardState.LEARNING, 2: CardState.REVIEW, 3: CardState.RELEARNING}
LEECH_TAG = "leech"  # Anki's tag for leeches


def settings_from_config(config: Config) -> SchedulerSettings:
    default = SchedulerSettings()
    return SchedulerSettings(
        parameters=tuple(config.fsrs_parameters) or default.parameters,
        desired_retention=config.desired_retention,
        learning_steps=tuple(config.learning_steps),
        relearning_steps=tuple(config.relearning_steps),
        maximum_interval=config.maximum_interval,
        rollover_hour=config.rollover_hour,
    )


def deck_sources(store: Store) -> dict[str, str]:
    """Deck name → the note file it was built from (decks without a ``source:`` are left out)."""
    sources = {deck: store.deck_source(deck) for deck in store.deck_names()}
    return {deck: source for deck, source in sources.items() if source}


def deck_titles(store: Store) -> dict[str, str]:
    """Deck name → its ``title:`` (decks without one are left out)."""
    titles = {deck: store.deck_title(deck) for deck in store.deck_names()}
    return {deck: strip_controls(title) for deck, title in titles.items() if title}


def collect_cards(
    store: Store, decks: Sequence[str] | None, sources: dict[str, str]
) -> list[ExportCard]:
    """Every active card of the chosen decks (all decks when ``decks`` is empty)."""
    known = store.deck_names()
    unknown = [name for name in decks or () if name not in known]
    if unknown:
        listing = ", ".join(known) or "none"
        raise StudydeckError(f"no deck named {', '.join(map(repr, unknown))} (decks: {listing})")
    chosen = list(decks) if decks else known
    logs: dict[str, list[Review]] = {}
    for row in store.reviews():
        logs.setdefault(row.card_id, []).append(review_of(row))
    cards = []
    for name in chosen:
        for stored in store.cards(name):
            cards.append(export_card(stored, sources.get(name), logs.get(stored.id, [])))
    return cards


def export_card(stored: StoredCard, note_file: str | None, log: list[Review]) -> ExportCard:
    memory = stored.memory
    tags = (
        (*stored.tags, LEECH_TAG) if memory.leech and LEECH_TAG not in stored.tags else stored.tags
    )
    card = Card(
        id=stored.id,
        question=stored.question,
        answer=stored.answer,
        kind=stored.kind,
        tags=tuple(tags),
        context=stored.context,
        source_line=stored.source_line,
        url=stored.url,
    )
    return ExportCard(card, stored.deck, note_file, progress_of(memory), tuple(log))


def progress_of(memory: StoredState) -> Progress:
    return Progress(
        state=_STATE[memory.state],
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=from_epoch(memory.due),
        last_review=from_epoch(memory.last_review),
        reps=memory.reps,
        lapses=memory.lapses,
        suspended=memory.suspended,
    )


def review_of(row: StoredReview) -> Review:
    interval = row.interval_seconds
    return Review(
        time=from_epoch(row.reviewed_at),  # type: ignore[arg-type]
        rating=row.rating,
        duration_ms=row.duration_ms or 0,
        state_before=_STATE[row.before.state],
        state_after=_STATE[row.after.state],
        interval=timedelta(seconds=interval or 0),
        difficulty=row.after.difficulty,
    )
