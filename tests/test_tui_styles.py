"""studydeck.tcss is read in parts: home's first paint parses home's rules only, and every other
screen gets its own part when it first opens, styled as when the whole file loaded at once."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import cards, make_app, write_deck

from studydeck.tui.screens.help import HelpScreen
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.quiz import QuizScreen
from studydeck.tui.screens.stats import StatsScreen
from studydeck.tui.screens.study import StudyScreen
from studydeck.tui.screens.summary import SummaryScreen
from studydeck.tui.styles import APP_PART, STYLESHEET, parts

SCREENS = (HomeScreen, StudyScreen, SummaryScreen, HelpScreen, QuizScreen, StatsScreen)


def loaded_parts(app) -> set[str]:
    return {where for path, where in app.stylesheet.source if path == str(STYLESHEET)}


def test_each_part_is_a_screen_and_together_they_are_the_whole_file():
    found = parts()
    assert set(found) == {APP_PART} | {screen.SCOPE for screen in SCREENS}
    whole = STYLESHEET.read_text(encoding="utf-8")
    assert sum(rules.count("{") for rules in found.values()) == whole.count("{")
    assert all(rules.count("{") for name, rules in found.items())  # no empty part


async def test_home_paints_with_its_part_only_and_a_screen_gets_its_part_when_opened(env):
    write_deck(env, "alpha", cards(2, prefix="a"))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert loaded_parts(app) == {"app", "screen: home"}
        assert app.screen.query_one("#home-title", Static).styles.padding.left == 1

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "screen: help" in loaded_parts(app)
        assert app.screen.query_one("#help-body").styles.max_width.value == 100

        await pilot.press("escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert loaded_parts(app) == {"app", "screen: home", "screen: help", "screen: study"}
        assert app.screen.query_one("#study-top").styles.height.value == 1
