"""Linear-time scans for "opener … first closer" shapes.

A regex such as ``<tr[^>]*>(.*?)</tr>`` is quadratic on text with many openers and no closer:
each failed start rescans the rest of the text (``"<tr>" * 16_000`` took 13 s). The shapes here
find the same matches by asking "where is the first closer after this point?" with a cached
forward search: one scan of the text in all, however many openers there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class NextMatch:
    """The first match of ``pattern`` in ``text`` starting at or after a position. Asked with
    positions that never decrease (the usual left-to-right scan) it searches each stretch of
    the text once; a smaller position still gets a right answer, by a fresh search."""

    __slots__ = ("_asked", "_found", "_pattern", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern, self._text = pattern, text
        self._asked = -1  # the position the cached answer was searched from
        self._found: re.Match[str] | None = None

    def at_or_after(self, pos: int) -> re.Match[str] | None:
        stale = self._found is not None and self._found.start() < pos
        if self._asked < 0 or pos < self._asked or stale:
            # None from an earlier position stays true: no match after it means none later
            self._found = self._pattern.search(self._text, pos)
            self._asked = pos
        return self._found


_TAG_END = re.compile(">")


def elements(
    text: str, opener: re.Pattern[str], closer: re.Pattern[str]
) -> Iterator[tuple[re.Match[str], int, re.Match[str]]]:
    """``(opener match, body start, closer match)`` of each element, left to right, without
    overlaps: exactly what ``opener[^>]*>(.*?)closer`` (re.S) finds with ``finditer``. The
    body ends where the closer starts."""
    tag_end, shut = NextMatch(_TAG_END, text), NextMatch(closer, text)
    pos = 0
    while (opened := opener.search(text, pos)) is not None:
        gt = tag_end.at_or_after(opened.end())
        # no ">" (or no closer) after this opener means none after any later opener either
        if gt is None or (closed := shut.at_or_after(gt.end())) is None:
            return
        yield opened, gt.end(), closed
        pos = closed.end()


def first_element(
    text: str, opener: re.Pattern[str], closer: re.Pattern[str]
) -> tuple[re.Match[str], int, re.Match[str]] | None:
    return next(elements(text, opener, closer), None)


def delimited(
    text: str,
    opener: re.Pattern[str],
    closer: re.Pattern[str],
    barrier: re.Pattern[str] | None = None,
) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """``(opener match, closer match)`` pairs, left to right, without overlaps: what
    ``opener(.*?)closer`` (re.S) finds, where the body may not hold a position at which
    ``barrier`` matches (``(?:(?!barrier).)*?``). The body runs from the opener's end to the
    closer's start."""
    shut = NextMatch(closer, text)
    stop = NextMatch(barrier, text) if barrier is not None else None
    pos = 0
    while (opened := opener.search(text, pos)) is not None:
        closed = shut.at_or_after(opened.end())
        if closed is None:
            return  # no closer after this opener: none after any later one either
        blocked = stop.at_or_after(opened.end()) if stop is not None else None
        if blocked is not None and blocked.start() < closed.start():
            pos = opened.start() + 1  # this opener is cut off; a later one may close
            continue
        yield opened, closed
        pos = closed.end()
