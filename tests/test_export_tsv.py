"""TSV export, checked by importing it with Anki's own CSV importer."""

from __future__ import annotations

import pytest

from studydeck.anki.model import ExportCard
from studydeck.anki.tsv import tsv_text, write_tsv
from studydeck.deck import Card

anki_collection = pytest.importorskip("anki.collection")

CARDS = [
    ExportCard(
        Card(
            "t-1",
            'A "quoted"\tquestion <script>x</script>',
            "two\nlines",
            tags=("deep learning", "x"),
            context="papers › nlp",
        ),
        deck="papers",
        note_file="n.md",
    ),
    ExportCard(Card("t-2", "What is $\\alpha$?", "alpha", url="https://x.org/a"), deck="math"),
]


def import_csv(col, path):
    metadata = col.get_csv_metadata(str(path), None)
    request = anki_collection.ImportCsvRequest(path=str(path), metadata=metadata)
    return col.import_csv(request)


def test_header_lines():
    lines = tsv_text(CARDS).splitlines()
    assert lines[:6] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#guid column:1",
        "#deck column:2",
        "#tags column:5",
    ]
    assert len(lines) == 8


def test_anki_imports_the_tsv(tmp_path):
    path = tmp_path / "cards.txt"
    assert write_tsv(CARDS, path) == 2
    col = anki_collection.Collection(str(tmp_path / "c.anki2"))
    try:
        import_csv(col, path)
        notes = {guid: col.get_note(nid) for nid, guid in col.db.all("SELECT id, guid FROM notes")}
        assert set(notes) == {"t-1", "t-2"}
        first = notes["t-1"]
        assert first["Front"] == (
            'A "quoted" question &lt;script&gt;x&lt;/script&gt;'
            '<div class="context">papers › nlp</div>'
        )
        assert first["Back"] == 'two<br>lines<div class="source">n.md</div>'
        assert sorted(first.tags) == ["deep_learning", "x"]
        assert notes["t-2"]["Front"] == r"What is \(\alpha\)?"
        assert 'href="https://x.org/a"' in notes["t-2"]["Back"]
        decks = {col.decks.name(c.did) for c in (col.get_card(i) for i in col.find_cards(""))}
        assert decks == {"studydeck::papers", "studydeck::math"}
        # importing again updates in place (GUID column), no duplicates
        import_csv(col, path)
        assert col.note_count() == 2
    finally:
        col.close()
