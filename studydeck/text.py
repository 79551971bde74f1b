"""The one text normaliser: what "the same words" means for matching, grading and dedup."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the words of a text: what is left, space-separated, once runs of other characters are spaces
# (one findall, not a substitution, a split and a join: no character is both \w and a space)
_WORD_RUN = re.compile(r"[\w$]+")


class _MarkDropper(dict):
    """``str.translate`` table dropping combining marks; learns each character once (C speed)."""

    def __missing__(self, char: int) -> int | None:
        value = None if unicodedata.combining(chr(char)) else char
        self[char] = value
        return value


_DROP_MARKS = _MarkDropper()


@lru_cache(maxsize=1 << 16)  # a build folds the same headings and titles ~8 times each
def fold(text: str) -> str:
    """Casefold, drop accents and punctuation, squeeze spaces: ``"Café, BERT!"`` → ``cafe bert``."""
    if text.isascii():  # the common case, ~10x faster; same result (NFKD is a no-op on ASCII)
        return " ".join(_WORD_RUN.findall(text.lower()))
    no_marks = unicodedata.normalize("NFKD", text).translate(_DROP_MARKS)
    return " ".join(_WORD_RUN.findall(no_marks.casefold()))


# ── terminal safety ──────────────────────────────────────────────────────────────
# Untrusted text (notes, decks, Anki packages, old DB rows) must never drive the terminal: ESC
# starts CSI/OSC sequences (clear the screen, set the title, OSC 52 clipboard writes), C1 codes
# do the same on 8-bit terminals, CR and BS overwrite what was shown, and bidi overrides make
# text read differently from what it is. Newline and tab keep their meaning.
_UNSAFE = (
    [c for c in range(0x20) if c not in (0x09, 0x0A)]
    + list(range(0x7F, 0xA0))  # DEL and the C1 controls
    + list(range(0x202A, 0x202F))  # LRE RLE PDF LRO RLO
    + list(range(0x2066, 0x206A))  # LRI RLI FSI PDI
)
_DROP_UNSAFE = dict.fromkeys(_UNSAFE)
_UNSAFE_CHARS = frozenset(map(chr, _UNSAFE))


def strip_controls(text: str) -> str:
    """``text`` without control characters (but newline and tab) and bidi overrides.

    The one neutraliser: applied at the door (build, deck load, Anki import) and again by
    every front end just before it shows user text. Linear, C speed (``str.translate``)."""
    if text.isprintable() or _UNSAFE_CHARS.isdisjoint(text):
        return text
    return text.translate(_DROP_UNSAFE)


def search_holding(pattern: re.Pattern[str], text: str, words: tuple[str, ...]) -> bool:
    """``pattern`` found in ``text``, where each of its forms holds one of ``words`` (lowercase):
    an ASCII text holding none of them is told at C speed. (A pattern opening on a word boundary
    under re.I is tried at every character; non-ASCII text goes straight to it, whose case
    folding reaches past ASCII.)"""
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in words):
            return False
    return pattern.search(text) is not None
