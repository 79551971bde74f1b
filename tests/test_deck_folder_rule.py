"""One rule for a missing deck folder, in every command that reads decks: a folder named by
--decks or $STUDYDECK_DECKS that does not exist is an error (exit 1); the default folder
missing is a first run, so a hint how to build decks (exit 0)."""

from __future__ import annotations

import pytest

from studydeck.cli import main

READERS = [
    ["status"],
    ["status", "--json"],
    ["check"],
    ["study", "--plain"],
    ["quiz", "--plain"],
    ["stats"],
    ["suspend", "x-1"],
    ["export", "tsv", "out.txt"],
]


@pytest.mark.parametrize("argv", READERS, ids=" ".join)
def test_a_missing_deck_folder_named_by_the_option_is_an_error(argv, tmp_path, capsys):
    missing = tmp_path / "nonexistent"
    assert main(["--decks", str(missing), *argv]) == 1
    err = capsys.readouterr().err
    assert err == f"studydeck: error: no deck folder at {missing} (named by --decks)\n"
    assert not (tmp_path / "data" / "studydeck.db").exists()  # failed before opening anything


@pytest.mark.parametrize("argv", READERS, ids=" ".join)
def test_a_missing_deck_folder_named_by_the_environment_is_an_error(argv, tmp_path, capsys):
    assert main(argv) == 1  # conftest points $STUDYDECK_DECKS at tmp_path/decks, not created
    assert "(named by STUDYDECK_DECKS)" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["status"], ["check"], ["study", "--plain"], ["stats"]])
def test_the_default_deck_folder_missing_is_a_hint(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("STUDYDECK_DECKS")
    monkeypatch.chdir(tmp_path)  # no ./decks here; the default is then DATA_DIR/decks
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"no deck folder yet at {tmp_path / 'data' / 'decks'}" in err
    assert "studydeck build NOTES.md" in err
    assert "error" not in err


def test_a_deck_folder_that_is_a_file_is_an_error(tmp_path, capsys):
    afile = tmp_path / "decks.txt"
    afile.write_text("not a folder")
    assert main(["--decks", str(afile), "status"]) == 1
    assert capsys.readouterr().err == (
        f"studydeck: error: deck folder {afile} is a file, not a folder\n"
    )


def test_an_existing_named_deck_folder_is_fine(tmp_path, capsys):
    (tmp_path / "decks").mkdir()
    assert main(["status"]) == 0
    assert capsys.readouterr().err == ""


def test_the_study_ui_follows_the_same_rule(env):
    from argparse import Namespace

    from studydeck.commands import tui
    from studydeck.errors import StudydeckError

    env.decks_named_by = "--decks"
    with pytest.raises(StudydeckError, match=r"no deck folder at .* \(named by --decks\)"):
        tui.run(Namespace(deck=None, handler="studydeck.commands.tui:run"), env)
    assert not (env.data_dir / "studydeck.db").exists()
