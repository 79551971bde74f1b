"""The world a command runs in: streams, clock and folders, passed in so tests can fake them."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from studydeck import paths
from studydeck.fieldwise import Fieldwise
from studydeck.text import strip_controls


def utc_now() -> datetime:
    return datetime.now(UTC)


class Environment(Fieldwise):  # not a dataclass, see studydeck.fieldwise
    """Each part left out is the real one: the process's streams, the clock, the user's
    folders (looked up only when left out)."""

    _fields = ("stdin", "stdout", "stderr", "clock", "data_dir", "decks_dir", "config_path",
               "decks_named_by")  # fmt: skip

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        clock: Callable[[], datetime] = utc_now,
        data_dir: Path | None = None,
        decks_dir: Path | None = None,
        config_path: Path | None = None,
        # "--decks" or "STUDYDECK_DECKS" when the deck folder was named, else None (the default
        # folder): a named folder that does not exist is an error, a missing default a hint.
        decks_named_by: str | None = None,
    ) -> None:
        self.stdin: TextIO = sys.stdin if stdin is None else stdin
        self.stdout: TextIO = sys.stdout if stdout is None else stdout
        self.stderr: TextIO = sys.stderr if stderr is None else stderr
        self.clock = clock
        self.data_dir: Path = paths.data_dir() if data_dir is None else data_dir
        self.decks_dir: Path = paths.decks_dir() if decks_dir is None else decks_dir
        self.config_path: Path = paths.config_path() if config_path is None else config_path
        self.decks_named_by = decks_named_by

    def now(self) -> datetime:
        """The current time, timezone-aware UTC (what ``fsrs`` requires)."""
        return self.clock()

    @property
    def stdout_is_tty(self) -> bool:
        isatty = getattr(self.stdout, "isatty", None)
        return bool(isatty and isatty())

    # Every line a command shows goes through these three, and they strip control characters
    # from it: text from notes, decks and packages must never drive the terminal.
    def print(self, *parts: object, sep: str = " ", end: str = "\n") -> None:
        self.stdout.write(strip_controls(sep.join(str(p) for p in parts)) + end)
        self.stdout.flush()

    def warn(self, message: str) -> None:
        self.stderr.write(f"studydeck: {strip_controls(message)}\n")
        self.stderr.flush()

    def err(self, text: str, end: str = "\n") -> None:
        """``text`` on stderr without the ``studydeck:`` prefix (``file:line:`` faults)."""
        self.stderr.write(strip_controls(text) + end)
        self.stderr.flush()

    @classmethod
    def from_options(
        cls, data_dir: str | None, decks: str | None, config: str | None, **overrides: object
    ) -> Environment:
        data = paths.data_dir(data_dir)
        named_by = (
            "--decks" if decks else "STUDYDECK_DECKS" if os.environ.get("STUDYDECK_DECKS") else None
        )
        return cls(
            data_dir=data,
            decks_dir=paths.decks_dir(decks, data),
            decks_named_by=named_by,
            config_path=paths.config_path(config),
            **overrides,  # type: ignore[arg-type]
        )
