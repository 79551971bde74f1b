"""``e`` on a card: its note in ``$VISUAL``/``$EDITOR`` at the card's line, the screen
suspended meanwhile."""

from __future__ import annotations

import os
import shlex
import subprocess

from textual.app import App, SuspendNotSupported

from studydeck.store import StoredCard


def edit_source(app: App, card: StoredCard) -> None:
    """Open the card's note at its line (a deck without a note: the deck file at the card);
    a note that cannot be found is said so, not silently replaced by the deck file."""
    source = app.backend.source_of(card)
    if source is None:
        app.notify("This card's deck file is not known.", severity="warning")
        return
    path, line = source.path, source.line
    if source.missing_note is not None:
        app.notify(
            f"Note {source.missing_note} not found (the deck's source:, from {path.parent});"
            f" the card is at {path}:{line or 1}",
            title="Cannot open the note",
            severity="warning",
        )
        return
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    command = [*shlex.split(editor), f"+{line or 1}", str(path)]
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except SuspendNotSupported:
        app.notify(f"Cannot leave the screen here; the note is {path}:{line}", markup=False)
    except OSError as exc:
        app.notify(f"Could not run the editor: {exc}", severity="error", markup=False)
    app.refresh()
