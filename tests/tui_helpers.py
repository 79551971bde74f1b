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
