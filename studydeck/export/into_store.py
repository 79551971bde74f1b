"""An imported Anki package into studydeck: deck files, then its review log into the store.

FSRS state is not copied from Anki: each card's answers are replayed through studydeck's
scheduler, so the state is what studydeck itself would have computed from that history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from studydeck.deck import Deck, load_deck, save_deck
from studydeck.errors import DeckError, StudydeckError
from studydeck.export.apkg_import import ImportedPackage
from studydeck.export.schedule import RESET_RATING
from studydeck.schedule import Rating, Scheduler
from studydeck.store import CardState, Store, to_epoch


@dataclass(frozen=True, slots=True)
class ImportSummary:
    deck_files: list[Path]
    cards: int
    reviews: int  # review rows added to the store
    skipped_cards: int


def deck_path(folder: Path, deck_name: str) -> Path:
    slug = re.sub(r"[^\w.-]+", "-", deck_name.replace("::", "-")).strip("-.") or "anki"
    return folder / f"{slug.lower()}.yaml"


def write_decks(package: ImportedPackage, folder: Path, *, force: bool = False) -> list[Path]:
    """Write one deck file per Anki deck. An existing file is never replaced unless it holds
    the same deck and ``force`` is given; then its title, source and archived cards are kept,
    and its cards missing from the package are archived, not dropped."""
    targets = []
    for deck in package.decks:  # check all before writing any
        path = deck_path(folder, deck.name)
        existing = None
        if path.exists():
            try:
                existing = load_deck(path)
            except DeckError:
                existing = None
            if existing is None or existing.name != deck.name:
                raise StudydeckError(
                    f"{path}: already exists and holds another deck; nothing was written"
                )
            if not force:
                raise StudydeckError(
                    f"{path}: deck {deck.name!r} is already there; nothing was written "
                    "(--force replaces its cards, keeping archived ones)"
                )
        targets.append((deck if existing is None else _merged(existing, deck), path))
    for deck, path in targets:
        save_deck(deck, path)
    return [path for _, path in targets]


def _merged(existing: Deck, imported: Deck) -> Deck:
    """The imported cards, with the existing deck's title, source, kinds (where the package
    has none) and every card it had that the package lacks, archived."""
    old = {card.id: card for card in (*existing.archived, *existing.cards)}
    cards = [
        replace(card, kind=old[card.id].kind) if card.kind == "manual" and card.id in old else card
        for card in imported.cards
    ]
    kept = {card.id for card in cards}
    archived = [card for card in (*existing.archived, *existing.cards) if card.id not in kept]
    return Deck(
        name=existing.name,
        title=existing.title or imported.title,
        source=existing.source or imported.source,
        cards=cards,
        archived=archived,
    )


def add_reviews(package: ImportedPackage, store: Store, scheduler: Scheduler) -> int:
    """Append each card's imported answers to the store's log, replaying them with FSRS.

    Answers at or before a card's latest logged review are already there (a re-import),
    so they are skipped. Returns the number of review rows added.
    """
    added = 0
    with store.write():
        for card_id, reviews in package.reviews.items():
            card = store.card(card_id)
            if card is None:
                continue
            logged = store.reviews(card_id)
            latest = max((r.reviewed_at for r in logged), default=None)
            state = card.memory
            for review in reviews:
                at = review.time.replace(microsecond=0)
                if latest is not None and to_epoch(at) <= latest:
                    continue
                if review.rating == RESET_RATING:
                    after = CardState(suspended=state.suspended, leech=state.leech)
                else:
                    after = scheduler.next_state(card.num, state, Rating(review.rating), at)
                store.add_review(
                    card.num, to_epoch(at), review.rating, review.duration_ms, state, after
                )
                state = after
                added += 1
            suspended = card_id in package.suspended
            if state != card.memory or suspended != state.suspended:
                store.set_memory(card.num, CardState(*state.fsrs_part(), suspended, state.leech))
    return added
