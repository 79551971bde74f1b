"""The quality gate: every card the builder emits passes it; rejects are reported with a reason."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from studydeck.builder import salience
from studydeck.deck import CLOZE
from studydeck.text import fold, search_holding

_RESIDUE = re.compile(r"\]\(|\[\[|\*\*|\{:|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|\x00|\x01")
_URL = re.compile(r"(?i:https?://|www\.|\b[\w-]+\.(?:com|org|net|io|ai|pub|edu)/\S)")
# UTF-8 read as Mac Roman (‚Äô, Äú, √©, Œ±, üìå) or as Windows-1252 (Ã©, â€™); U+FFFD
_MOJIBAKE = re.compile(
    "[\ufffd]|‚Ä|Ä[ôùúîì¶¢]|√[©®†°§∂º¥ü±]|Œ[±≤≥¥µª∏]|œ[Ä]|ü[ìòôöõ§ë]|Ã[\u0080-\u00bf]|â€"
)
# "this concept" in a lone card points at nothing (GShard "applies this concept to …")
_UNRESOLVED = re.compile(
    r"(?i:\b(?:this|that|these|the same) (?:paper|work|study|article|concept|approach|method|"
    r"model|technique|idea|framework|line of work|papers|methods|approaches|ideas)\b"
    r"|\bthe (?:paper|work) above\b|\b(?:the )?above (?:paper|method|approach)\b)"
)
_CHECKS = (
    (_RESIDUE, "markdown or HTML residue"),
    (_URL, "URL"),
    (_MOJIBAKE, "mojibake"),
    (_UNRESOLVED, "unresolved 'this paper/concept/method'"),
)


def _checks_worth_running(text: str):
    """Substring tests (C speed) rule most checks out before any regex runs."""
    if (
        "](" in text
        or "[[" in text
        or "**" in text
        or "{:" in text
        or "<" in text
        or "\x00" in text
    ):
        yield _CHECKS[0]
    lowered = text.lower()
    if "://" in text or "www." in lowered or "/" in text:
        yield _CHECKS[1]
    if not text.isascii():
        yield _CHECKS[2]
    if (
        "this " in lowered
        or "that " in lowered
        or "these " in lowered
        or "same " in lowered
        or "above" in lowered
        or "the paper" in lowered
        or "the work" in lowered
    ):
        yield _CHECKS[3]


_TRIVIAL = {
    "yes", "no", "none", "n a", "na", "todo", "tbd", "etc", "see above", "see below", "above",
    "below", "this", "that", "it", "they", "same", "other", "others", "misc", "various", "here",
    "true", "false", "ok", "x", "link", "paper", "code", "slides",
}  # fmt: skip
_STOPWORDS = {"a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "is", "are", "by"}
MAX_WORDS = 60


def words(text: str) -> int:
    return len(text.split())


def math_is_whole(text: str) -> bool:
    """Every ``$`` and ``$$`` opened is closed (escaped ``\\$`` does not count)."""
    unescaped = re.sub(r"\\\$", "", text)
    doubles = unescaped.count("$$")
    singles = unescaped.replace("$$", "").count("$")
    return doubles % 2 == 0 and singles % 2 == 0


def quotes_balanced(text: str) -> bool:
    """``"`` paired, and as many ``“`` as ``”`` (a cut quotation reads as noise)."""
    if '"' in text and text.count('"') % 2:
        return False
    return ("“" not in text and "”" not in text) or text.count("“") == text.count("”")


_MATH_SPAN = re.compile(r"\$\$[^$]*+\$\$|\$[^$\n]*+\$")  # "$[a, b)$" is no cut bracket


def brackets_balanced(text: str) -> bool:
    """As many "(" as ")" and "[" as "]": a link or an aside cut in two reads as noise."""
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}+(?![\w'’-])")  # not names, acronyms or parts
MAX_MISSPELT = 2  # a slip is readable; this many in one answer reads as garbled


# a digit run's start, then its words (the digit first: a pattern that opens on a lookbehind is
# tried at every character, one that opens on \d only where a digit is)
_DIGIT_WORD = re.compile(r"\d(?<![\w.,]\d)\d*+([a-z]{2,}+)(?![\w-])")
GLUED_WORD_ZIPF = 5.5  # "is", "and", "the": the words a footnote mark lands on


def _glued_digit(text: str) -> bool:
    """A footnote or line number glued to a common word ("3is", "2the"), not a unit ("3rd",
    "10ms", "2x")."""
    return any(salience.zipf(m.group(1)) >= GLUED_WORD_ZIPF for m in _DIGIT_WORD.finditer(text))


# a sentence does not end on these: the note (or a copy) stopped mid-sentence ("… fixes this.",
# "… designed for." end well)
_CUT_AFTER = frozenset(
    {"a", "an", "the", "of", "by", "and", "or", "but", "certain", "its", "their"}
)
_LAST_WORD = re.compile(r"(?<![\w'’-])([a-z]++)[\s.]*+\Z")


@lru_cache(maxsize=16384)
def _misspelt(word: str) -> bool:
    """A slip of any kind: one cache look-up per word of every card, not three."""
    return salience.likely_typo(word) or salience.short_slip(word) or salience.scrambled(word)


_GOES_ON = re.compile(r"\b(?:such that|as follows|given by|defined as|of the form)[\s.]*+\Z", re.I)
_GOES_ON_PHRASES = ("such that", "as follows", "given by", "defined as", "of the form")


STRAY_STARS = 2  # asterisks left after cleaning (outside math): one can be a footnote's star


def reject_reason(
    question: str, answer: str, folded_question: str | None = None, context: str = ""
) -> str | None:
    """Why a question/answer pair is not a good card, or None when it passes.
    ``folded_question`` saves a second ``fold`` when the caller already has it; ``context`` is
    the heading path shown with the card (it must not name the answer)."""
    q, a = question.strip(), answer.strip()
    blanks = q.count(CLOZE)
    if blanks > 1:
        return "cloze with more than one blank"
    if not q.endswith("?") and blanks != 1:
        return "question neither ends with '?' nor holds one blank"
    for label, text in (("question", q), ("answer", a)):
        for pattern, reason in _checks_worth_running(text):
            if pattern.search(text):
                return f"{reason} in the {label}"
        if "$" in text and not math_is_whole(text):
            return f"math cut in the {label}"
        if not quotes_balanced(text):
            return f"unbalanced quotes in the {label}"
        if not brackets_balanced(_MATH_SPAN.sub(" ", text)):
            return f"unbalanced brackets in the {label}"
        if " \\ " in text or text.endswith(" \\"):
            return f"a stray backslash in the {label}"  # "applications \ (TI, radar)"
        if text.startswith(("'s ", "’s ")):
            return f"the {label} starts mid-word"  # "'s fast path …": cut after a name
        if label == "answer" or CLOZE not in text[-12:]:
            last = _LAST_WORD.search(text)
            if last and last.group(1) in _CUT_AFTER:
                return (
                    f"the {label} is cut off after '{last.group(1)}'"  # "… separated by a certain"
                )
        if _glued_digit(text):
            return f"a digit glued to a word in the {label}"  # "it 3is pointed out": a PDF copy
        if "*" in text and _MATH_SPAN.sub(" ", text).count("*") >= STRAY_STARS:
            return f"stray emphasis marks in the {label}"  # "*a t *, *z t *": a PDF's subscripts
    if a.endswith(":") or search_holding(_GOES_ON, a, _GOES_ON_PHRASES):
        return "the answer goes on in a formula or a list"  # "… covariant in the second:"
    answer_words, question_words = words(a), words(q)
    if not 1 <= answer_words <= MAX_WORDS:
        return f"answer has {answer_words} words (1-{MAX_WORDS})"
    if not 3 <= question_words <= MAX_WORDS:
        return f"question has {question_words} words (3-{MAX_WORDS})"
    folded_answer = fold(a)
    if not folded_answer or folded_answer in _TRIVIAL or len(folded_answer) < 2:
        return "trivial answer"
    if q.startswith(_KEY_IDEA) and _only_a_kind(a):
        return "the answer says what kind of work it is, not its idea"  # "Literature review"
    # a cloze shows its sentence too: "radiation responsible fro 49% of teh heating" is garbled
    # whichever word is blanked
    read, label = (a, "answer") if CLOZE not in q else (f"{a} {q}", "sentence")
    lowered = _LOWER_WORD.findall(read[:1].lower() + read[1:])  # "Propert of a market …" too
    if label == "sentence":  # a rare word written twice ("geons", "provers") is meant
        lowered = [w for w, n in Counter(lowered).items() if n == 1]
    misspelt = sum(1 for w in lowered if _misspelt(w))
    if misspelt >= MAX_MISSPELT:
        return f"the {label} is misspelt in {misspelt} places"  # "negliglbe space and havee no …"
    if folded_question is None or CLOZE in q:
        folded_question = fold(q.replace(CLOZE, " "))
    if _given_away(folded_question, folded_answer, choice=" or " in q) or _spelled_by(q, a):
        return "answer given away by the question"
    if _blended_in(q, folded_answer):
        return "answer given away by the question"
    if in_context(a, context, folded_answer):
        return "answer given away by the context (heading path)"
    return None


_KEY_IDEA = "What is the key idea of "
KIND_WORDS = 3  # "Technical paper", "Introductory overview": a kind of work is this short
KIND_ZIPF = 3.5  # and every word of it everyday English; "AES FIPS document" names its subject
_KIND_WORD = re.compile(r"[^\W\d_]++")
# the kinds of written work a reading list files papers under (a table's "Comment" column)
_KIND_OF_WORK = re.compile(
    r"(?:review|survey|overview|commentary|comment|paper|article|tutorial|perspective|opinion|"
    r"editorial|report|preprint|thesis|book|textbook|chapter|primer|introduction|essay|letter)s?",
    re.I,
)


def _only_a_kind(answer: str) -> bool:
    """A key idea of a few everyday words ending on a kind of work ("Commentary", "Literature
    review"): any title could have it ("Skip connections" is an idea)."""
    found = _KIND_WORD.findall(answer)
    return (
        0 < len(found) <= KIND_WORDS
        and not any(c.isdigit() for c in answer)
        and bool(_KIND_OF_WORK.fullmatch(found[-1]))
        and all(salience.zipf(w.lower()) >= KIND_ZIPF for w in found)
    )


@lru_cache(maxsize=1024)
def _padded_fold(context: str) -> str:
    return f" {fold(context)} "  # contexts repeat: one per section, thousands of cards


def in_context(answer: str, context: str, folded_answer: str | None = None) -> bool:
    """The answer (or one ``a › b`` part of it) is named in the card's context: the heading path
    shown above the question in the TUI and ``--plain`` would give it away."""
    if not context:
        return False
    if " › " not in answer:
        if answer.isascii() and context.isascii():
            word = _FIRST_WORD.search(answer)  # cheap test first: its first word is not there
            if word is None or word.group(0).lower() not in context.lower():
                return False
        folded = fold(answer) if folded_answer is None else folded_answer
        return bool(folded) and f" {folded} " in _padded_fold(context)
    where = _padded_fold(context)
    for part in answer.split(" › "):
        folded = fold(part)
        if folded and f" {folded} " in where:
            return True
    return False


_FIRST_WORD = re.compile(r"[A-Za-z0-9]+")


def _given_away(question: str, answer: str, *, choice: bool) -> bool:
    """The answer appears in the question (an either/or question may name its options)."""
    if choice and len(answer.split()) <= 8:  # the options name the answer by design
        return False
    if f" {answer} " in f" {question} ":
        return True
    content = [w for w in answer.split() if w not in _STOPWORDS]
    if not content or len(content) > 3:
        return False
    asked = {_stem(w) for w in question.split()}
    return all(_stem(w) in asked for w in content)


def _spelled_by(question: str, answer: str) -> bool:
    """ "RAdam … in ___" → Adam, "AdamW" → Adam: a longer name in the question is the answer
    plus a capital or a letter or two ("network" does not spell "work")."""
    if " " in answer or len(answer) < 4 or not answer[:1].isupper():
        return False
    for word in question.split():
        word = word.strip(".,;:()[]\"'“”")
        for rest in (word.removeprefix(answer), word.removesuffix(answer)):
            if (
                rest != word
                and rest
                and (len(rest) <= 2 or rest[:1].isupper() or rest[:1].isdigit())
            ):
                return True
    return False


def _blended_in(question: str, folded_answer: str) -> bool:
    """ "DenseCap — … a model for ___" → dense captioning: a name in the question is the
    answer's words run together, each cut short ("DenseCap", "ConvNet", "CamVid")."""
    parts = folded_answer.split()
    if not 2 <= len(parts) <= 3 or any(len(p) < 3 for p in parts):
        return False
    for word in question.split():
        word = word.strip(".,;:()[]\"'“”—").lower()
        if len(word) < 6 or not word.isalnum():
            continue
        at = 0
        for part in parts:  # each part opens on at least three of its letters, in order
            size = next((n for n in range(len(part), 2, -1) if word.startswith(part[:n], at)), 0)
            if not size:
                break
            at += size
        else:
            if at == len(word):
                return True
    return False


def _stem(word: str) -> str:
    """Plural and singular count as the same word ("Surveys" is given away by "A Survey")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
