"""Which cards come first: how much a reader would want to remember what a kind of card asks
(its prior) × how sure the rule that made it is (the candidate's own score, 0–1). New cards are
introduced in deck order, so the deck is written best-first."""

from __future__ import annotations

from studydeck.builder.rules import Candidate

PRIOR = {
    "paper-summary": 1.0,
    "numbered-takeaway": 1.0,
    "paper-page": 0.95,
    "term-definition": 0.9,
    "cited-finding": 0.85,
    "entry": 0.8,
    "display-math": 0.8,
    "short-list": 0.7,
    "detail-cloze": 0.7,
    "labelled-fact": 0.7,
    "fact": 0.7,
    "table-row": 0.6,
    "topic": 0.6,
    "takeaway-reverse": 0.55,
    "paper-name": 0.5,
    "attribution": 0.3,
    "venue": 0.25,
    "study-type": 0.25,
    "section": 0.2,
}
DEFAULT_PRIOR = 0.5


def value(candidate: Candidate) -> float:
    return PRIOR.get(candidate.kind, DEFAULT_PRIOR) * candidate.score


def best_first(found: list[Candidate]) -> list[Candidate]:
    """Stable: cards of equal value keep note order."""
    return sorted(found, key=value, reverse=True)
