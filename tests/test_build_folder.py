"""``studydeck build DIR``: a tree of notes → decks named by path, in subfolders of the deck
folder that every command reads; rebuilt only where a note (or the builder) changed."""

import json
import os
import shutil
from pathlib import Path

import pytest

from studydeck.builder import folder
from studydeck.cli import main
from studydeck.deck import load_deck

FIXTURES = Path(__file__).parent / "fixtures" / "notes"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def vault(tmp_path):
    """An Obsidian-like vault: nested notes, and folders that hold no notes of the user's."""
    root = tmp_path / "vault"
    (root / "papers").mkdir(parents=True)
    shutil.copy(FIXTURES / "per-paper.md", root / "papers" / "toolformer.md")
    shutil.copy(FIXTURES / "course-notes.md", root / "course.md")
    for hidden in (".obsidian", ".git", "node_modules", ".trash"):
        (root / hidden).mkdir()
        shutil.copy(FIXTURES / "awesome-list.md", root / hidden / "not-a-note.md")
    (root / ".hidden.md").write_text("# hidden\n\n- a (Smith et al. 2020) - an idea\n")
    (root / "papers" / "readme.txt").write_text("not markdown")
    return root


def build(capsys, vault, decks, *more):
    return run(capsys, "build", str(vault), "-o", str(decks), *more)


def test_a_folder_builds_every_note_under_it_named_by_path(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    code, _, err = build(capsys, vault, decks)
    assert code == 0, err
    written = sorted(p.relative_to(decks).as_posix() for p in decks.rglob("*.yaml"))
    assert written == ["course.yaml", "papers/toolformer.yaml"]
    deck = load_deck(decks / "papers" / "toolformer.yaml")
    assert deck.name == "papers/toolformer"
    # source: from the deck file's own folder, so the study UI's `e` opens the note
    assert (decks / "papers" / deck.source).resolve() == (vault / "papers" / "toolformer.md")
    assert "not-a-note" not in err and ".hidden" not in err


def test_decks_in_subfolders_are_loaded_by_status_and_check(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    data = tmp_path / "data"
    code, out, err = run(capsys, "--data-dir", str(data), "--decks", str(decks), "status", "--json")
    assert code == 0, err
    assert [d["deck"] for d in json.loads(out)["decks"]] == ["course", "papers/toolformer"]
    code, out, err = run(capsys, "--decks", str(decks), "check")
    assert code == 0, out + err
    assert "2 deck file(s)" in err


def test_a_rebuild_skips_unchanged_notes_and_says_so(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    before = {p: p.stat().st_mtime_ns for p in decks.rglob("*.yaml")}
    code, _, err = build(capsys, vault, decks)
    assert code == 0
    assert "skipped 2 unchanged note(s)" in err and "cards ->" not in err
    assert {p: p.stat().st_mtime_ns for p in decks.rglob("*.yaml")} == before
    code, out, _ = build(capsys, vault, decks, "--report")
    assert f"skipped (unchanged): {vault / 'course.md'}" in out


def test_only_the_edited_note_is_rebuilt(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    old = load_deck(decks / "course.yaml")
    with (vault / "course.md").open("a") as note:
        note.write("\n**Kernel trick**: computing inner products in feature space implicitly.\n")
    code, _, err = build(capsys, vault, decks)
    assert code == 0
    assert f"{vault / 'course.md'}:" in err and "toolformer" not in err
    assert "skipped 1 unchanged note(s)" in err
    new = load_deck(decks / "course.yaml")
    assert {c.id for c in old.cards} <= {c.id for c in new.cards}  # ids kept


def test_a_touched_but_unchanged_note_is_not_rebuilt(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    note = vault / "course.md"
    os.utime(note, ns=(note.stat().st_atime_ns, note.stat().st_mtime_ns + 10**9))
    code, _, err = build(capsys, vault, decks)
    assert code == 0 and "skipped 2 unchanged note(s)" in err


def test_force_a_new_builder_or_new_options_rebuild_everything(
    capsys, vault, tmp_path, monkeypatch
):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    assert "skipped" not in build(capsys, vault, decks, "--force")[2]
    assert "skipped" not in build(capsys, vault, decks, "--with", "metadata")[2]
    assert "skipped 2" in build(capsys, vault, decks, "--with", "metadata")[2]
    folder.fingerprint.cache_clear()
    monkeypatch.setattr(folder, "_LIBRARIES", (*folder._LIBRARIES, "a-new-dependency"))
    try:
        assert "skipped" not in build(capsys, vault, decks, "--with", "metadata")[2]
    finally:
        folder.fingerprint.cache_clear()


def test_the_fingerprint_changes_with_any_rule_module(tmp_path, monkeypatch):
    """A rule change must invalidate the cache: every module under builder/ and notes/ (and
    new ones, as rules are split into modules) is part of the fingerprint."""
    package = tmp_path / "studydeck"
    shutil.copytree(folder._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(folder, "_PACKAGE", package)
    folder.fingerprint.cache_clear()
    try:
        before = folder.fingerprint(())
        rules = sorted((package / "builder").rglob("*.py"))
        assert len(rules) > 3
        with rules[-1].open("a") as module:
            module.write("\n# a rule changed\n")
        folder.fingerprint.cache_clear()
        after = folder.fingerprint(())
        (package / "notes" / "new_stage.py").write_text("X = 1\n")
        folder.fingerprint.cache_clear()
        assert len({before, after, folder.fingerprint(())}) == 3
        assert folder.fingerprint(("metadata",)) != folder.fingerprint(())
    finally:
        folder.fingerprint.cache_clear()


def test_a_deck_edited_by_hand_is_rebuilt_not_trusted(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    target = decks / "course.yaml"
    target.write_text(target.read_text().replace("title:", "title: edited"))
    code, _, err = build(capsys, vault, decks)
    assert code == 0 and f"-> {target}" in err and "skipped 1" in err


def test_a_deleted_note_keeps_its_deck_and_is_reported(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    (vault / "course.md").unlink()
    code, _, err = build(capsys, vault, decks)
    assert code == 0
    assert (decks / "course.yaml").is_file()
    assert f"{decks / 'course.yaml'}: its note {vault / 'course.md'} is gone" in err


def test_an_unreadable_cache_means_a_full_build(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    build(capsys, vault, decks)
    (decks / folder.CACHE_NAME).write_text("{not json")
    code, _, err = build(capsys, vault, decks)
    assert code == 0 and "skipped" not in err
    assert "skipped 2" in build(capsys, vault, decks)[2]


def test_a_note_named_as_a_file_and_in_its_folder_is_built_once(capsys, vault, tmp_path):
    decks = tmp_path / "decks"
    code, _, err = run(capsys, "build", str(vault / "course.md"), str(vault), "-o", str(decks))
    assert code == 0
    assert err.count("course.md:") == 1


def test_two_notes_for_one_deck_name_are_an_error(capsys, vault, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(FIXTURES / "paper-table.md", other / "course.md")
    code, _, err = run(capsys, "build", str(vault), str(other), "-o", str(tmp_path / "decks"))
    assert code == 1
    assert "would both write the deck 'course'" in err


def test_a_folder_without_notes_is_an_error_and_nothing_is_written(capsys, vault, tmp_path):
    (tmp_path / "empty" / ".obsidian").mkdir(parents=True)
    code, _, err = run(
        capsys, "build", str(vault), str(tmp_path / "empty"), "-o", str(tmp_path / "d")
    )
    assert code == 1 and "empty: no markdown notes (*.md) under this folder" in err
    assert not (tmp_path / "d").exists()
