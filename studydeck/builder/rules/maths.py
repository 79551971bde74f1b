"""Display math introduced by a lead-in sentence → the formula as a cloze."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder.rules.common import Candidate
from studydeck.builder.rules.context import subject
from studydeck.builder.rules.facts import _CHATTER, _DANGLING
from studydeck.builder.rules.sentence_checks import points_anywhere
from studydeck.deck import CLOZE
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# ── 11. display math ───────────────────────────────────────────────────────────

_LEAD_IN = re.compile(
    r"(?:[:=]|\b(?:is|as|by|are|be|gives|yields|equals|follows|where|then|computes?))\s*:?\s*$",
    re.I,
)
# "… so we may calculate the residues of $f$ as follows": a step of a worked example, whose
# formula holds only for that example; "we define/call/write …" still introduces a formula
_WORKED_STEP = re.compile(r"\b(?:we|us)\b(?! (?:define|call|denote|write)\b)", re.I)


DERIVATION_LINES = 2  # line breaks (\\) in one display: three lines or more
_RUN_STARTS: set[int] = set()  # math blocks another formula follows straight after


def prepare(outline: Outline) -> None:
    _RUN_STARTS.clear()
    _RUN_STARTS.update(
        id(b.previous)
        for b in outline.blocks
        if b.kind == "math" and b.previous is not None and b.previous.kind == "math"
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
    refused = _refused_lead_in(sentence)
    if refused is None and id(block) in _RUN_STARTS:
        # "… by taking the moments of the equation:" $$\Pi_0 …$$ $$\Pi_1 …$$: the lead-in
        # introduces them all, and the card would ask for the first as if it were the answer
        refused = "the first of several formulas the lead-in introduces"
    if refused is None and formula.count("\\\\") >= DERIVATION_LINES:
        # "\begin{align} … \\ … \\ …": a derivation worked line by line, nothing to recall whole
        refused = "a derivation over several lines, not one formula"
    if refused:
        yield Candidate("display-math", sentence, "", "", block, reason=refused)
        return
    question = (
        f"{sentence}: {CLOZE}"
        if not re.search(r"\b\w+$", sentence) or sentence.endswith(("=",))
        else f"{sentence} {CLOZE}"
    )
    named = subject(block, outline)
    head_word = fold(named).split()[-1].rstrip("s") if named else ""
    if named and head_word not in fold(sentence):
        # weeks later "… is given by ___" must say what it is about, as the facts do; a lead-in
        # that names its subject's head word ("kernel" under "Kernels") says it already
        question = f"{named} — {question}"
    yield Candidate("display-math", question, formula, sentence, block)


# "Let … be the isolated singular points of $f$, then": a theorem's hypothesis, not chatter
_HYPOTHESIS = re.compile(r"(?<![\w-])then\Z")


def _refused_lead_in(sentence: str) -> str | None:
    """Why a lead-in does not introduce a formula worth recalling, or None (blind judges marked
    half the display-math cards of lecture notes defects: worked steps and dangling lead-ins)."""
    if _DANGLING.match(sentence) or (_CHATTER.match(sentence) and not _HYPOTHESIS.search(sentence)):
        return "the lead-in points back or talks to the reader ('It turns out …')"
    if points_anywhere(sentence):
        # "Since $D_v(…) = 1$, this simplifies to": what "this" is was said before the card
        return "the lead-in points back ('this simplifies to …')"
    if hygiene.points_at_numbered(sentence):
        return "the lead-in points at a numbered equation ('the only solution to (15c)')"
    if _WORKED_STEP.search(sentence):
        return "a step of a worked example ('we may calculate … as follows')"
    if _STEP_GERUND.match(sentence) and not _STATES.search(sentence):
        return "a step of a derivation ('Substituting … :')"
    return None


# "Transforming surface to volume integrals using the divergence theorem:": what is done to the
# formula before, not what the formula is ("Training loss is …" still states one)
_STEP_GERUND = re.compile(r"\A[A-Z][a-z]++(?<=[a-z]{3}ing)\b")
_STATES = re.compile(r"\b(?:is|are|equals?|gives|yields|becomes|reads|defined|given)\b", re.I)
