"""Slow syncs show progress on stderr when it is a terminal; quick ones and pipes stay quiet."""

from __future__ import annotations

import io

from studydeck.commands import _state
from studydeck.commands._state import open_state


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_slow_sync_shows_progress_on_a_terminal_then_clears_it(env, write_deck, monkeypatch):
    for name in ("a", "b", "c"):
        write_deck(name, [{"id": f"{name}-1"}])
    env.stderr = Terminal()
    monkeypatch.setattr(_state.SyncProgress, "DELAY", 0.0)  # "slow" from the start
    with open_state(env) as state:
        assert state.store.deck_names() == ["a", "b", "c"]
    err = env.stderr.getvalue()
    assert "studydeck: reading decks 1/3 a.yaml" in err
    assert "reading decks 3/3 storing c.yaml" in err
    assert err.endswith("\r\x1b[K")  # the line is gone before the command prints


def test_a_quick_sync_or_a_pipe_prints_no_progress(env, write_deck, monkeypatch):
    write_deck("a", [{"id": "a-1"}])
    env.stderr = Terminal()
    with open_state(env):
        pass
    assert env.stderr.getvalue() == ""  # under the delay: nothing
    monkeypatch.setattr(_state.SyncProgress, "DELAY", 0.0)
    env.stderr = io.StringIO()  # not a terminal
    write_deck("b", [{"id": "b-1"}])
    with open_state(env):
        pass
    assert env.stderr.getvalue() == ""


def test_the_study_ui_shows_sync_progress_before_it_starts(env, write_deck, monkeypatch):
    from argparse import Namespace

    import pytest

    from studydeck.commands import tui
    from studydeck.errors import StudydeckError

    write_deck("a", [{"id": "a-1"}])
    env.stderr = Terminal()
    monkeypatch.setattr(_state.SyncProgress, "DELAY", 0.0)
    with pytest.raises(StudydeckError):  # stops after the sync, before any screen
        tui.run(Namespace(deck="nope", handler="studydeck.commands.tui:run"), env)
    err = env.stderr.getvalue()
    assert "reading decks 1/1 a.yaml" in err and err.endswith("\r\x1b[K")
