"""An in-memory stand-in for the store-backed session: for tests of the UI's own behaviour
(rendering, bindings, help, palette). Flows that must reach the store use the real backend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from studydeck.deck import Card
from studydeck.tui.backend import Current, DeckRow, Overview


@dataclass
class FakeSummary:
    reviewed: int
    again_rate: float
    time_spent_s: float
    due_tomorrow: int


class FakeSession:
    def __init__(self, cards: list[Card], deck: str) -> None:
        self.cards = cards
        self.deck = deck
        self.index = 0
        self.answers: list[tuple[str, int, int]] = []

    @property
    def current(self) -> Current | None:
        if self.index >= len(self.cards):
            return None
        card = self.cards[self.index]
        return Current(card, self.deck, None, card.source_line)

    @property
    def can_undo(self) -> bool:
        return bool(self.answers)

    def progress(self) -> tuple[int, int]:
        return self.index, len(self.cards) - self.index

    def intervals(self) -> dict[int, timedelta]:
        return {1: timedelta(minutes=1), 2: timedelta(minutes=8), 3: timedelta(days=2)}

    def answer(self, rating: int, duration_ms: int) -> None:
        self.answers.append((self.cards[self.index].id, rating, duration_ms))
        self.index += 1

    def undo(self) -> None:
        self.answers.pop()
        self.index -= 1

    def bury(self) -> None:
        self.index += 1

    suspend = bury

    def summary(self) -> FakeSummary:
        again = sum(1 for _, rating, _ in self.answers if rating == 1)
        n = len(self.answers)
        return FakeSummary(n, again / n if n else 0.0, 1.0, 0)


class FakeBackend:
    def __init__(self, cards: list[Card], deck: str = "papers") -> None:
        self.cards = cards
        self.deck = deck
        self.sessions: list[FakeSession] = []

    def overview(self) -> Overview:
        row = DeckRow(self.deck, len(self.cards), 0, 0, len(self.cards), "now")
        return Overview([row], "0 reviewed today")

    def open_session(self, deck: str | None) -> FakeSession:
        self.sessions.append(FakeSession(self.cards, self.deck))
        return self.sessions[-1]
