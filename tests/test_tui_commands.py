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
    async with app.run_test(size=(120, 90)) as pilot:
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


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_palette_lists_the_screens_commands_first_and_each_once(env):
    from textual.widgets import OptionList

    write_deck(env, "papers", cards(3))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        names = [label.splitlines()[0] for label in labels]
        assert names[:4] == ["Study (Enter)", "Study all (a)", "Stats (s)", "Quiz (z)"], names
        assert [n for n in names if n.startswith("Quit")] == ["Quit (q / Ctrl+Q)"]
        for textual_own in ("Keys", "Maximize", "Screenshot", "Theme"):
            assert not any(n.startswith(textual_own) for n in names), names


async def test_empty_home_says_how_to_build_decks(env):
    env.decks_dir.mkdir(parents=True)
    app = make_app(env)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert f"No decks in {env.decks_dir}" in text
        assert "studydeck build NOTES.md" in text


async def test_typed_answer_footer_offers_what_the_keys_do_while_typing(env):
    write_deck(env, "papers", cards(3))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t")
        await pilot.pause()
        line = footer(app)
        assert "Cancel" in line and "Home" not in line, line
        for letter_keyed in ("t Type", "u Undo", "b Bury", "e Edit", "? Help"):
            assert letter_keyed not in line, line  # those keys type into the answer now
        assert "F1 Help" in line
        await pilot.press("u", "b")  # letters of the answer, not commands
        await pilot.pause()
        assert app.screen.query_one("#typed-input").value == "ub"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen) and not app.screen.typing
        line = footer(app)
        assert "Home" in line and "Cancel" not in line and "t Type" in line, line
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_quiz_footer_shows_the_ctrl_keys_while_an_answer_is_typed(env):
    from studydeck.tui.launch import open_quiz

    write_deck(env, "papers", cards(3))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        assert open_quiz(app, "papers", mode="typed", limit=3)
        await pilot.pause()
        screen = app.screen
        first = screen.quiz.question.card.id
        line = footer(app)
        assert "Ctrl+S Skip" in line and "s Skip" not in line, line
        await pilot.press("s", "u")
        await pilot.pause()
        assert screen.query_one("#quiz-input").value == "su"  # typed, as the footer implies
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.quiz.question.card.id != first
        await pilot.press("enter")  # an empty answer: graded, the field gone
        await pilot.pause()
        line = footer(app)
        assert "s Skip" in line and "Ctrl+S" not in line, line


async def test_help_is_two_columns_that_wrap_inside_themselves_at_80_columns(env):
    from tui_helpers import locate, screen_lines

    write_deck(env, "papers", cards(3))
    app = make_app(env)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        x, y = locate(app, "Quiz  Quiz on the highlighted deck")
        lines = screen_lines(app)
        assert lines[y + 1][:x].strip(" │") == ""  # the wrapped rest starts in its column...
        assert lines[y + 1][x:].startswith("multiple choice")  # ...not at column 0
        key_x, key_y = locate(app, "Esc / q / ?")  # the help screen's own keys, wrapped
        assert key_x < x and "F1" in lines[key_y + 1][key_x:x]  # inside the key column
        assert lines[key_y][x:].startswith("Close")
