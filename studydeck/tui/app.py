"""The Textual app: screens, themes, the command palette, and the link to the store/session."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from studydeck.errors import StudydeckError
from studydeck.text import strip_controls
from studydeck.tui import collector
from studydeck.tui.backend import Backend, Overview
from studydeck.tui.commands import bindings_for, key_while_typing
from studydeck.tui.palette import StudydeckCommands
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.styles import add_styles_for

# Only home is imported with the app: the other screens (and fsrs, card text, grading behind
# them) load when first opened, so the first paint waits for none of them.
if TYPE_CHECKING:  # Anki's engine is imported only when a sync runs
    from studydeck.anki.sync import SyncSummary
    from studydeck.session import Summary

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class StudydeckApp(App[None]):
    # No CSS_PATH: studydeck.tcss is added a part at a time, as each screen first opens.
    TITLE = "studydeck"
    SCOPE = "app"
    BINDINGS = bindings_for("app")
    COMMANDS: ClassVar = {StudydeckCommands}  # the registry's commands only, each once

    def __init__(
        self,
        backend: Backend,
        *,
        deck: str | None = None,
        study_now: bool = False,
        theme: str = "dark",
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.start_deck = deck
        self.study_now = study_now
        self.monotonic = monotonic
        self.theme = THEMES.get(theme, theme)
        self.decks_ready = False  # keys that need the decks wait for the sync to end
        self.startup_error: StudydeckError | None = None  # raised by the CLI once the app exits
        self.anki_sync_running = False  # home's Sync (y) runs one sync at a time

    def notify(self, message: str, *, title: str = "", **options) -> None:  # type: ignore[override]
        """Every toast, the screens' too: messages quote deck files and card text, so control
        characters go, and they are never read as markup."""
        options["markup"] = False
        super().notify(strip_controls(message), title=strip_controls(title), **options)

    def get_key_display(self, binding: Binding) -> str:
        """The footer's key: while an answer is typed (the screen's ``typing``), the one that
        works then (``s`` types an s, so Skip shows as Ctrl+S)."""
        if getattr(self.screen, "typing", False):
            typing = key_while_typing(binding.action, binding.key)
            if typing is not None:
                return typing
        return super().get_key_display(binding)

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[override]
        if isinstance(screen, Screen):
            add_styles_for(self, screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen):  # type: ignore[override]
        if isinstance(screen, Screen):
            add_styles_for(self, screen)
        return super().switch_screen(screen)

    def on_load(self) -> None:
        # Home opens once the app's mount is over. Textual holds every paint until then (a
        # batch update) and drops a frame rendered inside it without marking the screen for
        # repainting, so a home pushed in on_mount painted its title alone on the next resize
        # and the rest up to two update ticks (~35 ms) later; pushed after, it paints at once.
        # Queued now, before the terminal is read: a key typed ahead comes after, to home.
        self.call_later(self._open_home)

    def on_mount(self) -> None:
        self.home = HomeScreen()

    def _open_home(self) -> None:
        # A warm start (no deck file changed) needs no worker: home paints with its counts.
        if self.backend.synced or self.backend.sync_if_unchanged():
            self.decks_ready = True
            self.push_screen(self.home)
            self._after_sync()
        else:
            self.push_screen(self.home)
            self.call_after_refresh(self._start_deck_sync)  # its imports wait for the paint
        self.call_after_refresh(collector.resume)  # once home has painted (see collector)

    def _start_deck_sync(self) -> None:
        self.backend.load_deck_parser()
        self._sync_decks()

    # ── the deck sync, off the UI thread ─────────────────────────────────────

    @work(thread=True, exclusive=True, group="sync")
    def _sync_decks(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, what: str) -> None:
            if worker.is_cancelled:  # the app is closing: stop before the next deck file
                raise _SyncCancelled
            self.call_from_thread(self.home.show_sync_progress, done, total, what)

        try:
            self.backend.sync(progress)
        except _SyncCancelled:
            return
        except (StudydeckError, OSError) as exc:
            self.call_from_thread(self._sync_failed, exc)
            return
        self.call_from_thread(self._decks_synced)

    def _sync_failed(self, exc: Exception) -> None:
        # The message may quote a file name or deck text: never markup. The store keeps what
        # the last good sync left, so the app stays usable on that.
        self.decks_ready = True
        self.notify(f"Could not read the decks: {exc}", severity="error", markup=False)
        self.home.show_decks()
        self.home.run_pending()

    def _decks_synced(self) -> None:
        self.decks_ready = True
        self.home.show_decks()
        self._after_sync()
        self.home.run_pending()  # a key pressed during the sync (unless study_now moved on)

    def _after_sync(self) -> None:
        for problem in self.backend.problems:
            # file:line: message — the message may quote deck text, so never as markup
            self.notify(str(problem), title="Deck skipped", severity="warning", markup=False)
        if not self.study_now:
            return
        deck = self.start_deck
        if deck is not None and deck not in self.backend.store.deck_names():
            from studydeck.commands._state import unknown_deck

            self.startup_error = unknown_deck(self.backend.store, deck)
            self.exit(return_code=1)
            return
        self.study(deck)

    # ── sync with Anki (home's y, the palette), off the UI thread ─────────────

    def sync_with_anki(self) -> None:
        """Run ``studydeck sync`` in a worker: a progress line on home while it runs, then a
        notification with what moved (or the error, in one line), and home's counts redone."""
        if self.anki_sync_running:
            self.notify("A sync is already running.", title="Sync", severity="warning")
            return
        self.anki_sync_running = True
        self.home.show_anki_sync("starting")
        self.backend.load_deck_parser()  # the sync reads changed deck files
        self._sync_with_anki()

    @work(thread=True, group="anki-sync")
    def _sync_with_anki(self) -> None:
        worker = get_current_worker()

        def to_ui(callback: Callable[..., None], *args: Any) -> None:
            if not worker.is_cancelled:  # the app is closing: the sync ends unseen
                self.call_from_thread(callback, *args)

        try:
            summary = self.backend.sync_with_anki(partial(to_ui, self.home.show_anki_sync))
        except (StudydeckError, OSError) as exc:  # not logged in, server down, no extra…
            to_ui(self._anki_sync_failed, exc)
            return
        to_ui(self._anki_synced, summary)

    def _anki_sync_failed(self, exc: Exception) -> None:
        self.anki_sync_running = False
        self.home.show_anki_sync(None)
        self.notify(f"Sync failed: {exc}", title="Sync", severity="error", markup=False)

    def _anki_synced(self, summary: SyncSummary) -> None:
        self.anki_sync_running = False
        self.home.show_anki_sync(None)
        self.notify(summary.brief(), title=f"Synced with {summary.server}", markup=False)
        if self.decks_ready:
            self.home.load()  # pulled reviews move cards: the counts change

    # ── navigation ────────────────────────────────────────────────────────────

    def action_help(self) -> None:
        from studydeck.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_home(self) -> None:
        while not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def overview(self) -> Overview:
        return self.backend.overview()

    def study(self, deck: str | None) -> None:
        session = self.backend.open_session(deck)
        if session.current is None:
            where = f"in {deck}" if deck else "in any deck"
            buried = session.summary().buried
            more = f" {buried} card(s) buried until tomorrow: u unburies." if buried else ""
            self.notify(f"Nothing to study {where} right now.{more}", markup=False)
            return
        from studydeck.tui.screens.study import StudyScreen

        self.push_screen(StudyScreen(session, deck or "All decks"))

    def show_summary(self, summary: Summary) -> None:
        from studydeck.tui.screens.summary import SummaryScreen

        self.switch_screen(SummaryScreen(summary))


class _SyncCancelled(Exception):
    """Raised from the sync's progress callback to abandon it when the app closes."""
