"""``studydeck forget ID…``: reset cards to new, keeping their review history (all or nothing)."""

from __future__ import annotations

from argparse import Namespace

from studydeck.commands._state import open_state
from studydeck.environment import Environment
from studydeck.schedule import forget


def run(args: Namespace, env: Environment) -> int:
    with open_state(env) as state:
        forget(state.store, args.ids, env.now())
    env.print(f"reset {len(args.ids)} card(s) to new (history kept)")
    return 0
