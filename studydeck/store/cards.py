"""Cards and their state: reading cards, writing their FSRS state, suspending and burying."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from studydeck.errors import StudydeckError
from studydeck.store.connection import _translated
from studydeck.store.records import _CARD_COLUMNS, STATE_FIELDS, CardState, StoredCard

# Spelled once: an answer writes this on every review.
_SET_MEMORY = f"UPDATE cards SET {', '.join(f'{f} = ?' for f in STATE_FIELDS)} WHERE num = ?"

# The card (marked 0), then its siblings (1): the same note item (deck and source line), new
# or in review, not yet buried until then — the rows :meth:`Cards.bury_siblings` selects.
_CARD_AND_SIBLINGS = (
    f"SELECT 0, {_CARD_COLUMNS} FROM cards WHERE num = ?1 UNION ALL "
    f"SELECT 1, {_CARD_COLUMNS} FROM cards WHERE deck = (SELECT deck FROM cards WHERE num = ?1) "
    "AND source_line = (SELECT source_line FROM cards WHERE num = ?1) AND num != ?1 "
    "AND archived = 0 AND state IN (0, 2) AND buried_until < ?2"
)


class Cards:
    """Rows of the ``cards`` table (part of :class:`~studydeck.store.Store`). The plain setters
    write inside the caller's ``with store.write():``; the ``@_translated`` ones open their own."""

    db: sqlite3.Connection

    @staticmethod
    def _card(row: Sequence[Any]) -> StoredCard:
        memory = CardState(*row[13:21], bool(row[21]), bool(row[22]))
        return StoredCard(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], tuple(json.loads(row[7])),
            row[8], row[9], row[10], row[11], bool(row[12]), memory,
        )  # fmt: skip

    def _cards(self, where: str, params: Sequence[Any] | dict = (), tail: str = "") -> list:
        sql = f"SELECT {_CARD_COLUMNS} FROM cards WHERE {where} {tail}"
        return [self._card(r) for r in self.db.execute(sql, params)]

    @_translated
    def card(self, card_id: str) -> StoredCard | None:
        found = self._cards("id = ?", (card_id,))
        return found[0] if found else None

    @_translated
    def card_by_num(self, num: int) -> StoredCard | None:
        found = self._cards("num = ?", (num,))
        return found[0] if found else None

    @_translated
    def cards(self, deck: str | None = None, *, include_archived: bool = False) -> list:
        where = ["1" if include_archived else "archived = 0"]
        params: list[Any] = []
        if deck is not None:
            where.append("deck = ?")
            params.append(deck)
        return self._cards(" AND ".join(where), params, "ORDER BY deck, position")

    @_translated
    def cards_by_ids(self, card_ids: Iterable[str]) -> list[StoredCard]:
        """The cards (archived too) with these ids; unknown ids are left out."""
        ids = list(dict.fromkeys(card_ids))
        out: list[StoredCard] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            out += self._cards(f"id IN ({','.join('?' * len(chunk))})", chunk)
        return out

    def nums(self, card_ids: Sequence[str]) -> list[int]:
        """Integer keys for the ids, or an error naming every unknown id (nothing changed)."""
        nums, unknown = [], []
        for card_id in card_ids:
            row = self.db.execute("SELECT num FROM cards WHERE id = ?", (card_id,)).fetchone()
            (nums.append(row[0]) if row else unknown.append(card_id))
        if unknown:
            raise StudydeckError(f"no such card: {', '.join(unknown)} (nothing was changed)")
        return nums

    # ── writing (call inside `with store.write():`) ─────────────────────────

    def set_memory(self, num: int, memory: CardState) -> None:
        self.db.execute(_SET_MEMORY, (*memory.values(), num))

    def set_memories(self, memories: Sequence[tuple[int, CardState]]) -> None:
        """:meth:`set_memory` for many cards, as one statement (``optimize --apply``). When
        that rewrites most cards, the indexes over state columns are dropped and built again
        after it (one sort each instead of a b-tree update per card and index: half the time);
        inside the caller's transaction, so a failure rolls them back too."""
        assignments = ", ".join(f"{f} = ?" for f in STATE_FIELDS)
        total = self.db.execute("SELECT count(*) FROM cards").fetchone()[0]
        rebuilt = self._state_indexes() if len(memories) > max(total // 2, 10_000) else []
        for name, _ in rebuilt:
            self.db.execute(f'DROP INDEX "{name}"')
        self.db.executemany(
            f"UPDATE cards SET {assignments} WHERE num = ?",
            ((*memory.values(), num) for num, memory in memories),
        )
        for _, sql in rebuilt:
            self.db.execute(sql)

    def _state_indexes(self) -> list[tuple[str, str]]:
        """Name and CREATE statement of each index of ``cards`` that names a state column."""
        mentions = re.compile(rf"\b({'|'.join(STATE_FIELDS)})\b")
        rows = self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cards' "
            "AND sql IS NOT NULL"  # NULL: the UNIQUE constraint's own index
        )
        return [(name, sql) for name, sql in rows if mentions.search(sql)]

    @_translated
    def set_suspended(self, card_ids: Sequence[str], suspended: bool) -> None:
        with self.write():
            nums = self.nums(card_ids)
            self.db.executemany(
                "UPDATE cards SET suspended = ? WHERE num = ?", [(int(suspended), n) for n in nums]
            )

    # ── burying (siblings of an answered card; a new day brings them back) ──

    def card_and_siblings(self, num: int, until: int) -> tuple[StoredCard | None, list]:
        """Card ``num`` and the siblings an answer to it buries until ``until`` (as
        :meth:`bury_siblings` picks them), read in one statement: an answer's first read.
        Call inside ``with store.write():``, then :meth:`set_buried_until` on the siblings."""
        rows = self.db.execute(_CARD_AND_SIBLINGS, (num, until)).fetchall()
        card = next((self._card(r[1:]) for r in rows if r[0] == 0), None)
        if card is None or card.source_line is None:
            return card, []
        return card, [self._card(r[1:]) for r in rows if r[0] == 1]

    def bury_siblings(self, card: StoredCard, until: int) -> list[StoredCard]:
        """Bury the new and review cards from the same note item; return them as they were."""
        if card.source_line is None:
            return []
        siblings = self._cards(
            "deck = ? AND source_line = ? AND num != ? AND archived = 0 AND state IN (0, 2) "
            "AND buried_until < ?",
            (card.deck, card.source_line, card.num, until),
        )
        self.set_buried_until([s.num for s in siblings], until)
        return siblings

    def set_buried_until(self, nums: Iterable[int], until: int) -> None:
        nums = list(nums)
        if not nums:  # most answers bury nothing
            return
        self.db.executemany(
            "UPDATE cards SET buried_until = ? WHERE num = ?", [(until, n) for n in nums]
        )

    @_translated
    def count_buried(self, now: int, due_before: int, *, decks: Sequence[str]) -> int:
        """Cards of ``decks`` that today's queue would hold (new, or due before
        ``due_before``) but are buried past ``now``."""
        if not decks:
            return 0
        row = self.db.execute(
            "SELECT count(*) FROM cards WHERE archived = 0 AND suspended = 0 "
            "AND buried_until > ? AND (state = 0 OR due < ?) "
            f"AND deck IN ({','.join('?' * len(decks))})",
            [now, due_before, *decks],
        ).fetchone()
        return row[0]

    @_translated
    def unbury(self, now: int, *, decks: Sequence[str]) -> int:
        """Bring back every card of ``decks`` buried past ``now``; how many there were."""
        if not decks:
            return 0
        with self.write():
            return self.db.execute(
                "UPDATE cards SET buried_until = 0 WHERE buried_until > ? AND archived = 0 "
                f"AND deck IN ({','.join('?' * len(decks))})",
                [now, *decks],
            ).rowcount
