"""Schema 4: the indexes an answer has to write, the migration from schema 3, and the plans
of the queries that lost an index (each must still seek one, not scan a table)."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from studydeck import stats
from studydeck.config import Config
from studydeck.errors import StudydeckError
from studydeck.schedule import Rating, Scheduler, answer
from studydeck.simulate import last_review_time
from studydeck.store import DB_NAME, SCHEMA_VERSION, STATE_FIELDS, Store, to_epoch
from studydeck.store import connection as store_module

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
CARDS_INDEXES = {"cards_deck", "cards_learning", "cards_review", "cards_new", "cards_siblings"}
LOG_INDEXES = {"review_log_card", "review_log_stats"}


def indexes(store, table: str) -> dict[str, str]:
    """Name and CREATE statement of each index of ``table`` (not the UNIQUE constraints')."""
    rows = store.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL",
        (table,),
    )
    return dict(rows.fetchall())


def reviewed_store(data_dir, decks) -> None:
    """Two decks, each card answered once a day for three days, every rating."""
    with Store.open(data_dir) as store:
        assert not store.sync_decks(decks).problems
        scheduler = Scheduler(Config())
        for day in range(3):
            for i, card in enumerate(store.cards()):
                at = NOW + timedelta(days=day, minutes=i)
                answer(store, scheduler, card.num, Rating(1 + (i + day) % 4), at, 4000)


def snapshot(store) -> dict:
    """Every row, and what the queries over the dropped indexes' columns answer."""
    day = to_epoch(NOW + timedelta(days=2))
    config = Config()
    return {
        "cards": store.db.execute("SELECT * FROM cards ORDER BY num").fetchall(),
        "log": store.db.execute("SELECT * FROM review_log ORDER BY id").fetchall(),
        "since": store.reviews(since=day),
        "today": store.today(day, day + 86400),
        "today_by_deck": store.today_by_deck(day, day + 86400),
        "last": last_review_time(store),
        "totals": store.deck_totals(),
        "mark": store.review_mark(),
        "stats": stats.compute(store, config, NOW + timedelta(days=3)).to_json(),
        "deck_stats": stats.compute(store, config, NOW + timedelta(days=3), deck="a").to_json(),
    }


@pytest.fixture
def decks(write_deck, tmp_path):
    write_deck("a", [{"id": f"a-{i}"} for i in range(4)])
    write_deck("b", [{"id": f"b-{i}"} for i in range(3)])
    return tmp_path / "decks"


def test_an_answer_writes_only_the_indexes_the_queries_need(store):
    """The b-trees an answer's UPDATE and INSERT maintain, besides the two tables: four over
    the card's state (the queue pools and the deck counts), two over the log."""
    state = re.compile(rf"\b({'|'.join(STATE_FIELDS)})\b")
    on_state = {name for name, sql in indexes(store, "cards").items() if state.search(sql)}
    assert on_state == {"cards_deck", "cards_learning", "cards_review", "cards_new"}
    assert set(indexes(store, "cards")) == CARDS_INDEXES
    assert set(indexes(store, "review_log")) == LOG_INDEXES


def test_schema_3_migrates_keeping_every_row_and_every_answer(tmp_path, monkeypatch, decks):
    data = tmp_path / "data"
    with monkeypatch.context() as m:  # a store as schema 3 left it, with reviews in it
        m.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:3])
        m.setattr(store_module, "SCHEMA_VERSION", 3)
        reviewed_store(data, decks)
        with Store.open(data) as old:
            assert {"cards_due"} <= set(indexes(old, "cards"))
            assert {"review_log_time"} <= set(indexes(old, "review_log"))
            before = snapshot(old)
    assert len(before["log"]) == 21
    with Store.open(data) as migrated:
        assert migrated.schema_version() == SCHEMA_VERSION == 4
        assert set(indexes(migrated, "cards")) == CARDS_INDEXES
        assert set(indexes(migrated, "review_log")) == LOG_INDEXES
        assert snapshot(migrated) == before
    assert (data / f"{DB_NAME}.v3.bak").exists()


def test_a_failing_migration_to_4_leaves_schema_3_whole(tmp_path, monkeypatch, decks):
    """The drops and the version run in one transaction: a later failure undoes the drops."""
    data = tmp_path / "data"
    with monkeypatch.context() as m:
        m.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:3])
        m.setattr(store_module, "SCHEMA_VERSION", 3)
        reviewed_store(data, decks)
    broken = [*store_module.MIGRATIONS[:3], store_module.MIGRATIONS[3] + "; DROP INDEX nowhere"]
    with monkeypatch.context() as m:
        m.setattr(store_module, "MIGRATIONS", broken)
        with pytest.raises(StudydeckError, match="nowhere"):
            Store.open(data)
    with monkeypatch.context() as m:
        m.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:3])
        m.setattr(store_module, "SCHEMA_VERSION", 3)
        with Store.open(data) as old:
            assert old.schema_version() == 3
            assert "cards_due" in indexes(old, "cards")
            assert "review_log_time" in indexes(old, "review_log")


def test_queries_over_due_and_review_time_still_seek_an_index(tmp_path, decks):
    """Every statement of the answer, the queue counts, today's limits and the stats, as run:
    none reads a whole table. (``reviews(since=)`` walks the log in id order, with or without
    review_log_time: it returns rows in the order they were written.)"""
    reviewed_store(tmp_path / "data", decks)
    with Store.open(tmp_path / "data") as store:
        statements: list[str] = []
        store.db.set_trace_callback(statements.append)  # the SQL as run, parameters filled in
        day = to_epoch(NOW)
        card = store.card("a-1")
        answer(store, Scheduler(Config()), card.num, Rating(3), NOW + timedelta(days=4))
        store.today(day, day + 86400)
        store.today_by_deck(day, day + 86400)
        last_review_time(store)
        store.deck_totals()
        store.count_buried(day, day + 86400, decks=["a", "b"])
        stats.compute(store, Config(), NOW)
        stats.compute(store, Config(), NOW, deck="a")
        store.db.set_trace_callback(None)
        read = [s for s in statements if re.match(r"\s*(SELECT|WITH|UPDATE|DELETE)", s)]
        assert len(read) >= 12, statements
        for sql in read:
            plan = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")]
            scans = [p for p in plan if re.match(r"SCAN (cards|review_log|c|r)\b", p)]
            assert not scans, (sql, plan)
