"""``studydeck import anki IN.apkg``: an Anki package into deck files and the review log."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from studydeck.config import load_config
from studydeck.environment import Environment
from studydeck.export.apkg_import import read_apkg
from studydeck.export.into_store import add_reviews, write_decks
from studydeck.schedule import Scheduler
from studydeck.store import Store


def run(args: Namespace, env: Environment) -> int:
    package = read_apkg(Path(args.package))
    if not package.decks:
        env.warn(f"{args.package}: no cards with text to import")
        return 1
    folder = Path(args.output) if args.output else env.decks_dir
    written = write_decks(package, folder, force=args.force)
    cards = sum(len(deck.cards) for deck in package.decks)
    for path in written:
        env.print(f"wrote {path}")
    if package.skipped:
        env.warn(f"skipped {package.skipped} card(s) without text (images or empty fields)")
    logged = sum(len(reviews) for reviews in package.reviews.values())
    if folder.resolve() != env.decks_dir.resolve():
        if logged:
            env.warn(
                f"review history ({logged} answers) not imported: the decks were written "
                f"outside the deck folder {env.decks_dir}"
            )
        env.print(f"imported {cards} card(s)")
        return 0
    with Store.open(env.data_dir) as store:
        report = store.sync_decks(folder)
        for problem in report.problems:
            env.err(str(problem))
        added = add_reviews(package, store, Scheduler(load_config(env.config_path)))
    env.print(f"imported {cards} card(s) and {added} review(s); FSRS state rebuilt from them")
    return 0
