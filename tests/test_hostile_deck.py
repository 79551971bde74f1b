"""Hand-written decks that try to fool the loader, run through the CLI as a user would:
ids YAML reads as numbers, keys given twice, two files claiming one deck name or one id."""

import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.cli import run_command
from studydeck.deck import Card, Deck, dump_deck, parse_deck
from studydeck.environment import Environment


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


# ── 3. two files claiming one deck name or one card id ────────────────────────


def faulty_files(lines):
    """The files named at the start of ``file:line: message`` lines, as resolved paths."""
    return {str(Path(line.split(":", 1)[0]).resolve()) for line in lines if ".yaml:" in line}


def test_two_files_with_one_deck_name_fault_the_later_one_in_check_and_status(env):
    first = hand_written(env, deck_text("same", "a-1", "a-2"), "a.yaml")
    later = hand_written(env, deck_text("same", "b-1"), "b.yaml")
    code, out, _ = run(env, "check")
    assert (code, out) == (1, [f"{later}:2: deck name 'same' is also used by {first}:2"])
    decks, err = loaded_decks(env)
    assert decks == {"same": 2} and faulty_files(err) == faulty_files(out) == {str(later.resolve())}


@pytest.mark.parametrize("shared", ["a card id", "the deck name"])
def test_check_and_status_skip_the_same_file_whichever_came_first(env, shared):
    """The later file in sorted order is at fault, even when it was loaded before the other
    file appeared (status used to keep the first file it met and skip the newcomer)."""
    later_name, first_name = ("beta", "alpha") if shared == "a card id" else ("same", "same")
    later = hand_written(env, deck_text(later_name, "b-1", "shared"), "b.yaml")
    assert loaded_decks(env)[0] == {later_name: 2}
    first = hand_written(env, deck_text(first_name, "a-1", "shared", "a-3"), "a.yaml")
    decks, err = loaded_decks(env)
    code, out, _ = run(env, "check")
    assert code == 1 and faulty_files(out) == faulty_files(err) == {str(later.resolve())}
    assert decks == {first_name: 3}
    first.unlink()  # the clash is gone: the later file is loaded again
    assert loaded_decks(env) == ({later_name: 2}, [])


def test_a_clash_with_a_broken_file_is_reported_at_the_broken_file(env):
    """status skips the broken file and loads the other: check blames the same file."""
    broken = deck_text("alpha", "a-1", "shared").replace("    answer: A0\n", "")
    first = hand_written(env, broken, "a.yaml")
    later = hand_written(env, deck_text("beta", "b-1", "shared"), "b.yaml")
    code, out, _ = run(env, "check")
    assert (code, out) == (
        1,
        [
            f"{first}:4: card is missing 'answer'",
            f"{first}:6: card id 'shared' is also in {later}:7",
        ],
    )
    decks, err = loaded_decks(env)
    assert decks == {"beta": 2} and faulty_files(err) == faulty_files(out)


def test_checking_one_file_names_the_folder_file_it_pushes_out(env):
    """a.yaml sorts first, so adding it to the folder would skip b.yaml: check says so."""
    later = hand_written(env, deck_text("beta", "b-1", "shared"), "b.yaml")
    first = hand_written(env, deck_text("alpha", "shared"), "a.yaml")
    code, out, err = run(env, "check", str(first))
    assert (code, out) == (1, [f"{later}:7: card id 'shared' is also in {first}:4"])
    assert err == [_summary(1, 1, 1)]
    assert run(env, "check", str(later))[:2] == (1, out)


def test_renaming_a_deck_is_no_clash_with_its_own_old_name(env):
    path = hand_written(env, deck_text("old", "r-1"))
    assert loaded_decks(env) == ({"old": 1}, [])
    path.write_text(deck_text("new", "r-1", "r-2"), encoding="utf-8")
    assert loaded_decks(env) == ({"new": 2}, [])


FILES = ("a.yaml", "b.yaml", "c.yaml")
file_contents = st.one_of(
    st.none(),  # the file is removed
    st.tuples(
        st.sampled_from(["p", "q"]),  # deck name
        st.lists(st.sampled_from(["i-1", "i-2", "i-3"]), min_size=1, max_size=2, unique=True),
        st.booleans(),  # broken: a card without an answer
    ),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FILES), file_contents), min_size=1, max_size=6))
def test_check_and_status_agree_on_the_skipped_files_after_any_history(edits):
    """Files appear, change and go in any order; after each step `check` faults exactly the
    files `status` skips, and status loads every other file's deck with all its cards."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = Environment(data_dir=root / "data", decks_dir=root / "decks", config_path=root / "c")
        env.decks_dir.mkdir()
        for step, (file, content) in enumerate(edits):
            path = env.decks_dir / file
            if content is None:
                path.unlink(missing_ok=True)
                continue
            name, ids, broken = content
            text = deck_text(name, *ids)
            path.write_text(text.replace("    answer: A0\n", "") if broken else text)
            os.utime(path, ns=(step * 10**9, step * 10**9))  # a new mtime even within one tick
            decks, err = loaded_decks(env)
            _, out, _ = run(env, "check")
            skipped = faulty_files(err)
            assert faulty_files(out) == skipped, (edits[: step + 1], out, err)
            present = {str(p.resolve()) for p in env.decks_dir.iterdir()}
            loaded = dict(_name_and_size(Path(p)) for p in present - skipped)
            assert decks == loaded, (edits[: step + 1], out, err)


def _name_and_size(path):
    text = path.read_text()
    return text.splitlines()[1].removeprefix("deck: "), text.count("  - id: ")


def test_removing_a_skipped_file_leaves_the_deck_loaded_under_its_name_alone(env):
    old = hand_written(env, deck_text("same", "c-1"), "c.yaml")
    assert loaded_decks(env)[0] == {"same": 1}
    old.write_text(deck_text("same", "c-1").replace("    answer: A0\n", ""), encoding="utf-8")
    hand_written(env, deck_text("same", "a-1", "a-2"), "a.yaml")
    assert loaded_decks(env)[0] == {"same": 2}
    old.unlink()  # its cards were filed under "same": a.yaml's cards must not be archived
    assert loaded_decks(env) == ({"same": 2}, [])
