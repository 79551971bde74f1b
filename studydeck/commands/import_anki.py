"""``studydeck import anki IN.apkg``: an Anki package into deck files and the review log."""

from __future__ import annotations

import shlex
from argparse import Namespace
from pathlib import Path

from studydeck.anki.apkg_import import ImportedPackage, read_apkg
from studydeck.anki.into_store import add_reviews, write_decks
from studydeck.config import load_config
from studydeck.environment import Environment
from studydeck.schedule import Scheduler
from studydeck.store import Store

LOCAL_DECKS = Path("decks")  # the deck folder whenever it exists (see studydeck.paths)


def run(args: Namespace, env: Environment) -> int:
    package = read_apkg(Path(args.package))
    if not package.decks:
        env.warn(f"{args.package}: no cards with text to import")
        return 1
    folder = Path(args.output) if args.output else env.decks_dir
    cards = sum(len(deck.cards) for deck in package.decks)
    if not _is_deck_folder(folder, env):
        for path in write_decks(package, folder, force=args.force):
            env.print(f"wrote {path}")
        _warn_skipped(package, env)
        _warn_history_left_out(package, folder, args, env)
        env.print(f"imported {cards} card(s)")
        return 0
    with Store.open(env.data_dir) as store:
        if folder.resolve() == env.decks_dir.resolve():
            store.sync_decks(folder)  # up to date before the check (its problems come below)

        def deck_of(card_id: str) -> str | None:
            card = store.card(card_id)
            return card.deck if card is not None else None

        written = write_decks(package, folder, force=args.force, known_ids=deck_of)
        for path in written:
            env.print(f"wrote {path}")
        _warn_skipped(package, env)
        report = store.sync_decks(folder)
        for problem in report.problems:
            env.err(str(problem))
        added = add_reviews(package, store, Scheduler(load_config(env.config_path)))
    if folder.resolve() != env.decks_dir.resolve():
        env.warn(f"{folder} is now the deck folder (studydeck uses ./decks whenever it exists)")
    env.print(f"imported {cards} card(s) and {added} review(s); FSRS state rebuilt from them")
    return 0


def _is_deck_folder(folder: Path, env: Environment) -> bool:
    """Whether ``folder`` is, or becomes once written, the deck folder: ``./decks`` is the
    deck folder as soon as it exists, unless --decks or $STUDYDECK_DECKS names another."""
    if folder.resolve() == env.decks_dir.resolve():
        return True
    return env.decks_named_by is None and folder.resolve() == LOCAL_DECKS.resolve()


def _warn_skipped(package: ImportedPackage, env: Environment) -> None:
    if package.skipped:
        env.warn(f"skipped {package.skipped} card(s) without text (images or empty fields)")


def _warn_history_left_out(
    package: ImportedPackage, folder: Path, args: Namespace, env: Environment
) -> None:
    logged = sum(len(reviews) for reviews in package.reviews.values())
    if not logged:
        return
    again = shlex.join(["studydeck", "--decks", str(folder), "import", "anki", args.package])
    env.warn(
        f"review history ({logged} answers) not imported: {folder} is not the deck folder "
        f"({env.decks_dir}); to study these decks with it, run: {again} --force"
    )
