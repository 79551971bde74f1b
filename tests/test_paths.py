"""paths.atomic_write_*: folder targets refused up front; file modes as a plain open() gives."""

from __future__ import annotations

import os
import stat

import pytest

from studydeck.cli import main
from studydeck.errors import StudydeckError
from studydeck.paths import atomic_write_bytes, atomic_write_text


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    def set_umask(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_umask
    os.umask(old)


def test_a_folder_target_is_refused_before_anything_is_created(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(StudydeckError, match=f"^{target}: is a folder"):
        atomic_write_bytes(target, b"x")
    assert sorted(os.listdir(tmp_path)) == ["config.toml", "out"] and os.listdir(target) == []


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_a_new_file_gets_the_mode_open_would_give(tmp_path, umask, mask):
    umask(mask)
    atomic_write_text(tmp_path / "new.txt", "hello")
    with open(tmp_path / "plain.txt", "w") as handle:
        handle.write("hello")
    assert mode(tmp_path / "new.txt") == mode(tmp_path / "plain.txt") == 0o666 & ~mask


def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    path = tmp_path / "deck.yaml"
    path.write_text("old")
    path.chmod(0o640)
    atomic_write_text(path, "new")
    assert path.read_text() == "new" and mode(path) == 0o640


@pytest.mark.parametrize("fmt", ["tsv", "anki"])
def test_export_to_a_folder_is_a_one_line_error(tmp_path, fmt, capsys, write_deck):
    if fmt == "anki":
        pytest.importorskip("anki.collection")
    write_deck("d", [{"id": "c1"}])
    out = tmp_path / "exports"
    out.mkdir()
    assert main(["export", fmt, str(out)]) == 1
    assert (
        capsys.readouterr().err
        == f"studydeck: error: {out}: is a folder; give a file name to write\n"
    )
    assert os.listdir(out) == [] and not any(p.name.startswith(".") for p in tmp_path.iterdir())


def test_export_under_a_file_is_a_one_line_error(tmp_path, capsys, write_deck):
    write_deck("d", [{"id": "c1"}])
    (tmp_path / "afile").write_text("x")
    assert main(["export", "tsv", str(tmp_path / "afile" / "out.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"studydeck: error: {tmp_path / 'afile' / 'out.txt'}: cannot write")
    assert err.count("\n") == 1
