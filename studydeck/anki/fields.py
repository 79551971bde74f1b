"""Card text → Anki field HTML: escaped (card text is untrusted), math in Anki's delimiters."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

from studydeck.anki.model import ExportCard
from studydeck.deck import Card
from studydeck.text import strip_controls

FIELD_NAMES = ("Question", "Answer", "Context", "Source")

# $$…$$ first so its dollars are not taken as two empty inline spans; a single $ needs a
# non-space right after it and before the closing one, so "$5 and $10" stays text.
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)([^$\n]+?)(?<=\S)\$(?!\$)")
_SAFE_URL = re.compile(r"^https?://", re.I)
KIND_TAG = "studydeck::kind::"  # the card's kind travels as an Anki tag
# Anki sorts a note's tags, so their order travels in a comment in the Source field.
_TAG_ORDER = re.compile(r"<!--studydeck-tags: ([^>]*)-->")


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


def tag_order_comment(tags: list[str]) -> str:
    """An invisible record of the tag order (escaped: no ``>`` can end the comment early)."""
    return f"<!--studydeck-tags: {html.escape(' '.join(tags))}-->" if len(tags) > 1 else ""


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


def note_tags(card: Card) -> list[str]:
    """The card's tags as Anki tags, then its kind as ``studydeck::kind::<kind>``."""
    return [*anki_tags(card.tags), KIND_TAG + "_".join(card.kind.split())]


def tags_and_kind(anki_note_tags: Iterable[str], source_field: str) -> tuple[tuple[str, ...], str]:
    """Back from Anki: the tags in their exported order (tags added in Anki after them, in
    Anki's order) and the kind (``"manual"`` when the kind tag is missing)."""
    kind = "manual"
    tags = []
    for tag in anki_note_tags:
        if tag.lower().startswith(KIND_TAG):
            kind = tag[len(KIND_TAG) :] or kind
        else:
            tags.append(tag)
    order = _TAG_ORDER.search(source_field)
    if order:
        exported = html.unescape(order.group(1)).split()
        rank = {tag: i for i, tag in reversed(list(enumerate(exported)))}
        tags.sort(key=lambda tag: rank.get(tag, len(exported)))  # stable: the rest keep order
    return tuple(tags), kind


# A deck's title and source travel in its Anki description: the title shown, both in a comment.
_DECK_HEADER = re.compile(r"<!--studydeck-deck: ([^>]*)-->")


def deck_description(title: str, source: str | None) -> str:
    """Anki deck description HTML for a studydeck deck's ``title`` and ``source:``."""
    if not title and not source:
        return ""
    header = json.dumps({"title": title, "source": source}, ensure_ascii=False)
    return f"{html.escape(title)}<!--studydeck-deck: {html.escape(header)}-->"


def deck_header(description: object) -> tuple[str, str | None]:
    """``(title, source)`` back from a description written by :func:`deck_description`;
    ``("", None)`` for any other description (a foreign deck's text is not a title)."""
    found = _DECK_HEADER.search(description) if isinstance(description, str) else None
    if not found:
        return "", None
    try:
        header = json.loads(html.unescape(found.group(1)))
    except ValueError:
        return "", None
    if not isinstance(header, dict):
        return "", None
    title, source = header.get("title"), header.get("source")
    title = strip_controls(title).strip() if isinstance(title, str) else ""
    source = strip_controls(source).strip() if isinstance(source, str) else ""
    return title, source or None
