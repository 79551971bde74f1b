"""``studydeck study --plain``: the line-by-line front end over :class:`studydeck.session.Session`.

Plain text only (no colours, no cursor tricks), so it works in pipes, scripts and screen readers.
Each ``recorded:`` line is printed and flushed only after the answer is committed. Commands
start with a colon, as in ``quiz --plain`` (see :mod:`studydeck.commands._plain`).
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
from studydeck.environment import Environment
from studydeck.errors import StudydeckError
from studydeck.schedule import Rating, Scheduler
from studydeck.session import Session, format_interval
from studydeck.store import StoredCard
from studydeck.store_errors import CardChanged
from studydeck.text import fold

KEYS_HELP = f"Enter shows the answer (or type yours first) · {COMMANDS_HELP}"


def run(args: Namespace, env: Environment) -> int:
    if not args.plain and _stdin_is_tty(env):
        from studydeck.commands import tui  # imports Textual only now

        return tui.run(args, env)
    with open_state(env) as state:
        if args.deck and args.deck not in state.store.deck_names():
            raise unknown_deck(state.store, args.deck)
        session = Session(state.store, Scheduler(state.config), env.now, deck=args.deck)
        PlainStudy(session, env).run()
    return 0


def _stdin_is_tty(env: Environment) -> bool:
    isatty = getattr(env.stdin, "isatty", None)
    return bool(isatty and isatty())


def card_heading(card: StoredCard) -> str:
    """``deck · heading path``; the path is left out when it only repeats the deck's name."""
    if not card.context or fold(card.context) == fold(card.deck):
        return card.deck
    return f"{card.deck} · {card.context}"


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class PlainStudy:
    def __init__(self, session: Session, env: Environment) -> None:
        self.session = session
        self.env = env

    def run(self) -> None:
        if self.session.finished:
            self.env.print("Nothing to study now.")
        while not self.session.finished and self.ask():
            pass
        self.print_summary()

    def ask(self) -> bool:
        """Show the current card and handle one round of input; False means quit."""
        card = self.session.current
        assert card is not None
        shown_at = self.env.now()
        self.env.print(f"{progress_label(self.session.progress())} {card_heading(card)}")
        self.env.print(f"Q: {card.question}")
        self.env.print(f"({KEYS_HELP})")
        self.session.idle()
        action, line = read_input(self.env)
        if action:
            return self.do(action)
        self.reveal(card, line)
        choice = self.read_rating()
        if not isinstance(choice, Rating):
            return self.do(choice)
        self.record(choice, shown_at)
        return True

    def do(self, action: Command) -> bool:
        """Carry out a command; False means quit."""
        if action == "skip":
            self.session.skip()
        elif action == "undo":
            self.undo()
        return action != "quit"

    def reveal(self, card: StoredCard, typed: str) -> None:
        out = self.env.print
        self.session.reveal()
        out(f"A: {card.answer}")
        if typed.strip():
            out(f"your answer: {typed.strip()}")
            colon = bare_command(typed)
            if colon:
                out(f"({command_hint(colon)})")
        intervals = self.session.intervals()
        out(
            " · ".join(
                f"{r.value} {r.name.lower()} {format_interval(intervals[r])}" for r in Rating
            )
        )

    def read_rating(self) -> Rating | Command:
        please = "please answer 1 (again), 2 (hard), 3 (good) or 4 (easy)"
        return read_rating(self.env, f"rating [1-4, {COMMANDS_HELP}]:", please)

    def record(self, rating: Rating, shown_at: datetime) -> None:
        out = self.env.print
        elapsed = (self.env.now() - shown_at).total_seconds() * 1000
        try:
            done = self.session.answer(rating, round(elapsed))
        except CardChanged as exc:
            out(str(exc))  # the session moved on: the card comes back fresh if still due
            return
        out(f"recorded: {done.card_id} {done.rating.name} due {local_time(done.due)}")
        if done.became_leech:
            out(
                f"leech: {done.card_id} has lapsed {done.after.lapses} times; it is now tagged "
                f"leech and suspended (rewrite it, then `studydeck unsuspend {done.card_id}`)"
            )

    def undo(self) -> None:
        try:
            undone = self.session.undo()
        except StudydeckError as exc:  # refused (reviewed again elsewhere): nothing changed
            self.env.print(str(exc))
            return
        if undone is None:
            self.env.print("nothing to undo")
        else:
            self.env.print(f"undone: {undone.card_id} {undone.rating.name}")

    def print_summary(self) -> None:
        s = self.session.summary()
        minutes, seconds = divmod(round(s.time_spent.total_seconds()), 60)
        self.env.print(
            f"session: {s.reviewed} reviewed · again {s.again_rate:.0%} · "
            f"time {minutes}m {seconds:02d}s · due later today {s.due_later_today} · "
            f"due tomorrow {s.due_tomorrow}"
        )
        if s.buried and self.session.finished:  # only buried cards are left today
            self.env.print(
                f"{s.buried} card(s) buried until tomorrow (`studydeck unbury` brings them back)"
            )
