"""status, study --plain, suspend/unsuspend/forget, run in-process with an injected clock."""

import io
import json

import pytest

from studydeck.cli import build_parser, run_command
from studydeck.errors import StudydeckError
from studydeck.store import Store

CARDS = [
    {"id": "a-1", "question": "What is [bold] BERT?", "answer": "An encoder.", "context": "nlp"},
    {"id": "a-2", "question": "Q2?", "answer": "A2"},
    {"id": "a-3", "question": "Q3?", "answer": "A3"},
]


pytestmark = pytest.mark.usefixtures("utc_local_time")  # local times printed are fixed


def run(env, *argv, stdin=""):
    env.stdin = io.StringIO(stdin)
    return run_command(argv, env)


def out(env):
    return env.stdout.getvalue().splitlines()


def test_status_json_has_the_exact_shape(env, write_deck):
    write_deck("a", CARDS)
    write_deck("b", [{"id": "b-1"}])
    assert run(env, "study", "--plain", stdin="\n3\n:q\n") == 0
    env.stdout = io.StringIO()
    assert run(env, "status", "--json") == 0
    payload = json.loads(env.stdout.getvalue())
    assert set(payload) == {"decks", "reviewed_today"}
    assert payload["reviewed_today"] == 1
    rows = [
        {k: d[k] for k in ("deck", "new", "learning", "due", "total")} for d in payload["decks"]
    ]
    assert rows == [
        {"deck": "a", "new": 2, "learning": 1, "due": 0, "total": 3},
        {"deck": "b", "new": 1, "learning": 0, "due": 0, "total": 1},
    ]
    assert payload["decks"][0]["next_due"] == "2026-03-02T12:10:00+00:00"


def test_status_new_count_applies_the_daily_limit(env, write_deck):
    env.config_path.write_text("new_per_day = 2\n")
    write_deck("a", CARDS)
    write_deck("b", [{"id": "b-1"}])
    run(env, "status", "--json")
    decks = json.loads(env.stdout.getvalue())["decks"]
    # The limit is per deck: b still introduces its one card after a's first two.
    assert [(d["deck"], d["new"], d["total"]) for d in decks] == [("a", 2, 3), ("b", 1, 1)]


def test_status_table(env, write_deck):
    write_deck("a", CARDS)
    write_deck("longer-name", [{"id": "b-1"}])
    run(env, "suspend", "a-3")
    env.stdout = io.StringIO()
    assert run(env, "status") == 0
    assert out(env) == [
        "deck           new learning   due  total suspended  next due",
        "a                2        0     0      3         1  -",
        "longer-name      1        0     0      1         0  -",
        "reviewed today: 0",
    ]


def test_status_next_due_reads_now_once_due_in_the_table_and_the_tui(env, write_deck, clock):
    from studydeck.tui.backend import Backend

    write_deck("a", CARDS)
    run(env, "study", "--plain", stdin="\n3\n:q\n")  # a-1 Good: due 12:10 today

    def shown():
        env.stdout = io.StringIO()
        run(env, "status")
        table = out(env)[1].split(None, 6)[-1]  # deck, 5 counts, then the next due
        backend = Backend(env)
        try:
            return table, backend.overview().decks[0].next_due
        finally:
            backend.close()

    assert shown() == ("12:10", "12:10")
    clock.advance(minutes=30)  # overdue: a past time would read as "missed", not "due"
    assert shown() == ("now", "now")
    clock.advance(days=-1)
    assert shown() == ("2026-03-02 12:10", "2026-03-02 12:10")  # another day: the date too


KEYS = "(Enter shows the answer (or type yours first) · :s skip · :u undo · :q quit)"
RATING_PROMPT = "rating [1-4, :s skip · :u undo · :q quit]:"


def test_plain_session_transcript(env, write_deck, clock):
    write_deck("a", CARDS)
    assert run(env, "study", "--plain", stdin="\n3\nmy guess\nfoo\nagain\n:s\n") == 0
    assert out(env) == [
        "[0 done · 3 left] a · nlp",
        "Q: What is [bold] BERT?",
        KEYS,
        "A: An encoder.",
        "1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 8d",
        RATING_PROMPT,
        "recorded: a-1 Good due 2026-03-02 12:10",
        "[1 done · 3 left] a",  # a-1 is back later today (learning): the total does not grow
        "Q: Q2?",
        KEYS,
        "A: A2",
        "your answer: my guess",
        "1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 9d",
        RATING_PROMPT,
        "please answer 1 (again), 2 (hard), 3 (good) or 4 (easy)",
        RATING_PROMPT,
        "recorded: a-2 Again due 2026-03-02 12:01",
        "[2 done · 3 left] a",
        "Q: Q3?",
        KEYS,
        "[2 done · 2 left] a",  # Q3 skipped: the learning step due soonest comes (learn-ahead)
        "Q: Q2?",
        KEYS,
        "session: 2 reviewed · again 50% · time 0m 00s · due later today 2 · due tomorrow 0",
    ]
    with Store.open(env.data_dir) as store:
        assert [(r.card_id, r.rating) for r in store.reviews()] == [("a-1", 3), ("a-2", 1)]


def test_plain_undo_and_quit(env, write_deck):
    write_deck("a", CARDS)
    assert run(env, "study", "--plain", stdin="\n4\n:u\n:q\n") == 0
    lines = out(env)
    assert "undone: a-1 Easy" in lines and lines[-1].startswith("session: 0 reviewed")
    assert lines[-2] == KEYS  # a-1 asked again, then :q
    with Store.open(env.data_dir) as store:
        assert store.reviews() == []


def test_plain_bare_q_s_u_are_hints_not_commands(env, write_deck):
    write_deck("a", CARDS)
    # q as the typed answer: shown with a hint; at the rating prompt q, s and u only hint.
    assert run(env, "study", "--plain", stdin="q\nq\ns\nundo\n3\n\n:quit\n") == 0
    lines = out(env)
    assert lines[3:6] == [
        "A: An encoder.",
        "your answer: q",
        "(to quit, type :q — commands start with a colon)",
    ]
    assert lines[7:13] == [
        RATING_PROMPT,
        "to quit, type :q — commands start with a colon",
        RATING_PROMPT,
        "to skip, type :s — commands start with a colon",
        RATING_PROMPT,
        "to undo, type :u — commands start with a colon",
    ]
    assert lines[14] == "recorded: a-1 Good due 2026-03-02 12:10"
    assert lines[-1].startswith("session: 1 reviewed")
    with Store.open(env.data_dir) as store:
        assert [r.card_id for r in store.reviews()] == ["a-1"]


class AnotherSessionAnswers(io.StringIO):
    """stdin whose given line, when read, first has another session answer the card."""

    def __init__(self, text, at_line, data_dir, card_id, clock):
        super().__init__(text)
        self.lines_read, self.at_line = 0, at_line
        self.data_dir, self.card_id, self.clock = data_dir, card_id, clock

    def readline(self, *args):
        self.lines_read += 1
        if self.lines_read == self.at_line:
            from studydeck.config import Config
            from studydeck.schedule import Rating, Scheduler, answer

            with Store.open(self.data_dir) as store:
                num = store.card(self.card_id).num
                answer(store, Scheduler(Config()), num, Rating.Good, self.clock(), None)
        return super().readline(*args)


def test_plain_refused_undo_is_reported_and_the_session_goes_on(env, write_deck, clock):
    write_deck("a", CARDS)
    # a-1 answered Again here, then Good in another session before this one's :u.
    env.stdin = AnotherSessionAnswers("\n1\n:u\n\n3\n", 3, env.data_dir, "a-1", clock)
    assert run_command(["study", "--plain"], env) == 0
    lines = out(env)
    refused = lines.index("cannot undo: a-1 was reviewed again since (another session?)")
    assert lines[refused + 1] == "[1 done · 3 left] a"  # the session carries on with a-2
    assert "recorded: a-2 Good due 2026-03-02 12:10" in lines
    assert lines[-1].startswith("session: 2 reviewed · again 50%")
    with Store.open(env.data_dir) as store:
        assert [(r.card_id, r.rating) for r in store.reviews()] == [
            ("a-1", 1),
            ("a-1", 3),
            ("a-2", 3),
        ]


def test_plain_summary_tells_later_today_from_tomorrow(env, write_deck, clock):
    write_deck("a", CARDS)
    run(env, "study", "--plain", stdin="\n4\n")  # a-1 Easy: due in 8 days
    clock.advance(days=7)
    env.stdout = io.StringIO()
    assert run(env, "study", "--plain", stdin="\n3\n:q\n") == 0  # a-2 Good: due in 10 min
    assert out(env)[-1] == (
        "session: 1 reviewed · again 0% · time 0m 00s · due later today 1 · due tomorrow 1"
    )


def test_plain_reports_a_new_leech(env, write_deck, clock):
    env.config_path.write_text("leech_threshold = 1\n")
    write_deck("a", CARDS[:1])
    run(env, "study", "--plain", stdin="\n4\n")
    clock.advance(days=30)
    run(env, "study", "--plain", stdin="\n1\n")
    assert (
        "leech: a-1 has lapsed 1 times; it is now tagged leech and suspended "
        "(rewrite it, then `studydeck unsuspend a-1`)"
    ) in out(env)
    with Store.open(env.data_dir) as store:
        assert store.card("a-1").memory.suspended and store.card("a-1").memory.leech


def test_nothing_to_study(env):
    assert run(env, "study", "--plain") == 0
    assert out(env)[0] == "Nothing to study now."
    assert "no deck folder" in env.stderr.getvalue()


def test_study_one_deck_and_unknown_deck(env, write_deck):
    write_deck("a", CARDS)
    write_deck("b", [{"id": "b-1"}])
    run(env, "study", "--plain", "--deck", "b", stdin="\n3\n")
    assert next(line for line in out(env) if line.startswith("recorded:")).startswith(
        "recorded: b-1"
    )
    with pytest.raises(StudydeckError, match="no deck named 'zzz'"):
        run(env, "study", "--plain", "--deck", "zzz")


@pytest.mark.parametrize("command", ["study --plain", "quiz --plain", "stats"])
def test_a_deck_skipped_for_duplicate_ids_is_named_with_the_reason(env, write_deck, command):
    write_deck("a", CARDS)
    dup = write_deck("dup", [{"id": "d-1"}, {"id": "a-2"}])  # a-2 is a's
    with pytest.raises(StudydeckError) as caught:
        run(env, *command.split(), "--deck", "dup")
    message = str(caught.value)
    assert message.startswith(f"deck 'dup' was skipped: {dup.resolve()}:"), message
    assert "a-2" in message
    # The deck file named differently from its deck: found by its deck: line.
    dup.rename(dup.with_name("other-file.yaml"))
    with pytest.raises(StudydeckError, match=r"deck 'dup' was skipped: .*other-file\.yaml:"):
        run(env, *command.split(), "--deck", "dup")


def test_a_deck_skipped_for_a_yaml_fault_is_named_by_its_file(env, write_deck):
    write_deck("a", CARDS)
    (env.decks_dir / "broken.yaml").write_text("format: studydeck/1\ndeck: broken\ncards: [\n")
    with pytest.raises(StudydeckError, match=r"deck 'broken' was skipped: .*broken.yaml:\d+: "):
        run(env, "study", "--plain", "--deck", "broken")


def test_the_study_ui_names_a_skipped_deck_too(env, write_deck):
    from argparse import Namespace

    from studydeck.commands import tui

    write_deck("a", CARDS)
    write_deck("dup", [{"id": "a-1"}])
    with pytest.raises(StudydeckError, match=r"deck 'dup' was skipped: .*a-1"):
        tui.run(Namespace(deck="dup", handler="studydeck.commands.study:run"), env)


def test_study_without_plain(env, write_deck, monkeypatch):
    write_deck("a", CARDS)

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    args = build_parser().parse_args(["study"])
    from studydeck.commands import study

    env.stdin = Terminal("")
    opened = []
    monkeypatch.setattr("studydeck.commands.tui.run", lambda a, e: opened.append(a.deck) or 0)
    assert study.run(args, env) == 0
    assert opened == [None]  # a terminal: the Textual UI
    # Not a terminal (a pipe): the plain session runs.
    assert run(env, "study", stdin="\n3\n") == 0
    assert any(line.startswith("recorded: a-1 Good") for line in out(env))


def test_bad_deck_is_reported_and_others_still_work(env, write_deck):
    write_deck("a", CARDS)
    bad = env.decks_dir / "broken.yaml"
    bad.write_text("format: studydeck/1\ndeck: broken\ncards:\n  - id: x\n    question: [\n")
    assert run(env, "status", "--json") == 0
    assert [d["deck"] for d in json.loads(env.stdout.getvalue())["decks"]] == ["a"]
    assert env.stderr.getvalue().splitlines()[0].startswith(f"{bad}:6: YAML error")


def test_suspend_unsuspend_forget(env, write_deck):
    write_deck("a", CARDS)
    run(env, "study", "--plain", stdin="\n4\n")
    assert run(env, "suspend", "a-1", "a-2") == 0
    with Store.open(env.data_dir) as store:
        assert [c.memory.suspended for c in store.cards()] == [True, True, False]
    with pytest.raises(StudydeckError, match="no such card: nope"):
        run(env, "unsuspend", "a-1", "nope")
    with Store.open(env.data_dir) as store:
        assert store.card("a-1").memory.suspended  # all or nothing
    assert run(env, "unsuspend", "a-1") == 0
    assert run(env, "forget", "a-1") == 0
    with Store.open(env.data_dir) as store:
        card = store.card("a-1")
        assert card.memory.state == 0 and card.memory.reps == 0 and not card.memory.suspended
        assert [r.rating for r in store.reviews("a-1")] == [4, 0]


def test_suspend_and_unsuspend_report_what_changed(env, write_deck):
    write_deck("a", CARDS)
    said = []
    for argv in (
        ["suspend", "a-1"],
        ["suspend", "a-1", "a-2", "a-2"],  # a repeated id counts once
        ["unsuspend", "a-3"],
        ["unsuspend", "a-1", "a-2", "a-3"],
    ):
        env.stdout = io.StringIO()
        assert run(env, *argv) == 0
        said += out(env)
    assert said == [
        "suspended 1 card(s)",
        "suspended 1 card(s); 1 already suspended",
        "unsuspended 0 card(s); 1 not suspended",
        "unsuspended 2 card(s); 1 not suspended",
    ]
    with Store.open(env.data_dir) as store:
        assert [c.memory.suspended for c in store.cards()] == [False, False, False]


def test_plain_heading_leaves_out_a_context_that_repeats_the_deck(env, write_deck):
    write_deck("llm-notes", [{"id": "n-1", "context": "LLM notes"}, {"id": "n-2", "context": "x"}])
    assert run(env, "study", "--plain", stdin="\n3\n\n3\n") == 0
    headings = [line for line in out(env) if line.startswith("[")]
    assert headings[0].endswith("] llm-notes")
    assert headings[1].endswith("] llm-notes · x")
