"""Help: every key binding, listed from the command registry, in two columns (keys, then
what they do) that each wrap inside their own width."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from studydeck.tui.commands import REGISTRY, SCOPE_TITLES, Command, bindings_for


def help_rows(scope: str) -> list[tuple[str, Content]]:
    """(keys, ``Name  what it does``) per command of ``scope``, each line once."""
    rows: list[tuple[str, Content]] = []
    for command in (c for c in REGISTRY if c.scope == scope):
        row = (command.keys_label, _description(command))
        if row not in rows:
            rows.append(row)
    return rows


def _description(command: Command) -> Content:
    return Content.assemble((command.name, "bold"), "  ", command.help)


class HelpScreen(ModalScreen[None]):
    SCOPE = "help"
    BINDINGS = bindings_for("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content("Keys (also searchable with Ctrl+P)"), id="help-title")
            for scope, title in SCOPE_TITLES.items():
                rows = help_rows(scope)
                if not rows:
                    continue
                yield Static(Content(title), classes="help-scope")
                with Grid(classes="help-keys"):
                    for keys, description in rows:
                        yield Static(Content(keys), classes="help-key")
                        yield Static(description, classes="help-what")
            yield Static(Content("Esc closes this help."), id="help-hint")
