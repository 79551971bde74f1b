"""``studydeck suspend ID…``: keep cards out of study until unsuspended (all or nothing)."""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Sequence

from studydeck.commands._state import open_state
from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    changed, unchanged = set_suspension(env, args.ids, True)
    message = f"suspended {changed} card(s)"
    if unchanged:
        message += f"; {unchanged} already suspended"
    env.print(message)
    return 0


def set_suspension(env: Environment, ids: Sequence[str], suspended: bool) -> tuple[int, int]:
    """Suspend (or unsuspend) the cards; returns how many changed and how many already were.
    Any unknown id is an error naming it, and nothing changes."""
    ids = list(dict.fromkeys(ids))
    with open_state(env) as state:
        cards = [state.store.card_by_num(num) for num in state.store.nums(ids)]
        to_change = [c.id for c in cards if c is not None and c.memory.suspended != suspended]
        if to_change:
            state.store.set_suspended(to_change, suspended)
    return len(to_change), len(ids) - len(to_change)
