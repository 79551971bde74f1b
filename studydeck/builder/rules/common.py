"""What every card rule shares: the candidate, how a question names a paper, headings that
name nothing, and small text helpers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from studydeck.builder.descriptions import without_link_asides
from studydeck.builder.papers import (
    Paper,
    parse_paper,
)
from studydeck.notes import Block, Outline
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

    score: float = 1.0  # how much a reader would want it × how sure the rule is (best first)
    reason: str | None = None  # set: not a card, a rejection the rule explains (--report)


# Cards about how a paper is filed, named or published, not what it says: made only with
# ``build --with metadata`` (the quiz still draws distractors from entry metadata). Blind
# judging put a nickname's full title with these: trivia, and often carrying venue residue.
METADATA_KINDS = frozenset(
    {"attribution", "venue", "study-type", "section", "paper-name", "topic"}
)  # topic: in eight blind-judged rounds no topic card was judged worth studying

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
    "def", "defn", "in short", "simple version", "in other words",
    "supplementary", "supplement", "supplementary material", "supplementary materials",
    "what", "how", "why",  # a paper's page as "* What" / "* How" / "* Results" bullets
    "about", "highlights", "metadata",  # a Readwise export's "# About" and "# Highlights"
}  # fmt: skip
_GENERIC_LABEL = re.compile(  # "2023", "Week 3", "Part II", "Section 2.1", "Day 4"
    r"^(?:(?:part|week|day|section|chapter|lecture|session|round|batch|page)\s+)?"
    r"(?:[\divxlc]+[\d.]*|(?:19|20)\d\d(?:[-/]\d+)*)$"
    # "Page 49 @ 25 December 2022 06:35 PM": where in the book a highlight was made, and when
    r"|^(?:page|p\.|loc|location)\s*+\d++\b"
    r"|^by\s"  # "## by Robert Cialdini PhD": the book's byline under its title, no section
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


@cache  # one note's blocks: cleared per note (rules.prepare)
def _cached_paper(block: Block) -> Paper | None:
    return parse_paper(block)


_paper = _cached_paper  # asked ~70,000 times a MB: no wrapper call in between


def _name(paper: Paper) -> str:
    """How a question names a paper: its short name when it has one ("the BERT paper"), unless
    another entry of the note goes by that name too ("GPT-3 [Large Language Models are
    Zero-Shot Reasoners](…)" beside "GPT-3 (Brown et al. 2020)"): then its title."""
    if paper.nickname and paper.full_title:
        if NICKNAMES[fold(paper.nickname)] > 1:
            return _title_q(paper.full_title)
        if _names_its_subject(paper):
            return _title_q(paper.title)  # "MEGA: Malleable Encryption Goes Awry", whole
        return f"the {paper.nickname} paper"
    return _title_q(paper.title)


def _names_its_subject(paper: Paper) -> bool:
    """ "MEGA: Malleable Encryption Goes Awry" - "attacks on MEGA data storage": the short name
    is what the paper studies, so "the MEGA paper" could be any paper on it (judged ambiguous)."""
    nickname = fold(paper.nickname or "")
    return bool(nickname) and f" {nickname} " in f" {fold(paper.summary or '')} "


NICKNAMES: Counter[str] = Counter()  # a note's short paper names → how many entries carry each


def count_nicknames(outline: Outline) -> None:
    NICKNAMES.clear()
    for block in outline.blocks:
        paper = _paper(block) if block.kind == "item" else None
        name = paper and (paper.nickname or paper.title)
        if name and len(name.split()) <= 3:  # "GPT-3 ([brown et al. 2020](…))" is GPT-3's
            NICKNAMES[fold(name)] += 1


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
        found = re.match(rf"^\W*{lead}\b\s*(?:[-–—:,=]\s*|(?:is|are|was)\s+)?", answer, re.I)
        rest = answer[found.end() :] if found and words else ""
        if found and len(rest.split()) >= 3:
            return _sentence(rest)
    return answer


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


@lru_cache(maxsize=1024)
def _headings_label(path: tuple[str, ...], title: str, name: str) -> tuple[str, ...]:
    skip = GENERIC_HEADINGS | {fold(title), fold(name)}
    return tuple(h for h in path if h and not _generic(h, skip))


def _generic(label: str, skip: set[str] | frozenset[str] = frozenset()) -> bool:
    key = fold(label)
    return not key or key in GENERIC_HEADINGS or key in skip or bool(_GENERIC_LABEL.match(key))


# ── 8. detail cloze under a paper ──────────────────────────────────────────────

_THIS_PAPER = re.compile(
    r"\bthis (?:paper|work|study|article|approach|method|model|technique|framework|system)\b"
    r"|\bthe paper\b|\bthe (?:proposed|presented) (?:method|approach|model)\b",
    re.I,
)


def _sentence(text: str) -> str:
    """Answers read as text: first letter up, no dangling separator."""
    text = text.strip(" ;,-–—")
    return text[:1].upper() + text[1:] if text[:1].islower() else text


# the note about itself; "I" the pronoun goes on with a verb ("I think"), not "I/O", "I.e.",
# "index I." or "$A \otimes I$"
FIRST_PERSON = re.compile(r"\b(?:I(?=\s++[a-z])|I'm|I've|I'd|I’m|I’ve|I’d|my|me|myself)\b")
# the note's plan, not its subject: "The core takeaway from this section …", "Once we
# understand …", "In the next section we will …" (a run-in "**Coming up:**" over it is no term)
ABOUT_THE_NOTE = re.compile(
    r"\b(?:this|the next|the previous|next|previous) (?:section|lecture|chapter|post|video|"
    r"notebook)\b|\b(?:we|We)(?:'ll|’ll| will| shall)\b|\bOnce we\b",
)

# A description addressed to the reader, or a byline, is not what a work says or is:
# "Might be helpful to watch this video …", "By Jonathan Pillow. A walk through …"
_READER_DIRECTED = re.compile(
    r"^(?:might be|may be (?:helpful|useful)|(?:it is |it's )?(?:helpful|useful) to|"
    r"you (?:can|should|might|may|will)|check (?:out|this)|watch|read this|recommended|"
    r"highly recommended|must read|start here)\b",
    re.I,
)
# "By J. Pillow.", "By Jonathan Pillow;": up to three initials, then the name
_BYLINE_LEAD = re.compile(r"^[Bb]y\s++(?:[A-Z]\.\s*+){0,3}+[A-Z][^.;\n]{0,40}+[.;]\s*+")
_RECOMMENDED = re.compile(r"(?:^|(?<=[.!?]) )Recommended by [^.!?\n]{1,80}+[.!?]?")
_IN_EDITED = re.compile(r"^In\s[A-Z]\.\s")  # "In M. Helander, T. K. Landauer (eds.), Handbook …"


def description_proper(text: str) -> str | None:
    """A description without a leading byline; None when it talks to the reader or cites the
    book it appeared in."""
    text = _RECOMMENDED.sub("", _BYLINE_LEAD.sub("", text, count=1)).strip()
    if not text or _READER_DIRECTED.match(text) or _IN_EDITED.match(text):
        return None
    if _ABOUT_THE_LINK.match(text) or _SEE_ELSEWHERE.search(text) or _STATUS.match(text):
        # "The ‘official’ home page for …", "Nice alternative (see above)", "Public data
        # release coming soon": about the link or its state, not what it is
        return None
    text = without_link_asides(text)
    words = _LONG_WORD.findall(text)
    if len(text.split()) <= TITLE_LIKE_WORDS and words and all(w[:1].isupper() for w in words):
        return None  # "Notices of the AMS": a venue or a title, not what the work says
    return text


TITLE_LIKE_WORDS = 8
# what the link is, not what it links to: "The ‘official’ home page for distribution of …"
_ABOUT_THE_LINK = re.compile(
    r"\A(?:the\s++|an?\s++)?(?:['‘’\"“”\w]++\s++){0,2}?"
    r"(?:home\s?page|homepage|website|web site|web page|landing page|download page)"
    r"\s++(?:of|for)\b",
    re.I,
)
_STATUS = re.compile(
    r"\A(?:[\w-]++\s++){0,4}?(?:coming soon|not yet (?:available|released|public)|"
    r"under construction|work in progress|to be announced|deprecated|no longer maintained)\b",
    re.I,
)
# "(see above)", "a relative to the above", "if stuff above was a bit hard": another entry
_SEE_ELSEWHERE = re.compile(
    r"\bsee (?:above|below|previous|earlier)\b|\bthe above\b|\b(?:stuff|ones?) (?:above|below)\b",
    re.I,
)
_LONG_WORD = re.compile(r"[A-Za-z]{4,}+")
