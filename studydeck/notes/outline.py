"""Markdown note → outline: a flat list of blocks that know their headings, line and nesting.

markdown-it-py gives the block structure and line maps; inline markdown is kept *raw* (with math
masked) so rules can read ``**bold**`` and link layout, and :mod:`hygiene` turns fragments into
clean text. The inline pass of markdown-it is disabled: it would mangle ``_``/``*`` inside math,
and skipping it makes parsing several times faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from studydeck.notes import hygiene
from studydeck.notes.hygiene import Masked

_SUMMARY = re.compile(r"<summary[^>]*>(.*?)</summary>", re.S | re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)
_FRONT_TITLE = re.compile(r"\A---[ \t]*\n(?:.*\n)*?title:[ \t]*['\"]?(.+?)['\"]?[ \t]*\n")
_BOLD_ONLY = re.compile(r"^\s*(\*\*|__)(?P<label>[^*_].*?)\1\s*(?:\(.*\))?\s*:?\s*$", re.S)


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

    @cached_property
    def text(self) -> str:
        return hygiene.clean(self.masked)

    @cached_property
    def links(self) -> list[tuple[str, str]]:
        pairs = hygiene.links(self.masked.text)
        return [(self.masked.restore(text), url) for text, url in pairs]

    @cached_property
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

    @property
    def paper_items(self) -> list[Block]:
        """List items and table rows that link a paper (what coverage is measured on)."""
        return [b for b in self.blocks if b.kind in ("item", "row") and b.is_paper_item]


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(dollarmath_plugin, double_inline=True)
    md.disable("inline")
    return md


_MD = _parser()


def prepare(text: str) -> str:
    """Document-level hygiene that keeps line numbers: front matter, mojibake, NULs, CRs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
    return hygiene.repair_mojibake(hygiene.strip_front_matter(text))


def parse_outline(text: str, name: str = "note") -> Outline:
    front = _FRONT_TITLE.match(text)
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
    title = front.group(1).strip() if front else ""

    def path() -> tuple[str, ...]:
        return tuple(h for _, h in headings)

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
            if level == 1 and not title:
                title = label
            real_level = level
            set_heading(level, label)
            raw = hygiene.mask_math(tokens[i + 1].content)
            blocks.append(Block("heading", tok.map[0] + 1, path(), raw, depth=level))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            number_stack.append(int(tok.attrs.get("start", 1) or 1) if tok.attrs else 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            number_stack.pop()
        elif kind == "list_item_open":
            parent = items[-1] if items else None
            number = None
            if tok.info and tok.info.isdigit():
                number = int(tok.info)
            item = Block(
                "item",
                tok.map[0] + 1 if tok.map else 1,
                path(),
                Masked(""),
                depth=depth,
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
            items[-1].masked = hygiene.mask_math(tok.content)
            item_has_text[-1] = True
        elif kind == "paragraph_open" and not items:
            content = tokens[i + 1].content
            bold = _BOLD_ONLY.match(content)
            label = hygiene.clean(hygiene.mask_math(bold.group("label"))) if bold else ""
            if bold and 0 < len(label.split()) <= 6:
                # A paragraph that is only bold text works as a sub-heading ("**nlp**"): one
                # level below the last real heading, replacing the previous such label.
                set_heading(real_level + 1, label)
            else:
                para = Block("paragraph", tok.map[0] + 1, path(), hygiene.mask_math(content))
                para.previous = previous
                blocks.append(para)
                previous = para
            i += 3
            continue
        elif kind in ("math_block", "math_block_label") and tok.map:
            math = Block(
                "math", tok.map[0] + 1, path(), Masked("\x000\x01", (f"$${tok.content.strip()}$$",))
            )
            math.previous = items[-1] if items else previous
            math.depth = depth
            blocks.append(math)
            if not items:
                previous = math
        elif kind == "html_block":
            summary = _SUMMARY.search(tok.content)
            if summary:
                label = hygiene.clean(hygiene.mask_math(summary.group(1)))
                set_heading(real_level + 1, label)
            elif _DETAILS_CLOSE.search(tok.content) and headings:
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
    return Outline(name=name, blocks=blocks, title=title)
