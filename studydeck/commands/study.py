"""``studydeck study --plain``: the line-by-line front end over :class:`studydeck.session.Session`.

Plain text only (no colours, no cursor tricks), so it works in pipes, scripts and screen readers.
Each ``recorded:`` line is printed and flushed only after the answer is committed.
"""

from __future__ import annotations

from argparse import Namespace
from datetime import datetime

from studydeck.commands._state import open_state, unknown_deck
from studydeck.environment import Environment
from studydeck.schedule import RATING_NAMES, Rating, Scheduler
from studydeck.session import Session, format_interval
from studydeck.store import StoredCard
from studydeck.store_errors import CardChanged
from studydeck.text import fold

KEYS_HELP = "Enter shows the answer (or type yours first) · s skip · u undo · q quit"


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

    def read(self) -> str | None:
        """The next input line without its newline; None at end of input."""
        line = self.env.stdin.readline()
        return None if line == "" else line.rstrip("\r\n")

    def run(self) -> None:
        if self.session.finished:
            self.env.print("Nothing to study now.")
        while not self.session.finished and self.ask():
            pass
        self.print_summary()

    def ask(self) -> bool:
        """Show the current card and handle one round of input; False means quit."""
        out = self.env.print
        card = self.session.current
        assert card is not None
        shown_at = self.env.now()
        progress = self.session.progress()
        where = card_heading(card)
        out(f"[{progress.done + 1}/{progress.done + progress.remaining}] {where}")
        out(f"Q: {card.question}")
        out(f"({KEYS_HELP})")
        self.session.idle()
        line = self.read()
        if line is None or line.strip() == "q":
            return False
        if line.strip() == "s":
            self.session.skip()
            return True
        if line.strip() == "u":
            self.undo()
            return True
        self.session.reveal()
        out(f"A: {card.answer}")
        if line.strip():
            out(f"your answer: {line.strip()}")
        intervals = self.session.intervals()
        out(
            " · ".join(
                f"{r.value} {r.name.lower()} {format_interval(intervals[r])}" for r in Rating
            )
        )
        while True:
            out("rating [1-4, u undo, s skip, q quit]:")
            choice = self.read()
            if choice is None or choice.strip().lower() == "q":
                return False
            choice = choice.strip().lower()
            if choice == "s":
                self.session.skip()
                return True
            if choice == "u":
                self.undo()
                return True
            rating = _rating(choice)
            if rating is not None:
                break
            out("please answer 1 (again), 2 (hard), 3 (good) or 4 (easy)")
        elapsed = (self.env.now() - shown_at).total_seconds() * 1000
        try:
            done = self.session.answer(rating, round(elapsed))
        except CardChanged as exc:
            out(str(exc))  # the session moved on: the card comes back fresh if still due
            return True
        out(f"recorded: {done.card_id} {done.rating.name} due {local_time(done.due)}")
        if done.became_leech:
            out(
                f"leech: {done.card_id} has lapsed {done.after.lapses} times; it is now tagged "
                f"leech and suspended (rewrite it, then `studydeck unsuspend {done.card_id}`)"
            )
        return True

    def undo(self) -> None:
        undone = self.session.undo()
        if undone is None:
            self.env.print("nothing to undo")
        else:
            self.env.print(f"undone: {undone.card_id} {undone.rating.name}")

    def print_summary(self) -> None:
        s = self.session.summary()
        minutes, seconds = divmod(round(s.time_spent.total_seconds()), 60)
        self.env.print(
            f"session: {s.reviewed} reviewed · again {s.again_rate:.0%} · "
            f"time {minutes}m {seconds:02d}s · due tomorrow {s.due_tomorrow}"
        )
        if s.buried and self.session.finished:  # only buried cards are left today
            self.env.print(
                f"{s.buried} card(s) buried until tomorrow (`studydeck unbury` brings them back)"
            )


def _rating(text: str) -> Rating | None:
    if text in {"1", "2", "3", "4"}:
        return Rating(int(text))
    return RATING_NAMES.get(text)
