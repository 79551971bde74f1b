"""What Anki sync (:mod:`studydeck.anki.sync`) asks of the store: marks of where the review log and
the deck files stand, so a sync can tell what changed since the last one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from studydeck.store.connection import _translated
from studydeck.store.records import StoredCard


class SyncMarks:
    """Review keys and marks for sync (part of :class:`~studydeck.store.Store`)."""

    db: sqlite3.Connection

    @_translated
    def review_keys(self, card_ids: Iterable[str] | None = None) -> set[tuple[str, int]]:
        """(card id, second) of every review in our log (optionally of some cards only)."""
        sql = "SELECT c.id, r.reviewed_at FROM review_log r JOIN cards c ON c.num = r.card"
        if card_ids is None:
            return set(self.db.execute(sql))
        ids = list(card_ids)
        out: set[tuple[str, int]] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            where = f" WHERE c.id IN ({','.join('?' * len(chunk))})"
            out.update(self.db.execute(sql + where, chunk))
        return out

    @_translated
    def deck_fingerprint(self) -> str:
        """A hash of the deck files behind the cards table (paths, hashes, errors)."""
        import hashlib

        rows = self.db.execute(
            "SELECT path, sha256, coalesce(error, '') FROM deck_files ORDER BY path"
        ).fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    @_translated
    def review_mark(self) -> str:
        """Where the review log and the cards' flags stand: ``"<max review id>:<count>:<hash
        of suspended/leech flags>"``. Reviews after a mark are :meth:`reviewed_between`; a
        mark whose count or flags do not follow (a review deleted, a card suspended) means
        more than the new reviews changed."""
        import hashlib

        top, count = self.db.execute(
            "SELECT coalesce(max(id), 0), count(*) FROM review_log"
        ).fetchone()
        flags = self.db.execute(
            "SELECT group_concat(num || ':' || suspended || leech || archived, ',') "
            "FROM (SELECT num, suspended, leech, archived FROM cards "
            "WHERE suspended OR leech OR archived ORDER BY num)"
        ).fetchone()[0]
        digest = hashlib.sha256((flags or "").encode()).hexdigest()[:16]
        return f"{top}:{count}:{digest}"

    @_translated
    def reviews_between(self, after: int, upto: int) -> int:
        """How many review-log rows have an id in ``(after, upto]``."""
        row = self.db.execute(
            "SELECT count(*) FROM review_log WHERE id > ? AND id <= ?", (after, upto)
        ).fetchone()
        return int(row[0])

    @_translated
    def reviewed_between(self, after: int, upto: int) -> list[StoredCard]:
        """The cards (archived too) with a review-log row whose id is in ``(after, upto]``."""
        return self._cards(
            "num IN (SELECT card FROM review_log WHERE id > ? AND id <= ?)", (after, upto)
        )
