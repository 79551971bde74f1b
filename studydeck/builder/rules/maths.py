"""Display math introduced by a lead-in sentence → the formula as a cloze."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder.rules.common import Candidate
from studydeck.deck import CLOZE
from studydeck.notes import Block, Outline

# ── 11. display math ───────────────────────────────────────────────────────────

_LEAD_IN = re.compile(
    r"(?:[:=]|\b(?:is|as|by|are|be|gives|yields|equals|follows|where|then|computes?))\s*:?\s*$",
    re.I,
)


def display_math(block: Block, outline: Outline) -> Iterator[Candidate]:
    if block.kind != "math" or block.previous is None:
        return
    lead = block.previous.text
    if not lead or not _LEAD_IN.search(lead) or block.previous.kind == "math":
        return
    sentence = re.split(r"(?<=[.!?])\s+", lead)[-1].rstrip(" :")
    if not 3 <= len(sentence.split()) <= 40:
        return
    formula = block.masked.maths[0]
    question = (
        f"{sentence}: {CLOZE}"
        if not re.search(r"\b\w+$", sentence) or sentence.endswith(("=",))
        else f"{sentence} {CLOZE}"
    )
    yield Candidate("display-math", question, formula, sentence, block)
