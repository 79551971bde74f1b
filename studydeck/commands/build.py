"""``studydeck build``: markdown notes → one deck per note, ids kept across rebuilds."""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path

from studydeck.builder.build import (
    BuildResult,
    build_from_text,
    cyclic_gc_paused,
    near_duplicates,
    read_note,
)
from studydeck.deck import Deck, load_deck, save_deck
from studydeck.environment import Environment
from studydeck.errors import DeckError, StudydeckError
from studydeck.text import strip_controls


def run(args: Namespace, env: Environment) -> int:
    out_dir = Path(args.output) if args.output else env.decks_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise StudydeckError(f"{out_dir}: not a folder")
    notes = [Path(n) for n in args.notes]
    stems: dict[str, Path] = {}
    for note in notes:
        first = stems.setdefault(note.stem, note)
        if first != note:
            raise StudydeckError(f"{first} and {note} would both write the deck {note.stem!r}")
    # Read every note and previous deck before building or writing anything: one bad input
    # stops the run with nothing written (never some decks written, then exit 1).
    inputs = []
    failures = []
    for note in notes:
        target = out_dir / f"{note.stem}.yaml"
        try:
            text, warnings = read_note(note)
            inputs.append((note, target, text, warnings, _previous(target)))
        except StudydeckError as exc:
            failures.append(str(exc))
    if failures:
        for failure in failures[:-1]:
            env.warn(f"error: {failure}")
        raise StudydeckError(f"{failures[-1]} (no deck written)")
    progress = len(notes) > 1 and _is_tty(env.stderr)
    results: list[tuple[Path, Path, BuildResult]] = []
    for index, (note, target, text, warnings, previous) in enumerate(inputs, 1):
        if progress:
            name = strip_controls(note.name)[:60]  # the only user text; the \r is ours
            env.stderr.write(f"\r[{index}/{len(notes)}] {name:<60}")
            env.stderr.flush()
        result = build_from_text(
            text,
            note.stem,
            note_source(note, out_dir),
            previous,
            with_metadata="metadata" in getattr(args, "with_", ()),
        )
        result.report.warnings[:0] = warnings
        results.append((note, target, result))
    if progress:
        env.stderr.write("\r" + " " * 72 + "\r")  # ours: no user text
    for note, target, result in results:
        try:
            with cyclic_gc_paused():  # the YAML dump of a big deck suffers from GC rescans too
                save_deck(result.deck, target)
        except OSError as exc:
            raise StudydeckError(
                f"{target}: cannot write the deck: {exc.strerror or exc}"
            ) from None
        report = result.report
        extra = f", {report.archived} archived" if report.archived > 0 else ""
        env.err(f"{note}: {len(result.deck.cards)} cards{extra} -> {target}")
        for warning in report.warnings:
            env.warn(f"{note}: {warning}")
        if args.report:
            _print_report(env, result)
    if args.report:
        for line in near_duplicates([r.deck for _, _, r in results]):
            env.print(f"near-duplicate: {line}")
    return 0


def note_source(note: Path, deck_folder: Path) -> str:
    """The deck's ``source:``: the note's path relative to the deck folder, with forward
    slashes (``x.md`` beside the deck, ``../notes/x.md``), so ``e`` in the study UI finds it
    from any working directory and on any OS; the bare name where no relative path exists
    (another drive on Windows)."""
    try:
        relative = os.path.relpath(os.path.abspath(note), os.path.abspath(deck_folder))
    except ValueError:
        return note.name
    return Path(relative).as_posix()


def _previous(target: Path) -> Deck | None:
    if not target.exists():
        return None
    try:
        return load_deck(target)
    except DeckError as exc:
        raise StudydeckError(
            f"{exc.problems[0]} (the previous deck keeps card ids; fix or remove it)"
        ) from None


def _print_report(env: Environment, result: BuildResult) -> None:
    report = result.report
    env.print(f"== {report.note}: {len(result.deck.cards)} cards, {len(report.rejected)} rejected")
    for kind, count in sorted(report.per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        env.print(f"  {kind:<20} {count:>5}")
    for rejection in report.rejected:
        env.print(f"  rejected {rejection}")


def _is_tty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
