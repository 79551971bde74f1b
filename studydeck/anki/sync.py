"""Two-way review sync through Anki's own sync server and engine.

studydeck's store is the truth for its reviews and the deck files for card content; a private
collection in ``DATA_DIR/anki/`` is the replica that talks to the server. One sync:

1. sync the collection with the server (a full sync only when one side is empty, or asked);
2. pull: revlog rows of studydeck's notes with a usn above the watermark that our log lacks
   (same card, same second) are appended to our log, and each such card's state becomes the
   replay of its merged log — one store transaction;
3. push content: a note per card (GUID = card id) in ``studydeck::<deck>``, edited cards
   updated, archived ones suspended and tagged;
4. push reviews: our reviews the collection lacks become revlog rows (``usn = -1``), and
   every card whose scheduling differs from our state is rewritten through the engine;
5. sync again, then save the watermark (the highest usn seen at step 2) and our log's mark
   (``Store.review_mark``, read after step 2) — last.

Incremental: when the deck files are as at the last complete sync (``Store.deck_fingerprint``)
and our log only grew since its mark (no review deleted, no card's flags changed), steps 3–4
touch only the cards with a review after the mark — ours and those pulled at step 2 — and
step 2 reads only the cards of rows it has not seen; otherwise every card is compared.

Killed anywhere, a rerun is safe: steps 2 and 4 only add what the other side lacks (keyed by
card and second), step 4 compares before it writes, an old watermark only makes step 2
look at rows it will recognise, and an old mark only makes steps 3–4 look at more cards.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from studydeck.anki.fields import anki_tags, note_fields, note_tags, tag_order_comment
from studydeck.anki.from_store import export_card, progress_of, review_of
from studydeck.anki.model import SchedulerSettings
from studydeck.anki.schedule import (
    QUEUE_NEW,
    QUEUE_SUSPENDED,
    TYPE_NEW,
    AnkiSchedule,
    anki_schedule,
    revlog_rows,
)
from studydeck.anki.sync_reviews import Pulled, RevlogRow, append_pulled, new_rows
from studydeck.anki.sync_state import (
    ANKIWEB,
    BACKUPS,
    NO_WATERMARK,
    SyncState,
    collection_path,
    save_state,
    sync_folder,
    with_watermark,
)
from studydeck.errors import StudydeckError
from studydeck.schedule import Scheduler
from studydeck.store import Store, StoredCard

INSTALL_HINT = "syncing with Anki needs Anki's engine: pip install 'studydeck[anki]'"
ARCHIVED_TAG = "studydeck::archived"
CARD_CHUNK = 500
REVLOG_CHUNK = 1000
FULL_CHOICES = ("upload", "download")


@dataclass(frozen=True, slots=True)
class SyncSummary:
    server: str
    full: str | None = None  # "upload" / "download" when a full sync happened
    pulled: int = 0  # reviews appended to our log
    rebuilt: int = 0  # cards whose state was replayed from a merged log
    pushed: int = 0  # revlog rows added to the collection
    added: int = 0  # notes added
    updated: int = 0  # notes whose content changed
    rescheduled: int = 0  # cards whose scheduling was written
    merged: int = 0  # cards reviewed on both sides since the last sync (both reviews kept)
    backup: Path | None = None

    def line(self) -> str:
        parts = [
            f"synced with {self.server}",
            *([f"full {self.full}"] if self.full else []),
            f"{self.pulled} review(s) in",
            f"{self.pushed} review(s) out",
            f"{self.added} card(s) added",
            f"{self.updated} updated",
            f"{self.rescheduled} rescheduled",
        ]
        text = ", ".join(parts)
        return f"{text} (backup: {self.backup})" if self.backup else text

    def brief(self) -> str:
        """``pushed 12 reviews, pulled 30, 2 cards reviewed on both sides merged`` (the TUI's
        notification; the parts that are zero, beyond pushed and pulled, are left out)."""
        parts = [f"pushed {_count(self.pushed, 'review')}", f"pulled {self.pulled}"]
        if self.merged:
            parts.append(f"{_count(self.merged, 'card')} reviewed on both sides merged")
        if self.added:
            parts.append(f"{_count(self.added, 'new card')} sent")
        if self.full:
            parts.append(f"full {self.full}")
        return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def require_anki() -> None:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        raise StudydeckError(INSTALL_HINT) from None


# ── errors: every failure is one line ─────────────────────────────────────────


@contextmanager
def _anki_errors(server: str, col_path: Path | None = None) -> Iterator[None]:
    from anki.errors import DBError, NetworkError, SyncError, SyncErrorKind

    try:
        yield
    except SyncError as exc:
        message = _first_line(str(exc))
        if exc.kind is SyncErrorKind.AUTH:
            raise StudydeckError(
                f"{server} refused the login ({message}); run `studydeck sync login`"
            ) from None
        if "clock" in message.lower():  # Anki's CLOCK_INCORRECT (Python sees only OTHER)
            raise StudydeckError(
                "clock skew: this computer's clock is more than 5 minutes off the server's, "
                f"so {server} refused to sync; set the clock right and sync again"
            ) from None
        raise StudydeckError(f"sync with {server} failed: {message}") from None
    except NetworkError as exc:
        detail = _details(str(exc))
        raise StudydeckError(f"cannot reach the sync server {server}{detail}") from None
    except DBError as exc:
        message = _first_line(str(exc))
        if "already open" in message.lower():
            where = col_path or "the collection"
            raise StudydeckError(
                f"{where} is open in another program (another `studydeck sync`?); "
                "try again when it is done"
            ) from None
        raise StudydeckError(f"{col_path}: {message}") from None


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"


def _details(text: str) -> str:
    """Anki's network errors say 'A network error occurred.' then the details."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    detail = next((line for line in lines if line.lower().startswith("error details")), "")
    detail = detail.split(":", 1)[-1].strip().strip("\u2068\u2069").strip()
    return f" ({detail})" if detail else ""


# ── login ────────────────────────────────────────────────────────────────────


def login(endpoint: str | None, user: str, password: str) -> SyncState:
    """Log in; return the state to save (host key + endpoint, never the password)."""
    require_anki()
    from anki.collection import Collection

    endpoint = None if endpoint in (None, "", ANKIWEB) else _normalised(endpoint)
    server = endpoint or "AnkiWeb"
    with tempfile.TemporaryDirectory(prefix="studydeck-login-") as tmp:
        col = Collection(str(Path(tmp) / "login.anki2"))
        try:
            with _anki_errors(server):
                auth = col.sync_login(user, password, endpoint)
        finally:
            col.close()
    return SyncState(hkey=auth.hkey, endpoint=auth.endpoint or endpoint, user=user)


def _normalised(endpoint: str) -> str:
    if "://" not in endpoint:
        raise StudydeckError(f"--endpoint {endpoint!r}: give a URL such as {_example()}")
    return endpoint if endpoint.endswith("/") else endpoint + "/"


def _example() -> str:
    from studydeck.anki.sync_state import DEFAULT_ENDPOINT

    return DEFAULT_ENDPOINT


# ── the sync ─────────────────────────────────────────────────────────────────


@dataclass
class _Run:
    col: Any
    auth: Any
    state: SyncState
    data_dir: Path
    store: Store
    scheduler: Scheduler
    settings: SchedulerSettings
    now: datetime
    tz: tzinfo | None
    progress: Callable[[str], None] | None = None

    def step(self, what: str) -> None:
        if self.progress is not None:
            self.progress(what)


def sync(
    store: Store,
    scheduler: Scheduler,
    settings: SchedulerSettings,
    state: SyncState,
    data_dir: Path,
    *,
    now: datetime,
    full: str | None = None,
    tz: tzinfo | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncSummary:
    """One sync (see the module's docstring). ``progress(what)`` is told each step as it
    starts (``comparing cards``…), for a front end's progress line."""
    require_anki()
    from anki.collection import Collection
    from anki.sync import SyncAuth

    if not state.logged_in:
        raise StudydeckError("not logged in: run `studydeck sync login` first")
    path = collection_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    server = state.server
    with _anki_errors(server, path):
        col = Collection(str(path))
    auth = SyncAuth(hkey=state.hkey, endpoint=state.endpoint)
    run = _Run(col, auth, state, data_dir, store, scheduler, settings, now, tz, progress)
    try:
        with _anki_errors(server, path):
            return _sync(run, full)
    finally:
        if run.col.db is not None:
            run.col.close()


def _sync(run: _Run, full: str | None) -> SyncSummary:
    backup = None
    done_full = None
    run.step(f"syncing with {run.state.server}")
    if full == "download":
        backup = _backup_local(run)
        _full(run, upload=False)
        run.state = with_watermark(run.state, NO_WATERMARK)
        done_full = "download"
    elif full != "upload":
        done_full = _first_sync(run)
    if done_full == "download":
        run.state = with_watermark(run.state, NO_WATERMARK)
    _ensure_notetype(run)
    run.step("reading reviews made elsewhere")
    pulled, watermark = _pull(run)
    # Read before the touched cards: a review made during this sync lands after the mark
    # and is pushed next time.
    mark = run.store.review_mark()
    content = run.store.deck_fingerprint()
    same_content = content == run.state.content and done_full is None and full is None
    cards = _touched(run, mark) if same_content else None
    added = updated = 0
    if cards is None:  # first sync, deck files edited, flags changed, a review deleted…
        run.step("comparing cards")
        ours = run.store.cards(include_archived=True)
        added, updated, cards = _push_content(run, ours, check=not same_content)
    run.step("writing reviews and schedules")
    pushed, pushed_cards = _push_reviews(run, cards)
    rescheduled = _push_schedules(run, cards)
    run.step(f"sending to {run.state.server}")
    if full == "upload":
        backup = _backup_server(run)
        _full(run, upload=True)
        done_full = "upload"
    else:
        done_full = _second_sync(run) or done_full
    if done_full == "upload":
        watermark = max(watermark, _uploaded_watermark(run.col))
    # Last: until the watermark is saved, a rerun reads the same rows again (and skips them).
    final = with_watermark(run.state, max(watermark, run.state.watermark))
    save_state(run.data_dir, replace(final, content=content, reviews=mark))
    return SyncSummary(
        server=run.state.server,
        full=done_full,
        pulled=pulled.reviews,
        rebuilt=pulled.cards,
        pushed=pushed,
        added=added,
        updated=updated,
        rescheduled=rescheduled,
        merged=len(pulled.card_ids & pushed_cards),
        backup=backup,
    )


def _collection_sync(run: _Run) -> Any:
    out = run.col.sync_collection(run.auth, sync_media=False)
    if out.new_endpoint:
        run.state = SyncState(run.state.hkey, out.new_endpoint, run.state.user, run.state.watermark)
        run.auth.endpoint = out.new_endpoint
        save_state(run.data_dir, run.state)
    return out


def _uploaded_watermark(col: Any) -> int:
    """After a full upload the server holds exactly our collection, whose revlog rows are
    all ours or already pulled: none of them needs reading again. The server numbers what
    it receives from now on with the collection's usn or above, so stay below that."""
    top = col.db.scalar("SELECT max(usn) FROM revlog")
    next_usn = col.db.scalar("SELECT usn FROM col")
    return NO_WATERMARK if top is None else min(top, next_usn - 1)


def _has_cards(col: Any) -> bool:
    return bool(col.db.scalar("SELECT EXISTS (SELECT 1 FROM cards)"))


def _first_sync(run: _Run) -> str | None:
    """Bring in the server's changes; a full download only when our copy has no cards."""
    out = _collection_sync(run)
    required = out.required
    if required == out.FULL_DOWNLOAD or (required == out.FULL_SYNC and not _has_cards(run.col)):
        _full(run, upload=False, server_usn=out.server_media_usn)
        return "download"
    if required == out.FULL_UPLOAD:
        return None  # the server is empty: uploaded once our cards are in (second sync)
    if required == out.FULL_SYNC:
        raise _diverged(run)
    return None


def _second_sync(run: _Run) -> str | None:
    out = _collection_sync(run)
    required = out.required
    if required == out.FULL_UPLOAD:
        _full(run, upload=True, server_usn=out.server_media_usn)
        return "upload"
    if required in (out.FULL_SYNC, out.FULL_DOWNLOAD):
        raise _diverged(run)
    return None


def _diverged(run: _Run) -> StudydeckError:
    return StudydeckError(
        f"{run.state.server} and studydeck's collection have diverged and need a full sync; "
        "nothing was changed. Choose one: `studydeck sync --full download` (take the "
        "server's collection; studydeck's reviews are pushed again) or `studydeck sync "
        "--full upload` (replace the server's; a copy of it is kept)"
    )


def _full(run: _Run, *, upload: bool, server_usn: int | None = None) -> None:
    col = run.col
    col.close_for_full_sync()
    try:
        col.full_upload_or_download(auth=run.auth, server_usn=server_usn, upload=upload)
    finally:
        col.reopen(after_full_sync=True)


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _backup_local(run: _Run) -> Path | None:
    """A copy of our collection before a full download replaces it."""
    if not _has_cards(run.col):
        return None
    target = sync_folder(run.data_dir) / BACKUPS / f"collection-{_stamp()}.anki2"
    target.parent.mkdir(parents=True, exist_ok=True)
    run.col.close()
    try:
        shutil.copy2(collection_path(run.data_dir), target)
    finally:
        run.col.reopen()
    return target


def _backup_server(run: _Run) -> Path:
    """The server's collection, downloaded into the backups before an upload replaces it."""
    from anki.collection import Collection

    target = sync_folder(run.data_dir) / BACKUPS / f"server-{_stamp()}.anki2"
    target.parent.mkdir(parents=True, exist_ok=True)
    copy = Collection(str(target))
    try:
        copy.close_for_full_sync()
        copy.full_upload_or_download(auth=run.auth, server_usn=None, upload=False)
        copy.reopen(after_full_sync=True)
    finally:
        copy.close()
    return target


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
