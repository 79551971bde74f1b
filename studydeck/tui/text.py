"""Card text on screen — the only place it becomes something Textual can draw.

Card text is untrusted: Textual would read ``[...]`` as markup (``[Empirical]`` vanishes,
``x[/bold]`` crashes at layout, ``[@click=app.quit]`` becomes a live action). So it is wrapped
in :class:`Content` directly, never parsed, and styling is added as spans over the plain text.
Neither Content nor Rich ``Text`` drops ESC, so every function here strips control characters
first (``strip_controls``): a deck written by hand or an old DB row can't drive the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.content import Content, Span

from studydeck.text import strip_controls


def plain(text: str) -> Content:
    """User text as written, less control characters."""
    return Content(strip_controls(text))


def cell(text: str, justify: str = "left") -> Text:
    """User text for a DataTable cell (which would read a ``str`` as markup)."""
    return Text(strip_controls(text), justify=justify)  # type: ignore[arg-type]


def card_text(text: str) -> Content:
    """A question or answer: verbatim, with ``$…$`` math shown readably (display only)."""
    from studydeck.mathtext import render_math  # flatlatex: not for the home screen's cells

    return Content(render_math(strip_controls(text)))


def styled(text: str, style: str) -> Content:
    """User text with one style over all of it (the style is ours, the text is theirs)."""
    text = strip_controls(text)
    return Content(text, [Span(0, len(text), style)] if text else None)


# How each diff segment is drawn. The wdiff marks (as in ``quiz --plain``) carry the meaning
# without colour (NO_COLOR, monochrome terminals); the styles only make it quicker to read.
DIFF_MARKS = {
    "same": ("", ""),
    "extra": ("[-", "-]"),
    "wrong": ("[-", "-]"),
    "missing": ("{+", "+}"),
}
DIFF_STYLES = {
    "same": "",
    "extra": "strike $text-error",
    "wrong": "bold $text-error",
    "missing": "underline $text-success",
}


def typed_diff(typed: str, expected: str) -> Content:
    """The typed answer against the expected one in wdiff notation: ``[-typed-]{+expected+}``.

    Both sides have their math rendered first, so the diff reads like the answer shown above
    it (display only: grading compares the text as written)."""
    from studydeck.grading import diff
    from studydeck.mathtext import render_math

    return diff_content(
        diff(render_math(strip_controls(typed)), render_math(strip_controls(expected)))
    )


def diff_content(segments: Sequence[tuple[str, str]]) -> Content:
    parts: list[Content | tuple[str, str] | str] = []
    for index, (text, kind) in enumerate(segments):
        opening, closing = DIFF_MARKS.get(kind, ("", ""))
        if kind == "missing" and index and _replaces_whole_words(segments, index):
            parts.append(" ")  # "[-self-] {+Initial+}": two words, not one
        parts += [(opening, "dim"), (text, DIFF_STYLES.get(kind, "")), (closing, "dim")]
    return Content.assemble(*parts)


def _replaces_whole_words(segments: Sequence[tuple[str, str]], index: int) -> bool:
    """Whether segment ``index`` (expected text) follows typed text that replaced whole words,
    rather than letters inside a word (``Devl[-ni-]{+in+}`` stays together)."""
    previous_kind = segments[index - 1][1]
    if previous_kind not in ("wrong", "extra"):
        return False
    before = segments[index - 2][0] if index >= 2 else ""
    after = segments[index + 1][0] if index + 1 < len(segments) else ""
    return not (before[-1:].isalnum() or after[:1].isalnum())
