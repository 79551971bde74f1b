"""Deck files parsed ahead in worker processes (studydeck/store/deck_reader.py) give the sync
exactly what reading them here gives: the same cards, files, problems and report."""

from pathlib import Path

import pytest

from studydeck.deck import Card, Deck, save_deck
from studydeck.store import Store, deck_reader


def _folder(root: Path) -> Path:
    decks = root / "decks"
    decks.mkdir(parents=True)
    for d in range(3):
        cards = [
            Card(f"d{d}-{i}", f"Question {i} of {d} (2023)?", f"Answer {i}", tags=("papers",),
                 source_line=i + 1, url="https://arxiv.org/abs/1" if i % 2 else None)
            for i in range(200)
        ]  # fmt: skip
        save_deck(
            Deck(f"deck-{d}", title="T", cards=cards, archived=cards[:0]), decks / f"{d}.yaml"
        )
    (decks / "3-broken.yaml").write_text("format: studydeck/1\ndeck: broken\ncards:\n- id: [x\n")
    save_deck(Deck("clash", cards=[Card("d0-1", "Q?", "A")]), decks / "4-clash.yaml")
    return decks


def _sync(data: Path, decks: Path):
    with Store.open(data) as store:
        report = store.sync_decks(decks)
        cards = store.db.execute("SELECT * FROM cards ORDER BY id").fetchall()
        files = store.db.execute(
            "SELECT path, size, sha256, deck, error, retry, cards FROM deck_files ORDER BY path"
        ).fetchall()
    return report, cards, files


def test_parsed_ahead_in_workers_is_the_same_as_read_here(tmp_path, monkeypatch):
    decks = _folder(tmp_path)
    started = []
    real = deck_reader.ProcessPoolExecutor

    def counting(*args, **kwargs):
        started.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(deck_reader, "ProcessPoolExecutor", counting)
    monkeypatch.setattr(deck_reader, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(deck_reader.os, "cpu_count", lambda: 2)
    parallel = _sync(tmp_path / "parallel", decks)
    assert started, "the workers were not used"
    monkeypatch.setattr(deck_reader, "PARALLEL_BYTES", 10**15)
    serial = _sync(tmp_path / "serial", decks)
    assert len(started) == 1
    (p_report, p_cards, p_files), (s_report, s_cards, s_files) = parallel, serial
    assert p_cards == s_cards and len(p_cards) == 600
    assert p_files == s_files
    assert [str(p) for p in p_report.problems] == [str(p) for p in s_report.problems]
    assert len(p_report.problems) == 2  # the broken file, and the clash
    assert (p_report.added, p_report.parsed) == (s_report.added, s_report.parsed)


def test_a_worker_that_fails_leaves_the_file_to_this_process(tmp_path, monkeypatch):
    decks = _folder(tmp_path)
    monkeypatch.setattr(deck_reader, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(deck_reader.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(deck_reader, "_in_worker", _explode)
    report, cards, _ = _sync(tmp_path / "data", decks)
    assert len(cards) == 600 and len(report.problems) == 2


def _explode(path: str):
    raise MemoryError(path)


@pytest.mark.parametrize("threads", [2])
def test_no_workers_are_forked_from_a_process_with_threads(monkeypatch, threads):
    monkeypatch.setattr(deck_reader.threading, "active_count", lambda: threads)
    prefetch = deck_reader.Prefetch([Path("a.yaml"), Path("b.yaml")], 10**9)
    assert prefetch._pool is None and prefetch.take(Path("a.yaml")) is None
