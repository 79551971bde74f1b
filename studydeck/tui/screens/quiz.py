"""Quiz: typed or multiple-choice questions over :class:`studydeck.quiz.Quiz` (the object
``quiz --plain`` drives). A response is graded first; the learner accepts the grade (Enter) or
overrides it (1–4), and only then is it recorded — committed, unless cramming."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from studydeck.quiz import Checked, Quiz
from studydeck.tui.commands import bindings_for
from studydeck.tui.text import card_text, plain, styled, typed_diff

RATING_STYLES = {1: "bold $text-error", 2: "bold $text-warning", 3: "bold $text-success"}


class QuizScreen(Screen[None]):
    SCOPE = "quiz"
    BINDINGS = bindings_for("quiz")
    AUTO_FOCUS = "#quiz-card"

    def __init__(self, quiz: Quiz, title: str) -> None:
        super().__init__()
        self.quiz = quiz
        self.deck_title = title
        self.shown_at = 0.0

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-top"):
            yield Static(plain(self.deck_title), id="quiz-title", markup=False)
            yield Static(id="quiz-progress", markup=False)
        with VerticalScroll(id="quiz-card", can_focus=True):
            yield Static(id="quiz-question", markup=False)
            yield Static(id="quiz-options", markup=False)
            yield Static(id="quiz-result", markup=False)
        yield Input(placeholder="Type your answer, Enter to check", id="quiz-input")
        yield Footer()

    def on_mount(self) -> None:
        self.show_current()

    # ── state → screen ────────────────────────────────────────────────────────

    @property
    def typing(self) -> bool:
        """An answer is being typed: letter keys go to the field."""
        return self.has_class("-typing")

    @property
    def graded(self) -> bool:
        return self.quiz.checked is not None

    def _static(self, name: str) -> Static:
        return self.query_one(f"#quiz-{name}", Static)

    def show_current(self) -> None:
        self._static("result").update(Content(""))
        if self.quiz.finished:
            self._show_summary()
            return
        question = self.quiz.question
        progress = self.quiz.progress()
        self._static("progress").update(
            Content(f"{progress.done + 1} of {progress.done + progress.remaining}")
            + (Content(" · cram") if self.quiz.cram else Content(""))
        )
        self._static("question").update(card_text(question.card.question))
        if question.kind == "choice":
            options = Content("\n").join(
                Content(f"{n}) ") + card_text(option)
                for n, option in enumerate(question.options, 1)
            )
        elif question.fallback:
            options = styled(f"No fair choice question: {question.fallback}; type it.", "italic")
        else:
            options = Content("")
        self._static("options").update(options)
        typing = question.kind == "typed"
        self.set_class(typing, "-typing")
        field = self.query_one(Input)
        field.value = ""
        if typing:
            field.focus()
        else:
            self.query_one("#quiz-card").focus()
        self.refresh_bindings()
        self.shown_at = self.app.monotonic()

    def show_checked(self, checked: Checked) -> None:
        grade = checked.grade
        question = checked.question
        style = RATING_STYLES.get(int(grade.rating), "bold $text-accent")
        parts: list[Content | str | tuple[str, str]] = [
            (f"{grade.rating.name}", style),
            f" (score {grade.score}, {grade.verdict})\n",
        ]
        if question.kind == "choice":
            parts += [("Answer: ", "bold"), f"{question.correct_option}) "]
            parts += [card_text(question.card.answer)]
        else:
            parts += [("You typed: ", "bold"), plain(checked.response), "\n"]
            if checked.diff and grade.verdict != "exact":
                parts += [("Diff:      ", "bold")]
                parts += [typed_diff(checked.response, question.card.answer)]
                parts += ["\n"]
            parts += [("Answer:    ", "bold"), card_text(question.card.answer)]
        parts += ["\n\n", ("Enter", "bold"), " accept · ", ("1–4", "bold"), " override"]
        self._static("result").update(Content.assemble(*parts))
        self.set_class(False, "-typing")
        self.query_one("#quiz-card").focus()
        self.refresh_bindings()

    def _show_summary(self) -> None:
        s = self.quiz.quiz_summary()
        counts = " · ".join(f"{r.name} {n}" for r, n in s.by_rating.items())
        tail = " (cram: nothing was scheduled)" if s.cram else ""
        self._static("progress").update(Content("done"))
        self._static("question").update(Content(f"Quiz over: {s.asked} answered, {s.right} right"))
        self._static("options").update(Content(counts + tail))
        self._static("result").update(Content("Esc: back to the decks"))
        self.set_class(False, "-typing")
        self.query_one("#quiz-card").focus()
        self.refresh_bindings()

    # ── input ─────────────────────────────────────────────────────────────────

    def _elapsed_s(self) -> float:
        return self.app.monotonic() - self.shown_at

    @on(Input.Submitted, "#quiz-input")
    def typed(self, event: Input.Submitted) -> None:
        event.stop()
        if self.quiz.finished or self.graded:
            return
        self.show_checked(self.quiz.check(event.value, self._elapsed_s()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.quiz.finished:
            return action in ("home", "undo") and (action == "home" or bool(self.quiz.results))
        if action == "number":
            return self.graded or self.quiz.question.kind == "choice"
        if action == "accept":
            return self.graded
        if action == "undo":
            return bool(self.quiz.results)
        return True

    def action_number(self, number: int) -> None:
        if self.quiz.finished:
            return
        if self.graded:
            self._record(number)
        elif self.quiz.question.kind == "choice":
            self.show_checked(self.quiz.check(str(number), self._elapsed_s()))

    def action_accept(self) -> None:
        if self.graded:
            self._record(None)

    def _record(self, rating: int | None) -> None:
        duration = round(self._elapsed_s() * 1000)
        result = self.quiz.record(rating, duration)
        if result.answered is not None and result.answered.became_leech:
            self.notify(
                f"{result.card.id} lapsed too often: tagged leech and suspended",
                severity="warning",
                markup=False,
            )
        self.show_current()

    def action_skip(self) -> None:
        if not self.quiz.finished:
            self.quiz.skip()
            self.show_current()

    def action_undo(self) -> None:
        undone = self.quiz.undo()
        if undone is not None:
            self.notify("Undid the last answer", timeout=2.0)
        self.show_current()

    def action_home(self) -> None:
        self.app.action_home()
