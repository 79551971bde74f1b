"""Home: the decks with their counts; pick one (or all) to study."""

from __future__ import annotations

import functools
from collections.abc import Callable

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from studydeck.tui.commands import bindings_for, commands_for
from studydeck.tui.text import cell, plain

COLUMNS = ("Deck", "New", "Learning", "Due", "Total", "Next due")
NAMES = {c.action: c.name for c in commands_for("home")}


def needs_decks(action: Callable[[HomeScreen], None]) -> Callable[[HomeScreen], None]:
    """An action that needs the deck table. Pressed while the decks are still being read, it
    is kept (the last such key wins), said so on the status line, and run once they are."""
    name = action.__name__.removeprefix("action_")

    @functools.wraps(action)
    def run_or_wait(screen: HomeScreen) -> None:
        if screen.app.decks_ready:
            action(screen)
            return
        screen.pending = name
        screen.show_status()

    return run_or_wait


class HomeScreen(Screen[None]):
    SCOPE = "home"
    BINDINGS = bindings_for("home")
    AUTO_FOCUS = "#decks"
    columns_added = False
    sync_status = "Reading decks…"
    pending: str | None = None  # an action asked for before the decks were read
    _placed = False  # the cursor has been put on a deck with cards (first paint only)
    _shown = False  # the first ScreenResume has come (home's first frame)

    def compose(self) -> ComposeResult:
        yield Static(Content("studydeck"), id="home-title")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-sync", markup=False)
        yield Static(id="home-totals", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:  # as Text: a str label is parsed as markup (and loads Rich's emoji)
            table.add_column(cell(name), key=name)
        self.columns_added = True
        if self.app.decks_ready:
            self.load()
        else:
            table.loading = True
            self.show_status()

    def show_sync_progress(self, done: int, total: int, what: str) -> None:
        """``Reading decks 3/10 big.yaml``, from the sync's progress callback (which may come
        before this screen is mounted: then on_mount shows it)."""
        verb, name = ("Reading decks", what)
        if what.startswith("storing "):
            verb, name = ("Storing", what.removeprefix("storing "))
        name = "".join(c if c.isprintable() else "?" for c in name)  # a file name
        self.sync_status = f"{verb} {done + 1}/{total} {name}"
        self.show_status()

    def show_anki_sync(self, step: str | None) -> None:
        """The Anki sync's progress line, ``Sync: comparing cards…``; None hides it."""
        line = self.query_one("#home-sync", Static)
        line.display = step is not None
        line.update(plain(f"Sync: {step}…" if step is not None else ""))

    def show_status(self) -> None:
        """The sync's progress, and the key waiting for it: ``… · still reading decks: Study
        starts when they are ready``."""
        if not self.columns_added or self.app.decks_ready:
            return
        status = self.sync_status
        if self.pending is not None:
            status += f" · still reading decks: {NAMES[self.pending]} starts when they are ready"
        self.query_one("#home-totals", Static).update(plain(status))

    def show_decks(self) -> None:
        """The sync is over: fill the table, and let the keys that need it work."""
        if not self.columns_added:
            return  # a sync faster than the first mount: on_mount fills the table
        table = self.query_one(DataTable)
        self.load()
        self.refresh_bindings()

        def unveil() -> None:
            table.loading = False

        # A DataTable sizes its columns once it is idle: a paint before that showed the rows
        # cut to the headers' widths ("nast" for "nasty"). The rows fill under the loading
        # indicator, which goes once the table has been through its idle and a refresh.
        table.call_after_refresh(unveil)

    def run_pending(self) -> None:
        """Run the key pressed during the sync, if this screen is still the one shown."""
        action, self.pending = self.pending, None
        if action is None or self.app.screen is not self:
            return
        if not self.check_action(action, ()):  # Enter with no deck to highlight
            self.notify(f"{NAMES[action]}: there is no deck to study.", severity="warning")
            return
        getattr(self, f"action_{action}")()

    async def on_screen_resume(self) -> None:
        if not self._shown:
            # The first show, just after on_mount read the counts: no second read. The footer
            # gets its keys now, so that they are in home's first frame (a Footer composes
            # them once the screen's bindings change, which comes after the first paint).
            self._shown = True
            footer = self.query_one(Footer)
            footer.set_reactive(Footer._bindings_ready, True)
            with footer._context():  # its keys bind to it as they compose
                await footer.recompose()
            return
        if self.is_mounted and self.app.decks_ready:
            self.load()

    def load(self) -> None:
        """(Re)read the counts; the deck under the cursor stays highlighted."""
        overview = self.app.overview()
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for deck in overview.decks:
            table.add_row(
                cell(deck.name),
                cell(str(deck.new), justify="right"),
                cell(str(deck.learning), justify="right"),
                cell(str(deck.due), justify="right"),
                cell(str(deck.total), justify="right"),
                cell(deck.next_due),
                key=deck.name,
            )
        if table.row_count and not self._placed:
            # first paint: on the first deck with something to study, as Anki opens on one
            ready = [i for i, d in enumerate(overview.decks) if d.new + d.learning + d.due]
            table.move_cursor(row=ready[0] if ready else 0)
            self._placed = True
        elif table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self.query_one("#home-totals", Static).update(plain(overview.totals_line))

    def selected_deck(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_study_deck()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.app.decks_ready:
            return True  # a key that needs the decks waits for them (see needs_decks)
        if action == "study_deck":
            return self.is_mounted and self.query_one(DataTable).row_count > 0
        return True

    @needs_decks
    def action_study_deck(self) -> None:
        deck = self.selected_deck()
        if deck is not None:
            self.app.study(deck)

    @needs_decks
    def action_study_all(self) -> None:
        self.app.study(None)

    @needs_decks
    def action_refresh(self) -> None:
        self.load()

    @needs_decks
    def action_unbury(self) -> None:
        from studydeck.queue import unbury

        count = unbury(self.app.backend.store, self.app.backend.env.now())
        self.notify(f"Unburied {count} card(s)")
        self.load()

    @needs_decks
    def action_sync(self) -> None:
        self.app.sync_with_anki()

    @needs_decks
    def action_stats(self) -> None:
        from studydeck.tui.launch import open_stats

        open_stats(self.app)

    @needs_decks
    def action_quiz(self) -> None:
        from studydeck.tui.launch import open_quiz

        open_quiz(self.app, self.selected_deck())

    async def action_quit(self) -> None:
        await self.app.action_quit()
