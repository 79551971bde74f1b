"""Labels, not terms: the words a note sets over its content ("Title", "**Conclusion:**",
"Advantages of …", "using the kernel"), told apart from the terms it defines."""

from __future__ import annotations

import re

from studydeck.builder import salience

_VERB = re.compile(r"\b(?:is|are|was|were|has|have|can|will|should|do|does|did|may|might)\b", re.I)
_POINTING = {"this", "that", "these", "those", "it", "its", "their", "our", "my", "your"}


# Grammar words a noun phrase does not start with: "when β ≫ 1", "if n is odd", "with noise"
_CLAUSE_START = re.compile(
    r"^(?:when|whenever|if|where|while|after|before|for|with|without|by|to|from|as|than|then|so|"
    r"because|since|via|once|unless|until|e\.g|i\.e|useful|also|and|or|but|not|no|now|so)\b",
    re.I,
)
_NUMBERED_LABEL = re.compile(r"\A[A-Za-z]++ \d++[a-z]?\Z")
_ADVERB = re.compile(r"\A[A-Za-z]++(?<=[A-Za-z]{3}ly)\Z")
# labels written in capitals ("BOOK:", "NOTE:"); a bold acronym that spells a word ("MAP",
# "SAT") is a term
_CAPITAL_LABELS = {
    "BOOK", "NOTE", "NOTES", "VIDEO", "TODO", "PAPER", "LINK", "CODE", "BLOG", "SLIDES",
    "COURSE", "TIP", "WARNING", "IMPORTANT", "TLDR", "EDIT", "UPDATE", "SUMMARY", "IDEA",
}  # fmt: skip
_LIST_HEADS = {
    "advantages", "disadvantages", "benefits", "drawbacks", "strengths", "weaknesses", "pros",
    "cons", "limitations", "steps", "examples", "reasons", "features",
}  # fmt: skip
_RELATIVES = {"where", "which", "whose", "whom", "when", "while", "if", "because"}
_TRAILING_PREPOSITIONS = {"by", "of", "to", "for", "with", "in", "on", "as", "from", "at", "into"}
# ("No free lunch theorem", "Many worlds interpretation", "Few shot learning" are names)
_QUANTIFIERS = {"each", "every", "all", "any", "several", "both"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "some", "each", "every", "its"}
COMMON_PHRASE_ZIPF = 5.0  # every word of a plain two- or three-word label at least this common
EMPHASISED_LABEL_ZIPF = 5.0
LABEL_ZIPF = 4.2  # a capitalised word this common heading a line is a label ("Title", "Aim")
PARTICIPLE_STEM_ZIPF = 3.0  # "use", "consider": the verb of a participle is a common word
RUN_IN_LABEL_ZIPF = 3.6  # "**Explanations:**" (3.8), "**Proposition:**"; not "**Soma:**" (2.9)
# a statement's label on its own: "**Corollary:** Let $P$ …" says which kind, not which one
_STATEMENT_LABELS = {"corollary", "lemma", "theorem", "proposition", "definition", "axiom", "claim"}


def is_label(term: str, *, emphasised: bool = False, run_in: bool = False) -> bool:
    """A label, not a term: it opens a clause or a symbol, or it is a word (or two) so common
    that it names a role in the note rather than a concept ("Title", "Aim", "Difficulties"); a
    word the note sets in bold ("**Adam**:") was marked as a term."""
    if _CLAUSE_START.match(term) or not term[:1].isalnum():
        return True
    words = term.split()
    if words[0].lower() in _LIST_HEADS or any(w.lower() in _RELATIVES for w in words[1:]):
        # "Advantages of Max-TDNN": a list's head; "k-max pooling where k": a clause
        return True
    inner_article = any(
        w.lower() in ("the", "a", "an") and words[i - 1].lower() not in _TRAILING_PREPOSITIONS
        for i, w in enumerate(words[1:], 1)
    )  # ("man in the middle", "speed of the light" are names)
    if inner_article:
        return True  # "bias up the paramp", "change the facts": a verb and its object
    if words[0].lower() in _QUANTIFIERS:
        return True  # "Each language is a bundle of …": a claim about every member, no term
    if any(w.lower() in ("another", "other") for w in words):
        return True  # "second optional another term": the note's own placeholder
    if len(words) >= 2 and words[0].lower() in ("example", "examples") and words[1] == "of":
        return True  # "Example of non-QND measurement": an instance follows, not a meaning
    if any(w.lower() in _POINTING for w in words):
        return True  # "input to this layer": it means something only beside "this layer"
    if _NUMBERED_LABEL.fullmatch(term) or (len(words) == 1 and _ADVERB.fullmatch(term)):
        return True  # "phase 4", "Step 2", "Intuitively"
    if len(words) >= 3 and _VERB.search(term):
        return True  # "bias up the paramp is": a clause
    if len(words) >= 2 and words[-1].lower() in _TRAILING_PREPOSITIONS:
        return True  # "methods usually differ by", "used for": a clause cut before its object
    if len(words) >= 2 and _participle(words[-1]):
        return True  # "Terminologies used", "Datasets considered": the head of a list
    first = words[0]
    if len(words) >= 2 and first.islower() and len(first) >= 6 and first.endswith(("ize", "ify")):
        return True  # "localize factual associations", "amplify $X_1$": a verb and its object
    if "$" in term and words[0].isalpha() and words[0].islower() and len(words) >= 2:
        return True  # "amplify $X_1$", "take $n$ large": an instruction over a symbol
    capitals = len(words) == 1 and term.isupper()
    if capitals and (
        term in _CAPITAL_LABELS or (not emphasised and salience.zipf(term.lower()) >= LABEL_ZIPF)
    ):
        return True  # "BOOK:", "NOTE:", "VIDEO:": a label in capitals
    if len(words) >= 2 and words[0].endswith("ing") and words[1].lower() in _DETERMINERS:
        return True  # "using the kernel", "adding a drive": a verb and its object
    plain_phrase = 2 <= len(words) <= 3 and term.islower() and term.replace(" ", "").isalpha()
    if plain_phrase and not emphasised and salience.phrase_rarity(term) >= COMMON_PHRASE_ZIPF:
        return True  # "start point", "complicated version": everyday words, a role
    if run_in and term.lower() in _STATEMENT_LABELS:
        return True
    if run_in and _NUMBERED_LABEL.fullmatch(term.split(".")[0]):
        return True  # "**Proposition 1.01:**": a numbered statement's label
    if len(words) == 1 and term[:1].isupper() and term[1:].islower():
        # bold marks a term, but "**Title**:", "**Summary**:" are labels all the same
        limit = EMPHASISED_LABEL_ZIPF if emphasised else LABEL_ZIPF
        limit = RUN_IN_LABEL_ZIPF if run_in else limit
        return salience.zipf(term.lower()) >= limit
    return False


def _participle(word: str) -> bool:
    """ "used", "considered": a verb's past participle ("seed", "hundred" are not: no verb)."""
    if not (word.islower() and word.endswith("ed")) or word.endswith("eed"):
        return False
    return max(salience.zipf(word[:-1]), salience.zipf(word[:-2])) >= PARTICIPLE_STEM_ZIPF
