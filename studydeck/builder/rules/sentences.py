"""A block's sentences and the phrases its author emphasised: what the prose-fact rule reads."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder import salience
from studydeck.builder.papers import GENERIC_LINK
from studydeck.notes import Block, hygiene

# A sentence ends at . ! ? before a space and a capital, a digit, math or a quote — except after
# an abbreviation ("e.g.", "et al.", "Fig.", "vs.") or an initial ("J. Smith").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s++(?=[A-Z0-9$“\"(\[])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|etc|cf|vs|Fig|Figs|Eq|Eqs|Sec|Ch|No|approx|resp|Dr|Mr|Ms|Prof|"
    r"St|Jr|Inc|Ltd|Co|al|vol|pp|p)|\b[A-Z])\.$"
)
# emphasis the note's author wrote: **x**, __x__, *x*, _x_, `x`
_EMPHASIS = re.compile(
    r"\*\*([^*\n]{2,60}?)\*\*|__([^_\n]{2,60}?)__|(?<![*\w])\*([^*\s][^*\n]{0,58}?)\*(?![*\w])"
    r"|(?<![_\w])_([^_\s][^_\n]{0,58}?)_(?![_\w])|`([^`\n]{2,40})`"
)


def sentences_of(text: str) -> Iterator[str]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if _ABBREVIATION.search(piece[-8:]):
            continue
        yield piece.strip()
        start = match.end()
    yield text[start:].strip()


# `B(x, y, theta)`, `lr=3e-4`: an expression; `W_new`, `np.dot`, `dfDx`: a program's name
_CODE_EXPRESSION = re.compile(r"[(),=\[\]{}<>;_.]|[a-z][A-Z]")


def emphasised_in(block: Block) -> set[str]:
    found = set()
    raw = block.masked.text
    if "*" not in raw and "_" not in raw and "`" not in raw:
        return found
    for match in _EMPHASIS.finditer(raw):
        inner = next(g for g in match.groups() if g is not None)
        if match.group(5) is not None and (_CODE_EXPRESSION.search(inner) or len(inner) <= 3):
            # `lr=3e-4`, `W_new`, `np.dot`, `df`: a program's expressions and names, not the
            # note's terms (judged DEFECT as a blank: "to compute ___ we are making …" → W_new)
            continue
        text = hygiene.clean(block.masked, inner).strip(" .,:;-=<>→")  # "X ->": not the arrow
        defined = _DEFINED_BEFORE.search(raw[max(0, match.start() - 24) : match.start()])
        defined = defined and _DEFINED_AFTER.match(raw, match.end())
        if text and (defined or not salience.common_word(text)):
            found.add(text)  # "A set is **closed** if …": a common word, defined here
    return found


# "A set is **closed**, if its complement is open", "is called *elementary* if …": the note
# defines the emphasised word, however common it is in English
_DEFINED_BEFORE = re.compile(r"\b(?:is|are|called)\s++(?:an?\s++)?\Z")
_DEFINED_AFTER = re.compile(r"(?<![\s,]),?\s++(?:if|iff|when|whenever)\b")


# a line break before an indented line, the line before it unpunctuated: an outline written
# without bullets ("Droughts affect monocultures more strongly⏎⇥Monocultures can provide …")
_INDENTED_BREAK = re.compile(r"(?<![.!?:;,])\n(?=\t| {2})")


def statements(block: Block) -> list[str]:
    """The block's text, or its lines when it is an outline of statements without bullets
    (glued, they read as one garbled sentence: judged DEFECT)."""
    raw = block.masked.text
    if block.kind != "paragraph" or "\n" not in raw or not _INDENTED_BREAK.search(raw):
        return [_without_pointer_links(block)]
    return [hygiene.clean(block.masked, line) for line in _INDENTED_BREAK.split(raw)]


def _without_pointer_links(block: Block) -> str:
    """The block's text without a closing link that only points ("… written in Java [project
    website](…)"): its label is no part of the sentence."""
    text = block.text
    for label, _ in block.links:
        if GENERIC_LINK.fullmatch(label.strip()) and text.rstrip(" .").endswith(label):
            text = text.rstrip(" .")[: -len(label)].rstrip(" ,;:-–") + "."
    return text
