"""Checks the prose-fact rule makes on every sentence, each behind a substring test. The regexes
open on a word boundary under re.I, so each is tried at every character of every sentence, and
most sentences hold none of the words they look for: an ASCII sentence, lowercased, tells at C
speed (any other goes straight to the regex, whose case folding reaches past ASCII)."""

from __future__ import annotations

import re

from studydeck.text import search_holding

_FOLLOWING = re.compile(r"\b(?:the|as) follow(?:ing|s)\b", re.I)  # what it says comes after it
# (a match is one of its endings, then only spaces: see trails_off)
_TRAILING = re.compile(
    r"(?:\b(?:that|then|where|which|with|by|as|is|are|of|to|and|or|the|a|an|for|from|in|on|"
    r"such|thus|so|if|when|follows|holds|get|gives|have|has|i\.e\.|e\.g\.|namely|"
    r"of the form|the (?:following )?(?:equality|inequality|identity|relation|formula|bound))"
    r"|[,:;=(])\s*$",
    re.I,
)
TRAILING_TAIL = 30  # characters: _TRAILING's longest ending ("the following inequality") fits
# how each ending _TRAILING looks for ends ("inequality" ends as "equality" does)
TRAILING_LAST = (
    "that", "then", "where", "which", "with", "by", "as", "is", "are", "of", "to", "and", "or",
    "the", "a", "an", "for", "from", "in", "on", "such", "thus", "so", "if", "when", "follows",
    "holds", "get", "gives", "have", "has", "i.e.", "e.g.", "namely", "form", "equality",
    "identity", "relation", "formula", "bound", ",", ":", ";", "=", "(",
)  # fmt: skip
# "… the average of these error categories": a plural noun the card does not show
# or "… quite effective on this task": the task is named where the note said it, not here
_POINTING_ANYWHERE = re.compile(
    r"\b(?:these|those)\s++(?:[a-z-]++\s++)?[a-z-]*s\b|\bthis\s++[a-z][a-z-]*+\b(?!\s*+[(:])"
    # "… use ___ for that projection": "that" after a preposition is the one just named
    r"|\b(?:for|of|in|on|with|by|from|at|into|through|after|before)\s++that\s++[a-z][a-z-]*+\b"
    # "… the above conditions", "relative to the above", "if stuff above was hard": a part of
    # the note the card does not show
    r"|\bthe\s++above\b|\b(?:listed|mentioned|shown|described|given|stated|stuff|as)\s++above\b"
    r"|\b(?:aforementioned|abovementioned|aforesaid)\b",  # "the aforementioned form"
    re.I,
)
# the state of a field on the day the note was written: judged stale (r18)
_DATED = re.compile(
    r"\b(?:currently|nowadays|as of (?:now|today|writing)|at the time of writing|these days|"
    r"(?:the )?current (?:best|state of the art|sota|leader))\b",
    re.I,
)


def trails_off(sentence: str) -> bool:
    """``_TRAILING`` found in the sentence. It can only match in the last TRAILING_TAIL
    characters before the closing spaces, so it is searched from there: searched from the
    start, it was tried at every word of every sentence."""
    stripped = sentence.rstrip()
    if stripped.isascii() and not stripped.lower().endswith(TRAILING_LAST):
        return False
    return _TRAILING.search(sentence, max(0, len(stripped) - TRAILING_TAIL)) is not None


def says_what_follows(sentence: str) -> bool:
    """ "… the following statistics", "… as follows": what it says comes after it."""
    if sentence.isascii() and "follow" not in sentence.lower():
        return False
    return _FOLLOWING.search(sentence) is not None


def points_anywhere(sentence: str) -> bool:
    """``_POINTING_ANYWHERE`` found ("these error categories", "the above conditions")."""
    return search_holding(
        _POINTING_ANYWHERE, sentence, ("this", "that", "these", "those", "above", "afore")
    )


def dated(sentence: str) -> bool:
    """``_DATED`` found ("currently best", "as of writing")."""
    return search_holding(
        _DATED, sentence, ("current", "nowadays", "as of ", "of writing", "these days")
    )
