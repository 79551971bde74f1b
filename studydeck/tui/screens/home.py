"""Home: the decks with their counts; pick one (or all) to study."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from studydeck.tui.commands import bindings_for

COLUMNS = ("Deck", "New", "Learning", "Due", "Total", "Next due")


class HomeScreen(Screen[None]):
    SCOPE = "home"
    BINDINGS = bindings_for("home")
    AUTO_FOCUS = "#decks"

    def compose(self) -> ComposeResult:
        yield Static(Content("studydeck"), id="home-title")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-totals", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        self.load()
        for problem in self.app.backend.problems:
            # file:line: message — the message may quote deck text, so never as markup
            self.notify(str(problem), title="Deck skipped", severity="warning", markup=False)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()

    def load(self) -> None:
        """(Re)read the counts; the deck under the cursor stays highlighted."""
        overview = self.app.overview()
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for deck in overview.decks:
            # Deck names come from YAML: Text cells, because DataTable reads str cells as markup.
            table.add_row(
                Text(deck.name),
                Text(str(deck.new), justify="right"),
                Text(str(deck.learning), justify="right"),
                Text(str(deck.due), justify="right"),
                Text(str(deck.total), justify="right"),
                Text(deck.next_due),
                key=deck.name,
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self.query_one("#home-totals", Static).update(Content(overview.totals_line))

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
        if action == "study_deck":
            return self.is_mounted and self.query_one(DataTable).row_count > 0
        return True

    def action_study_deck(self) -> None:
        deck = self.selected_deck()
        if deck is not None:
            self.app.study(deck)

    def action_study_all(self) -> None:
        self.app.study(None)

    def action_refresh(self) -> None:
        self.load()

    def action_stats(self) -> None:
        from studydeck.tui.launch import open_stats

        open_stats(self.app)

    def action_quiz(self) -> None:
        from studydeck.tui.launch import open_quiz

        open_quiz(self.app, self.selected_deck())

    async def action_quit(self) -> None:
        await self.app.action_quit()
