"""Who wrote a paper and where it appeared: author lists, attributions ("Devlin et al. 2018"),
venue tags ("ICLR'21" → "ICLR 2021")."""

from __future__ import annotations

import re
from functools import lru_cache

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


_VENUES = (
    "neurips|nips|icml|iclr|acl|emnlp|naacl|eacl|coling|conll|tacl|cvpr|iccv|eccv|aaai|ijcai|kdd|"
    "www|sigir|wsdm|jmlr|tmlr|colm|aistats|uai|colt|corl|rss|icra|iros|interspeech|icassp|chi|"
    "uist|siggraph|tpami|ijcv|mlsys|osdi|sosp|nsdi|isca|arxiv|nature|science|pnas|cell"
)
VENUE_PAREN = re.compile(
    rf"^\s*+(?P<venue>(?:{_VENUES})(?:\s++(?:findings|workshop|oral|spotlight))?)\s*+'?\s*+"
    r"(?P<year>(?:19|20)?\d{2})?\s*+(?P<extra>findings|workshop|oral|spotlight)?\s*+$",
    re.I,
)


_ET_AL = re.compile(r"\bet al\b")
_NAME_BREAK = re.compile(r",|\band\b|&")


def looks_like_authors(text: str) -> bool:
    """``Jie Huang, Kevin Chang`` / ``Qiao et al`` / ``Khattab and Zaharia``: names, not prose."""
    text = text.strip(" .,")
    if "et al" in text and _ET_AL.search(text):
        if re.match(r"^[A-Z][\w'-]+(?: [A-Z][\w'.-]+)*,? et al\.?$", text):
            return True
        rest = re.sub(r"(?:,|(?<!\s)|(?!\s))\s*+et al\.?$", "", text)  # "Kwon, Li, Zhuang et al."
        return rest != text and "et al" not in rest and looks_like_authors(rest)
    parts = [p.strip() for p in _NAME_BREAK.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    return all(
        1 <= len(p.split()) <= 4 and all(w[:1].isupper() for w in p.split() if len(w) > 3)
        for p in parts
    )


def first_author(authors: str, year: re.Match[str] | None) -> str:
    names = [p.strip() for p in re.split(r",|\band\b|&", authors.strip(" .")) if p.strip()]
    first = (
        re.sub(r"(?:(?<!\s)|(?!\s))\s*+et al\.?$", "", names[0]).split()[-1] if names else authors
    )
    two = len(names) == 2 and "et al" not in authors
    cited = f"{first} and {names[1].split()[-1]}" if two else f"{first} et al."
    return f"{cited} {year.group(0)}" if year else cited


# compiled once: normalise_attribution, normalise_venue and reference_citation run for every
# parenthesis and link of every entry
_BY_LEAD = re.compile(r"^by\s+", re.I)
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_NAMED_STRICTLY = re.compile(r"et al|\.\.\.|…")
_NAMED = re.compile(r"et al|\.\.\.|…|&| and |,")
_LISTED_TOPICS = re.compile(r"\b(?:see|e\.g|i\.e|also|like|via|etc)\b", re.I)
_ELLIPSIS = re.compile(r"(?:(?<!\s)|(?!\s))\s*+(\.\.\.|…)\s*+")
_VENUE_PARTS = re.compile(
    r"^\s*(?P<name>[A-Za-z][A-Za-z&.-]*)\s*'?\s*(?P<yy>\d{4}|\d{2})?\s*(?P<extra>.*)$"
)
_SENTENCE_STOP = re.compile(r"\.\s+")


@lru_cache(maxsize=8192)
def normalise_attribution(inner: str, *, strict: bool = False) -> str | None:
    """``devlin et al. 2018`` → ``Devlin et al. 2018``; None when it is not an attribution.
    ``strict`` (for link text, which is usually a title) asks for a year or "et al"."""
    text = inner.strip().strip(",;").strip()
    text = _BY_LEAD.sub("", text)
    words = text.split()
    if not words or len(words) > 12 or "$" in text or "[" in text or "](" in text:
        return None
    if not _TWO_LETTERS.search(text) and not _YEAR.search(text):
        return None  # "SU (1,1)": a group's indices, not people (a lone year still cites)
    if text.count("(") != text.count(")"):
        return None
    has_year = bool(_YEAR.search(text))
    has_names = (_NAMED_STRICTLY if strict else _NAMED).search(text) is not None
    # "(regression, covariance etc.)": topics listed, not people
    if not (has_year or has_names) or _LISTED_TOPICS.search(text):
        return None
    if not has_year and len(words) > 8:
        return None
    if strict and not _NAMED_STRICTLY.search(text) and not _names_only(words):
        return None  # "[OLTP Through the Looking Glass, SIGMOD, 2008](…)": a title and its year
    text = _ELLIPSIS.sub("...", text)
    return " ".join(_capitalise(w) for w in text.split())


_NAME_PARTICLES = frozenset(
    {"and", "&", "de", "van", "von", "der", "den", "la", "le", "du", "da", "di"}
)


def _names_only(words: list[str]) -> bool:
    """ "Guu, Lee, Tung 2020", "van der Maaten and Hinton 2008": names (no colon, no lowercase
    word but a particle)."""
    for word in words:
        bare = word.strip(".,;()")
        if ":" in word or (bare.isalpha() and bare.islower() and bare not in _NAME_PARTICLES):
            return False
    return True


def _capitalise(word: str) -> str:
    if "..." in word:
        return "...".join(_capitalise(part) for part in word.split("..."))
    if (
        word.strip(".,;") in ("et", "al", "and", "&", "de", "van", "von", "der")
        or not word[:1].islower()
    ):
        return word
    return word[:1].upper() + word[1:]


_VENUE_NAMES = {
    "arxiv": "arXiv",
    "neurips": "NeurIPS",
    "openreview": "OpenReview",
    "biorxiv": "bioRxiv",
}


_VENUE_WORDS_YEAR = re.compile(
    r"^(?P<more>[A-Za-z][\w&.-]*+(?: [A-Za-z][\w&.-]*+)?) (?P<year>(?:19|20)\d\d)$"
)


def normalise_venue(raw: str) -> str:
    """``ICLR'21`` → ``ICLR 2021``; ``Arxiv'24`` → ``arXiv 2024``; ``ACL'23 findings`` →
    ``ACL 2023 (Findings)``."""
    found = _VENUE_PARTS.match(raw)
    if not found:
        return raw.strip()
    name = found.group("name")
    year = found.group("yy")
    longer = None if year else _VENUE_WORDS_YEAR.fullmatch(found.group("extra"))
    if longer:  # "Computer Networks 1978": a two-word name, not "COMPUTER (Networks 1978)"
        return f"{name} {longer.group('more')} {longer.group('year')}"
    name = _VENUE_NAMES.get(name.lower()) or (name.upper() if len(name) <= 8 else name)
    if year and len(year) == 2:
        year = f"20{year}"
    extra = found.group("extra").strip()
    out = f"{name} {year}" if year else name
    return f"{out} ({extra.capitalize()})" if extra else out


# ── bibliographic listings ─────────────────────────────────────────────────────


def reference_citation(text: str) -> tuple[str, str] | None:
    """``Authors. Title. Venue Year.`` → (title, "Firstauthor et al. Year")."""
    parts = [p.strip() for p in _SENTENCE_STOP.split(text.strip().rstrip(".")) if p.strip()]
    if len(parts) < 3 or parts[0].count(",") < 1 or len(parts[0].split()) < 3:
        return None
    year = _YEAR.search(parts[-1])
    first = parts[0].split(",")[0].split()[-1]
    return parts[1], f"{first} et al. {year.group(0)}" if year else f"{first} et al."


LISTING = re.compile(
    r"^(?P<title>[^.]{8,}?[.?!])\s+(?P<authors>[A-Z][^.]*?(?:,|\band\b|&|et al)[^.]*?)\.?\s+"
    r"(?P<venue>[^.]*?\b(?:19|20)\d{2}\b[^.]*)\.?$"
)


def listing_citation(text: str) -> tuple[str, str] | None:
    """``Title. Author A, Author B. Venue 2021.`` → (title, "A et al. 2021")."""
    found = LISTING.match(text.strip())
    if not found:
        return None
    first = re.split(r",|\band\b|&", found.group("authors"))[0].split()
    year = _YEAR.search(found.group("venue"))
    if not first or year is None:
        return None
    title = found.group("title").rstrip(".")
    return title, f"{first[-1]} et al. {year.group(0)}"


# a year, not the start of an arXiv id ("1906.06696")
_BARE_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d.])")
_ARXIV_NUMBER = re.compile(r"(?<![\d.])\d{4}\.\d{4,5}(?:v\d+)?(?![\d.])")


def byline_attribution(byline: str) -> str | None:
    """ "Clifford and Clifford 2018", "Neville et al Nat Phys 2017", "Oszmaniec and Brod
    1906.06696" → the attribution; None when it names no authors or gives no year or id."""
    year = _BARE_YEAR.search(byline)
    names = _ARXIV_NUMBER.sub("", _BARE_YEAR.sub("", byline)).strip(" ,")
    names = re.sub(r"(\bet al\.?).*$", r"\1", names)  # "Neville et al Nat Phys": the venue
    if not (year or _ARXIV_NUMBER.search(byline)) or not looks_like_authors(names):
        return None
    return first_author(names, year)


# "…, SRDS 2018", "…, ACM Computing Surveys 2021": a venue of up to three words and its year
_VENUE_TAIL = re.compile(r",\s*+(?P<venue>[A-Z][\w-]*+(?:\s[A-Za-z][\w-]*+){0,2}\s(?:19|20)\d\d)$")
# "Morsel-Driven Parallelism: …, SIGMOD, 2014", "…, Source Code, VLDB, 2020", "…, in CIDR, 2021",
# "Orca: …, 2014, SIGMOD": a reading list's citation written into the link text after the title
_YEAR_TAIL = re.compile(r",\s*+(?:19|20)\d\d(?:,\s*+[A-Z][\w&'-]*+)?$")
_LISTING_SEGMENT = re.compile(r"(?:in\s++)?(?P<name>[A-Z][\w&'-]*+(?:\s++[A-Z][\w&'-]*+)?)")
_JOURNAL = re.compile(r"\b(?:Transactions|Journal|Proceedings|Conference|Symposium) (?:on|of)\b")
MAX_LISTING_SEGMENTS = 3  # year, venue and a "Source Code" label


def without_listing_tail(title: str, venue: str | None) -> tuple[str, str | None]:
    """(title, venue) of a title that carries its listing after it: "Kernel Paxos, SRDS 2018",
    "Orca: …, 2014, SIGMOD", "… , Source Code, VLDB, 2020"; the venue found there fills one the
    entry did not give."""
    tail = _VENUE_TAIL.search(title)
    if tail and len(title[: tail.start()].split()) >= 1:
        return title[: tail.start()].rstrip(), venue or normalise_venue(tail.group("venue"))
    if not _YEAR_TAIL.search(title):
        return title, venue
    cut, year, names = len(title), None, []
    for _ in range(MAX_LISTING_SEGMENTS):
        head, comma, segment = title[:cut].rpartition(",")
        segment = segment.strip()
        found = _LISTING_SEGMENT.fullmatch(segment)
        if not comma:
            break
        if year is None and _YEAR.fullmatch(segment):
            year = segment
        elif found:
            names.append(found.group("name"))
        elif not _JOURNAL.search(segment):
            break  # "…, ACM Transactions on Database Systems, 1983": a journal's name is long
        cut = len(head)
    if year is None or len(title[:cut].split()) < 2:
        return title, venue  # "Pythia, 2023": too little left to be a title
    # "SIGMOD", "VLDB": a venue is a known name or an acronym ("Source Code" is neither)
    named = next((n for n in reversed(names) if VENUE_PAREN.match(n) or n.isupper()), None)
    if venue is None and named:
        venue = normalise_venue(f"{named} {year}")
    return title[:cut].rstrip(), venue


# "In Proceedings of the 2021 CHI Conference on …": where it was published, not what it says
_VENUE_LINE = re.compile(
    r"^(?:In\s++)?(?:Proceedings|Proc\.)\b|\b(?:Conference|Symposium|Workshop) on\b"
    r"|\b(?:Journal|Transactions) of\b"
)


def names_a_venue(text: str) -> bool:
    """``_VENUE_LINE`` found: each of its forms holds one of the words tested first (at C speed;
    the regex, opening on a word boundary, is tried at every character)."""
    if not (
        "Proc" in text
        or "Conference on" in text
        or "Symposium on" in text
        or "Workshop on" in text
        or "Journal of" in text
        or "Transactions of" in text
    ):
        return False
    return _VENUE_LINE.search(text) is not None
