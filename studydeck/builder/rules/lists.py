"""A parent bullet over a few short, parallel children → a list card."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder.rules.common import Candidate, _generic, _paper
from studydeck.builder.rules.context import _topic, defined_above, section_label, subject
from studydeck.builder.rules.terms import _VAGUE_TERMS
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# ── 7. parent → short list ─────────────────────────────────────────────────────

MAX_ITEM_WORDS = 5
_OPEN_ENDED = {"etc", "and so on", "and more", "more", "others", "and others", "..."}
_GOES_ON = re.compile(
    r"\bto [a-z]++$|\b(?:to|of|by|with|for|from|into|than|between|about|among|including|like|"
    r"the|a|an)$"
)
_COUNTED = re.compile(r"^(?:\d+|two|three|four|five)\s+\w", re.I)


def short_list(block: Block, outline: Outline) -> Iterator[Candidate]:
    kids = block.children
    if block.kind != "item" or not 2 <= len(kids) <= 5 or block.is_paper_item or _paper(block):
        return
    if any(k.children or k.is_paper_item or not k.text or len(k.text.split()) > 8 for k in kids):
        return
    if any(k.links or hygiene._BARE_URL.search(k.text) for k in kids):
        return  # "https://youtube.com/… BBC vulgarization": sources to follow, not items
    if _GOES_ON.search(block.text.rstrip(" :")):
        return  # "approach used to understand" / "processes": one sentence split over bullets
    if any(fold(k.text) in _OPEN_ENDED for k in kids):
        return  # "Makerspace; Hackerspace; etc": an open list has no count to recall
    # items longer than a phrase are sentences about the parent (facts), unless the parent
    # announces a list ("… requires:", "3 subtypes")
    announced = block.text.rstrip().endswith(":") or _COUNTED.match(block.text)
    if not announced and any(len(k.text.split()) > MAX_ITEM_WORDS for k in kids):
        return
    parent_text = block.text.rstrip(":").strip()
    if not parent_text or len(parent_text.split()) > 8 or "?" in parent_text:
        return
    vague = fold(parent_text) in _VAGUE_TERMS or fold(parent_text).removesuffix("s") in _VAGUE_TERMS
    if vague or not re.search(r"[A-Za-z]{3}", parent_text):
        return  # "eg.", "Notes:", "1)": a label over examples, not a named list
    if not parent_text[:1].isalnum():
        return  # "%psychotic features", "@ causes": the note's shorthand, not a name
    if _table_of_contents(kids):
        yield Candidate("short-list", parent_text, "", "", block, reason="a table of contents")
        return
    topic = _topic(block, outline)
    if topic and _generic(topic):
        topic = section_label(block, outline)  # "in basics" names nothing; its section may
    # the subject in full ("Dementia with Lewy Bodies › diagnosis requires"): a parent bullet
    # alone ("in diagnosis requires") leaves the card without the disease it is about
    named = defined_above(block) or subject(block, outline) or topic
    where = f"In {named}, " if named and fold(named) != fold(parent_text) else ""
    if _COUNTED.match(parent_text):
        question = f"{where}what are the {parent_text}?"
    else:
        question = f"{where}which {len(kids)} items are listed under “{parent_text}”?"
    question = question[:1].upper() + question[1:]
    answer = "; ".join(k.text.rstrip(".;,") for k in kids)
    yield Candidate("short-list", question, answer, f"{parent_text} {topic or ''}", block)


_HEADINGS: set[str] = set()  # the note's headings, folded (prepare)


def prepare(outline: Outline) -> None:
    _HEADINGS.clear()
    _HEADINGS.update(fold(b.text) for b in outline.blocks if b.kind == "heading")


def _table_of_contents(kids: list[Block]) -> bool:
    """At least half the children name headings of this note (``prepare``): the note's own
    contents, not a list to learn."""
    return sum(1 for k in kids if fold(k.text) in _HEADINGS) * 2 >= len(kids)
