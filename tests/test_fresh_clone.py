"""The README's first command, exactly as written, on a fresh clone with nothing beside it:
it installs studydeck and opens the study UI on the committed decks (in a real terminal)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from test_tui_terminal import Tmux

REPO = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(
        not (REPO / ".git").exists() or shutil.which("git") is None,
        reason="not a git checkout: nothing to clone",
    ),
]


def readme_commands() -> list[str]:
    """The command lines of the README's Quickstart code blocks, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quickstart, flags=re.S)
    return [
        line
        for block in blocks
        for line in block.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_the_readme_has_the_two_commands():
    setup_and_study, setup_and_test = readme_commands()[:2]
    assert setup_and_study.endswith(".venv/bin/studydeck")
    assert "../shared" not in setup_and_study  # a clone has nothing beside it
    assert setup_and_test.endswith("-m pytest -q")
    assert (REPO / ".ci" / "run").read_text().rstrip().endswith(setup_and_test)


def test_readme_command_one_opens_the_study_ui_on_a_fresh_clone(tmp_path):
    clone = tmp_path / "empty" / "studydeck"  # nothing beside it: no ../shared
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    command = readme_commands()[0]
    data = tmp_path / "data"
    # The user's default deck folder (./decks, committed) and no STUDYDECK_DECKS from the tests.
    shell = (
        f"env -u STUDYDECK_DECKS STUDYDECK_DATA_DIR={shlex.quote(str(data))} "
        f"TERM=xterm-256color sh -c {shlex.quote(command)}; echo studydeck-exited-$?; sleep 30"
    )
    tmux = Tmux(f"studydeck-clone-{os.getpid()}")
    tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "study", "-c", str(clone), shell)
    try:
        screen = tmux.wait_for("Next due", timeout=300)  # the install comes first
        for deck in ("llm-mechanism-analysis", "llm-paper-notes", "transformers"):
            assert deck in screen
        tmux("send-keys", "-t", "study", "Enter")
        tmux.wait_for("Reveal", timeout=30)  # the study screen's footer
        tmux("send-keys", "-t", "study", "C-q")
        tmux.wait_for("studydeck-exited-0", timeout=15)
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True, check=False)
    assert (clone / ".venv" / "bin" / "studydeck").exists()
    assert (data / "studydeck.db").exists()
