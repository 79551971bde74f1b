"""Per-paper pages: which blocks sit on a paper's page, and the cards its labelled sections give."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder.citations import (
    VENUE_PAREN,
    first_author,
    looks_like_authors,
    normalise_attribution,
    normalise_venue,
)
from studydeck.builder.papers import NICKNAMED, Paper, shorten
from studydeck.builder.rules.common import (
    _THIS_PAPER,
    GENERIC_HEADINGS,
    Candidate,
    _name,
    _paper,
    _sentence,
)
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# ── per-paper pages ────────────────────────────────────────────────────────────

_PAGE_PAPERS: dict[int, Paper] = {}  # id(block) → the paper its page is about (set per outline)
_PAGE_SECTION_BLOCKS: dict[tuple[str, ...], list[Block]] = {}  # heading path → its blocks
_AUTHORS = re.compile(r"\bAuthors?\s*:\s*([^·|\n]+)", re.I)
_HEADING_PAPERS: dict[int, Paper] = {}  # id(heading block) → the paper its page is about
_META_LINK = re.compile(
    r"(?:^|\n|[·|]\s*)(?:\*\*|__|\[)?(?:paper|pdf|arxiv|link|url|source)s?\b", re.I
)


def _page_papers(outline: Outline) -> dict[int, Paper]:
    """Blocks of a per-paper page → that paper. A heading is a paper's page when it links the
    paper itself, or when a metadata line right under it does (``**Paper:** [arXiv](url)``)."""
    found: dict[int, Paper] = {}
    front = _front_matter_paper(outline)
    stack: list[tuple[int, Paper | None]] = [(0, front)] if front else []
    blocks = outline.blocks
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.depth:
                stack.pop()
            paper = _heading_paper(block, blocks[index + 1 : index + 7])
            if paper is None and front and fold(block.text) == fold(front.title):
                paper = front  # the page's own title heading
            stack.append((block.depth, paper))
            if paper is not None:
                _HEADING_PAPERS[id(block)] = paper
            continue
        paper = next((p for _, p in reversed(stack) if p is not None), None)
        if paper is not None:
            found[id(block)] = paper
    return found


_FRONT_URL_KEYS = ("url", "paper", "arxiv", "link", "source", "pdf", "doi")


def _front_matter_paper(outline: Outline) -> Paper | None:
    """An Obsidian-style paper page: front matter with the paper's title and link."""
    meta = outline.meta
    title = meta.get("title", "").strip()
    url = next((meta[k] for k in _FRONT_URL_KEYS if meta.get(k, "").startswith("http")), None)
    if not title or url is None or len(title.split()) > 25:
        return None
    authors = meta.get("authors") or meta.get("author") or ""
    authors = authors.strip("[]").replace('"', "").replace("'", "")
    names = [n.strip() for n in re.split(r",|;|\band\b", authors) if n.strip()]
    year = meta.get("year", "")
    attribution = None
    if names:
        first = names[0].split()[-1]
        last_names = [n.split()[-1] for n in names]
        attribution = f"{first} et al." if len(names) > 2 else " and ".join(last_names)
        if re.fullmatch(r"(?:19|20)\d\d", year):
            attribution = f"{attribution} {year}"
    named = NICKNAMED.match(title)
    nickname, full = (named.group("nick"), named.group("full")) if named else (None, None)
    venue = meta.get("venue") or None
    return Paper(
        title=title,
        url=url,
        attribution=attribution,
        nickname=nickname,
        full_title=full,
        venue=venue,
    )


def _heading_paper(heading: Block, after: list[Block]) -> Paper | None:
    title = heading.text
    if not title or len(title.split()) > 25 or fold(title) in GENERIC_HEADINGS:
        return None
    url = heading.paper_url
    if url is None:
        for block in after:
            if block.kind == "heading":
                break
            meta = bool(_META_LINK.search(block.masked.text))
            short = block.kind == "paragraph" and len(block.text.split()) <= 4
            if block.kind in ("paragraph", "item") and block.paper_url and (meta or short):
                url = block.paper_url
                break
    if url is None:
        return None
    links = [t for t, u in heading.links if u == url and not hygiene.looks_like_url(t)]
    title = links[0] if links and len(links[0].split()) >= 2 else title
    authors = None
    for start, end in _heading_parens(heading.masked.text):
        authors = normalise_attribution(
            hygiene.clean(heading.masked, heading.masked.text[start + 1 : end - 1])
        )
        if authors:
            if not links:
                title = hygiene.clean(heading.masked, heading.masked.text[:start])
            break
    venue = None
    for start, end in _heading_parens(heading.masked.text):
        inner = hygiene.clean(heading.masked, heading.masked.text[start + 1 : end - 1])
        if VENUE_PAREN.match(inner) and VENUE_PAREN.match(inner).group("year"):
            venue = normalise_venue(inner)  # "### [Title](url) (NeurIPS'23)"
            if not links:
                title = hygiene.clean(heading.masked, heading.masked.text[:start])
            break
    properties = _properties(after)
    year = properties.get("year", "")
    if authors and re.fullmatch(r"(?:19|20)\d\d", authors):
        year, authors = year or authors, None  # "### Knowledge Distillation (2015)": a year only
    if venue is None and properties.get("venue"):
        where = properties["venue"]
        venue = normalise_venue(f"{where} {year}" if year and year not in where else where)
    if authors is None and properties.get("authors"):
        names = properties["authors"]
        authors = normalise_attribution(names)
        if authors is None and looks_like_authors(names):
            authors = first_author(names, re.search(r"(?:19|20)\d\d", year))
    for block in after if authors is None else ():
        if block.kind == "heading":
            break
        found = _AUTHORS.search(block.text)
        if found:
            names = found.group(1).strip(" .,;·|")
            authors = normalise_attribution(names)
            if authors is None and looks_like_authors(names):
                authors = first_author(names, re.search(r"(?:19|20)\d\d", year))
            break
    title = title.strip(" :")
    named = NICKNAMED.match(title)
    nickname, full = (named.group("nick"), named.group("full")) if named else (None, None)
    year_found = re.search(r"(?:19|20)\d\d", year)
    if authors and year_found and not re.search(r"\b(?:19|20)\d\d\b", authors):
        authors = first_author(authors, year_found) if looks_like_authors(authors) else authors
    first = after[0] if after and after[0].kind == "paragraph" else None
    bold = _BOLD_PARAGRAPH.match(first.masked.text) if first else None
    if nickname is None and bold and len(bold.group(1).split()) >= 3:
        # "### AlexNet (2012)" then "**ImageNet Classification with …**": name, then full title
        nickname, full = title, hygiene.clean(after[0].masked, bold.group(1)).strip(" .")
        title = full
    if nickname is None:  # "**Paper:** [InstructGPT](url)" under a heading that is the title
        short = [t for b in after[:3] for t, u in b.links if u == url]
        if short and re.fullmatch(r"[A-Z][\w-]*[A-Z0-9][\w-]*", short[0]) and short[0] != title:
            nickname, full = short[0], title
    return Paper(
        title=title, url=url, attribution=authors, nickname=nickname, full_title=full, venue=venue
    )


# the value runs to the last non-space of its line (a lazy value tried "\s*$" after each of its
# characters: quadratic)
_PROPERTY = re.compile(
    r"^(?P<key>[A-Z][A-Za-z ]{1,20}?)\s*+::?\s*+(?P<value>\S(?:[^\n]*\S)?)\s*$", re.M
)
_PROPERTY_KEYS = {
    "year": "year", "authors": "authors", "author": "authors", "venue": "venue",
    "conference": "venue", "journal": "venue", "published in": "venue", "publication": "venue",
}  # fmt: skip


def _properties(after: list[Block]) -> dict[str, str]:
    """``Year: 2022`` / ``Venue: NeurIPS`` property lines (Notion, Zotero, Dataview exports)
    right under a paper's heading."""
    found: dict[str, str] = {}
    for block in after:
        if block.kind == "heading":
            break
        if block.kind not in ("paragraph", "item"):
            continue
        for match in _PROPERTY.finditer(block.masked.restore(block.masked.text)):
            key = _PROPERTY_KEYS.get(fold(match.group("key")))
            if key and key not in found:
                found[key] = hygiene.clean(hygiene.mask_math(match.group("value"))).strip(" .")
    return found


_BOLD_PARAGRAPH = re.compile(r"^\s*(?:\*\*|__)([^*_\n]{8,200})(?:\*\*|__)\s*$")


def _heading_parens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"(?<!\])\([^()]*\)", text)]


def page_paper(block: Block) -> Paper | None:
    return _PAGE_PAPERS.get(id(block))


_PAGE_SECTIONS = {
    "summary": "What is the key idea of {}?",
    "tl dr": "What is the key idea of {}?",
    "tldr": "What is the key idea of {}?",
    "abstract": "What is the key idea of {}?",
    "key idea": "What is the key idea of {}?",
    "main idea": "What is the key idea of {}?",
    "overview": "What is the key idea of {}?",
    "problem": "What problem does {} address?",
    "motivation": "What problem does {} address?",
    "method": "How does {} work?",
    "approach": "How does {} work?",
    "methods": "How does {} work?",
    "results": "What are the main results of {}?",
    "findings": "What are the main results of {}?",
    "key results": "What are the main results of {}?",
    "experiments": "What are the main results of {}?",
    "limitations": "What are the limitations of {}?",
    "weaknesses": "What are the limitations of {}?",
    "contributions": "What are the contributions of {}?",
    "key contributions": "What are the contributions of {}?",
    "datasets": "Which datasets does {} use?",
    "data": "Which datasets does {} use?",
    "dataset": "Which datasets does {} use?",
    "key ideas": "What is the key idea of {}?",
    "idea": "What is the key idea of {}?",
    "core idea": "What is the key idea of {}?",
    "takeaways": "What are the takeaways of {}?",
    "key takeaways": "What are the takeaways of {}?",
    "takeaway": "What are the takeaways of {}?",
    "main contributions": "What are the contributions of {}?",
    "contribution": "What are the contributions of {}?",
    "main results": "What are the main results of {}?",
    "experimental results": "What are the main results of {}?",
    "evaluation": "How is {} evaluated?",
    "architecture": "What is the architecture of {}?",
    "model": "What model does {} use?",  # an economist's model is no architecture
    "training": "How is {} trained?",
    "training details": "How is {} trained?",
    "strengths": "What are the strengths of {}?",
    "limitations and future work": "What are the limitations of {}?",
    "future work": "What future work does {} suggest?",
    "conclusion": "What does {} conclude?",
    "conclusions": "What does {} conclude?",
    "problem statement": "What problem does {} address?",
    "research question": "What problem does {} address?",
    "why it matters": "Why does {} matter?",
    "significance": "Why does {} matter?",
    "impact": "Why does {} matter?",
}


_LABELLED = re.compile(
    r"^\s*+(?:\*\*|__)(?P<label>[^*_]{2,30}?)\s*+:?\s*+(?:\*\*|__)\s*:?\s+(?P<body>.+)$", re.S
)

# "tl;dr: Formulate object detection as …" on a paper's page: the same label, not in bold
# (only the labels _PAGE_SECTIONS knows, and only about a paper, make a card)
_PLAIN_LABELLED = re.compile(
    r"^(?P<label>[A-Za-z][\w;]*+(?: [\w;]++){0,2}+)\s*+:\s++(?P<body>\S.*)$", re.S
)


def labelled_detail(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``**Method:** …`` under a paper (a child bullet, or on the paper's page) → a card about
    that paper, asked the way its label says (method, results, limitations …)."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return
    found = _LABELLED.match(block.masked.text) or _PLAIN_LABELLED.match(block.masked.text)
    if not found:
        yield from _labelled_children(block)
        return
    template = _PAGE_SECTIONS.get(fold(found.group("label")))
    paper = _paper(block.parent) if block.parent is not None else page_paper(block)
    if template is None or paper is None:
        return
    answer = _sentence(shorten(hygiene.clean(block.masked, found.group("body"))))
    question = _page_question(template, paper)
    anchor = f"{paper.title} {fold(found.group('label'))}"
    yield Candidate("paper-page", question, answer, anchor, block, paper.url)


_LABEL_ONLY = re.compile(
    r"^\s*+(?:\*\*|__)?(?P<label>[A-Za-z][\w ]{1,30}?)\s*+:?\s*+(?:\*\*|__)?\s*+:?\s*+$"
)


def _labelled_children(block: Block) -> Iterator[Candidate]:
    """``- Key Contributions:`` over 1–5 short bullets, on a paper's page or under a paper."""
    if block.kind != "item" or not 1 <= len(block.children) <= 5:
        return
    found = _LABEL_ONLY.match(block.masked.text)
    template = _PAGE_SECTIONS.get(fold(found.group("label"))) if found else None
    paper = _paper(block.parent) if block.parent is not None else page_paper(block)
    if template is None or paper is None or any(k.children for k in block.children):
        return
    name = paper.nickname or paper.title
    texts = [_THIS_PAPER.sub(name, k.text).rstrip(".;") for k in block.children]
    if not all(texts) or sum(len(t.split()) for t in texts) > 55:
        return
    anchor = f"{paper.title} {fold(found.group('label'))}"
    question = _page_question(template, paper)
    yield Candidate("paper-page", question, "; ".join(texts), anchor, block, paper.url)


def paper_page_section(block: Block, outline: Outline) -> Iterator[Candidate]:
    """A per-paper page's ``## Summary`` / ``## Results`` … section → one card about the paper."""
    paper = page_paper(block)
    if paper is None or not block.path or block.kind not in ("paragraph", "item"):
        return
    if _LABELLED.match(block.masked.text):
        return  # labelled_detail asks about it
    section_name = fold(re.sub(r"^\d+[.)]?\s*", "", block.path[-1]))
    template = _PAGE_SECTIONS.get(section_name)
    if template is None or fold(block.path[-1]) == fold(paper.title):
        return
    first = _first_in_section(block, outline)
    if first is not block:
        return
    if block.kind == "paragraph":
        answer = _sentence(shorten(_THIS_PAPER.sub(paper.nickname or paper.title, block.text)))
    else:
        siblings = [b for b in _section_blocks(block, outline) if b.kind == "item" and b.depth == 1]
        name = paper.nickname or paper.title
        texts = [_THIS_PAPER.sub(name, b.text).rstrip(".;") for b in siblings]
        if not 1 <= len(texts) <= 5 or sum(len(t.split()) for t in texts) > 55:
            return
        if any(b.children for b in siblings) or any(t.endswith(":") for t in texts):
            return  # "Overall structure", "Two techniques:": headers of sub-lists, no summary
        answer = "; ".join(texts)
    question = _page_question(template, paper)
    yield Candidate(
        "paper-page", question, answer, f"{paper.title} {section_name}", block, paper.url
    )


def _page_question(template: str, paper: Paper) -> str:
    if template.startswith("How ") and paper.nickname:
        return template.format(paper.nickname)  # "How does ReAct work?"
    return template.format(_name(paper))


def _section_blocks(block: Block, outline: Outline) -> list[Block]:
    return _PAGE_SECTION_BLOCKS.get(block.path, [])


def _first_in_section(block: Block, outline: Outline) -> Block | None:
    for b in _section_blocks(block, outline):
        if b.kind in ("paragraph", "item"):
            return b
    return None
