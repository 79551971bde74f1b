"""A parent bullet over a few short, parallel children → a list card."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder import salience
from studydeck.builder.rules.common import Candidate, _generic, _paper
from studydeck.builder.rules.context import _topic, defined_above, section_label, subject
from studydeck.builder.rules.terms import _VAGUE_TERMS
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# ── 7. parent → short list ─────────────────────────────────────────────────────

MAX_ITEM_WORDS = 5
_OPEN_ENDED = {"etc", "and so on", "and more", "more", "others", "and others", "..."}
_GOES_ON = re.compile(
    r"\bto [a-z]++$|\b(?:to|of|by|with|for|from|into|than|between|about|among|including|like|"
    r"the|a|an)$"
)
_COUNTED = re.compile(r"^(?:\d+|two|three|four|five)\s+\w", re.I)
# the words a noun phrase is joined by ("Two types of information in the brain"); any other
# word as common as these is a verb ("Two types of information go into memory": a clause)
_GLUE = {"of", "the", "a", "an", "in", "on", "for", "and", "or", "to", "with", "by", "from", "at"}
CLAUSE_ZIPF = 5.5  # "go", "help", "are"; a false alarm only quotes the label


def short_list(block: Block, outline: Outline) -> Iterator[Candidate]:
    kids = block.children
    if block.kind != "item" or len(kids) < 2 or block.is_paper_item or _paper(block):
        return
    counted = _counted_items(block)
    if counted is not None:  # the count says how many: up to seven
        yield from counted_list(block, outline, *counted)
        return
    if len(kids) > 5:
        return
    if _DANGLING_COUNT.match(block.text):
        return  # "It has three important parts:": the parts of something the card cannot show
    if any(k.children or k.is_paper_item or not k.text or len(k.text.split()) > 8 for k in kids):
        return
    if any(k.links or hygiene._BARE_URL.search(k.text) for k in kids):
        return  # "https://youtube.com/… BBC vulgarization": sources to follow, not items
    if _GOES_ON.search(block.text.rstrip(" :")):
        return  # "approach used to understand" / "processes": one sentence split over bullets
    if sum(any(c.isdigit() for c in k.text) for k in kids) * 2 > len(kids):
        return  # "43 unique g23 clones; GenBank accession numbers: JQ996716–…": values, not items
    if any(fold(k.text) in _OPEN_ENDED for k in kids):
        return  # "Makerspace; Hackerspace; etc": an open list has no count to recall
    # items longer than a phrase are sentences about the parent (facts), unless the parent
    # announces a list ("… requires:", "3 subtypes")
    announced = block.text.rstrip().endswith(":") or _COUNTED.match(block.text)
    if not announced and any(len(k.text.split()) > MAX_ITEM_WORDS for k in kids):
        return
    if not announced and sum(_statement(k.text) for k in kids) * 2 >= len(kids):
        return  # "3D Primitives" over "Represent 3D geometry with …." and "Significantly …."
    parent_text = block.text.rstrip(":").strip()
    if not parent_text or len(parent_text.split()) > 8 or "?" in parent_text:
        return
    vague = fold(parent_text) in _VAGUE_TERMS or fold(parent_text).removesuffix("s") in _VAGUE_TERMS
    if vague or not re.search(r"[A-Za-z]{3}", parent_text):
        return  # "eg.", "Notes:", "1)": a label over examples, not a named list
    if not parent_text[:1].isalnum():
        return  # "%psychotic features", "@ causes": the note's shorthand, not a name
    if _table_of_contents(kids):
        yield Candidate("short-list", parent_text, "", "", block, reason="a table of contents")
        return
    topic = _topic(block, outline)
    if topic and _generic(topic):
        topic = section_label(block, outline)  # "in basics" names nothing; its section may
    # the subject in full ("Dementia with Lewy Bodies › diagnosis requires"): a parent bullet
    # alone ("in diagnosis requires") leaves the card without the disease it is about
    named = defined_above(block) or subject(block, outline) or topic
    where = f"In {named}, " if named and fold(named) != fold(parent_text) else ""
    if _COUNTED.match(parent_text) and not _clause(parent_text):
        question = f"{where}what are the {parent_text}?"
    else:
        question = f"{where}which {len(kids)} items are listed under “{parent_text}”?"
    question = question[:1].upper() + question[1:]
    answer = "; ".join(k.text.rstrip(".;,") for k in kids)
    yield Candidate("short-list", question, answer, f"{parent_text} {topic or ''}", block)


_HEADINGS: set[str] = set()  # the note's headings, folded (prepare)


def prepare(outline: Outline) -> None:
    _HEADINGS.clear()
    _COUNTED_SEEN.clear()
    _HEADINGS.update(fold(b.text) for b in outline.blocks if b.kind == "heading")


def _statement(text: str) -> bool:
    """A child in words that ends on a full stop is a sentence about its parent, not one of its
    members (a formula, or "Conscious: the simply aware.", is a member all the same)."""
    text = text.rstrip()
    return (
        text.endswith(".")
        and not text.endswith("etc.")
        and len(text.split()) >= 2
        and text[:1].isalpha()
        and ":" not in text
        and "$" not in text
    )


def _clause(label: str) -> bool:
    """ "Two types of information go into memory": a sentence, which "what are the …?" garbles."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", label)[2:]]
    return any(w not in _GLUE and salience.zipf(w) >= CLAUSE_ZIPF for w in words)


def _table_of_contents(kids: list[Block]) -> bool:
    """At least half the children name headings of this note (``prepare``): the note's own
    contents, not a list to learn."""
    return sum(1 for k in kids if fold(k.text) in _HEADINGS) * 2 >= len(kids)


# ── a sentence that announces its count: "Their loss function has five components:" ─────────

_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_ANNOUNCED = re.compile(
    r"\b(two|three|four|five|six|seven|[2-7])\s++(?:[a-z-]++\s++){0,2}?[a-z-]+s\b", re.I
)
_ITEM_LABEL = re.compile(r"\A(?:\(?\d\)\s*+|\d\.\s*+)?([^:]{2,40}?):\s*+(.*)\Z", re.S)
_DASHED_LABEL = re.compile(r"\A([\w'’-]++(?: [\w'’-]++){0,3}) [-–—] (?=\S)")  # "filler - the …"
MAX_COUNTED_ITEM_WORDS = 14
MAX_COUNTED_ANSWER_WORDS = 60


def _counted_items(block: Block) -> tuple[str, list[str]] | None:
    """The count and the items of a bullet that counts its children ("They define four subtasks
    of image understanding:" over four bullets): each child's label ("Classification: …" →
    Classification) or, unlabelled, its text when short. None unless the count is the
    children's and the sentence ends on its colon."""
    text = block.text.rstrip()
    found = _ANNOUNCED.search(text)
    if not text.endswith(":") or found is None or _DANGLING_COUNT.match(text):
        return None
    word = found.group(1).lower()
    if _COUNT_WORDS.get(word, int(word) if word.isdigit() else 0) != len(block.children):
        return None  # "It has two three important components:" over three bullets
    items = []
    for kid in block.children:
        if kid.links or kid.is_paper_item:
            return None
        labelled = _ITEM_LABEL.match(kid.text) or _DASHED_LABEL.match(kid.text)
        item = labelled.group(1) if labelled else kid.text.rstrip(".;, ")
        if not item or len(item.split()) > MAX_COUNTED_ITEM_WORDS:
            return None
        items.append(item.strip(" *_"))
    if sum(len(i.split()) for i in items) > MAX_COUNTED_ANSWER_WORDS:
        return None
    return word, items


_COUNTED_SEEN: set[str] = set()  # this note's counted lists, folded (prepare)
# it points back: the count is of something the card does not show
_DANGLING_COUNT = re.compile(r"\A(?:It|This|These|That|There|Here|Its)\b")


def counted_list(
    block: Block, outline: Outline, count: str, items: list[str]
) -> Iterator[Candidate]:
    """ "DenseCap — Their full loss function has five components: which five?" → the five."""
    named = subject(block, outline)
    if named is None:
        return
    key = fold(" ".join(items))
    if key in _COUNTED_SEEN:
        return  # the page's summary and its detailed part list the same four
    _COUNTED_SEEN.add(key)
    parent = block.text.rstrip(" :")
    question = f"{named} — {parent}: which {count}?"
    answer = "; ".join(items)
    yield Candidate("short-list", question, answer, f"{parent} {named}", block)
