"""The store under attack: a full disk, a lock held by another process, a read-only data
folder, clocks that jump or change their UTC offset, a damaged schema_version, and two
sessions answering the same card. Each goes through the CLI as a user would meet it."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from studydeck import cli
from studydeck.cli import run_command
from studydeck.environment import Environment
from studydeck.errors import StudydeckError
from studydeck.queue import study_day
from studydeck.store import DB_NAME, REVIEW, SCHEMA_VERSION, Store, to_epoch
from studydeck.store import connection as store_module
from studydeck.store_errors import StoreFull, StoreLocked, StoreReadOnly

CARDS = [{"id": f"a-{i}"} for i in range(3)]


pytestmark = pytest.mark.usefixtures("utc_local_time")  # local times printed are fixed


class HookedStdin(io.StringIO):
    """Input lines; ``hooks[n]`` runs just before the n-th line (from 0) is handed over."""

    def __init__(self, text: str, hooks: dict) -> None:
        super().__init__(text)
        self.hooks = hooks
        self.lines = 0

    def readline(self, *args) -> str:
        hook = self.hooks.get(self.lines)
        self.lines += 1
        if hook is not None:
            hook()
        return super().readline(*args)


def run(env, *argv, stdin=""):
    env.stdin = stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin)
    env.stdout = io.StringIO()
    return run_command(argv, env)


def db_rows(env, sql):
    db = sqlite3.connect(env.data_dir / DB_NAME)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def tmpfs(tmp_path):
    """mount(size) -> tmp_path/data as a tmpfs of that size (skips where mount is refused);
    remount_ro() makes it read-only. Unmounted at the end."""
    target = tmp_path / "data"
    target.mkdir()
    mounted = []

    def mount(size: str) -> Path:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(target)
        return target

    def remount_ro() -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)

    mount.remount_ro = remount_ro
    yield mount
    for path in mounted:
        if subprocess.run(["umount", str(path)]).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], check=True)
            pytest.fail(f"{path} was still busy: a connection was left open")


def fill_disk(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("ab", buffering=0) as handle:
        try:
            while True:
                handle.write(b"x" * 4096)
        except OSError as exc:
            assert exc.errno == 28  # ENOSPC
    return filler


# ── 1. a full disk ────────────────────────────────────────────────────────────


def test_full_disk_is_one_line_and_keeps_what_was_saved(tmpfs, write_deck, monkeypatch, capsys):
    data = tmpfs("600k")
    write_deck("a", CARDS)
    filler: list[Path] = []
    # Answer a-0, then fill the disk just before the rating of a-1 is read.
    stdin = HookedStdin("\n3\n\n3\n", {3: lambda: filler.append(fill_disk(data))})
    monkeypatch.setattr(sys, "stdin", stdin)
    assert cli.main(["study", "--plain"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"studydeck: error: disk full: the answer was not saved ({data / DB_NAME})"]
    filler[0].unlink()
    assert integrity(data / DB_NAME) == "ok"
    with Store.open(data) as store:
        assert [r.card_id for r in store.reviews()] == ["a-0"]
        assert store.card("a-1").memory.reps == 0


class SqliteFullAtCommit:
    """A connection that, once armed, fails COMMIT as SQLite does on a full disk: it has
    already rolled the transaction back itself, then reports SQLITE_FULL."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.armed = False

    def execute(self, sql, *args):
        if self.armed and sql == "COMMIT":
            self._db.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)


def test_sqlite_full_after_its_own_rollback_is_reported_as_disk_full(env, write_deck, monkeypatch):
    write_deck("a", CARDS)
    opened = []
    real_connect = store_module.connect

    def connect(*args, **kwargs):
        opened.append(SqliteFullAtCommit(real_connect(*args, **kwargs)))
        return opened[-1]

    monkeypatch.setattr(store_module, "connect", connect)

    def arm():
        opened[-1].armed = True

    with pytest.raises(StoreFull, match=r"^disk full: the answer was not saved \("):
        run(env, "study", "--plain", stdin=HookedStdin("\n3\n", {1: arm}))
    assert db_rows(env, "SELECT count(*) FROM review_log") == [(0,)]


def test_a_real_sqlite_full_inside_a_write_rolls_back_and_names_the_cause(store):
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreFull, match="database or disk is full"), store.write():
        store.db.execute("CREATE TABLE filler (x)")
        store.db.execute("INSERT INTO filler VALUES (randomblob(100000))")
    assert not store.db.in_transaction
    assert (
        store.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").fetchone()[0]
        == 0
    )


# ── 2. a lock held by another process ─────────────────────────────────────────


class CountingConnection:
    def __init__(self, db: sqlite3.Connection, statements: list[str]) -> None:
        self._db = db
        self.statements = statements

    def execute(self, sql, *args):
        self.statements.append(sql)
        return self._db.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)


@pytest.fixture
def exclusive_holder(env, write_deck):
    """Another process's connection holding the database exclusively (locking_mode EXCLUSIVE,
    so even readers wait, as during a migration or WAL recovery), with a 50 ms timeout."""
    write_deck("a", CARDS)
    run(env, "status")
    holder = sqlite3.connect(env.data_dir / DB_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE schema_version SET version = version")
    yield holder
    holder.rollback()
    holder.close()


def test_a_lock_wait_ends_at_the_busy_timeout(env, exclusive_holder, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    statements: list[str] = []
    real_connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: CountingConnection(real_connect(*a, **k), statements)
    )
    with pytest.raises(StoreLocked) as raised:
        run(env, "status")
    assert str(raised.value) == (
        f"{env.data_dir / DB_NAME}: database is locked by another studydeck process "
        "(waited 0.05 s); try again when it has finished"
    )
    # The journal-mode switch waited out the busy handler once; it is not tried again.
    assert statements.count("PRAGMA journal_mode = WAL") == 1


def test_a_write_under_begin_exclusive_is_a_one_line_lock_error(env, write_deck, monkeypatch):
    write_deck("a", CARDS)
    run(env, "status")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(env.data_dir / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        run(env, "status")  # WAL: readers go on while another process writes
        assert "a  " in env.stdout.getvalue()
        with pytest.raises(StoreLocked, match="locked by another studydeck process"):
            run(env, "suspend", "a-1")
    finally:
        holder.rollback()
        holder.close()
    assert db_rows(env, "SELECT suspended FROM cards WHERE id = 'a-1'") == [(0,)]


# ── 3. a read-only data folder ────────────────────────────────────────────────


def test_status_stats_export_work_on_a_read_only_mount(tmpfs, env, write_deck, tmp_path):
    data = tmpfs("4m")
    deck = write_deck("a", CARDS)
    run(env, "study", "--plain", stdin="\n3\n:q\n")
    tmpfs.remount_ro()
    before = sorted((p.name, p.read_bytes()) for p in data.iterdir())
    assert [name for name, _ in before] == [DB_NAME]  # no -shm: read with immutable=1
    run(env, "status", "--json")
    assert json.loads(env.stdout.getvalue())["reviewed_today"] == 1
    run(env, "stats", "--json")
    assert json.loads(env.stdout.getvalue())
    run(env, "export", "tsv", str(tmp_path / "out.txt"))
    assert "a-2" in (tmp_path / "out.txt").read_text()
    # A deck file changed since the last sync: shown as it was, with a warning.
    deck.write_text(deck.read_text().replace("Q a-1?", "Q a-1 changed?"))
    env.stderr = io.StringIO()
    run(env, "status")
    assert "is read-only: deck files changed since the last sync" in env.stderr.getvalue()
    with pytest.raises(StudydeckError, match="cannot write the review state"):
        run(env, "suspend", "a-1")
    assert sorted((p.name, p.read_bytes()) for p in data.iterdir()) == before


def test_opening_read_only_never_writes_not_even_a_migration(env, write_deck):
    """On a writable folder (so the test proves what read_only does, not what the mount
    forbids): an older schema is left as it is, no backup is made, and no write is possible."""
    write_deck("a", CARDS)
    run(env, "status")
    db = sqlite3.connect(env.data_dir / DB_NAME, isolation_level=None)
    db.execute(f"UPDATE schema_version SET version = {SCHEMA_VERSION - 1}")
    db.close()
    files = sorted(p.name for p in env.data_dir.iterdir())
    content = (env.data_dir / DB_NAME).read_bytes()
    with pytest.raises(
        StoreReadOnly, match=rf"needs upgrading to schema {SCHEMA_VERSION} .* read-only"
    ):
        Store.open(env.data_dir, read_only=True)
    db = sqlite3.connect(env.data_dir / DB_NAME, isolation_level=None)
    db.execute(f"UPDATE schema_version SET version = {SCHEMA_VERSION}")
    db.close()
    content = (env.data_dir / DB_NAME).read_bytes()
    with Store.open(env.data_dir, read_only=True) as store:
        assert [c.id for c in store.cards()] == ["a-0", "a-1", "a-2"]
        with pytest.raises(StoreReadOnly):
            store.set_suspended(["a-1"], True)
    assert (env.data_dir / DB_NAME).read_bytes() == content
    # In a writable folder SQLite gives a reader its WAL index files; nothing is in the WAL.
    made = {p.name for p in env.data_dir.iterdir()} - set(files)
    assert made <= {f"{DB_NAME}-wal", f"{DB_NAME}-shm"}
    wal = env.data_dir / f"{DB_NAME}-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_status_on_a_first_run_still_creates_a_data_folder_several_levels_deep(env, write_deck):
    env.data_dir = env.data_dir / "not" / "made" / "yet"
    write_deck("a", CARDS)
    run(env, "status", "--json")
    assert json.loads(env.stdout.getvalue())["decks"][0]["new"] == 3
    assert (env.data_dir / DB_NAME).is_file()


# ── 4. clock edges ────────────────────────────────────────────────────────────


def test_reviews_dated_after_today_do_not_use_up_todays_new_limit(env, write_deck, clock):
    env.config_path.write_text("new_per_day = 2\n")
    write_deck("a", [{"id": f"a-{i}"} for i in range(4)])
    clock.advance(days=1)  # the clock was a day ahead when two cards were introduced
    run(env, "study", "--plain", stdin="\n4\n\n4\n:q\n")
    clock.advance(days=-1)
    run(env, "status", "--json")
    payload = json.loads(env.stdout.getvalue())
    assert payload["reviewed_today"] == 0
    assert payload["decks"][0]["new"] == 2


def test_reviews_dated_after_today_do_not_use_up_the_quizs_new_limit(env, write_deck, clock):
    env.config_path.write_text("new_per_day = 2\n")
    write_deck("a", [{"id": f"a-{i}"} for i in range(4)])
    clock.advance(days=1)
    run(env, "study", "--plain", stdin="\n4\n\n4\n:q\n")
    clock.advance(days=-1)
    env.stdout = io.StringIO()
    run(env, "quiz", "--plain", "--mode", "typed", "-n", "4", stdin=":s\n" * 4)
    # two cards were reviewed (in the future) and two are new: the new limit of 2 is untouched,
    # so the quiz asks all four
    asked = {line for line in env.stdout.getvalue().splitlines() if line.startswith("Q: ")}
    assert len(asked) == 4, env.stdout.getvalue()


@pytest.mark.parametrize(
    ("now", "end"),
    [
        # spring forward (Sunday 29 March, 02:00 CET → 03:00 CEST): 04:00 CEST is 02:00 UTC
        (datetime(2026, 3, 28, 12, tzinfo=UTC), datetime(2026, 3, 29, 2, tzinfo=UTC)),
        # fall back (Sunday 25 October, 03:00 CEST → 02:00 CET): 04:00 CET is 03:00 UTC
        (datetime(2026, 10, 24, 12, tzinfo=UTC), datetime(2026, 10, 25, 3, tzinfo=UTC)),
    ],
)
def test_the_study_day_ends_at_4_local_across_a_dst_change(now, end, monkeypatch):
    assert study_day(now, 4, ZoneInfo("Europe/Berlin")).end == end
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    assert study_day(now, 4).end == end  # the system's zone


def test_status_on_a_dst_day_counts_only_cards_due_before_the_local_rollover(
    env, write_deck, clock, monkeypatch
):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    write_deck("a", CARDS[:1])
    clock.current = datetime(2026, 3, 20, 12, tzinfo=UTC)
    run(env, "study", "--plain", stdin="\n4\n:q\n")
    with Store.open(env.data_dir) as store, store.write():
        card = store.card("a-0")
        assert card.memory.state == REVIEW
        # 04:30 CEST on the 29th: after the 04:00 rollover, so it belongs to the next day.
        due = to_epoch(datetime(2026, 3, 29, 2, 30, tzinfo=UTC))
        store.set_memory(card.num, card.memory._replace(due=due))
    clock.current = datetime(2026, 3, 28, 12, tzinfo=UTC)
    run(env, "status", "--json")
    assert json.loads(env.stdout.getvalue())["decks"][0]["due"] == 0


def test_a_schema_version_holding_text_is_a_one_line_error(env, write_deck, capsys):
    write_deck("a", CARDS)
    run(env, "status")
    db = sqlite3.connect(env.data_dir / DB_NAME, isolation_level=None)
    db.execute("UPDATE schema_version SET version = 'two'")
    db.close()
    assert cli.main(["status"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"studydeck: error: {env.data_dir / DB_NAME}: damaged schema_version table "
        "(version 'two', not a number); left untouched — restore a backup"
    ]


# ── 5. two sessions, one card ─────────────────────────────────────────────────


def second_session(env: Environment, stdin: str) -> Environment:
    other = Environment(
        stdin=io.StringIO(stdin),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        clock=env.clock,
        data_dir=env.data_dir,
        decks_dir=env.decks_dir,
        config_path=env.config_path,
    )
    return other


def test_a_card_answered_in_another_session_is_reshown_fresh_not_recorded_stale(
    env, write_deck, clock
):
    write_deck("a", CARDS[:1])
    other = second_session(env, "\n1\n:q\n")  # answers a-0 Again while we look at it

    def answer_elsewhere():
        assert run_command(["study", "--plain"], other) == 0
        clock.advance(seconds=30)

    # We reveal a-0, then rate it Good once the other session has answered it.
    run(env, "study", "--plain", stdin=HookedStdin("\n3\n\n3\n:q\n", {1: answer_elsewhere}))
    lines = env.stdout.getvalue().splitlines()
    assert "recorded: a-0 Again" in other.stdout.getvalue()
    assert "a-0 was changed by another studydeck session since it was shown: not recorded" in (
        lines
    )
    shown = [line for line in lines if line.startswith("1 again")]
    assert shown == [
        "1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 8d",  # as a new card
        "1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 1d",  # fresh: after the other's Again
    ]
    recorded = [line for line in lines if line.startswith("recorded:")]
    assert recorded == ["recorded: a-0 Good due 2026-03-02 12:10"]
    with Store.open(env.data_dir) as store:
        log = store.reviews("a-0")
    assert [r.rating for r in log] == [1, 3]
    assert log[1].before == log[0].after  # recorded against the state it was shown with
