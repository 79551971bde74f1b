"""A paper written as lines joined by ``<br>`` (awesome-lists, table cells): its parts read for
their roles."""

from __future__ import annotations

import re

from studydeck.builder.citations import first_author, looks_like_authors, normalise_venue
from studydeck.builder.descriptions import shorten
from studydeck.builder.entry_text import drop_paper_tags, tidy_title
from studydeck.notes import hygiene
from studydeck.notes.hygiene import LINK, Masked

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_BR = re.compile(r"<br\s*/?>", re.I)
_ITALIC = re.compile(r"^\s*(?:\*(?!\*)|_(?!_))(?P<inner>[^*_]+)(?:\*|_)\s*$")
_BOLD_PART = re.compile(r"^(?:\*\*|__)(?P<t>.+?)(?:\*\*|__)\s*$")


def br_entry(masked: Masked, text: str, url: str | None):
    """``**Title**<br>*Authors*<br>Venue 2023 [[paper](url)]<br>summary``: one paper written
    as lines joined by ``<br>`` (awesome-lists, table cells). Each part is read for its role:
    the first is the title, an italic or name-list part the authors, a short part with a year
    the venue, and a longer sentence the summary. → (title, attribution, summary, venue)."""
    parts = [p for p in _BR.split(text) if p.strip()]
    if len(parts) < 2:
        return None
    head = parts[0].strip()
    link = LINK.match(head)
    bold = _BOLD_PART.match(head)
    if link and link.end() >= len(head.rstrip(" *")) - 2:
        title = hygiene.clean(masked, link.group(1))
    elif bold:
        inner = LINK.match(bold.group("t").strip())
        title = hygiene.clean(masked, inner.group(1) if inner else bold.group("t"))
    else:
        return None
    authors = venue = summary = None
    for part in parts[1:]:
        plain = hygiene.clean(masked, drop_paper_tags(part)).strip(" .")
        if not plain:
            continue
        italic = _ITALIC.match(part)
        names = looks_like_authors(plain) or (italic is not None and "," in plain)
        if authors is None and names and not _YEAR.search(plain):
            authors = plain
            continue
        if venue is None and _YEAR.search(plain) and len(plain.split()) <= 6:
            venue = plain
            continue
        if summary is None and len(plain.split()) >= 4:
            summary = shorten(hygiene.clean(masked, part).strip())
    year = _YEAR.search(venue or "")
    cited = first_author(authors, year) if authors else None
    where = normalise_venue(venue) if venue and re.match(r"^[A-Za-z]", venue) else None
    return tidy_title(title), cited, summary, where
