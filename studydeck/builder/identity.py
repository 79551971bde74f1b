"""Card identity: ids from anchors, kept across rebuilds; vanished cards archived, not deleted.

An id is ``<deck prefix>-<10 hex>`` of (deck, rule, folded anchor), so editing a summary keeps
it. When the anchor itself changes a little, the rebuild matches the card to the previous deck
with rapidfuzz (thresholds from DESIGN.md, measured on real note edit histories):

* ``ratio ≥ 90`` → same card;
* ``75 ≤ ratio < 90`` → same card only with the same heading path and a clear lead (≥ 5 points)
  over the runner-up;
* short keys (< 12 characters) match only exactly: "gpt-2" vs "gpt-3" scores 80.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from studydeck.builder.rules import TEMPLATES
from studydeck.deck import Card, Deck
from studydeck.text import fold

SAME = 90
MAYBE = 75
CLEAR_LEAD = 5
SHORT_KEY = 12

_TEMPLATE_PATTERNS = {
    kind: re.compile("^" + re.escape(t).replace(re.escape("{}"), "(?P<key>.+)") + "$")
    for kind, t in TEMPLATES.items()
}


@lru_cache(maxsize=64)
@lru_cache(maxsize=256)  # called once per card with the same deck name
def deck_prefix(deck_name: str) -> str:
    """2–3 lowercase letters: initials of a multi-word name, else its first two letters."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", deck_name) if p]
    letters = "".join(p[0] for p in parts if p[0].isalpha())[:3].lower()
    if len(letters) >= 2:
        return letters
    word = re.sub(r"[^a-z]", "", deck_name.lower())
    return (word[:2] or "dk").ljust(2, "x")


@lru_cache(maxsize=1024)
def _folded_anchor(anchor: str) -> str:
    return fold(anchor)  # one paper's title anchors several rules' cards in a row


def card_id(deck_name: str, kind: str, anchor: str, salt: int = 0) -> str:
    key = f"{deck_name}\x1f{kind}\x1f{_folded_anchor(anchor)}" + (f"\x1f{salt}" if salt else "")
    return f"{deck_prefix(deck_name)}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def match_key(card: Card) -> str:
    """What a card is about, read back from its question (the template's slot), folded."""
    pattern = _TEMPLATE_PATTERNS.get(card.kind)
    found = pattern.match(card.question) if pattern else None
    if not found:
        return fold(card.question)
    key = re.sub(r"\s*\([^()]*\)$", "", found.group("key"))  # the attribution is not the anchor
    key = re.sub(r"^the (.+) paper$", r"\1", key)
    return fold(key)


def reconcile(
    new_cards: Sequence[Card], previous: Deck | None
) -> tuple[list[Card], list[Card], dict[str, str]]:
    """Give new cards their previous ids where they are the same card; archive the rest.

    Returns (cards, archived, renamed) where ``renamed`` maps fresh ids to kept old ids.
    """
    if previous is None:
        return list(new_cards), [], {}
    old_cards = [*previous.cards, *previous.archived]
    old_by_id = {c.id: c for c in old_cards}
    matched_old: set[str] = {c.id for c in new_cards if c.id in old_by_id}
    renamed: dict[str, str] = {}
    pending = [c for c in new_cards if c.id not in old_by_id]
    spare = [c for c in old_cards if c.id not in matched_old]
    for new, old in _fuzzy_pairs(pending, spare):
        renamed[new.id] = old.id
        matched_old.add(old.id)
    cards = [_with_id(c, renamed.get(c.id, c.id)) for c in new_cards]
    active_ids = {c.id for c in cards}
    archived = [c for c in previous.archived if c.id not in active_ids]
    archived += [c for c in previous.cards if c.id not in active_ids and c.id not in matched_old]
    return cards, archived, renamed


def _fuzzy_pairs(pending: Iterable[Card], spare: Sequence[Card]) -> list[tuple[Card, Card]]:
    pairs: list[tuple[float, int, int, Card, Card]] = []
    spare_keys = [match_key(c) for c in spare]
    for i, new in enumerate(pending):
        key = match_key(new)
        scored = []
        for j, old in enumerate(spare):
            if old.kind != new.kind:
                continue
            old_key = spare_keys[j]
            if len(key) < SHORT_KEY or len(old_key) < SHORT_KEY:
                score = 100.0 if key == old_key else 0.0
            else:
                score = fuzz.ratio(key, old_key)
            if score >= MAYBE:
                scored.append((score, j, old))
        if not scored:
            continue
        scored.sort(key=lambda s: (-s[0], s[1]))
        best_score, j, old = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best_score < SAME and (
            old.context != new.context or best_score - runner_up < CLEAR_LEAD
        ):
            continue
        pairs.append((best_score, i, j, new, old))
    # Best matches first; each old card and each new card is used once.
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_new: set[int] = set()
    used_old: set[int] = set()
    chosen = []
    for _, i, j, new, old in pairs:
        if i in used_new or j in used_old:
            continue
        used_new.add(i)
        used_old.add(j)
        chosen.append((new, old))
    return chosen


def _with_id(card: Card, new_id: str) -> Card:
    if card.id == new_id:
        return card
    return Card(
        id=new_id,
        question=card.question,
        answer=card.answer,
        kind=card.kind,
        tags=card.tags,
        context=card.context,
        source_line=card.source_line,
        url=card.url,
    )
