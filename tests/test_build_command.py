# ruff: noqa: E501  (realistic note lines are long)
"""``studydeck build`` through ``cli.main``: output, report, rebuilds, and bad input."""

import io
import shutil
import sys
import time
from pathlib import Path

import pytest

from studydeck.cli import main
from studydeck.deck import load_deck

FIXTURES = Path(__file__).parent / "fixtures" / "notes"


def _write(path, data):
    path.write_bytes(data)
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_one_deck_per_note(tmp_path, capsys):
    notes = [FIXTURES / "course-notes.md", FIXTURES / "paper-table.md"]
    code, out, err = run(capsys, "build", *map(str, notes), "-o", str(tmp_path / "out"))
    assert code == 0
    deck = load_deck(tmp_path / "out" / "course-notes.yaml")
    assert deck.name == "course-notes"
    # source: the note's path from the deck folder, so the study UI's `e` finds it
    assert (tmp_path / "out" / deck.source).resolve() == (FIXTURES / "course-notes.md").resolve()
    assert len(deck.cards) >= 5
    assert (tmp_path / "out" / "paper-table.yaml").is_file()
    assert err.count("cards") == 2 and "course-notes.yaml" in err
    assert out == ""  # no report asked for


def test_output_defaults_to_the_deck_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STUDYDECK_DECKS", str(tmp_path / "mydecks"))
    code, _, _ = run(capsys, "build", str(FIXTURES / "per-paper.md"))
    assert code == 0
    assert (tmp_path / "mydecks" / "per-paper.yaml").is_file()


def test_report_lists_rules_and_rejections(tmp_path, capsys):
    note = tmp_path / "n.md"
    note.write_text(
        "# n\n\n- [Some Good Paper Title](https://arxiv.org/abs/1) - does a useful thing\n"
        "- [Some Good Paper Title](https://arxiv.org/abs/1) - does a useful thing\n"
    )
    code, out, _ = run(capsys, "build", str(note), "-o", str(tmp_path / "o"), "--report")
    assert code == 0
    assert "paper-summary" in out
    assert (
        'rejected line 4: [paper-summary] duplicate question (first at line 3): "What is the key idea of Some Good Paper Title?"'
        in out
    )


def test_rebuild_keeps_ids_and_archives(tmp_path, capsys):
    note = tmp_path / "n.md"
    note.write_text(
        "- [A Paper About Things](https://arxiv.org/abs/1) - first idea\n- [Another Paper Here](https://arxiv.org/abs/2) - second idea\n"
    )
    out = tmp_path / "o"
    run(capsys, "build", str(note), "-o", str(out))
    first = load_deck(out / "n.yaml")
    note.write_text("- [A Paper About Things](https://arxiv.org/abs/1) - first idea, edited\n")
    code, _, err = run(capsys, "build", str(note), "-o", str(out))
    second = load_deck(out / "n.yaml")
    assert code == 0 and "archived" in err
    assert second.cards[0].id == first.cards[0].id
    assert {c.id for c in second.archived} == {c.id for c in first.cards[1:]}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.md", "no such file"),
        # a folder is a tree of notes now (tests/test_build_folder.py); one with none is an error
        (lambda p: (p / "dir.md").mkdir() or p / "dir.md", "no markdown notes"),
        (lambda p: _write(p / "bin.md", b"\x89PNG\x00\x00\x01"), "binary file"),
        (
            lambda p: _write(p / "bin.md", b"\x89PNG\r\n\x1a\n\x01\x02\xff\x03\x04\x05"),
            "binary file",
        ),
    ],
    ids=["missing", "folder-without-notes", "binary", "binary-without-nul"],
)
def test_bad_input_is_one_line_error(tmp_path, capsys, make, message):
    path = make(tmp_path)
    code, _, err = run(capsys, "build", str(path), "-o", str(tmp_path / "o"))
    assert code == 1
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "o" / f"{path.stem}.yaml").exists()


def test_empty_note_gives_empty_deck_and_warning(tmp_path, capsys):
    note = tmp_path / "empty.md"
    note.write_text("")
    code, _, err = run(capsys, "build", str(note), "-o", str(tmp_path / "o"))
    assert code == 0 and "empty note" in err
    assert load_deck(tmp_path / "o" / "empty.yaml").cards == []


def test_one_megabyte_single_line_is_fast_and_safe(tmp_path, capsys):
    note = tmp_path / "line.md"
    piece = "- [[x](y) **bold *em $a_1$ [link](https://arxiv.org/abs/1) ((( "
    note.write_text((piece * (1_000_000 // len(piece)))[:1_000_000])
    started = time.perf_counter()
    code, _, err = run(capsys, "build", str(note), "-o", str(tmp_path / "o"))
    assert time.perf_counter() - started < 20  # a hang would blow far past this
    assert code == 0 and "skipped" in err
    assert (tmp_path / "o" / "line.yaml").is_file()


def test_a_broken_previous_deck_is_reported_not_overwritten(tmp_path, capsys):
    out = tmp_path / "o"
    out.mkdir()
    (out / "course-notes.yaml").write_text("format: studydeck/1\ncards: [\n")
    shutil.copy(FIXTURES / "course-notes.md", tmp_path / "course-notes.md")
    code, _, err = run(capsys, "build", str(tmp_path / "course-notes.md"), "-o", str(out))
    assert code == 1 and "YAML error" in err
    assert (out / "course-notes.yaml").read_text() == "format: studydeck/1\ncards: [\n"


def test_build_help_is_clear(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    assert "--report" in out and "NOTES.md" in out


def test_python_dash_m_runs(tmp_path):
    import subprocess

    out = tmp_path / "o"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "studydeck",
            "build",
            str(FIXTURES / "paper-table.md"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "paper-table.yaml").is_file()


def test_two_notes_with_one_stem_are_refused(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(FIXTURES / "course-notes.md", tmp_path / folder / "notes.md")
    code, _, err = run(
        capsys,
        "build",
        str(tmp_path / "a" / "notes.md"),
        str(tmp_path / "b" / "notes.md"),
        "-o",
        str(tmp_path / "o"),
    )
    assert code == 1 and "would both write the deck 'notes'" in err
    assert not (tmp_path / "o").exists()


def test_output_that_is_a_file_is_an_error(tmp_path, capsys):
    (tmp_path / "o").write_text("x")
    code, _, err = run(
        capsys, "build", str(FIXTURES / "course-notes.md"), "-o", str(tmp_path / "o")
    )
    assert code == 1 and "not a folder" in err and err.count("\n") == 1


class _Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_progress_only_on_a_terminal(env, tmp_path, tty):
    from argparse import Namespace

    from studydeck.commands.build import run as build_run

    env.stderr = _Tty() if tty else io.StringIO()
    notes = [str(FIXTURES / "course-notes.md"), str(FIXTURES / "paper-table.md")]
    assert build_run(Namespace(notes=notes, output=str(tmp_path / "o"), report=False), env) == 0
    assert ("[2/2]" in env.stderr.getvalue()) is tty


def test_latin1_note_is_decoded_with_a_warning(tmp_path, capsys):
    note = _write(
        tmp_path / "latin.md", b"# Notes\n\n- **Caf\xe9 term**: a na\xefve definition of things\n"
    )
    code, _, err = run(capsys, "build", str(note), "-o", str(tmp_path / "o"))
    assert code == 0
    assert "latin.md: line 3: not UTF-8 text; read as Windows-1252" in err
    deck = load_deck(tmp_path / "o" / "latin.yaml")
    assert [(c.question, c.answer) for c in deck.cards] == [
        ("What is a café term?", "A naïve definition of things")
    ]


def test_one_bad_note_among_good_ones_writes_nothing(tmp_path, capsys):
    good = FIXTURES / "course-notes.md"
    binary = _write(tmp_path / "binary.md", b"\x00\x01\x02")
    out = tmp_path / "o"
    code, _, err = run(capsys, "build", str(good), str(binary), "-o", str(out))
    assert code == 1
    assert err.strip().splitlines() == [
        f"studydeck: error: {binary}: binary file, not a markdown note (no deck written)"
    ]
    assert not (out / "course-notes.yaml").exists()


def test_every_bad_note_is_named(tmp_path, capsys):
    good = FIXTURES / "course-notes.md"
    code, _, err = run(
        capsys,
        "build",
        str(tmp_path / "a.md"),
        str(good),
        str(tmp_path / "b.md"),
        "-o",
        str(tmp_path / "o"),
    )
    assert code == 1
    assert "a.md: no such file" in err and "b.md: no such file (no deck written)" in err
    assert not (tmp_path / "o").exists()


def test_report_quotes_questions_unambiguously(tmp_path, capsys):
    note = tmp_path / "n.md"
    line = '- [A Paper "Quoted Thing](https://arxiv.org/abs/1) - does a useful thing\n'
    note.write_text("# n\n\n" + line + line)
    code, out, _ = run(capsys, "build", str(note), "-o", str(tmp_path / "o"), "--report")
    assert code == 0
    rejected = [x for x in out.splitlines() if x.startswith("  rejected line 3: [paper-summary]")]
    assert rejected == [
        "  rejected line 3: [paper-summary] unbalanced quotes in the question: "
        '"What is the key idea of A Paper \\"Quoted Thing?"'
    ]


def test_metadata_cards_come_with_metadata_and_go_to_the_archive_without(tmp_path, capsys):
    note = FIXTURES / "paper-table.md"
    out = tmp_path / "out"
    assert run(capsys, "build", str(note), "-o", str(out), "--with", "metadata")[0] == 0
    with_metadata = load_deck(out / "paper-table.yaml")
    metadata = {c.id for c in with_metadata.cards if c.kind in ("attribution", "venue")}
    assert metadata
    code, _, err = run(capsys, "build", str(note), "-o", str(out))
    assert code == 0 and "archived" in err
    plain = load_deck(out / "paper-table.yaml")
    assert not {c.kind for c in plain.cards} & {"attribution", "venue", "section"}
    assert metadata <= {c.id for c in plain.archived}  # their history survives
    with pytest.raises(SystemExit) as exited:  # argparse: usage and the choices, exit 2
        main(["build", str(note), "-o", str(out), "--with", "nonsense"])
    assert exited.value.code == 2 and "choose from 'metadata'" in capsys.readouterr().err
