"""Pilot tests of the quiz and stats screens, reached from home with z and s."""

from __future__ import annotations

from tui_helpers import clickable_actions, make_app, screen_text, write_deck

from studydeck.deck import Card
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.quiz import QuizScreen
from studydeck.tui.screens.stats import StatsScreen

ANSWERS = ["Adam", "Stochastic gradient descent", "RMSprop", "Adagrad", "Lion optimizer"]
NASTY_Q = "(**ICLR'21**)[Empirical] x[/bold] [@click=app.quit]boom[/] — what?"
NASTY_A = "[bold]verbatim[/bold] <script>"


def optim_cards():
    return [Card(f"o-{i}", f"Optimizer {i}?", a, kind="definition") for i, a in enumerate(ANSWERS)]


async def test_z_opens_a_quiz_that_grades_typed_and_choice_answers(env):
    write_deck(env, "optim", optim_cards())
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        quiz = screen.quiz
        assert quiz.mode == "mixed" and quiz.deck == "optim"
        store = app.backend.store
        answered = 0
        while not quiz.finished and answered < 3:
            question = quiz.question
            assert question.card.question in screen_text(app)
            if question.kind == "choice":
                for n, option in enumerate(question.options, 1):
                    assert f"{n}) {option}" in screen_text(app)
                await pilot.press(str(question.correct_option))
            else:
                await pilot.press(*question.card.answer.lower(), "enter")
            await pilot.pause()
            assert "Good" in screen_text(app) or "Easy" in screen_text(app)
            assert len(store.reviews()) == answered  # graded, not yet recorded
            await pilot.press("enter")
            await pilot.pause()
            answered += 1
            assert len(store.reviews()) == answered
        assert all(r.rating >= 3 for r in store.reviews())


async def test_override_undo_and_escape_home(env):
    write_deck(env, "optim", optim_cards())
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z")
        await pilot.pause()
        quiz = app.screen.quiz
        first = quiz.question
        if first.kind == "choice":
            await pilot.press(str(first.correct_option))
        else:
            await pilot.press(*"wrong", "enter")
        await pilot.pause()
        await pilot.press("2")  # override: Hard
        await pilot.pause()
        store = app.backend.store
        assert [(r.card_id, r.rating) for r in store.reviews()] == [(first.card.id, 2)]
        await pilot.press("ctrl+z")  # works while the answer field has focus too
        await pilot.pause()
        assert store.reviews() == [] and quiz.current.id == first.card.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_small_deck_quiz_falls_back_to_typed_and_shows_text_verbatim(env):
    write_deck(env, "nasty", [Card("n-1", NASTY_Q, NASTY_A)])
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        text = screen_text(app)
        assert NASTY_Q in text
        if app.screen.quiz.question.kind == "typed" and app.screen.quiz.question.fallback:
            assert "No fair choice question" in text
        await pilot.press(*"[/bold] [@click=app.quit]", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "[/bold] [@click=app.quit]" in text and NASTY_A in text
        assert "app.quit" not in " ".join(clickable_actions(app))
        assert app.is_running


async def test_cram_quiz_screen_leaves_the_store_alone(env):
    from studydeck.tui.launch import open_quiz

    write_deck(env, "optim", optim_cards())
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        assert open_quiz(app, "optim", mode="choice", limit=2, cram=True)
        await pilot.pause()
        assert "cram" in screen_text(app)
        for _ in range(2):
            await pilot.press("1", "enter")
            await pilot.pause()
        assert "Quiz over: 2 answered" in screen_text(app)
        assert app.backend.store.reviews() == []
        assert all(c.memory.reps == 0 for c in app.backend.store.cards())


async def test_s_opens_stats_on_one_screen_with_column_charts(env):
    from tui_helpers import locate, screen_lines

    from studydeck.commands.stats import render

    write_deck(env, "optim", optim_cards())
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space", "3")  # study one card
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "Statistics · all decks · study day 2026-03-02" in text
        assert "Cards  new 4 · learning 1 · review 0" in text
        assert "1 reviews on 1 of the last 30 days" in text
        assert "Reviews, last 30 days: 1" in text and "Due, next 30 days: 1" in text
        # Everything on the one screen, the retention line last: no scrolling to read it.
        assert "True retention" in text
        # A column per day: today's single review is the last column, full height.
        x, y = locate(app, "1 ┤")
        lines = screen_lines(app)
        chart = [line[x + 3 : x + 33] for line in lines[y : y + 6]]
        assert all(row == " " * 29 + "█" for row in chart), chart
        assert "02-01" in lines[y + 7] and "03-02" in lines[y + 7]
        assert text.count("03-0") <= 3  # not a row per day
        # The CLI's stats uses the same window for its per-day chart.
        cli = render(app.screen.stats)
        assert "reviews per day, last 30 days: 1" in cli
        start = cli.index("reviews per day, last 30 days: 1") + 2  # past the column heads
        assert len(cli[start : cli.index("", start)]) == 30  # one row a day, 30 days
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_quiz_command_app_opens_on_the_quiz_over_home(env):
    from tui_helpers import Ticker

    from studydeck.tui.backend import Backend
    from studydeck.tui.launch import QuizApp

    write_deck(env, "optim", optim_cards())
    backend = Backend(env)
    app = QuizApp(backend, "optim", mode="typed", limit=1, cram=False)
    app.monotonic = Ticker()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, QuizScreen) and app.screen.quiz.limit == 1
            await pilot.press(*"adam", "enter", "enter")
            await pilot.pause()
            assert [r.card_id for r in backend.store.reviews()] == ["o-0"]
            assert "Quiz over: 1 answered, 1 right" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
    finally:
        backend.close()


async def test_quiz_typed_diff_is_marked_in_text_with_math_rendered(env):
    from tui_helpers import Ticker

    from studydeck.tui.backend import Backend
    from studydeck.tui.launch import QuizApp

    write_deck(env, "optim", [Card("m-1", "Attention is scaled by?", "$1/\\sqrt{d_k}$ always")])
    backend = Backend(env)
    app = QuizApp(backend, "optim", mode="typed", limit=1, cram=False)
    app.monotonic = Ticker()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press(*"1/sqrt", "space", *"never", "enter")
            await pilot.pause()
            diff_line = next(line for line in screen_text(app).splitlines() if "Diff:" in line)
            assert "[-never-] {+always+}" in diff_line, diff_line
            assert "\\sqrt" not in diff_line and "√" in diff_line, diff_line
    finally:
        backend.close()


async def test_choice_quiz_falling_back_to_typed_says_why(env):
    from tui_helpers import Ticker

    from studydeck.tui.backend import Backend
    from studydeck.tui.launch import QuizApp

    write_deck(env, "optim", optim_cards()[:2])  # one other answer: no fair 4-way choice
    backend = Backend(env)
    app = QuizApp(backend, "optim", mode="choice", limit=1, cram=False)
    app.monotonic = Ticker()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            question = app.screen.quiz.question
            assert question.kind == "typed" and question.fallback
            assert (
                "No fair choice question: only 1 other answer(s) of this kind in this deck; "
                "type it." in screen_text(app)
            )
    finally:
        backend.close()
