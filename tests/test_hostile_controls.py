"""Control characters in notes and decks never reach the terminal (issue 9, the severe hole).

ESC starts CSI/OSC sequences (clear the screen, set the window title, OSC 52 writes the
clipboard), C1 codes do the same on 8-bit terminals, CR overwrites what was shown and bidi
overrides make text read differently. They are removed at the door (build, deck load) and
again by every front end, so a hand-written deck or an old database row can't do it either.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studydeck.cli import main, run_command
from studydeck.deck import load_deck
from studydeck.text import strip_controls

# What each sequence does in a terminal: set the title, wipe the screen, write the clipboard,
# a C1 CSI (8-bit), a bell, a bidi override, a carriage return that overwrites the line.
ATTACKS = ("\x1b]0;PWNED\x07", "\x1b[2J", "\x1b]52;c;cGFzdGU=\x07", "\x9b31m", "\x07", "\u202e")
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\r", "\x08", "\x7f")

# The same attacks as YAML double-quoted escapes (a raw ESC is not allowed in YAML text).
Y_TITLE = r"\e]0;PWNED\a"
Y_CLEAR = r"\e[2J"
Y_CLIP = r"\e]52;c;cGFzdGU=\a"
HOSTILE_DECK = f"""format: studydeck/1
deck: "nasty{Y_TITLE}"
title: "Nasty {Y_TITLE} deck"
cards:
- id: n-1
  question: "What does {Y_TITLE}BERT{Y_CLEAR} pre-train?"
  answer: "A masked {Y_CLIP}language model\\u202e"
  context: "papers \\x9b31m context\\r"
  kind: paper-summary
- id: n-2
  question: "What does GPT{Y_CLEAR} predict?"
  answer: "The next\\b\\b\\b\\btoken{Y_TITLE}"
  kind: paper-summary
- id: n-3
  question: "What does T5 cast every task as?"
  answer: "Text to text{Y_CLIP}"
  kind: paper-summary
- id: n-4
  question: "What does ELMo give each word?"
  answer: "A contextual embedding{Y_CLEAR}"
  kind: paper-summary
"""

HOSTILE_NOTE = "".join(
    [
        "# Notes \x1b]0;PWNED\x07 on transformers\n\n",
        "- [BERT](https://arxiv.org/abs/1810.04805) (Devlin et al. 2018) - masked \x1b[2J",
        "language model pre-training, then \u202efinetuning\x07\n",
        "- [GPT-2](https://example.org/gpt2) (Radford et al. 2019) - a decoder trained on ",
        "WebText \x1b]52;c;cGFzdGU=\x07 that does tasks zero-shot\x9b31m\n",
        "- **Attention**\x1b[1m: weighting every token by its relevance to the query &#x1b;\n",
    ]
)


def clean(text: str) -> bool:
    return not any(char in text for char in FORBIDDEN)


@pytest.fixture
def nasty_deck(env):
    env.decks_dir.mkdir(parents=True, exist_ok=True)
    path = env.decks_dir / "nasty.yaml"
    path.write_text(HOSTILE_DECK, encoding="utf-8")
    return path


def run(env, *argv, stdin=""):
    env.stdin = io.StringIO(stdin)
    env.stdout, env.stderr = io.StringIO(), io.StringIO()
    code = run_command(argv, env)
    return code, env.stdout.getvalue() + env.stderr.getvalue()


def test_the_hostile_deck_really_holds_the_attacks(nasty_deck):
    """The fixture is what it claims: YAML turns the escapes into real control characters."""
    import yaml

    data = yaml.safe_load(nasty_deck.read_text())
    assert "\x1b]0;PWNED\x07" in data["cards"][0]["question"]
    assert "\x9b" in data["cards"][0]["context"] and "\x08" in data["cards"][1]["answer"]


def test_strip_controls_keeps_text_newlines_and_tabs():
    assert strip_controls("a\x1b]0;T\x07b\tc\nd\u202ee\x9bf\r\x7f") == "a]0;Tb\tc\ndef"
    assert strip_controls("Café — $\\sqrt{d_k}$ [bold] 😀") == "Café — $\\sqrt{d_k}$ [bold] 😀"


@given(st.text())
def test_strip_controls_leaves_nothing_that_drives_a_terminal(text):
    out = strip_controls(text)
    assert clean(out)
    assert all(ch.isprintable() or ch in "\n\t" or ch not in "\x00\x1f" for ch in out)
    assert strip_controls(out) == out


def test_a_loaded_deck_has_no_control_characters(nasty_deck):
    deck = load_deck(nasty_deck)
    texts = [deck.title] + [t for c in deck.cards for t in (c.question, c.answer, c.context)]
    assert all(clean(text) for text in texts), texts
    assert deck.cards[0].question == "What does ]0;PWNEDBERT[2J pre-train?"
    assert deck.name == "nasty]0;PWNED"


def test_build_removes_them_at_the_door(env, tmp_path):
    note = tmp_path / "hostile.md"
    note.write_text(HOSTILE_NOTE, encoding="utf-8")
    code, output = run(env, "build", str(note), "--report")
    assert code == 0 and clean(output), output
    deck = load_deck(env.decks_dir / "hostile.yaml")
    assert any("BERT" in c.question for c in deck.cards)
    # what a stripped OSC sequence leaves ("]52;c;…") makes the GPT-2 line garbled: refused
    assert not any("GPT-2" in c.question for c in deck.cards)
    assert "unbalanced brackets" in output
    assert "\\e" not in (env.decks_dir / "hostile.yaml").read_text()  # none even escaped
    for card in deck.cards:
        assert clean(card.question + card.answer + card.context + deck.title), card


@pytest.mark.parametrize(
    "argv, stdin",
    [
        (("study", "--plain"), "\n3\n\n3\n\n3\n\n3\n"),
        (("quiz", "--plain", "--mode", "typed", "-n", "4"), "masked\nnext\ntext\n:q\n"),
        (("quiz", "--plain", "--mode", "choice", "-n", "4", "--cram"), "1\n2\n3\n4\n"),
        (("status",), ""),
        (("status", "--json"), ""),
        (("check",), ""),
        (("stats",), ""),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else None,
)
def test_no_command_prints_a_control_character(env, nasty_deck, argv, stdin):
    _code, output = run(env, *argv, stdin=stdin)
    assert clean(output), output
    if argv[0] in ("study", "quiz"):
        assert "BERT" in output or "GPT" in output or "ELMo" in output or "T5" in output


def test_error_messages_name_user_text_without_its_controls(env, nasty_deck, capsys):
    code = main(["--data-dir", str(env.data_dir), "study", "--plain", "--deck", "x\x1b]0;T\x07y"])
    captured = capsys.readouterr()
    assert code == 1 and "no deck named" in captured.err
    assert clean(captured.out + captured.err), captured.err


def test_a_faulty_deck_with_controls_is_reported_cleanly(env):
    env.decks_dir.mkdir(parents=True)
    (env.decks_dir / "bad.yaml").write_text(
        f'format: studydeck/1\ndeck: "bad{Y_TITLE}"\ncards:\n- id: "b-1{Y_CLEAR}"\n'
        f'  question: "Q{Y_TITLE}?"\n',
        encoding="utf-8",
    )
    code, output = run(env, "check")
    assert code == 1 and "bad.yaml" in output
    assert clean(output), output


def test_an_old_database_row_is_neutralised_when_shown(env, nasty_deck):
    """A row written before the door existed (or by hand) is cleaned again on the way out."""
    assert run(env, "status")[0] == 0
    with sqlite3.connect(env.data_dir / "studydeck.db") as db:
        db.execute(
            "UPDATE cards SET question = ?, answer = ? WHERE id = 'n-1'",
            ("Old \x1b]0;PWNED\x07row?", "Old \x1b[2Janswer\x9b"),
        )
    _code, output = run(env, "study", "--plain", stdin="\n3\n")
    assert "Old" in output and clean(output), output


# ── the TUI in a real terminal ─────────────────────────────────────────────────


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_tui_in_tmux_keeps_the_title_the_screen_and_the_clipboard(env, nasty_deck):
    from test_tui_terminal import Tmux

    tmux = Tmux(f"studydeck-hostile-{os.getpid()}")
    command = (
        f"env STUDYDECK_DATA_DIR={env.data_dir} STUDYDECK_DECKS={env.decks_dir} "
        f"STUDYDECK_CONFIG={env.config_path} TERM=xterm-256color {sys.executable} -m studydeck"
    )
    tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "study", "-n", "safe", command)
    try:
        tmux("set-option", "-g", "set-clipboard", "on")  # OSC 52 would land in a paste buffer
        tmux("set-option", "-g", "allow-rename", "on")
        tmux("set-option", "-g", "set-titles", "on")
        title = tmux("display-message", "-p", "-t", "study", "#{pane_title}")
        screen = tmux.wait_for("Next due")
        assert "nasty" in screen
        tmux("send-keys", "-t", "study", "Enter")
        tmux.wait_for("BERT")
        tmux("send-keys", "-t", "study", "Space")
        screen = tmux.wait_for("masked")
        time.sleep(0.3)  # let anything the app wrote reach tmux
        assert "PWNED" not in tmux("display-message", "-p", "-t", "study", "#{pane_title}")
        assert tmux("display-message", "-p", "-t", "study", "#{pane_title}") == title
        assert tmux("display-message", "-p", "-t", "study", "#{window_name}").strip() == "safe"
        assert tmux("list-buffers") == "", "OSC 52 reached the clipboard"
        assert "BERT" in tmux.screen(), "the screen was wiped"
        tmux("send-keys", "-t", "study", "C-q")
        assert tmux.wait_gone()
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True, check=False)
