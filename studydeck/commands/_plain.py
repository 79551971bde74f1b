"""What ``study --plain`` and ``quiz --plain`` share: input, commands, hints, the progress line.

One convention in both modes: commands start with a colon at every prompt (``:s`` skip, ``:u``
undo, ``:q`` quit, or ``:skip``/``:undo``/``:quit``), and the end of input quits. Anything else
is input — so a quiz answer "q" is an answer, graded like any other. A bare ``q``, ``s`` or
``u`` (the study keys before the colon) gets a hint naming the colon form, never an action:
typed as an answer it stays the answer, and nothing is recorded before the rating prompt,
where ``:q`` still quits.
"""

from __future__ import annotations

from typing import Literal

from studydeck.environment import Environment
from studydeck.schedule import RATING_NAMES, Rating
from studydeck.session import Progress

Command = Literal["quit", "skip", "undo"]
COMMANDS_HELP = ":s skip · :u undo · :q quit"
_COMMANDS: dict[str, Command] = {
    ":q": "quit", ":quit": "quit", ":s": "skip", ":skip": "skip", ":u": "undo", ":undo": "undo"
}  # fmt: skip
_BARE = {"q": ":q", "quit": ":q", "s": ":s", "skip": ":s", "u": ":u", "undo": ":u"}


def read_input(env: Environment) -> tuple[Command | None, str]:
    """The next input line (without its newline) and the command it gives, if any; the end of
    input is ``("quit", "")``."""
    line = env.stdin.readline()
    if line == "":
        return "quit", ""
    line = line.rstrip("\r\n")
    return _COMMANDS.get(line.strip().lower()), line


def bare_command(line: str) -> str | None:
    """``:q`` for ``q`` or ``quit`` (and so on): the command a line looks like without its
    colon, or None."""
    return _BARE.get(line.strip().lower())


def command_hint(colon: str) -> str:
    """``to quit, type :q — commands start with a colon``."""
    return f"to {_COMMANDS[colon]}, type {colon} — commands start with a colon"


def rating_of(text: str) -> Rating | None:
    """``1``–``4`` or ``again``/``hard``/``good``/``easy``."""
    text = text.strip().lower()
    if text in {"1", "2", "3", "4"}:
        return Rating(int(text))
    return RATING_NAMES.get(text)


def read_rating(
    env: Environment, prompt: str, please: str, accept: Rating | None = None
) -> Rating | Command:
    """Ask ``prompt`` until the answer is a rating (Enter gives ``accept``, when there is one)
    or a command; anything else gets ``please`` (or, for a bare command, the colon hint)."""
    while True:
        env.print(prompt)
        action, line = read_input(env)
        if action:
            return action
        rating = accept if accept is not None and not line.strip() else rating_of(line)
        if rating is not None:
            return rating
        colon = bare_command(line)
        env.print(command_hint(colon) if colon else please)


def progress_label(progress: Progress) -> str:
    """``[2 done · 18 left]``, as the study screen shows it (left counts the current card)."""
    return f"[{progress.done} done · {progress.remaining} left]"
