"""``studydeck forget ID…``: reset cards to new, keeping their review history (all or nothing)."""

from __future__ import annotations

from argparse import Namespace

from studydeck.commands._state import open_state
from studydeck.environment import Environment
from studydeck.schedule import forget
from studydeck.store import NEW


def run(args: Namespace, env: Environment) -> int:
    ids = list(dict.fromkeys(args.ids))
    with open_state(env) as state:
        state.store.nums(ids)  # any unknown id: an error naming it, nothing changed
        cards = [state.store.card(card_id) for card_id in ids]
        # A new card has nothing to reset: a RESET row for it would only clutter the log.
        studied = [card.id for card in cards if card is not None and card.memory.state != NEW]
        if studied:
            forget(state.store, studied, env.now())
    message = f"reset {len(studied)} card(s) to new (history kept)"
    if len(ids) > len(studied):
        message += f"; {len(ids) - len(studied)} card(s) were already new"
    env.print(message)
    return 0
