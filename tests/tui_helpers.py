"""Helpers for TUI tests: read what is on screen, cell by cell, as the terminal would get it."""

from __future__ import annotations


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(line.rstrip() for line in screen_lines(app))


def clickable_actions(app) -> list[str]:
    """Every ``@click`` action attached to a cell on screen (links in card text would show here)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is not None and style.meta.get("@click"):
                found.append(str(style.meta["@click"]))
    return found


def locate(app, text: str) -> tuple[int, int]:
    """Screen offset (x, y) of the first cell of ``text``; fails the test when it is not shown."""
    for y, line in enumerate(screen_lines(app)):
        x = line.find(text)
        if x >= 0:
            return x, y
    raise AssertionError(f"{text!r} is not on screen:\n{screen_text(app)}")


def write_deck(env, name: str, cards, title: str = "", file: str | None = None) -> None:
    from studydeck.deck import Deck, save_deck

    env.decks_dir.mkdir(parents=True, exist_ok=True)
    path = env.decks_dir / (file or f"{name}.yaml")
    save_deck(Deck(name, title=title, cards=list(cards)), path)


def cards(n: int, prefix: str = "c", **fields):
    from studydeck.deck import Card

    return [Card(f"{prefix}{i}", f"Question {i}?", f"Answer {i}", **fields) for i in range(n)]


class Ticker:
    """A monotonic clock for the answer timer that moves only when told to."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_app(env, **options):
    """The real app over a real store in the test's temp folders, UTC and a fixed clock."""
    from datetime import UTC

    from studydeck.tui.app import StudydeckApp
    from studydeck.tui.backend import Backend

    backend = Backend(env, tz=UTC)
    options.setdefault("monotonic", Ticker())
    return StudydeckApp(backend, **options)
