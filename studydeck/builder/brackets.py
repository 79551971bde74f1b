"""Parentheses and brackets of an entry, scanned once: which ``( … )`` groups are top-level and
how deep a position sits (the separators and links the paper parser looks for count only
outside them)."""

from __future__ import annotations

import re
from functools import lru_cache

_BRACKET = re.compile(r"[()\[\]]")


def _nesting_depth(text: str, at: int) -> int:
    """How many () or [] are open at position ``at`` (C-speed counting, no Python char loop)."""
    opened = text.count("(", 0, at) + text.count("[", 0, at)
    return max(0, opened - text.count(")", 0, at) - text.count("]", 0, at))


def _paren_groups(text: str) -> tuple[tuple[int, int], ...]:
    """Top-level ``( … )`` groups as (start, end) spans."""
    return _paren_spans(text) if "(" in text else ()


@lru_cache(maxsize=8192)
def _paren_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_scan_parens(text))


def _scan_parens(text: str):
    depth, start = 0, None
    for bracket in _BRACKET.finditer(text):
        i, ch = bracket.start(), bracket.group(0)
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            # a link's "(url)" directly follows "]": not a group of its own
            if depth == 0 and start is not None and (start == 0 or text[start - 1] != "]"):
                yield start, i + 1


def _drop_parens(text: str) -> str:
    for start, end in reversed(list(_paren_groups(text))):
        text = text[:start] + " " + text[end:]
    return text
