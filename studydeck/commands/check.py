"""``studydeck check``: validate deck files."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from studydeck.deck import deck_files, duplicate_ids, load_deck
from studydeck.environment import Environment
from studydeck.errors import DeckError, Problem


def run(args: Namespace, env: Environment) -> int:
    paths = [Path(p) for p in args.decks_to_check] or deck_files(env.decks_dir)
    if not paths:
        env.warn(f"no deck files to check in {env.decks_dir}")
        return 1
    problems: list[Problem] = []
    decks = []
    for path in paths:
        try:
            decks.append(load_deck(path))
        except DeckError as exc:
            problems.extend(exc.problems)
    problems.extend(duplicate_ids(decks))
    for problem in problems:
        env.print(problem)
    cards = sum(len(d.cards) for d in decks)
    summary = f"{len(paths)} deck file(s), {cards} card(s), {len(problems)} problem(s)"
    env.stderr.write(summary + "\n")
    return 1 if problems else 0
