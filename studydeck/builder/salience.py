"""How much a span of a sentence is worth blanking, from evidence in the text itself: the note's
own emphasis and defined terms, capitalised names, technical tokens, numbers with their unit,
math, and how rare a word is in English (``wordfreq``). One place, so the weights are tuned
together."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import top_n_list, zipf_frequency

# Zipf scale: 7 is "the", 5 "result", 4 "formula", 3 "entropy", 2 "decoherence", 0 unknown.
COMMON_ZIPF = 4.6  # a word this frequent is guessable from the sentence around it
RARE_ZIPF = 3.4  # below this a plain word is a term of the field
# The weight of each kind of evidence (a span's score before the rarity bonus).
WEIGHTS = {
    "emphasis": 3.6,  # the note's author bolded or italicised it: their own choice of term
    "defined": 3.0,  # the note defines it elsewhere
    "name": 2.6,  # capitalised words mid-sentence: a method, model, person, place
    "technical": 2.6,  # acronym, CamelCase, digits inside a word: BLEU, ResNet-50, GPT-3
    # below MIN_SCORE: blind judges marked every blanked number trivia ("drove ___ million
    # miles", "a vector of length ___", "___ train images"); a number is never the blank
    "number": 2.0,
    "math": 1.8,  # below MIN_SCORE: a blanked formula in a sentence is rarely recallable
    "topical": 2.2,  # a word (or pair) the note keeps using that English seldom does
    "rare": 1.9,  # a rare plain word; + up to 1 for rarity (zipf below ~2.5 reaches MIN_SCORE)
}
MIN_SCORE = 2.2  # a fact card's best span must reach this


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    evidence: str
    score: float


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word (or phrase) is in English, 0–8; unknown words are 0."""
    return zipf_frequency(word, "en")


FUNCTION_WORD_ZIPF = 5.8  # "the", "and", "for", "of": words that carry no content


def function_word(word: str) -> bool:
    return zipf(word) >= FUNCTION_WORD_ZIPF


def common_word(word: str) -> bool:
    return zipf(word.lower()) >= COMMON_ZIPF


def phrase_rarity(phrase: str) -> float:
    """The rarest word's zipf value: "naive method" → 3.8 (a label), "master equation" → 3.2."""
    words = re.findall(r"[A-Za-z]{3,}", phrase)
    return min((zipf(w.lower()) for w in words), default=8.0)


def rarity_bonus(word: str) -> float:
    """0 at RARE_ZIPF, 1 for a word English never uses (a coinage, a name)."""
    value = zipf(word.lower())
    return max(0.0, min(1.0, (RARE_ZIPF - value) / RARE_ZIPF))


def score(evidence: str, text: str) -> float:
    bonus = rarity_bonus(text) if " " not in text else 0.0
    return WEIGHTS[evidence] + (bonus if evidence == "rare" else bonus / 2)


TYPO_ZIPF = 2.5  # a word this rare one edit away from a common word is a misspelling of it
COMMON_VOCABULARY = 25_000  # wordfreq's top words, about zipf 4 and above
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def _common_vocabulary() -> frozenset[str]:
    return frozenset(top_n_list("en", COMMON_VOCABULARY))


@lru_cache(maxsize=16384)
def likely_typo(word: str) -> bool:
    """ "usualy", "challange": a rare word that one inserted, swapped or replaced letter turns into
    a common one, or one of a doubled letter deleted ("interacttions")."""
    word = word.lower()
    if zipf(word) >= TYPO_ZIPF or len(word) < 5:
        return False
    common = _common_vocabulary()
    if any(
        word[i] == word[i - 1] and word[:i] + word[i + 1 :] in common for i in range(1, len(word))
    ):
        return True  # "interacttions", "beelow": a doubled letter (not "qubit" → "quit")
    if _run_together(word):
        return False  # "subnet", "backprop": two words run together, not a slip
    for i in range(len(word) + 1):
        for c in _LETTERS:
            if word[:i] + c + word[i:] in common:
                return True
            if i < len(word) and c != word[i] and word[:i] + c + word[i + 1 :] in common:
                return True
        if i < len(word) - 1:
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped != word and swapped in common:
                return True
    return slip_of_rare_word(word) is not None


def _run_together(word: str) -> bool:
    common = _common_vocabulary()
    return any(word[:i] in common and word[i:] in common for i in range(3, len(word) - 2))


SLIP_MIN_LETTERS = 7
KNOWN_ZIPF = 1.5  # "seigniorage" (1.7): rare, but a word English writes


def slip_of_rare_word(word: str) -> str | None:
    """The word a slip was meant to be, for a word English never writes (zipf 0): one letter
    too many or two letters swapped away from a rare word it does ("seignoiorage" →
    seigniorage, "steoreo" → stereo). A prefix on a word ("debiasing": de + biasing) is none."""
    word = word.lower()
    if len(word) < SLIP_MIN_LETTERS or not word.isalpha() or zipf(word) > 0:
        return None
    if any(zipf(word[:i]) >= COMMON_ZIPF and zipf(word[i:]) >= KNOWN_ZIPF for i in (2, 3, 4)):
        return None
    # the last letter stays: "cnns", "gans" are plurals of names, not slips
    for i in range(1, len(word) - 1):
        if zipf(word[:i] + word[i + 1 :]) >= KNOWN_ZIPF:
            return word[:i] + word[i + 1 :]
    return next((s for s in _swaps(word) if zipf(s) >= KNOWN_ZIPF), None)


def _swaps(word: str) -> Iterator[str]:
    """The word with two neighbouring letters swapped, each way that changes it."""
    for i in range(len(word) - 1):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if swapped != word:
            yield swapped


SLIP_TARGET_ZIPF = 6.8  # "the", "and", "with": words typed so often that a swap is a slip


@lru_cache(maxsize=4096)
def short_slip(word: str) -> bool:
    """ "teh", "adn", "hte": a short word two swapped letters away from one of the commonest."""
    if not 3 <= len(word) <= 4 or zipf(word) >= 3.5:
        return False
    return any(zipf(s) >= SLIP_TARGET_ZIPF for s in _swaps(word))


SCRAMBLE_MIN_LETTERS = 7


@lru_cache(maxsize=1)
def _common_by_letters() -> frozenset[str]:
    return frozenset("".join(sorted(w)) for w in _common_vocabulary() if len(w) >= 6)


@lru_cache(maxsize=4096)
def scrambled(word: str) -> bool:
    """ "deomsetcially" (domestically), "wihtin": a word English never writes whose letters,
    one stray letter aside, are a common word's in another order — typed in a hurry."""
    word = word.lower()
    if len(word) < SCRAMBLE_MIN_LETTERS or zipf(word) > 0 or not word.isalpha():
        return False
    if _run_together(word):
        return False  # "airbridge", "slotline": two words, whatever they are an anagram of
    letters = "".join(sorted(word))
    common = _common_by_letters()
    return letters in common or any(
        letters[:i] + letters[i + 1 :] in common for i in range(len(letters))
    )
