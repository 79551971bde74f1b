"""The four rating buttons of the revealed card, each with its next interval (as in Anki)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class RatingBar(Horizontal):
    def compose(self) -> ComposeResult:
        for value, name in RATING_NAMES.items():
            yield Static(f"{value} {name}", id=f"rating-{value}", classes="rating", markup=False)

    def show(self, intervals: dict[int, str], selected: int | None) -> None:
        for value, name in RATING_NAMES.items():
            button = self.query_one(f"#rating-{value}", Static)
            button.update(
                Content.assemble(
                    (f"{value} ", "bold"), name, "\n", (intervals.get(value, ""), "dim")
                )
            )
            button.set_class(value == selected, "-selected")
