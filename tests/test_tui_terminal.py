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

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
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
