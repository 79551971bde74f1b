"""``studydeck check``: validate deck files, and their deck names and card ids against the whole
deck folder, by the rule the other commands load it by (see ``deck.folder_clashes``)."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from studydeck.commands._state import check_deck_folder
from studydeck.deck import deck_files, folder_clashes, inspect_deck
from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    if not args.decks_to_check and not check_deck_folder(env):
        return 0  # the default folder is missing: a first run, the hint says what to do
    named = [Path(p) for p in args.decks_to_check] or deck_files(env.decks_dir)
    if not named:
        env.warn(f"no deck files to check in {env.decks_dir}")
        return 1
    # A deck checked alone still has to share the folder with the others: whether a clash
    # skips it or another file depends on every file of the folder, so all are read.
    reports = [inspect_deck(path) for path in _in_folder_order(named, deck_files(env.decks_dir))]
    checked = {str(path) for path in named}
    problems = [p for report in reports if report.path in checked for p in report.problems]
    problems += folder_clashes(reports, checked)
    for problem in problems:
        env.print(problem)
    cards = sum(report.cards for report in reports if report.path in checked)
    summary = f"{len(checked)} deck file(s), {cards} card(s), {len(problems)} problem(s)"
    env.err(summary)
    return 1 if problems else 0


def _in_folder_order(named: list[Path], folder: list[Path]) -> list[Path]:
    """The named files and the rest of the folder, in the order the folder is loaded in (by
    file name). A named file outside the folder goes where its name would put it, after a
    folder file of the same name; a folder file is shown as it was named, if it was."""
    in_folder = {path.resolve(): path for path in folder}
    places = {real: (path.name, 0, path) for real, path in in_folder.items()}
    for path in named:
        real = path.resolve()
        home = in_folder.get(real)
        places[real] = (home.name, 0, path) if home else (path.name, 1, path)
    return [path for *_, path in sorted(places.values(), key=lambda place: place[:2])]
