"""The sample notes: enough cards, all through the gate, papers covered, builds reproducible."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sample_notes import require_sample_notes

from studydeck.builder.build import build_deck, near_duplicates
from studydeck.builder.gate import in_context, reject_reason
from studydeck.builder.rules import METADATA_KINDS
from studydeck.deck import dump_deck, duplicate_ids
from studydeck.notes import parse_outline
from studydeck.text import fold

FIXTURE_NOTES = Path(__file__).parent / "fixtures" / "notes"


@pytest.fixture(scope="module")
def sample_builds():
    """Every rule's reach, metadata cards included (``build --with metadata``)."""
    return {note: build_deck(note, with_metadata=True) for note in require_sample_notes()}


@pytest.fixture(scope="module")
def fixture_builds():
    return {
        note: build_deck(note, with_metadata=True) for note in sorted(FIXTURE_NOTES.glob("*.md"))
    }


def test_default_builds_make_no_metadata_cards_and_say_so_in_the_report():
    for note in sorted(FIXTURE_NOTES.glob("*.md")):
        plain, full = build_deck(note), build_deck(note, with_metadata=True)
        assert not {c.kind for c in plain.deck.cards} & METADATA_KINDS, note.name
        metadata = [c for c in full.deck.cards if c.kind in METADATA_KINDS]
        reported = [r for r in plain.report.rejected if r.reason.startswith("metadata card")]
        assert len(reported) >= len(metadata), note.name  # none dropped silently


def test_at_least_400_cards(sample_builds):
    assert sum(len(r.deck.cards) for r in sample_builds.values()) >= 400


def test_every_card_passes_the_gate(sample_builds):
    for result in sample_builds.values():
        for card in result.deck.cards:
            assert reject_reason(card.question, card.answer) is None, card


def test_no_card_shows_its_answer_in_its_context(sample_builds):
    """The TUI and --plain print the context over the question: it must not hold the answer."""
    cards = [c for r in sample_builds.values() for c in r.deck.cards]
    assert sum(c.kind == "section" for c in cards) > 100
    for card in cards:
        assert not in_context(card.answer, card.context or ""), card


def test_no_fixture_card_shows_its_answer_in_its_context(fixture_builds):
    cards = [c for r in fixture_builds.values() for c in r.deck.cards]
    assert sum(c.kind == "section" for c in cards) > 20
    for card in cards:
        assert not in_context(card.answer, card.context or ""), card


def test_rejections_carry_a_reason_and_line(sample_builds):
    for result in sample_builds.values():
        for rejection in result.report.rejected:
            assert rejection.reason and rejection.line >= 1


def test_ids_unique_across_decks_and_questions_unique_within(sample_builds):
    decks = [r.deck for r in sample_builds.values()]
    assert duplicate_ids(decks) == []
    for deck in decks:
        ids = [c.id for c in deck.cards]
        assert len(ids) == len(set(ids))
        questions = Counter(fold(c.question) for c in deck.cards)
        assert questions.most_common(1)[0][1] == 1


def test_paper_item_coverage_per_note(sample_builds):
    """≥ 85% of list items / table rows that link a paper are the source of a card. The paper
    items come from the outline, independently of the rules."""
    for note, result in sample_builds.items():
        items = parse_outline(note.read_text(encoding="utf-8"), note.stem).paper_items
        covered = {c.source_line for c in result.deck.cards}
        lines = {b.line for b in items}
        coverage = len(lines & covered) / len(lines)
        assert coverage >= 0.85, f"{note.name}: {coverage:.0%} of {len(lines)} paper items"


def test_cards_carry_kind_context_line_and_url(sample_builds):
    for note, result in sample_builds.items():
        text = note.read_text(encoding="utf-8")
        lines = text.splitlines()
        for card in result.deck.cards:
            assert card.kind and card.source_line and card.context
            assert 1 <= card.source_line <= len(lines)
            if card.url:  # the item's own link, or (details) its paper's link above it
                above = "\n".join(lines[: card.source_line])
                assert card.url in lines[card.source_line - 1] or card.url in above


def test_urls_go_to_url_not_text(sample_builds):
    result = next(r for n, r in sample_builds.items() if n.stem == "llm-paper-notes")
    card = next(c for c in result.deck.cards if "Attention Is All You Need" in c.question)
    assert card.url == "https://arxiv.org/abs/1706.03762"


def test_two_builds_are_byte_identical(sample_notes, tmp_path):
    for note in sample_notes:
        assert dump_deck(build_deck(note).deck) == dump_deck(build_deck(note).deck)


def test_near_duplicates_across_decks_are_reported(sample_builds):
    found = near_duplicates([r.deck for r in sample_builds.values()])
    assert any("Chinchilla" in line for line in found)  # in two sample notes


@pytest.mark.parametrize("note", sorted(FIXTURE_NOTES.glob("*.md")), ids=lambda p: p.stem)
def test_fixture_cards_pass_the_gate(note):
    deck = build_deck(note, with_metadata=True).deck
    assert len(deck.cards) >= 6
    for card in [*deck.cards, *build_deck(note).deck.cards]:
        assert reject_reason(card.question, card.answer) is None, card


def test_cold_and_warm_builds_are_identical():
    """The benchmark empties the memo caches before each run; output must not depend on them."""
    from studydeck.builder.build import clear_caches
    from studydeck.notes import hygiene

    note = FIXTURE_NOTES / "plain-papers.md"
    warm = dump_deck(build_deck(note).deck)
    clear_caches()
    assert hygiene.clean_fragment.cache_info().currsize == 0
    assert dump_deck(build_deck(note).deck) == warm


TIED_SPANS = "".join(
    f"- Sentence {i}: the encoder adds **rotary {w} embeddings** while the decoder keeps"
    f" **gated {w} units** for speed.\n"
    for i, w in enumerate(("alpha", "beta", "gamma", "delta", "omega", "sigma"))
)


def test_builds_are_identical_whatever_the_hash_seed(tmp_path):
    """Ties between spans are broken the same way in every process (a set's order is not)."""
    note = tmp_path / "tied.md"
    note.write_text("# Encoders\n\n## Positional signals\n\n" + TIED_SPANS, encoding="utf-8")
    notes = [note, *sorted(FIXTURE_NOTES.glob("*.md"))]
    script = (
        "import sys\nfrom studydeck.builder.build import build_deck\n"
        "from studydeck.deck import dump_deck\n"
        "for p in sys.argv[1:]:\n    sys.stdout.write(dump_deck(build_deck(p).deck))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, *map(str, notes)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
