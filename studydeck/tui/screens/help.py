"""Help: every key binding, listed from the command registry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from studydeck.tui.commands import REGISTRY, SCOPE_TITLES, bindings_for


def help_text() -> Content:
    parts: list[str | tuple[str, str]] = []
    for scope, title in SCOPE_TITLES.items():
        commands = [c for c in REGISTRY if c.scope == scope]
        if not commands:
            continue
        if parts:
            parts.append("\n")
        parts.append((f"{title}\n", "bold $accent"))
        seen: set[str] = set()
        for command in commands:
            line = f"  {command.keys_label:<12} {command.name:<13} {command.help}\n"
            if line not in seen:
                seen.add(line)
                parts.append(line)
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    SCOPE = "help"
    BINDINGS = bindings_for("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content("Keys (also searchable with Ctrl+P)\n"), id="help-title")
            yield Static(help_text(), id="help-keys")
            yield Static(Content("Esc closes this help."), id="help-hint")
