"""Citations as a bibliography writes them, quoted title and all: ``Krizhevsky, Alex, Ilya
Sutskever, and Geoffrey E. Hinton. "**Imagenet classification with deep convolutional neural
networks**." Advances in NIPS. 2012. [[pdf]](url) **(AlexNet, Deep Learning Breakthrough)**`` —
the form Google Scholar's "Cite" gives, which reading lists paste and annotate in brackets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studydeck.builder import salience

# surname-first authors up to the full stop before the quoted title, the title (its closing
# full stop inside the quotes, as MLA puts it), then where it appeared and the links
_QUOTED_REFERENCE = re.compile(
    r"\A(?P<authors>[A-Z][^\"“”\[\]]{2,300}?)\.\s*+[\"“](?P<title>[^\"“”\n]{5,300}?)[.,]?[\"”]"
    r"\s*+(?P<where>[^\[\]]{0,300}?)(?=\[|\Z)",
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# the reader's remark after the links: "**(VGGNet,Neural Networks become very deep!)**"
_REMARK = re.compile(r"(?:\*\*|__)\(([^()\n]{2,120}+)\)(?:\*\*|__)")
_TWO_AUTHORS = re.compile(r"\A([^,]++), [^,]++, and (?:[^,]+ )?([^,\s]++)\Z")
NAME_ZIPF = 3.0  # a remark's first word rarer than this in English is the paper's nickname


@dataclass(frozen=True, slots=True)
class Reference:
    title: str  # as written, markdown inside the quotes left for the caller to clean
    attribution: str | None  # "Krizhevsky et al. 2012"
    nickname: str | None  # "AlexNet"


def quoted_reference(text: str) -> Reference | None:
    """The reference ``text`` (an item's raw markdown) writes, or None when it is not one."""
    found = _QUOTED_REFERENCE.match(text)
    if found is None or "," not in found.group("authors"):
        return None  # "Deep learning. "a book" …" is a sentence, not "Surname, Given."
    year = _YEAR.findall(found.group("where"))
    return Reference(
        found.group("title"),
        _attribution(found.group("authors"), year[-1] if year else None),
        _nickname(text[found.end() :]),
    )


def _attribution(authors: str, year: str | None) -> str | None:
    """ "Simonyan, Karen, and Andrew Zisserman" → "Simonyan and Zisserman"; three or more, or
    "et al.", → "Krizhevsky et al."; one ("Le, Quoc V.") → "Le"."""
    authors = authors.strip(" .")
    first = authors.split(",", 1)[0].strip()
    if not first or len(first.split()) > 3:
        return None
    two = _TWO_AUTHORS.match(authors)
    if two and "et al" not in authors:
        cited = f"{first} and {two.group(2)}"
    elif "et al" in authors or " and " in authors or authors.count(",") >= 2:
        cited = f"{first} et al."
    else:
        cited = first
    return f"{cited} {year}" if year else cited


def _nickname(after: str) -> str | None:
    """The remark's first part when it is a coined name ("AlexNet", "VAE", "TRPO"), not a
    word of praise or a topic in English ("Milestone", "Outstanding Work")."""
    remark = _REMARK.search(after)
    if remark is None:
        return None
    head = remark.group(1).split(",", 1)[0].strip()
    if not head or " " in head or not head[:1].isalpha():
        return None
    coined = any(c.isupper() for c in head[1:]) or any(c.isdigit() for c in head)
    return head if coined or salience.zipf(head.lower()) < NAME_ZIPF else None
