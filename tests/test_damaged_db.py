"""A damaged review database is a one-line error in every command, never a traceback."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from studydeck import cli
from studydeck.store import DB_NAME, CardState, Store


@pytest.fixture
def damaged_db(tmp_path, write_deck):
    """A store with 900 reviews whose pages from the fifth on (the cards table's first, when
    new) are overwritten: every table and index a command could read past the deck files."""
    write_deck("d", [{"id": f"c{i}"} for i in range(300)])
    with Store.open(tmp_path / "data") as store:
        store.sync_decks(tmp_path / "decks")
        with store.write():
            for k in range(3):
                for card in store.cards():
                    at = 1_700_000_000 + k * 3 * 86_400 + card.num
                    store.add_review(card.num, at, 3, None, CardState(), CardState())
    db = tmp_path / "data" / DB_NAME
    with db.open("r+b") as handle:
        handle.seek(4 * 4096)
        handle.write(b"\xff" * (db.stat().st_size - 4 * 4096))
    return db


@pytest.mark.parametrize(
    "argv", [["stats"], ["stats", "--json"], ["optimize"], ["forget", "c5"], ["status"]]
)
def test_damaged_database_is_one_line_error(damaged_db, argv, capsys):
    assert cli.main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1] == (
        f"studydeck: error: {damaged_db}: database error: database disk image is malformed"
    )
    assert "Traceback" not in captured.err


def test_any_sqlite_error_escaping_a_command_is_one_line(monkeypatch, capsys, tmp_path):
    def broken(args, env):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr("studydeck.commands.stats.run", broken)
    assert cli.main(["stats"]) == 1
    assert capsys.readouterr().err == (
        f"studydeck: error: {tmp_path / 'data' / DB_NAME}: database error: "
        "database disk image is malformed\n"
    )


def test_stats_and_optimize_translate_their_own_reads(damaged_db):
    from studydeck import optimize, stats
    from studydeck.config import Config
    from studydeck.errors import StudydeckError

    store = Store(sqlite3.connect(damaged_db), damaged_db)
    try:
        with pytest.raises(StudydeckError, match="database error: database disk image"):
            stats.compute(store, Config(), datetime(2026, 3, 2, tzinfo=UTC))
        with pytest.raises(StudydeckError, match="database error: database disk image"):
            optimize.card_histories(store)
    finally:
        store.close()
