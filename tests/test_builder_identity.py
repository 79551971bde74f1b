# ruff: noqa: E501  (realistic note lines are long)
"""Card ids survive edits of the notes; vanished cards are archived and come back."""

from studydeck.builder.build import build_from_text
from studydeck.builder.identity import card_id, deck_prefix

BASE = """\
# papers

- Attention Is All You Need ([vaswani et al. 2017](https://arxiv.org/abs/1706.03762)) - initial transformer
- Language Models are Few-Shot Learners ([brown et al. 2020](https://arxiv.org/abs/2005.14165)) - scale gives in-context learning
- GPT-2 ([radford et al. 2019](https://openai.com/gpt2.pdf)) - zero-shot task transfer
"""


def build(text, previous=None):
    return build_from_text(text, "transformers", "transformers.md", previous).deck


def ids_by_kind_and_line(deck):
    return {(c.kind, c.source_line): c.id for c in deck.cards}


def summary_id(deck, needle):
    return next(c.id for c in deck.cards if c.kind == "paper-summary" and needle in c.question)


def test_id_format_and_prefix():
    assert deck_prefix("transformers") == "tr"
    assert deck_prefix("llm-paper-notes") == "lpn"
    assert card_id("transformers", "paper-summary", "BERT").startswith("tr-")
    assert len(card_id("transformers", "paper-summary", "BERT")) == len("tr-") + 10


def test_editing_a_summary_keeps_the_id():
    first = build(BASE)
    second = build(
        BASE.replace("initial transformer", "the original encoder-decoder transformer"), first
    )
    assert summary_id(first, "Attention") == summary_id(second, "Attention")
    assert second.archived == []


def test_a_title_gaining_a_word_keeps_the_id_by_fuzzy_match():
    first = build(BASE)
    edited = BASE.replace(
        "Language Models are Few-Shot Learners", "Large Language Models are Few-Shot Learners"
    )
    second = build(edited, first)
    old = summary_id(first, "Few-Shot")
    assert summary_id(second, "Large Language Models are Few-Shot") == old
    assert old not in {c.id for c in second.archived}


def test_a_title_losing_a_word_keeps_the_id():
    first = build(BASE)
    second = build(
        BASE.replace("Attention Is All You Need", "Attention Is All You Need Really"), first
    )
    third = build(BASE.replace("Attention Is All You Need", "Attention Is All Need"), first)
    assert summary_id(second, "Attention") == summary_id(first, "Attention")
    assert summary_id(third, "Attention") == summary_id(first, "Attention")


def test_short_keys_match_only_exactly():
    first = build(BASE)
    second = build(BASE.replace("GPT-2 (", "GPT-3 ("), first)
    assert summary_id(second, "GPT-3") != summary_id(first, "GPT-2")
    assert summary_id(first, "GPT-2") in {c.id for c in second.archived}


def test_a_very_different_title_is_a_new_card():
    first = build(BASE)
    second = build(
        BASE.replace("Attention Is All You Need", "Sparse Mixture of Experts Routing"), first
    )
    assert summary_id(second, "Sparse Mixture") != summary_id(first, "Attention")


def test_removed_item_is_archived_and_restored_with_its_id():
    first = build(BASE)
    without = "\n".join(line for line in BASE.splitlines() if "GPT-2" not in line) + "\n"
    second = build(without, first)
    gpt2_ids = {c.id for c in first.cards if "GPT-2" in c.question}
    assert gpt2_ids and gpt2_ids <= {c.id for c in second.archived}
    assert not gpt2_ids & {c.id for c in second.cards}
    third = build(BASE, second)
    assert gpt2_ids <= {c.id for c in third.cards}
    assert not gpt2_ids & {c.id for c in third.archived}
    assert ids_by_kind_and_line(third) == ids_by_kind_and_line(first)


def test_archive_survives_an_unrelated_rebuild():
    first = build(BASE)
    without = BASE.replace("- GPT-2", "- XLNet").replace("radford et al. 2019", "yang et al. 2019")
    second = build(without, first)
    third = build(without, second)
    assert {c.id for c in third.archived} == {c.id for c in second.archived}


def test_repeated_items_get_distinct_ids():
    twice = (
        BASE
        + "\n## again\n\n- [Some Repeated Paper](https://arxiv.org/abs/1) - a\n- [Some Repeated Paper](https://arxiv.org/abs/1) - b\n"
    )
    deck = build(twice)
    ids = [c.id for c in deck.cards]
    assert len(ids) == len(set(ids))


SECTIONS = """\
# papers

## scaling

- Scaling Laws for Neural Language Models ([kaplan et al. 2020](https://arxiv.org/abs/2001.08361)) - power laws in N, D, C

## retrieval

- Dense Passage Retrieval for Open-Domain QA ([karpukhin et al. 2020](https://arxiv.org/abs/2004.04906)) - dual encoders
"""


def test_middling_match_needs_the_same_heading_path():
    """ratio 75–90 ("…Neural Language Models" → "…Neural LMs", 81.8) keeps the id only when the
    card stays under the same headings."""
    first = build(SECTIONS)
    old = summary_id(first, "Scaling Laws")
    same_place = build(SECTIONS.replace("Neural Language Models", "Neural LMs"), first)
    assert summary_id(same_place, "Scaling Laws") == old
    moved = SECTIONS.replace("Neural Language Models", "Neural LMs").replace(
        "## scaling", "## laws"
    )
    assert summary_id(build(moved, first), "Scaling Laws") != old
