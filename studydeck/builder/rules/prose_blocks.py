"""Which blocks hold no prose facts at all, whatever their sentences say: exercises, reference
lists, proofs, bylines, metadata lines, errata and text in another script. The prose-fact rule
asks before it reads a block's sentences; each answer is a reason ``build --report`` shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder.rules.common import _fold_cached
from studydeck.builder.rules.context import _HEADING_NUMBER
from studydeck.notes import Block, hygiene
from studydeck.text import fold, search_holding

_SKIPPED_SECTIONS = {
    "exercises", "exercise", "problems", "homework", "proof", "proofs", "questions", "todo",
    "my thoughts", "thoughts", "open questions", "my questions", "comments", "to do",
}  # fmt: skip
_PROOF = re.compile(r"(?:Proof|Proof sketch|Sketch of proof)\b", re.I)
_LINK_FREE = re.compile(r"!?\[[^\[\]\n]*+\]\([^()\n]*+\)|https?://\S++")
BYLINE_WORDS = 6  # words besides its links below which a linked line is an entry, not prose
_META_LINE = re.compile(
    r"(?:Tags|Keywords|Authors?|Links?|Code|Paper|PDF|Venue|Year|Date|Status|URL|Source)\s*+:",
    re.I,
)
# "References", "Top references", "Bibliography", "Works cited": cited works, by title
_REFERENCE_HEADING = re.compile(r"\b(?:references|bibliography|works cited|literature cited)\Z")
REFERENCE_WORDS = 80  # a block with a doi or a volume(issue) this short is one reference
# (a page range, "(p. 19-20)", cites where a claim is, and the claim stays)
_CITED_WORK = re.compile(r"\bdoi:|\barXiv:\s?\d|\b\d{1,4}\s?\(\d{1,4}\)\s?[:,]\s?[A-Za-z]?\d", re.I)
# "Page 3: there is a typo (or error in concept). … is needed … instead of …"
_ERRATUM = re.compile(r"\b(?:typos?|errat(?:um|a)|misprints?)\b", re.I)
# what every form of each pattern holds: it is searched only where the text holds one
_CITED_WORK_MARKS = ("doi:", "arxiv:", "(")
_ERRATUM_WORDS = ("typo", "errat", "misprint")


def block_reason(block: Block) -> str | None:
    """Why no sentence of ``block`` gives a fact card, or None when its sentences may."""
    if any(_fold_cached(_HEADING_NUMBER.sub("", h)) in _SKIPPED_SECTIONS for h in block.path):
        return "exercises or the reader's own questions"
    if any(fold(b.text.rstrip(":")) in _SKIPPED_SECTIONS for b in _ancestors(block)):
        return "exercises or the reader's own questions"  # a Logseq "- Exercises" bullet
    if any(_REFERENCE_HEADING.search(_fold_cached(h)) for h in block.path):
        return "a reference list: the titles of cited works, not claims"
    if (
        search_holding(_CITED_WORK, block.text, _CITED_WORK_MARKS)
        and len(block.text.split()) <= REFERENCE_WORDS
    ):
        return "a bibliographic reference, not a claim"  # "… PLoS Biol. 2005;3(3): e68. doi: …"
    if _PROOF.match(block.text) or block.text.rstrip().endswith(("∎", "□", "Q.E.D.", "QED")):
        return "a proof: its steps are not facts to recall one by one"
    if block.links and len(_LINK_FREE.sub(" ", block.masked.text).split()) < BYLINE_WORDS:
        return "a link with a byline: an entry, not prose"  # "[Title](url), Karen Morenz"
    if not english_script(block.text):
        return "not English: word rarity would blank at random"
    if _META_LINE.match(block.text):
        return "a metadata line (tags, authors, links), not a claim"
    if hygiene.points_at_numbered(block.masked.text) or hygiene.points_at_numbered(block.text):
        return "points at a numbered equation or figure ('show that {eq}`…` is …')"
    if search_holding(_ERRATUM, block.text, _ERRATUM_WORDS):
        return "corrects a typo or an error: the card would teach the wrong half"
    return None


def english_script(text: str) -> bool:
    if text.isascii():  # the common case: every letter is Latin
        return any(c.isalpha() for c in text)
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii())
    return bool(letters) and latin >= 0.8 * len(letters)


def _ancestors(block: Block) -> Iterator[Block]:
    while block.parent is not None:
        block = block.parent
        yield block
