"""Typed-answer grading, answer diffs and multiple-choice distractors (pure, UI-free).

``grade`` turns a typed answer into an FSRS rating with a 0–100 score and a one-word verdict;
``diff`` lists what to highlight between the typed and the expected answer; ``choose_distractors``
picks wrong-but-plausible options for a choice question from the card's own deck and kind.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from fsrs import Rating
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from studydeck.deck import Card, Deck
from studydeck.text import fold

Verdict = Literal["exact", "close", "typo", "partial", "wrong", "empty"]
SegmentKind = Literal["same", "missing", "extra", "wrong"]

# Why these rapidfuzz scorers and thresholds (on fold()-normalised text without articles; fold is
# our one normaliser, and unlike utils.default_process it also drops accents):
# - fuzz.ratio (whole answer) and fuzz.token_sort_ratio (same, word order ignored) ≥ 90 → "close":
#   one or two characters off in an answer of 10+ characters, or the same words reordered.
# - Short answers suffer under ratio ("adam"/"adan" is 75), so typos are counted as edits instead:
#   OSA distance (a swap of two letters is one edit) of at most 1 per ~8 characters, none under 4.
# - A typed answer that covers every expected word (each word fuzz.ratio ≥ 85, numbers exact) with
#   few extra words is "close"; covering at least half of the expected words is "partial". An
#   answer that lists names or terms ("Jeremy Howard and Sebastian Ruder", "Adam, SGD or RMSprop")
#   is covered item by item: each item is a part, "and"/"or" between items are not words to
#   recall, and holding at least half of any one part is "partial" — so any correct subset of the
#   items (a whole name, or every surname) is partial. Any other answer is one part. A
#   token-coverage count is used rather than token_set_ratio or partial_ratio: both score 100 as
#   soon as one answer is contained in the other ("attention" vs "multi-head attention"), which
#   cannot tell a complete answer from a fragment. WRatio mixes partial matching in for the same
#   reason and is left out.
# - Numbers and math must match exactly (after dropping spaces and braces): "GPT-2" for "GPT-3"
#   scores 80 by ratio but is wrong.
CLOSE = 90
WORD_MATCH = 85
PARTIAL_COVERAGE = 0.5
MAX_ITEM_WORDS = 3  # list items are names and terms ("Sebastian Ruder", "RMSprop"), not clauses
NEAR_DUPLICATE = 85  # distractors this similar to the right answer (or to each other) are out

_ARTICLES = frozenset({"a", "an", "the"})
_CONNECTIVES = frozenset({"and", "or"})
_LIST_SEPARATOR = re.compile(r"[,;](?=\s|$)|&|\s(?:and|or)\s", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_MATH_SPAN = re.compile(r"\$\$?([^$]+)\$\$?")
_MATH_NOISE = re.compile(r"\\left|\\right|\\[,;!]|[\s{}$\\]")

# Easy needs a fast answer: a few seconds to recall, plus typing at ~4 characters a second.
_EASY_BASE_S = 3.0
_EASY_PER_CHAR_S = 0.25

# Each verdict keeps its score inside its own band, so the number and the word never disagree.
_BANDS: dict[str, tuple[int, int]] = {
    "exact": (100, 100),
    "close": (85, 99),
    "typo": (70, 95),
    "partial": (40, 84),
    "wrong": (0, 39),
    "empty": (0, 0),
}


@dataclass(frozen=True, slots=True)
class Grade:
    rating: Rating
    score: int  # 0–100
    verdict: Verdict


class Segment(NamedTuple):
    """A piece of a diff. Joining the "same" and "missing" texts gives the expected answer;
    joining "same", "extra" and "wrong" gives the typed one (up to case and accents)."""

    text: str
    kind: SegmentKind


# ── grading ────────────────────────────────────────────────────────────────────


def answer_words(text: str) -> list[str]:
    """The words that count when comparing answers: folded, no ``$``, no articles."""
    words = fold(_NUMBER.sub(_normal_number, text)).replace("$", " ").split()
    kept = [w for w in words if w not in _ARTICLES]
    return kept or words  # an answer that is only an article ("A") keeps it


def answer_parts(text: str) -> list[list[str]]:
    """The parts an answer is covered by, as :func:`answer_words`: the items of a list of names
    or terms (split at commas, semicolons, "&", "and", "or"), else the whole answer as one part."""
    if "$" not in text:  # a comma inside math separates no items
        items = [words for words in map(answer_words, _LIST_SEPARATOR.split(text)) if words]
        if len(items) > 1 and all(len(words) <= MAX_ITEM_WORDS for words in items):
            return items
    return [answer_words(text)]


def grade(typed: str, expected: str, elapsed_s: float | None = None) -> Grade:
    """Grade a typed answer against the expected one; ``elapsed_s`` lets a fast answer be Easy."""
    typed_words, expected_words = answer_words(typed), answer_words(expected)
    if not typed_words:
        return _grade("empty", 0)
    if not expected_words:  # nothing to match (a deck would not hold such a card)
        return _grade("wrong", 0)
    if typed_words == expected_words:
        verdict, score = "exact", 100
    else:
        verdict, score = _compare(typed_words, expected_words, answer_parts(expected))
    if verdict in ("exact", "close", "typo"):
        if _exact_parts_conflict(typed, expected):
            verdict, score = "wrong", min(score, 39)
        elif _numbers(expected) - _numbers(typed):  # a number left out, none wrong
            verdict, score = "partial", min(score, 84)
    fast = elapsed_s is not None and elapsed_s <= _EASY_BASE_S + _EASY_PER_CHAR_S * len(
        " ".join(expected_words)
    )
    return _grade(verdict, score, fast=fast)


def _compare(
    typed_words: list[str], expected_words: list[str], parts: list[list[str]]
) -> tuple[Verdict, float]:
    typed_text, expected_text = " ".join(typed_words), " ".join(expected_words)
    similarity = max(
        fuzz.ratio(typed_text, expected_text), fuzz.token_sort_ratio(typed_text, expected_text)
    )
    if sorted(typed_words) == sorted(expected_words):
        return "close", 100
    if not _item_left_out(typed_words, parts):  # a list missing an item is at most partial
        edits = min(
            OSA.distance(typed_text, expected_text),
            OSA.distance(" ".join(sorted(typed_words)), " ".join(sorted(expected_words))),
        )
        if edits <= _typo_allowance(expected_text):
            return "typo", max(similarity, 100 - 10 * edits)
        if similarity >= CLOSE:
            return "close", similarity
    return _by_coverage(typed_words, parts, similarity)


def _by_coverage(
    typed_words: list[str], parts: list[list[str]], similarity: float
) -> tuple[Verdict, float]:
    if len(parts) > 1:  # "and"/"or" between the items of a list are not words to recall
        typed_words = [w for w in typed_words if w not in _CONNECTIVES]
    held = _coverage(typed_words, parts)
    if held.share == 1 and held.extra <= max(1, sum(map(len, parts)) // 2):
        if held.fuzzy:  # every word there, some misspelt beyond the typo allowance
            return "typo", similarity
        return "close", 100 - 5 * held.extra
    if max(held.shares) >= PARTIAL_COVERAGE and _words_matched(typed_words, parts):
        return "partial", max(similarity, 100 * held.share - 10 * held.extra)
    return "wrong", similarity


def _item_left_out(typed_words: list[str], parts: list[list[str]]) -> bool:
    """Whether a list answer has an item none of whose words was typed, even misspelt (within
    the word's typo allowance). Similar letters elsewhere must not make up for a missing item:
    "Adam, SGD and RMSprop" without "SGD" is 80% of the characters but two thirds of the list."""
    if len(parts) < 2:
        return False
    return any(
        all(OSA.distance(word, t) > _typo_allowance(word) for word in part for t in typed_words)
        for part in parts
    )


def _words_matched(typed_words: list[str], parts: list[list[str]]) -> bool:
    """False when the expected answer has words (not just numbers) and the typed one matches
    none of them: "NeurIPS 2024" for "ICLR 2024" gets only the year right, so it is wrong."""
    words = [w for part in parts for w in part if not _NUMBER.fullmatch(w)]
    if not words:
        return True
    typed = [w for w in typed_words if not _NUMBER.fullmatch(w)]
    return _coverage(typed, [words]).share > 0


def _typo_allowance(expected_text: str) -> int:
    """Edits still counted as a typo: none in very short answers, then about one per 8 chars."""
    length = len(expected_text)
    return 0 if length < 4 else max(1, length // 8)


class Coverage(NamedTuple):
    shares: list[float]  # per part of the expected answer, the share of its words held
    fuzzy: int  # expected words held only misspelt
    extra: int  # typed words that hold no expected word

    @property
    def share(self) -> float:
        """The whole answer's share: each part weighs the same (a name as much as a name)."""
        return sum(self.shares) / len(self.shares)


def _coverage(typed_words: list[str], parts: list[list[str]]) -> Coverage:
    """How much of each part the typed words hold: exact words first (so a misspelt match never
    takes a word that another expected word holds exactly), then misspelt ones. Numbers and
    words under 4 letters count only when exact."""
    remaining = list(typed_words)
    held = [[_take_exact(word, remaining) for word in part] for part in parts]
    fuzzy = 0
    for part, flags in zip(parts, held, strict=True):
        for i, word in enumerate(part):
            if flags[i] or word.isdigit() or len(word) < 4:
                continue
            found = process.extractOne(word, remaining, scorer=fuzz.ratio, score_cutoff=WORD_MATCH)
            if found:
                flags[i] = True
                fuzzy += 1
                remaining.remove(found[0])
    shares = [sum(flags) / len(flags) for flags in held]
    return Coverage(shares, fuzzy, len(remaining))


def _take_exact(word: str, remaining: list[str]) -> bool:
    """Whether ``remaining`` holds ``word``; if so it is taken out (a typed word counts once)."""
    if word not in remaining:
        return False
    remaining.remove(word)
    return True


def _exact_parts_conflict(typed: str, expected: str) -> bool:
    """True when numbers or math differ, which fuzzy similarity would wave through."""
    if _numbers(typed) - _numbers(expected):  # a number the expected answer does not hold
        return True
    expected_math = _math(expected)
    if not expected_math:
        return False
    typed_math = _math(typed)
    if not typed_math and _MATH_SPAN.fullmatch(expected.strip()):
        typed_math = [_MATH_NOISE.sub("", typed)]  # an all-math answer typed without the $…$
    return bool(typed_math) and sorted(typed_math) != sorted(expected_math)


def _numbers(text: str) -> Counter[str]:
    return Counter(_normal_number(match) for match in _NUMBER.finditer(text))


def _normal_number(match: re.Match[str]) -> str:
    """``1,000`` → ``1000``, ``0,50`` → ``0.5``, ``007`` → ``7``: one spelling per value."""
    number = match.group()
    number = number.replace(",", "") if _THOUSANDS.fullmatch(number) else number
    whole, _, fraction = number.replace(",", ".").partition(".")
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _math(text: str) -> list[str]:
    return [_MATH_NOISE.sub("", span) for span in _MATH_SPAN.findall(text)]


def _grade(verdict: Verdict, score: float, *, fast: bool = False) -> Grade:
    low, high = _BANDS[verdict]
    score = min(max(round(score), low), high)
    if verdict in ("exact", "close"):
        rating = Rating.Easy if fast else Rating.Good
    elif verdict == "typo":
        rating = Rating.Good if score >= CLOSE else Rating.Hard
    elif verdict == "partial":
        rating = Rating.Hard
    else:
        rating = Rating.Again
    return Grade(rating=rating, score=score, verdict=verdict)


# ── diff ───────────────────────────────────────────────────────────────────────


def diff(typed: str, expected: str) -> list[Segment]:
    """Word-then-character diff of the typed answer against the expected one.

    Case, accents and punctuation between words are ignored, as in grading. Words are aligned
    first; a word replaced by a similar one (a typo) is diffed letter by letter, other replaced
    stretches are shown whole: the typed text as "wrong", then the expected text as "missing".
    """
    typed_tokens, expected_tokens = _TOKEN.findall(typed), _TOKEN.findall(expected)
    segments: list[Segment] = []
    for op in Levenshtein.opcodes(_token_keys(typed_tokens), _token_keys(expected_tokens)):
        typed_part = "".join(typed_tokens[op.src_start : op.src_end])
        expected_part = "".join(expected_tokens[op.dest_start : op.dest_end])
        if op.tag == "equal":
            segments.append(Segment(expected_part, "same"))
        elif op.tag == "replace" and fuzz.ratio(fold(typed_part), fold(expected_part)) >= 60:
            segments.extend(_char_diff(typed_part, expected_part))
        else:
            if typed_part:
                segments.append(Segment(typed_part, "wrong" if expected_part else "extra"))
            if expected_part:
                segments.append(Segment(expected_part, "missing"))
    return _merge_runs(segments)


_TOKEN = re.compile(r"\w+|\W+")


def _token_keys(tokens: list[str]) -> list[str]:
    """Words compare folded; separators that are only spaces and punctuation all compare equal."""
    return [fold(token) or " " for token in tokens]


def _char_diff(typed: str, expected: str) -> list[Segment]:
    keys = [[fold(ch) or ch for ch in text] for text in (typed, expected)]
    segments = []
    for op in Levenshtein.opcodes(*keys):
        typed_part = typed[op.src_start : op.src_end]
        expected_part = expected[op.dest_start : op.dest_end]
        if op.tag == "equal":
            segments.append(Segment(expected_part, "same"))
            continue
        if typed_part:
            segments.append(Segment(typed_part, "wrong" if expected_part else "extra"))
        if expected_part:
            segments.append(Segment(expected_part, "missing"))
    return segments


def _merge_runs(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of the same kind become one."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(merged[-1].text + segment.text, segment.kind)
        else:
            merged.append(segment)
    return merged


# ── distractors ────────────────────────────────────────────────────────────────


def choose_distractors(
    card: Card, deck: Deck, k: int = 3, rng: random.Random | None = None
) -> list[str]:
    """Up to ``k`` wrong answers for a choice question about ``card``, from ``deck``.

    Candidates are answers of the deck's other active cards of the same kind; answers equal or
    near-equal to the right one (or to a distractor already chosen) are out, and answers of a
    similar length and shape come first. ``rng`` only breaks ties among equally plausible
    answers, so the choice is deterministic for a given seed (by default: the card id). Fewer
    than ``k`` means the deck has too few; the caller then asks for a typed answer instead.
    """
    rng = rng if rng is not None else random.Random(card.id)
    right = " ".join(answer_words(card.answer))
    candidates = _unique_answers(
        c.answer for c in deck.cards if c.kind == card.kind and c.id != card.id
    )
    rng.shuffle(candidates)
    chosen: list[str] = []
    chosen_words: list[str] = []
    for answer, words in _rank(card.answer, right, candidates):
        if any(_near_duplicate(words, other) for other in chosen_words):
            continue
        chosen.append(answer)
        chosen_words.append(words)
        if len(chosen) == k:
            break
    return chosen


def why_too_few_distractors(card: Card, deck: Deck, k: int = 3) -> str:
    """Why :func:`choose_distractors` found fewer than ``k``, in words for the learner."""
    right = " ".join(answer_words(card.answer))
    candidates = _unique_answers(
        c.answer for c in deck.cards if c.kind == card.kind and c.id != card.id
    )
    if len(candidates) < k:
        return f"only {len(candidates)} other answer(s) of this kind in this deck"
    similar = sum(_near_duplicate(words, right) for _, words in candidates)
    unlike = sum(
        _plausibility(card.answer, answer, 0) is None
        for answer, words in candidates
        if not _near_duplicate(words, right)
    )
    if len(candidates) - similar < k and similar >= unlike:
        return f"{similar} of the {len(candidates)} other answers are too similar to this one"
    if len(candidates) - similar - unlike < k:
        return (
            f"{unlike} of the {len(candidates)} other answers are far shorter or longer "
            "(a give-away)"
        )
    return "the other answers are too similar to each other"


def _rank(
    right_answer: str, right_words: str, candidates: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``(answer, words)`` candidates by plausibility (a stable sort: the shuffle breaks ties)."""
    tiers = []
    for answer, words in candidates:
        if _near_duplicate(words, right_words):
            continue
        tier = _plausibility(right_answer, answer, fuzz.ratio(words, right_words))
        if tier is not None:
            tiers.append((tier, (answer, words)))
    tiers.sort(key=lambda pair: pair[0])
    return [candidate for _, candidate in tiers]


def _plausibility(right: str, candidate: str, similarity: float) -> int | None:
    """0 = same shape and length, similar but not too similar; 1 = length within 3×;
    2 = within 4×; None = a give-away (a one-word answer among sentences)."""
    short, long = sorted((len(right), len(candidate)))
    stretch = long / max(short, 1)
    if stretch > 4:
        return None
    if stretch <= 2 and _shape(right) == _shape(candidate) and 25 <= similarity < NEAR_DUPLICATE:
        return 0
    return 1 if stretch <= 3 else 2


def _shape(answer: str) -> tuple[bool, bool, int]:
    """Math or not, a number or not, and a rough size: one word, a phrase, a sentence."""
    words = len(answer.split())
    size = 0 if words == 1 else 1 if words <= 4 else 2
    return "$" in answer, bool(_NUMBER.fullmatch(answer.strip())), size


def _near_duplicate(a: str, b: str) -> bool:
    # token_set_ratio is 100 when one answer's words contain the other's: "Adam" vs "Adam with
    # warmup" is too close to be a fair wrong option.
    return (
        fuzz.ratio(a, b) >= NEAR_DUPLICATE
        or fuzz.token_sort_ratio(a, b) >= NEAR_DUPLICATE
        or fuzz.token_set_ratio(a, b) >= NEAR_DUPLICATE
    )


def _unique_answers(answers: Iterable[str]) -> list[tuple[str, str]]:
    """``(answer, its words)`` with repeats (after folding) and empty answers left out."""
    unique: dict[str, str] = {}
    for answer in answers:
        words = " ".join(answer_words(answer))
        if words:
            unique.setdefault(words, answer)
    return [(answer, words) for words, answer in unique.items()]
