"""``studydeck unsuspend ID…``: let suspended cards come back into study (all or nothing)."""

from __future__ import annotations

from argparse import Namespace

from studydeck.commands.suspend import set_suspension
from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    changed, unchanged = set_suspension(env, args.ids, False)
    message = f"unsuspended {changed} card(s)"
    if unchanged:
        message += f"; {unchanged} not suspended"
    env.print(message)
    return 0
