"""Buried siblings: the end of a session says how many wait until tomorrow, and
``studydeck unbury`` (or Unbury in the TUI) brings them back today."""

from __future__ import annotations

import io
import json

import pytest
from tui_helpers import make_app, screen_text
from tui_helpers import write_deck as write_tui_deck

from studydeck.cli import run_command
from studydeck.deck import Card
from studydeck.errors import StudydeckError
from studydeck.tui.commands import commands_for
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.summary import SummaryScreen

# Two cards from one note item (same source line) and one on its own.
SIBLINGS = [
    {"id": "n-1", "source_line": 5},
    {"id": "n-2", "source_line": 5},
    {"id": "n-3", "source_line": 9},
]


pytestmark = pytest.mark.usefixtures("utc_local_time")  # local times printed are fixed


def run(env, *argv, stdin=""):
    env.stdin = io.StringIO(stdin)
    env.stdout = io.StringIO()
    return run_command(argv, env)


def lines(env):
    return env.stdout.getvalue().splitlines()


def new_count(env, deck: str) -> int:
    run(env, "status", "--json")
    return {d["deck"]: d["new"] for d in json.loads(env.stdout.getvalue())["decks"]}[deck]


def test_study_says_how_many_are_buried_when_only_they_remain(env, write_deck):
    write_deck("n", SIBLINGS)
    # Easy on n-1 (buries n-2) and on n-3: then only the buried sibling is left.
    run(env, "study", "--plain", stdin="\n4\n\n4\n")
    assert lines(env)[-1] == "1 card(s) buried until tomorrow (`studydeck unbury` brings them back)"
    run(env, "study", "--plain")
    assert lines(env) == [
        "Nothing to study now.",
        "session: 0 reviewed · again 0% · time 0m 00s · due later today 0 · due tomorrow 0",
        "1 card(s) buried until tomorrow (`studydeck unbury` brings them back)",
    ]


def test_quitting_early_does_not_talk_about_buried_cards(env, write_deck):
    write_deck("n", SIBLINGS)
    run(env, "study", "--plain", stdin="\n4\n:q\n")
    assert "buried" not in env.stdout.getvalue()


def test_unbury_brings_the_siblings_back_today(env, write_deck):
    write_deck("n", SIBLINGS)
    run(env, "study", "--plain", stdin="\n4\n:q\n")
    assert new_count(env, "n") == 1  # n-3; n-2 is buried
    assert run(env, "unbury") == 0
    assert lines(env) == ["unburied 1 card(s)"]
    assert new_count(env, "n") == 2
    run(env, "study", "--plain", stdin=":q\n")
    assert lines(env)[1] == "Q: Q n-2?"
    run(env, "unbury")
    assert lines(env) == ["unburied 0 card(s)"]


def test_unbury_deck_touches_only_that_deck(env, write_deck):
    write_deck("n", SIBLINGS)
    write_deck("m", [{"id": "m-1", "source_line": 2}, {"id": "m-2", "source_line": 2}])
    run(env, "study", "--plain", stdin="\n4\n\n4\n:q\n")  # m-1 (buries m-2), then n-1 (n-2)
    run(env, "unbury", "--deck", "m")
    assert lines(env) == ["unburied 1 card(s)"]
    assert (new_count(env, "m"), new_count(env, "n")) == (1, 1)


def test_unbury_an_unknown_deck_is_an_error(env, write_deck):
    write_deck("n", SIBLINGS)
    with pytest.raises(StudydeckError, match=r"^no deck named 'x' \(decks: n\)$"):
        run(env, "unbury", "--deck", "x")


def test_unbury_is_in_the_tui_registry_of_the_decks_screen():
    [command] = [c for c in commands_for("home") if c.action == "unbury"]
    assert (command.key, command.name) == ("u", "Unbury")
    assert ("u", "unbury", "Unbury") in {
        (b.key, b.action, b.description) for b in HomeScreen.BINDINGS
    }


def tui_siblings() -> list[Card]:
    return [Card("s0", "Question 0?", "Answer 0", source_line=3),
            Card("s1", "Question 1?", "Answer 1", source_line=3)]  # fmt: skip


async def test_tui_summary_counts_buried_and_the_palette_unburies(env):
    write_tui_deck(env, "papers", tui_siblings())
    app = make_app(env)
    store = app.backend.store
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space", "4")  # s0 Easy: s1 is buried, nothing is left
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Buried          1 until tomorrow" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # study the deck again: only the buried sibling is left
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications][-1] == (
            "Nothing to study in papers right now. 1 card(s) buried until tomorrow: u unburies."
        )
        await pilot.press("ctrl+p", *"unbury", "enter")
        await pilot.pause()
        await pilot.pause()
        assert store.card("s1").buried_until == 0
        assert "1 to study now" in screen_text(app)
