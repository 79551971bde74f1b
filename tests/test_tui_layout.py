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


async def test_study_footer_fits_80_columns_and_keeps_its_keys(env):
    write_deck(env, "papers", [Card(f"c{i}", f"Question {i}?", f"Answer {i}") for i in range(3)])
    app = make_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        before = screen_text(app).splitlines()[-1]
        # Undo and edit are listed from the first card on (undo dimmed: nothing to undo yet).
        for entry in ("Space Reveal", "t Type", "u Undo", "e Edit", "b Bury", "? Help", "palette"):
            assert entry in before, before
        await pilot.press("space")
        await pilot.pause()
        after = screen_text(app).splitlines()[-1]
        assert "Space Accept" in after and "? Help" in after and "palette" in after, after
        # The other keys keep their places: only the Space label changes (same width).
        assert after.index("u Undo") == before.index("u Undo")


async def test_notifications_never_cover_the_rating_bar(env):
    from textual.widgets._toast import Toast

    from studydeck.tui.widgets.rating_bar import RatingBar

    write_deck(env, "papers", [Card(f"c{i}", f"Question {i}?", f"Answer {i}") for i in range(3)])
    app = make_app(env)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("enter", "space", "3", "u", "space")
        await pilot.pause()
        [toast] = app.screen.query(Toast)
        assert "Undid the last answer" in screen_text(app)
        bar = app.screen.query_one(RatingBar)
        assert bar.display
        for region in [bar.region, *(b.region for b in bar.query(".rating"))]:
            assert not toast.region.overlaps(region), (toast.region, region)
        assert toast.region.height == 1  # one line, in the card's empty top padding row
        card = app.screen.query_one("#card")
        inside = card.region.shrink((1, 1, 1, 1))  # within the card's border, never on it
        assert inside.contains_region(toast.region), (card.region, toast.region)
        assert not toast.region.overlaps(card.query_one("#context").region)
        assert "Question 0?" in screen_text(app)
        top = screen_text(app).splitlines()[card.region.y]
        assert top.startswith("╭") and top.rstrip().endswith("╮") and "Undid" not in top


async def test_the_card_keeps_its_size_when_the_answer_shows(env):
    question = "What is asked in a question long enough to wrap at eighty columns, twice over?"
    write_deck(env, "papers", [Card("q", question, " ".join(["long answer"] * 80))])
    app = make_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        card = app.screen.query_one("#card")
        width, question_lines = card.region.width, card.query_one("#question").region.height
        assert width == 80
        await pilot.press("space")  # the answer overflows: a scrollbar shows
        await pilot.pause()
        assert card.region.width == width
        assert card.query_one("#question").region.height == question_lines  # no reflow
