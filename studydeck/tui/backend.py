"""The app's link to the domain: the store, the scheduler and the shared study session.

Screens drive :class:`studydeck.session.Session` directly (the same object ``study --plain``
uses); this module only opens things and shapes the deck overview for the home table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from studydeck.config import load_config
from studydeck.environment import Environment
from studydeck.errors import Problem, StudydeckError
from studydeck.queue import next_due_label, status  # the home counts need no fsrs
from studydeck.store import Store, StoredCard

if TYPE_CHECKING:  # Anki's engine is imported only when a sync runs; fsrs when one studies
    from studydeck.anki.sync import SyncSummary
    from studydeck.schedule import Scheduler
    from studydeck.session import Session


@dataclass(frozen=True, slots=True)
class DeckRow:
    name: str
    new: int
    learning: int
    due: int
    total: int
    next_due: str  # formatted for display


@dataclass(frozen=True, slots=True)
class Overview:
    decks: list[DeckRow]
    totals_line: str


class Backend:
    def __init__(
        self,
        env: Environment,
        *,
        tz: tzinfo | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        sync: bool = True,
    ) -> None:
        """Open the store; with ``sync=False`` the caller runs :meth:`sync` later (the app does,
        in a worker thread, so that a long first sync never holds up the first paint)."""
        self.env = env
        self.tz = tz  # local zone for "today" and displayed times; None = the system's
        self.config = load_config(env.config_path)
        self.store = Store.open(env.data_dir)  # migrates, here, before any worker opens it
        self.problems: list[Problem] = []
        self.synced = False
        if sync:
            self.sync(progress)

    @cached_property
    def scheduler(self) -> Scheduler:
        """FSRS, set up on first use: the home screen paints without importing it."""
        from studydeck.schedule import Scheduler

        return Scheduler(self.config)

    def sync_if_unchanged(self) -> bool:
        """Whether the store was already up to date with the deck folder (a stat per file):
        then it counts as synced, and the app skips the worker's sync. False as well when
        the check fails: the full sync, in the worker, then says why."""
        try:
            report = self.store.sync_if_unchanged(self.env.decks_dir)
        except (StudydeckError, OSError):
            return False
        if report is None:
            return False
        self.problems = report.problems
        self.synced = True
        return True

    def load_deck_parser(self) -> None:
        """Import the deck parser here, on the UI thread, before a worker syncs: its fast path,
        yaml-rs (0.1.6), crashes the process when called after the thread that imported it
        has ended, and each worker is a thread that ends."""
        import studydeck.deck_fast  # noqa: F401  (imports yaml_rs)

    def sync(self, progress: Callable[[int, int, str], None] | None = None) -> None:
        """Bring the store up to date with the deck folder, over a connection of its own: a
        SQLite connection belongs to the thread that opened it, and this may run in a worker.
        ``self.store`` reads the result once this returns."""
        with Store.open(self.env.data_dir) as store:
            report = store.sync_decks(self.env.decks_dir, progress)
        self.problems = report.problems
        self.synced = True

    def sync_with_anki(self, progress: Callable[[str], None]) -> SyncSummary:
        """``studydeck sync``: the login checked, the decks read, then the sync, over a
        connection of its own (this runs in a worker thread). ``progress(step)`` is told each
        step. Anki's engine is first imported here, never when the app starts."""
        from studydeck.commands.sync import logged_in_state, sync_store

        state = logged_in_state(self.env)
        progress("reading decks")
        with Store.open(self.env.data_dir) as store:
            store.sync_decks(self.env.decks_dir)  # their problems were shown at start-up
            return sync_store(self.env, store, self.config, state, progress=progress)

    def close(self) -> None:
        self.store.close()

    def overview(self) -> Overview:
        now = self.env.now()
        decks, reviewed_today = status(self.store, self.config, now, self.tz)
        rows = [
            DeckRow(d.deck, d.new, d.learning, d.due, d.total, self._when(d.next_due, now))
            for d in decks
        ]
        waiting = sum(r.new + r.learning + r.due for r in rows)
        line = f"{reviewed_today} reviewed today · {waiting} to study now"
        if not rows:  # as the CLI says it, with the folder it looked in
            from studydeck.commands._state import BUILD_HINT

            line = f"No decks in {self.env.decks_dir}: {BUILD_HINT}."
        return Overview(rows, line)

    def _when(self, due: datetime | None, now: datetime) -> str:
        return "–" if due is None else next_due_label(due, now, self.tz)

    def open_session(self, deck: str | None) -> Session:
        from studydeck.session import Session

        return Session(self.store, self.scheduler, self.env.clock, deck=deck, tz=self.tz)

    def source_of(self, card: StoredCard) -> Source | None:
        """The note the card came from, at its line; for a deck without ``source:``, its deck
        file at the card; None when the deck file is not known."""
        deck_path = self.store.deck_path(card.deck)
        if deck_path is None:
            return None
        source = self.store.deck_source(card.deck)
        note = _note_path(deck_path, source)
        if note is not None:
            return Source(note, card.source_line)
        return Source(deck_path, _line_of_id(deck_path, card.id), missing_note=source)


@dataclass(frozen=True, slots=True)
class Source:
    path: Path  # the file to open
    line: int | None
    missing_note: str | None = None  # the deck's ``source:``, not found: path is the deck file


def _note_path(deck_path: Path, source: str | None) -> Path | None:
    """The deck's ``source:`` note. ``build`` writes its path relative to the deck folder
    (``x.md``, ``../notes/x.md``); decks built before that, or by hand, may hold a bare name
    or a path meant from one folder up or the working directory, so those are looked for
    there too (never for a path that climbs out with ``..``)."""
    if not source:
        return None
    folders = [deck_path.parent]
    if not Path(source).is_absolute() and not source.startswith("../"):
        folders += [deck_path.parent.parent, Path.cwd()]
    for folder in folders:
        if (folder / source).is_file():
            return (folder / source).resolve()
    return None


def _line_of_id(path: Path, card_id: str) -> int | None:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip().lstrip("- ").strip() in (f"id: {card_id}", f"id: '{card_id}'"):
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None
