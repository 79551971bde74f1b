"""``studydeck status``: per deck what today's session holds, and reviews done today."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from studydeck.commands._state import open_state
from studydeck.queue import next_due_label, status  # not schedule: status needs no fsrs

if TYPE_CHECKING:  # argparse itself is not imported by a plain status (see cli.py)
    from argparse import Namespace

    from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    now = env.now()
    with open_state(env, read_only=True) as state:
        decks, reviewed_today = status(state.store, state.config, now)
    if args.json:
        payload = {
            "decks": [
                {
                    "deck": d.deck,
                    "new": d.new,
                    "learning": d.learning,
                    "due": d.due,
                    "total": d.total,
                    "suspended": d.suspended,
                    "next_due": d.next_due.isoformat() if d.next_due else None,
                }
                for d in decks
            ],
            "reviewed_today": reviewed_today,
        }
        env.print(json.dumps(payload, ensure_ascii=False))
        return 0
    width = max([len("deck"), *(len(d.deck) for d in decks)])
    env.print(
        f"{'deck':<{width}}  {'new':>5} {'learning':>8} {'due':>5} {'total':>6} "
        f"{'suspended':>9}  next due"
    )
    for d in decks:
        next_due = next_due_label(d.next_due, now) if d.next_due else "-"
        env.print(
            f"{d.deck:<{width}}  {d.new:>5} {d.learning:>8} {d.due:>5} {d.total:>6} "
            f"{d.suspended:>9}  {next_due}"
        )
    env.print(f"reviewed today: {reviewed_today}")
    return 0
