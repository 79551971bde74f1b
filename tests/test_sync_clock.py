"""A clock more than 5 minutes off: Anki's sync server refuses it, and ``studydeck sync`` says
so in one line naming clock skew (exit 1), with nothing changed on either side.

The CLI runs in a subprocess under libfaketime (``faketime -f -10m``), so its whole process —
Python and Anki's Rust engine — sees the wrong time, as on a machine with a bad clock, while the
real server keeps the right one. Skipped where faketime is missing, except in CI (CI=true),
where ``.ci/run`` installs it and a missing tool is a failure.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from conftest import FakeClock
from sync_helpers import PASSWORD, USER, Phone, near_real_time, running_server
from tui_helpers import cards, write_deck

from studydeck.cli import run_command
from studydeck.config import Config
from studydeck.schedule import Rating, Scheduler, answer
from studydeck.store import Store

pytest.importorskip("anki.collection")

FAKETIME = shutil.which("faketime")
pytestmark = [
    pytest.mark.skipif(
        FAKETIME is None and os.environ.get("CI") != "true",
        reason="faketime is not installed (apt-get install faketime; .ci/run installs it)",
    ),
    pytest.mark.usefixtures("utc_local_time"),
]


@pytest.fixture
def clock() -> FakeClock:
    # In this process the clock is right (near real time, as the server's).
    return near_real_time()


def cli_sync(*wrapper: str) -> subprocess.CompletedProcess:
    """``studydeck sync`` as its own process (the test's data, deck and config folders come
    through the environment), optionally under a wrapper such as faketime."""
    return subprocess.run(
        [*wrapper, sys.executable, "-m", "studydeck", "sync"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def both_sides(env) -> tuple:
    """Everything a sync could change on our side: the review log, the cards' state, the sync
    state (login, watermark, marks) and the replica collection's revlog, cards and usn."""
    with Store.open(env.data_dir) as store:
        ours = (
            [(r.card_id, r.reviewed_at, r.rating) for r in store.reviews()],
            [c.memory for c in store.cards()],
        )
    sync_json = (env.data_dir / "anki" / "sync.json").read_text()
    col = sqlite3.connect(env.data_dir / "anki" / "collection.anki2")
    try:
        replica = (
            col.execute("SELECT id, cid, usn FROM revlog ORDER BY id").fetchall(),
            col.execute("SELECT id, mod, usn, due, ivl FROM cards ORDER BY id").fetchall(),
            col.execute("SELECT mod, usn, ls FROM col").fetchall(),
        )
    finally:
        col.close()
    return ours, sync_json, replica


@pytest.mark.parametrize("offset", ["-10m", "+10m"])
def test_a_clock_off_by_more_than_5_minutes_is_one_line_and_changes_nothing(
    env, clock, tmp_path, monkeypatch, offset
):
    assert FAKETIME, "faketime is missing: .ci/run installs it (apt-get install faketime)"
    write_deck(env, "papers", cards(3))
    with running_server(tmp_path / "server") as server:
        monkeypatch.setenv("STUDYDECK_SYNC_PASSWORD", PASSWORD)
        assert run_command(["sync", "login", "--endpoint", server.url, "--user", USER], env) == 0
        assert run_command(["sync"], env) == 0  # the server has the cards
        with Store.open(env.data_dir) as store:  # a review waiting to be pushed
            answer(store, Scheduler(Config()), store.card("c0").num, Rating(3), clock())
        before = both_sides(env)

        skewed = cli_sync(FAKETIME, "-f", offset)
        assert skewed.returncode == 1, skewed.stdout + skewed.stderr
        assert skewed.stdout == ""
        assert skewed.stderr.startswith("studydeck: error: clock skew: this computer's clock")
        assert f"{server.url} refused to sync" in skewed.stderr
        assert skewed.stderr.count("\n") == 1
        assert both_sides(env) == before
        phone = Phone(tmp_path / "phone", server.url)
        try:
            phone.sync()
            assert phone.revlog() == []  # the review did not reach the server
        finally:
            phone.close()

        fixed = cli_sync()  # the same sync with the clock right goes through
        assert fixed.returncode == 0, fixed.stderr
        assert "1 review(s) out" in fixed.stdout
