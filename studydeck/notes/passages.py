"""Passages the markdown parser reads wrongly for notes: prose indented like code (a Kindle
export indents every highlight), and a sentence that runs on through display math."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studydeck.notes import hygiene

if TYPE_CHECKING:
    from studydeck.notes.outline import Block


# Code shows itself in a few characters prose never needs: braces, semicolons, operators, a
# call's parenthesis glued to its name, a backslash
_CODE_MARK = re.compile(r"[{};=<>\\|`]|\w\(|->|::|^\s*+(?:#|//|\$ )", re.M)
_PROSE_WORD = re.compile(r"[^\W\d_][^\W\d_'’.,;:!?\"“”()-]*+[.,;:!?\"“”)’]*+")
PROSE_WORDS = 6  # a passage of fewer words is a snippet, not prose
PROSE_SHARE = 0.9  # of its whitespace-separated tokens are words


def _indented_prose(passage: str) -> bool:
    """An indented passage that is sentences (words, punctuation, no code marks), not code."""
    if _CODE_MARK.search(passage):
        return False
    tokens = passage.split()
    words = sum(1 for t in tokens if _PROSE_WORD.fullmatch(t.strip("“”\"'(")))
    return len(tokens) >= PROSE_WORDS and words >= PROSE_SHARE * len(tokens)


def prose_chunks(content: str) -> list[tuple[int, str]]:
    """Each blank-line-separated passage of an indented block that is prose, dedented, with its
    line offset in the block."""
    out: list[tuple[int, str]] = []
    lines = content.split("\n")
    start = None
    for at, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = at
        elif not line.strip() and start is not None:
            passage = "\n".join(piece.strip() for piece in lines[start:at])
            if _indented_prose(passage):
                out.append((start, passage))
            start = None
    return out


def join_continued(blocks: list[Block]) -> list[Block]:
    """``… f is convex if`` + ``$$…$$`` + ``for all x``: a sentence running through display math
    is one paragraph (the definition is whole), not a cut lead-in and a stray fragment."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if (
            block.kind == "paragraph"
            and i + 2 < len(blocks)
            and blocks[i + 1].kind == "math"
            and blocks[i + 2].kind == "paragraph"
            and blocks[i + 2].path == block.path
            and blocks[i + 2].masked.text[:1].islower()
            and not block.masked.text.rstrip().endswith((":", ".", "?", "!"))
            and not _LEAD_IN_END.search(block.masked.text)
        ):
            math, tail = blocks[i + 1], blocks[i + 2]
            raw = " ".join(b.masked.restore(b.masked.text) for b in (block, math, tail))
            block.masked = hygiene.mask_math(raw)
            block.__dict__.pop("text", None)
            block.__dict__.pop("links", None)
            out.append(block)
            i += 3
            continue
        out.append(block)
        i += 1
    return out


_LEAD_IN_END = re.compile(
    r"\b(?:is|as|by|be|gives|yields|equals|follows|where|then|computes?|defined|given)\s*$", re.I
)
