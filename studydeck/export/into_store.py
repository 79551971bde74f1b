"""An imported Anki package into studydeck: deck files, then its review log into the store.

FSRS state is not copied from Anki: each card's answers are replayed through studydeck's
scheduler, so the state is what studydeck itself would have computed from that history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from studydeck.deck import load_deck, save_deck
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


def write_decks(package: ImportedPackage, folder: Path) -> list[Path]:
    """Write one deck file per Anki deck; an existing file is replaced only if it is that deck."""
    targets = [(deck, deck_path(folder, deck.name)) for deck in package.decks]
    for deck, path in targets:  # check all before writing any
        if path.exists():
            try:
                existing = load_deck(path).name
            except DeckError:
                existing = None
            if existing != deck.name:
                raise StudydeckError(
                    f"{path}: already exists and holds another deck; nothing was written"
                )
    for deck, path in targets:
        save_deck(deck, path)
    return [path for _, path in targets]


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
