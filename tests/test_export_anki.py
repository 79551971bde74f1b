"""Export to .apkg, checked by importing each package into a fresh collection with Anki's engine."""

from __future__ import annotations

import dataclasses
import os
import random
import sys
import time
from datetime import UTC, timedelta

import fsrs
import pytest
from anki_helpers import NOW, export_card, make_cards, simulate, state_of

from studydeck.anki.apkg_export import (
    DECK_CONFIG_ID,
    NOTETYPE_ID,
    write_apkg,
)
from studydeck.anki.model import CardState, ExportCard, Review, SchedulerSettings, study_day
from studydeck.anki.schedule import revlog_factor
from studydeck.deck import Card
from studydeck.errors import StudydeckError

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection

SETTINGS = SchedulerSettings(desired_retention=0.85)
NASTY = "<script>alert('x')</script> & <b>bold</b> [bold]x[/bold]"


@pytest.fixture(scope="module", autouse=True)
def _utc_local_time():
    """Anki counts days in local time; pin it so due-day expectations are exact."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def import_apkg(col, path):
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(path),
        options=anki_collection.ImportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True
        ),
    )
    return col.import_anki_package(request)


def fresh_collection(folder):
    col = Collection(str(folder / "target.anki2"))
    col.set_config("fsrs", True)
    return col


def history(ratings_and_times):
    """A card reviewed with fsrs at the given (rating, time) pairs."""
    scheduler = fsrs.Scheduler(parameters=SETTINGS.parameters, enable_fuzzing=False)
    card = fsrs.Card()
    reviews, lapses = [], 0
    for rating, moment in ratings_and_times:
        before = state_of(card)
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), moment)
        lapses += before is CardState.REVIEW and rating == 1
        reviews.append(
            Review(moment, rating, 4000, before, state_of(card), card.due - moment, card.difficulty)
        )
    return card, reviews, lapses


def special_cards() -> list[ExportCard]:
    day = timedelta(days=1)
    out = [
        ExportCard(
            Card(
                id="sp-html",
                question=NASTY,
                answer="line one\nline two",
                tags=("machine learning", "html"),
                context="papers › tricky",
                source_line=7,
                url="https://arxiv.org/abs/1810.04805",
            ),
            deck="tricky",
            note_file="transformers.md",
        ),
        ExportCard(
            Card(id="sp-math", question="What is $\\alpha < \\beta$?", answer="$$x^2$$ and $5"),
            deck="tricky",
            note_file="math.md",
        ),
        ExportCard(
            Card(id="sp-js", question="Q?", answer="A", url="javascript:alert(1)"), deck="tricky"
        ),
        ExportCard(
            Card(id="sp-new-suspended", question="Q?", answer="A"),
            deck="tricky",
            progress=dataclasses.replace(
                ExportCard(Card("x", "q", "a"), "d").progress, suspended=True
            ),
        ),
    ]
    # learning: first seen a minute ago and failed → due in an intraday step
    card, reviews, lapses = history([(1, NOW - timedelta(seconds=30))])
    out.append(
        export_card(
            Card(id="sp-learning", question="Q?", answer="A"), "tricky", card, reviews, lapses
        )
    )
    # relearning: graduated, reviewed, then failed just now
    card, reviews, lapses = history(
        [
            (3, NOW - 20 * day),
            (3, NOW - 20 * day + timedelta(minutes=10)),
            (1, NOW - timedelta(minutes=2)),
        ]
    )
    out.append(
        export_card(
            Card(id="sp-relearning", question="Q?", answer="A"), "tricky", card, reviews, lapses
        )
    )
    # a reviewed card that the user suspended
    card, reviews, lapses = history([(4, NOW - 10 * day), (3, NOW - 2 * day)])
    out.append(
        export_card(
            Card(id="sp-suspended", question="Q?", answer="A"),
            "tricky",
            card,
            reviews,
            lapses,
            suspended=True,
        )
    )
    return out


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """One export of varied cards in two decks, imported into a fresh collection."""
    folder = tmp_path_factory.mktemp("apkg")
    cards = make_cards(60, seed=7, now=NOW) + special_cards()
    summary = write_apkg(cards, folder / "out.apkg", settings=SETTINGS, now=NOW, tz=UTC)
    col = fresh_collection(folder)
    import_apkg(col, folder / "out.apkg")
    by_guid = {
        guid: col.get_card(cid)
        for guid, cid in col.db.all("SELECT n.guid, c.id FROM cards c JOIN notes n ON n.id = c.nid")
    }
    yield cards, summary, col, by_guid
    col.close()


def test_every_card_arrives_once_with_its_id_as_guid(scenario):
    cards, summary, col, by_guid = scenario
    assert col.note_count() == col.card_count() == len(cards) == summary.notes
    assert set(by_guid) == {item.card.id for item in cards}


def test_decks_and_fixed_notetype(scenario):
    cards, _, col, by_guid = scenario
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"studydeck", "studydeck::papers", "studydeck::tricky"} <= names
    for item in cards:
        assert col.decks.name(by_guid[item.card.id].did) == f"studydeck::{item.deck}"
    notetype = col.models.get(NOTETYPE_ID)
    assert [f["name"] for f in notetype["flds"]] == ["Question", "Answer", "Context", "Source"]
    assert {c.note().mid for c in by_guid.values()} == {NOTETYPE_ID}


def test_deck_preset_carries_fsrs_parameters(scenario):
    _, _, col, _ = scenario
    preset = col.decks.get_config(DECK_CONFIG_ID)
    assert preset["desiredRetention"] == pytest.approx(0.85)
    assert preset["fsrsParams6"] == pytest.approx(list(SETTINGS.parameters), rel=1e-5)
    deck = col.decks.by_name("studydeck::papers")
    assert deck["conf"] == DECK_CONFIG_ID


def test_fields_are_escaped_html(scenario):
    by_guid = scenario[3]
    note = by_guid["sp-html"].note()
    assert "<script>" not in note["Question"]
    assert note["Question"].startswith("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;")
    assert note["Answer"] == "line one<br>line two"
    assert note["Context"] == "papers › tricky"
    assert note["Source"] == (
        'transformers.md:7 · <a href="https://arxiv.org/abs/1810.04805">'
        "https://arxiv.org/abs/1810.04805</a><!--studydeck-tags: machine_learning html-->"
    )  # Anki sorts tags: their order travels in an invisible comment
    assert note.tags == ["html", "machine_learning", "studydeck::kind::manual"]
    math = by_guid["sp-math"].note()
    assert math["Question"] == r"What is \(\alpha &lt; \beta\)?"
    assert math["Answer"] == r"\[x^2\] and $5"
    assert "<a" not in by_guid["sp-js"].note()["Source"]


def test_review_cards_keep_due_interval_and_memory_state(scenario):
    cards, _, col, by_guid = scenario
    reviewed = [
        c for c in cards if c.progress.state is CardState.REVIEW and not c.progress.suspended
    ]
    assert len(reviewed) > 20
    today = col.sched.today
    for item in reviewed:
        card, progress = by_guid[item.card.id], item.progress
        assert (card.type, card.queue) == (2, 2)
        days = (study_day(progress.due, 4, UTC) - study_day(NOW, 4, UTC)).days
        assert card.due - today == days
        assert (
            card.ivl
            == (study_day(progress.due, 4, UTC) - study_day(progress.last_review, 4, UTC)).days
        )
        assert (card.reps, card.lapses) == (progress.reps, progress.lapses)
        assert card.memory_state.stability == pytest.approx(progress.stability, rel=1e-4)
        assert card.memory_state.difficulty == pytest.approx(progress.difficulty, rel=1e-3)
        assert card.desired_retention == pytest.approx(0.85)


def test_learning_relearning_new_and_suspended_cards(scenario):
    cards, _, _, by_guid = scenario
    by_id = {c.card.id: c for c in cards}
    learning = by_guid["sp-learning"]
    assert (learning.type, learning.queue) == (1, 1)
    assert learning.due == int(by_id["sp-learning"].progress.due.timestamp())
    assert learning.left == 2  # both learning steps still ahead
    relearning = by_guid["sp-relearning"]
    assert (relearning.type, relearning.queue, relearning.lapses) == (3, 1, 1)
    suspended = by_guid["sp-suspended"]
    assert (suspended.type, suspended.queue) == (2, -1)
    assert suspended.memory_state.stability == pytest.approx(
        by_id["sp-suspended"].progress.stability, rel=1e-4
    )
    new_suspended = by_guid["sp-new-suspended"]
    assert (new_suspended.type, new_suspended.queue) == (0, -1)
    new = [by_guid[c.card.id] for c in cards if not c.reviews and not c.progress.suspended]
    assert new and all((c.type, c.queue, c.memory_state) == (0, 0, None) for c in new)


def test_revlog_rows_match_the_review_log(scenario):
    cards, summary, col, by_guid = scenario
    total = sum(len(c.reviews) for c in cards)
    assert summary.reviews == total
    assert col.db.scalar("SELECT count() FROM revlog") == total
    item = next(c for c in cards if c.card.id == "sp-relearning")
    rows = col.db.all(
        "SELECT id, ease, ivl, lastIvl, type, time, factor FROM revlog WHERE cid = ? ORDER BY id",
        by_guid["sp-relearning"].id,
    )
    assert [r[0] for r in rows] == [int(r.time.timestamp() * 1000) for r in item.reviews]
    assert [r[1] for r in rows] == [1 if r.rating == 1 else r.rating for r in item.reviews]
    # learn step (10 min, negative seconds) → graduated (days) → lapse into a 10 min relearning step
    assert [r[2] for r in rows] == [-600, rows[1][2], -600]
    assert rows[1][2] >= 1
    assert [r[3] for r in rows] == [0, -600, rows[1][2]]
    assert [r[4] for r in rows] == [0, 0, 1]  # learn, learn, review
    assert all(r[5] == 4000 for r in rows)
    assert [r[6] for r in rows] == [revlog_factor(r.difficulty) for r in item.reviews]


def test_anki_recomputes_the_same_stability_from_the_revlog(scenario):
    cards, _, col, by_guid = scenario
    checked = 0
    for item in cards:
        if item.progress.stability is None:
            continue
        state = col.compute_memory_state(by_guid[item.card.id].id)
        assert state.stability == pytest.approx(item.progress.stability, rel=0.02), item.card.id
        assert state.difficulty == pytest.approx(item.progress.difficulty, rel=0.02)
        checked += 1
    assert checked > 40


def test_reexport_after_more_reviews_updates_notes_in_place(tmp_path):
    cards = make_cards(12, seed=3, now=NOW)
    write_apkg(cards, tmp_path / "first.apkg", settings=SETTINGS, now=NOW, tz=UTC)
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, tmp_path / "first.apkg")
        notetypes = len(col.models.all_names_and_ids())
        revlog = col.db.scalar("SELECT count() FROM revlog")
        later = NOW + timedelta(days=40)
        rng = random.Random(5)
        scheduler = fsrs.Scheduler(enable_fuzzing=False)
        more = []
        for item in cards:
            edited = dataclasses.replace(item.card, answer=item.card.answer + " (edited)")
            more.append(dataclasses.replace(item, card=edited))
        more.append(ExportCard(Card(id="brand-new", question="New?", answer="Yes"), deck="papers"))
        fcard, reviews, lapses = simulate(scheduler, NOW, later, rng)
        more.append(
            export_card(
                Card(id="new-reviewed", question="N?", answer="Y"), "papers", fcard, reviews, lapses
            )
        )
        write_apkg(more, tmp_path / "second.apkg", settings=SETTINGS, now=later, tz=UTC)
        log = import_apkg(col, tmp_path / "second.apkg").log
        assert (len(log.updated), len(log.new), len(log.conflicting)) == (12, 2, 0)
        assert col.note_count() == 14
        assert len(col.models.all_names_and_ids()) == notetypes
        assert len(col.decks.all_config()) == 2  # Default + the one studydeck preset
        answers = col.db.list("SELECT flds FROM notes WHERE guid LIKE 'c-3-%'")
        assert all("(edited)" in flds for flds in answers)
        # Anki's importer adds revlog rows only for cards it adds (rslib apkg import cards.rs:
        # existing cards are left as they are), so only the new card's history arrives.
        assert col.db.scalar("SELECT count() FROM revlog") == revlog + len(reviews)
    finally:
        col.close()


def test_no_scheduling_exports_every_card_as_new(tmp_path):
    cards = make_cards(10, seed=9, now=NOW)
    summary = write_apkg(
        cards, tmp_path / "plain.apkg", settings=SETTINGS, now=NOW, with_scheduling=False
    )
    assert summary.reviews == 0
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, tmp_path / "plain.apkg")
        assert col.card_count() == 10
        assert col.db.all("SELECT DISTINCT type, queue FROM cards") == [[0, 0]]
        assert col.db.scalar("SELECT count() FROM revlog") == 0
    finally:
        col.close()


def test_progress_is_reported(tmp_path):
    seen = []
    cards = make_cards(3, seed=1, now=NOW)
    write_apkg(
        cards,
        tmp_path / "p.apkg",
        settings=SETTINGS,
        now=NOW,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_missing_anki_engine_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "anki", None)
    monkeypatch.setitem(sys.modules, "anki.collection", None)
    with pytest.raises(StudydeckError, match=r"pip install 'studydeck\[anki\]'"):
        write_apkg([], tmp_path / "x.apkg", settings=SETTINGS, now=NOW)
    assert not (tmp_path / "x.apkg").exists()
