"""Where a block sits: its section label, the topic (paper, term, parent bullet) it is about, and
the subject a card names in front of its question (paper, label bullet, heading, page title)."""

from __future__ import annotations

import re

from studydeck.builder.rules.common import (
    GENERIC_HEADINGS,
    _drop_last_parens,
    _fold_cached,
    _generic,
    _headings_label,
    _paper,
    _title_q,
)
from studydeck.builder.rules.pages import page_paper
from studydeck.builder.rules.terms import _definition
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# a heading's numbering: "2.2.3 - ", "(3) ", "IV. "
_HEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|\(\d+\)|[IVX]+\.|[A-Z]\.)\s*+(?:[-–—:]\s*+)?")


def section_label(block: Block, outline: Outline) -> str | None:
    """Where a block sits: its innermost non-generic heading, plus a short category bullet it is
    nested under (``nlp › dialog``); at most two levels, None when only generic headings remain."""
    names = list(_headings_label(block.path, outline.title, outline.name))
    node = block.parent
    while node is not None:
        label = node.text.rstrip(":.").strip()
        if (
            not node.is_paper_item
            and label
            and len(label.split()) <= 4
            and not _generic(label)
            and not _definition(node)
        ):
            names.append(_drop_last_parens(label))
            break
        node = node.parent
    return " › ".join(names[-2:]) if names else None


def _topic(block: Block, outline: Outline) -> str | None:
    """What a block is about: the nearest ancestor's term, paper name or short label, else its
    section."""
    found = defined_above(block, short_labels=True)
    if found:
        return found
    label = section_label(block, outline)
    return label.split(" › ")[-1] if label else None


def defined_above(block: Block, *, short_labels: bool = False) -> str | None:
    """The paper or defined term of the nearest ancestor that has one ("**self-attention** - …"
    over "3 components"); with ``short_labels``, a bullet of four words or fewer counts too."""
    node = block.parent
    while node is not None:
        paper = _paper(node)
        if paper:
            return paper.nickname or paper.title
        found = _definition(node)
        if found:
            return found[0]
        if short_labels and node.text and len(node.text.split()) <= 4:
            return _label(node.text)
        node = node.parent
    return None


MAX_SUBJECT_WORDS = 10


def _label(text: str) -> str:
    """A bullet's text as a label: no closing colon, no stray emphasis mark ("*De-Entanglement"
    is a Logseq bullet whose "*" opened nothing)."""
    return text.rstrip(":").strip().strip("*_").strip()


_LABEL_LIKE = re.compile(r"[a-z0-9]{1,12}|\W*")  # "acmdl", "pdf", "[x]": a link label


# "It has two three important components:": a clause about something above, not a name
_CLAUSE_OPENER = re.compile(r"(?:It|Its|They|Their|This|These|We|Our)\b")


def subject(block: Block, outline: Outline) -> str | None:
    """What the sentence is about, as the question names it: the paper whose page or entry it
    sits in, a short label bullet it hangs under, else its heading, with the page's title."""
    paper = page_paper(block) or (_paper(block.parent) if block.parent else None)
    if paper is not None and not _LABEL_LIKE.fullmatch(paper.nickname or paper.title):
        name = paper.nickname or paper.title
        return _title_q(name) if len(name.split()) <= 12 else None
    label = None
    outer = block.parent
    while outer is not None and label is None:
        text = _label(outer.text)
        if not 1 <= len(text.split()) <= 6 or text.endswith((".", ",")):
            # "Free Space Estimation is a subfield of …" over "Solutions often employ …":
            # a sentence above that defines a term names what the bullets under it are about
            defined = _definition(outer)
            label = defined[0] if defined and len(defined[0].split()) <= 6 else None
            break
        if not _generic(text) and not _CLAUSE_OPENER.match(text):
            label = text  # "Phase damping"; over "Def", "In short", "Summary", the one above
        outer = outer.parent
    section = heading(block)
    # a page headed "# Paper" names its paper on a **Title** line: its short name then
    title = page_title(outline) or short_name(title_line(outline))
    if section and _fold_cached(section).endswith(" notes"):
        section = None  # "Rough chapter-wise notes": how the page is filed, not its subject
    parts = [p for p in (title, section, label) if p]
    unique: list[str] = []
    for part in parts:
        if not any(fold(part) in fold(u) or fold(u) in fold(part) for u in unique):
            unique.append(part)
        elif unique and fold(unique[-1]) in fold(part):
            unique[-1] = part  # the longer of two that say the same
    if not unique:
        return None
    return " › ".join(unique[-2:])


def heading(block: Block) -> str | None:
    for heading in reversed(block.path):
        text = _label(_HEADING_NUMBER.sub("", heading))
        if text and not _generic(text) and _fold_cached(text) not in GENERIC_HEADINGS:
            return text if len(text.split()) <= MAX_SUBJECT_WORDS else None
    return None


def page_title(outline: Outline) -> str:
    """The page's title when it names something ("README", "Notes", "2.2" don't); with no
    heading or ``title`` to say it, the file's name, as Obsidian and Logseq title a page."""
    name = outline.name.rsplit("/", 1)[-1]  # a folder build names decks "papers/toolformer"
    title = outline.title or outline.meta.get("title", "") or _title_from_name(name)
    title = _FIELD_LABEL.sub("", title)  # "# Title: Layer-dependent activity in …"
    if "<" in title:
        title = hygiene.clean_fragment(title)  # "Notes on <i>Differential Equations</i>"
    title = _FILING_PREFIX.sub("", title)
    return title if title and not _generic(title) and not _untitled(title) else ""


_FIELD_LABEL = re.compile(r"\A(?:Title|Paper)\s*+:\s*+(?=\S)", re.I)
_SLUG_BREAK = re.compile(r"[_\s]++|(?<=[a-z])-(?=[a-z])")
_DATED = re.compile(r"(?:19|20)\d\d|\d{1,2}[-.]\d{1,2}")  # a journal's "2019-11-13-nov-log"


_FILING_PREFIX = re.compile(
    r"\A(?:(?:lecture |class |course |reading |my )?notes (?:on|for|about)) ", re.I
)
_FILING_SUFFIX = re.compile(r"(?<=\w) (?:terms|notes|glossary|cheat ?sheet|summary)\Z", re.I)
_NAME_CHARS = re.compile(r"[A-Za-z][\w '’.-]*+")
_LETTER = re.compile("[A-Za-z]")


def _title_from_name(name: str) -> str:
    """ "complex_analysis" → "complex analysis", "Quantum Trajectories" as it is; a dated or
    numbered file name ("2019-11-13-log", "week-07") names no subject."""
    if not name or _DATED.search(name) or not _NAME_CHARS.fullmatch(name):
        return ""
    title = _FILING_SUFFIX.sub("", _SLUG_BREAK.sub(" ", name).strip())
    return title if len(title.split()) <= MAX_SUBJECT_WORDS else ""


SHORT_NAME_WORDS = 5


def short_name(title: str) -> str:
    """ "Wayformer: Motion Forecasting via …" → "Wayformer": a title's name before its colon,
    when that is five words or fewer; a heading of alternatives by its last ("sparse experts /
    ensembles / mixture of experts (MoE)" → "mixture of experts (MoE)"); else the title."""
    head = title.split(":", 1)[0].strip()
    if head and len(head.split()) <= SHORT_NAME_WORDS and head != title:
        return head
    last = title.rsplit(" / ", 1)[-1].strip()  # "sparse experts / … / mixture of experts (MoE)"
    return last if last != title and len(last.split()) <= SHORT_NAME_WORDS else title


def titled_like_a_paper(title: str) -> bool:
    """ "Wayformer: Motion Forecasting via …" names a paper; "PSYC 365: Cognitive Psychology"
    and "CS 70: Discrete Mathematics" name a course, whose notes report no paper's results."""
    return ": " in title and not _COURSE_CODE.match(title)


_COURSE_CODE = re.compile(r"[A-Z]{2,6} \d{2,4}[A-Z]?:")  # not "YOLO9000:", "VGG-16:"


def title_line(outline: Outline) -> str:
    """The ``**Title**: …`` line among a page's first bullets (a page headed "# Paper"), or
    opening its first paragraph (a Readwise export's "Title: [[Black Holes & Time Warps]]")."""
    for block in outline.blocks[:TITLE_LINE_WITHIN]:
        if block.kind == "item":
            found = _TITLE_LINE.match(block.text)
        elif block.kind == "paragraph":
            first = block.masked.text.split("\n", 1)[0]
            found = _TITLE_LINE.match(hygiene.clean(block.masked, first))
        else:
            found = None
        if found:
            return found.group(1).strip()
    return _cited_title(outline)


def _cited_title(outline: Outline) -> str:
    """ "Siddiquee, …, and Liang. "Learning fixed points in …" In Proceedings …": a page that
    opens on the full reference of its paper, before any heading, is that paper's page."""
    for block in outline.blocks[:TITLE_LINE_WITHIN]:
        if block.kind == "heading":
            return ""
        found = _QUOTED_TITLE.search(block.text) if block.kind == "paragraph" else None
        if found and _CITATION_YEAR.search(block.text, found.end()):
            title = found.group(1).strip(" .,")
            head = title.split(": ", 1)[0]
            if len(title.split()) > MAX_SUBJECT_WORDS and len(head.split()) <= MAX_SUBJECT_WORDS:
                title = head  # "Learning fixed points in GANs: From image-to-image …" by its head
            if len(title.split()) >= MIN_CITED_TITLE_WORDS:
                return title
    return ""


MIN_CITED_TITLE_WORDS = 4
_QUOTED_TITLE = re.compile(r"[\"“]([^\"“”\n]{12,300}?)[\"”]")
_CITATION_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


TITLE_LINE_WITHIN = 8  # blocks from the top of the page
_TITLE_LINE = re.compile(r"Title\s*+:\s*+(\S.{1,150})")


def _untitled(title: str) -> bool:
    key = fold(title)
    return key in ("readme", "index", "untitled", "notes", "note") or not _LETTER.search(key)
