from pathlib import Path

import pytest

from studydeck.cli import main
from studydeck.deck import Card, Deck, dump_deck, load_deck, parse_deck, save_deck
from studydeck.errors import DeckError

GOOD = """\
format: studydeck/1
deck: demo
cards:
  - id: d-1
    question: What is BERT?
    answer: An encoder.
  - id: d-2
    question: BERT was trained with ___ language modelling.
    answer: masked
    tags: [nlp]
    source_line: 4
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_is_byte_identical(tmp_path):
    deck = Deck(
        name="demo",
        title="Démo — notes",
        source="demo.md",
        cards=[
            Card("d-1", "What is $x^2$: a [bold] thing?", "It's 'quoted' & <b>", tags=("a", "b")),
            Card("d-2", "Blank ___ here", "yes", kind="cloze", context="a › b", source_line=3),
        ],
        archived=[Card("d-0", "Old?", "gone")],
    )
    path = tmp_path / "demo.yaml"
    save_deck(deck, path)
    loaded = load_deck(path)
    assert loaded == deck
    assert dump_deck(loaded) == path.read_text(encoding="utf-8")


def test_card_keys_come_in_documented_order():
    text = dump_deck(Deck("d", cards=[Card("x", "Q?", "A", url="https://e.org", source_line=2)]))
    keys = [line.split(":")[0].strip(" -") for line in text.splitlines()[3:]]
    assert keys == ["id", "question", "answer", "kind", "source_line", "url"]


def test_valid_deck_loads(tmp_path):
    deck = load_deck(write(tmp_path, GOOD))
    assert [c.id for c in deck.cards] == ["d-1", "d-2"]
    assert deck.cards[1].is_cloze and deck.cards[1].tags == ("nlp",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("    answer: An encoder.\n", ""), "demo.yaml:4: card is missing 'answer'"),
        (GOOD.replace("id: d-2", "id: d-1"), "demo.yaml:7: duplicate card id 'd-1'"),
        (GOOD.replace("tags: [nlp]", "tagz: [nlp]"), "demo.yaml:10: unknown card key 'tagz'"),
        (GOOD.replace("source_line: 4", "source_line: -1"), "demo.yaml:11: 'source_line' must"),
        (GOOD.replace("format: studydeck/1", "format: anki"), "demo.yaml:1: 'format' must be"),
        (GOOD.replace("___ language", "___ ___"), "demo.yaml:8: a cloze question holds exactly"),
        (GOOD.replace("question: What is BERT?", "question: [unclosed"), "demo.yaml:6: YAML error"),
        (GOOD.replace("id: d-1", "id: 'two words'"), "demo.yaml:4: id 'two words' may hold"),
    ],
)
def test_faults_are_reported_with_file_and_line(tmp_path, text, expected):
    with pytest.raises(DeckError) as info:
        load_deck(write(tmp_path, text))
    assert any(str(p).endswith(expected) or expected in str(p) for p in info.value.problems), (
        info.value.problems
    )
    assert str(info.value).startswith(str(tmp_path / "demo.yaml") + ":")


def test_yaml_is_never_executed():
    with pytest.raises(DeckError, match="YAML error"):
        parse_deck("!!python/object/apply:os.system ['echo hacked']", "evil.yaml")


def test_check_command_reports_and_exits_1(tmp_path, capsys):
    good = write(tmp_path, GOOD, "good.yaml")
    # The same ids in two decks: the file later in name order is the one at fault.
    bad = write(tmp_path, GOOD.replace("deck: demo", "deck: other"), "later.yaml")
    assert main(["check", str(good)]) == 0
    assert main(["check", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{bad}:4: card id 'd-1' is also in {good}:4",
        f"{bad}:7: card id 'd-2' is also in {good}:7",
    ]


def test_check_one_file_compares_ids_with_the_rest_of_the_deck_folder(tmp_path, capsys):
    folder = tmp_path / "decks"  # conftest: $STUDYDECK_DECKS
    folder.mkdir()
    write(folder, GOOD, "transformers.yaml")
    dup = write(folder, GOOD.replace("deck: demo", "deck: dup").replace("d-2", "x-2"), "dup.yaml")
    assert main(["check", str(dup)]) == 1
    captured = capsys.readouterr()
    # dup.yaml sorts first: it is loaded and pushes transformers.yaml out, which is named.
    assert captured.out == f"{folder / 'transformers.yaml'}:4: card id 'd-1' is also in {dup}:4\n"
    assert captured.err == "1 deck file(s), 2 card(s), 1 problem(s)\n"


def test_a_deck_with_another_fault_still_has_its_clashes_reported(tmp_path, capsys):
    folder = tmp_path / "decks"
    folder.mkdir()
    other = write(folder, GOOD, "transformers.yaml")
    broken = GOOD.replace("deck: demo", "deck: dup").replace("    answer: masked\n", "")
    dup = write(folder, broken, "dup.yaml")
    assert main(["check"]) == 1
    # dup.yaml is skipped for its fault and transformers.yaml loaded: the clash is dup's.
    assert capsys.readouterr().out.splitlines() == [
        f"{dup}:7: card is missing 'answer'",
        f"{dup}:4: card id 'd-1' is also in {other}:4",
        f"{dup}:7: card id 'd-2' is also in {other}:7",
    ]


def test_check_handles_missing_and_directory(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.yaml"), str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tmp_path / 'nope.yaml'}: No such file or directory",
        f"{tmp_path}: is a directory, not a deck file",
    ]


def test_an_unclosed_quote_is_reported_where_it_opens():
    text = GOOD.replace("question: What is BERT?", 'question: "What is BERT?') + "\n\n"
    with pytest.raises(DeckError) as info:
        parse_deck(text, "broken.yaml")
    assert str(info.value) == (
        "broken.yaml:5: YAML error: while scanning a quoted scalar, found unexpected end of stream"
    )


def test_a_problem_before_the_end_keeps_its_own_line():
    with pytest.raises(DeckError) as info:
        parse_deck("format: studydeck/1\ndeck: [a, b\ncards: []\nx: 1\n", "broken.yaml")
    assert str(info.value).startswith("broken.yaml:3: YAML error: did not find")
