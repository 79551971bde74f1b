"""The study screen at the smallest supported terminal (80×24): long answers scroll, not clip."""

from __future__ import annotations

from tui_helpers import make_app, screen_text, write_deck

from studydeck.deck import Card

LONG_ANSWER = " ".join(f"word{i}" for i in range(400)) + " THE-END"


async def test_long_answer_scrolls_at_80x24(env):
    card = Card("long", "What is the long one?", LONG_ANSWER, context="papers › long")
    write_deck(env, "papers", [card])
    app = make_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "space")
        await pilot.pause()
        text = screen_text(app)
        assert "word0 " in text and "THE-END" not in text
        assert "1 Again" in text and "4 Easy" in text  # ratings stay visible below the card
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "THE-END" in text
        assert "1 Again" in text
        assert max(len(line.rstrip()) for line in text.splitlines()) <= 80
