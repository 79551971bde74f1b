"""Study flows through the real store: every key's effect is checked in the store afterwards."""

from __future__ import annotations

from tui_helpers import cards, make_app, screen_text, write_deck

from studydeck.deck import Card
from studydeck.store import NEW
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.study import StudyScreen
from studydeck.tui.screens.summary import SummaryScreen


async def test_home_study_reveal_rate_undo_summary(env):
    write_deck(env, "papers", cards(2))
    write_deck(env, "other", cards(1, prefix="o"))
    app = make_app(env)
    store = app.backend.store
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "papers" in text and "other" in text
        await pilot.press("down", "enter")  # "other" sorts first; pick "papers"
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert "Question 0?" in screen_text(app) and "Answer 0" not in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "Answer 0" in screen_text(app)
        app.monotonic.now += 2.5  # the learner thinks for 2.5 s
        await pilot.press("4")
        await pilot.pause()
        [review] = store.reviews("c0")
        assert (review.rating, review.duration_ms) == (4, 2500)
        assert "Question 1?" in screen_text(app)  # committed before the next card shows
        assert "1 done" in screen_text(app)

        await pilot.press("u")
        await pilot.pause()
        assert store.reviews("c0") == []
        assert store.card("c0").memory.state == NEW
        assert "Question 0?" in screen_text(app)

        await pilot.press("space", "4", "space", "2")
        await pilot.pause()
        assert [r.rating for r in store.reviews()] == [4, 2]
        # Hard on a new card is a learning step: it comes back within the learn-ahead window.
        assert "Question 1?" in screen_text(app)
        await pilot.press("space", "4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Cards reviewed" in text and "3" in text
        assert store.reviews("o0") == []  # the other deck was not touched
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "3 reviewed today" in screen_text(app)


async def test_typed_answer_is_graded_diffed_and_the_grade_preselected(env):
    write_deck(env, "papers", [Card("t1", "Who wrote BERT?", "Devlin et al.")])
    app = make_app(env)
    store = app.backend.store
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t")
        await pilot.pause()
        for key in "Devlni et al":
            await pilot.press("space" if key == " " else key)
        app.monotonic.now += 20
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "You typed: Devlni et al" in text
        assert "Devlin et al." in text
        selected = app.screen.selected
        assert selected in (2, 3)  # a typo: Hard or Good, never Again
        await pilot.press("space")  # accept the preselected grade
        await pilot.pause()
        [review] = store.reviews("t1")
        assert review.rating == selected
        assert review.duration_ms == 20_000


async def test_escape_leaves_typed_mode_then_goes_home(env):
    write_deck(env, "papers", cards(1))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t", "x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen) and not app.screen.typing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.backend.store.reviews() == []


async def test_bury_and_suspend(env):
    write_deck(env, "papers", cards(3))
    app = make_app(env)
    store = app.backend.store
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "b")
        await pilot.pause()
        assert store.card("c0").buried_until > env.now().timestamp()
        assert "Question 1?" in screen_text(app)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert store.card("c1").memory.suspended
        assert not store.card("c2").memory.suspended
        assert "Question 2?" in screen_text(app)
        assert store.reviews() == []


async def test_typed_diff_reads_without_colour_and_renders_math(env):
    """The diff is marked in text ([-typed-] {+expected+}), not only by colour, and math in it
    is rendered like the answer above it."""
    write_deck(
        env,
        "papers",
        [
            Card("w1", "What is this?", "Initial attention"),
            Card("m1", "Scaled by?", "$\\sqrt{d_k}$ scaling"),
        ],
    )
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t", *"self", "space", *"attention", "enter")
        await pilot.pause()
        assert "Diff:      [-self-] {+Initial+} attention" in screen_text(app)
        await pilot.press("4", "t", *"rooted", "enter")  # next card: the math one
        await pilot.pause()
        text = screen_text(app)
        diff_line = next(line for line in text.splitlines() if "Diff:" in line)
        assert "\\sqrt" not in diff_line and "d_k" not in diff_line, diff_line
        assert "√" in diff_line and "dₖ" in diff_line and "[-rooted-]" in diff_line, diff_line


def test_diff_marks_keep_a_typo_inside_its_word():
    from studydeck.tui.text import diff_content

    segments = [("Devl", "same"), ("ni", "wrong"), ("in", "missing"), (" et al", "same")]
    assert diff_content(segments).plain == "Devl[-ni-]{+in+} et al"
    words = [("one ", "same"), ("two", "wrong"), ("three", "missing"), (" four", "same")]
    assert diff_content(words).plain == "one [-two-] {+three+} four"
