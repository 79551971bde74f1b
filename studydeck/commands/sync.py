"""``studydeck sync [login|logout] [--full upload|download]``: two-way review sync with Anki."""

from __future__ import annotations

import os
from argparse import Namespace
from collections.abc import Callable
from typing import TYPE_CHECKING

from studydeck.environment import Environment
from studydeck.errors import StudydeckError
from studydeck.text import strip_controls

if TYPE_CHECKING:  # anki is imported only when a sync runs
    from studydeck.anki.sync import SyncSummary
    from studydeck.anki.sync_state import SyncState
    from studydeck.config import Config
    from studydeck.store import Store

PASSWORD_ENV = "STUDYDECK_SYNC_PASSWORD"


def run(args: Namespace, env: Environment) -> int:
    action = getattr(args, "action", None)
    if action == "login":
        return _login(args, env)
    if action == "logout":
        return _logout(env)
    return _sync(args, env)


def _login(args: Namespace, env: Environment) -> int:
    from studydeck.anki.sync import login, require_anki
    from studydeck.anki.sync_state import DEFAULT_ENDPOINT, load_state, save_state, state_path

    require_anki()
    user = args.user or _ask(env, "user: ")
    if not user:
        raise StudydeckError("no user name given (--user NAME)")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = _password(env)
    previous = load_state(env.data_dir)
    state = login(args.endpoint or DEFAULT_ENDPOINT, user, password)
    if previous.logged_in and previous.endpoint == state.endpoint and previous.user == user:
        from dataclasses import replace

        state = replace(state, watermark=previous.watermark)
    save_state(env.data_dir, state)
    env.print(
        f"logged in to {state.server} as {user} (host key saved in {state_path(env.data_dir)})"
    )
    return 0


def _ask(env: Environment, prompt: str) -> str:
    isatty = getattr(env.stdin, "isatty", None)
    if not (isatty and isatty()):
        return ""
    env.stderr.write(prompt)
    env.stderr.flush()
    return env.stdin.readline().strip()


def _password(env: Environment) -> str:
    isatty = getattr(env.stdin, "isatty", None)
    if not (isatty and isatty()):
        raise StudydeckError(f"no password: set {PASSWORD_ENV} or run in a terminal")
    import getpass

    return getpass.getpass("password: ")


def _logout(env: Environment) -> int:
    from studydeck.anki.sync_state import SyncState, load_state, save_state, state_path

    state = load_state(env.data_dir)
    if not state.logged_in:
        env.print("not logged in")
        return 0
    # The watermark stays: it describes the collection, which stays too.
    save_state(env.data_dir, SyncState(watermark=state.watermark))
    env.print(f"logged out of {state.server} (host key removed from {state_path(env.data_dir)})")
    return 0


NOT_LOGGED_IN = "not logged in: run `studydeck sync login` first"


def _sync(args: Namespace, env: Environment) -> int:
    from studydeck.commands._state import open_state

    state = logged_in_state(env)
    with open_state(env) as review_state:
        summary = sync_store(env, review_state.store, review_state.config, state, full=args.full)
    env.print(summary.line())
    return 0


def sync_on_exit(env: Environment, config: Config) -> int:
    """After the study UI has closed, with ``sync_on_exit = true``: ``studydeck sync``, its
    step on one stderr line while it runs (on a terminal), then its summary line. Not logged
    in: a one-line hint. Returns the exit code: 1 when the sync failed (one line says why;
    nothing was half-applied, so it can simply be run again), else 0."""
    from studydeck.anki.sync_state import load_state
    from studydeck.commands._state import open_state, stderr_is_tty

    if not config.sync_on_exit:
        return 0
    line = _StepLine(env) if stderr_is_tty(env) else None
    try:
        if not load_state(env.data_dir).logged_in:
            env.warn("sync_on_exit: not logged in, nothing synced (run `studydeck sync login`)")
            return 0
        state = logged_in_state(env)
        with open_state(env) as review_state:
            summary = sync_store(env, review_state.store, review_state.config, state, progress=line)
    except StudydeckError as exc:
        if line is not None:
            line.clear()
        env.warn(f"sync on exit failed: {exc}")
        return 1
    if line is not None:
        line.clear()
    env.print(summary.line())
    return 0


class _StepLine:
    """``studydeck: sync: comparing cards…`` on one stderr line, rewritten at each step."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.shown = False

    def __call__(self, step: str) -> None:
        self.env.stderr.write(f"\r\x1b[Kstudydeck: sync: {strip_controls(step)}…")
        self.env.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.env.stderr.write("\r\x1b[K")
            self.env.stderr.flush()


def logged_in_state(env: Environment) -> SyncState:
    """The saved login, checked before anything is opened: Anki's engine installed, and a
    host key saved (else one-line errors saying what to do)."""
    from studydeck.anki.sync import require_anki
    from studydeck.anki.sync_state import load_state

    require_anki()
    state = load_state(env.data_dir)
    if not state.logged_in:
        raise StudydeckError(NOT_LOGGED_IN)
    return state


def sync_store(
    env: Environment,
    store: Store,
    config: Config,
    state: SyncState,
    *,
    full: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncSummary:
    """One sync of ``store`` (its decks already synced from the deck folder): what
    ``studydeck sync`` runs, and the study UI's sync command in its worker thread."""
    from studydeck.anki.from_store import settings_from_config
    from studydeck.anki.sync import sync
    from studydeck.schedule import Scheduler

    return sync(
        store,
        Scheduler(config),
        settings_from_config(config),
        state,
        env.data_dir,
        now=env.now(),
        full=full,
        progress=progress,
    )
