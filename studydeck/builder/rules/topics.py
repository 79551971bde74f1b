"""A paper's topic, asked as subject matter: where a note's headings name topics (a survey's
taxonomy: "Skill Recognition" / "Skill Learning"), a paper listed under one of them studies that
topic, and its sibling headings are the other choices. Headings that file rather than name —
dates, months, "Papers", "Misc" — make no such card: "Under which section of the notes is X
listed?" is filing, and stays behind ``build --with metadata``."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from studydeck.builder import salience
from studydeck.builder.rules.common import GENERIC_HEADINGS, Candidate, _generic, _paper, _title_q
from studydeck.notes import Block, Outline
from studydeck.text import fold

MAX_CHOICES = 3
MAX_TOPIC_WORDS = 7
# Papers asked per topic: a list of 80 titles under one heading is one fact (the taxonomy), not
# 80; blind judging found the 80th card trivia
MAX_PER_TOPIC = 2
STEM = 5  # letters two words share to count as one word ("causal", "causality")
_ASKED: dict[tuple[str, ...], list[str]] = {}
_SIBLINGS: dict[tuple[str, ...], list[str]] = {}  # heading path above → its child headings
_TOPICS: dict[tuple[str, ...], _Level] = {}  # heading path above → its distinct topic headings
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:19|20)\d\d\b"
    r"|\b\d{1,2}[-/.]\d{1,2}\b|\bQ[1-4]\b|\bH[12]\b",
    re.I,
)
# a heading that ends on an adjective ("high-performing", "Recommended", "Selected") ranks or
# files papers; a topic is a noun phrase
_ADJECTIVE = re.compile(r"(?:\w-\w+(?:ing|ed)|\w(?:ed|ive|ful|ous|able|ible))$", re.I)
_VENUE_TAIL = re.compile(
    r",\s*+[A-Z][\w-]*+(?:\s[A-Za-z][\w-]*+)?\s(?:19|20)\d\d$"
)  # ", SRDS 2018"
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[IVX]+\.)\s+")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
# "More Empirical Understanding", "Other", "Misc …": a catch-all, not a topic
_CATCH_ALL = re.compile(
    r"^(?:more|other|others|misc|miscellaneous|further|additional|extra|related|future)\b", re.I
)


def prepare(outline: Outline) -> None:
    _SIBLINGS.clear()
    _TOPICS.clear()
    _ASKED.clear()
    for block in outline.blocks:
        if block.kind == "heading" and block.path:
            _SIBLINGS.setdefault(block.path[:-1], []).append(block.path[-1])


def topic_choice(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``- [Paper](url)`` under ``## Skill Learning`` beside ``## Skill Recognition`` → "In <the
    parent>, which topic does <paper> study: Skill Learning or Skill Recognition?"."""
    paper = _paper(block)
    if paper is None or block.depth != 1 or len(paper.title.split()) > 25:
        return
    if not _TWO_LETTERS.search(paper.title):
        return  # "[x]": a checkbox, not a title
    for depth in range(len(block.path) - 1, 0, -1):
        topic, above = block.path[depth], block.path[:depth]
        level = _topics_under(above)
        if not _is_topic(topic) or len(level.topics) < 2 or topic not in level.at:
            continue
        asked = _ASKED.setdefault(block.path[: depth + 1], [])
        if len(asked) >= MAX_PER_TOPIC or _named_by_title(topic, level, paper.title):
            return  # a few papers stand for a topic; a title that names it gives it away
        asked.append(paper.title)
        choices = _choices(topic, level, paper.title)
        where = next((h for h in reversed(above) if not _generic(h)), None)
        name = _VENUE_TAIL.sub("", paper.nickname or paper.title)
        named = f"“{name}”" if len(name.split()) >= 4 else _title_q(name)
        lead = f"In {_tidy(where)}, which" if where else "Which"
        listed = ", ".join(map(_tidy, choices[:-1])) + f" or {_tidy(choices[-1])}"
        question = f"{lead} topic does {named} study: {listed}?"
        context = above or (outline.title,)
        yield Candidate("topic", question, _tidy(topic), paper.title, block, paper.url, context)
        return


@lru_cache(maxsize=4096)
def _is_topic(heading: str) -> bool:
    text = _tidy(heading)
    words = text.split()
    return (
        0 < len(words) <= MAX_TOPIC_WORDS
        and not _generic(text)
        and not _MONTH.search(text)
        and not _CATCH_ALL.match(text)
        and not _ADJECTIVE.search(text)
        and not _filing(text)
        and any(c.isalpha() for c in text)
    )


@dataclass
class _Level:
    """The distinct topic headings under one heading path, indexed so that asking one paper costs
    the same beside 4 sibling topics or 4,000."""

    topics: list[str]
    at: dict[str, list[int]] = field(default_factory=dict)  # heading → its places in topics
    at_key: dict[str, list[int]] = field(default_factory=dict)  # folded heading → its places
    words: Counter[str] = field(default_factory=Counter)  # word → how many topics hold it

    def __post_init__(self) -> None:
        for place, topic in enumerate(self.topics):
            self.at.setdefault(topic, []).append(place)
            self.at_key.setdefault(fold(topic), []).append(place)
            self.words.update(set(fold(topic).split()))


def _topics_under(above: tuple[str, ...]) -> _Level:
    """The topic headings under ``above``, once per note: worked out per paper, 400 sibling
    headings cost each of their papers 160,000 comparisons (a 330 KB survey took 25 s)."""
    found = _TOPICS.get(above)
    if found is None:
        topics = _distinct([s for s in _SIBLINGS.get(above, ()) if _is_topic(s)])
        found = _TOPICS[above] = _Level(topics)
    return found


# beyond this many headings, look each one's substrings up (~L²/2 of them) instead of comparing
# every pair: linear in the number of headings
PAIRWISE_LIMIT = 1000


def _distinct(siblings: list[str]) -> list[str]:
    """Without the headings that join two others ("Skill Recognition & Skill Learning" beside
    both): as a choice it overlaps the right answer."""
    keys = [fold(s) for s in siblings]
    if len(keys) <= PAIRWISE_LIMIT:
        joined = [sum(o in k for o in keys if o != k) for k in keys]
    else:
        counts = Counter(keys)
        joined = [sum(counts[part] for part in _substrings(k) if part != k) for k in keys]
    return [s for s, n in zip(siblings, joined, strict=True) if n < 2]


def _substrings(key: str) -> set[str]:
    """Every distinct substring of ``key``, the empty one too (``"" in key`` holds)."""
    return {key[i:j] for i in range(len(key)) for j in range(i, len(key) + 1)}


def _named_by_title(topic: str, level: _Level, title: str) -> bool:
    """A word only the right topic has ("Byzantine") in the paper's title gives the answer."""
    same = len(level.at[topic])  # the topic's own headings (a repeated one too) don't count
    own = [w for w in set(fold(topic).split()) if len(w) >= 4 and level.words[w] <= same]
    titled = {w[:STEM] for w in fold(title).split() if len(w) >= 4}
    return any(w[:STEM] in titled for w in own)  # "Causal …" names "Causality"


def _filing(text: str) -> bool:
    """A bucket by kind of resource ("Books", "Papers/ Articles/ Blog Posts", "Future reading
    list", "Jobs"), not a subject: a part is a generic heading, or one common plural word."""
    key = fold(text)
    parts = [p.strip() for p in re.split(r"/|&|,|\band\b", key) if p.strip()]
    if any(
        part in GENERIC_HEADINGS or any(part.endswith(f" {g}") for g in _GENERIC_TAILS)
        for part in parts
    ):
        return True
    words = key.split()
    return len(words) == 1 and key.endswith("s") and salience.zipf(key) >= salience.COMMON_ZIPF


_GENERIC_TAILS = ("reading list", "papers", "resources", "links", "posts", "articles", "reads")


def _choices(topic: str, level: _Level, title: str) -> list[str]:
    """The topic and up to two siblings, in the note's order; which siblings is fixed by the
    paper's title (a rebuild gives the same card)."""
    skipped = level.at_key[fold(topic)]  # the places of the topic (and of headings read alike)
    count = len(level.topics) - len(skipped)
    picks = range(count)
    if count >= MAX_CHOICES:
        start = zlib.crc32(title.encode()) % count
        picks = [(start + step) % count for step in range(MAX_CHOICES - 1)]
    chosen = {topic, *(level.topics[_place(pick, skipped)] for pick in picks)}
    return [level.topics[p] for p in sorted(p for text in chosen for p in level.at[text])]


def _place(pick: int, skipped: list[int]) -> int:
    """The place in the topic list of the ``pick``-th topic that is not ``skipped``."""
    place = pick
    for gap in skipped:  # in order: each skipped place at or before it moves it one on
        if gap <= place:
            place += 1
        else:
            break
    return place


def _tidy(heading: str) -> str:
    return _NUMBERING.sub("", heading).strip()
