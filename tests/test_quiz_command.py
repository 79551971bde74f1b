"""``studydeck quiz --plain`` run in-process: the exact lines a learner sees."""

import io

import pytest

from studydeck.cli import run_command
from studydeck.store import Store

OPTIMIZERS = ["Adam", "Stochastic gradient descent", "RMSprop", "Adagrad", "Lion optimizer"]


pytestmark = pytest.mark.usefixtures("utc_local_time")  # local times printed are fixed


@pytest.fixture
def decks(write_deck):
    write_deck(
        "optim",
        [
            {"id": f"o-{i}", "question": f"Optimizer {i}?", "answer": a, "kind": "definition"}
            for i, a in enumerate(OPTIMIZERS)
        ],
    )
    write_deck("tiny", [{"id": "t-0", "question": "Model [bold]?", "answer": "Transformer"}])


def run(env, *argv, stdin=""):
    env.stdin = io.StringIO(stdin)
    return run_command(argv, env)


def lines(env):
    return env.stdout.getvalue().splitlines()


def test_typed_plain_session_snapshot(env, decks):
    answers = "adam\n\nstochastic gradiant descent\n2\nrms\n\n"
    assert run(env, "quiz", "--plain", "--deck", "optim", "-n", "3", stdin=answers) == 0
    assert lines(env) == [
        "[0 done · 3 left] optim",
        "Q: Optimizer 0?",
        "your answer [:s skip · :u undo · :q quit]:",
        "grade: Easy (score 100)",  # answered at once (the fake clock stands still)
        "answer: Adam",
        "rating [Enter accept Easy, 1-4 override, :s skip · :u undo · :q quit]:",
        "recorded: o-0 Easy due 2026-03-10 12:00",
        "[1 done · 2 left] optim",
        "Q: Optimizer 1?",
        "your answer [:s skip · :u undo · :q quit]:",
        "grade: Good (score 95)",
        "answer: Stochastic gradient descent",
        "diff: Stochastic gradi[-a-]{+e+}nt descent",
        "rating [Enter accept Good, 1-4 override, :s skip · :u undo · :q quit]:",
        "recorded: o-1 Hard (your override) due 2026-03-02 12:05",
        "[2 done · 1 left] optim",
        "Q: Optimizer 2?",
        "your answer [:s skip · :u undo · :q quit]:",
        "grade: Again (score 39)",
        "answer: RMSprop",
        "diff: RMS{+prop+}",
        "rating [Enter accept Again, 1-4 override, :s skip · :u undo · :q quit]:",
        "recorded: o-2 Again due 2026-03-02 12:01",
        "quiz: 3 answered · 2 right · again 1 · hard 1 · good 0 · easy 1",
    ]
    with Store.open(env.data_dir) as store:
        assert [(r.card_id, r.rating) for r in store.reviews()] == [
            ("o-0", 4),
            ("o-1", 2),
            ("o-2", 1),
        ]


def test_choice_plain_lines_and_cram(env, decks):
    assert run(env, "quiz", "--plain", "--deck", "optim", "--mode", "choice", "-n", "1",
               "--cram", stdin="9\n1\n\n") == 0  # fmt: skip
    out = lines(env)
    assert out[:2] == ["[0 done · 1 left] optim", "Q: Optimizer 0?"]
    options = out[2:6]
    assert [o[:3] for o in options] == ["1) ", "2) ", "3) ", "4) "]
    assert out[6] == "answer [1-4, :s skip · :u undo · :q quit]:"
    assert out[7] == "choose an option from 1 to 4"
    right = next(o for o in options if o.endswith(") Adam"))
    graded = "grade: Good (score 100)" if right.startswith("1)") else "grade: Again (score 0)"
    assert out[9:11] == [graded, f"answer: {right}"]
    assert out[12].startswith("cram: o-0 ") and out[12].endswith(", not scheduled")
    assert out[13].endswith("· cram: nothing scheduled")
    with Store.open(env.data_dir) as store:
        assert store.reviews() == [] and store.card("o-0").memory.reps == 0


def test_fallback_skip_undo_and_quit(env, decks):
    assert run(env, "quiz", "--plain", "--mode", "choice", "-n", "6",
               stdin=":s\n1\n\n:u\n:q\n") == 0  # fmt: skip
    out = lines(env)
    assert out[0] == "[0 done · 6 left] optim"
    assert "undone: o-1 " in "\n".join(out)
    with Store.open(env.data_dir) as store:
        assert store.reviews() == []
    env.stdout = io.StringIO()
    assert run(env, "quiz", "--plain", "--deck", "tiny", "--mode", "choice", stdin="x\n\n") == 0
    assert lines(env)[:3] == [
        "[0 done · 1 left] tiny",
        "Q: Model [bold]?",
        "(no fair choice question: only 0 other answer(s) of this kind in this deck; "
        "type the answer)",
    ]


def test_unknown_deck_and_bad_n(env, decks):
    from studydeck.errors import StudydeckError

    with pytest.raises(StudydeckError, match="no deck named 'nope'"):
        run(env, "quiz", "--plain", "--deck", "nope")


def test_bad_n_is_a_usage_error(capsys):
    from studydeck.cli import main

    for bad, why in (("0", "must be at least 1 (got 0)"), ("x", "'x' is not a whole number")):
        with pytest.raises(SystemExit) as exit_:
            main(["quiz", "--plain", "-n", bad])
        assert exit_.value.code == 2
        assert capsys.readouterr().err.endswith(f"argument -n: {why}\n")


def test_an_answer_q_is_graded_with_a_hint_and_colon_q_quits(env, write_deck):
    write_deck("letters", [{"id": "l-0", "question": "Which letter quits vim?", "answer": "q"}])
    write_deck("optim", [{"id": "o-0", "question": "Optimizer 0?", "answer": "Adam"}])
    hint = '("q" was graded as your answer; to quit, type :q — commands start with a colon)'
    assert run(env, "quiz", "--plain", "--deck", "letters", stdin="q\n\n") == 0
    out = lines(env)
    assert out[3:6] == ["grade: Easy (score 100)", "answer: q", hint]
    assert out[7] == "recorded: l-0 Easy due 2026-03-10 12:00"
    # A q meant as "quit": graded, hinted, and :q at the rating prompt records nothing.
    env.stdout = io.StringIO()
    assert run(env, "quiz", "--plain", "--deck", "optim", stdin="q\n:q\n") == 0
    out = lines(env)
    assert out[3:7] == ["grade: Again (score 0)", "answer: Adam", "diff: [-q-]{+Adam+}", hint]
    assert out[-1] == "quiz: 0 answered · 0 right · again 0 · hard 0 · good 0 · easy 0"
    with Store.open(env.data_dir) as store:
        assert [r.card_id for r in store.reviews()] == ["l-0"]


def test_bare_commands_at_the_choice_and_rating_prompts_are_hints(env, decks):
    assert run(env, "quiz", "--plain", "--deck", "optim", "--mode", "choice", "-n", "1",
               stdin="q\n1\ns\nu\n:quit\n") == 0  # fmt: skip
    out = lines(env)
    assert out[6:8] == [
        "answer [1-4, :s skip · :u undo · :q quit]:",
        "choose an option from 1 to 4; to quit, type :q — commands start with a colon",
    ]
    rating = out[11]
    assert rating.startswith("rating [Enter accept ")
    assert out[12:] == [
        "to skip, type :s — commands start with a colon",
        rating,
        "to undo, type :u — commands start with a colon",
        rating,
        "quiz: 0 answered · 0 right · again 0 · hard 0 · good 0 · easy 0",
    ]


def test_a_refused_undo_is_reported_and_the_quiz_goes_on(env, decks, clock):
    from studydeck.config import Config
    from studydeck.schedule import Rating, Scheduler, answer

    class AnotherSessionAnswers(io.StringIO):
        def readline(self, *args):
            line = super().readline(*args)
            if line == ":u\n":  # o-0 answered in another session before this undo
                with Store.open(env.data_dir) as store:
                    num = store.card("o-0").num
                    answer(store, Scheduler(Config()), num, Rating.Good, clock(), None)
            return line

    env.stdin = AnotherSessionAnswers("adam\n\n:u\n:q\n")
    assert run_command(["quiz", "--plain", "--deck", "optim", "-n", "2"], env) == 0
    out = lines(env)
    refused = out.index("cannot undo: o-0 was reviewed again since (another session?)")
    assert out[refused + 2] == "Q: Optimizer 1?"  # the quiz carries on
    assert out[refused + 1].startswith("[1 done · 1 left]")  # the refused undo changed nothing
    assert out[-1].startswith("quiz: 1 answered")
