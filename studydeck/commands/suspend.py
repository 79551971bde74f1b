"""``studydeck suspend ID…``: keep cards out of study until unsuspended (all or nothing)."""

from __future__ import annotations

from argparse import Namespace

from studydeck.commands._state import open_state
from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    with open_state(env) as state:
        state.store.set_suspended(args.ids, True)
    env.print(f"suspended {len(args.ids)} card(s)")
    return 0
