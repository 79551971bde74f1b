"""``studydeck sync [login|logout] [--full upload|download]``: two-way review sync with Anki."""

from __future__ import annotations

import os
from argparse import Namespace

from studydeck.environment import Environment
from studydeck.errors import StudydeckError

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


def _sync(args: Namespace, env: Environment) -> int:
    from studydeck.anki.from_store import settings_from_config
    from studydeck.anki.sync import require_anki, sync
    from studydeck.anki.sync_state import load_state
    from studydeck.commands._state import open_state
    from studydeck.schedule import Scheduler

    require_anki()
    state = load_state(env.data_dir)
    if not state.logged_in:
        raise StudydeckError("not logged in: run `studydeck sync login` first")
    with open_state(env) as review_state:
        summary = sync(
            review_state.store,
            Scheduler(review_state.config),
            settings_from_config(review_state.config),
            state,
            env.data_dir,
            now=env.now(),
            full=args.full,
        )
    env.print(summary.line())
    return 0
