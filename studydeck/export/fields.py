"""Card text → Anki field HTML: escaped (card text is untrusted), math in Anki's delimiters."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from studydeck.export.model import ExportCard

FIELD_NAMES = ("Question", "Answer", "Context", "Source")

# $$…$$ first so its dollars are not taken as two empty inline spans; a single $ needs a
# non-space right after it and before the closing one, so "$5 and $10" stays text.
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)([^$\n]+?)(?<=\S)\$(?!\$)")
_SAFE_URL = re.compile(r"^https?://", re.I)


def to_html(text: str) -> str:
    """Escape HTML, ``$…$`` → ``\\(…\\)``, ``$$…$$`` → ``\\[…\\]``, newlines → ``<br>``."""
    escaped = html.escape(text, quote=False)
    escaped = _DISPLAY_MATH.sub(lambda m: rf"\[{m.group(1)}\]", escaped)
    escaped = _INLINE_MATH.sub(lambda m: rf"\({m.group(1)}\)", escaped)
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def source_html(note_file: str | None, line: int | None, url: str | None) -> str:
    """``note.md:42`` and a link to the paper; only http(s) URLs become links."""
    parts = []
    if note_file:
        where = f"{note_file}:{line}" if line else note_file
        parts.append(html.escape(where))
    if url:
        shown = html.escape(url)
        if _SAFE_URL.match(url):
            parts.append(f'<a href="{html.escape(url, quote=True)}">{shown}</a>')
        else:
            parts.append(shown)
    return " · ".join(parts)


def note_fields(item: ExportCard) -> list[str]:
    card = item.card
    return [
        to_html(card.question),
        to_html(card.answer),
        to_html(card.context),
        source_html(item.note_file, card.source_line, card.url),
    ]


def anki_tags(tags: Iterable[str]) -> list[str]:
    """Anki tags are space-separated words: spaces inside a tag become ``_``."""
    return ["_".join(tag.split()) for tag in tags if tag.strip()]
