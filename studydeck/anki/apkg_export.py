"""Write an Anki package (.apkg) with Anki's own engine, carrying scheduling and review history.

The package is built in a temporary Anki collection and exported from it. The notetype and
the deck preset get fixed ids (Anki's importer matches notetypes and presets by id), so
re-exports update notes in place instead of adding look-alike notetypes. Anki's API always
assigns fresh ids, so the builder collection's rows are renumbered in its database and the
collection is reopened before anything refers to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from studydeck.anki.fields import (
    FIELD_NAMES,
    anki_tags,
    deck_description,
    note_fields,
    note_tags,
    tag_order_comment,
)
from studydeck.anki.model import ExportCard, SchedulerSettings
from studydeck.anki.schedule import AnkiSchedule, anki_schedule, revlog_rows
from studydeck.anki.workdir import work_dir
from studydeck.errors import StudydeckError
from studydeck.paths import atomic_write_bytes

# Fixed ids: never change them, or every existing import of a studydeck deck would get a
# second notetype. They are millisecond timestamps from 2015, so no Anki-made id collides.
NOTETYPE_ID = 1_420_070_400_501
NOTETYPE_NAME = "studydeck"
FIELD_IDS = (1_420_070_400_511, 1_420_070_400_512, 1_420_070_400_513, 1_420_070_400_514)
TEMPLATE_ID = 1_420_070_400_521
# Bump when the template or CSS changes, so importers take the newer notetype.
NOTETYPE_MTIME = 1_767_225_600  # 2026-01-01
DECK_CONFIG_ID = 1_420_070_400_531
DECK_CONFIG_NAME = "studydeck (FSRS)"
PARENT_DECK = "studydeck"

REVLOG_CHUNK = 1000  # rows per INSERT: 9,000 parameters, well under SQLite's limit
NOTE_CHUNK = 500  # notes per add_notes call, so progress moves on big exports

Progress = Callable[[int, int], None]  # (done, total)

FRONT = """<div class="question">{{Question}}</div>
{{#Context}}<div class="context">{{Context}}</div>{{/Context}}"""
BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"""
CSS = """.card { font-family: sans-serif; font-size: 20px; line-height: 1.5; text-align: left;
  color: black; background-color: white; max-width: 40em; margin: 0 auto; }
.context { color: #777; font-size: 14px; margin-top: .5em; }
.source { color: #777; font-size: 13px; margin-top: 1em; }
.nightMode .context, .nightMode .source { color: #aaa; }
"""


@dataclass(frozen=True, slots=True)
class ExportSummary:
    notes: int
    decks: int
    reviews: int
    with_scheduling: bool


def anki_module(purpose: str = "exporting to Anki") -> Any:
    """Import Anki's engine lazily (an optional extra); a clear error when it is missing."""
    try:
        import anki.collection
    except ImportError:
        raise StudydeckError(
            f"{purpose} needs Anki's engine: pip install 'studydeck[anki]' "
            "(from a clone: pip install -e '.[anki]')"
        ) from None
    return anki


def write_apkg(
    cards: Sequence[ExportCard],
    out: Path,
    *,
    settings: SchedulerSettings,
    now: datetime,
    with_scheduling: bool = True,
    progress: Progress | None = None,
    tz: tzinfo | None = None,
    titles: Mapping[str, str] | None = None,
) -> ExportSummary:
    """Write ``cards`` to ``out`` (atomically). ``progress(done, total)`` counts notes;
    ``titles`` (deck → title) and each deck's note file go into its Anki description."""
    anki_module()
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    report = progress or (lambda done, total: None)
    out = Path(out)
    # Beside the output, hidden; a killed export's folder is swept by the next one.
    with work_dir(out.parent, f".{out.name}.tmp-") as tmp:
        path = str(tmp / "builder.anki2")
        col = Collection(path)
        try:
            add_fixed_notetype_and_preset(col, settings)
        finally:
            col.close()
        col = Collection(path)  # reopened: the backend caches notetypes and presets by id
        try:
            parent_id = _deck_id(col, PARENT_DECK)
            deck_ids = {
                name: _deck_id(col, f"{PARENT_DECK}::{name}", description)
                for name, description in _decks(cards, titles or {}).items()
            }
            card_ids = _add_notes(col, cards, deck_ids, now, report)
            reviews = 0
            if with_scheduling:
                _schedule_cards(col, cards, card_ids, settings, now, tz)
                reviews = _insert_revlog(col, cards, card_ids)
            package = tmp / "out.apkg"
            col.export_anki_package(
                out_path=str(package),
                options=ExportAnkiPackageOptions(
                    with_scheduling=with_scheduling,
                    with_deck_configs=True,
                    with_media=False,
                    legacy=False,
                ),
                limit=DeckIdLimit(parent_id),
            )
        finally:
            col.close()
        atomic_write_bytes(out, package.read_bytes())
    return ExportSummary(len(cards), len(deck_ids), reviews, with_scheduling)


def _decks(cards: Sequence[ExportCard], titles: Mapping[str, str]) -> dict[str, str]:
    """Deck name → its Anki description (title and note file), in name order."""
    sources = {item.deck: item.note_file for item in reversed(cards)}
    return {name: deck_description(titles.get(name, ""), sources[name]) for name in sorted(sources)}


def _deck_id(col: Any, name: str, description: str = "") -> int:
    deck_id = col.decks.id(name)
    deck = col.decks.get(deck_id)
    deck["conf"] = DECK_CONFIG_ID
    if description:
        deck["desc"] = description
    col.decks.save(deck)
    return deck_id


def add_fixed_notetype_and_preset(col: Any, settings: SchedulerSettings) -> None:
    models = col.models
    notetype = models.new(NOTETYPE_NAME)
    for name, field_id in zip(FIELD_NAMES, FIELD_IDS, strict=True):
        field = models.new_field(name)
        field["id"] = field_id  # field and template ids are kept as given
        models.add_field(notetype, field)
    template = models.new_template("Card 1")
    template.update(id=TEMPLATE_ID, qfmt=FRONT, afmt=BACK)
    models.add_template(notetype, template)
    notetype["css"] = CSS
    models.add(notetype)

    preset = col.decks.add_config(DECK_CONFIG_NAME)
    preset["fsrsParams6"] = list(settings.parameters)
    preset["desiredRetention"] = settings.desired_retention
    preset["new"]["delays"] = [step.total_seconds() / 60 for step in settings.learning_steps]
    preset["lapse"]["delays"] = [step.total_seconds() / 60 for step in settings.relearning_steps]
    preset["rev"]["maxIvl"] = settings.maximum_interval
    col.decks.update_config(preset)

    db = col.db
    old = notetype["id"]
    for table in ("fields", "templates"):
        db.execute(f"UPDATE {table} SET ntid = ? WHERE ntid = ?", NOTETYPE_ID, old)
    db.execute(
        "UPDATE notetypes SET id = ?, mtime_secs = ? WHERE id = ?",
        NOTETYPE_ID,
        NOTETYPE_MTIME,
        old,
    )
    db.execute("UPDATE templates SET mtime_secs = ? WHERE ntid = ?", NOTETYPE_MTIME, NOTETYPE_ID)
    db.execute("UPDATE deck_config SET id = ? WHERE id = ?", DECK_CONFIG_ID, preset["id"])
    col.set_config("fsrs", True)


def _add_notes(
    col: Any,
    cards: Sequence[ExportCard],
    deck_ids: dict[str, int],
    now: datetime,
    report: Progress,
) -> dict[str, int]:
    """Add one note per card; return studydeck card id → Anki card id."""
    from anki.collection import AddNoteRequest

    notetype = col.models.get(NOTETYPE_ID)
    total = len(cards)
    report(0, total)
    for start in range(0, total, NOTE_CHUNK):
        requests = []
        for item in cards[start : start + NOTE_CHUNK]:
            note = col.new_note(notetype)
            note.guid = item.card.id
            *fields, source = note_fields(item)
            note.fields = [*fields, source + tag_order_comment(anki_tags(item.card.tags))]
            note.tags = note_tags(item.card)
            requests.append(AddNoteRequest(note=note, deck_id=deck_ids[item.deck]))
        col.add_notes(requests)
        report(min(start + NOTE_CHUNK, total), total)
    # The importer updates a note only when it is newer than the one it has: stamp the
    # export time, not the builder's wall clock.
    col.db.execute("UPDATE notes SET mod = ?", int(now.timestamp()))
    return dict(col.db.all("SELECT n.guid, c.id FROM cards c JOIN notes n ON n.id = c.nid"))


def _schedule_cards(
    col: Any,
    cards: Sequence[ExportCard],
    card_ids: dict[str, int],
    settings: SchedulerSettings,
    now: datetime,
    tz: tzinfo | None,
) -> None:
    today = col.sched.today
    changed = []
    for item in cards:
        schedule = anki_schedule(item.progress, settings, now=now, today=today, tz=tz)
        if schedule is None:
            if item.progress.suspended:
                card = col.get_card(card_ids[item.card.id])
                card.queue = -1
                changed.append(card)
            continue
        card = col.get_card(card_ids[item.card.id])
        set_schedule(card, schedule, settings)
        changed.append(card)
    if changed:
        col.update_cards(changed, skip_undo_entry=True)


def set_schedule(card: Any, schedule: AnkiSchedule, settings: SchedulerSettings) -> None:
    """Give an Anki card our scheduling: queue, due, interval, counts and FSRS memory state."""
    from anki.cards import FSRSMemoryState

    card.type = schedule.type
    card.queue = schedule.queue
    card.due = schedule.due
    card.ivl = schedule.ivl
    card.factor = schedule.factor
    card.reps = schedule.reps
    card.lapses = schedule.lapses
    card.left = schedule.left
    if schedule.stability is not None and schedule.difficulty is not None:
        card.memory_state = FSRSMemoryState(
            stability=schedule.stability, difficulty=schedule.difficulty
        )
    card.desired_retention = settings.desired_retention
    card.decay = settings.decay
    card.last_review_time = schedule.last_review_secs


def _insert_revlog(col: Any, cards: Sequence[ExportCard], card_ids: dict[str, int]) -> int:
    taken: set[int] = set()
    rows = []
    for item in cards:
        rows.extend(revlog_rows(card_ids[item.card.id], item.reviews, taken))
    for start in range(0, len(rows), REVLOG_CHUNK):
        chunk = rows[start : start + REVLOG_CHUNK]
        values = ",".join(["(?,?,?,?,?,?,?,?,?)"] * len(chunk))
        params = [value for row in chunk for value in row]
        col.db.execute(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
            f"VALUES {values}",
            *params,
        )
    return len(rows)
