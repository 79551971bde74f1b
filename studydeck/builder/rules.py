"""Card rules: each one small function, block → candidate cards, named by the ``kind`` it emits.

A rule only proposes; the gate (``gate.py``) decides. Every question names what it asks about
(paper title, term, section), so a card still makes sense when reviewed alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from studydeck.builder.papers import (
    NICKNAMED,
    VENUE_PAREN,
    Paper,
    first_author,
    looks_like_authors,
    normalise_attribution,
    normalise_venue,
    parse_paper,
    shorten,
)
from studydeck.deck import CLOZE
from studydeck.notes import Block, Outline, hygiene
from studydeck.notes.scan import NextMatch
from studydeck.text import fold


@dataclass(slots=True)  # not frozen: 23k per MB of notes, and frozen init costs 4x
class Candidate:
    kind: str
    question: str
    answer: str
    anchor: str  # what the card is about (title, url, term): the root of its id
    block: Block
    url: str | None = None
    context: tuple[str, ...] | None = None  # heading path shown with the card (default: block's)


Rule = Callable[[Block, Outline], Iterator[Candidate]]

GENERIC_HEADINGS = {
    "papers", "paper", "misc", "miscellaneous", "other", "others", "notes", "references", "links",
    "resources", "contents", "table of contents", "toc", "overview", "introduction", "intro",
    "todo", "more", "related", "related work", "readings", "reading list", "list", "basics",
    "summary", "details", "background", "further reading", "see also", "appendix", "etc",
    "more papers", "uncategorized", "uncategorised", "general", "new", "recent", "latest",
    "classics", "classic papers", "must read", "to read", "reading", "various", "table",
    "tables", "list of papers", "paper list", "papers list", "contributing", "license",
    "acknowledgements", "citation", "star history", "surveys", "survey", "tutorials",
    "tools", "datasets", "benchmarks", "codebases", "code", "blogs", "talks", "videos", "news",
    "updates", "changelog", "archive", "backlog", "inbox", "unsorted", "unread", "read",
}  # fmt: skip
_GENERIC_LABEL = re.compile(  # "2023", "Week 3", "Part II", "Section 2.1", "Day 4"
    r"^(?:(?:part|week|day|section|chapter|lecture|session|round|batch|page)\s+)?"
    r"(?:[\divxlc]+[\d.]*|(?:19|20)\d\d(?:[-/]\d+)*)$"
)

# Question templates; identity.py reads the anchor text back out of old questions with them.
TEMPLATES = {
    "paper-summary": "What is the key idea of {}?",
    "numbered-takeaway": "What is the one-line takeaway of {}?",
    "venue": "Where and when was {} published?",
    "study-type": "What kind of study is {}: empirical, theoretical, or both?",
    "section": "Under which section of the notes is {} listed?",
    "paper-name": "What is the full title of the {} paper?",
}


def _paper(block: Block) -> Paper | None:
    return _cached_paper(block)


@lru_cache(maxsize=4096)
def _cached_paper(block: Block) -> Paper | None:
    return parse_paper(block)


def _name(paper: Paper) -> str:
    """How a question names a paper: its short name when it has one ("the BERT paper")."""
    if paper.nickname and paper.full_title:
        return f"the {paper.nickname} paper"
    return _title_q(paper.title)


def _title_q(title: str) -> str:
    """A title as it reads inside a question: quoted when it ends in its own punctuation; a
    lowercase one-word name ("lamda", "webgpt") quoted as a paper's name, not read as a word."""
    if _LOWER_NAME.fullmatch(title):
        return f"the “{title}” paper"
    return f"“{title}”" if title[-1:] in "?!." else title


_LOWER_NAME = re.compile(r"[a-z][a-z0-9-]{2,}")


def _without_title(answer: str, *names: str | None) -> str:
    """An answer that opens by restating the paper's name ("DEMix layers – placed in …", "BERT
    is a …") starts after it: the question already names the paper."""
    folded = fold(answer[: 2 * max(len(n or "") for n in names) + 8])
    for name in names:
        if not name or not folded.startswith(fold(name)):
            continue  # the common case, decided without building a pattern per title
        words = re.findall(r"\w+", name)
        lead = r"\W*".join(map(re.escape, words))
        found = re.match(rf"^\W*{lead}\b\s*(?:[-–—:,]\s*|(?:is|are|was)\s+)?", answer, re.I)
        rest = answer[found.end() :] if found and words else ""
        if found and len(rest.split()) >= 3:
            return _sentence(rest)
    return answer


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
    "model": "What is the architecture of {}?",
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


def labelled_detail(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``**Method:** …`` under a paper (a child bullet, or on the paper's page) → a card about
    that paper, asked the way its label says (method, results, limitations …)."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return
    found = _LABELLED.match(block.masked.text)
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


# ── 1. paper summary ───────────────────────────────────────────────────────────


def paper_summary(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block)
    if paper and paper.summary and not paper.numbered:
        label = _name(paper) + (f" ({paper.attribution})" if paper.attribution else "")
        question = TEMPLATES["paper-summary"].format(label)
        answer = _without_title(_sentence(paper.summary), paper.title, paper.nickname)
        yield Candidate("paper-summary", question, answer, paper.title, block, paper.url)


# ── 2. attribution ─────────────────────────────────────────────────────────────


def attribution(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block) or _HEADING_PAPERS.get(id(block))
    if not paper or not paper.attribution:
        return
    text = paper.attribution
    year = re.search(r"\b(?:19|20)\d{2}\b", text)
    names = re.sub(r"(?:(?<![\s,])|(?![\s,]))[\s,]*+\b(?:19|20)\d{2}\b", "", text).strip(" ,;")
    title = _title_q(paper.title)
    # "selection inference", "model soups": a method's name, not a title one writes
    lower = paper.title == paper.title.lower() and not _LOWER_NAME.fullmatch(paper.title)
    verb = "introduced" if lower else "wrote"
    if names and year:
        question = f"Who {verb} {title}, and when?"
    elif names:
        question = f"Who {verb} {title}?"
    else:
        question = f"In what year did {title} appear?"
    yield Candidate("attribution", question, text, paper.title, block, paper.url)


# ── 2b. cited finding ──────────────────────────────────────────────────────────

_FINDING_VERBS = {
    "show": "show", "shows": "show", "showed": "show", "find": "find", "finds": "find",
    "found": "find", "propose": "propose", "proposes": "propose", "proposed": "propose",
    "introduce": "introduce", "introduces": "introduce", "introduced": "introduce",
    "argue": "argue", "argues": "argue", "argued": "argue", "demonstrate": "demonstrate",
    "demonstrates": "demonstrate", "demonstrated": "demonstrate", "prove": "prove",
    "proves": "prove", "proved": "prove", "report": "report", "reports": "report",
    "reported": "report", "observe": "observe", "observes": "observe", "observed": "observe",
    "suggest": "suggest", "suggests": "suggest", "suggested": "suggest",
}  # fmt: skip
_CITED = re.compile(
    r"^\s*(?P<names>[A-Z][\w'’-]+(?: (?:and|&) [A-Z][\w'’-]+|,? et al\.?))\s*"
    r"[\[(]?(?P<year>(?:19|20)\d{2})[a-z]?[\])]?,?\s+(?P<verb>[a-z]+)\s+(?:that\s+)?(?P<claim>\S.*)$",
    re.S,
)


def cited_finding(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``Lewis et al. [2020] show that …`` (related-work prose): what those authors showed."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return
    found = _CITED.match(block.masked.text)
    if not found or found.group("verb") not in _FINDING_VERBS:
        return
    names = re.sub(r",? et al\.?$", " et al.", found.group("names"))
    verb = _FINDING_VERBS[found.group("verb")]
    claim = re.split(r"(?<=[.!?])\s+(?=[A-Z])", found.group("claim"), maxsplit=1)[0]
    answer = _sentence(hygiene.clean(block.masked, claim).rstrip(" ."))
    question = f"What did {names} ({found.group('year')}) {verb}?"
    anchor = f"{names} {found.group('year')} {verb}"
    yield Candidate("cited-finding", question, answer, anchor, block, block.paper_url)


# ── 3. term definition ─────────────────────────────────────────────────────────

_DEF_MARKED = re.compile(
    r"^\s*+(?:\*\*|__)(?P<term>[^*_]{1,60}?)\s*+:?\s*+(?:\*\*|__)\s*+"
    r"(?P<sep>=|:|-|–|—|is|are|refers to|means)\s+(?P<def>.+)$"
    r"|^\s*\*(?P<term2>[^*]{1,60}?)\*\s*(?P<sep2>=|:|-|–|—)\s+(?P<def2>.+)$"
    r"|^\s*_(?P<term3>[^_]{1,60}?)_\s*(?P<sep3>=|:|-|–|—)\s+(?P<def3>.+)$",
    re.S,
)
_DEF_DOTTED = re.compile(  # "**Step size.** The learning rate …": a run-in label, textbook style
    r"^\s*(?:\*\*|__)(?P<term>[^*_.:]{2,60}?)\.(?:\*\*|__)\s+(?P<def>\S.+)$", re.S
)
_DEFINING_START = re.compile(r"^(?:A|An|The|Any|Each)\s|^(?:is|are|refers to|means|denotes)\s")
_RUN_IN_SKIP = {"remark", "proof", "example", "exercise", "hint", "recall", "aside", "note"}


_COMMON_SUFFIX = re.compile(r"(?:tion|sion|ness|ity|ism|ology|ence|ance|ment|ing|ropy)$")


def _term_q(term: str, definition: str = "") -> str:
    """A term as a question names it: the capital a heading or label gave a common noun phrase
    goes ("Convex set" → "a convex set"); names and acronyms keep theirs ("Adam", "GPT-3")."""
    words = term.split()
    first = words[0] if words else ""
    if len(words) == 1 and term.isalpha() and term.islower():
        if re.match(rf"^(?:A|An) {term}\b", definition):  # "A kernel is …"
            return f"{'an' if term[:1] in 'aeiou' else 'a'} {term}"
        return term
    if f"the {term} " in definition:
        return f"the {term}"  # "… the Gram matrix is …"
    if term in definition:
        return term  # written so in the text itself ("the Gram matrix is …"): a name
    capitalised = first[:1].isupper() and first[1:].islower() and first.isalpha()
    rest_lower = all(w == w.lower() for w in words[1:])
    if not capitalised or not rest_lower:
        return term
    if len(words) == 1 and not _COMMON_SUFFIX.search(first):
        return term  # "Adam", "Gopher": most capitalised single words are names
    term = first.lower() + term[len(first) :]
    if re.match(r"^(?:A|An)\s", definition) and not term.endswith("s"):
        return f"{'an' if term[:1] in 'aeiou' else 'a'} {term}"
    return term


def _dotted_definition(text: str) -> re.Match[str] | None:
    """A run-in label whose text reads as a definition ("**Step size.** The scalar …")."""
    found = _DEF_DOTTED.match(text)
    return found if found and _DEFINING_START.match(found.group("def")) else None


def labelled_fact(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``**Rate.** For convex $f$ … is $O(1/k)$.``: a run-in label over a fact that is no
    definition → what the note states about it, in its section."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return
    found = _DEF_DOTTED.match(block.masked.text)
    if not found or _DEFINING_START.match(found.group("def")) or _FORMAL.match(block.masked.text):
        return
    term = hygiene.clean(block.masked, found.group("term"))
    example = _EXAMPLE_LABEL.match(term)
    term = example.group(1) if example else term  # "Example (string kernels)": about the kernels
    if not fold(term) or len(term.split()) > 5 or fold(term) in _VAGUE_TERMS | _RUN_IN_SKIP:
        return
    fact = _sentence(shorten(hygiene.clean(block.masked, found.group("def"))))
    topic = _topic(block, outline) if block.parent is not None else None
    heading = next((h for h in reversed(block.path) if not _generic(h)), None)
    heading = re.sub(r"^\d+(?:\.\d+)*[.)]?\s+", "", heading) if heading else None
    where = topic or heading
    label = _term_q(term) if len(term.split()) > 1 else term.lower()
    question = f"What does the note state about {label}" + (f" in {where}?" if where else "?")
    yield Candidate("labelled-fact", question, fact, f"{term} {where or ''}", block)


_EXAMPLE_LABEL = re.compile(r"^(?:example|e\.g\.)\s*\((.{2,40})\)$", re.I)
_FORMAL = re.compile(  # "**Theorem 5.4 (Mercer).**" or "**Definition 5.1** (Feature map)."
    r"^\s*\*\*(?P<kind>Definition|Theorem|Lemma|Proposition|Corollary|Axiom|Law)"
    r"(?:\s+[\d.]+)?\s*(?:(?P<shut>\*\*)\s*)?\((?P<name>[^)]{2,60})\)\s*[.:]?\s*"
    r"(?(shut)|\*\*)\s*[.:]?\s*(?P<body>.+)$",
    re.S | re.I,
)
_DEF_SENTENCE = re.compile(
    r"^\s*+(?:The|A|An)?\s*+(?:\*\*|\*|__|_)(?P<term>[^*_]{2,50}?)(?:\*\*|\*|__|_)"
    r"(?P<of>\s+of\s+[^.,;:*]{1,40}?)?\s++(?:is|are|refers to|denotes)\s+(?P<def>.+)$",
    re.S,
)
_DEF_PLAIN = re.compile(
    r"^\s*(?P<term>[^\s:=()\[\]*][^:=()\[\]*]{0,50}?)\s*(?: = |: | - | – | — )\s*(?P<def>.+)$", re.S
)
_VAGUE_TERMS = {
    "note", "notes", "e.g", "eg", "ex", "example", "examples", "see", "also", "details", "detail",
    "limitation", "limitations", "application", "applications", "misc", "solution", "result",
    "results", "sizes", "size", "tasks", "idea", "intuition", "problem", "goal", "motivation",
    "question", "answer", "pros", "cons", "overview", "summary", "todo", "update", "code", "data",
    "why", "how", "what", "setup", "method", "approach", "takeaway", "main idea", "key idea",
    "standard", "basically", "then", "first", "second", "third", "finally", "i.e", "ie", "more",
    "less", "other", "others", "this", "that", "they", "it", "we", "findings", "claim",
    "caveat", "warning", "tip", "paper", "papers", "link", "links", "github", "slides", "thread",
    "prompt", "output", "input", "here", "questions", "open questions", "my take", "thoughts",
    "my thoughts", "comments", "discussion", "status", "tags", "date", "date added", "year",
    "venue", "authors", "author", "url", "pdf", "priority", "rating",
}  # fmt: skip


_VERB = re.compile(r"\b(?:is|are|was|were|has|have|can|will|should|do|does|did|may|might)\b", re.I)


def term_definition(block: Block, outline: Outline) -> Iterator[Candidate]:
    found = _definition(block)
    if not found:
        return
    term, definition = found
    parent = _paper(block.parent) if block.parent is not None else page_paper(block)
    if parent is not None and fold(term) in _PAGE_SECTIONS:
        return  # "**TL;DR**: …" under a paper: labelled_detail asks about the paper
    own = _paper(block)
    if own is not None and fold(own.full_title or own.title) in fold(definition):
        return  # "**FiD**: “Title”, EACL, 2021": a listing, the paper rules read it
    where = parent.nickname or parent.title if parent else None
    if where is None and block.parent is not None:
        outer = _definition(block.parent)  # "decoder - …" nested under "**self-attention** - …"
        where = outer[0] if outer and not outer[0].lower().startswith("the ") else None
    if re.match(r"\Athe .+ (?:theorem|lemma|proposition|corollary|axiom|law)$", term, re.I):
        question = f"What does {term} state?"
    elif where and len(where.split()) <= 5:
        named = _title_q(where) if parent else where
        question = f"In {named}, what is {_term_q(term, definition)}?"
    else:
        plural = term.islower() and re.fullmatch(r"\A[a-z-]+[^s]s", term)
        question = f"What are {term}?" if plural else f"What is {_term_q(term, definition)}?"
    yield Candidate("term-definition", question, definition, term, block, block.paper_url)


@lru_cache(maxsize=4096)
def _definition(block: Block) -> tuple[str, str] | None:
    """(term, definition) of a ``**term** = def`` / ``term: def`` block, else None."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return None
    masked = block.masked
    formal = _FORMAL.match(masked.text)
    if formal:
        name = hygiene.clean(masked, formal.group("name"))
        statement = _sentence(shorten(hygiene.clean(masked, formal.group("body"))))
        kind = formal.group("kind").lower()
        if kind == "definition":
            lower = name.lower()
            if name.isalpha() and name[1:].islower() and re.search(rf"\b{lower}\b", statement):
                name = lower  # "(Kernel). A kernel is …": a common noun, not a name
            return name, statement
        if fold(name).endswith(kind):
            return f"the {name}", statement  # "(Representer theorem)"
        return f"the {name} {kind}", statement
    inline_def = _DEF_SENTENCE.match(masked.text)
    marked = _DEF_MARKED.match(masked.text) or _dotted_definition(masked.text)
    if inline_def and not marked:
        term = hygiene.clean(masked, inline_def.group("term") + (inline_def.group("of") or ""))
        term = f"the {term}" if inline_def.group("of") else term
        definition = _sentence(shorten(hygiene.clean(masked, inline_def.group("def"))))
        if fold(term) and len(definition.split()) >= 2:
            return term, definition
        return None
    if marked:
        groups = marked.groupdict()
        term = groups["term"] or groups.get("term2") or groups.get("term3")
        definition = groups["def"] or groups.get("def2") or groups.get("def3")
        sep = groups.get("sep") or ""
        if marked.re is _DEF_DOTTED and len(term.split()) > 5:
            return None
        if sep in ("is", "are", "refers to", "means"):
            definition = f"{sep} {definition}" if sep in ("refers to", "means") else definition
    else:
        under_paper = (
            _paper(block.parent) is not None if block.parent is not None else page_paper(block)
        )
        if block.is_paper_item or under_paper:
            return None  # under a paper, a plain "x: y" is a detail, not a definition
        plain = _DEF_PLAIN.match(masked.text)
        if not plain or "](" in plain.group("term"):
            return None
        term, definition = plain.group("term"), plain.group("def")
        if len(term.split()) > 4 or term.strip()[:1].isdigit() or _VERB.search(term):
            return None
    term = hygiene.clean(masked, term).strip(" :-")
    definition = _sentence(shorten(hygiene.clean(masked, definition).strip(" :-–—=")))
    if not fold(term) or fold(term) in _VAGUE_TERMS or len(definition.split()) < 2:
        return None
    if fold(term).split()[0] in _VAGUE_TERMS and len(term.split()) <= 2:
        return None
    if "$" in term and len(term) > 40:
        return None
    return term, definition


# ── 4. numbered takeaway ───────────────────────────────────────────────────────


def numbered_takeaway(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block)
    if not paper or not paper.numbered or not paper.summary:
        return
    title = _name(paper)
    yield Candidate(
        "numbered-takeaway",
        TEMPLATES["numbered-takeaway"].format(title),
        paper.summary,
        paper.title,
        block,
        paper.url,
    )
    if len(paper.summary.split()) <= 20:
        yield Candidate(
            "takeaway-reverse",
            f"Which paper's one-line takeaway is “{paper.summary.rstrip('.')}”?",
            paper.nickname or paper.title,
            paper.title,
            block,
            paper.url,
        )
    if paper.footnote and not paper.footnote[1].rstrip("!").endswith("?"):
        _, note = paper.footnote
        yield Candidate(
            "takeaway-footnote",
            f"In {title}, what caveat comes with the takeaway “{paper.summary.rstrip('.')}”?",
            note,
            paper.title,
            block,
            paper.url,
        )


# ── 5. venue and study type ────────────────────────────────────────────────────

_STUDY = {
    "empirical": "Empirical.",
    "theoretical": "Theoretical.",
    "empirical & theoretical": "Both: theoretical and empirical.",
    "theoretical & empirical": "Both: theoretical and empirical.",
}


def venue_and_study(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block) or _HEADING_PAPERS.get(id(block))
    if not paper:
        return
    title = _title_q(paper.title)
    if paper.venue:
        yield Candidate(
            "venue", TEMPLATES["venue"].format(title), paper.venue, paper.title, block, paper.url
        )
    study = _STUDY.get(re.sub(r"\s+", " ", (paper.study or "").lower().replace("and", "&")))
    if study:
        yield Candidate(
            "study-type",
            TEMPLATES["study-type"].format(title),
            study,
            paper.title,
            block,
            paper.url,
        )


# ── 6. section membership ──────────────────────────────────────────────────────


def section(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block)
    if not paper:
        return
    label = section_label(block, outline)
    if label:
        question = TEMPLATES["section"].format(_title_q(paper.title))
        context = context_above(block.path, label, outline.title or outline.name)
        yield Candidate("section", question, label, paper.title, block, paper.url, context)


def _drop_last_parens(label: str) -> str:
    r"""``re.sub(r"\s*\(.*\)$", "", label)`` by a scan: from the first "(" of the last line (or of
    the one before a final newline) with a ")" at its end, with the spaces before it. As a regex
    every "(" scanned to the end of its line ("(" * n: quadratic)."""
    end = len(label) - 1 if label.endswith("\n") else len(label)
    if end < 2 or label[end - 1] != ")":
        return label
    opened = label.find("(", label.rfind("\n", 0, end) + 1, end - 1)
    if opened < 0:
        return label
    return _cut_spaces(label, opened) + label[end:]


def _cut_spaces(text: str, end: int) -> str:
    r"""``text[:end]`` without the whitespace (re's \s) that ends it."""
    start = end
    while start > 0 and _SPACE_CHAR.match(text, start - 1):
        start -= 1
    return text[:start]


_SPACE_CHAR = re.compile(r"\s")
_QUOTE_OPEN = re.compile('["“]')
_STRAIGHT_CLOSE, _CURLY_CLOSE = re.compile('"'), re.compile("”")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer(r'"[^"]*"|“[^”]*”', text)`` finds, by a scan: as a regex every "“"
    without a "”" scanned to the end ("“" * n: quadratic)."""
    straight, curly = NextMatch(_STRAIGHT_CLOSE, text), NextMatch(_CURLY_CLOSE, text)
    spans = []
    pos = 0
    while (opened := _QUOTE_OPEN.search(text, pos)) is not None:
        at = opened.start()
        closed = (straight if opened.group() == '"' else curly).at_or_after(at + 1)
        if closed is None:
            pos = at + 1
            continue
        spans.append((at, closed.end()))
        pos = closed.end()
    return spans


@lru_cache(maxsize=4096)
def _fold_cached(text: str) -> str:
    return fold(text)


def context_above(path: tuple[str, ...], answer: str, title: str) -> tuple[str, ...]:
    """The part of a heading path above the headings an answer names (the TUI shows the context
    over the question: the full path would give a section card's answer away)."""
    parts = {_fold_cached(part) for part in answer.split(" › ")}
    for depth, heading in enumerate(path):
        if _fold_cached(heading) in parts:
            return path[:depth] or (title,)
    return path


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


@lru_cache(maxsize=1024)
def _headings_label(path: tuple[str, ...], title: str, name: str) -> tuple[str, ...]:
    skip = GENERIC_HEADINGS | {fold(title), fold(name)}
    return tuple(h for h in path if h and not _generic(h, skip))


def _generic(label: str, skip: set[str] | frozenset[str] = frozenset()) -> bool:
    key = fold(label)
    return not key or key in GENERIC_HEADINGS or key in skip or bool(_GENERIC_LABEL.match(key))


# ── 7. parent → short list ─────────────────────────────────────────────────────

_COUNTED = re.compile(r"^(?:\d+|two|three|four|five)\s+\w", re.I)


def short_list(block: Block, outline: Outline) -> Iterator[Candidate]:
    kids = block.children
    if block.kind != "item" or not 2 <= len(kids) <= 5 or block.is_paper_item or _paper(block):
        return
    if any(k.children or k.is_paper_item or not k.text or len(k.text.split()) > 8 for k in kids):
        return
    parent_text = block.text.rstrip(":").strip()
    if not parent_text or len(parent_text.split()) > 8 or "?" in parent_text:
        return
    topic = _topic(block, outline)
    where = f" in {topic}" if topic and fold(topic) != fold(parent_text) else ""
    if _COUNTED.match(parent_text):
        question = f"What are the {parent_text}{where}?"
    else:
        question = f"Which {len(kids)} entries are listed under “{parent_text}”{where}?"
    answer = "; ".join(k.text.rstrip(".;,") for k in kids)
    yield Candidate("short-list", question, answer, f"{parent_text} {topic or ''}", block)


def _topic(block: Block, outline: Outline) -> str | None:
    """What a block is about: the nearest ancestor's term or paper name, else its section."""
    node = block.parent
    while node is not None:
        paper = _paper(node)
        if paper:
            return paper.nickname or paper.title
        found = _definition(node)
        if found:
            return found[0]
        if node.text and len(node.text.split()) <= 4:
            return node.text.rstrip(":")
        node = node.parent
    label = section_label(block, outline)
    return label.split(" › ")[-1] if label else None


# ── 8. detail cloze under a paper ──────────────────────────────────────────────

_THIS_PAPER = re.compile(
    r"\bthis (?:paper|work|study|article|approach|method|model|technique|framework|system)\b"
    r"|\bthe paper\b|\bthe (?:proposed|presented) (?:method|approach|model)\b",
    re.I,
)
_BLANK = "\x02"  # stands for the blank while the text is cleaned (cleaning would eat "___")
# "it reduces …", "this is …": a leading pronoun followed by a verb stands for the paper
_LEAD_PRONOUN = re.compile(r"^(?:it|this)\b(?= (?:is|was|has|can|does|will|\w+[^s\W]s)\b)", re.I)
_TOKEN = re.compile(r"\x00\d+\x01|[A-Za-z0-9][\w\-./%^+~]*[\w%]|[A-Za-z0-9]")
# Long abstract nouns are concepts worth recalling; other common words are guesswork.
_CONCEPT = re.compile(r"^[a-z]{5,}(?:tion|sion|ness|ity|ism|ology)s?$")
_DATE = re.compile(r"^(?:\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}/\d{1,2}/\d{2,4})$")  # when read
_NUMBER = re.compile(r"^~?\d[\d.,]*(?:%|x|[BMKk]|b)?$")
# (?=\w*+$): a branch made of word characters only is tried when the rest is one word (a long
# token ending in "-" or "." was split every way first: quadratic)
_TECH = re.compile(
    r"^(?:[A-Z]{2,}+\w*+|(?=\w*+$)\w*[a-z][A-Z]\w*|\w++-\w[\w-]*+|\w++/\w++|(?=\w*+$)\w*\d\w*)$"
)
_STOP = frozenset(
    (  # noqa: SIM905 (a word list reads best as text)
        "about above after again against also although among because been before being below "
        "between both could does doing down during each every from further have having here "
        "however into itself just more most much must need only other over same should since some "
        "such than that their them then there these they this those through under until very were "
        "what when where which while will with within without would your usually often really "
        "basically things thing using used makes make made like instead another different many "
        "first second better large larger small smaller model models paper method methods "
        "approach work works train training trained "
    ).split()
)


_ASIDE = re.compile(r"^(?:see(?: also)?|cf\.?|also see|todo|related|compare)\b", re.I)
_PERSONAL_SECTIONS = {
    "my thoughts", "thoughts", "discussion", "questions", "my questions", "open questions",
    "todo", "comments", "my notes", "personal notes", "reflections", "ideas", "follow up",
    "follow-up", "to do", "critique", "my take",
}  # fmt: skip


_META_LABELS = {
    "authors", "author", "code", "paper", "pdf", "url", "link", "links", "github", "date", "year",
    "venue", "tags", "status", "slides", "project page", "website", "date added", "citation",
}  # fmt: skip
_PLAIN_LABEL = re.compile(r"^\s*([A-Za-z][\w ]{1,25}?)\s*:\s")
_HIGHLIGHT_SECTIONS = {"highlights", "quotes", "key quotes", "annotations", "excerpts"}
# Zotero/Kindle decorations around a highlight: "Yellow highlight | Page 7:", "(p. 4)", quotes
_HIGHLIGHT_LEAD = re.compile(r"^\s*(?:\w+ highlight\s*\|\s*)?(?:page|p\.)\s*\d+\s*:\s*", re.I)
_PAGE_REF = re.compile(r"(?<!\s)\s*+\((?:p|pp|page)\.?\s*[\d-]+\)\s*$", re.I)
_WHOLE_QUOTE = re.compile(r'^\s*["“](?P<q>[^"“”]+)["”]\s*$')


def detail_cloze(block: Block, outline: Outline) -> Iterator[Candidate]:
    if block.kind == "paragraph":  # a quoted highlight on a paper's page
        if not block.path or _fold_cached(block.path[-1]) not in _HIGHLIGHT_SECTIONS:
            return
    elif block.kind != "item" or block.is_paper_item or block.children:
        return
    paper = _paper(block.parent) if block.parent is not None else page_paper(block)
    if not paper or _definition(block):
        return
    labelled = _LABELLED.match(block.masked.text)
    label = fold(labelled.group("label")) if labelled else ""
    plain_label = _PLAIN_LABEL.match(block.text)
    if plain_label and _fold_cached(plain_label.group(1)) in _META_LABELS:
        return  # "Authors: …", "Code: …": metadata, not a fact
    if label and (label in _PAGE_SECTIONS or label in _PERSONAL_SECTIONS or label in _VAGUE_TERMS):
        return
    if _ASIDE.match(block.text) or (block.path and fold(block.path[-1]) in _PERSONAL_SECTIONS):
        return  # pointers and the reader's own musings are not the paper's facts
    masked = block.masked
    text = masked.text
    if block.kind == "paragraph":
        text = _PAGE_REF.sub("", _HIGHLIGHT_LEAD.sub("", text))
        quote = _WHOLE_QUOTE.match(text)
        text = quote.group("q") if quote else text
    if not 5 <= len(text.split()) <= 30 or "](" in text or "?" in block.text:
        return  # an open question in the notes is not a fact to learn
    name = paper.nickname or paper.title
    if len(name.split()) > 12:
        return
    text = _THIS_PAPER.sub(name, text)
    text = _LEAD_PRONOUN.sub(name, text)
    blank = choose_blank(text, avoid=f"{paper.title} {name}")
    if blank is None:
        return
    start, end = blank
    answer = hygiene.clean(masked, text[start:end])
    question = hygiene.clean(masked, text[:start] + _BLANK + text[end:]).replace(_BLANK, CLOZE)
    if not question.startswith(name):
        question = f"{_title_q(name)} — {question}"
    yield Candidate(
        "detail-cloze", question, answer, f"{paper.title} {fold(block.text)}", block, paper.url
    )


def choose_blank(text: str, avoid: str = "") -> tuple[int, int] | None:
    """Span of the most informative token to blank: math, a number, a technical term, else the
    longest uncommon word; it must occur once and not in ``avoid``."""
    tokens = list(_TOKEN.finditer(text))
    counts: dict[str, int] = {}
    for t in tokens:
        counts[t.group(0).lower()] = counts.get(t.group(0).lower(), 0) + 1
    avoided = set(fold(avoid).split())
    quoted = _quoted_spans(text)
    usable = [
        t
        for t in tokens
        if counts[t.group(0).lower()] == 1
        and not any(a < t.start() < b for a, b in quoted)
        and _fold_cached(t.group(0)) not in avoided
        and t.group(0).lower() not in _STOP
        and not _DATE.match(t.group(0))
    ]
    if len(tokens) < 4 or not usable:
        return None
    for test in (
        lambda w: w.startswith("\x00"),
        lambda w: bool(_NUMBER.match(w)) and not re.fullmatch(r"\d", w),
        lambda w: bool(_TECH.match(w)) and len(w) >= 3,
        None,  # a name mid-sentence: "Gopher", "Wikipedia"
        lambda w: bool(_CONCEPT.match(w)),  # "hallucination", "regularization"
    ):
        for t in usable:
            word = t.group(0)
            if test is None:
                found = word[:1].isupper() and word[1:].islower() and len(word) >= 4
                found = found and not _sentence_start(text, t.start())
            else:
                found = test(word)
            if found and t.start() > 0 and not _in_list(text, t, test):
                return t.span()
    return None  # only common words left: blanking one would test guessing, not knowledge


_LIST_JOIN = re.compile(r"(?<!\s)\s*+(?:,|\band\b|\bor\b|/)\s*(?:and\s+|or\s+)?")


# a token from its start only (from inside a long token it was retried at every character)
_LIST_BEFORE = re.compile(
    r"(\x00\d+\x01|(?<![\w\-./%^+~])[\w\-./%^+~]+)\s*(?:,|\band\b|\bor\b|/)\s*(?:and\s+|or\s+)?$"
)


def _in_list(text: str, token: re.Match[str], test) -> bool:
    """The token is one of a parallel list ("$Q$, $K$, $V$", "GPT-3, PaLM and Gopher"): the
    other members would hint at it, and which one was blanked is guesswork."""
    after = _LIST_JOIN.match(text, token.end())
    if after and after.group(0).strip():
        nxt = _TOKEN.match(text, after.end())
        if nxt and _same_kind(nxt.group(0), token.group(0), test):
            return True
    before = text[: token.start()]
    joined = re.search(
        r"(\x00\d+\x01|(?<![\w\-./%^+~])[\w\-./%^+~]+)\s*+(?:,|\band\b|\bor\b|/)\s*+(?:and\s++|or\s++)?$",
        before,
    )
    return bool(joined and _same_kind(joined.group(1), token.group(0), test))


def _same_kind(other: str, word: str, test) -> bool:
    if word.startswith("\x00"):
        return other.startswith("\x00")
    if test is None:  # capitalised names
        return other[:1].isupper()
    return bool(test(other))


def _sentence_start(text: str, at: int) -> bool:
    """True when the token at ``at`` opens a sentence (its capital letter says nothing)."""
    before = text[:at].rstrip()
    return not before or before[-1] in '.!?:;—–-("“'


# ── 9. table rows ──────────────────────────────────────────────────────────────

_ROLES = {
    "title": {
        "paper", "title", "name", "model", "method", "work", "publication", "article", "papers",
    },
    "year": {"year", "date", "published", "when", "release", "released"},
    "venue": {"venue", "conference", "journal", "published in", "where", "conf"},
    "authors": {"authors", "author", "by", "who"},
    "summary": {
        "description", "summary", "tl dr", "tldr", "notes", "note", "key idea", "idea",
        "contribution", "contributions", "abstract", "comment", "comments", "takeaway",
        "main idea", "highlights", "what", "about", "key contribution", "details",
    },
    "skip": {
        "link", "links", "url", "code", "pdf", "arxiv", "github", "#", "no", "", "stars", "slides",
    },
}  # fmt: skip


def table_row(block: Block, outline: Outline) -> Iterator[Candidate]:
    if block.kind != "row" or not block.header:
        return
    roles = [_role(h) for h in block.header]
    cells = [hygiene.clean(c) for c in block.cells]
    if "title" in roles:
        title_at = roles.index("title")
    else:
        title_at = next((i for i, r in enumerate(roles) if r is None), None)
        if title_at is None:
            return
    if title_at >= len(cells):
        return
    raw_title = block.cells[title_at]
    title = cells[title_at]
    link_texts = [t for t, u in hygiene.links(raw_title.text) if not hygiene.looks_like_url(t)]
    if link_texts:
        title = raw_title.restore(link_texts[0])
    title = title.strip(" *")
    if not title or len(title.split()) > 30 or fold(title) in _PLACEHOLDER:
        return
    name = _title_q(title)
    url = block.paper_url or next((u for _, u in block.links if u.startswith("http")), None)
    values = dict(zip(roles, cells, strict=False))
    if "authors" not in values:  # "[Title](url)<br>Lightman et al.": the byline in the cell
        byline = _byline_in_cell(raw_title)
        if byline:
            roles, cells = [*roles, "authors"], [*cells, byline]
            values["authors"] = byline
    year = values.get("year")
    published = _PUBLISHED.search(fold(" ".join(block.header)))
    if year and _DAY_DATE.match(year.strip()) and not published:
        year = values["year"] = None  # "2024-05-02" in a reading log: when it was read
    authors = values.get("authors")
    for i, (role, value) in enumerate(zip(roles, cells, strict=False)):
        if i == title_at or role in ("skip", "title") or not fold(value):
            continue
        if role == "year" and year is None:
            continue
        if i >= len(block.header) and role != "authors":
            continue  # empty cells, "-", "✓" carry nothing to learn; nor a second title column
        if _GENERIC_CELL.match(fold(value)):
            continue  # a bare [pdf] / [code] link
        header = block.header[i] if i < len(block.header) else "authors"
        if role == "summary":
            question = TEMPLATES["paper-summary"].format(name)
            value = _sentence(shorten(value))
        elif role == "authors":
            question = f"Who wrote {name}?"
            value = f"{value} ({year})" if year else value
        elif role == "year":
            if authors or fold(values.get("venue") or ""):
                continue  # asked together with the authors or the venue
            question = f"When was {name} published?"
        elif role == "venue":
            question = TEMPLATES["venue"].format(name)
            has_year = re.search(r"\b(?:19|20)\d{2}\b|'\d{2}\b", value)
            value = f"{value} {year}" if year and not has_year else value
        else:
            if len(header.split()) > 3 or len(value.split()) > 25:
                continue
            verb = (
                "are"
                if header.lower().endswith("s") and not header.lower().endswith("ss")
                else "is"
            )
            question = f"What {verb} the {header.lower()} of {name}?"
        yield Candidate("table-row", question, value, f"{title} {fold(header)}", block, url)


_GENERIC_CELL = re.compile(
    r"^(?:pdf|code|link|paper|github|arxiv|project|website|slides|video|blog|demo|url|html|"
    r"official|unofficial|pytorch|tensorflow|jax|\W*)(?: (?:pdf|code|link|paper|github|arxiv))*$"
)


_PLACEHOLDER = {"todo", "tbd", "tba", "n a", "na", "none", "wip", "tbc"}
_DAY_DATE = re.compile(r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$")
_PUBLISHED = re.compile(r"\b(?:published|publication|release|released)\b")


def _byline_in_cell(cell: hygiene.Masked) -> str | None:
    """The authors written under a title in the same cell, after a ``<br>``."""
    parts = re.split(r"<br\s*/?>", cell.text, flags=re.I)
    if len(parts) < 2:
        return None
    names = hygiene.clean(cell, parts[1]).strip(" ,;")
    without_et_al = re.sub(r"(?:,|(?<!\s)|(?!\s))\s*+et al\.?$", "", names)
    if names and (looks_like_authors(names) or looks_like_authors(without_et_al)):
        return names
    return None


def _role(header: str) -> str | None:
    key = fold(header)
    for role, names in _ROLES.items():
        if key in names:
            return role
    if "paper" in key or "title" in key:
        return "title"
    return None


# ── 10. paper name ─────────────────────────────────────────────────────────────


def paper_name(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block) or _HEADING_PAPERS.get(id(block))
    if not paper or not paper.nickname or not paper.full_title:
        return
    if fold(paper.nickname) in fold(paper.full_title):
        return
    question = TEMPLATES["paper-name"].format(paper.nickname)
    yield Candidate("paper-name", question, paper.full_title, paper.title, block, paper.url)


# ── 11. display math ───────────────────────────────────────────────────────────

_LEAD_IN = re.compile(
    r"(?:[:=]|\b(?:is|as|by|are|be|gives|yields|equals|follows|where|then|computes?))\s*:?\s*$",
    re.I,
)


def display_math(block: Block, outline: Outline) -> Iterator[Candidate]:
    if block.kind != "math" or block.previous is None:
        return
    lead = block.previous.text
    if not lead or not _LEAD_IN.search(lead) or block.previous.kind == "math":
        return
    sentence = re.split(r"(?<=[.!?])\s+", lead)[-1].rstrip(" :")
    if not 3 <= len(sentence.split()) <= 40:
        return
    formula = block.masked.maths[0]
    question = (
        f"{sentence}: {CLOZE}"
        if not re.search(r"\b\w+$", sentence) or sentence.endswith(("=",))
        else f"{sentence} {CLOZE}"
    )
    yield Candidate("display-math", question, formula, sentence, block)


def _sentence(text: str) -> str:
    """Answers read as text: first letter up, no dangling separator."""
    text = text.strip(" ;,-–—")
    return text[:1].upper() + text[1:] if text[:1].islower() else text


RULES: tuple[Rule, ...] = (
    paper_summary,
    numbered_takeaway,
    attribution,
    cited_finding,
    paper_name,
    venue_and_study,
    section,
    term_definition,
    labelled_fact,
    short_list,
    detail_cloze,
    table_row,
    display_math,
    paper_page_section,
    labelled_detail,
)

# Which rules can fire on which kind of block (the rest return at once; skipping them is faster).
_KINDS = {
    "item": {"paper_summary", "numbered_takeaway", "attribution", "paper_name", "venue_and_study",
             "section", "term_definition", "short_list", "detail_cloze", "paper_page_section",
             "labelled_detail", "cited_finding", "labelled_fact"},
    "paragraph": {"term_definition", "paper_page_section", "labelled_detail", "cited_finding",
                  "labelled_fact", "detail_cloze"},
    "heading": {"attribution", "paper_name", "venue_and_study"},
    "row": {"table_row"},
    "math": {"display_math"},
}  # fmt: skip
RULES_FOR = {kind: tuple(r for r in RULES if r.__name__ in names) for kind, names in _KINDS.items()}
_PAPER_RULES = {
    "paper_summary", "numbered_takeaway", "attribution", "paper_name", "venue_and_study", "section",
}  # fmt: skip
_ITEM_RULES_WITHOUT_PAPER = tuple(r for r in RULES_FOR["item"] if r.__name__ not in _PAPER_RULES)


def prepare(outline: Outline) -> None:
    """Per-note state the rules share: parse caches and which blocks sit on a paper's page."""
    _cached_paper.cache_clear()
    _definition.cache_clear()
    _PAGE_PAPERS.clear()
    _HEADING_PAPERS.clear()
    _PAGE_PAPERS.update(_page_papers(outline))
    _PAGE_SECTION_BLOCKS.clear()
    for block in outline.blocks:
        if id(block) in _PAGE_PAPERS and block.kind in ("paragraph", "item"):
            _PAGE_SECTION_BLOCKS.setdefault(block.path, []).append(block)


def candidates(outline: Outline) -> Iterator[Candidate]:
    """Every candidate card of a note, in note order (then rule order)."""
    prepare(outline)
    for block in outline.blocks:
        rules = RULES_FOR.get(block.kind, ())
        if block.kind == "item" and _paper(block) is None:
            rules = _ITEM_RULES_WITHOUT_PAPER  # the paper rules would each return at once
        for rule in rules:
            yield from rule(block, outline)
