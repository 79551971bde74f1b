"""The SQLite store: schema and migrations, deck cache and sync, bad data files."""

import os
import sqlite3

import pytest

from studydeck.errors import StudydeckError
from studydeck.store import (
    DB_NAME,
    NEW,
    REVIEW,
    SCHEMA_VERSION,
    STATE_FIELDS,
    CardState,
    Review,
    Store,
    StoredCard,
)
from studydeck.store import connection as store_module


def test_records_are_immutable_values():
    """The records (NamedTuples, not dataclasses: see studydeck.store.records) are built by
    keyword or in field order, with defaults; frozen, equal and hashed by value."""
    assert CardState() == CardState(NEW, None, None, None, None, None, 0, 0, False, False)
    assert STATE_FIELDS == ("state", "step", "stability", "difficulty", "due", "last_review",
                            "reps", "lapses", "suspended", "leech")  # fmt: skip
    memory = CardState(REVIEW, None, 3.5, 5.0, due=2000, last_review=1000, reps=2)
    assert memory.values() == (REVIEW, None, 3.5, 5.0, 2000, 1000, 2, 0, False, False)
    assert type(memory.values()) is tuple
    assert memory.fsrs_part() == memory.values()[:8]
    assert repr(CardState(reps=1)).startswith("CardState(state=0, step=None, stability=None,")
    card = StoredCard(1, "a-1", "a", 0, "Q?", "A", "manual", ("t",), "", None, None, 0, False)
    assert card.memory == CardState()
    moved = card._replace(memory=memory, buried_until=5)
    assert moved.memory == memory and moved.buried_until == 5
    assert card.memory == CardState() and card.buried_until == 0  # the original is untouched
    assert moved == StoredCard(**{**card._asdict(), "memory": memory, "buried_until": 5})
    assert len({card, card._replace(), moved}) == 2
    for record, name in ((memory, "reps"), (card, "memory"), (card, "anything")):
        with pytest.raises(AttributeError):
            setattr(record, name, 1)
    review = Review(7, 1, "a-1", 1000, 3, None, CardState(), memory, buried={2: 0})
    assert review.interval_seconds == 1000
    assert review._replace(after=CardState()).interval_seconds is None
    with pytest.raises(TypeError):  # a dict inside, as with the dataclass: not hashable
        hash(review)


def test_new_store_has_schema_wal_and_busy_timeout(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"cards_review", "review_log_stats"} <= indexes


def test_migration_keeps_a_copy_of_the_old_database(tmp_path, monkeypatch, write_deck):
    write_deck("d", [{"id": "d-1"}])
    with Store.open(tmp_path / "data") as first:
        first.sync_decks(tmp_path / "decks")
    monkeypatch.setattr(
        store_module, "MIGRATIONS", [*store_module.MIGRATIONS, "ALTER TABLE cards ADD extra TEXT"]
    )
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(tmp_path / "data") as migrated:
        assert migrated.schema_version() == SCHEMA_VERSION + 1
        assert migrated.card("d-1") is not None
        assert migrated.db.execute("SELECT extra FROM cards").fetchone() == (None,)
    backup = tmp_path / "data" / f"{DB_NAME}.v{SCHEMA_VERSION}.bak"
    old = sqlite3.connect(backup)
    assert old.execute("SELECT version FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    assert old.execute("SELECT id FROM cards").fetchall() == [("d-1",)]
    old.close()


def test_schema_1_gets_the_queue_indexes_and_deck_totals(tmp_path, monkeypatch):
    with monkeypatch.context() as m:  # a store as schema 1 left it
        m.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
        m.setattr(store_module, "SCHEMA_VERSION", 1)
        with Store.open(tmp_path / "data") as old, old.write():
            old.db.execute("INSERT INTO deck_files VALUES ('/d.yaml', 1, 1, 'x', 'd', NULL, 0)")
            for position, card_id in enumerate(["d-1", "d-2", "gone"]):
                old.db.execute(
                    "INSERT INTO cards (id, deck, position, question, answer, kind, tags, "
                    "context, archived) VALUES (?, 'd', ?, 'Q', 'A', 'basic', '[]', '', ?)",
                    (card_id, position, card_id == "gone"),
                )
    with Store.open(tmp_path / "data") as migrated:
        assert migrated.schema_version() == SCHEMA_VERSION == 4
        indexes = {
            r[0] for r in migrated.db.execute("SELECT name FROM sqlite_master WHERE type='index'")
        }
        assert {"cards_learning", "cards_review", "cards_new"} <= indexes
        assert not {"cards_queue", "cards_new_order"} & indexes
        assert migrated.deck_totals()["d"]["total"] == 2
        assert migrated.next_new(0).id == "d-1"
    assert (tmp_path / "data" / f"{DB_NAME}.v1.bak").exists()


def test_database_from_a_newer_version_is_refused(tmp_path):
    with Store.open(tmp_path / "data") as s:
        s.db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StudydeckError, match="newer studydeck"):
        Store.open(tmp_path / "data")


def test_corrupt_database_is_a_one_line_error_and_left_untouched(tmp_path):
    path = tmp_path / "data" / DB_NAME
    path.parent.mkdir()
    garbage = b"this is not sqlite at all\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(StudydeckError) as info:
        Store.open(tmp_path / "data")
    assert "not a studydeck database" in str(info.value)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == garbage


@pytest.mark.parametrize("blocker", ["data-dir-is-a-file", "db-is-a-directory"])
def test_unusable_data_location_is_a_one_line_error(tmp_path, blocker):
    data = tmp_path / "data"
    if blocker == "data-dir-is-a-file":
        data.write_text("not a folder")
    else:
        (data / DB_NAME).mkdir(parents=True)
    with pytest.raises(StudydeckError) as info:
        Store.open(data)
    assert "\n" not in str(info.value) and str(data) in str(info.value)


# ── deck sync and the cache ───────────────────────────────────────────────────


def test_sync_inserts_new_cards_in_deck_order(store, write_deck, tmp_path):
    write_deck("b", [{"id": "b-2"}, {"id": "b-1", "tags": ["x"], "source_line": 4}])
    report = store.sync_decks(tmp_path / "decks")
    assert report.added == 2 and not report.problems
    cards = store.cards()
    assert [(c.id, c.position, c.memory.state) for c in cards] == [("b-2", 0, NEW), ("b-1", 1, NEW)]
    assert cards[1].tags == ("x",) and cards[1].source_line == 4
    assert store.deck_names() == ["b"]


def test_unchanged_deck_is_not_parsed_again(store, write_deck, tmp_path, monkeypatch):
    path = write_deck("d", [{"id": "d-1"}])
    assert store.sync_decks(tmp_path / "decks").parsed == [str(path.resolve())]

    def no_parsing(*args, **kwargs):
        raise AssertionError("parse_deck was called for an unchanged deck")

    # The sync's two ways to parse: the fast path's rows, else the safe loader.
    monkeypatch.setattr("studydeck.deck_fast.fast_deck_rows", no_parsing)
    monkeypatch.setattr("studydeck.deck.parse_deck_safely", no_parsing)
    assert store.sync_decks(tmp_path / "decks").parsed == []
    # Touched but byte-identical: the hash matches, still no parse.
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert store.sync_decks(tmp_path / "decks").parsed == []
    # A real change is parsed (and here the patched parser proves it is called).
    write_deck("d", [{"id": "d-1"}, {"id": "d-2"}])
    with pytest.raises(AssertionError, match="parse_deck was called"):
        store.sync_decks(tmp_path / "decks")


def test_removed_cards_are_archived_with_state_and_restored_when_back(store, write_deck, tmp_path):
    write_deck("d", [{"id": "d-1"}, {"id": "d-2"}])
    store.sync_decks(tmp_path / "decks")
    reviewed = CardState(state=2, stability=5.0, difficulty=4.0, due=100, last_review=50, reps=3)
    with store.write():
        store.set_memory(store.card("d-2").num, reviewed)
    write_deck("d", [{"id": "d-1"}])
    report = store.sync_decks(tmp_path / "decks")
    assert report.archived == 1
    gone = store.card("d-2")
    assert gone.archived and gone.memory == reviewed
    assert [c.id for c in store.cards()] == ["d-1"]
    write_deck("d", [{"id": "d-2", "question": "Edited?"}, {"id": "d-1"}])
    report = store.sync_decks(tmp_path / "decks")
    assert report.restored == 1
    back = store.card("d-2")
    assert not back.archived and back.memory == reviewed and back.question == "Edited?"
    assert back.position == 0


def test_deleted_deck_file_archives_its_cards(store, write_deck, tmp_path):
    path = write_deck("d", [{"id": "d-1"}])
    store.sync_decks(tmp_path / "decks")
    path.unlink()
    assert store.sync_decks(tmp_path / "decks").archived == 1
    assert store.cards() == [] and store.card("d-1").archived


def test_deck_with_yaml_error_is_reported_and_skipped(store, write_deck, tmp_path, monkeypatch):
    write_deck("good", [{"id": "g-1"}])
    bad = tmp_path / "decks" / "bad.yaml"
    bad.write_text("format: studydeck/1\ndeck: bad\ncards:\n  - id: [unclosed\n", encoding="utf-8")
    report = store.sync_decks(tmp_path / "decks")
    assert all(str(p).startswith(f"{bad}:") for p in report.problems)
    assert report.problems and str(report.problems[0]).startswith(f"{bad}:4: YAML error")
    assert store.deck_names() == ["good"] and [c.id for c in store.cards()] == ["g-1"]
    # The error is cached: reported again without parsing the unchanged file.
    monkeypatch.setattr("studydeck.deck.parse_deck", lambda *a, **k: pytest.fail("parsed"))
    again = store.sync_decks(tmp_path / "decks")
    assert [str(p) for p in again.problems] == [str(p) for p in report.problems]


def test_broken_deck_keeps_its_state_but_is_not_studied(store, write_deck, tmp_path):
    path = write_deck("d", [{"id": "d-1"}])
    store.sync_decks(tmp_path / "decks")
    path.write_text("format: studydeck/1\ndeck: d\ncards: [\n", encoding="utf-8")
    assert store.sync_decks(tmp_path / "decks").problems
    assert store.next_new(0) is None
    assert store.card("d-1") is not None and not store.card("d-1").archived
    write_deck("d", [{"id": "d-1"}])
    assert not store.sync_decks(tmp_path / "decks").problems
    assert store.next_new(0).id == "d-1"


def test_duplicate_ids_across_decks_skip_the_later_deck(store, write_deck, tmp_path):
    write_deck("alpha", [{"id": "a-1"}, {"id": "shared"}])
    later = write_deck("beta", [{"id": "b-1"}, {"id": "shared"}])
    report = store.sync_decks(tmp_path / "decks")
    assert [str(p) for p in report.problems] == [
        f"{later}:8: card id 'shared' is already used by deck 'alpha'"
    ]
    assert store.deck_names() == ["alpha"]
    assert store.card("b-1") is None and store.card("shared").deck == "alpha"
    # Fixing the clash in the *other* deck lets beta in at the next sync.
    write_deck("alpha", [{"id": "a-1"}])
    report = store.sync_decks(tmp_path / "decks")
    assert not report.problems and store.deck_names() == ["alpha", "beta"]
    assert store.card("shared").deck == "beta"


def test_deck_path_and_source(store, write_deck, tmp_path):
    path = write_deck("d", [{"id": "d-1"}])
    text = path.read_text(encoding="utf-8").replace("deck: d\n", "deck: d\nsource: notes/d.md\n")
    path.write_text(text, encoding="utf-8")
    write_deck("e", [{"id": "e-1"}])
    store.sync_decks(tmp_path / "decks")
    assert store.deck_path("d") == path.resolve()
    assert store.deck_source("d") == "notes/d.md" and store.deck_source("e") is None
    assert store.deck_path("nope") is None and store.deck_source("nope") is None


def test_deck_name_clash_names_the_line_of_deck(store, write_deck, tmp_path):
    write_deck("same", [{"id": "a-1"}], file="a.yaml")
    later = write_deck("same", [{"id": "b-1"}], file="b.yaml")
    line = later.read_text(encoding="utf-8").splitlines().index("deck: same") + 1
    [problem] = store.sync_decks(tmp_path / "decks").problems
    assert str(problem).startswith(f"{later.resolve()}:{line}: deck name 'same' is already used")


def test_a_clashing_deck_is_reparsed_only_when_another_deck_changes(store, write_deck, tmp_path):
    write_deck("alpha", [{"id": "shared"}])
    write_deck("beta", [{"id": "shared"}, {"id": "b-1"}])
    first = store.sync_decks(tmp_path / "decks")
    assert len(first.problems) == 1
    again = store.sync_decks(tmp_path / "decks")
    assert again.parsed == [] and [str(p) for p in again.problems] == [
        str(p) for p in first.problems
    ]
    write_deck("gamma", [{"id": "g-1"}])  # another deck changes: beta is checked again
    third = store.sync_decks(tmp_path / "decks")
    assert any(p.endswith("beta.yaml") for p in third.parsed) and len(third.problems) == 1


def test_wal_is_checkpointed_when_idle_after_enough_commits(store, write_deck, tmp_path):
    write_deck("d", [{"id": "d-1"}])
    store.sync_decks(tmp_path / "decks")
    num = store.card("d-1").num
    store._commits = 0  # count from here (opening and syncing committed too)
    ran: list[str] = []
    store.db.set_trace_callback(ran.append)
    for i in range(store_module.IDLE_CHECKPOINT_COMMITS - 1):
        with store.write():
            store.set_buried_until([num], i)
    store.checkpoint_when_idle()
    assert not any("wal_checkpoint" in sql for sql in ran)  # not yet: little to copy
    with store.write():
        store.set_buried_until([num], 0)
    store.checkpoint_when_idle()
    assert any("wal_checkpoint" in sql for sql in ran)
    store.db.set_trace_callback(None)
    busy, frames, copied = store.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and frames == copied  # everything was already copied back


def test_an_answers_first_read_picks_the_siblings_bury_siblings_picks(store, write_deck, tmp_path):
    """``card_and_siblings`` (one statement, for answers) and ``bury_siblings`` agree: same
    note item, new or in review, not already buried that long; a card without a source line
    has none."""
    write_deck("d", [{"id": f"d-{i}", "source_line": 7} for i in range(6)] + [{"id": "lone"}])
    write_deck("e", [{"id": "e-0", "source_line": 7}])  # another deck: no sibling
    store.sync_decks(tmp_path / "decks")
    num = {c.id: c.num for c in store.cards(include_archived=True)}
    with store.write():
        store.set_memory(num["d-1"], CardState(state=1, due=5, last_review=1, reps=1))  # learning
        store.set_memory(num["d-2"], CardState(state=2, stability=3.0, difficulty=5.0, due=9,
                                               last_review=1, reps=1))  # fmt: skip
        store.set_buried_until([num["d-3"]], 500)  # already buried past `until`
        store.set_buried_until([num["d-4"]], 50)  # buried, but not that long
    until = 100
    with store.write():
        card, siblings = store.card_and_siblings(num["d-0"], until)
        assert card == store.card_by_num(num["d-0"])
        picked = store.bury_siblings(card, until)
    assert sorted(s.id for s in siblings) == sorted(s.id for s in picked) == ["d-2", "d-4", "d-5"]
    with store.write():
        lone, none = store.card_and_siblings(num["lone"], until)
    assert lone.id == "lone" and none == []
    with store.write():
        assert store.card_and_siblings(10**9, until) == (None, [])
