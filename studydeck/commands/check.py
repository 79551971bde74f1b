"""``studydeck check``: validate deck files, and their card ids against the whole deck folder."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from studydeck.commands._state import check_deck_folder
from studydeck.deck import card_id_lines, deck_files, id_clashes, load_deck, read_deck_text
from studydeck.environment import Environment
from studydeck.errors import DeckError, Problem


def run(args: Namespace, env: Environment) -> int:
    if not args.decks_to_check and not check_deck_folder(env):
        return 0  # the default folder is missing: a first run, the hint says what to do
    paths = [Path(p) for p in args.decks_to_check] or deck_files(env.decks_dir)
    if not paths:
        env.warn(f"no deck files to check in {env.decks_dir}")
        return 1
    problems: list[Problem] = []
    cards = 0
    ids: list[tuple[str, list[tuple[str, int]]]] = []
    for path in paths:
        try:
            cards += len(load_deck(path).cards)
        except DeckError as exc:
            problems.extend(exc.problems)
        ids.append((str(path), _ids(path)))
    # A deck checked alone still has to share the folder with the others: compare with them.
    checked = {p.resolve() for p in paths}
    ids += [(str(p), _ids(p)) for p in deck_files(env.decks_dir) if p.resolve() not in checked]
    problems.extend(id_clashes(ids, {str(p) for p in paths}))
    for problem in problems:
        env.print(problem)
    summary = f"{len(paths)} deck file(s), {cards} card(s), {len(problems)} problem(s)"
    env.err(summary)
    return 1 if problems else 0


def _ids(path: Path) -> list[tuple[str, int]]:
    try:
        return card_id_lines(read_deck_text(path))
    except DeckError:  # unreadable: reported by load_deck when it is checked
        return []
