"""``studydeck`` (no command) and ``studydeck study [--deck NAME]``: the Textual study UI.

Textual is imported here, inside ``run``, so other commands never pay for it. The deck sync
runs inside the app, in a worker, so that the first paint never waits for it.
"""

from __future__ import annotations

from argparse import Namespace

from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    from studydeck.tui import collector

    collector.pause()  # until home has painted (the app resumes it): start-up makes no garbage
    try:
        return _run(args, env)
    finally:
        collector.resume()  # if the app ended before its first paint


def _run(args: Namespace, env: Environment) -> int:
    from studydeck.commands._state import (
        SyncProgress,
        check_deck_folder,
        stderr_is_tty,
        unknown_deck,
    )
    from studydeck.commands.sync import sync_on_exit
    from studydeck.tui.app import StudydeckApp
    from studydeck.tui.backend import Backend

    deck = getattr(args, "deck", None)
    check_deck_folder(env)
    backend = Backend(env, sync=False)
    try:
        if deck is not None and deck not in backend.store.deck_names():
            # Not a deck at the last sync: sync now (a first sync of a large collection takes
            # seconds, so with progress on stderr) and fail before the screen is taken.
            progress = SyncProgress(env) if stderr_is_tty(env) else None
            try:
                backend.sync(progress)
            finally:
                if progress is not None:
                    progress.clear()
            if deck not in backend.store.deck_names():
                raise unknown_deck(backend.store, deck)
        # Otherwise the app starts at once and syncs in a worker while the home screen shows.
        study_now = getattr(args, "handler", "").startswith("studydeck.commands.study")
        app = StudydeckApp(backend, deck=deck, study_now=study_now or deck is not None)
        app.run()
        if app.startup_error is not None:  # the named deck went away in the sync
            raise app.startup_error
    finally:
        backend.close()
    # The app has given the terminal back (and waited for a sync it was running, if any).
    return sync_on_exit(env, backend.config)
