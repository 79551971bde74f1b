"""``studydeck quiz``: typed or multiple-choice questions, graded, then scheduled (or not: cram).

``--plain`` runs line by line over :class:`studydeck.quiz.Quiz`; otherwise the TUI quiz screen
drives the same object. Commands at any prompt start with a colon (``:s`` skip, ``:u`` undo,
``:q`` quit) so that no typed answer is mistaken for one.
"""

from __future__ import annotations

from argparse import Namespace

from studydeck.commands._state import open_state, unknown_deck
from studydeck.commands.study import card_heading
from studydeck.environment import Environment
from studydeck.grading import Segment
from studydeck.quiz import Checked, Quiz
from studydeck.schedule import RATING_NAMES, Rating, Scheduler

COMMANDS_HELP = ":s skip · :u undo · :q quit"


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

    run_quiz(env, args.deck, mode=args.mode, limit=args.number, cram=args.cram)
    return 0


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

    def read(self) -> str | None:
        line = self.env.stdin.readline()
        return None if line == "" else line.rstrip("\r\n")

    def run(self) -> None:
        if self.quiz.finished:
            self.env.print("Nothing to quiz on.")
        while not self.quiz.finished and self.ask():
            pass
        self.print_summary()

    def ask(self) -> bool:
        """One question: show, read a response, grade, accept or override. False = quit."""
        out = self.env.print
        quiz = self.quiz
        question = quiz.question
        card = question.card
        progress = quiz.progress()
        where = card_heading(card)
        out(f"[{progress.done + 1}/{progress.done + progress.remaining}] {where}")
        out(f"Q: {card.question}")
        if question.kind == "choice":
            for number, option in enumerate(question.options, 1):
                out(f"{number}) {option}")
        elif question.fallback:
            out(f"(no fair choice question: {question.fallback}; type the answer)")
        shown_at = self.env.now()
        while True:
            out(
                f"answer [1-4, {COMMANDS_HELP}]:"
                if question.kind == "choice"
                else f"your answer [{COMMANDS_HELP}]:"
            )
            line = self.read()
            command = self.command(line)
            if command is not None:
                return command
            try:
                checked = quiz.check(line or "", (self.env.now() - shown_at).total_seconds())
                break
            except ValueError as exc:
                out(str(exc))
        self.show(checked)
        elapsed_ms = round((self.env.now() - shown_at).total_seconds() * 1000)
        while True:
            accept = checked.grade.rating.name
            out(f"rating [Enter accept {accept}, 1-4 override, {COMMANDS_HELP}]:")
            line = self.read()
            command = self.command(line)
            if command is not None:
                return command
            choice = (line or "").strip().lower()
            rating = checked.grade.rating if choice == "" else _rating(choice)
            if rating is not None:
                break
            out("please press Enter, or 1 (again), 2 (hard), 3 (good), 4 (easy)")
        result = quiz.record(rating, elapsed_ms)
        how = " (your override)" if result.overridden else ""
        if result.answered is None:
            out(f"cram: {result.card.id} {result.rating.name}{how}, not scheduled")
        else:
            due = result.answered.due.astimezone(quiz.tz).strftime("%Y-%m-%d %H:%M")
            out(f"recorded: {result.card.id} {result.rating.name}{how} due {due}")
        return True

    def command(self, line: str | None) -> bool | None:
        """Handle ``:s``/``:u``/``:q`` (or end of input); None when the line is not one."""
        if line is None:
            return False
        word = line.strip().lower()
        if word in (":q", ":quit"):
            return False
        if word in (":s", ":skip"):
            self.quiz.skip()
            return True
        if word in (":u", ":undo"):
            undone = self.quiz.undo()
            if undone is None:
                self.env.print("nothing to undo")
            else:
                self.env.print(f"undone: {undone.card.id} {undone.rating.name}")
            return True
        return None

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

    def print_summary(self) -> None:
        s = self.quiz.quiz_summary()
        counts = " · ".join(f"{r.name.lower()} {s.by_rating[r]}" for r in Rating)
        tail = " · cram: nothing scheduled" if s.cram else ""
        self.env.print(f"quiz: {s.asked} answered · {s.right} right · {counts}{tail}")


def _rating(text: str) -> Rating | None:
    if text in {"1", "2", "3", "4"}:
        return Rating(int(text))
    return RATING_NAMES.get(text)
