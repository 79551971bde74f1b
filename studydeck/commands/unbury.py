"""``studydeck unbury [--deck NAME]``: bring back the cards buried until tomorrow (the siblings
of cards answered today, and cards buried by hand), in one deck or all."""

from __future__ import annotations

from argparse import Namespace

from studydeck.commands._state import open_state, unknown_deck
from studydeck.environment import Environment
from studydeck.queue import unbury


def run(args: Namespace, env: Environment) -> int:
    with open_state(env) as state:
        if args.deck and args.deck not in state.store.deck_names():
            raise unknown_deck(state.store, args.deck)
        count = unbury(state.store, env.now(), deck=args.deck)
    env.print(f"unburied {count} card(s)")
    return 0
