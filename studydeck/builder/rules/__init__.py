"""Card rules: each one small function, block → candidate cards, named by the ``kind`` it emits.

A rule only proposes; the gate (``gate.py``) decides. Every question names what it asks about
(paper title, term, section), so a card still makes sense when reviewed alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from studydeck.builder.rules import facts, lists, maths, tables, terms, topics
from studydeck.builder.rules.cloze import choose_blank, detail_cloze
from studydeck.builder.rules.common import (
    METADATA_KINDS,
    TEMPLATES,
    Candidate,
    Rule,
    _cached_paper,
    _paper,
    count_nicknames,
)
from studydeck.builder.rules.definitions import labelled_fact, term_definition
from studydeck.builder.rules.entries import entry_summary
from studydeck.builder.rules.facts import prose_fact
from studydeck.builder.rules.lists import short_list
from studydeck.builder.rules.maths import display_math
from studydeck.builder.rules.metadata import attribution, paper_name, section, venue_and_study
from studydeck.builder.rules.pages import (
    _HEADING_PAPERS,
    _PAGE_PAPERS,
    _PAGE_SECTION_BLOCKS,
    _page_papers,
    labelled_detail,
    paper_page_section,
)
from studydeck.builder.rules.summaries import (
    cited_finding,
    described_below,
    numbered_takeaway,
    paper_summary,
)
from studydeck.builder.rules.tables import table_row
from studydeck.builder.rules.terms import _definition
from studydeck.builder.rules.topics import topic_choice
from studydeck.notes import Outline

__all__ = [
    "FALLBACK_KINDS",
    "METADATA_KINDS",
    "RULES",
    "RULES_FOR",
    "TEMPLATES",
    "Candidate",
    "Rule",
    "attribution",
    "candidates",
    "choose_blank",
    "cited_finding",
    "described_below",
    "detail_cloze",
    "display_math",
    "labelled_detail",
    "labelled_fact",
    "numbered_takeaway",
    "paper_name",
    "paper_page_section",
    "paper_summary",
    "prepare",
    "prose_fact",
    "section",
    "short_list",
    "table_row",
    "term_definition",
    "venue_and_study",
]  # fmt: skip

RULES: tuple[Rule, ...] = (
    paper_summary,
    numbered_takeaway,
    attribution,
    cited_finding,
    paper_name,
    venue_and_study,
    section,
    term_definition,
    labelled_fact,
    short_list,
    detail_cloze,
    table_row,
    display_math,
    paper_page_section,
    labelled_detail,
    entry_summary,
    topic_choice,
    described_below,
)

# Which rules can fire on which kind of block (the rest return at once; skipping them is faster).
_KINDS = {
    "item": {"paper_summary", "numbered_takeaway", "attribution", "paper_name", "venue_and_study",
             "section", "term_definition", "short_list", "detail_cloze", "paper_page_section",
             "labelled_detail", "cited_finding", "labelled_fact", "entry_summary", "topic_choice",
             "described_below"},
    "paragraph": {"term_definition", "paper_page_section", "labelled_detail", "cited_finding",
                  "labelled_fact", "detail_cloze"},
    "heading": {"attribution", "paper_name", "venue_and_study"},
    "row": {"table_row"},
    "math": {"display_math"},
}  # fmt: skip
RULES_FOR = {kind: tuple(r for r in RULES if r.__name__ in names) for kind, names in _KINDS.items()}
_PAPER_RULES = {
    "paper_summary", "numbered_takeaway", "attribution", "paper_name", "venue_and_study", "section",
    "topic_choice",
}  # fmt: skip
_ITEM_RULES_WITHOUT_PAPER = tuple(r for r in RULES_FOR["item"] if r.__name__ not in _PAPER_RULES)

FALLBACK_KINDS = frozenset({"item", "paragraph"})


def prepare(outline: Outline) -> None:
    """Per-note state the rules share: parse caches and which blocks sit on a paper's page."""
    _cached_paper.cache_clear()
    _definition.cache_clear()
    terms.prepare(outline)
    count_nicknames(outline)
    _PAGE_PAPERS.clear()
    _HEADING_PAPERS.clear()
    _PAGE_PAPERS.update(_page_papers(outline))
    _PAGE_SECTION_BLOCKS.clear()
    topics.prepare(outline)
    tables.prepare(outline)
    facts.prepare(outline)
    lists.prepare(outline)
    maths.prepare(outline)
    for block in outline.blocks:
        if id(block) in _PAGE_PAPERS and block.kind in ("paragraph", "item"):
            _PAGE_SECTION_BLOCKS.setdefault(block.path, []).append(block)


def candidates(outline: Outline) -> Iterator[Candidate]:
    """Every candidate card of a note, in note order (then rule order). A block that no rule
    reads for content (metadata cards don't count) gives its facts from prose instead."""
    prepare(outline)
    for block in outline.blocks:
        rules = RULES_FOR.get(block.kind, ())
        if block.kind == "item" and _paper(block) is None:
            rules = _ITEM_RULES_WITHOUT_PAPER  # the paper rules would each return at once
        read = False
        for rule in rules:
            for candidate in rule(block, outline):
                read = read or candidate.kind not in METADATA_KINDS
                yield candidate
        if not read and block.kind in FALLBACK_KINDS:
            yield from prose_fact(block, outline)
