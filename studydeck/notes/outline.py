"""Markdown note → outline: a flat list of blocks that know their headings, line and nesting.

markdown-it-py gives the block structure and line maps; inline markdown is kept *raw* (with math
masked) so rules can read ``**bold**`` and link layout, and :mod:`hygiene` turns fragments into
clean text. The inline pass of markdown-it is disabled: it would mangle ``_``/``*`` inside math,
and skipping it makes parsing several times faster.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from studydeck.notes import html_tables, hygiene, scan
from studydeck.notes.hygiene import Masked
from studydeck.notes.passages import join_continued, prose_chunks
from studydeck.notes.prepare import prepare
from studydeck.notes.properties import front_matter, page_properties

# <summary …>…</summary>: scanned by notes.scan.elements
_SUMMARY_OPEN = re.compile(r"<summary", re.I)
_SUMMARY_CLOSE = re.compile(r"</summary>", re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)
_CALLOUT = re.compile(r"^\[!(?P<type>[\w-]+)\][+-]?[ \t]*(?P<title>[^\n]*)\n?")
_REFERENCE = re.compile(r"^\[(\d{1,3})\]\s+(?=\S)")  # "[3] Authors. [Title](url). Venue 2020."
_BR_ENTRY = re.compile(r"^\s*(?:\*\*|__|\[)[^\n]{3,300}?<br\s*/?>", re.I)
_EXPAND = re.compile(r"^(?:click|tap|show|expand|see|view|more|toggle)\b", re.I)
# "**label**", "**label** (note):": the opening of a bold-only paragraph; _bold_only_label finds
# where the label closes (the regex form, lazy label + greedy "(.*)" tail, was quadratic)
_BOLD_OPEN = re.compile(r"(?<!\s)\s*+(\*\*|__)[^*_]")
_SPACE_RUN = re.compile(r"\s*+")


class _cached:
    """``functools.cached_property`` without Python 3.11's lock: a 1 MB build reads ~25,000 of
    these once each, and the lock was half their cost. Set once in the instance's ``__dict__``,
    which later reads find first."""

    def __init__(self, compute):
        self.compute, self.name, self.__doc__ = compute, compute.__name__, compute.__doc__

    def __get__(self, block, owner=None):
        if block is None:
            return self
        value = block.__dict__[self.name] = self.compute(block)
        return value


@dataclass(eq=False)
class Block:
    """One unit of a note: ``heading``, ``item`` (list item), ``paragraph``, ``row`` or ``math``."""

    kind: str
    line: int  # 1-based line in the note
    path: tuple[str, ...]  # clean heading path, outermost first
    masked: Masked  # raw inline markdown, math masked
    depth: int = 0  # list nesting (1 = top-level item)
    number: int | None = None  # ordered-list number
    parent: Block | None = None
    children: list[Block] = field(default_factory=list)
    header: tuple[str, ...] = ()  # rows: clean header cells
    cells: tuple[Masked, ...] = ()  # rows: raw cells
    previous: Block | None = None  # the block before this one in the same section

    @_cached
    def text(self) -> str:
        return hygiene.clean(self.masked)

    @_cached
    def links(self) -> list[tuple[str, str]]:
        pairs = hygiene.links(self.masked.text)
        return [(self.masked.restore(text), url) for text, url in pairs]

    @_cached
    def paper_url(self) -> str | None:
        """The first link to a paper in this item, row or heading, if any."""
        if self.kind not in ("item", "row", "heading", "paragraph"):
            return None
        for text, url in self.links:
            if hygiene.is_paper_link(text, url):
                return url
        return None

    @property
    def is_paper_item(self) -> bool:
        return self.paper_url is not None


@dataclass
class Outline:
    name: str
    blocks: list[Block]
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # front matter (title, authors, url …)

    @property
    def paper_items(self) -> list[Block]:
        """List items and table rows that link a paper (what coverage is measured on)."""
        return [b for b in self.blocks if b.kind in ("item", "row") and b.is_paper_item]


_TASK_BOX = re.compile(r"^\[[ xX]\]\s++")
# a paragraph that opens on a reference number, then a surname and a quoted title
_REFERENCE_NUMBER = re.compile(
    r"(?:\*\*|__)?\[\d{1,4}\](?:\*\*|__)?\s++(?=[A-Z][^\n\"“]{2,300}[\"“])"
)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(dollarmath_plugin, double_inline=True)
    md.disable("inline")
    # prepare() has already removed the CRs and NULs "normalize" rewrites, and with no inline
    # pass "text_join" has no text to join: two passes over every note, for nothing
    md.disable(["normalize", "text_join"])
    return md


def _ignore(*args: object, **kwargs: object) -> None:
    return None


def _quiet_block_rule_logs() -> None:
    """markdown-it's block rules log a debug line each time one is tried (~165,000 calls a MB of
    notes, a tenth of the parse) that nothing prints: while its DEBUG is off at import, each rule
    logger's ``debug`` becomes a no-op, so the level check is not made for every line. (DEBUG
    turned on later no longer shows these lines; studydeck never turns it on.)"""
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if (
            name.startswith("markdown_it.rules_block.")
            and isinstance(logger, logging.Logger)
            and not logger.isEnabledFor(logging.DEBUG)
        ):
            logger.debug = _ignore  # type: ignore[method-assign]


_MD = _parser()
_quiet_block_rule_logs()


def _bold_only_label(content: str) -> str | None:
    """The label of a paragraph that is only bold text: ``**label**``, optionally followed by a
    parenthesis and a colon (``**Methods** (2 papers):``), else None. The label is the shortest
    that leaves such a tail."""
    opened = _BOLD_OPEN.match(content)
    if opened is None:
        return None
    mark = opened.group(1)
    # the tail "\s*(?:\(.*\))?\s*:?\s*$" after the closing mark: whatever it holds ends with
    # ``tail_end`` (trailing space, an optional colon, space)
    stripped = content.rstrip()
    tail_end = len(stripped[:-1].rstrip() if stripped.endswith(":") else stripped)
    # the parenthesis can only close just before that trailing space/colon
    paren_close = tail_end - 1 if content[tail_end - 1 : tail_end] == ")" else -1
    label_start = opened.end() - 1
    close = content.find(mark, opened.end())
    while close != -1:
        after = close + len(mark)
        if after >= tail_end:
            return content[label_start:close]
        if paren_close > after:
            space_end = _SPACE_RUN.match(content, after).end()
            if content.startswith("(", space_end) and paren_close > space_end:
                return content[label_start:close]
        close = content.find(mark, close + 1)
    return None


# a paragraph that opens on a link naming a paper: a citation with its year ("[Zhou, Heckman &
# Liu (2022)](url)"), or any link followed by a title ("[Albert & Monras](url): Immigration …");
# a bare "[Nat. Comm.](url)" under a paper's heading is only where to read it
_LINKED_ENTRY = re.compile(
    r"\A(?:\*\*|__)?\[(?:[^\]\n]{0,200}?\b(?:19|20)\d\d[a-z]?\)?\]\([^)\s]{4,500}\)"
    r"|[^\]\n]{2,200}\]\([^)\s]{4,500}\)(?:\*\*|__)?\s*+[:–—-]\s*+\S+\s+\S)"
)
MAX_ENTRY_PARAGRAPH = 300


def _notes_below(tokens: list, i: int) -> bool:
    """A one-line paragraph opening on a link, a list right after it: an entry and its notes."""
    content = tokens[i + 1].content
    return (
        len(content) <= MAX_ENTRY_PARAGRAPH
        and "\n" not in content
        and i + 3 < len(tokens)
        and tokens[i + 3].type in ("bullet_list_open", "ordered_list_open")
        and _LINKED_ENTRY.match(content) is not None
    )


def parse_outline(text: str, name: str = "note") -> Outline:
    meta = front_matter(text) if text.startswith("---") else {}
    if not meta and "::" in text[:200]:
        meta = page_properties(text)
    tokens = _MD.parse(prepare(text))
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []  # (level, text)
    items: list[Block] = []  # open list items, innermost last
    depth = 0
    number_stack: list[int] = []
    item_has_text: list[bool] = []
    table_header: list[str] = []
    row_cells: list[Masked] = []
    in_head = False
    row_line = 0
    previous: Block | None = None
    title = meta.get("title", "")
    callouts: list[bool] = []  # per open blockquote: did it open a callout sub-heading?
    details: list[bool] = []  # per open <details>: did its <summary> open a sub-heading?
    adopter: Block | None = None  # a linked entry paragraph whose list below is its notes

    def path() -> tuple[str, ...]:
        return tuple(h for _, h in headings)

    heading_count = 0  # of the markdown headings in blocks: the rest is content
    real_level = 0  # level of the last markdown heading (bold labels and <summary> sit below it)

    def set_heading(level: int, label: str) -> None:
        nonlocal previous
        while headings and headings[-1][0] >= level:
            headings.pop()
        if label:
            headings.append((level, label))
        previous = None

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1])
            label = hygiene.clean(hygiene.mask_math(tokens[i + 1].content))
            # an H1 below content is a section ("# Key people" at line 124), and a question is
            # a template's prompt ("# What problem is the paper trying to solve?"), not a title
            if level == 1 and not title and len(blocks) == heading_count and label[-1:] != "?":
                title = label
            real_level = level
            set_heading(level, label)
            raw = hygiene.mask_math(tokens[i + 1].content)
            blocks.append(Block("heading", tok.map[0] + 1, path(), raw, depth=level))
            heading_count += 1
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            number_stack.append(int(tok.attrs.get("start", 1) or 1) if tok.attrs else 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            number_stack.pop()
            if depth == 0:
                adopter = None
        elif kind == "list_item_open":
            parent = items[-1] if items else adopter
            number = None
            if tok.info and tok.info.isdigit():
                number = int(tok.info)
            item = Block(
                "item",
                tok.map[0] + 1 if tok.map else 1,
                path(),
                Masked(""),
                depth=depth + (adopter is not None),  # under an entry paragraph: one deeper
                number=number,
                parent=parent,
            )
            if parent is not None:
                parent.children.append(item)
            items.append(item)
            item_has_text.append(False)
            blocks.append(item)
        elif kind == "list_item_close":
            item = items.pop()
            item_has_text.pop()
            if item.parent is None:
                previous = item
        elif kind == "inline" and items and not item_has_text[-1] and not row_line:
            # "- [x] [Title](url)": a task list's checkbox says the reader read it, nothing more
            content = tok.content
            if content.startswith("["):
                content = _TASK_BOX.sub("", content, count=1)
            items[-1].masked = hygiene.mask_math(content)
            item_has_text[-1] = True
        elif kind == "blockquote_open":
            callout = None
            if i + 2 < len(tokens) and tokens[i + 1].type == "paragraph_open":
                callout = _CALLOUT.match(tokens[i + 2].content)
            if callout:  # Obsidian "> [!note] Title": a sub-heading over the quote's text
                label = hygiene.clean(hygiene.mask_math(callout.group("title")))
                set_heading(real_level + 1, label or callout.group("type").lower())
                tokens[i + 2].content = tokens[i + 2].content[callout.end() :]
            callouts.append(bool(callout))
        elif kind == "blockquote_close":
            if callouts and callouts.pop() and headings:
                headings.pop()
        elif kind == "paragraph_open" and not items and not tokens[i + 1].content.strip():
            i += 3
            continue
        elif kind == "paragraph_open" and not items and _REFERENCE.match(tokens[i + 1].content):
            # a numbered reference entry works as a list item (it is one paper)
            content = tokens[i + 1].content
            item = Block(
                "item",
                tok.map[0] + 1,
                path(),
                hygiene.mask_math(content[_REFERENCE.match(content).end() :]),
                depth=1,
            )
            blocks.append(item)
            previous = item
            i += 3
            continue
        elif (
            kind == "paragraph_open"
            and not items
            and "<br" in tokens[i + 1].content.lower()
            and _BR_ENTRY.match(tokens[i + 1].content)
        ):
            # "**Title**<br>*Authors*<br>Venue [[paper](url)]": a paper entry, like a list item
            item = Block("item", tok.map[0] + 1, path(), hygiene.mask_math(tokens[i + 1].content))
            item.depth = 1
            blocks.append(item)
            previous = item
            i += 3
            continue
        elif kind == "paragraph_open" and not items and _notes_below(tokens, i):
            # "[Anelli & Koenig (2021)](url): Title" over "- Results: …": a reading log's entry
            # as a paragraph, its notes as the list right below — the list's parent, as if nested
            item = Block("item", tok.map[0] + 1, path(), hygiene.mask_math(tokens[i + 1].content))
            item.depth = 1
            blocks.append(item)
            previous = adopter = item
            i += 3
            continue
        elif kind == "paragraph_open" and not items:
            content = tokens[i + 1].content
            bold = _bold_only_label(content)
            label = hygiene.clean(hygiene.mask_math(bold)) if bold is not None else ""
            numbered = _REFERENCE_NUMBER.match(content)
            if numbered:
                # "**[4]** Krizhevsky, Alex, … "Imagenet classification …" …": a reading list's
                # numbered reference written as a paragraph, an entry all the same
                item = Block(
                    "item", tok.map[0] + 1, path(), hygiene.mask_math(content[numbered.end() :]), 1
                )
                item.previous = previous
                blocks.append(item)
                previous = item
            elif bold is not None and 0 < len(label.split()) <= 6:
                # A paragraph that is only bold text works as a sub-heading ("**nlp**"): one
                # level below the last real heading, replacing the previous such label.
                set_heading(real_level + 1, label)
            else:
                if bold is not None:  # "**12. Orthodromic, Antidromic, and …**": too long to
                    set_heading(real_level + 1, "")  # name the section, it still ends the last
                para = Block("paragraph", tok.map[0] + 1, path(), hygiene.mask_math(content))
                para.previous = previous
                blocks.append(para)
                previous = para
            i += 3
            continue
        elif kind == "code_block" and not items and tok.map:
            # a highlights export that indents every passage four spaces: prose, not code
            for offset, chunk in prose_chunks(tok.content):
                para = Block("paragraph", tok.map[0] + 1 + offset, path(), hygiene.mask_math(chunk))
                para.previous = previous
                blocks.append(para)
                previous = para
        elif kind in ("math_block", "math_block_label") and tok.map:
            math = Block(
                "math", tok.map[0] + 1, path(), Masked("\x000\x01", (f"$${tok.content.strip()}$$",))
            )
            math.previous = items[-1] if items else previous
            math.depth = depth
            blocks.append(math)
            if not items:
                previous = math
        elif (
            kind == "html_block"
            and "<t" in tok.content
            and scan.first_element(tok.content, html_tables.ROW_OPEN, html_tables.ROW_CLOSE)
        ):
            first = tok.map[0] + 1 if tok.map else 1
            blocks.extend(
                Block("row", r.line, path(), r.text, header=r.header, cells=r.cells)
                for r in html_tables.html_rows(tok.content, first)
            )
        elif kind == "html_block":
            summary = scan.first_element(tok.content, _SUMMARY_OPEN, _SUMMARY_CLOSE)
            if summary:
                _, body_start, closed = summary
                label = hygiene.clean(hygiene.mask_math(tok.content[body_start : closed.start()]))
                named = bool(label) and not _EXPAND.match(label)
                if named:  # "Click to expand (3 papers)" names no section
                    set_heading(real_level + 1, label)
                details.append(named)
            elif _DETAILS_CLOSE.search(tok.content) and headings and _pop_details(details):
                headings.pop()
        elif kind == "thead_open":
            in_head, table_header = True, []
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row_line, row_cells = (tok.map[0] + 1 if tok.map else 1), []
        elif kind == "inline" and row_line:
            if in_head:
                table_header.append(hygiene.clean(hygiene.mask_math(tok.content)))
            else:
                row_cells.append(hygiene.mask_math(tok.content))
        elif kind == "tr_close":
            if not in_head and row_cells:
                joined = hygiene.mask_math(" | ".join(c.restore(c.text) for c in row_cells))
                blocks.append(
                    Block(
                        "row",
                        row_line,
                        path(),
                        joined,
                        header=tuple(table_header),
                        cells=tuple(row_cells),
                    )
                )
            row_line = 0
        i += 1
    title = title or _lone_top_heading(blocks)
    return Outline(name=name, blocks=join_continued(blocks), title=title, meta=meta)


def _lone_top_heading(blocks: list[Block]) -> str:
    """A page opened by a heading whose level no other heading uses ("###### Dementia" over
    "# Classification", "# Vascular dementia" …) is titled by it."""
    if not blocks or blocks[0].kind != "heading":
        return ""
    level = blocks[0].depth
    if sum(1 for b in blocks if b.kind == "heading" and b.depth == level) > 1:
        return ""
    return blocks[0].path[-1] if blocks[0].path else ""


def _pop_details(details: list[bool]) -> bool:
    """Closing a ``<details>``: whether its summary had opened a heading (unknown: yes)."""
    return details.pop() if details else True
