"""scripts/eval-notes: per-note numbers, coverage, the blind sample and its key (issue 11).

Runs on the project's own fixtures and on notes written here; needs neither the real-notes
corpus nor ../shared."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from studydeck.deck import Card
from studydeck.errors import StudydeckError
from studydeck.notes import parse_outline

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "eval_notes.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "notes"


def _load():
    spec = importlib.util.spec_from_file_location("eval_notes", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_notes", module)
    spec.loader.exec_module(module)
    return module


ev = _load()


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    result = run(FIXTURES, "--seed", "7", "--out", out / "sample.md", "--json", out / "notes.json")
    assert result.returncode == 0, result.stderr
    return result, out


def _key(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_fixture_note_is_reported(fixture_run):
    result, out = fixture_run
    notes = sorted(p.name for p in FIXTURES.glob("*.md"))
    table = [line.split()[0] for line in result.stdout.splitlines() if line.endswith("%")]
    for name in notes:
        assert name in table, f"no line for {name}"
    summary = json.loads((out / "notes.json").read_text())
    assert sorted(n["note"] for n in summary) == notes
    for n in summary:
        assert n["bytes"] == (FIXTURES / n["note"]).stat().st_size
        assert sum(n["kinds"].values()) == n["cards"]
        assert n["covered_fact_blocks"] <= n["fact_blocks"]
        assert n["coverage"] is None or 0.0 <= n["coverage"] <= 1.0
    assert "per genre" in result.stdout and "per kind" in result.stdout
    assert re.search(r"^rejections \(\d+\), by reason$", result.stdout, re.M)


def test_coverage_is_computed_from_card_source_lines():
    note = ev.NoteEval(
        path=Path("n.md"),
        name="n.md",
        genre="g",
        field="f",
        size=1,
        text="",
        cards=[_card(2), _card(2), _card(4), _card(9), _card(None)],
        blocks={},
        fact_lines={1, 2, 3, 4},
    )
    assert note.covered_lines == {2, 4}
    assert note.coverage == 0.5
    assert note.cards_on_facts == 3  # line 9 is not a fact-bearing block
    empty = ev.NoteEval(Path("e.md"), "e.md", "g", "f", 1, "", [], {}, set())
    assert empty.coverage is None  # nothing to cover: no ratio, not 0 %


def test_a_list_card_covers_the_items_it_lists():
    text = (
        "# T\n\n- Its loss has two parts:\n  - a box loss on the proposals\n"
        "  - a caption loss per word\n- unrelated fact about something else here\n"
    )
    listed = Card(id="l", question="Which two?", answer="a; b", kind="short-list", source_line=3)
    plain = Card(id="p", question="What?", answer="x", kind="fact", source_line=3)
    as_list = _note_of(text, [listed], {3, 4, 5, 6})
    as_fact = _note_of(text, [plain], {3, 4, 5, 6})
    assert as_list.covered_lines == {3, 4, 5}
    assert as_fact.covered_lines == {3}  # any other card covers its own line only


def _note_of(text: str, cards: list[Card], fact_lines: set[int]) -> ev.NoteEval:
    """A NoteEval of ``text`` with its own outline's blocks and the given cards."""
    blocks = {b.line: b for b in ev.parse_outline(text, "t").blocks}
    return ev.NoteEval(Path("n.md"), "n.md", "g", "f", 1, text, cards, blocks, fact_lines)


def _card(line: int | None) -> Card:
    return Card(id=f"x-{line}", question="What is it?", answer="It", source_line=line)


TINY = """\
# Tiny notes

## Contents
- [Method](#method)

## Method
- Dropout: randomly zeroes activations during training to reduce overfitting
- [Some paper title here](https://arxiv.org/abs/1234.5678)
- short item

Batch normalization normalises the inputs of each layer over the mini-batch.

$$y = \\gamma \\hat{x} + \\beta$$
"""


def test_fact_bearing_blocks_and_coverage_on_a_tiny_note(tmp_path):
    note_path = tmp_path / "tiny.md"
    note_path.write_text(TINY, encoding="utf-8")
    note = ev.evaluate(note_path, {}, {})
    # the Dropout item and the paragraph; not the TOC line, the bare link, the short item,
    # the headings or the display math
    assert note.fact_lines == {7, 11}
    sources = {c.source_line for c in note.cards}
    assert 7 in sources, "the builder defines Dropout"  # so coverage is not vacuous
    assert note.coverage == len({7, 11} & sources) / 2
    assert note.genre == "-"


@pytest.mark.parametrize(
    ("line", "fact"),
    [
        (
            "- Why does deep and cheap learning work so well? [[arXiv](https://arxiv.org/abs/1)]",
            False,
        ),
        (
            "- [Deep Residual Learning Here](https://arxiv.org/abs/2) <kbd>CVPR 2016</kbd> (He)",
            False,
        ),
        (
            "- [Deep Residual Learning Here](https://arxiv.org/abs/2) - skip links ease training",
            True,
        ),
        (
            "- Nested Stuff: A Title [[arXiv](https://arxiv.org/abs/3)] (adds memory to cells)",
            True,
        ),
        (
            "- Some Title [[arXiv](https://arxiv.org/abs/4)] - learns to route tokens to experts",
            True,
        ),
        ("- Lemma\n  ls-type:: annotation\n  hl-page:: 359\n  id:: 6383-da94", False),
        ("- A covering map is an open map\n  hl-page:: 353\n  ls-type:: annotation", True),
    ],
)
def test_title_only_paper_items_are_not_fact_bearing(line, fact):
    [item] = [b for b in parse_outline(line + "\n", "t").blocks if b.kind == "item"]
    assert ev.is_fact_bearing(item) is fact


def test_title_only_table_rows_are_not_fact_bearing():
    text = (
        "| Year | Venue | Paper | Code |\n|---|---|---|---|\n"
        "| 2021 | ICML | [A Long Paper Title About Things](https://arxiv.org/abs/1) | [code](x) |\n"
        "\n| Paper | Summary |\n|---|---|\n"
        "| [Other Paper](https://arxiv.org/abs/2) | Trains a small model on big data fast |\n"
    )
    rows = [b for b in parse_outline(text, "t").blocks if b.kind == "row"]
    assert [ev.is_fact_bearing(b) for b in rows] == [False, True]


def test_sample_size_strata_and_key(fixture_run):
    _, out = fixture_run
    sample = (out / "sample.md").read_text()
    numbers = [int(n) for n in re.findall(r"^## (\d+)$", sample, re.M)]
    assert numbers == list(range(1, 121))
    key = _key(out / "sample.key.tsv")
    assert list(key[0]) == ["number", "note", "line", "genre", "field", "kind"]
    assert [int(r["number"]) for r in key] == numbers
    summary = json.loads((out / "notes.json").read_text())
    with_cards = {n["note"] for n in summary if n["cards"]}
    assert {r["note"] for r in key} == with_cards  # every note with cards gives one or more
    # what judges see matches the key, and reveals nothing else about the rule
    shown = re.findall(r"^## (\d+)\n.*?kind: `([^`]+)` · (\S+)", sample, re.M | re.S)
    assert len(shown) == 120
    for number, kind, where in shown:
        row = key[int(number) - 1]
        assert (kind, where) == (row["kind"], f"{row['note']}:{row['line']}")
    assert "genre" not in sample and "id:" not in sample and "tags" not in sample


def test_sample_is_deterministic_for_a_seed(tmp_path, fixture_run):
    _, first = fixture_run
    again = run(FIXTURES, "--seed", "7", "--out", tmp_path / "sample.md")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "sample.md").read_bytes() == (first / "sample.md").read_bytes()
    assert (tmp_path / "sample.key.tsv").read_bytes() == (first / "sample.key.tsv").read_bytes()
    other = run(FIXTURES, "--seed", "8", "--out", tmp_path / "other.md")
    assert other.returncode == 0, other.stderr
    assert (tmp_path / "other.md").read_bytes() != (first / "sample.md").read_bytes()


def test_jsonl_sample_has_the_judging_fields_only(tmp_path):
    result = run(FIXTURES / "per-paper.md", "--sample", "3", "--out", tmp_path / "s.jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert len(records) == 3
    for r in records:
        assert set(r) == {"number", "question", "answer", "kind", "where", "heading_path", "source"}
        line = int(r["where"].rsplit(":", 1)[1])
        assert line in [s["line"] for s in r["source"]]
        assert len(r["source"]) <= 3


def test_allocation_is_proportional_with_one_per_note():
    alloc = ev.allocate([10, 0, 1, 89], 20)
    assert sum(alloc) == 20
    assert alloc[1] == 0 and alloc[2] == 1
    assert alloc[3] > alloc[0] >= 1
    assert ev.allocate([2, 3], 50) == [2, 3]  # never more than a note has
    with pytest.raises(StudydeckError, match="smaller than the number of notes"):
        ev.allocate([1, 1, 1], 2)


def test_genre_comes_from_the_manifest(tmp_path):
    note = tmp_path / "tiny.md"
    note.write_text(TINY, encoding="utf-8")
    manifest = tmp_path / "m.tsv"
    manifest.write_text(
        "file\tgenre\tfield\trepo\tcommit\tpath\tsha256\n"
        f"tiny.md\tlecture\tml\to/r\t{'0' * 40}\tp.md\t{'0' * 64}\n"
    )
    result = run(note, "--manifest", manifest, "--json", tmp_path / "n.json")
    assert result.returncode == 0, result.stderr
    [summary] = json.loads((tmp_path / "n.json").read_text())
    assert (summary["genre"], summary["field"]) == ("lecture", "ml")
    assert re.search(r"^lecture\s+1\s", result.stdout, re.M)


def test_clear_errors(tmp_path):
    missing = run(tmp_path / "nowhere")
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    empty = run(tmp_path)
    assert empty.returncode == 2 and "no *.md or *.markdown notes" in empty.stderr
    metadata = run(FIXTURES, "--with", "metadata")
    if "with_metadata" not in ev.inspect.signature(ev.build_from_text).parameters:
        assert metadata.returncode == 2 and "no metadata switch" in metadata.stderr
    else:
        assert metadata.returncode == 0, metadata.stderr


def test_tally_counts_labels_per_kind_and_measures_agreement(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location(
        "tally_judged", REPO / "scripts" / "tally_judged.py"
    )
    tally_judged = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tally_judged)

    key = tmp_path / "s.key.tsv"
    key.write_text(
        "number\tnote\tline\tgenre\tfield\tkind\n"
        "1\ta.md\t3\tlecture\tml\tfact\n2\ta.md\t5\tlecture\tml\tfact\n3\tb.md\t1\tawesome\tml\tentry\n",
        encoding="utf-8",
    )
    one, two = tmp_path / "one.tsv", tmp_path / "two.tsv"
    one.write_text("n\tlabel\treason\n1\tKEEP\tx\n2\tDEFECT\ty\n3\tKEEP\tz\n", encoding="utf-8")
    two.write_text("n\tlabel\treason\n1\tKEEP\tx\n2\tMEH\ty\n3\tKEEP\tz\n", encoding="utf-8")
    assert tally_judged.main([str(key), str(one), str(two)]) == 0
    out = capsys.readouterr().out
    assert "KEEP   2 ( 67%)" in out and "DEFECT   1 ( 33%)" in out
    assert "fact                 n=   2  KEEP   1 ( 50%)" in out
    assert "agree on 67% of cards" in out
    bad = tmp_path / "bad.tsv"
    bad.write_text("n\tlabel\treason\n1\tGOOD\tx\n2\tKEEP\t\n3\tKEEP\t\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="labels must be KEEP, MEH or DEFECT, not GOOD"):
        tally_judged.main([str(key), str(bad)])


def test_a_corpus_note_is_built_under_its_own_file_name(tmp_path):
    # the corpus file "export--o--r--Decoherence.md" was "pages/Decoherence.md" in its vault,
    # where an untitled page is named by its file
    note = tmp_path / "export--o--r--Decoherence.md"
    note.write_text(
        "Phase damping makes the **off-diagonal** terms of the density matrix decay.\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "m.tsv"
    manifest.write_text(
        "file\tgenre\tfield\trepo\tcommit\tpath\tsha256\n"
        f"{note.name}\texport\tphysics\to/r\t{'0' * 40}\tpages/Decoherence.md\t{'0' * 64}\n"
    )
    out = tmp_path / "s.jsonl"
    result = run(note, "--manifest", manifest, "--sample", "1", "--out", out)
    assert result.returncode == 0, result.stderr
    [card] = [json.loads(line) for line in out.read_text().splitlines()]
    assert card["question"].startswith("Decoherence — Phase damping makes the ___"), card


def test_a_sampled_card_shows_its_whole_source_block():
    text = (
        "# T\n\nFirst line of a paragraph\nsecond line of it\n"
        "third line, where the sentence ends.\n\nNext.\n"
    )
    card = Card(id="c", question="Q ___", answer="a", kind="fact", source_line=3)
    _, lines = ev.SampleItem(1, _note_of(text, [card], {3}), card).source()
    shown = [n for n, _ in lines]
    assert shown == [2, 3, 4, 5, 6], shown  # the paragraph's three lines, one either side


def test_a_markdown_suffix_is_a_note_as_build_finds_it(tmp_path):
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.markdown").write_text("# B\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("# C\n", encoding="utf-8")
    assert [p.name for p in ev.note_files([tmp_path])] == ["a.md", "b.markdown"]
