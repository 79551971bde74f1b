"""One command registry feeds the bindings, the footer, the help screen and the palette."""

from __future__ import annotations

from tui_helpers import cards, make_app, screen_text, write_deck

from studydeck.tui.app import StudydeckApp
from studydeck.tui.commands import REGISTRY
from studydeck.tui.screens.help import HelpScreen
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.quiz import QuizScreen
from studydeck.tui.screens.stats import StatsScreen
from studydeck.tui.screens.study import StudyScreen
from studydeck.tui.screens.summary import SummaryScreen

SCREENS = {
    "app": StudydeckApp,
    "home": HomeScreen,
    "study": StudyScreen,
    "summary": SummaryScreen,
    "help": HelpScreen,
    "quiz": QuizScreen,
    "stats": StatsScreen,
}


def test_every_registry_command_is_bound_on_its_screen():
    for command in REGISTRY:
        if command.builtin:
            continue
        bound = {(b.key, b.action, b.description) for b in SCREENS[command.scope].BINDINGS}
        assert (command.key, command.action, command.name) in bound, command


async def test_help_lists_every_command(env):
    write_deck(env, "papers", cards(3))
    app = make_app(env)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for command in REGISTRY:
            assert command.help in text, command
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_footer_shows_the_registry_labels_for_the_current_state(env):
    write_deck(env, "papers", cards(3))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Reveal" in footer and "Good" not in footer
        await pilot.press("space")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Accept" in footer and "Reveal" not in footer
        assert "3 Good" in screen_text(app)  # the rating bar


async def test_palette_runs_a_registry_command_on_the_current_screen(env):
    write_deck(env, "papers", cards(3))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+p", *"bury", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.backend.store.card("c0").buried_until > 0
        assert "Question 1?" in screen_text(app)


async def test_f2_switches_between_dark_and_light(env):
    app = make_app(env, theme="light")
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "textual-light"
        await pilot.press("f2")
        assert app.theme == "textual-dark"
