"""Command palette entries for the current screen, taken from the command registry."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider

from studydeck.tui.commands import Command, commands_for


class StudydeckCommands(Provider):
    """Offers the commands of the active screen (those it can run now) and the app-wide ones.
    It is the palette's only provider: Textual's own (Keys, Maximize, Screenshot, a second
    Quit) would crowd out the app's commands."""

    def _available(self) -> list[Command]:
        """The screen's commands, then the app's, each action once: ``Quit`` on home (``q``)
        and everywhere (``Ctrl+Q``) is one entry, ``Quit (q / Ctrl+Q)``."""
        scope = getattr(self.screen, "SCOPE", None)
        found: dict[str, Command] = {}
        for command in (*commands_for(scope or ""), *commands_for("app")):
            if command.action == "command_palette":
                continue
            if command.scope != "app":
                _, name, params = parse(command.action)
                if not self.screen.check_action(name, params):
                    continue
            if (same := found.get(command.action)) is not None:
                found[command.action] = replace(same, key=f"{same.key},{command.key}")
                continue
            found[command.action] = command
        return list(found.values())

    def _run(self, command: Command) -> None:
        target = self.app if command.scope == "app" else self.screen
        self.app.call_later(target.run_action, command.action)

    def _label(self, command: Command) -> str:
        return f"{command.name} ({command.keys_label})"

    async def discover(self) -> Hits:
        for command in self._available():
            yield DiscoveryHit(self._label(command), partial(self._run, command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._available():
            label = self._label(command)
            score = max(matcher.match(label), matcher.match(command.help) * 0.8)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, command), help=command.help
                )
