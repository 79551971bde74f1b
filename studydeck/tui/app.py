"""The Textual app: screens, themes, the command palette, and the link to the store/session."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable

from textual.app import App, SuspendNotSupported

from studydeck.session import Summary
from studydeck.store import StoredCard
from studydeck.tui.backend import Backend, Overview
from studydeck.tui.commands import bindings_for
from studydeck.tui.palette import StudydeckCommands
from studydeck.tui.screens.help import HelpScreen
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.study import StudyScreen
from studydeck.tui.screens.summary import SummaryScreen

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class StudydeckApp(App[None]):
    CSS_PATH = "studydeck.tcss"
    TITLE = "studydeck"
    SCOPE = "app"
    BINDINGS = bindings_for("app")
    COMMANDS = App.COMMANDS | {StudydeckCommands}

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

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.study_now:
            self.study(self.start_deck)

    # ── navigation ────────────────────────────────────────────────────────────

    def action_help(self) -> None:
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
            self.notify(f"Nothing to study {where} right now.", markup=False)
            return
        self.push_screen(StudyScreen(session, deck or "All decks"))

    def show_summary(self, summary: Summary) -> None:
        self.switch_screen(SummaryScreen(summary))

    def edit_source(self, card: StoredCard) -> None:
        """Open the card's note (or, failing that, its deck file) in $EDITOR at the line."""
        source = self.backend.source_of(card)
        if source is None:
            self.notify("This card's deck file is not known.", severity="warning")
            return
        path, line = source
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        command = [*shlex.split(editor), f"+{line or 1}", str(path)]
        try:
            with self.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify(f"Cannot leave the screen here; the note is {path}:{line}", markup=False)
        except OSError as exc:
            self.notify(f"Could not run the editor: {exc}", severity="error", markup=False)
        self.refresh()
