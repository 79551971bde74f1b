"""Pinned pictures of the main screens (fixed clock, data, size and time zone).

Update after an intended change: ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from tui_helpers import make_app, write_deck

from studydeck.deck import Card

SIZE = (100, 30)


@pytest.fixture
def app(env):
    write_deck(
        env,
        "transformers",
        [
            Card(
                "tr-1",
                "What is the key idea of BERT (Devlin et al. 2018)?",
                "Masked-word (bidirectional) pre-training, then supervised finetuning.",
                context="papers › high-performing",
                source_line=42,
                url="https://arxiv.org/abs/1810.04805",
            ),
            Card("tr-2", "Scaled dot-product attention divides by?", "$\\sqrt{d_k}$"),
        ],
    )
    write_deck(env, "rl", [Card(f"rl-{i}", f"RL question {i}?", f"Answer {i}") for i in range(4)])
    return make_app(env)


def test_home(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE)


def test_question(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["down", "enter"])


def test_answer(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["down", "enter", "space"])


def test_summary(app, snap_compare):
    assert snap_compare(
        app, terminal_size=SIZE, press=["down", "enter", "space", "4", "space", "1", "space", "4"]
    )


def test_answer_light_theme_80x24(env, snap_compare):
    write_deck(env, "papers", [Card("p1", "Long?", " ".join(["long answer"] * 120))])
    app = make_app(env, theme="light")
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "space"])
