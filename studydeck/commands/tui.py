"""``studydeck`` (no command) and ``studydeck study [--deck NAME]``: the Textual study UI.

Textual is imported here, inside ``run``, so other commands never pay for it.
"""

from __future__ import annotations

from argparse import Namespace

from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    from studydeck.commands._state import (
        SyncProgress,
        check_deck_folder,
        stderr_is_tty,
        unknown_deck,
    )
    from studydeck.tui.app import StudydeckApp
    from studydeck.tui.backend import Backend

    deck = getattr(args, "deck", None)
    check_deck_folder(env)
    # A first sync of a large collection takes seconds: say so before the screen is taken.
    progress = SyncProgress(env) if stderr_is_tty(env) else None
    try:
        backend = Backend(env, progress=progress)
    finally:
        if progress is not None:
            progress.clear()
    try:
        if deck is not None and deck not in backend.store.deck_names():
            raise unknown_deck(backend.store, deck)
        study_now = getattr(args, "handler", "").startswith("studydeck.commands.study")
        StudydeckApp(backend, deck=deck, study_now=study_now or deck is not None).run()
    finally:
        backend.close()
    return 0
