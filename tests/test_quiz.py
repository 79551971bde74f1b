"""Quiz sessions end to end on a real store: typed and choice grading, overrides, cram, undo."""

from __future__ import annotations

from datetime import UTC

import pytest

from studydeck.config import Config
from studydeck.quiz import Quiz
from studydeck.schedule import Rating, Scheduler, replay

OPTIMIZERS = ["Adam", "Stochastic gradient descent", "RMSprop", "Adagrad", "Lion optimizer"]


@pytest.fixture
def deck(write_deck, store, tmp_path):
    write_deck(
        "optim",
        [
            {"id": f"o-{i}", "question": f"Optimizer {i}?", "answer": a, "kind": "definition"}
            for i, a in enumerate(OPTIMIZERS)
        ],
    )
    write_deck("tiny", [{"id": "t-0", "answer": "Transformer"}, {"id": "t-1", "answer": "LSTM"}])
    store.sync_decks(tmp_path / "decks")
    return store


def _quiz(store, clock, **kwargs):
    return Quiz(store, Scheduler(Config()), clock, tz=UTC, seed=7, **kwargs)


def _state_table(store):
    return store.db.execute("SELECT * FROM cards ORDER BY num").fetchall()


def test_typed_answers_are_graded_and_recorded(deck, clock):
    quiz = _quiz(deck, clock, deck="optim", mode="typed", limit=3)
    assert quiz.question.card.id == "o-0" and quiz.question.kind == "typed"
    checked = quiz.check("adam")
    assert (checked.grade.rating, checked.grade.verdict) == (Rating.Good, "exact")
    assert deck.reviews() == []  # checking records nothing
    result = quiz.record(duration_ms=2000)
    assert result.rating == Rating.Good and not result.overridden
    assert [(r.card_id, r.rating, r.duration_ms) for r in deck.reviews()] == [
        ("o-0", int(Rating.Good), 2000)
    ]
    assert deck.card("o-0").memory.reps == 1

    assert quiz.question.card.id == "o-1"
    checked = quiz.check("stochastic gradient descnet")  # a typo
    assert checked.grade.verdict == "typo" and checked.grade.rating in (Rating.Good, Rating.Hard)
    assert any(seg.kind != "same" for seg in checked.diff)
    quiz.record()
    checked = quiz.check("")
    assert checked.grade.rating == Rating.Again and checked.grade.verdict == "empty"
    quiz.record()
    assert quiz.finished and quiz.progress().done == 3
    ratings = [r.rating for r in deck.reviews()]
    assert ratings[0] == int(Rating.Good) and ratings[2] == int(Rating.Again)


def test_override_replaces_the_grade(deck, clock):
    quiz = _quiz(deck, clock, deck="optim", mode="typed", limit=1)
    assert quiz.check("SGD").grade.rating == Rating.Again
    result = quiz.record(Rating.Hard)
    assert result.overridden and result.rating == Rating.Hard
    assert deck.reviews()[0].rating == int(Rating.Hard)
    card = deck.card("o-0")
    replayed = replay(Scheduler(Config()), card.num, deck.reviews("o-0"))
    assert card.memory.fsrs_part() == replayed.fsrs_part()
    assert card.memory.stability == pytest.approx(
        Scheduler().fsrs._initial_stability(rating=Rating.Hard)
    )


def test_choice_has_four_options_and_grades_by_number(deck, clock):
    quiz = _quiz(deck, clock, deck="optim", mode="choice", limit=2)
    question = quiz.question
    assert question.kind == "choice" and len(question.options) == 4
    assert question.card.answer in question.options
    assert len(set(question.options)) == 4
    assert set(question.options) <= set(OPTIMIZERS)  # same deck only
    right = question.correct_option
    checked = quiz.check(str(right))
    assert checked.grade.rating == Rating.Good and checked.chosen_option == right
    quiz.record()
    wrong = next(n for n in range(1, 5) if n != quiz.question.correct_option)
    assert quiz.check(str(wrong)).grade.rating == Rating.Again
    quiz.record()
    assert [r.rating for r in deck.reviews()] == [int(Rating.Good), int(Rating.Again)]
    with pytest.raises(RuntimeError):
        quiz.question  # noqa: B018 - finished


def test_choice_rejects_an_option_out_of_range(deck, clock):
    quiz = _quiz(deck, clock, deck="optim", mode="choice", limit=1)
    with pytest.raises(ValueError, match="1 to 4"):
        quiz.check("5")
    assert quiz.checked is None


def test_small_deck_falls_back_to_typed(deck, clock):
    quiz = _quiz(deck, clock, deck="tiny", mode="choice")
    question = quiz.question
    assert question.kind == "typed" and question.fallback and question.options == ()
    assert quiz.check("transformer").grade.rating == Rating.Good


def test_cram_leaves_the_store_untouched(deck, clock):
    before = _state_table(deck)
    quiz = _quiz(deck, clock, deck="optim", mode="mixed", limit=5, cram=True)
    kinds = set()
    while not quiz.finished:
        kinds.add(quiz.question.kind)
        quiz.check("1" if quiz.question.kind == "choice" else "wrong answer")
        quiz.record()
        clock.advance(seconds=30)
    assert kinds == {"typed", "choice"}  # mixed draws both
    assert quiz.quiz_summary().asked == 5 and quiz.quiz_summary().cram
    assert _state_table(deck) == before
    assert deck.db.execute("SELECT count(*) FROM review_log").fetchone() == (0,)
    assert quiz.undo().card.id == "o-4" and quiz.current.id == "o-4"
    assert _state_table(deck) == before


def test_undo_restores_state_and_asks_again(deck, clock):
    quiz = _quiz(deck, clock, deck="optim", mode="typed", limit=3)
    before = _state_table(deck)
    quiz.check("adam")
    quiz.record()
    assert quiz.current.id == "o-1"
    undone = quiz.undo()
    assert undone.card.id == "o-0" and quiz.current.id == "o-0"
    assert _state_table(deck) == before and deck.reviews() == []
    assert quiz.progress().remaining == 3  # o-1 went back into the queue
    quiz.check("adam")
    quiz.record()
    assert quiz.current.id == "o-1"


def test_due_cards_come_first_and_the_limit_holds(deck, clock):
    quiz = _quiz(deck, clock, deck="optim", mode="typed", limit=5)
    for _ in range(2):
        quiz.check("no idea")
        quiz.record()
    clock.advance(days=2)  # o-0 and o-1 are due (relearning / learning steps long past)
    quiz = _quiz(deck, clock, deck="optim", mode="typed", limit=3)
    assert quiz.progress().remaining == 3
    order = []
    while not quiz.finished:
        order.append(quiz.current.id)
        quiz.skip()
    assert order == ["o-0", "o-1", "o-2"]


def test_record_needs_a_checked_response(deck, clock):
    quiz = _quiz(deck, clock, deck="optim")
    with pytest.raises(RuntimeError):
        quiz.record()


def test_new_cards_respect_each_decks_daily_new_limit(deck, clock):
    config = Config(new_per_day=2)
    first = Quiz(deck, Scheduler(config), clock, tz=UTC, seed=7, limit=10)
    assert [c.id for c in [first.current, *first._queue]] == ["o-0", "o-1", "t-0", "t-1"]
    first.check("Adam")
    first.record()
    # o-0 was introduced today: optim has one new card left, tiny still has two.
    second = Quiz(deck, Scheduler(config), clock, tz=UTC, seed=7, limit=10)
    assert [c.id for c in [second.current, *second._queue]] == ["o-0", "o-1", "t-0", "t-1"]
    third = Quiz(deck, Scheduler(config), clock, tz=UTC, seed=7, deck="optim", limit=10)
    assert [c.id for c in [third.current, *third._queue]] == ["o-0", "o-1"]
