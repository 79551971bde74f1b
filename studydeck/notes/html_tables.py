"""HTML tables in a note (Notion and GitHub exports write them): rows, header and links read by a
forward scan, never by a regex that rescans."""

from __future__ import annotations

import re
from typing import NamedTuple

from studydeck.notes import hygiene, scan
from studydeck.notes.hygiene import Masked

# <tr …>…</tr>, <th|td …>…</th|td>: scanned by notes.scan.elements
ROW_OPEN = re.compile(r"<tr\b", re.I)
ROW_CLOSE = re.compile(r"</tr\s*+>", re.I)
_CELL_OPEN = re.compile(r"<t([hd])\b", re.I)
_CELL_CLOSE = re.compile(r"</t[hd]\s*+>", re.I)


class HtmlRow(NamedTuple):
    line: int
    text: Masked  # the cells joined by " | "
    header: tuple[str, ...]
    cells: tuple[Masked, ...]


# <a … href="url" …>text</a>: scanned by _html_links
_LINK_OPEN = re.compile(r"<a\s", re.I)
_HREF = re.compile(r"href=[\"']", re.I)
_QUOTE = re.compile(r"[\"']")
_LINK_CLOSE = re.compile(r"</a\s*+>", re.I)


def html_rows(html_text: str, first_line: int) -> list[HtmlRow]:
    """Rows of an HTML ``<table>`` (Notion/GitHub exports): ``<th>`` cells make the header of
    the rows after them, ``<a href>`` links become markdown links."""
    header: tuple[str, ...] = ()
    rows = []
    line, counted = first_line, 0  # lines counted up to ``counted`` (once, not once per row)
    for opened, row_start, row_end in scan.elements(html_text, ROW_OPEN, ROW_CLOSE):
        row_html = html_text[row_start : row_end.start()]
        cells = [
            (cell.group(1), row_html[body_start : closed.start()])
            for cell, body_start, closed in scan.elements(row_html, _CELL_OPEN, _CELL_CLOSE)
        ]
        if not cells:
            continue
        texts = [_html_links(body).replace("\n", " ") for _, body in cells]
        if all(tag.lower() == "h" for tag, _ in cells):
            header = tuple(hygiene.clean(hygiene.mask_math(t)) for t in texts)
            continue
        masked = [hygiene.mask_math(t) for t in texts]
        line += html_text.count("\n", counted, opened.start())
        counted = opened.start()
        joined = hygiene.mask_math(" | ".join(texts))
        rows.append(HtmlRow(line, joined, header, tuple(masked)))
    return rows


def _html_links(html_text: str) -> str:
    r"""``<a … href="url" …>text</a>`` → ``[text](url)``: what the regex
    ``<a\s[^>]*?href=["']([^"']*)["'][^>]*>(.*?)</a\s*>`` (re.S) replaced, found in one
    forward pass (the regex rescanned the rest of the text from every unclosed ``<a``)."""
    if "<" not in html_text:
        return html_text
    tag_end = scan.NextMatch(_TAG_END, html_text)
    href = scan.NextMatch(_HREF, html_text)
    quote = scan.NextMatch(_QUOTE, html_text)
    value_tag_end = scan.NextMatch(_TAG_END, html_text)
    link_close = scan.NextMatch(_LINK_CLOSE, html_text)
    out, done, pos = [], 0, 0
    while (opened := _LINK_OPEN.search(html_text, pos)) is not None:
        gt, attr = tag_end.at_or_after(opened.end()), href.at_or_after(opened.end())
        if gt is None or attr is None:
            break  # nothing later can close either
        if attr.start() > gt.start():  # no href inside this tag: a later <a may have one
            pos = opened.start() + 1
            continue
        # each step is the first of its kind after the last: when one is missing, every later
        # <a misses it too
        value_end = quote.at_or_after(attr.end())
        body_start = value_tag_end.at_or_after(value_end.end()) if value_end else None
        closed = link_close.at_or_after(body_start.end()) if body_start else None
        if closed is None:
            break
        url = html_text[attr.end() : value_end.start()]
        out += (
            html_text[done : opened.start()],
            f"[{html_text[body_start.end() : closed.start()]}]({url})",
        )
        done = pos = closed.end()
    return "".join(out) + html_text[done:] if out else html_text


_TAG_END = re.compile(">")
