"""The quality gate: every card the builder emits passes it; rejects are reported with a reason."""

from __future__ import annotations

import re

from studydeck.deck import CLOZE
from studydeck.text import fold

_RESIDUE = re.compile(r"\]\(|\[\[|\*\*|\{:|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|\x00|\x01")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|ai|pub|edu)/\S", re.I)
_MOJIBAKE = re.compile("[\ufffd]|‚Ä|√©|√∂|√º|üì|ü§|üë|Ã[\u0080-\u00bf]|â€")
_UNRESOLVED = re.compile(
    r"\bthis (?:paper|work|study|article)\b|\bthe (?:paper|work) above\b", re.I
)
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


def reject_reason(question: str, answer: str) -> str | None:
    """Why a question/answer pair is not a good card, or None when it passes."""
    q, a = question.strip(), answer.strip()
    blanks = q.count(CLOZE)
    if blanks > 1:
        return "cloze with more than one blank"
    if not q.endswith("?") and blanks != 1:
        return "question neither ends with '?' nor holds one blank"
    for label, text in (("question", q), ("answer", a)):
        if _RESIDUE.search(text):
            return f"markdown or HTML residue in the {label}"
        if _URL.search(text):
            return f"URL in the {label}"
        if _MOJIBAKE.search(text):
            return f"mojibake in the {label}"
        if not math_is_whole(text):
            return f"math cut in the {label}"
        if _UNRESOLVED.search(text):
            return f"unresolved 'this paper' in the {label}"
    if not 1 <= words(a) <= MAX_WORDS:
        return f"answer has {words(a)} words (1-{MAX_WORDS})"
    if not 3 <= words(q) <= MAX_WORDS:
        return f"question has {words(q)} words (3-{MAX_WORDS})"
    folded_answer = fold(a)
    if not folded_answer or folded_answer in _TRIVIAL or len(folded_answer) < 2:
        return "trivial answer"
    if _given_away(fold(q.replace(CLOZE, " ")), folded_answer, choice=" or " in q):
        return "answer given away by the question"
    return None


def _given_away(question: str, answer: str, *, choice: bool) -> bool:
    """The answer appears in the question (an either/or question may name its options)."""
    if choice and len(answer.split()) <= 4:
        return False
    if f" {answer} " in f" {question} ":
        return True
    content = [w for w in answer.split() if w not in _STOPWORDS]
    if not content or len(content) > 3:
        return False
    asked = set(question.split())
    return all(w in asked for w in content)
