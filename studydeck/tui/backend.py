"""What the screens need from the domain, and its implementation over store + session.

The screens see only these small shapes, so the UI stays thin and the same session object
drives ``study --plain`` and the TUI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from studydeck.deck import Card


@dataclass(frozen=True, slots=True)
class DeckRow:
    name: str
    new: int
    learning: int
    due: int
    total: int
    next_due: str  # already formatted for display


@dataclass(frozen=True, slots=True)
class Overview:
    decks: list[DeckRow]
    totals_line: str


@dataclass(frozen=True, slots=True)
class Current:
    """The card on screen and where it came from."""

    card: Card
    deck: str
    source_path: Path | None  # the note (or the deck file when the note is not found)
    source_line: int | None

    @property
    def source_label(self) -> str:
        if self.source_path is None:
            return self.deck
        line = f":{self.source_line}" if self.source_line else ""
        return f"{self.source_path.name}{line}"


class SessionSummary(Protocol):
    reviewed: int
    again_rate: float
    time_spent_s: float
    due_tomorrow: int


class StudySession(Protocol):
    @property
    def current(self) -> Current | None: ...
    @property
    def can_undo(self) -> bool: ...
    def progress(self) -> tuple[int, int]: ...
    def intervals(self) -> dict[int, timedelta]: ...
    def answer(self, rating: int, duration_ms: int) -> object: ...
    def undo(self) -> None: ...
    def bury(self) -> None: ...
    def suspend(self) -> None: ...
    def summary(self) -> SessionSummary: ...


class Backend(Protocol):
    def overview(self) -> Overview: ...
    def open_session(self, deck: str | None) -> StudySession: ...
