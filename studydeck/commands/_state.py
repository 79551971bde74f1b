"""Opening the review state for a command: config, store, and decks synced from the deck folder."""

from __future__ import annotations

import time
from collections.abc import Callable

from studydeck.config import Config, load_config
from studydeck.environment import Environment
from studydeck.errors import StudydeckError
from studydeck.store import Store, SyncReport
from studydeck.store_errors import StoreReadOnly

BUILD_HINT = "build decks from your notes with `studydeck build NOTES.md`, or name a deck folder"


class ReviewState:
    """The config and the open store a command works with (a plain class: a dataclass costs
    every command's start-up ~0.5 ms to build)."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self.store = store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ReviewState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_state(env: Environment, *, read_only: bool = False) -> ReviewState:
    """Load the config, open the store and bring it up to date with the deck files.

    Deck files with faults are reported as ``file:line: message`` on stderr and skipped.
    ``read_only`` (commands that only read): a data folder that cannot be written is opened
    read-only, with the decks as they were last synced.
    """
    check_deck_folder(env)
    config = load_config(env.config_path)
    store = Store.open_for_reading(env.data_dir) if read_only else Store.open(env.data_dir)
    progress = SyncProgress(env) if stderr_is_tty(env) else None
    try:
        report = sync_decks(env, store, progress)
    except BaseException:
        store.close()
        raise
    finally:
        if progress is not None:
            progress.clear()
    for problem in report.problems:
        env.err(str(problem))
    if report.problems:
        env.warn("decks with problems were skipped (see `studydeck check`)")
    return ReviewState(config, store)


def sync_decks(
    env: Environment, store: Store, progress: Callable[[int, int, str], None] | None = None
) -> SyncReport:
    """``store.sync_decks``; on a read-only store whose deck files changed, a warning and the
    decks as last synced (nothing was written)."""
    try:
        return store.sync_decks(env.decks_dir, progress)
    except StoreReadOnly:
        env.warn(
            f"{env.data_dir} is read-only: deck files changed since the last sync are shown "
            "as they were then"
        )
        return SyncReport()


def check_deck_folder(env: Environment) -> bool:
    """Whether the deck folder exists. One rule for every command that reads decks: a folder
    named by ``--decks`` or ``$STUDYDECK_DECKS`` that is missing is an error (a typo must not
    look like an empty collection); the default folder missing is a first run, so a hint."""
    folder = env.decks_dir
    if folder.is_dir():
        return True
    if folder.exists():
        raise StudydeckError(f"deck folder {folder} is a file, not a folder")
    if env.decks_named_by:
        raise StudydeckError(f"no deck folder at {folder} (named by {env.decks_named_by})")
    env.warn(f"no deck folder yet at {folder}: {BUILD_HINT} (--decks or STUDYDECK_DECKS)")
    return False


def unknown_deck(store: Store, name: str) -> StudydeckError:
    """The error for ``--deck NAME`` naming no loaded deck: why its file was skipped, if it
    was (duplicate ids, a YAML fault…), else the decks there are."""
    problems = store.skipped_deck_problems(name)
    if problems:
        more = (
            f" (and {len(problems) - 1} more: see `studydeck check`)" if len(problems) > 1 else ""
        )
        return StudydeckError(f"deck {name!r} was skipped: {problems[0]}{more}")
    known = ", ".join(store.deck_names()) or "none"
    return StudydeckError(f"no deck named {name!r} (decks: {known})")


class SyncProgress:
    """``reading decks: 3/10 big.yaml`` on one stderr line, only when a sync takes a while
    (first run on a large collection): quick syncs print nothing."""

    DELAY = 0.3  # seconds before the line appears

    def __init__(self, env: Environment, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = env.stderr
        self.clock = clock
        self.started = clock()
        self.shown = False

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.clock() - self.started < self.DELAY:
            return
        name = "".join(c if c.isprintable() else "?" for c in what)  # a file name: no escapes
        self.stream.write(f"\r\x1b[Kstudydeck: reading decks {done + 1}/{total} {name}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def stderr_is_tty(env: Environment) -> bool:
    isatty = getattr(env.stderr, "isatty", None)
    return bool(isatty and isatty())
