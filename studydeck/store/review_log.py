"""The review log: append-only rows (card, time, rating, duration, state before and after).

Undo deletes the last row and restores the state before it; replaying a card's rows rebuilds
its state (:mod:`studydeck.schedule`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from studydeck.store.connection import _translated
from studydeck.store.records import (
    _LOG_COLUMNS,
    _LOG_STATE_COLUMNS,
    STATE_FIELDS,
    CardState,
    Review,
    Today,
)

# Spelled once: an answer writes this on every review.
_ADD_REVIEW = (
    f"INSERT INTO review_log (card, reviewed_at, rating, duration_ms, {_LOG_STATE_COLUMNS}, "
    f"buried) VALUES ({','.join('?' * (5 + 2 * len(STATE_FIELDS)))})"
)


class ReviewLog:
    """Reading and appending review-log rows (part of :class:`~studydeck.store.Store`)."""

    db: sqlite3.Connection

    @staticmethod
    def _review(row: Sequence[Any]) -> Review:
        n = len(STATE_FIELDS)

        def state(values: Sequence[Any]) -> CardState:
            return CardState(*values[:8], bool(values[8]), bool(values[9]))

        buried = {int(k): v for k, v in json.loads(row[6 + 2 * n]).items()}
        return Review(*row[:6], state(row[6 : 6 + n]), state(row[6 + n : 6 + 2 * n]), buried)

    @_translated
    def reviews(self, card_id: str | None = None, *, since: int | None = None) -> list[Review]:
        """Review-log rows in the order they were written (optionally one card's, or since)."""
        where, params = ["1"], []
        if card_id is not None:
            where.append("c.id = ?")
            params.append(card_id)
        if since is not None:
            where.append("r.reviewed_at >= ?")
            params.append(since)
        sql = (
            f"SELECT {_LOG_COLUMNS} FROM review_log r JOIN cards c ON c.num = r.card "
            f"WHERE {' AND '.join(where)} ORDER BY r.id"
        )
        return [self._review(r) for r in self.db.execute(sql, params)]

    def review_by_id(self, review_id: int) -> Review | None:
        sql = f"SELECT {_LOG_COLUMNS} FROM review_log r JOIN cards c ON c.num = r.card WHERE r.id=?"
        row = self.db.execute(sql, (review_id,)).fetchone()
        return self._review(row) if row else None

    def last_review_id(self, num: int) -> int | None:
        row = self.db.execute("SELECT max(id) FROM review_log WHERE card = ?", (num,)).fetchone()
        return row[0]

    @_translated
    def today(self, day_start: int, day_end: int) -> Today:
        """Answers given in ``[day_start, day_end)``: rows dated later (a clock set back,
        imported future rows) are not today's."""
        row = self.db.execute(
            "SELECT count(*), total(before_state = 0), total(before_state = 2) FROM review_log "
            "WHERE reviewed_at >= ? AND reviewed_at < ? AND rating > 0",
            (day_start, day_end),
        ).fetchone()
        return Today(int(row[0]), int(row[1]), int(row[2]))

    @_translated
    def today_by_deck(self, day_start: int, day_end: int) -> dict[str, Today]:
        """:meth:`today` per deck (the daily limits are per deck, like Anki's deck options)."""
        rows = self.db.execute(
            "SELECT c.deck, count(*), total(r.before_state = 0), total(r.before_state = 2) "
            "FROM review_log r CROSS JOIN cards c ON c.num = r.card "  # CROSS: today's log rows
            "WHERE r.reviewed_at >= ? AND r.reviewed_at < ? AND r.rating > 0 "  # first, then
            "GROUP BY c.deck",  # their cards
            (day_start, day_end),
        )
        return {deck: Today(int(n), int(new), int(rev)) for deck, n, new, rev in rows}

    # ── writing (call inside `with store.write():`) ─────────────────────────

    def add_review(
        self,
        num: int,
        reviewed_at: int,
        rating: int,
        duration_ms: int | None,
        before: CardState,
        after: CardState,
        buried: dict[int, int] | None = None,
    ) -> int:
        cursor = self.db.execute(
            _ADD_REVIEW,
            (
                num, reviewed_at, rating, duration_ms, *before.values(), *after.values(),
                json.dumps(buried) if buried else "{}",
            ),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def delete_review(self, review_id: int) -> None:
        self.db.execute("DELETE FROM review_log WHERE id = ?", (review_id,))
