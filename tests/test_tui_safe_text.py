"""Card text is untrusted: every widget that shows it shows it verbatim, inert, without crashing."""

from __future__ import annotations

from tui_helpers import clickable_actions, locate, make_app, screen_text, write_deck

from studydeck.deck import Card
from studydeck.tui.screens.study import StudyScreen

NASTY_Q = "(**ICLR'21**)[Empirical] x[/bold] [@click=app.quit]boom[/] — what?"
NASTY_A = "[bold]verbatim[/bold] <script>"
NASTY_CONTEXT = "papers › [red]Empirical[/] › [link=https://evil.example]x[/link]"


def _nasty_card(**extra) -> Card:
    return Card("n-1", NASTY_Q, NASTY_A, context=NASTY_CONTEXT, **extra)


async def test_nasty_card_text_is_shown_verbatim_and_inert(env):
    write_deck(env, "[b]deck[/b] [@click=app.quit]x[/]", [_nasty_card()], file="nasty.yaml")
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "[b]deck[/b] [@click=app.quit]x[/]" in screen_text(app)  # home table
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        text = screen_text(app)
        assert NASTY_Q in text
        assert NASTY_CONTEXT in text
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert NASTY_A in text
        assert "app.quit" not in " ".join(clickable_actions(app))
        # Clicking the would-be link does nothing: the app is still running, on the same card.
        await pilot.click(offset=locate(app, "boom"))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, StudyScreen)
        assert NASTY_A in screen_text(app)


async def test_nasty_typed_answer_and_diff_are_verbatim(env):
    write_deck(env, "nasty", [_nasty_card()])
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t")
        await pilot.pause()
        typed = "[bold]verbatim[/i] [@click=app.quit]"
        for ch in typed:
            await pilot.press(ch if ch != " " else "space")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert typed in text  # "You typed: …"
        assert NASTY_A in text
        assert clickable_actions(app) == []
        assert app.is_running
