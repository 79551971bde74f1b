"""Filing and bibliographic cards: authors and year, venue, study type, section, full title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder import salience
from studydeck.builder.citations import _YEAR
from studydeck.builder.rules.common import (
    _LOWER_NAME,
    TEMPLATES,
    Candidate,
    _paper,
    _title_q,
    context_above,
)
from studydeck.builder.rules.context import section_label
from studydeck.builder.rules.pages import _HEADING_PAPERS
from studydeck.notes import Block, Outline
from studydeck.text import fold

# ── 2. attribution ─────────────────────────────────────────────────────────────

_YEAR_AND_SEPARATORS = re.compile(r"(?:(?<![\s,])|(?![\s,]))[\s,]*+\b(?:19|20)\d{2}\b")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"\A[Tt]he\s++")
_NAME_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


def attribution(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block) or _HEADING_PAPERS.get(id(block))
    if not paper or not paper.attribution:
        return
    text = paper.attribution
    year = _YEAR.search(text)
    names = _YEAR_AND_SEPARATORS.sub("", text).strip(" ,;")
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
    study = _STUDY.get(_SPACES.sub(" ", (paper.study or "").lower().replace("and", "&")))
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


# ── 10. paper name ─────────────────────────────────────────────────────────────


def paper_name(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block) or _HEADING_PAPERS.get(id(block))
    if not paper or not paper.nickname or not paper.full_title:
        return
    if fold(paper.nickname) in fold(paper.full_title):
        return
    # "The Predictron: End-To-End …": "the Predictron paper", not "the The Predictron paper"
    question = TEMPLATES["paper-name"].format(_LEADING_THE.sub("", paper.nickname))
    halved = fold(paper.title).startswith(fold(paper.nickname))  # the title's own first half
    if halved and not coined(paper.nickname):
        # "Online Learning: A Comprehensive Survey": a title in two halves, no nickname (a
        # heading "Knowledge Distillation (2015)" over the title names it all the same)
        reason = "the title's first half in plain words, not a nickname"
        yield Candidate("paper-name", question, "", paper.title, block, reason=reason)
        return
    yield Candidate("paper-name", question, paper.full_title, paper.title, block, paper.url)


COINED_ZIPF = 3.0  # "Psychlab", "Lakehouse", "Swish": rarer than this, a word made up for it


def coined(name: str) -> bool:
    """A name made for the work: a word with an inner capital or a digit (AlexNet, GPT-3),
    an acronym (TRPO), or one English seldom writes; not "Online Learning", "Deep Learning"."""
    words = _NAME_WORD.findall(name)
    return any(
        any(c.isupper() or c.isdigit() for c in w[1:])
        or any(c.isdigit() for c in w)
        or salience.zipf(w.lower()) < COINED_ZIPF
        for w in words
    )
