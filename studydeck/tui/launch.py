"""Opening the quiz and stats screens: from home (``z``, ``s``) or straight from the CLI."""

from __future__ import annotations

from studydeck.environment import Environment
from studydeck.quiz import Mode, Quiz
from studydeck.stats import compute
from studydeck.tui.app import StudydeckApp
from studydeck.tui.backend import Backend
from studydeck.tui.screens.quiz import QuizScreen
from studydeck.tui.screens.stats import StatsScreen


def open_quiz(
    app: StudydeckApp,
    deck: str | None,
    *,
    mode: Mode = "mixed",
    limit: int = 20,
    cram: bool = False,
) -> bool:
    """Push a quiz over ``deck`` (None: every deck); False when there is nothing to ask."""
    backend = app.backend
    quiz = Quiz(
        backend.store,
        backend.scheduler,
        backend.env.clock,
        deck=deck,
        tz=backend.tz,
        mode=mode,
        limit=limit,
        cram=cram,
    )
    if quiz.finished:
        app.notify(f"No cards to quiz on in {deck or 'any deck'}.", markup=False)
        return False
    app.push_screen(QuizScreen(quiz, deck or "All decks"))
    return True


def open_stats(app: StudydeckApp, deck: str | None = None) -> None:
    backend = app.backend

    def load():
        return compute(backend.store, backend.config, backend.env.now(), deck=deck, tz=backend.tz)

    app.push_screen(StatsScreen(load))


class QuizApp(StudydeckApp):
    """The study app opened on a quiz (``studydeck quiz`` in a terminal); Esc leads home."""

    def __init__(self, backend: Backend, deck: str | None, **quiz_options) -> None:
        super().__init__(backend)
        self.quiz_deck = deck
        self.quiz_options = quiz_options

    def _open_home(self) -> None:
        super()._open_home()
        self.call_later(open_quiz, self, self.quiz_deck, **self.quiz_options)  # over home


def run_quiz(env: Environment, deck: str | None, **quiz_options) -> int:
    """The quiz app; once it has closed, the sync of ``sync_on_exit`` (its exit code)."""
    from studydeck.commands.sync import sync_on_exit

    backend = Backend(env)
    try:
        QuizApp(backend, deck, **quiz_options).run()
    finally:
        backend.close()
    return sync_on_exit(env, backend.config)
