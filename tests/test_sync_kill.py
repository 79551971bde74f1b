"""A `studydeck sync` killed at random points, then rerun: no review lost or doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
from sync_helpers import PASSWORD, USER, Phone, running_server

from studydeck.cli import run_command
from studydeck.config import Config
from studydeck.schedule import Rating, Scheduler, answer
from studydeck.store import Store

pytest.importorskip("anki.collection")

TRIALS = 10
CARDS = [{"id": f"kl-{i:02d}"} for i in range(2 * TRIALS)]  # one review each: no same-second pairs


def test_killed_syncs_lose_and_double_nothing(env, tmp_path, write_deck, monkeypatch):
    monkeypatch.setenv("STUDYDECK_SYNC_PASSWORD", PASSWORD)
    monkeypatch.setenv("TZ", "UTC")
    write_deck("papers", CARDS)
    rng = random.Random(12)
    with running_server(tmp_path / "server") as server:
        env.clock = lambda: datetime.now(UTC)
        assert run_command(["sync", "login", "--endpoint", server.url, "--user", USER], env) == 0
        assert run_command(["sync"], env) == 0
        phone = Phone(tmp_path / "phone", server.url)
        try:
            phone.sync()
            child_env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
            killed = 0
            for trial in range(TRIALS):
                with Store.open(env.data_dir) as store:
                    card = store.card(CARDS[trial]["id"])
                    answer(store, Scheduler(Config()), card.num, Rating.Good, datetime.now(UTC))
                phone.review(CARDS[TRIALS + trial]["id"], 3)
                phone.sync()
                child = subprocess.Popen(
                    [sys.executable, "-m", "studydeck", "sync"],
                    env=child_env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                time.sleep(rng.uniform(0.05, 1.0))
                if child.poll() is None:
                    child.send_signal(signal.SIGKILL)
                    killed += 1
                child.wait()
            assert killed >= 3, "the delays never caught a sync in flight"
            for _ in range(2):
                assert run_command(["sync"], env) == 0
                phone.sync()
            with Store.open(env.data_dir) as store:
                ours = [(r.card_id, r.reviewed_at) for r in store.reviews()]
            theirs = [(guid, rid // 1000) for rid, guid, _ in phone.revlog()]
            assert len(ours) == len(set(ours)) == 2 * TRIALS
            assert len(theirs) == len(set(theirs)) == 2 * TRIALS
            assert set(ours) == set(theirs)
        finally:
            phone.close()
