"""The deck cache: deck files parsed once and kept in the database by size, mtime and hash.

:meth:`DeckCache.sync_decks` brings the ``cards`` table up to date with the deck folder without
re-parsing unchanged YAML; the ``deck_files`` table remembers each file's deck name or problems.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studydeck.errors import Problem
from studydeck.store.connection import _translated
from studydeck.store.records import SyncReport

# Cards a session may show: not archived, from a deck file that loaded cleanly.
_AVAILABLE = "archived = 0 AND deck IN (SELECT deck FROM deck_files WHERE error IS NULL)"


class DeckCache:
    """Deck files and their cached parse (part of :class:`~studydeck.store.Store`)."""

    db: sqlite3.Connection
    _sources: dict[str, str | None]

    @_translated
    def deck_names(self) -> list[str]:
        """Decks that loaded cleanly, by name."""
        rows = self.db.execute(
            "SELECT deck FROM deck_files WHERE error IS NULL AND deck IS NOT NULL ORDER BY deck"
        )
        return [r[0] for r in rows]

    @_translated
    def deck_path(self, deck: str) -> Path | None:
        """The file a cleanly loaded deck comes from."""
        row = self.db.execute(
            "SELECT path FROM deck_files WHERE deck = ? AND error IS NULL", (deck,)
        ).fetchone()
        return Path(row[0]) if row else None

    def skipped_deck_problems(self, deck: str) -> list[Problem]:
        """Why a deck named ``deck`` was skipped at the last sync (empty if no skipped file is
        that deck): a file whose ``deck:`` is that name, or, when the header cannot be read,
        whose file name is."""
        rows = self.db.execute("SELECT path, error FROM deck_files WHERE error IS NOT NULL")
        for path, error in rows.fetchall():
            file = Path(path)
            if deck in (_header_value(file, "deck"), file.stem):
                return _problems(error, path)
        return []

    def deck_source(self, deck: str) -> str | None:
        """The deck's ``source:`` (its note file, as written in the deck), read from the deck
        file's header once per deck and sync."""
        if deck not in self._sources:
            path = self.deck_path(deck)
            self._sources[deck] = _header_source(path) if path else None
        return self._sources[deck]

    def deck_title(self, deck: str) -> str | None:
        """The deck's ``title:``, read from its file's header (like :meth:`deck_source`)."""
        path = self.deck_path(deck)
        return _header_value(path, "title") if path else None

    # ── deck sync (the cache that spares re-parsing unchanged YAML) ──────────

    @_translated
    def sync_decks(
        self, folder: Path, progress: Callable[[int, int, str], None] | None = None
    ) -> SyncReport:
        """Bring the cards table up to date with the deck files in ``folder``.

        Unchanged files (same size and mtime, or same hash) are not parsed. New cards come in
        as new; cards gone from their deck are archived with their state; returning ids get it
        back. Files with faults, or whose ids clash with another deck, are reported and skipped.
        ``progress(done, total, what)`` is called before each deck file is read, then stored.
        """
        report = SyncReport()
        self._sources.clear()
        cached, changes, gone, clashed, located = self._scan(folder, progress, report)
        if not changes and not gone:
            return _unchanged(report, clashed)
        with self.write():
            for key in gone:
                self._forget_file(key, report)
            self._apply_in_order(changes, clashed, located, cached, report, progress)
        return report

    @_translated
    def sync_if_unchanged(self, folder: Path) -> SyncReport | None:
        """:meth:`sync_decks` when no deck file in ``folder`` changed since the last sync (one
        stat per file; nothing parsed or written), else None: the caller runs the full sync
        (the TUI does, in a worker, while this spares a warm start that worker)."""
        report = SyncReport()
        _, changes, gone, clashed, _ = self._scan(folder, None, report)
        if changes or gone:
            return None
        self._sources.clear()
        return _unchanged(report, clashed)

    def _scan(self, folder: Path, progress, report: SyncReport):
        """Each deck file's stat against the cache: ``(cached rows, changed keys, gone keys,
        clashed files, located files)``; unchanged files with faults add their problems."""
        from studydeck.paths import deck_files

        cached = {
            row[0]: row
            for row in self.db.execute(
                "SELECT path, size, mtime_ns, sha256, deck, error, retry FROM deck_files"
            )
        }
        seen: set[str] = set()
        changes: list[str] = []  # keys of files to read: read one by one as they are stored
        clashed: list[tuple[Path, str, os.stat_result, Any]] = []
        located: dict[str, tuple[int, Path, os.stat_result]] = {}  # key → (folder order, …)
        files = deck_files(folder)
        for done, path in enumerate(files):
            if progress is not None:
                progress(done, len(files), path.name)
            key = str(path.resolve())
            seen.add(key)
            try:
                stat = path.stat()
            except OSError:
                continue
            located[key] = (done, path, stat)
            row = cached.get(key)
            if row and (row[1], row[2]) == (stat.st_size, stat.st_mtime_ns):
                if row[6]:
                    clashed.append((path, key, stat, row))
                elif row[5]:
                    report.problems.extend(_problems(row[5], key))
                continue
            changes.append(key)
        gone = [key for key in cached if key not in seen]
        return cached, changes, gone, clashed, located

    def _apply_in_order(self, changes, clashed, located, cached, report, progress) -> None:
        """Store the changed files and re-check the clashed ones in folder order, so that of
        two files claiming one deck name or card id the earlier one is loaded, whichever was
        there first (the rule ``check`` reports by): a loaded file that an earlier one claims
        from is pushed out, then checked again in its turn."""
        import heapq  # here, like the rest of the sync code: kept out of the store's header

        # Each file is read only when its turn comes, so one parsed deck is in memory at a time
        # (a first open of 100,000 cards: ~60 MB less at the peak).
        from studydeck.store.deck_reader import Prefetch

        queue = [(located[key][0], key) for key in changes]
        queue += [(located[key][0], key) for _, key, _, _ in clashed]
        heapq.heapify(queue)
        queued = {key for _, key in queue}
        pushed_out: set[str] = set()
        # Large first opens: the changed files are parsed ahead in worker processes.
        ahead = [located[key] for key in changes]  # (folder order, path, stat), in order
        prefetch = Prefetch([p for _, p, _ in ahead], sum(st.st_size for *_, st in ahead))
        try:
            while queue:
                _, key = heapq.heappop(queue)
                _, path, stat = located[key]
                if progress is not None:
                    progress(len(queued) - len(queue) - 1, len(queued), f"storing {path.name}")
                row = None if key in pushed_out else cached.get(key)  # None: parse it again
                change = self._read_deck(path, key, stat, row, report, prefetch)
                for rival in self._apply(change, report, located):
                    pushed_out.add(rival)
                    if rival not in queued:
                        queued.add(rival)
                        heapq.heappush(queue, (located[rival][0], rival))
        finally:
            prefetch.close()

    def _read_deck(self, path: Path, key: str, stat, row, report: SyncReport, prefetch=None):
        from studydeck.store.deck_reader import read_deck_file

        unchanged = row[3] if row and not row[5] else None  # touched but identical: no parse
        read = prefetch.take(path) if prefetch is not None else None
        digest, outcome = read if read is not None else read_deck_file(path, unless=unchanged)
        if not digest:
            return (key, stat, "", outcome)  # unreadable: its problems
        if digest == unchanged:
            return (key, stat, digest, None)  # just remember the stat
        report.parsed.append(key)
        return (key, stat, digest, outcome)

    def _forget_file(self, key: str, report: SyncReport) -> None:
        row = self.db.execute("SELECT deck FROM deck_files WHERE path = ?", (key,)).fetchone()
        self.db.execute("DELETE FROM deck_files WHERE path = ?", (key,))
        if row and row[0]:
            # Not when another file is loaded under that name now (this one was skipped).
            report.archived += self.db.execute(
                "UPDATE cards SET archived = 1 WHERE deck = ? AND archived = 0 AND NOT EXISTS "
                "(SELECT 1 FROM deck_files WHERE deck = ? AND error IS NULL)",
                (row[0], row[0]),
            ).rowcount

    def _apply(self, change, report: SyncReport, located) -> list[str]:
        """Store one read deck file; returns the loaded files it pushed out (see above)."""
        from studydeck.store.deck_reader import ParsedDeck

        key, stat, digest, outcome = change
        base = (key, stat.st_size, stat.st_mtime_ns, digest)
        upsert = (
            "INSERT INTO deck_files (path, size, mtime_ns, sha256, deck, error, retry) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
            "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, "
            "deck = coalesce(excluded.deck, deck), error = excluded.error, retry = excluded.retry"
        )
        if outcome is None:
            self.db.execute(
                "UPDATE deck_files SET size = ?, mtime_ns = ? WHERE path = ?",
                (stat.st_size, stat.st_mtime_ns, key),
            )
            return []
        if not isinstance(outcome, ParsedDeck):
            report.problems.extend(outcome)
            self.db.execute(upsert, (*base, None, "\n".join(map(str, outcome)), 0))
            return []
        name_rival, owners = self._rivals(outcome, key)
        rivals = self._rival_files(name_rival, owners)
        order = located[key][0]
        if any(located.get(rival, (-1,))[0] < order for rival in rivals):
            clashes = self._clashes(outcome, key, name_rival, owners)
            report.problems.extend(clashes)
            # Retried at every sync: the clash may go away when the *other* deck changes.
            self.db.execute(upsert, (*base, None, "\n".join(map(str, clashes)), 1))
            return []
        for rival in rivals:  # later files: out until they are checked again, after this one
            self.db.execute(
                "UPDATE deck_files SET error = ?, retry = 1 WHERE path = ?",
                (f"{rival}: pushed out by {key}", rival),
            )
        self.db.execute(upsert, (*base, outcome.name, None, 0))
        self._store_cards(outcome, report)
        self.db.execute(
            "UPDATE deck_files SET cards = (SELECT count(*) FROM cards WHERE deck = ? "
            "AND archived = 0) WHERE path = ?",
            (outcome.name, key),
        )
        return sorted(rivals)

    def _rivals(self, deck, key: str) -> tuple[str | None, dict[str, str]]:
        """The loaded file already named like ``deck``, and ``deck``'s card ids that other
        loaded decks own (id → deck)."""
        other = self.db.execute(
            "SELECT path FROM deck_files WHERE deck = ? AND path != ? AND error IS NULL",
            (deck.name, key),
        ).fetchone()
        # One query, driven by the deck's ids (CROSS JOIN keeps json_each outside, so each id
        # is one lookup in the id index; ``id IN (…)`` chunks let the planner scan by deck).
        owners: dict[str, str] = dict(
            self.db.execute(
                "SELECT c.id, c.deck FROM json_each(?) AS j CROSS JOIN cards AS c "
                "ON c.id = j.value WHERE c.deck != ? AND c.archived = 0 AND c.deck IN "
                "(SELECT deck FROM deck_files WHERE error IS NULL)",
                (_ids_json(deck), deck.name),
            ).fetchall()
        )
        # Ids still filed under the deck this file loaded as are no clash: it was renamed.
        own = self.db.execute(
            "SELECT deck FROM deck_files WHERE path = ? AND error IS NULL", (key,)
        ).fetchone()
        owners = {i: d for i, d in owners.items() if not own or d != own[0]}
        return (other[0] if other else None), owners

    def _rival_files(self, name_rival: str | None, owners: dict[str, str]) -> set[str]:
        files = {name_rival} if name_rival else set()
        for name in set(owners.values()):
            row = self.db.execute(
                "SELECT path FROM deck_files WHERE deck = ? AND error IS NULL", (name,)
            ).fetchone()
            files.update(row or ())
        return files

    def _clashes(self, deck, key: str, name_rival: str | None, owners: dict) -> list[Problem]:
        from studydeck.deck import Card, Deck, duplicate_ids

        if name_rival:
            message = f"deck name {deck.name!r} is already used by {name_rival}"
            return [Problem(key, _deck_name_line(deck.path), message)]
        stubs = [
            Deck(name, cards=[Card(i, "", "") for i, d in owners.items() if d == name])
            for name in sorted(set(owners.values()))
        ]
        return duplicate_ids([*stubs, deck.deck()])

    def _store_cards(self, deck, report: SyncReport) -> None:
        existing = {
            card_id: (name, archived)
            for card_id, name, archived in self.db.execute(
                "SELECT id, deck, archived FROM cards WHERE deck = ? UNION ALL "
                "SELECT c.id, c.deck, c.archived FROM json_each(?) AS j CROSS JOIN cards AS c "
                "ON c.id = j.value WHERE c.deck != ?",
                (deck.name, _ids_json(deck), deck.name),
            )
        }
        # A deck has few distinct tag sets: each is spelled as JSON once.
        tags_json = {tags: json.dumps(list(tags)) for tags in {c[4] for c in deck.active}}
        tags_json.update((tags, json.dumps(list(tags))) for tags in {c[4] for c in deck.archived})
        name, first_archived = deck.name, len(deck.active)
        rows = [
            (card_id, name, position, question, answer, kind, tags_json[tags], context,
             source_line, url, 0)
            for position, (card_id, question, answer, kind, tags, context, source_line, url)
            in enumerate(deck.active)
        ] + [
            (card_id, name, position, question, answer, kind, tags_json[tags], context,
             source_line, url, 1)
            for position, (card_id, question, answer, kind, tags, context, source_line, url)
            in enumerate(deck.archived, start=first_archived)
        ]  # fmt: skip
        if existing:  # else (a new deck, a first open) every active card is new
            for card_id, *_, archived in rows:
                previous = existing.get(card_id)
                if previous is None:
                    report.added += 1 - archived
                elif previous[1] and not archived:
                    report.restored += 1
        else:
            report.added += first_archived
        self.db.executemany(
            "INSERT INTO cards (id, deck, position, question, answer, kind, tags, context, "
            "source_line, url, archived) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE "
            "SET deck = excluded.deck, position = excluded.position, question = excluded.question,"
            " answer = excluded.answer, kind = excluded.kind, tags = excluded.tags, "
            "context = excluded.context, source_line = excluded.source_line, url = excluded.url, "
            "archived = excluded.archived",
            rows,
        )
        if not existing:
            return
        present = {row[0] for row in rows}
        gone = [
            (card_id,)
            for card_id, (owner, archived) in existing.items()
            if owner == deck.name and not archived and card_id not in present
        ]
        self.db.executemany("UPDATE cards SET archived = 1 WHERE id = ?", gone)
        report.archived += len(gone)


def _unchanged(report: SyncReport, clashed) -> SyncReport:
    """The report of a sync that found no file changed. An unchanged deck that clashed with
    another can only stop clashing when some other deck file changes, so it is re-read only
    then: until then its problems are the cached ones."""
    for _, key, _, row in clashed:
        report.problems.extend(_problems(row[5], key))
    return report


def _ids_json(deck) -> str:
    """The deck's card ids (active and archived) as a JSON list, for ``json_each``."""
    return json.dumps(deck.ids())


def _header_source(path: Path) -> str | None:
    return _header_value(path, "source")


def _header_value(path: Path, key: str) -> str | None:
    """``deck:``, ``source:``… sit in the deck's header (fixed key order), so only the head
    is read."""
    import yaml

    try:
        with path.open(encoding="utf-8") as handle:
            head = "".join(line for _, line in zip(range(6), handle, strict=False))
        header = yaml.safe_load(head.split("\ncards:")[0])
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = header.get(key) if isinstance(header, dict) else None
    return value if isinstance(value, str) and value else None


def _deck_name_line(path: Path | None) -> int | None:
    """The line of the top-level ``deck:`` key (deck files are small enough to scan)."""
    if path is None:
        return None
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.startswith("deck:"):
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _problems(text: str, key: str) -> list[Problem]:
    """Problems kept in the cache as lines of ``file:line: message``, turned back into objects."""
    out = []
    for line in text.splitlines():
        where, _, message = line.partition(": ")
        file, _, number = where.rpartition(":")
        if number.isdigit():
            out.append(Problem(file, int(number), message))
        else:
            out.append(Problem(where or key, None, message))
    return out
