"""A fact under a paper with its most informative token blanked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder import blanks
from studydeck.builder.rules.common import _THIS_PAPER, Candidate, _fold_cached, _paper, _title_q
from studydeck.builder.rules.pages import _LABELLED, _PAGE_SECTIONS, page_paper
from studydeck.builder.rules.summaries import described_entry
from studydeck.builder.rules.terms import _VAGUE_TERMS, _definition
from studydeck.deck import CLOZE
from studydeck.notes import Block, Outline, hygiene
from studydeck.notes.scan import NextMatch
from studydeck.text import fold

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
    "title", "published", "journal", "conference", "published in",
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
    if not paper or _definition(block) or described_entry(block):
        return  # (an entry's describing child gives its key idea, not a blank)
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
    if blanks.reads_as_reference(text):
        return
    name = paper.nickname or paper.title
    if len(name.split()) > 12:
        return
    text = _THIS_PAPER.sub(name, text)
    text = _LEAD_PRONOUN.sub(name, text)
    blank = choose_blank(text, avoid=f"{paper.title} {name}", masked=masked)
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


def choose_blank(
    text: str, avoid: str = "", masked: hygiene.Masked | None = None
) -> tuple[int, int] | None:
    """Span of the most informative token to blank: math, a number, a technical term, else the
    longest uncommon word; it must occur once and not in ``avoid``. With ``masked`` (the text's
    math masked), a formula that only names symbols is no blank."""
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) < 4:
        return None
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
    fair: dict[int, bool] = {}  # the costlier tests, only on the tokens a kind below picks

    def is_fair(t: re.Match[str]) -> bool:
        if t.start() not in fair:
            fair[t.start()] = (
                t.group(0).startswith("\x00") or not blanks.unfair_blank(text, t.start(), t.end())
            ) and not (
                masked is not None
                and t.group(0).startswith("\x00")
                and blanks.notation_only(hygiene.clean(masked, t.group(0)))
            )
        return fair[t.start()]

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
            if found and t.start() > 0 and is_fair(t) and not _in_list(text, t, test):
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
    if blanks.in_long_list(text, token.start(), token.end()):
        return True
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
