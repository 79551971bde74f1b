"""The corpus manifests and scripts/fetch-corpus: every pinned note is rebuilt byte-exact from a
git mirror, and a file whose bytes differ from its sha256 is reported, not written."""

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
MANIFESTS = (SCRIPTS / "corpus.tsv", SCRIPTS / "holdout.tsv")
GENRES = {
    "per-paper", "lecture", "overview", "awesome", "awesome-bare", "paper-table", "export",
    "highlights", "reading-log",
}  # fmt: skip


def rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_manifest_pins_each_note_to_a_commit_and_a_hash(manifest):
    found = rows(manifest)
    assert found
    assert len({r["file"] for r in found}) == len(found), "a file is listed twice"
    for row in found:
        assert len(row["commit"]) == 40 and int(row["commit"], 16) >= 0, row
        assert len(row["sha256"]) == 64 and int(row["sha256"], 16) >= 0, row
        assert row["genre"] in GENRES, row
        assert row["file"].startswith(row["genre"] + "--"), row


def test_the_held_out_notes_are_not_in_the_corpus():
    corpus, held_out = (rows(m) for m in MANIFESTS)
    assert not {(r["repo"], r["path"]) for r in corpus} & {(r["repo"], r["path"]) for r in held_out}


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def mirror(tmp_path):
    repo = tmp_path / "mirrors" / "someone+notes" / "repo"
    repo.mkdir(parents=True)
    git("init", "-q", cwd=repo)
    (repo / "paper.md").write_bytes(b"# A paper\n\n- **Term**: what it means.\n")
    git("add", "paper.md", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "notes", cwd=repo)
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()
    return tmp_path / "mirrors", commit


def fetch(tmp_path, mirrors, sha256, commit):
    manifest = tmp_path / "m.tsv"
    manifest.write_text(
        "file\tgenre\tfield\trepo\tcommit\tpath\tsha256\n"
        f"per-paper--someone--notes--paper.md\tper-paper\tml\tsomeone/notes\t{commit}\tpaper.md\t{sha256}\n",
        encoding="utf-8",
    )
    out = tmp_path / "corpus"
    command = [sys.executable, SCRIPTS / "fetch-corpus", out]
    result = subprocess.run(
        [*command, "--mirrors", mirrors, "--manifest", manifest],
        capture_output=True,
        text=True,
        check=False,
    )
    return result, out / "per-paper--someone--notes--paper.md"


def test_fetch_rebuilds_a_note_from_its_mirror_and_keeps_it_next_time(tmp_path, mirror):
    mirrors, commit = mirror
    sha = hashlib.sha256(b"# A paper\n\n- **Term**: what it means.\n").hexdigest()
    result, note = fetch(tmp_path, mirrors, sha, commit)
    assert result.returncode == 0, result.stdout + result.stderr
    assert note.read_bytes() == b"# A paper\n\n- **Term**: what it means.\n"
    assert "(38 bytes, mirror)" in result.stdout
    again, _ = fetch(tmp_path, mirrors, sha, commit)
    assert again.returncode == 0 and "already there" in again.stdout


def test_a_file_that_does_not_match_its_hash_is_reported_and_not_written(tmp_path, mirror):
    mirrors, commit = mirror
    result, note = fetch(tmp_path, mirrors, "0" * 64, commit)
    assert result.returncode == 1
    assert "MISSING per-paper--someone--notes--paper.md: sha256" in result.stdout
    assert not note.exists() and not list(note.parent.glob("*.part"))
