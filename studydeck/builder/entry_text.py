"""Text cleanups the paper entry shapes share: a title tidied for a card, and the link tags
("[[pdf](url)]") dropped from an entry's text."""

from __future__ import annotations

import re
from functools import lru_cache

# "[[pdf](url)]" or "[[pdf]](url)". A failed attempt past the "(" ends as a match without a
# closing group (ok, ok2), kept by drop_paper_tags: every later opener inside it would scan to
# the same ")" (or to the end) and fail the same way, so each stretch is scanned once.
_PAPER_TAG = re.compile(
    r"\[\s*+\[[^\[\]]*+\]\s*+\([^)]*+(?:\)(?:\s*+[,|;/]\s*+\[[^\[\]]*+\]\s*+\([^)]*+\))*+\s*+(?P<ok>\]))?"
    r"|\[\[[^\[\]]*+\]\]\([^)]*+(?P<ok2>\))?"
)


def drop_paper_tags(text: str) -> str:
    """Each paper tag of ``text`` (``_PAPER_TAG``) → a space."""
    return _PAPER_TAG.sub(lambda m: " " if m.group("ok") or m.group("ok2") else m.group(0), text)


_TITLE_SUFFIX = re.compile(
    r"(?<!\s)\s++[-|–]\s++(?:Microsoft Research|ScienceDirect|Hugging Face.*|arXiv.*|OpenReview|"
    r"ACL Anthology|Semantic Scholar|Google Research|Wikipedia|Computational Linguistics)\s*$"
)
# (?<!\s): only from the start of a space run; retried from each of its spaces it was quadratic
_DOUBLE_DASH = re.compile(r"(?<!\s)\s++--\s+")
_WHITESPACE = re.compile(r"\s+")
_DANGLING_WORD = re.compile(r"(?<!\s)\s++(?:and|or|for|with|by|paper)$")


@lru_cache(maxsize=8192)
def tidy_title(title: str) -> str:
    """A title as a card shows it: no site suffix (" - arXiv"), no "| section", "--" as a colon,
    one space between words, no dangling "and"/"paper" at its end."""
    title = _TITLE_SUFFIX.sub("", title)
    title = title.split(" | ")[0]
    if "--" in title:
        title = _DOUBLE_DASH.sub(": ", title)
    title = _WHITESPACE.sub(" ", title).strip(" :;,-–—\"'")
    return _DANGLING_WORD.sub("", title)
