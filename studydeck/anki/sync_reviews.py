"""Reviews across the sync, as pure functions over plain rows (no ``anki`` import here).

A review is identified on both sides by its card and its second: studydeck logs whole
seconds, Anki's revlog id is the review time in milliseconds. So a revlog row of a card is
"already ours" when our log has a review of that card in the row's second, and one of our
reviews is "already pushed" when the collection has a revlog row of that card in its second.
That makes pulling and pushing idempotent, whatever was interrupted before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studydeck.anki.schedule import RESET_RATING, REVLOG_MANUAL
from studydeck.schedule import Rating, Scheduler
from studydeck.store import RESET, CardState, Review, Store, StoredCard, from_epoch

# Anki revlog kinds read back as answers: learning, review, relearning (filtered-deck
# previews, "set due date" and the rest change no memory state studydeck can replay).
ANSWER_KINDS = (0, 1, 2)


@dataclass(frozen=True, slots=True)
class RevlogRow:
    id: int  # epoch milliseconds
    card_id: str  # studydeck card id (the note's GUID)
    ease: int  # 1..4, 0 for manual entries
    duration_ms: int
    kind: int
    ivl: int

    @property
    def second(self) -> int:
        return self.id // 1000

    @property
    def rating(self) -> int | None:
        """Our log's rating for this row, or None when it is not an answer we replay."""
        if self.kind in ANSWER_KINDS and 1 <= self.ease <= 4:
            return self.ease
        if self.kind == REVLOG_MANUAL and self.ease == 0 and self.ivl == 0:
            return RESET_RATING  # Anki's "forget" (reset to new)
        return None


@dataclass(frozen=True, slots=True)
class Pulled:
    reviews: int  # rows appended to our log
    cards: int  # cards whose state was rebuilt
    card_ids: frozenset[str] = frozenset()  # those cards


def new_rows(rows: Iterable[RevlogRow], known: set[tuple[str, int]]) -> list[RevlogRow]:
    """The rows that are answers made elsewhere and not yet in our log, oldest first; one per
    card and second (two rows in one second of one card are one review)."""
    out, seen = [], set(known)
    for row in sorted(rows, key=lambda r: r.id):
        key = (row.card_id, row.second)
        if row.rating is None or key in seen:
            continue
        seen.add(key)
        out.append(row)
    return out


def append_pulled(
    store: Store, scheduler: Scheduler, rows: list[RevlogRow], cards: dict[str, StoredCard]
) -> Pulled:
    """Append ``rows`` to our log and set each touched card's state to the replay of its
    merged log in time order, all in one transaction (call inside ``store.write()``)."""
    by_card: dict[str, list[RevlogRow]] = {}
    for row in rows:
        if row.card_id in cards:
            by_card.setdefault(row.card_id, []).append(row)
    added = 0
    for card_id, pulled in by_card.items():
        card = cards[card_id]
        log = store.reviews(card_id)
        merged: list[tuple[int, int, Review | RevlogRow]] = [(r.reviewed_at, 0, r) for r in log] + [
            (p.second, 1, p) for p in pulled
        ]
        merged.sort(key=lambda item: (item[0], item[1]))
        state = CardState()
        for at, _, item in merged:
            rating = item.rating
            assert rating is not None
            after = _step(scheduler, card.num, state, rating, at)
            if isinstance(item, RevlogRow):
                store.add_review(
                    card.num, at, rating, max(item.duration_ms, 0) or None, state, after
                )
                added += 1
            state = after
        flags = card.memory
        store.set_memory(card.num, CardState(*state.fsrs_part(), flags.suspended, flags.leech))
    return Pulled(added, len(by_card), frozenset(by_card))


def _step(scheduler: Scheduler, num: int, state: CardState, rating: int, at: int) -> CardState:
    """One answer of the replay (the same rule as :func:`studydeck.schedule.replay`)."""
    if rating == RESET:
        return CardState()
    return scheduler.next_state(num, state, Rating(rating), from_epoch(at))  # type: ignore[arg-type]
