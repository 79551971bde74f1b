"""The real thing: studydeck in a real terminal (tmux), keys sent, screen read, store checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from tui_helpers import cards, write_deck

from studydeck.store import Store

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)


class Tmux:
    def __init__(self, socket: str) -> None:
        self.base = ["tmux", "-L", socket]

    def __call__(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "study")

    def wait_gone(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            alive = subprocess.run([*self.base, "has-session", "-t", "study"], capture_output=True)
            if alive.returncode != 0:
                return True
            time.sleep(0.05)
        return False

    def shows(self, text: str, timeout: float = 15.0, poll: float = 0.05) -> bool:
        """Whether ``text`` appears on screen within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return True
            time.sleep(poll)
        return False

    def wait_for(self, text: str, timeout: float = 15.0, poll: float = 0.05) -> str:
        if self.shows(text, timeout, poll):
            return self.screen()
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


def test_study_in_tmux_lands_a_review_in_the_store(env, tmp_path):
    write_deck(env, "papers", cards(2))
    tmux = Tmux(f"studydeck-test-{os.getpid()}")
    command = (
        f"env STUDYDECK_DATA_DIR={env.data_dir} STUDYDECK_DECKS={env.decks_dir} "
        f"STUDYDECK_CONFIG={env.config_path} TERM=xterm-256color {sys.executable} -m studydeck"
    )
    tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "study", command)
    try:
        tmux.wait_for("Next due")
        tmux("send-keys", "-t", "study", "Enter")
        tmux.wait_for("Question 0?")
        tmux("send-keys", "-t", "study", "Space")
        tmux.wait_for("Answer 0")
        tmux("send-keys", "-t", "study", "4")
        tmux.wait_for("Question 1?")
        with Store.open(env.data_dir) as store:
            [review] = store.reviews("c0")
        assert review.rating == 4
        tmux("send-keys", "-t", "study", "Escape")
        tmux.wait_for("1 reviewed today")
        tmux("send-keys", "-t", "study", "q")
        assert tmux.wait_gone(), "q did not quit the app"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True, check=False)


LAUNCHES = 10


def test_enter_pressed_as_soon_as_the_deck_name_shows_always_opens_the_deck(env, tmp_path):
    """Issue 14: the deck's name shows in the loading line ("Reading decks 1/1 zebrafish.yaml")
    before the table is filled; an Enter pressed then must study the deck, not vanish. Each
    launch is a fresh data dir, so every start is a first sync."""
    from studydeck.deck import Deck, save_deck

    decks = tmp_path / "zebra-decks"
    decks.mkdir()
    save_deck(Deck("zebrafish", cards=cards(2)), decks / "zebrafish.yaml")
    tmux = Tmux(f"studydeck-test-enter-{os.getpid()}")
    reached = 0
    # An idle session keeps the server up: killing the only session ends the server, and the
    # next launch could reach it while it exits ("server exited unexpectedly").
    tmux("new-session", "-d", "-s", "idle", "sleep 600")
    try:
        for launch in range(LAUNCHES):
            data = tmp_path / f"data{launch}"
            command = (
                f"env STUDYDECK_DATA_DIR={data} STUDYDECK_DECKS={decks} "
                f"STUDYDECK_CONFIG={env.config_path} TERM=xterm-256color "
                f"{sys.executable} -m studydeck"
            )
            tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "study", command)
            tmux.wait_for("zebrafish", poll=0.002)
            tmux("send-keys", "-t", "study", "Enter")
            reached += tmux.shows("Question 0?", timeout=20.0)  # a lost key never gets there
            tmux("kill-session", "-t", "study")
            tmux.wait_gone()
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True, check=False)
    assert reached == LAUNCHES, f"Enter reached the study screen in {reached}/{LAUNCHES} launches"
