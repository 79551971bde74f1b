"""Sync, steps 3–4: our notetype and decks, each card's note, our reviews as revlog rows, and
the scheduling of every card whose state differs from ours."""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from studydeck.anki.fields import anki_tags, note_fields, note_tags, tag_order_comment
from studydeck.anki.from_store import export_card, progress_of, review_of
from studydeck.anki.schedule import (
    QUEUE_NEW,
    QUEUE_SUSPENDED,
    TYPE_NEW,
    AnkiSchedule,
    anki_schedule,
    revlog_rows,
)
from studydeck.anki.sync_pull import _in_chunks, _mapped
from studydeck.anki.sync_run import ARCHIVED_TAG, CARD_CHUNK, REVLOG_CHUNK, _Run
from studydeck.anki.sync_state import (
    collection_path,
)
from studydeck.errors import StudydeckError
from studydeck.store import StoredCard

# ── notetype and decks ───────────────────────────────────────────────────────


def _ensure_notetype(run: _Run) -> None:
    """studydeck's notetype and preset with the fixed ids of ``export anki`` (added, never
    edited: editing a notetype forces a full sync)."""
    from studydeck.anki.apkg_export import (
        DECK_CONFIG_ID,
        NOTETYPE_ID,
        add_fixed_notetype_and_preset,
    )

    col = run.col
    has_type = col.db.scalar("SELECT count() FROM notetypes WHERE id = ?", NOTETYPE_ID)
    has_preset = col.db.scalar("SELECT count() FROM deck_config WHERE id = ?", DECK_CONFIG_ID)
    if has_type:
        return
    if has_preset:
        raise StudydeckError(
            f"{collection_path(run.data_dir)}: has studydeck's deck preset but not its notetype; "
            "run `studydeck sync --full download` or remove the collection to start over"
        )
    add_fixed_notetype_and_preset(col, run.settings)
    col.close()  # the backend caches notetypes and presets by id: reopen after renumbering
    col.reopen()


def _deck_ids(run: _Run, names: Sequence[str]) -> dict[str, int]:
    from studydeck.anki.apkg_export import DECK_CONFIG_ID, PARENT_DECK

    col = run.col
    out = {}
    for name in names:
        full = f"{PARENT_DECK}::{name}"
        existing = col.decks.id_for_name(full)
        if existing:
            out[name] = existing
            continue
        deck_id = col.decks.id(full)
        deck = col.decks.get(deck_id)
        deck["conf"] = DECK_CONFIG_ID
        col.decks.save(deck)
        out[name] = deck_id
    return out


# ── push: content ────────────────────────────────────────────────────────────


def _push_content(
    run: _Run, ours: list[StoredCard], *, check: bool
) -> tuple[int, int, dict[str, tuple[StoredCard, int]]]:
    """Add or update one note per card; return (added, updated, card id → (card, anki id)).
    ``check=False``: the deck files are as at the last complete sync, so only the mapping."""
    from anki.collection import AddNoteRequest

    from studydeck.anki.apkg_export import NOTETYPE_ID, PARENT_DECK

    col = run.col
    if not check:
        mapped = _mapped(run, ours)
        if len(mapped.anki_ids) == len(ours):
            by_id = {card.id: card for card in ours}
            return 0, 0, {cid: (by_id[cid], aid) for cid, aid in mapped.anki_ids.items()}
    sources = {deck: run.store.deck_source(deck) for deck in {card.deck for card in ours}}
    deck_ids = _deck_ids(run, sorted({card.deck for card in ours}))
    existing: dict[str, tuple[int, int, str, str, int, int, int]] = {}
    for guid, nid, mid, flds, tags, cid, did, odid in col.db.execute(
        "SELECT n.guid, n.id, n.mid, n.flds, n.tags, c.id, c.did, c.odid "
        "FROM notes n JOIN cards c ON c.nid = n.id ORDER BY c.ord DESC"
    ):
        existing[guid] = (nid, mid, flds, tags, cid, did, odid)
    notetype = col.models.get(NOTETYPE_ID)
    to_add, to_update, to_move = [], [], {}
    for card in ours:
        fields, tags = _note_content(card, sources.get(card.deck))
        found = existing.get(card.id)
        if found is None:
            note = col.new_note(notetype)
            note.guid = card.id
            note.fields = fields
            note.tags = tags
            to_add.append(AddNoteRequest(note=note, deck_id=deck_ids[card.deck]))
            continue
        nid, mid, flds, note_tag_text, cid, did, odid = found
        same_fields = mid != NOTETYPE_ID or _nfc(flds) == _nfc("\x1f".join(fields))
        if not same_fields or _tag_key(note_tag_text.split()) != _tag_key(tags):
            note = col.get_note(nid)
            if mid == NOTETYPE_ID:
                note.fields = fields
            note.tags = tags
            to_update.append(note)
        if (
            did != deck_ids[card.deck]
            and not odid
            and col.decks.name(did).startswith(f"{PARENT_DECK}::")
        ):
            to_move.setdefault(deck_ids[card.deck], []).append(cid)
    for start in range(0, len(to_add), CARD_CHUNK):
        col.add_notes(to_add[start : start + CARD_CHUNK])
    for start in range(0, len(to_update), CARD_CHUNK):
        col.update_notes(to_update[start : start + CARD_CHUNK], skip_undo_entry=True)
    for deck_id, cids in to_move.items():
        col.set_deck(cids, deck_id)
    mapped = _mapped(run, ours)
    by_id = {card.id: card for card in ours}
    cards = {cid: (by_id[cid], anki_id) for cid, anki_id in mapped.anki_ids.items()}
    return len(to_add), len(to_update), cards


def _note_content(card: StoredCard, note_file: str | None) -> tuple[list[str], list[str]]:
    item = export_card(card, note_file, [])
    *fields, source = note_fields(item)
    fields = [*fields, source + tag_order_comment(anki_tags(item.card.tags))]
    tags = note_tags(item.card)
    if card.archived:
        tags.append(ARCHIVED_TAG)
    return fields, tags


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tag_key(tags: Sequence[str]) -> list[str]:
    return sorted({tag.lower() for tag in tags})


# ── push: reviews and scheduling ─────────────────────────────────────────────


def _push_reviews(run: _Run, cards: dict[str, tuple[StoredCard, int]]) -> tuple[int, set[str]]:
    """Our reviews the collection lacks (same card, same second) → revlog rows, usn -1;
    returns how many, and of which cards."""
    col = run.col
    present: set[tuple[int, int]] = set()
    taken: set[int] = set()
    revlog = (
        col.db.execute("SELECT id, cid FROM revlog")
        if len(cards) > CARD_CHUNK
        else _in_chunks(
            col, "SELECT id, cid FROM revlog WHERE cid IN ({})", [aid for _, aid in cards.values()]
        )
    )
    for rid, cid in revlog:
        present.add((cid, rid // 1000))
        taken.add(rid)
    keys = run.store.review_keys(None if len(cards) > CARD_CHUNK else list(cards))
    missing = {
        card_id
        for card_id, at in keys
        if card_id in cards and (cards[card_id][1], at) not in present
    }
    rows = []
    pushed: set[str] = set()
    for card_id in sorted(missing):
        anki_id = cards[card_id][1]
        log = run.store.reviews(card_id)
        ordered = sorted(log, key=lambda r: (r.reviewed_at, r.id))
        built = revlog_rows(anki_id, tuple(review_of(r) for r in ordered), taken)
        for review, row in zip(ordered, built, strict=True):
            if (anki_id, review.reviewed_at) not in present:
                present.add((anki_id, review.reviewed_at))
                rows.append(row)
                pushed.add(card_id)
    if not rows:
        return 0, pushed

    def insert() -> None:
        for start in range(0, len(rows), REVLOG_CHUNK):
            chunk = rows[start : start + REVLOG_CHUNK]
            values = ",".join(["(?,?,?,?,?,?,?,?,?)"] * len(chunk))
            col.db.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                f"VALUES {values}",
                *[value for row in chunk for value in row],
            )

    col.db.transact(insert)  # one transaction; bumps the collection's mtime so it syncs
    return len(rows), pushed


def _push_schedules(run: _Run, cards: dict[str, tuple[StoredCard, int]]) -> int:
    """Write the scheduling of every card whose columns differ from our state."""
    from studydeck.anki.apkg_export import set_schedule

    col = run.col
    today = col.sched.today
    sql = "SELECT id, type, queue, due, ivl, reps, lapses, left, odid, data, mod FROM cards"
    rows = (
        col.db.execute(sql)
        if len(cards) > CARD_CHUNK
        else _in_chunks(col, sql + " WHERE id IN ({})", [aid for _, aid in cards.values()])
    )
    current = {row[0]: tuple(row[1:]) for row in rows}
    next_new = (col.db.scalar("SELECT max(due) FROM cards WHERE type = 0") or 0) + 1
    changed = []
    for card, anki_id in cards.values():
        now_cols = current.get(anki_id)
        if now_cols is None or now_cols[7]:  # gone, or in a filtered deck: leave it
            continue
        suspended = card.memory.suspended or card.archived
        progress = progress_of(card.memory)
        schedule = anki_schedule(progress, run.settings, now=run.now, today=today, tz=run.tz)
        if schedule is not None and card.archived and schedule.queue != QUEUE_SUSPENDED:
            schedule = _suspended(schedule)
        if schedule is None:
            queue = QUEUE_SUSPENDED if suspended else QUEUE_NEW
            if now_cols[0] == TYPE_NEW and now_cols[1] == queue:
                continue
            anki_card = col.get_card(anki_id)
            if anki_card.type != TYPE_NEW:
                anki_card.due = next_new
                next_new += 1
                anki_card.ivl = anki_card.reps = anki_card.lapses = anki_card.left = 0
                anki_card.factor = 0
                anki_card.memory_state = None
                anki_card.last_review_time = None
            anki_card.type = TYPE_NEW
            anki_card.queue = queue
            changed.append(anki_card)
            continue
        if _same(schedule, now_cols):
            continue
        anki_card = col.get_card(anki_id)
        set_schedule(anki_card, schedule, run.settings)
        changed.append(anki_card)
    if changed:
        _after_second(max(current[card.id][9] for card in changed))
    for start in range(0, len(changed), CARD_CHUNK):
        col.update_cards(changed[start : start + CARD_CHUNK], skip_undo_entry=True)
    return len(changed)


def _after_second(latest_mod: int) -> None:
    """Anki merges a card by modification time in whole seconds, and a tie keeps the
    server's copy: a card changed elsewhere in this very second would win over ours. Wait
    for the next second first (only ever when that happened, so at most one second)."""
    while int(time.time()) <= latest_mod:
        time.sleep(0.05)


def _suspended(schedule: AnkiSchedule) -> AnkiSchedule:
    return replace(schedule, queue=QUEUE_SUSPENDED)


def _same(schedule: AnkiSchedule, cols: tuple) -> bool:
    ctype, queue, due, ivl, reps, lapses, left = cols[:7]
    if (ctype, queue, due, ivl, reps, lapses, left) != (
        schedule.type,
        schedule.queue,
        schedule.due,
        schedule.ivl,
        schedule.reps,
        schedule.lapses,
        schedule.left,
    ):
        return False
    data = json.loads(cols[8]) if cols[8] else {}  # only now: parsing is most of the cost
    return _close(data.get("s"), schedule.stability) and _close(data.get("d"), schedule.difficulty)


def _close(theirs: float | None, ours: float | None) -> bool:
    if theirs is None or ours is None:
        return theirs is None and ours is None
    return abs(theirs - ours) <= 1e-3 * max(1.0, abs(ours))
