"""Sync, step 2: reviews made elsewhere on studydeck's notes, appended to our log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from studydeck.anki.sync_reviews import Pulled, RevlogRow, append_pulled, new_rows
from studydeck.anki.sync_run import CARD_CHUNK, _Run
from studydeck.store import StoredCard

# ── pull ─────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _Mapped:
    """Our cards and the collection's cards of studydeck's notes."""

    ours: dict[str, StoredCard]
    anki_ids: dict[str, int]  # studydeck card id → Anki card id
    guids: dict[int, str]  # Anki card id → studydeck card id


def _mapped(run: _Run, cards: list[StoredCard]) -> _Mapped:
    ours = {card.id: card for card in cards}
    anki_ids: dict[str, int] = {}
    for guid, cid in run.col.db.execute(
        "SELECT n.guid, c.id FROM notes n JOIN cards c ON c.nid = n.id ORDER BY c.ord DESC"
    ):
        if guid in ours:
            anki_ids[guid] = cid  # first template's card wins (ordered last)
    return _Mapped(ours, anki_ids, {cid: guid for guid, cid in anki_ids.items()})


def _pull(run: _Run) -> tuple[Any, int]:
    """Revlog rows above the watermark, of studydeck's cards, that our log lacks; only the
    cards those rows are of are read."""
    watermark = run.state.watermark
    raw = []
    highest = watermark
    for rid, cid, ease, ms, kind, ivl, usn in run.col.db.execute(
        "SELECT id, cid, ease, time, type, ivl, usn FROM revlog WHERE usn > ?", watermark
    ):
        highest = max(highest, usn)
        raw.append((rid, cid, ease, ms, kind, ivl))
    if not raw:
        return Pulled(0, 0), highest
    guids = _guids_of(run.col, {row[1] for row in raw})
    rows = [
        RevlogRow(rid, guids[cid], ease, ms, kind, ivl)
        for rid, cid, ease, ms, kind, ivl in raw
        if cid in guids
    ]
    few = len(guids) <= CARD_CHUNK  # else one read of every key beats chunks of IN (...)
    known = run.store.review_keys(set(guids.values()) if few else None)
    fresh = new_rows(rows, known)  # rows after a full upload are mostly our own: skip them
    if not fresh:
        return Pulled(0, 0), highest
    ours = {card.id: card for card in run.store.cards_by_ids({row.card_id for row in fresh})}
    with run.store.write():
        pulled = append_pulled(run.store, run.scheduler, fresh, ours)
    return pulled, highest


def _in_chunks(col: Any, sql: str, values: Sequence[Any]) -> Iterator[tuple]:
    """``sql`` with ``{}`` standing for a list of placeholders, run over ``values`` in chunks."""
    for start in range(0, len(values), CARD_CHUNK):
        chunk = list(values[start : start + CARD_CHUNK])
        yield from col.db.execute(sql.format(",".join("?" * len(chunk))), *chunk)


def _guids_of(col: Any, anki_ids: set[int]) -> dict[int, str]:
    """Anki card id → its note's GUID (a studydeck card id when the note is ours)."""
    sql = "SELECT c.id, n.guid FROM cards c JOIN notes n ON n.id = c.nid"
    if len(anki_ids) > CARD_CHUNK:
        return {cid: guid for cid, guid in col.db.execute(sql) if cid in anki_ids}
    return dict(_in_chunks(col, sql + " WHERE c.id IN ({})", sorted(anki_ids)))


def _touched(run: _Run, mark: str) -> dict[str, tuple[StoredCard, int]] | None:
    """With the deck files as at the last complete sync: the cards with a review in our log
    after the last sync's mark (pulled ones included), with their Anki card ids. None when
    that is not all that changed (no mark yet, a review deleted, flags changed) or a card
    has no note: then every card is compared."""
    before = _parse_mark(run.state.reviews)
    now = _parse_mark(mark)
    if before is None or now is None or before[2] != now[2]:
        return None
    if now[1] - before[1] != run.store.reviews_between(before[0], now[0]):
        return None
    ours = {card.id: card for card in run.store.reviewed_between(before[0], now[0])}
    sql = (
        "SELECT n.guid, c.id FROM notes n JOIN cards c ON c.nid = n.id "
        "WHERE n.guid IN ({}) ORDER BY c.ord DESC"
    )
    anki_ids = dict(_in_chunks(run.col, sql, sorted(ours)))  # first template's card wins
    if len(anki_ids) != len(ours):
        return None
    return {card_id: (ours[card_id], anki_id) for card_id, anki_id in anki_ids.items()}


def _parse_mark(mark: str | None) -> tuple[int, int, str] | None:
    parts = (mark or "").split(":")
    if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
        return None
    return int(parts[0]), int(parts[1]), parts[2]
