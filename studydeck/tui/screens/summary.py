"""End of a session: what was done and what comes next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from studydeck.session import Summary
from studydeck.tui.commands import bindings_for


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


class SummaryScreen(Screen[None]):
    SCOPE = "summary"
    BINDINGS = bindings_for("summary")

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        s = self.summary
        rows = [
            ("Cards reviewed", str(s.reviewed)),
            ("Again rate", f"{s.again_rate:.0%}" if s.reviewed else "–"),
            ("Time spent", _duration(s.time_spent.total_seconds())),
            ("Due later today", str(s.due_later_today)),
            ("Due tomorrow", str(s.due_tomorrow)),
        ]
        if s.buried:  # all that is left today: say so, and how to get them back
            rows.append(("Buried", f"{s.buried} until tomorrow (Unbury: u on the decks)"))
        parts: list[str | tuple[str, str]] = [("Session complete\n\n", "bold $accent")]
        for label, value in rows:
            parts += [f"  {label:<16}", (value, "bold"), "\n"]
        with Vertical(id="summary-body"):
            yield Static(Content.assemble(*parts), id="summary-text")
        yield Footer()

    def action_home(self) -> None:
        self.app.action_home()

    async def action_quit(self) -> None:
        await self.app.action_quit()
