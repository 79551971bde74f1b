"""Pure parts of the export engine: field HTML, Anki schedule columns, revlog rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from studydeck.anki.fields import anki_tags, note_fields, source_html, to_html
from studydeck.anki.model import CardState, ExportCard, Progress, Review, SchedulerSettings
from studydeck.anki.schedule import (
    anki_schedule,
    revlog_factor,
    revlog_interval,
    revlog_rows,
)
from studydeck.deck import Card

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("one\ntwo\r\nthree", "one<br>two<br>three"),
        (r"$\alpha<1$ ok", r"\(\alpha&lt;1\) ok"),
        ("$$E = mc^2$$", r"\[E = mc^2\]"),
        ("costs $5 and $10", "costs $5 and $10"),
        ("price $ 5 $", "price $ 5 $"),
        ("[bold]x[/bold]", "[bold]x[/bold]"),
    ],
)
def test_to_html(text, html):
    assert to_html(text) == html


def test_source_links_only_web_urls():
    assert source_html("n.md", 3, None) == "n.md:3"
    assert source_html(None, None, 'https://x.org/?a=1&b="2"') == (
        '<a href="https://x.org/?a=1&amp;b=&quot;2&quot;">https://x.org/?a=1&amp;b=&quot;2&quot;</a>'
    )
    assert source_html("n.md", None, "javascript:alert(1)") == "n.md · javascript:alert(1)"


def test_note_fields_and_tags():
    card = Card("c1", "Q <i>", "A", tags=("deep  learning", "x"), context="a › b")
    assert note_fields(ExportCard(card, "d", "n.md")) == ["Q &lt;i&gt;", "A", "a › b", "n.md"]
    assert anki_tags(card.tags) == ["deep_learning", "x"]


def test_revlog_factor_matches_what_anki_writes_under_fsrs():
    # (difficulty, factor) pairs read from revlog rows Anki itself wrote when answering cards.
    assert revlog_factor(1.0) == 100
    assert revlog_factor(2.1112141609191895) == 223
    assert revlog_factor(6.390941143035889) == 699
    assert revlog_factor(None) == 0


def test_revlog_interval():
    assert revlog_interval(timedelta(minutes=10)) == -600
    assert revlog_interval(timedelta(days=3)) == 3
    assert revlog_interval(timedelta(hours=23)) == -82800


def test_revlog_ids_are_unique_and_ordered():
    review = Review(NOW, 3, 90_000, CardState.REVIEW, CardState.REVIEW, timedelta(days=4), 5.0)
    taken: set[int] = set()
    first = revlog_rows(1, (review, review), taken)
    second = revlog_rows(2, (review,), taken)
    ids = [row[0] for row in first + second]
    base = int(NOW.timestamp() * 1000)
    assert ids == [base, base + 1, base + 2]
    assert first[0][7] == 60_000  # answer time capped like Anki
    assert [row[5] for row in first] == [0, 4]  # lastIvl follows the previous row


def test_schedule_of_new_card_is_left_to_anki():
    assert anki_schedule(Progress(), SchedulerSettings(), now=NOW, today=10, tz=UTC) is None


def test_interday_learning_step_is_due_as_a_day():
    settings = SchedulerSettings(learning_steps=(timedelta(days=1), timedelta(days=3)))
    progress = Progress(
        state=CardState.LEARNING,
        step=1,
        stability=1.0,
        difficulty=5.0,
        due=NOW + timedelta(days=3),
        last_review=NOW,
        reps=2,
    )
    schedule = anki_schedule(progress, settings, now=NOW, today=10, tz=UTC)
    assert (schedule.type, schedule.queue, schedule.due, schedule.left) == (1, 3, 13, 1)


def test_overdue_review_card_is_due_in_the_past():
    progress = Progress(
        state=CardState.REVIEW,
        stability=9.0,
        difficulty=5.0,
        due=NOW - timedelta(days=2),
        last_review=NOW - timedelta(days=11),
        reps=4,
        lapses=1,
    )
    schedule = anki_schedule(progress, SchedulerSettings(), now=NOW, today=100, tz=UTC)
    assert (schedule.queue, schedule.due, schedule.ivl, schedule.lapses) == (2, 98, 9, 1)


def test_a_reset_is_logged_like_ankis_forget():
    good = Review(NOW, 3, 1000, CardState.REVIEW, CardState.REVIEW, timedelta(days=4), 5.0)
    reset = Review(NOW + timedelta(days=5), 0, 0, CardState.REVIEW, CardState.NEW, timedelta(0))
    rows = revlog_rows(1, (good, reset), set())
    assert [row[3:] for row in rows] == [(3, 4, 0, 544, 1000, 1), (0, 0, 4, 0, 0, 4)]
