"""Whether a blank is given away by the sentence around it or by the card's subject: a twin
symbol (F_0 beside F_1), a word of the same stem, the subject's words, an expansion beside an
acronym, the other members of its list. The fact rule asks these of every span it weighs."""

from __future__ import annotations

import re

from studydeck.builder import blanks, salience
from studydeck.text import fold

_WORD = re.compile(r"(?<![\w'’-])[A-Za-z][\w'’-]*+")
_LIST_NEIGHBOUR = re.compile(r"(?<!\s)\s*+(?:,|\band\b|\bor\b|/|;|&)\s*+(?:and\s++|or\s++)?")
KIN_PREFIX, KIN_SHARE, LONG_KIN = 4, 0.6, 6


def twin_in(sentence: str, start: int, end: int) -> bool:
    """Another token of the sentence is the span with one digit changed (F_0 / F_1, C3 / C4)."""
    text = sentence[start:end].strip("$ ")
    if not any(c.isdigit() for c in text):
        return False
    rest = sentence[:start] + " " + sentence[end:]
    for other in re.findall(r"[\w\\{}^]+", rest.replace("$", " ")):
        if len(other) == len(text) and other != text:
            diff = [(a, b) for a, b in zip(other, text, strict=True) if a != b]
            if len(diff) == 1 and diff[0][0].isdigit() and diff[0][1].isdigit():
                return True
    return False


def shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def kin_in(answer: str, rest: str) -> bool:
    """A one-word answer that shares its stem with a word around it: a common start of four
    letters or more, most of the shorter word ("noise" beside "noisy", "diskette" beside
    "disks")."""
    if " " in answer:
        # "… learns to steer" → steering decisions; "low resolution … ___" → high resolution:
        # its first word's kin, or any of its words said again ("balanced assignment" beside
        # "assigns" still asks for "balanced")
        said = {w.lower() for w in _WORD.findall(rest)}
        first = answer.split()[0]
        return kin_in(first, rest) or any(
            w.lower() in said for w in answer.split() if len(w) > KIN_PREFIX
        )
    if len(answer) < KIN_PREFIX:
        return False
    key = answer.lower()
    stem = key[:KIN_PREFIX]  # kin starts the same way: other words need no letter-by-letter look
    opposites = _opposites(key)
    for word in _WORD.findall(rest):
        word = word.lower()
        if word in opposites:
            return True  # "Central, ___" → noncentral: the word's opposite, by its prefix
        if not word.startswith(stem):
            continue
        shared, shorter = shared_start(key, word), min(len(key), len(word))
        # "noise"/"noisy", "diskette"/"disks"; not "convex"/"converges" (two long words
        # sharing four letters)
        enough = KIN_PREFIX + 1 if shorter >= LONG_KIN else KIN_PREFIX
        if shared >= enough and shared >= KIN_SHARE * shorter:
            return True
    return False


_NEGATING = ("non-", "non", "un", "in", "im", "ir", "il", "dis", "anti")


def _opposites(word: str) -> set[str]:
    """ "central" → noncentral, uncentral, …; "noncentral" → central: the word with a negating
    prefix added or taken off."""
    found = {p + word for p in _NEGATING}
    found.update(
        word[len(p) :] for p in _NEGATING if word.startswith(p) and len(word) - len(p) >= KIN_PREFIX
    )
    return found


def named_in(key: str, avoid: str) -> bool:
    """A word of the answer (four letters or more, plural or not) is in the subject or the
    headings: "Temporal Cues" gives "temporal information" away."""
    named = {w.rstrip("s") for w in avoid.split()}
    return f" {key} " in f" {avoid} " or any(
        w.rstrip("s") in named for w in key.split() if len(w) >= 4
    )


_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")
LONG_PART = 4  # a compound's part this long is found inside a heading's word ("hypernetworks")


def compound_in(text: str, avoid: str) -> bool:
    """A compound name whose every part the subject or the headings say: "HyperRNNs" under
    "HyperNetworks for RNNs". A short part ("Net") must be a whole word there."""
    parts = [fold(p).rstrip("s") for p in _CAMEL_BREAK.split(text)]
    if len(parts) < 2 or not all(parts):
        return False
    words = {w.rstrip("s") for w in avoid.split()}
    return all(p in avoid if len(p) >= LONG_PART else p in words for p in parts)


def part_of_compound(text: str, rest: str) -> bool:
    """The blank is a part of a compound name the sentence says: "GameGAN … using ___" → GANs."""
    key = fold(text).rstrip("s")
    if len(key) < 3 or " " in key:
        return False
    for word in _WORD.findall(rest):
        parts = _CAMEL_BREAK.split(word)
        if len(parts) >= 2 and any(fold(p).rstrip("s") == key for p in parts):
            return True
    return False


def spelled_out(sentence: str, start: int, end: int, avoid: str = "") -> bool:
    """The span in parentheses beside its expansion, or an acronym of the words before it."""
    if sentence[start - 1 : start] == "(" and sentence[end : end + 1] == ")":
        return True
    text = sentence[start:end]
    letters = "".join(c for c in text if c.isupper())
    if 2 <= len(letters) <= 6 and len(text) <= 8 and text[:1].isupper():
        # "VS" after "visible spectrum", "FaB" beside "Fast Byzantine" (also in the subject)
        words = [w[0].upper() for w in re.findall(r"[A-Za-z][\w-]*", f"{avoid} {sentence[:start]}")]
        if letters in "".join(words):
            return True
        after = sentence[end:].lstrip()
        if after.startswith("("):
            inner = re.findall(
                r"[A-Za-z][\w-]*", after[1 : after.find(")") if ")" in after else 60]
            )
            if inner and "".join(w[0] for w in inner).upper().startswith(text[:2].upper()):
                return True
    return False


# what follows "___, " when it opens a clause or an appositive, not the blank's neighbour in a
# list: "___, not countries", "___, which …", "___, a quarter period apart" ("___, i.e. …" and
# "___, that is, …" stay refused: what follows says the blank again; "___, as well as …" lists)
_CLAUSE_AFTER = re.compile(
    r"(?:not|rather than|instead of|but|which|where|who|whose|when|while|whereas|because|since|"
    r"so|though|although|if|a|an|we|it|they|thus|hence|unlike)\s"
)
_PAIR_OPENER = re.compile(r"\b(?:both|either|neither|between)\s++\Z", re.I)
_PAIR_JOIN = re.compile(r"(?<!\s)\s++(?:and|or|nor)\s")


def in_list(sentence: str, start: int, end: int) -> bool:
    """One of "A, B and C": its neighbours in the list would hint at it, and which one is
    blanked is guesswork."""
    if blanks.in_long_list(sentence, start, end):
        return True
    if _PAIR_OPENER.search(sentence, max(0, start - 9), start) and _PAIR_JOIN.match(sentence, end):
        return True  # "both ___ and denominator": the other half of a pair names it
    after = _LIST_NEIGHBOUR.match(sentence, end)
    if after and _CLAUSE_AFTER.match(sentence, after.end()):
        after = None  # "about differences in ___, not countries": the other side, no list
    if after and after.group().strip() and after.end() < len(sentence):
        nxt = sentence[after.end() : after.end() + 1]
        if nxt[:1].isalnum() or nxt == "$":
            kind_after = sentence[after.end()].isupper() == sentence[start].isupper()
            if kind_after and "," in after.group() + sentence[end : end + 2]:
                return True
            if kind_after and sentence[start].isupper():
                return True
    before = sentence[:start].rstrip()
    if before.endswith((",", " and", " or", "/", "&")):
        prev = before.rstrip(",/&").rsplit(maxsplit=2)
        word = prev[-1] if prev else ""
        if word in ("and", "or") and len(prev) > 1:
            word = prev[-2]
        return bool(word) and word[:1].isupper() == sentence[start].isupper()
    return False


RESTATED_SHARE = 0.65  # of a summary's content words, found in the title it summarises
CONTENT_ZIPF = 5.5  # words this common ("make", "better", "with") carry no content


def restates(summary: str, title: str) -> bool:
    """The summary says again what the title says: two thirds of its content words, two at
    least, are the title's ("Improving … Codex via Automated Program Repair" → "use automated
    program repair to tweak codex outputs"); blind judges found it given away."""
    said = _content_words(summary)
    shared = said & _content_words(title)
    return len(shared) >= 2 and len(shared) >= RESTATED_SHARE * len(said)


def _content_words(text: str) -> set[str]:
    return {
        w.rstrip("s") for w in fold(text).split() if len(w) >= 4 and salience.zipf(w) < CONTENT_ZIPF
    }


_ACRONYM_AFTER = re.compile(r" ?\(([A-Z][A-Za-z0-9-]{1,9})\)")
_WORD_PART = re.compile(r"[A-Z]?[a-z]++|[A-Z0-9]+(?![a-z])")


def in_expansion(sentence: str, start: int, end: int) -> bool:
    """ "deep ___ neural networks (DCNN)": the blank is a word of a name whose acronym follows
    it, and the acronym's letter for it gives it away."""
    after = sentence[end : end + EXPANSION_REACH]
    opened = after.find("(")
    closed = after.find(")", opened + 1)
    if opened < 0 or closed < 0 or len(after[:opened].split()) >= EXPANSION_WORDS:
        return False
    capitals = [c for c in after[opened + 1 : closed] if c.isupper()]
    if not _ACRONYM.fullmatch(after[opened + 1 : closed]) or len(capitals) < 2:
        return False
    named = _NAME_WORD.findall(sentence[:end] + after[:opened])[-len(capitals) :]
    blanked = len(_NAME_WORD.findall(sentence[start : end + opened]))  # the blank and the rest
    initials = [w[0].upper() for w in named]
    return initials == capitals and blanked <= len(capitals)


EXPANSION_REACH = 80  # characters after the blank where its acronym may close the name
EXPANSION_WORDS = 5  # words between the blank and the acronym, at most (one fewer)
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,7}")
_NAME_WORD = re.compile(r"[A-Za-z][\w-]*+")


def wider_acronym_after(sentence: str, end: int, text: str) -> bool:
    """ "trained model (FCLN)": the acronym after the blank has more capitals than the blank
    has words (or CamelCase parts), so the blank is only part of the name it abbreviates;
    "EdgeBox (EB)" is whole."""
    found = _ACRONYM_AFTER.match(sentence, end)
    if found is None:
        return False
    capitals = sum(1 for c in found.group(1) if c.isupper())
    return capitals > len(_WORD_PART.findall(text))
