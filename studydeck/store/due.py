"""The due queue's queries: the next learning, review or new card, and pool counts.

Policy (limits, order, siblings) lives in :mod:`studydeck.queue`. Each pool has its own partial
covering index (:data:`~studydeck.store.schema.QUEUE_POOLS`); a query names one pool, its decks
explicitly (available decks are listed once, in Python), and seeks that index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from studydeck.store.connection import _translated
from studydeck.store.records import StoredCard
from studydeck.store.schema import QUEUE_POOLS

# INDEXED BY pins each pool query to its index: without fresh statistics the planner may take
# cards_deck instead, which is not covering and sorts learning cards in a temp b-tree.
_POOL_TABLE = {pool: f"cards INDEXED BY cards_{pool}" for pool in QUEUE_POOLS}
_END_OF_TIME = 2**62  # as "now" in count_pool: every buried card counts too


class DueQueue:
    """Queue queries (part of :class:`~studydeck.store.Store`)."""

    db: sqlite3.Connection

    def _decks_or_available(self, decks: Sequence[str] | None) -> list[str]:
        return self.deck_names() if decks is None else list(decks)

    @staticmethod
    def _excluding(exclude: Iterable[int]) -> tuple[str, list[int]]:
        excluded = list(exclude)
        if not excluded:
            return "", []
        return f" AND num NOT IN ({','.join('?' * len(excluded))})", excluded

    @_translated
    def next_learning(
        self,
        due_by: int,
        now: int,
        *,
        decks: Sequence[str] | None = None,
        exclude: Iterable[int] = (),
    ) -> StoredCard | None:
        """The learning or relearning card due first, if due by ``due_by``."""
        names = self._decks_or_available(decks)
        if not names:
            return None
        skip, skipped = self._excluding(exclude)
        row = self.db.execute(
            f"SELECT num FROM {_POOL_TABLE['learning']} WHERE {QUEUE_POOLS['learning']} "
            f"AND due <= ? AND buried_until <= ? AND deck IN ({','.join('?' * len(names))})"
            f"{skip} ORDER BY due LIMIT 1",
            [due_by, now, *names, *skipped],
        ).fetchone()
        return self.card_by_num(row[0]) if row else None

    @_translated
    def next_review(
        self,
        due_before: int,
        now: int,
        *,
        decks: Sequence[str] | None = None,
        exclude: Iterable[int] = (),
    ) -> StoredCard | None:
        """The most overdue review-state card due before ``due_before`` (one index seek per
        deck, then the earliest of those)."""
        skip, skipped = self._excluding(exclude)
        sql = (
            f"SELECT num, due FROM {_POOL_TABLE['review']} WHERE {QUEUE_POOLS['review']} "
            f"AND deck = ? AND due < ? AND buried_until <= ?{skip} ORDER BY due LIMIT 1"
        )
        best: tuple[int, int] | None = None
        for name in self._decks_or_available(decks):
            row = self.db.execute(sql, [name, due_before, now, *skipped]).fetchone()
            if row and (best is None or row[1] < best[1]):
                best = row
        return self.card_by_num(best[0]) if best else None

    @_translated
    def next_new(
        self,
        now: int,
        *,
        decks: Sequence[str] | None = None,
        exclude: Iterable[int] = (),
    ) -> StoredCard | None:
        """The first new card in deck order (deck name, then position in the file)."""
        skip, skipped = self._excluding(exclude)
        sql = (
            f"SELECT num FROM {_POOL_TABLE['new']} WHERE {QUEUE_POOLS['new']} AND deck = ? "
            f"AND buried_until <= ?{skip} ORDER BY position LIMIT 1"
        )
        for name in sorted(self._decks_or_available(decks)):
            row = self.db.execute(sql, [name, now, *skipped]).fetchone()
            if row:
                return self.card_by_num(row[0])
        return None

    @_translated
    def count_pool(
        self,
        pool: str,
        deck: str,
        due_before: int,
        now: int,
        *,
        limit: int | None = None,
        exclude: Iterable[int] = (),
    ) -> int:
        """Cards of one deck in one queue pool (``learning``/``review`` due before
        ``due_before``; ``new``), not buried, counting no further than ``limit``."""
        skip, skipped = self._excluding(exclude)
        due = "" if pool == "new" else " AND due < ?"
        args: list[Any] = [deck, *([due_before] if due else []), now, *skipped]
        if limit is not None:
            args.append(max(limit, 0))
        row = self.db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {_POOL_TABLE[pool]} WHERE {QUEUE_POOLS[pool]} "
            "AND deck = ?"
            f"{due} AND buried_until <= ?{skip}{' LIMIT ?' if limit is not None else ''})",
            args,
        ).fetchone()
        return row[0]

    @_translated
    def deck_totals(self) -> dict[str, dict[str, Any]]:
        """Per available deck: total cards, suspended, and the next due time of seen cards.
        The total is kept at sync time; the rest are index seeks, not scans of the deck."""
        totals = {}
        for name, total in self.db.execute(
            "SELECT deck, cards FROM deck_files WHERE error IS NULL AND deck IS NOT NULL"
        ).fetchall():
            suspended, next_due = self.db.execute(
                "SELECT (SELECT count(*) FROM cards WHERE deck = ?1 AND archived = 0 "
                "AND suspended = 1), (SELECT min(due) FROM cards WHERE deck = ?1 "
                "AND archived = 0 AND suspended = 0)",
                (name,),
            ).fetchone()
            totals[name] = {"total": total, "suspended": suspended, "next_due": next_due}
        return totals

    @_translated
    def count_due_by(self, moment: int, *, deck: str | None = None) -> int:
        """Seen cards (learning or review, buried or not) due before ``moment``: the queue
        indexes, deck by deck."""
        names = [d for d in self.deck_names() if deck is None or d == deck]
        return sum(
            self.count_pool(pool, name, moment, _END_OF_TIME)
            for name in names
            for pool in ("learning", "review")
        )
