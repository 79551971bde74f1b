"""A parent bullet over a few short, parallel children → a list card."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder.rules.common import Candidate, _generic, _paper
from studydeck.builder.rules.context import _topic, section_label
from studydeck.builder.rules.terms import _VAGUE_TERMS
from studydeck.notes import Block, Outline
from studydeck.text import fold

# ── 7. parent → short list ─────────────────────────────────────────────────────

_COUNTED = re.compile(r"^(?:\d+|two|three|four|five)\s+\w", re.I)


def short_list(block: Block, outline: Outline) -> Iterator[Candidate]:
    kids = block.children
    if block.kind != "item" or not 2 <= len(kids) <= 5 or block.is_paper_item or _paper(block):
        return
    if any(k.children or k.is_paper_item or not k.text or len(k.text.split()) > 8 for k in kids):
        return
    parent_text = block.text.rstrip(":").strip()
    if not parent_text or len(parent_text.split()) > 8 or "?" in parent_text:
        return
    if fold(parent_text) in _VAGUE_TERMS or not re.search(r"[A-Za-z]{3}", parent_text):
        return  # "eg.", "Notes:", "1)": a label over examples, not a named list
    if not parent_text[:1].isalnum():
        return  # "%psychotic features", "@ causes": the note's shorthand, not a name
    topic = _topic(block, outline)
    if topic and _generic(topic):
        topic = section_label(block, outline)  # "in basics" names nothing; its section may
    where = f" in {topic}" if topic and fold(topic) != fold(parent_text) else ""
    if _COUNTED.match(parent_text):
        question = f"What are the {parent_text}{where}?"
    else:
        question = f"Which {len(kids)} entries are listed under “{parent_text}”{where}?"
    answer = "; ".join(k.text.rstrip(".;,") for k in kids)
    yield Candidate("short-list", question, answer, f"{parent_text} {topic or ''}", block)
