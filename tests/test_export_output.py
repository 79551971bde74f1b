"""Where `export anki|tsv` writes: an existing folder, a real extension, no scratch left behind."""

from __future__ import annotations

import fcntl
import os

import pytest

from studydeck.anki.workdir import LOCK_NAME, sweep
from studydeck.cli import main

anki_collection = pytest.importorskip("anki.collection")


@pytest.fixture
def one_deck(write_deck):
    write_deck("papers", [{"id": "p-1"}, {"id": "p-2"}])


def leftover(folder, name, *, held=False):
    """A scratch folder as a killed export leaves it (lock free), or a live one (lock held)."""
    path = folder / name
    path.mkdir()
    (path / "builder.anki2").write_bytes(b"\0" * 100_000)
    lock = os.open(path / LOCK_NAME, os.O_CREAT | os.O_RDWR)
    if held:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return path, lock
    os.close(lock)
    return path, None


def test_export_sweeps_what_a_killed_export_left_and_works_beside_the_output(
    tmp_path, one_deck, monkeypatch, capsys
):
    opened = []
    real_init = anki_collection.Collection.__init__

    def recording_init(self, path, *args, **kwargs):
        opened.append(path)
        real_init(self, path, *args, **kwargs)

    monkeypatch.setattr(anki_collection.Collection, "__init__", recording_init)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    dead, _ = leftover(out_dir, ".x.apkg.tmp-killed1")
    alive, lock = leftover(out_dir, ".x.apkg.tmp-running", held=True)
    other, _ = leftover(out_dir, ".y.apkg.tmp-other")  # another output's: not this run's
    try:
        assert main(["export", "anki", str(out_dir / "x.apkg")]) == 0
    finally:
        os.close(lock)
    assert not dead.exists()
    assert alive.exists() and other.exists()
    assert sorted(p.name for p in out_dir.iterdir()) == [
        ".x.apkg.tmp-running",
        ".y.apkg.tmp-other",
        "x.apkg",
    ]
    assert opened and all(  # the builder collection lived beside the output, hidden
        os.path.dirname(os.path.dirname(path)) == str(out_dir)
        and os.path.basename(os.path.dirname(path)).startswith(".x.apkg.tmp-")
        for path in opened
    )
    assert "wrote" in capsys.readouterr().out


def test_sweep_leaves_a_folder_without_a_lock(tmp_path):
    (tmp_path / ".x.apkg.tmp-new").mkdir()  # a process that has not taken its lock yet
    assert sweep(tmp_path, ".x.apkg.tmp-") == []


@pytest.mark.parametrize("kind", ["anki", "tsv"])
def test_export_into_a_missing_folder_is_an_error(tmp_path, one_deck, capsys, kind):
    out = tmp_path / "nonexistent" / "dir" / "x.apkg"
    assert main(["export", kind, str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert f"{out}: cannot write ({out.parent} does not exist); nothing was written" in err
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize(("kind", "suffix"), [("anki", ".apkg"), ("tsv", ".txt")])
def test_export_adds_the_extension_and_says_so(
    tmp_path, one_deck, capsys, monkeypatch, kind, suffix
):
    monkeypatch.chdir(tmp_path)
    assert main(["export", kind, "x"]) == 0
    assert sorted(p.name for p in tmp_path.glob("x*")) == [f"x{suffix}"]
    captured = capsys.readouterr()
    assert f"x has no extension: writing x{suffix}" in captured.err
    assert f"wrote x{suffix}" in captured.out


def test_export_keeps_an_extension_it_is_given(tmp_path, one_deck, capsys):
    out = tmp_path / "cards.tsv"
    assert main(["export", "tsv", str(out)]) == 0
    assert out.exists() and "no extension" not in capsys.readouterr().err
