"""``studydeck quiz``: typed or multiple-choice questions, graded, then scheduled (or not: cram).

``--plain`` runs line by line over :class:`studydeck.quiz.Quiz`; otherwise the TUI quiz screen
drives the same object. Commands at any prompt start with a colon (``:s`` skip, ``:u`` undo,
``:q`` quit), as in ``study --plain``, so that no typed answer is mistaken for one: an answer
"q" is graded, with a hint that ``:q`` quits (see :mod:`studydeck.commands._plain`).
"""

from __future__ import annotations

from argparse import Namespace
from datetime import datetime

from studydeck.commands._plain import (
    COMMANDS_HELP,
    Command,
    bare_command,
    command_hint,
    progress_label,
    read_input,
    read_rating,
)
from studydeck.commands._state import open_state, unknown_deck
from studydeck.commands.study import card_heading
from studydeck.environment import Environment
from studydeck.errors import StudydeckError
from studydeck.grading import Segment
from studydeck.quiz import Checked, Question, Quiz
from studydeck.schedule import Rating, Scheduler


def run(args: Namespace, env: Environment) -> int:
    with open_state(env) as state:
        if args.deck and args.deck not in state.store.deck_names():
            raise unknown_deck(state.store, args.deck)
        if args.plain or not _stdin_is_tty(env):
            quiz = Quiz(
                state.store,
                Scheduler(state.config),
                env.now,
                deck=args.deck,
                mode=args.mode,
                limit=args.number,
                cram=args.cram,
            )
            PlainQuiz(quiz, env).run()
            return 0
    from studydeck.tui.launch import run_quiz  # Textual only for the full-screen view

    return run_quiz(env, args.deck, mode=args.mode, limit=args.number, cram=args.cram)


def _stdin_is_tty(env: Environment) -> bool:
    isatty = getattr(env.stdin, "isatty", None)
    return bool(isatty and isatty())


def wdiff(segments: tuple[Segment, ...]) -> str:
    """A diff in wdiff notation: ``[-typed-]`` is wrong or extra, ``{+expected+}`` missing."""
    marks = {"same": "{}", "wrong": "[-{}-]", "extra": "[-{}-]", "missing": "{{+{}+}}"}
    return "".join(marks[s.kind].format(s.text) for s in segments)


class PlainQuiz:
    def __init__(self, quiz: Quiz, env: Environment) -> None:
        self.quiz = quiz
        self.env = env

    def run(self) -> None:
        if self.quiz.finished:
            self.env.print("Nothing to quiz on.")
        while not self.quiz.finished and self.ask():
            pass
        self.print_summary()

    def ask(self) -> bool:
        """One question: show, read a response, grade, accept or override. False = quit."""
        question = self.quiz.question
        self.show_question(question)
        shown_at = self.env.now()
        checked = self.read_response(question, shown_at)
        if not isinstance(checked, Checked):
            return self.do(checked)
        self.show(checked)
        elapsed_ms = round((self.env.now() - shown_at).total_seconds() * 1000)
        choice = self.read_rating(checked)
        if not isinstance(choice, Rating):
            return self.do(choice)
        self.record(choice, elapsed_ms)
        return True

    def show_question(self, question: Question) -> None:
        out = self.env.print
        out(f"{progress_label(self.quiz.progress())} {card_heading(question.card)}")
        out(f"Q: {question.card.question}")
        if question.kind == "choice":
            for number, option in enumerate(question.options, 1):
                out(f"{number}) {option}")
        elif question.fallback:
            out(f"(no fair choice question: {question.fallback}; type the answer)")

    def read_response(self, question: Question, shown_at: datetime) -> Checked | Command:
        """The graded response, or the command given instead. A response that looks like a
        command without its colon is graded like any answer (a hint follows the grade)."""
        choice = question.kind == "choice"
        while True:
            self.env.print(
                f"answer [1-4, {COMMANDS_HELP}]:" if choice else f"your answer [{COMMANDS_HELP}]:"
            )
            action, line = read_input(self.env)
            if action:
                return action
            try:
                return self.quiz.check(line, (self.env.now() - shown_at).total_seconds())
            except ValueError as exc:  # not one of the options
                colon = bare_command(line)
                self.env.print(f"{exc}; {command_hint(colon)}" if colon else str(exc))

    def read_rating(self, checked: Checked) -> Rating | Command:
        accept = checked.grade.rating
        prompt = f"rating [Enter accept {accept.name}, 1-4 override, {COMMANDS_HELP}]:"
        please = "please press Enter, or 1 (again), 2 (hard), 3 (good), 4 (easy)"
        return read_rating(self.env, prompt, please, accept)

    def record(self, rating: Rating, elapsed_ms: int) -> None:
        result = self.quiz.record(rating, elapsed_ms)
        how = " (your override)" if result.overridden else ""
        if result.answered is None:
            self.env.print(f"cram: {result.card.id} {result.rating.name}{how}, not scheduled")
        else:
            due = result.answered.due.astimezone(self.quiz.tz).strftime("%Y-%m-%d %H:%M")
            self.env.print(f"recorded: {result.card.id} {result.rating.name}{how} due {due}")

    def do(self, action: Command) -> bool:
        """Carry out a command; False means quit."""
        if action == "skip":
            self.quiz.skip()
        elif action == "undo":
            self.undo()
        return action != "quit"

    def undo(self) -> None:
        try:
            undone = self.quiz.undo()
        except StudydeckError as exc:  # refused (reviewed again elsewhere)
            self.env.print(str(exc))
            return
        if undone is None:
            self.env.print("nothing to undo")
        else:
            self.env.print(f"undone: {undone.card.id} {undone.rating.name}")

    def show(self, checked: Checked) -> None:
        out = self.env.print
        grade = checked.grade
        out(f"grade: {grade.rating.name} (score {grade.score})")
        question = checked.question
        if question.kind == "choice":
            out(f"answer: {question.correct_option}) {question.card.answer}")
        else:
            out(f"answer: {question.card.answer}")
            if checked.diff and grade.verdict != "exact":
                out(f"diff: {wdiff(checked.diff)}")
            colon = bare_command(checked.response)
            if colon:
                out(f'("{checked.response}" was graded as your answer; {command_hint(colon)})')

    def print_summary(self) -> None:
        s = self.quiz.quiz_summary()
        counts = " · ".join(f"{r.name.lower()} {s.by_rating[r]}" for r in Rating)
        tail = " · cram: nothing scheduled" if s.cram else ""
        self.env.print(f"quiz: {s.asked} answered · {s.right} right · {counts}{tail}")
