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

Step 2 is `sync_pull`, steps 3–4 `sync_push`, the run's context `sync_run`; this module is the
sequence, login, errors and full syncs.

Killed anywhere, a rerun is safe: steps 2 and 4 only add what the other side lacks (keyed by
card and second), step 4 compares before it writes, an old watermark only makes step 2
look at rows it will recognise, and an old mark only makes steps 3–4 look at more cards.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from studydeck.anki.model import SchedulerSettings
from studydeck.anki.sync_pull import _pull, _touched
from studydeck.anki.sync_push import _ensure_notetype, _push_content, _push_reviews, _push_schedules
from studydeck.anki.sync_run import _Run
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
from studydeck.store import Store

INSTALL_HINT = "syncing with Anki needs Anki's engine: pip install 'studydeck[anki]'"
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
