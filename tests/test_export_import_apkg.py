"""Reading Anki packages: studydeck's own exports round-trip; foreign and hostile ones are safe."""

from __future__ import annotations

import zipfile
from datetime import UTC

import pytest
from anki_helpers import NOW, make_cards

from studydeck.anki.apkg_export import write_apkg
from studydeck.anki.apkg_import import check_archive, html_to_text, read_apkg
from studydeck.anki.model import CardState, ExportCard, SchedulerSettings
from studydeck.deck import Card, dump_deck, parse_deck
from studydeck.errors import StudydeckError

anki_collection = pytest.importorskip("anki.collection")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    cards = [
        *make_cards(30, seed=11, now=NOW),
        ExportCard(
            Card(
                id="rt-html",
                question="Is <script>x</script> & $a<b$ kept?",
                answer="yes\nand two lines",
                kind="paper-summary",
                tags=("zeta", "machine_learning", "Alpha", "a>b-->"),
                context="papers › tricky",
                source_line=12,
                url="https://arxiv.org/abs/1810.04805?a=1&b=2",
            ),
            deck="tricky",
            note_file="notes.md",
        ),
    ]
    write_apkg(cards, folder / "out.apkg", settings=SchedulerSettings(), now=NOW, tz=UTC)
    return cards, read_apkg(folder / "out.apkg")


def test_roundtrip_gives_back_the_same_cards(exported):
    cards, package = exported
    by_deck = {deck.name: deck for deck in package.decks}
    assert set(by_deck) == {"papers", "tricky"}
    imported = {card.id: card for deck in package.decks for card in deck.cards}
    assert len(imported) == len(cards)
    for item in cards:
        got = imported[item.card.id]
        assert (got.question, got.answer, got.context) == (
            item.card.question,
            item.card.answer,
            item.card.context,
        )
        assert got.tags == tuple("_".join(t.split()) for t in item.card.tags)  # same order
        assert got.kind == item.card.kind
        assert (got.source_line, got.url) == (item.card.source_line, item.card.url)
    for deck in package.decks:  # a valid deck file comes out
        assert parse_deck(dump_deck(deck)).cards == deck.cards


def test_roundtrip_keeps_every_review(exported):
    cards, package = exported
    for item in cards:
        got = package.reviews.get(item.card.id, [])
        # Anki's revlog has no "new" kind: a first answer is a learning step there.
        expected = [
            (int(r.time.timestamp()), r.rating, r.duration_ms, r.interval, r.state_before)
            for r in item.reviews
        ]
        expected = [
            (*e[:4], CardState.LEARNING if e[4] is CardState.NEW else e[4]) for e in expected
        ]
        assert [
            (int(r.time.timestamp()), r.rating, r.duration_ms, r.interval, r.state_before)
            for r in got
        ] == expected
    assert sum(len(v) for v in package.reviews.values()) == sum(len(c.reviews) for c in cards)


def test_foreign_basic_and_cloze_notes(tmp_path):
    col = anki_collection.Collection(str(tmp_path / "src.anki2"))
    try:
        deck_id = col.decks.id("Languages::French")
        basic = col.models.by_name("Basic")
        note = col.new_note(basic)
        note["Front"] = "<div>Le <b>chat</b>&nbsp;?</div>"
        note["Back"] = "the cat<br>(animal)"
        note.tags = ["fr"]
        col.add_note(note, deck_id)
        cloze = col.models.by_name("Cloze")
        note = col.new_note(cloze)
        note["Text"] = "{{c1::Paris}} is the capital of {{c2::France::country}}"
        col.add_note(note, deck_id)
        image = col.new_note(basic)
        image["Front"] = '<img src="x.png">'
        image["Back"] = "picture"
        col.add_note(image, deck_id)
        col.export_anki_package(
            out_path=str(tmp_path / "foreign.apkg"),
            options=anki_collection.ExportAnkiPackageOptions(with_scheduling=True),
            limit=None,
        )
    finally:
        col.close()
    package = read_apkg(tmp_path / "foreign.apkg")
    assert [d.name for d in package.decks] == ["Languages::French"]
    cards = package.decks[0].cards
    assert [(c.question, c.answer) for c in cards] == [
        ("Le chat ?", "the cat\n(animal)"),
        ("___ is the capital of France", "Paris"),
        ("Paris is the capital of ___", "France"),
    ]
    assert cards[0].tags == ("fr",)
    assert all(c.id.startswith("anki-") for c in cards)
    assert len({c.id for c in cards}) == 3
    assert package.skipped == 1


def test_html_to_text():
    assert html_to_text("a&lt;b&gt; <i>c</i><br>d") == "a<b> c\nd"
    assert html_to_text(r"\(x^2\) and \[y\]") == "$x^2$ and $$y$$"
    assert html_to_text("<style>p{}</style>ok<script>bad()</script>") == "ok"


def test_corrupt_package_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(StudydeckError, match="not a zip file") as info:
        read_apkg(bad)
    assert "\n" not in str(info.value)
    broken = tmp_path / "broken.apkg"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("collection.anki21", b"garbage, not sqlite")
        archive.writestr("media", b"{}")
    with pytest.raises(StudydeckError, match="not a readable Anki package") as info:
        read_apkg(broken)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/evil", "a/../../evil", "..\\evil"])
def test_package_with_escaping_paths_is_refused(tmp_path, member):
    hostile = tmp_path / "inner" / "hostile.apkg"
    hostile.parent.mkdir()
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("collection.anki21", b"x")
        archive.writestr(member, b"pwned")
    with pytest.raises(StudydeckError, match="unsafe path"):
        check_archive(hostile)
    with pytest.raises(StudydeckError, match="unsafe path"):
        read_apkg(hostile)
    assert not (tmp_path / "evil.txt").exists()
    made = sorted(p.name for p in tmp_path.rglob("*"))
    assert made == ["config.toml", "hostile.apkg", "inner"]  # config.toml: conftest's


def test_zip_without_collection_is_refused(tmp_path):
    path = tmp_path / "x.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", b"hi")
    with pytest.raises(StudydeckError, match="no collection inside"):
        read_apkg(path)
