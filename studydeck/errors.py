"""Errors that the CLI reports as one line and a non-zero exit code."""

from __future__ import annotations


class StudydeckError(Exception):
    """A problem the user can fix; its message is shown as-is, without a traceback."""


class Problem:
    """One fault in a file, shown as ``file:line: message`` (line omitted when unknown)."""

    __slots__ = ("file", "line", "message")

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


class DeckError(StudydeckError):
    """A deck file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
