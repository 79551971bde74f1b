"""An imported Anki package into studydeck: deck files, then its review log into the store.

FSRS state is not copied from Anki: each card's answers are replayed through studydeck's
scheduler, so the state is what studydeck itself would have computed from that history.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from studydeck.anki.apkg_import import ImportedPackage
from studydeck.anki.schedule import RESET_RATING
from studydeck.deck import (
    Deck,
    deck_files,
    duplicate_ids,
    inspect_deck,
    load_deck,
    save_deck,
)
from studydeck.errors import DeckError, StudydeckError
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


def write_decks(
    package: ImportedPackage,
    folder: Path,
    *,
    force: bool = False,
    known_ids: Callable[[str], str | None] | None = None,
) -> list[Path]:
    """Write one deck file per Anki deck, after checking every one of them.

    An existing file is never replaced unless it holds the same deck and ``force`` is given;
    then its title, source and archived cards are kept, and its cards missing from the
    package are archived, not dropped. Two package decks that map to one file, a deck name
    or a card id that another deck file of the folder already uses, or an id that
    ``known_ids(id)`` (the review store) gives to another deck, are errors: nothing is written.
    """
    targets = _targets(package, folder, force)
    _check_ids(package, folder, {path for _, path in targets}, known_ids)
    for deck, path in targets:
        save_deck(deck, path)
    return [path for _, path in targets]


def _targets(package: ImportedPackage, folder: Path, force: bool) -> list[tuple[Deck, Path]]:
    targets = []
    by_path: dict[Path, str] = {}
    for deck in package.decks:
        path = deck_path(folder, deck.name)
        if path in by_path:
            raise StudydeckError(
                f"{path}: the package's decks {by_path[path]!r} and {deck.name!r} would both be "
                "written to this file; nothing was written (rename one of them in Anki)"
            )
        by_path[path] = deck.name
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
    return targets


def _check_ids(
    package: ImportedPackage,
    folder: Path,
    written: set[Path],
    known_ids: Callable[[str], str | None] | None,
) -> None:
    """A card belongs to one deck: an import never takes over another deck's card (its
    history would become the package's) nor reuses another deck's name."""
    duplicates = duplicate_ids(package.decks)
    if duplicates:
        raise StudydeckError(f"the package uses {duplicates[0].message}; nothing was written")
    owner = {card.id: deck.name for deck in package.decks for card in deck.cards}
    names = {deck.name for deck in package.decks}
    for path in deck_files(folder):
        if path in written:
            continue
        # what the file claims, read even when it has faults (unreadable: claims nothing, as
        # the sync skips it; the store check below still applies)
        for (what, value), line in inspect_deck(path).claims:
            if what == "deck name" and value in names:
                raise StudydeckError(
                    f"{path}: already holds deck {value!r}, which the package also has; "
                    "nothing was written"
                )
            if what == "card id" and value in owner:
                raise _clash(value, owner[value], f"{path}:{line}")
    if known_ids is not None:
        for card_id, deck in owner.items():
            other = known_ids(card_id)
            if other is not None and other != deck:
                raise _clash(card_id, deck, f"deck {other!r} in the review state")


def _clash(card_id: str, deck: str, there: str) -> StudydeckError:
    return StudydeckError(
        f"card id {card_id!r} of the package's deck {deck!r} is already used by {there}; "
        "nothing was written (an import never changes another deck's cards or history)"
    )


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
    so they are skipped. Only cards of the package's own decks get answers: a card id that
    lives in another deck is never touched. Returns the number of review rows added.
    """
    added = 0
    decks = {deck.name: {card.id for card in deck.cards} for deck in package.decks}
    with store.write():
        for card_id, reviews in package.reviews.items():
            card = store.card(card_id)
            if card is None or card_id not in decks.get(card.deck, ()):
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
