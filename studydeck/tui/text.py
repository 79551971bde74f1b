"""Card text on screen — the only place it becomes something Textual can draw.

Card text is untrusted: Textual would read ``[...]`` as markup (``[Empirical]`` vanishes,
``x[/bold]`` crashes at layout, ``[@click=app.quit]`` becomes a live action). So it is wrapped
in :class:`Content` directly, never parsed, and styling is added as spans over the plain text.
"""

from __future__ import annotations

from textual.content import Content, Span

from studydeck.mathtext import render_math


def plain(text: str) -> Content:
    """User text exactly as written (control codes stripped by Content)."""
    return Content(text)


def card_text(text: str) -> Content:
    """A question or answer: verbatim, with ``$…$`` math shown readably (display only)."""
    return Content(render_math(text))


def styled(text: str, style: str) -> Content:
    """User text with one style over all of it (the style is ours, the text is theirs)."""
    return Content(text, [Span(0, len(text), style)] if text else None)
