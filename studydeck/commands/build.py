"""``studydeck build``: markdown notes → one deck per note, ids kept across rebuilds; a folder
of notes is built incrementally (see :mod:`studydeck.builder.folder`)."""

from __future__ import annotations

import hashlib
import os
from argparse import Namespace
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studydeck.builder.folder import BuildCache, fingerprint, folder_notes
from studydeck.deck import Deck, load_deck, save_deck
from studydeck.environment import Environment
from studydeck.errors import DeckError, StudydeckError
from studydeck.text import strip_controls

if TYPE_CHECKING:
    from studydeck.builder.build import BuildResult


@dataclass(slots=True)
class _Job:
    note: Path
    name: str  # the deck name
    target: Path  # its deck file
    cached: bool  # found in a folder: built only when it changed (the build cache)
    seen: os.stat_result | None = None  # the note's stat before it was read
    sha256: str = ""


def run(args: Namespace, env: Environment) -> int:
    out_dir = Path(args.output) if args.output else env.decks_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise StudydeckError(f"{out_dir}: not a folder")
    with_metadata = "metadata" in getattr(args, "with_", ())
    jobs = _jobs(args.notes, out_dir)
    cache = BuildCache(out_dir) if any(job.cached for job in jobs) else None
    builder = fingerprint(("metadata",) if with_metadata else ()) if cache else ""
    skipped = []
    if cache is not None and not getattr(args, "force", False):
        skipped = [j for j in jobs if j.cached and cache.fresh(j.note, j.target, builder)]
        if skipped:
            fresh = {id(job) for job in skipped}
            jobs = [job for job in jobs if id(job) not in fresh]
    if cache is not None and not jobs:  # all unchanged: no builder needed (~0.5 s of imports)
        cache.save()  # the stats of touched notes
        _report_cache(env, args, cache, skipped)
        return 0
    from studydeck.builder.build import build_from_text, near_duplicates, read_note

    # Read every note and previous deck before building or writing anything: one bad input
    # stops the run with nothing written (never some decks written, then exit 1).
    inputs = []
    failures = []
    for job in jobs:
        try:
            if job.cached:
                job.seen, job.sha256 = _seen(job.note)
            text, warnings = read_note(job.note)
            inputs.append((job, text, warnings, _previous(job.target)))
        except StudydeckError as exc:
            failures.append(str(exc))
    if failures:
        for failure in failures[:-1]:
            env.warn(f"error: {failure}")
        raise StudydeckError(f"{failures[-1]} (no deck written)")
    progress = len(jobs) > 1 and _is_tty(env.stderr)
    results: list[tuple[_Job, BuildResult]] = []
    for index, (job, text, warnings, previous) in enumerate(inputs, 1):
        if progress:
            name = strip_controls(job.note.name)[:60]  # the only user text; the \r is ours
            env.stderr.write(f"\r[{index}/{len(jobs)}] {name:<60}")
            env.stderr.flush()
        result = build_from_text(
            text,
            job.name,
            note_source(job.note, job.target.parent),
            previous,
            with_metadata=with_metadata,
        )
        result.report.warnings[:0] = warnings
        results.append((job, result))
    if progress:
        env.stderr.write("\r" + " " * 72 + "\r")  # ours: no user text
    try:
        for job, result in results:
            _write(job, result, env, args)
            if cache is not None and job.cached and job.seen is not None:
                cache.record(job.note, job.seen, job.sha256, job.target, builder)
    finally:
        if cache is not None:
            cache.save()
    if cache is not None:
        _report_cache(env, args, cache, skipped)
    if args.report:
        for line in near_duplicates([r.deck for _, r in results]):
            env.print(f"near-duplicate: {line}")
    return 0


def _jobs(arguments: list[str], out_dir: Path) -> list[_Job]:
    """A job per note: files as named (deck = file stem), folders walked (deck = path)."""
    jobs: list[_Job] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = folder_notes(path)
            if not found:  # a typo'd folder, or the wrong one: say so rather than do nothing
                raise StudydeckError(f"{path}: no markdown notes (*.md) under this folder")
            jobs += [_Job(n.path, n.name, n.target(out_dir), cached=True) for n in found]
        else:
            jobs.append(_Job(path, path.stem, out_dir / f"{path.stem}.yaml", cached=False))
    names: dict[str, Path] = {}
    unique = []
    for job in jobs:
        first = names.setdefault(job.name, job.note)
        if first == job.note and len(unique) < len(names):
            unique.append(job)
        elif Path(os.path.abspath(first)) != Path(os.path.abspath(job.note)):
            raise StudydeckError(f"{first} and {job.note} would both write the deck {job.name!r}")
    return unique  # a note named twice (as a file and in its folder) is built once


def _seen(note: Path) -> tuple[os.stat_result | None, str]:
    """The note's stat, then the hash of its bytes (stat first: an edit after it is seen as
    a change next time)."""
    try:
        seen = note.stat()
        return seen, hashlib.sha256(note.read_bytes()).hexdigest()
    except OSError:
        return None, ""  # read_note reports it


def _write(job: _Job, result: BuildResult, env: Environment, args: Namespace) -> None:
    from studydeck.builder.build import cyclic_gc_paused

    try:
        with cyclic_gc_paused():  # the YAML dump of a big deck suffers from GC rescans too
            save_deck(result.deck, job.target)
    except OSError as exc:
        raise StudydeckError(
            f"{job.target}: cannot write the deck: {exc.strerror or exc}"
        ) from None
    report = result.report
    extra = f", {report.archived} archived" if report.archived > 0 else ""
    env.err(f"{job.note}: {len(result.deck.cards)} cards{extra} -> {job.target}")
    for warning in report.warnings:
        env.warn(f"{job.note}: {warning}")
    if args.report:
        _print_report(env, result)


def _report_cache(env: Environment, args: Namespace, cache: BuildCache, skipped) -> None:
    if skipped:
        env.err(
            f"skipped {len(skipped)} unchanged note(s): same text, same builder "
            f"(cache {cache.path}; --force rebuilds them)"
        )
        if args.report:
            for job in skipped:
                env.print(f"skipped (unchanged): {job.note} -> {job.target}")
    for target, note in cache.gone():
        env.warn(f"{target}: its note {note} is gone; the deck is kept (delete it to drop it)")


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
