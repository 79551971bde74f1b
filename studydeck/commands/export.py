"""``studydeck export anki|tsv``: cards (and, for Anki, their progress) out to Anki."""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from studydeck.anki.from_store import (
    collect_cards,
    deck_sources,
    deck_titles,
    settings_from_config,
)
from studydeck.commands._state import check_deck_folder, sync_decks
from studydeck.config import load_config
from studydeck.environment import Environment
from studydeck.errors import StudydeckError
from studydeck.paths import check_writable_file
from studydeck.store import Store

PROGRESS_FROM = 2000  # cards; smaller exports finish before a bar would be worth drawing


def run(args: Namespace, env: Environment) -> int:
    return {"anki": _run_anki, "tsv": _run_tsv}[args.format](args, env)


def _cards(args: Namespace, env: Environment):
    check_deck_folder(env)
    config = load_config(env.config_path)
    with Store.open_for_reading(env.data_dir) as store:
        report = sync_decks(env, store)
        for problem in report.problems:
            env.err(str(problem))
        cards = collect_cards(store, args.deck, deck_sources(store))
        titles = deck_titles(store)
    if not cards:
        raise StudydeckError(f"no cards to export (deck folder: {env.decks_dir})")
    return config, cards, titles


def _output(name: str, suffix: str, env: Environment) -> Path:
    """The file to write: its folder must exist (a typo must not create a tree of folders);
    a name without an extension gets ``suffix`` (Anki's file picker looks for it)."""
    out = check_writable_file(Path(name))
    if not out.suffix:
        out = check_writable_file(out.with_name(out.name + suffix))
        env.warn(f"{name} has no extension: writing {out}")
    if not out.parent.is_dir():
        why = "is not a folder" if out.parent.exists() else "does not exist"
        raise StudydeckError(f"{out}: cannot write ({out.parent} {why}); nothing was written")
    return out


def _run_anki(args: Namespace, env: Environment) -> int:
    from studydeck.anki.apkg_export import anki_module, write_apkg

    anki_module()  # fail fast, before reading anything, when the extra is missing
    out = _output(args.out, ".apkg", env)
    config, cards, titles = _cards(args, env)
    with _progress_bar(env, len(cards)) as progress, _write_errors(out):
        summary = write_apkg(
            cards,
            out,
            settings=settings_from_config(config),
            now=env.now(),
            with_scheduling=not args.no_scheduling,
            progress=progress,
            titles=titles,
        )
    what = "with scheduling" if summary.with_scheduling else "as new cards"
    env.print(
        f"wrote {out}: {summary.notes} card(s) in {summary.decks} deck(s), {what}, "
        f"{summary.reviews} review(s)"
    )
    return 0


def _run_tsv(args: Namespace, env: Environment) -> int:
    from studydeck.anki.tsv import write_tsv

    out = _output(args.out, ".txt", env)
    _, cards, _ = _cards(args, env)
    with _write_errors(out):
        count = write_tsv(cards, out)
    env.print(f"wrote {out}: {count} card(s) (Anki: File › Import; no scheduling)")
    return 0


@contextmanager
def _write_errors(out: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise StudydeckError(f"{out}: cannot write ({exc.strerror or exc})") from None


@contextmanager
def _progress_bar(env: Environment, total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr for long exports on a terminal; nothing otherwise."""
    isatty = getattr(env.stderr, "isatty", None)
    if total < PROGRESS_FROM or not (isatty and isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=env.stderr), transient=True) as bar:
        task = bar.add_task("exporting to Anki", total=total)
        yield lambda done, _total: bar.update(task, completed=done)
