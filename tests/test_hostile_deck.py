"""Hand-written decks that try to fool the loader, run through the CLI as a user would:
ids YAML reads as numbers, keys given twice, two files claiming one deck name or one id."""

import io
import json

import pytest

from studydeck.cli import run_command
from studydeck.deck import Card, Deck, dump_deck, parse_deck


def run(env, *argv, stdin=""):
    """(exit code, stdout lines, stderr lines) of one command, with fresh streams."""
    env.stdin, env.stdout, env.stderr = io.StringIO(stdin), io.StringIO(), io.StringIO()
    code = run_command(argv, env)
    return code, env.stdout.getvalue().splitlines(), env.stderr.getvalue().splitlines()


def hand_written(env, text, file="hand.yaml"):
    env.decks_dir.mkdir(exist_ok=True)
    path = env.decks_dir / file
    path.write_text(text, encoding="utf-8")
    return path


def deck_text(name, *ids):
    """A deck whose card ids are written as given (raw YAML), one card every three lines:
    the first id is on line 4, the next on 7…"""
    cards = "".join(
        f"  - id: {i}\n    question: Q{n}?\n    answer: A{n}\n" for n, i in enumerate(ids)
    )
    return f"format: studydeck/1\ndeck: {name}\ncards:\n{cards}"


def loaded_decks(env):
    code, out, err = run(env, "status", "--json")
    assert code == 0
    return {d["deck"]: d["total"] for d in json.loads("\n".join(out))["decks"]}, err


# ── 1. ids that are not strings ───────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("1", "number"),
        ("16", "number"),
        ("0x10", "number"),  # 16 too
        ("1_000", "number"),
        ("12:30", "number"),  # YAML 1.1 sexagesimal: 750
        ("1.0", "number"),
        ("-.inf", "number"),
        (".nan", "number"),
        ("2026-03-02", "date"),
        ("yes", "true/false"),
    ],
)
def test_an_id_yaml_reads_as_no_string_is_a_fault_in_check_and_at_load(env, raw, kind):
    path = hand_written(env, deck_text("hand", "ok-1", raw))
    message = f"'id' must be text, not a {kind}: put it in quotes (id: \"…\")"
    assert run(env, "check") == (1, [f"{path}:7: {message}"], [_summary(1, 0, 1)])
    decks, err = loaded_decks(env)
    assert decks == {} and f"{path.resolve()}:7: {message}" in err


def test_ids_that_collapse_to_one_number_no_longer_overwrite_each_other(env):
    path = hand_written(env, deck_text("hand", "1", '"1"', "1.0", "0x10", "16"))
    code, out, _ = run(env, "check")
    assert code == 1
    assert [line.split(": ")[0] for line in out] == [f"{path}:{n}" for n in (4, 10, 13, 16)]


def test_a_quoted_number_is_a_string_id(env):
    hand_written(env, deck_text("hand", '"1"', "'16'"))
    assert run(env, "check")[0] == 0
    code, out, _ = run(env, "study", "--plain", stdin="\n3\nq\n")
    assert code == 0 and "recorded: 1 Good due" in "\n".join(out), out


def test_an_id_with_a_trailing_newline_is_a_fault(env):
    path = hand_written(env, deck_text("hand", '"abc\\n"'))
    message = "id 'abc\\n' may hold only letters, digits and . _ : -"
    assert run(env, "check")[:2] == (1, [f"{path}:4: {message}"])
    assert loaded_decks(env)[0] == {}


NUMBER_LIKE_IDS = ["16", "1.0", "0x10", "0o17", "1_000", "12:30", "1e3", "2026-03-02", "true",
                   "No", "on", "null", "Null", "tr-3f9a1c2b7d"]  # fmt: skip


def test_ids_that_look_like_numbers_survive_our_own_writer(env, write_deck):
    write_deck("nums", [{"id": i} for i in NUMBER_LIKE_IDS])
    assert run(env, "check")[0] == 0
    assert loaded_decks(env)[0] == {"nums": len(NUMBER_LIKE_IDS)}
    deck = Deck("nums", cards=[Card(i, "Q?", "A") for i in NUMBER_LIKE_IDS])
    assert parse_deck(dump_deck(deck)) == deck


def _summary(files, cards, problems):
    return f"{files} deck file(s), {cards} card(s), {problems} problem(s)"


# ── 2. a key given twice ───────────────────────────────────────────────────────

TWO_CARD_LISTS = """\
format: studydeck/1
deck: hand
cards:
  - {id: h-1, question: Q1?, answer: A1}
cards:
  - {id: h-2, question: Q2?, answer: A2}
"""
TWO_QUESTIONS = """\
format: studydeck/1
deck: hand
cards:
  - id: h-1
    question: The first question?
    answer: A1
    question: The second question?
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TWO_CARD_LISTS, "5: YAML error: found duplicate key 'cards' (first on line 3)"),
        (TWO_QUESTIONS, "7: YAML error: found duplicate key 'question' (first on line 5)"),
    ],
)
def test_a_key_given_twice_is_a_fault_in_check_and_at_load(env, text, message):
    path = hand_written(env, text)
    assert run(env, "check")[:2] == (1, [f"{path}:{message}"])
    decks, err = loaded_decks(env)
    assert decks == {} and f"{path.resolve()}:{message}" in err


def test_a_merge_key_overridden_by_the_card_is_no_duplicate(env):
    hand_written(
        env,
        "format: studydeck/1\ndeck: hand\ncards:\n"
        "  - &first {id: h-1, question: Shared question?, answer: A1}\n"
        "  - <<: *first\n    id: h-2\n",
    )
    assert run(env, "check")[:2] == (0, [])
    assert loaded_decks(env)[0] == {"hand": 2}
