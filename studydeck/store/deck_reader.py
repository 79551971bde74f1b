"""Reading the deck files a sync must parse: in worker processes when there is much to read.

A first open of a large collection (100,000 cards in 10 files, 30 MB of YAML) spends most of
its time parsing. The files are independent, so :class:`Prefetch` parses them in worker
processes (fork, on machines with more than one core, only when the changed files add up to
several MB and the process has no other threads), in folder order, while the sync stores the
ones already read. Each worker sends back the text's hash and the deck as plain tuples (cheap
to pickle), which the sync stores as they are (:class:`ParsedDeck`): the rows of the very deck
``parse_deck`` gives in this process. A file whose worker failed is simply read here.
"""

from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

PARALLEL_BYTES = 4_000_000  # below this, starting workers costs more than it saves
MAX_WORKERS = 4

Read = tuple[str, Any]  # (sha256 of the text or "", ParsedDeck or list of Problems)


class ParsedDeck:
    """A parsed deck as the sync stores it: its header and its cards as rows of
    :data:`~studydeck.deck_fast.CARD_FIELDS`, active then archived. From the fast path it
    holds no :class:`~studydeck.deck.Card` objects at all (100,000 of them cost ~0.2 s to
    build, only to be turned back into rows); :meth:`deck` makes the real deck when a clash
    must be reported."""

    __slots__ = ("active", "archived", "name", "path", "source", "title")

    def __init__(self, name, title, source, active: list[tuple], archived: list[tuple], path):
        self.name, self.title, self.source = name, title, source
        self.active, self.archived, self.path = active, archived, path

    @classmethod
    def of(cls, deck) -> ParsedDeck:
        return cls(deck.name, deck.title, deck.source, _rows(deck.cards), _rows(deck.archived),
                   deck.path)  # fmt: skip

    def ids(self) -> list[str]:
        return [row[0] for row in self.active] + [row[0] for row in self.archived]

    def deck(self):
        from studydeck.deck import Card, Deck
        from studydeck.deck_fast import CARD_FIELDS

        def cards(rows: list[tuple]) -> list[Card]:
            return [Card(**dict(zip(CARD_FIELDS, row, strict=True))) for row in rows]

        return Deck(self.name, self.title, self.source, cards(self.active),
                    cards(self.archived), path=self.path)  # fmt: skip


def read_deck_file(path: Path, unless: str | None = None) -> Read:
    """What the sync needs of one changed deck file: its hash and its parsed deck or faults
    (``None`` when the hash is ``unless``: touched but unchanged, not parsed)."""
    from studydeck.deck import parse_deck_safely, read_deck_text
    from studydeck.deck_fast import fast_deck_rows
    from studydeck.errors import DeckError

    try:
        text = read_deck_text(path)
    except DeckError as exc:
        return "", exc.problems
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest == unless:
        return digest, None
    rows = fast_deck_rows(text)  # the fast path's rows are stored as they come
    if rows is not None:
        return digest, ParsedDeck(*rows, path=path)
    try:
        deck = parse_deck_safely(text, str(path))
    except DeckError as exc:
        return digest, exc.problems
    deck.path = path
    return digest, ParsedDeck.of(deck)


def _in_worker(path: str) -> tuple[str, Any]:
    digest, outcome = read_deck_file(Path(path))
    if isinstance(outcome, ParsedDeck):  # plain tuples: cheap to pickle
        deck = outcome
        return digest, (deck.name, deck.title, deck.source, deck.active, deck.archived)
    return digest, outcome


def _rows(cards) -> list[tuple]:
    return [
        (c.id, c.question, c.answer, c.kind, c.tags, c.context, c.source_line, c.url) for c in cards
    ]


class Prefetch:
    """Parses ``paths`` ahead in worker processes when that pays; :meth:`take` hands each
    result over (``None``: not prefetched, read it here)."""

    def __init__(self, paths: list[Path], total_bytes: int) -> None:
        self._futures: dict[Path, Future] = {}
        self._pool: ProcessPoolExecutor | None = None
        workers = min(len(paths), os.cpu_count() or 1, MAX_WORKERS)
        if workers < 2 or total_bytes < PARALLEL_BYTES or not _may_fork():
            return
        import multiprocessing

        try:
            self._pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork")
            )
            self._futures = {path: self._pool.submit(_in_worker, str(path)) for path in paths}
        except (OSError, ValueError):  # no processes to be had: read in this one
            self.close()

    def take(self, path: Path) -> Read | None:
        future = self._futures.pop(path, None)
        if future is None:
            return None
        try:
            digest, outcome = future.result()
        except Exception:  # a worker died (memory?): this process reads the file itself
            return None
        if isinstance(outcome, tuple):
            outcome = ParsedDeck(*outcome, path=path)
        return digest, outcome

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures.clear()


def _may_fork() -> bool:
    """Forking is safe only in a process with no other threads (the TUI has some)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
