"""Quiz sessions: typed or multiple-choice questions over a deck, graded, then scheduled.

A :class:`Quiz` is a :class:`studydeck.session.Session` with its own queue (the next ``limit``
cards of the deck, due ones first, not only what is due today) and a grading step: a front end
shows :attr:`Quiz.question`, calls :meth:`Quiz.check` with the learner's response, shows the
grade (and the diff), then :meth:`Quiz.record` with the grade or the learner's override.
Recording goes through the session's answer/undo (one transaction each), except under ``cram``,
which never touches the store.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from studydeck.deck import Card, Deck
from studydeck.grading import (
    Grade,
    Segment,
    choose_distractors,
    diff,
    grade,
    why_too_few_distractors,
)
from studydeck.queue import NO_ANSWERS, study_day
from studydeck.schedule import Answered, Rating
from studydeck.session import Progress, Session
from studydeck.store import NEW, StoredCard, to_epoch

Mode = Literal["typed", "choice", "mixed"]
MODES: tuple[Mode, ...] = ("typed", "choice", "mixed")
OPTIONS = 4  # a choice question: the right answer and three distractors


@dataclass(frozen=True, slots=True)
class Question:
    card: StoredCard
    kind: Literal["typed", "choice"]
    options: tuple[str, ...] = ()  # choice only, in display order (option 1 first)
    fallback: str = ""  # why a choice question is asked typed (too few fair distractors)

    @property
    def correct_option(self) -> int | None:
        """1-based number of the right option (choice questions)."""
        return self.options.index(self.card.answer) + 1 if self.options else None


@dataclass(frozen=True, slots=True)
class Checked:
    """A graded response, not yet recorded."""

    question: Question
    response: str  # the typed text, or the chosen option's text
    grade: Grade
    diff: tuple[Segment, ...] = ()  # typed questions: what to highlight

    @property
    def chosen_option(self) -> int | None:
        if self.question.kind != "choice" or self.response not in self.question.options:
            return None
        return self.question.options.index(self.response) + 1


@dataclass(frozen=True, slots=True)
class QuizResult:
    checked: Checked
    rating: Rating  # what was recorded: the grade's rating or the learner's override
    answered: Answered | None  # the committed review; None under cram

    @property
    def card(self) -> StoredCard:
        return self.checked.question.card

    @property
    def overridden(self) -> bool:
        return self.rating != self.checked.grade.rating


@dataclass(frozen=True, slots=True)
class QuizSummary:
    asked: int
    right: int  # recorded as Hard, Good or Easy
    by_rating: dict[Rating, int]
    cram: bool


@dataclass
class Quiz(Session):
    mode: Mode = "typed"
    limit: int = 20
    cram: bool = False  # grade only: no state change, no review-log row
    seed: int | None = None  # option order and mixed-mode draws; default: the start time
    results: list[QuizResult] = field(default_factory=list, init=False)
    checked: Checked | None = field(default=None, init=False)
    _queue: deque[StoredCard] = field(default_factory=deque, init=False)
    _question: Question | None = field(default=None, init=False)
    _decks: dict[str, Deck] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown quiz mode {self.mode!r}")
        if self.seed is None:
            self.seed = to_epoch(self.clock())
        self._queue = deque(self._pick(self.limit))
        super().__post_init__()

    def _pick(self, limit: int) -> list[StoredCard]:
        """Due cards first (most overdue first), then the other seen cards by due date, then
        new cards in deck order, each deck's only as many as its daily new limit still allows.
        Suspended, buried and archived cards are left out."""
        now = self.clock()
        available = set(self.store.deck_names())
        cards = [
            c
            for c in self.store.cards(self.deck)
            if c.deck in available and not c.memory.suspended and c.buried_until <= to_epoch(now)
        ]
        seen = sorted((c for c in cards if c.memory.state != NEW), key=lambda c: c.memory.due)
        day = study_day(now, self.config.rollover_hour, self.tz)
        done = self.store.today_by_deck(to_epoch(day.start), to_epoch(day.end))
        allowed = {
            name: self.config.new_per_day - done.get(name, NO_ANSWERS).new_done
            for name in available
        }
        new = []
        for card in (c for c in cards if c.memory.state == NEW):
            if allowed[card.deck] > 0:
                allowed[card.deck] -= 1
                new.append(card)
        return (seen + new)[: max(limit, 0)]

    def _advance(self) -> None:
        self.revealed = False
        self.checked = None
        self._question = None
        self.current = self._queue.popleft() if self._queue else None

    # ── asking ────────────────────────────────────────────────────────────────

    @property
    def question(self) -> Question:
        card = self._require_card()
        if self._question is None or self._question.card.num != card.num:
            self._question = self._make_question(card)
        return self._question

    def _make_question(self, card: StoredCard) -> Question:
        rng = random.Random(f"{self.seed}:{card.id}")
        kind = self.mode if self.mode != "mixed" else rng.choice(("typed", "choice"))
        if kind == "typed":
            return Question(card, "typed")
        as_card, deck = _as_card(card), self._deck(card.deck)
        wrong = choose_distractors(as_card, deck, OPTIONS - 1, rng)
        if len(wrong) < OPTIONS - 1:
            return Question(card, "typed", fallback=why_too_few_distractors(as_card, deck))
        options = [card.answer, *wrong]
        rng.shuffle(options)
        return Question(card, "choice", tuple(options))

    def _deck(self, name: str) -> Deck:
        """The deck's active cards as deck.Card, for distractors (built once per quiz)."""
        if name not in self._decks:
            cards = [_as_card(c) for c in self.store.cards(name)]
            self._decks[name] = Deck(name, cards=cards)
        return self._decks[name]

    def check(self, response: str, elapsed_s: float | None = None) -> Checked:
        """Grade a response without recording it. Choice questions take the option's number
        (``"2"``) or its text; a typed answer may earn Easy when ``elapsed_s`` is short."""
        question = self.question
        response = response.strip()
        if question.kind == "choice":
            if response.isdigit() and 1 <= int(response) <= len(question.options):
                response = question.options[int(response) - 1]
            if response not in question.options:
                raise ValueError(f"choose an option from 1 to {len(question.options)}")
            right = response == question.card.answer
            result = Grade(Rating.Good, 100, "exact") if right else Grade(Rating.Again, 0, "wrong")
            self.checked = Checked(question, response, result)
        else:
            answer = question.card.answer
            self.checked = Checked(
                question,
                response,
                grade(response, answer, elapsed_s),
                tuple(diff(response, answer)) if response else (),
            )
        self.revealed = True
        return self.checked

    def record(self, rating: Rating | int | None = None, duration_ms: int | None = None):
        """Record the checked response with its grade, or with ``rating`` (the learner's
        override). Committed before this returns, unless cramming. Moves to the next card."""
        checked = self.checked
        if checked is None:
            raise RuntimeError("check a response before recording it")
        final = Rating(rating) if rating is not None else checked.grade.rating
        if self.cram:
            self.results.append(QuizResult(checked, final, None))
            self._advance()
        else:
            answered = self.answer(final, duration_ms)  # the session's commit, then _advance
            self.results.append(QuizResult(checked, final, answered))
        return self.results[-1]

    def undo(self) -> QuizResult | None:
        """Take back the last recorded answer (its review too); that card is asked again."""
        if not self.results:
            return None
        current = self.current
        if self.cram:
            self.current = self.results[-1].card
        else:
            super().undo()  # may be refused (reviewed again elsewhere): then nothing changes
        last = self.results.pop()
        if current is not None:
            self._queue.appendleft(current)
        self.revealed = False
        self.checked = None
        self._question = None
        return last

    # ── progress ──────────────────────────────────────────────────────────────

    def progress(self) -> Progress:
        remaining = len(self._queue) + (self.current is not None)
        return Progress(done=len(self.results), remaining=remaining)

    def quiz_summary(self) -> QuizSummary:
        by_rating = {r: sum(res.rating == r for res in self.results) for r in Rating}
        right = len(self.results) - by_rating[Rating.Again]
        return QuizSummary(len(self.results), right, by_rating, self.cram)


def _as_card(card: StoredCard) -> Card:
    return Card(card.id, card.question, card.answer, kind=card.kind)
