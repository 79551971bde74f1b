"""Read one paper item: title, nickname, authors/year, summary, venue, study type, footnote.

Works on masked inline markdown (math swapped out), so separators inside ``$…$`` never split.
Handles the layouts seen in real notes:

    Title ([authors year](url)) - summary          [Title](url) (authors, year) - summary
    NICK [Title](url) (authors, year) - summary    **[Title](url):** takeaway (\\*footnote)
    (**ICLR'21**)[Empirical] Title [[Paper](url)]  [Authors. Title. Venue Year.](url)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from studydeck.builder.br_entries import br_entry
from studydeck.builder.brackets import _drop_parens, _nesting_depth, _paren_groups
from studydeck.builder.citations import (
    LISTING,
    VENUE_PAREN,
    byline_attribution,
    first_author,
    listing_citation,
    looks_like_authors,
    names_a_venue,
    normalise_attribution,
    normalise_venue,
    reference_citation,
    without_listing_tail,
)
from studydeck.builder.descriptions import SENTENCE_END as _SENTENCE_END
from studydeck.builder.descriptions import shorten, without_pointers
from studydeck.builder.entry_text import drop_paper_tags, tidy_title
from studydeck.builder.references import quoted_reference
from studydeck.notes import Block, hygiene
from studydeck.notes.hygiene import LINK, Masked

_VENUE = re.compile(r"^\s*\(\s*\*\*(?P<venue>[^*]+?)\*\*\s*\)\s*(?:\[(?P<study>[^\]]*)\])?\s*")
_NUMBERED = re.compile(
    r"^\s*\*\*\s*(?P<link>\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^)]*\))\s*+:?\s*+\*\*\s*:?\s*(?P<rest>.*)$",
    re.S,
)
_BOLD_TITLE = re.compile(r"^\s*\*\*(?P<title>[^*]{3,}?)\*\*\s*[:.]\s*(?P<rest>.+)$", re.S)
_FOOTNOTE = re.compile(r"\(\s*\\?\*(?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_STAR = re.compile(r"\\\*|(?<=\w)\*(?!\*)|(?<![\w*])\*(?=\w)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_LETTER = re.compile(r"[A-Za-z]")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_NAMING_MARK_END = re.compile(r"[:\-–—]\s*$")  # "BERT:" before the title link names it
_CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")
_CONNECTIVE_LEAD = re.compile(r"^(?:which|that|and)\s+")
GENERIC_LINK = re.compile(
    r"^(?:github(?: repo)?|code|slides?|thread|blog(?: post)?|video|website|"
    r"project(?: page| site| website)?|(?:home|web) ?page|demo|"
    r"twitter|tweet|presentation|ls discord chat|discord|link|this link|here|paper|pdf|arxiv|"
    r"html|implementation|mathematics|talk|poster|data(?:set)?)$",
    re.I,
)
_VAGUE = re.compile(
    r"^(?:e\.g\.?|ex\.?|i\.e\.?|standard|note|see|also|misc|other|more|here|this|that|it|and|or|"
    r"solution|applications?|overview|overviews|speculative|\W*)$",
    re.I,
)
_VAGUE_LEAD = re.compile(
    r"^(?:early|earlier|later|recent|some|many|most|other|these|those|prior|previous|original|"
    r"newer|older|first|second|both|several)\b",
    re.I,
)
_LOWER_NOT_A_NAME = re.compile(
    r"^(?:longer|shorter|short|long|good|great|nice|another|related|similar|follow-?up|extended|"
    r"full|older|newer|a|an|the|my|our|their)\b|\b(?:tutorial|survey|review|overview|blog|talk|"
    r"thread|slides|video|post|summary|explanation|notes|intro|introduction|lecture|course|"
    r"book|chapter|version|repo|website|deck|article|page|playlist|series)s?$"
)
_LEAD_CITATION = re.compile(
    r"^\s*(?P<names>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?,? et al\.?|[A-Z][\w'-]+ (?:&|and) [A-Z][\w'-]+)"
    r",?"
    r"\s*(?P<venue>[A-Za-z][\w&]*)?\s*(?P<year>(?:19|20)\d{2})(?:\.\s+|\.?\s*$)"
)
_SEPARATORS = (" -- ", " — ", " – ", " - ")


# "BERT: Pre-training of Deep Bidirectional Transformers": a short name, then the full title
NICKNAMED = re.compile(r"^(?P<nick>[^\s:;]{2,}(?: [^\s:;]+)?)\s*[:;]\s+(?P<full>.{12,})$")
MAX_ITEM = 3000  # characters; longer "items" are prose dumps, not paper entries


@dataclass(frozen=True, slots=True)
class Paper:
    title: str
    url: str | None = None
    nickname: str | None = None  # "BERT" in "BERT: Pre-training of …", "LAMA" in "LAMA [Title]"
    full_title: str | None = None  # the title without its nickname
    attribution: str | None = None  # "Devlin et al. 2018"
    summary: str | None = None
    venue: str | None = None  # "ICLR 2021"
    study: str | None = None  # "Empirical", "Theoretical", "Theoretical & Empirical"
    footnote: tuple[str, str] | None = None  # (starred phrase, footnote text)
    numbered: bool = False  # "N. **[Title](url):** takeaway" style

    @property
    def label(self) -> str:
        """How questions name the paper: the title, with the attribution when there is one."""
        return f"{self.title} ({self.attribution})" if self.attribution else self.title


def parse_paper(block: Block) -> Paper | None:
    """The paper an item or paragraph describes, or None when it does not link a paper."""
    if block.kind != "item" or not 0 < len(block.masked.text) <= MAX_ITEM:
        return None
    masked = block.masked
    text = masked.text
    venue = study = None
    found = _VENUE.match(text)
    if found and _LETTER.search(found.group("venue")):
        venue = normalise_venue(found.group("venue"))
        study = (found.group("study") or "").strip() or None
        text = text[found.end() :]
    url = block.paper_url
    if url is None:
        if venue or "(" not in text or not _YEAR.search(text):
            return None  # the cheap tests first: most items without a link are no paper
        return _plain_paper(masked, text)
    if "<br" in text or "<BR" in text:
        entry = br_entry(masked, text, url)
        if entry is not None:
            title, cited, summary, where = entry
            return _finish(title, url, None, cited, summary, venue or where, study, None)
    quoted = quoted_reference(text)  # (its remark is a tag drop_paper_tags would drop)
    text = drop_paper_tags(text).strip()
    if _cites_in_passing(text):
        return None
    if quoted is not None:  # 'Krizhevsky, Alex, … "Imagenet classification …." NIPS. 2012.'
        title = tidy_title(_clean(masked, quoted.title))
        return _finish(title, url, quoted.nickname, quoted.attribution, None, venue, study, None)
    reference = _REFERENCE_ENTRY.match(text)
    if reference and looks_like_authors(_clean(masked, reference.group("authors"))):
        # "Guu, Lee, Tung. [REALM: …](url). ICML 2020." — a bibliography entry
        link = LINK.match(reference.group("link"))
        title = tidy_title(_clean(masked, link.group(1))) if link else ""
        where = _clean(masked, reference.group("venue")).strip(" .")
        year = _YEAR.search(where)
        cited = first_author(_clean(masked, reference.group("authors")), year)
        where_venue = normalise_venue(where) if len(where.split()) <= 6 else None
        return _finish(title, url, None, cited, None, venue or where_venue, study, None)
    numbered = _NUMBERED.match(text)
    if numbered and block.number is None:  # "**[Title](url)** - summary" in a bullet list
        text = numbered.group("link") + " - " + numbered.group("rest").lstrip(" -–—:")
        numbered = None
    if numbered:
        link = LINK.match(numbered.group("link"))
        title = tidy_title(_clean(masked, link.group(1))) if link else ""
        summary, footnote = _summary(masked, numbered.group("rest"))
        return _finish(title, url, None, None, summary, venue, study, footnote, numbered=True)
    bold = _BOLD_TITLE.match(text)
    if bold and "](" not in bold.group("title"):
        summary, footnote = _summary(masked, bold.group("rest"))
        title = tidy_title(_clean(masked, bold.group("title")))
        quoted = _QUOTED_LISTING.match(summary or "")
        if quoted and len(title.split()) <= 3:
            # '**FiD**: "Full title", EACL, 2021 (*Org*).': a short name, then the listing
            where = normalise_venue(f"{quoted.group('venue')} {quoted.group('year')}")
            rest = quoted.group("rest").strip() or None
            full = tidy_title(quoted.group("title"))
            return _finish(full, url, title, None, rest, venue or where, study, footnote)
        cited = None
        byline = _BYLINE.match(summary or "")
        if byline:  # "**Title**. A, B, C. *CVPR 2016*. [[pdf](url)]": authors and venue, no summary
            first = re.split(r",|\band\b|&", byline.group("authors"))[0].split()
            year = _YEAR.search(byline.group("venue"))
            cited = f"{first[-1]} et al. {year.group(0)}" if first and year else None
            if len(byline.group("venue").split()) <= 6:
                venue = venue or normalise_venue(byline.group("venue"))
            summary = byline.group("rest").strip() or None
        return _finish(title, url, None, cited, summary, venue, study, footnote)
    head, rest = _split_summary(masked, text)
    cited_title = _title_after_citation(masked, head, rest)
    if cited_title is not None:
        title, cited = cited_title
        return _finish(title, url, None, cited, None, venue, study, None)
    lead = _LEAD_CITATION.match(rest)
    if lead:  # "Ho et al., NeurIPS 2020. Trains …"
        rest = rest[lead.end() :]
        if lead.group("venue") and not venue:
            venue = normalise_venue(f"{lead.group('venue')} {lead.group('year')}")
        cited = normalise_attribution(f"{lead.group('names')} {lead.group('year')}")
    head, in_parens = _take_venue(masked, head)
    venue = venue or in_parens
    head, attribution, after = _take_attribution(masked, head)
    title, nickname, cited_in_title, trail = _title_of(masked, head)
    listed = LISTING.match(_clean(masked, _drop_parens(head))) if not venue else None
    if listed and len(listed.group("venue").split()) <= 6:
        venue = normalise_venue(listed.group("venue"))
    attribution = attribution or cited_in_title or (cited if lead else None)
    gist = _byline_gist(masked, head, trail) if not rest and not after else None
    if gist is not None:
        attribution = attribution or gist[0]
        rest = gist[1]
    elif after and not rest:
        rest = after
    elif not rest and len(trail.split()) >= 3:
        rest = re.sub(r"^[,;:]?\s*(?:which|that)?\s*", "", trail)
    summary, footnote = _summary(masked, rest) if rest else (None, None)
    byline = _BYLINE.match(summary or "")
    if byline and looks_like_authors(byline.group("authors")):
        # "[Title](url) - Jie Huang, Kevin Chang. ACL 2023 Findings.": a byline, not a summary
        year = _YEAR.search(byline.group("venue"))
        attribution = attribution or first_author(byline.group("authors"), year)
        if len(byline.group("venue").split()) <= 6:
            venue = venue or normalise_venue(byline.group("venue"))
        summary = byline.group("rest").strip() or None
    if summary and not _TWO_LETTERS.search(_YEAR.sub("", summary)):
        summary = None  # ". 2020." — punctuation and a year are no summary
    return _finish(title, url, nickname, attribution, summary, venue, study, footnote)


def _title_after_citation(masked: Masked, head: str, rest: str) -> tuple[str, str] | None:
    """(title, attribution) of "[Hale (2019)](url): Rural Pharmacies and Adherence to Statins":
    a link that only cites, the title after it; else None."""
    links = _top_links(masked, head)
    if len(links) != 1 or head[: links[0].start()].strip() or head[links[0].end() :].strip():
        return None
    cited = normalise_attribution(_clean(masked, links[0].group(1)), strict=True)
    title = _clean(masked, rest).strip()
    if cited is None or not _YEAR.search(cited) or not _subtitle(title):
        return None
    return tidy_title(title), _YEAR_IN_PARENS.sub(r"\1", cited)  # "Hale 2019"


_YEAR_IN_PARENS = re.compile(r"\(((?:19|20)\d\d[a-z]?)\)")


PROSE_BEFORE_LINK = 4  # lowercase words before the first link: a sentence, not an entry's lead


def _cites_in_passing(text: str) -> bool:
    """ "Darwin then made a suggestion … advanced by [Steven M. Stanley](…)": a sentence that
    links a paper on its way, not an entry that opens on one (an entry's lead is its authors,
    venue or date: capitalised names and numbers)."""
    first = LINK.search(text)
    lead = text[: first.start()] if first else ""
    if lead.rstrip().endswith("(") or _ENTRY_SEPARATOR.search(lead):
        return False  # "attention is all you need ([vaswani et al. 2017](…))", "x - y ([…](…))"
    return len(_LOWER_RUN.findall(lead)) >= PROSE_BEFORE_LINK


_ENTRY_SEPARATOR = re.compile(r"\s[-–—:=]\s|:\s")
_LOWER_RUN = re.compile(r"(?<![\w'’-])[a-z]++(?![\w'’-])")


_PLAIN_HEAD = re.compile(
    r"^\s*(?P<title>[A-Z0-9\x00\"“][^()\[\]]{1,150}?)\s*\((?P<cite>[^()\[\]]{4,80})\)(?P<rest>.*)$",
    re.S,
)
_PLAIN_SEPARATOR = re.compile(r"^\s*(?:[-–—:]|--)\s+")


def _name_like(title: str) -> bool:
    """A short name that runs into its summary: one token ("REALM", "Fusion-in-Decoder"), or
    two or three words with a capital past the first letter ("Switch Transformer")."""
    words = title.split()
    if len(words) == 1:
        return True
    return len(words) <= 3 and any(w[:1].isupper() or w[:1].isdigit() for w in words[1:])


def _plain_paper(masked: Masked, text: str) -> Paper | None:
    """A paper named without a link: ``Title (Dong et al. 2021) - summary``, or a short name
    running into its summary, ``REALM (Guu et al., 2020) pre-trains …``. The parenthesis must
    cite authors *and* a year, so ordinary prose with a parenthesis is left alone."""
    found = _PLAIN_HEAD.match(text)
    if not found:
        return None
    cite = _clean(masked, found.group("cite"))
    attribution = normalise_attribution(cite)
    if not attribution or not _YEAR.search(cite) or not re.search(r"et al|&| and |,", cite):
        return None
    title = tidy_title(_clean(masked, found.group("title")))
    rest = found.group("rest")
    separated = _PLAIN_SEPARATOR.match(rest)
    if separated:
        rest = rest[separated.end() :]
    elif not _name_like(title) or len(_clean(masked, rest).split()) < 3:
        return None  # "Transformers are used widely (Vaswani et al. 2017) in NLP": prose
    if len(title.split()) > 20 or re.search(r"[.!?;]\s", title):
        return None
    summary, footnote = _summary(masked, rest) if rest.strip() else (None, None)
    return _finish(title, None, None, attribution, summary, None, None, footnote)


_REFERENCE_ENTRY = re.compile(
    r"^(?P<authors>[^\[\]]{3,300}?)[.,:]?\s*(?P<link>\[(?:[^\[\]]|\[[^\[\]]*\])+\]\([^)]*\))"
    r"[.,]?\s*(?P<venue>[^\[\]]{0,80}?\b(?:19|20)\d{2}\b[^\[\]]{0,40}?)\.?\s*$",
    re.S,
)


_QUOTED_LISTING = re.compile(
    r'^["“](?P<title>[^"“”]{8,200}?)[,.]?["”],?\s*(?P<venue>[A-Za-z][\w&\' -]{1,30}?),?\s*'
    r"(?P<year>(?:19|20)\d\d)\b\s*(?:\([^()]*\))?\s*[.,;]?\s*(?P<rest>.*)$",
    re.S,
)
_META_LABEL = re.compile(r"^(?:paper|pdf|code|link|url|arxiv|source|project|website)s?\s*:", re.I)


def _finish(title, url, nickname, attribution, summary, venue, study, footnote, numbered=False):
    if _META_LABEL.match(title or ""):
        return None  # "- Paper: [arXiv](url)" under a paper's heading: a link line, not a paper
    if not title or len(title.split()) > 30 or GENERIC_LINK.match(title) or _VAGUE.match(title):
        return None
    if _LINK_LABEL.fullmatch(title):
        return None  # "acmdl,pdf", "[x]": the labels of links, not a paper's name
    if (
        _VAGUE_LEAD.match(title) and len(title.split()) <= 3
    ):  # "Early versions (Jacobs … 1991) had …": not a paper's name
        return None
    if title == title.lower() and _LOWER_NOT_A_NAME.search(title):  # (the cheap test first)
        return None  # "longer tutorial", "a short survey": lead text, not a paper's name
    if title.count("(") != title.count(")") or (
        nickname and nickname.count("(") != nickname.count(")")
    ):
        return None
    if title[:1].islower() and len(title.split()) >= 3:
        title = title[0].upper() + title[1:]
    title, venue = without_listing_tail(title, venue)
    full_title = None
    named = NICKNAMED.match(title)
    if named:
        nickname = nickname or named.group("nick")
        full_title = named.group("full")
    elif nickname:
        full_title = title
        if len(nickname.split()) > 4 or nickname.lower() == title.lower():
            nickname = None
    if summary and summary[:1] in ".,;:":
        summary = summary.lstrip(".,;: ") or None
    if summary and (
        _POINTER.match(summary)
        or looks_like_authors(summary.rstrip(". "))
        or _CITATION.match(summary)
        or (len(summary.split()) <= 8 and _ARXIV_ID.search(summary))
        or (len(summary.split()) <= 6 and _YEAR.search(summary))  # "In Proceedings of CHI 2021"
        or GENERIC_LINK.match(summary.strip(" .").lower())  # "Project site", "slides"
        or names_a_venue(summary)
        or _subtitle(summary)
    ):
        summary = None  # "Collins, Matsumoto and Novak", "Renema et al PRL 2018": who, not what
    return Paper(
        title=title,
        url=url,
        nickname=nickname,
        full_title=full_title,
        attribution=attribution,
        summary=summary or None,
        venue=venue,
        study=study,
        footnote=footnote,
        numbered=numbered,
    )


_LINK_LABEL = re.compile(r"[a-z]{2,8}(?:\s*+[,/|]\s*+[a-z]{2,8})++|\W*")


# the note-taker's aside, not the paper's idea: ". Looks like …", "See chapter 28 …"
_POINTER = re.compile(r"(?:see|cf|looks like|seems|maybe|probably|todo|tbd|not sure)\b", re.I)


def _subtitle(text: str) -> bool:
    """ "Towards Robust SMR in the Wide-Area Network": Title Case throughout, no sentence."""
    if text.endswith("."):
        return False
    words = [w for w in _WORD.findall(text) if len(w) >= 4]
    capitals = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitals >= 0.8 * len(words)


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


_ARXIV_ID = re.compile(r"\b\d{4}\.\d{4,5}\b")
_CITATION = re.compile(r"^[A-Z][\w'’-]++(?: [A-Z][\w'’-]++)?,? et al\.?\b[^.]{0,40}$")


def _clean(masked: Masked, fragment: str) -> str:
    return hygiene.clean(masked, fragment)


@lru_cache(maxsize=8192)  # an entry's head is asked twice (its summary split, then its title)
def _top_links(masked: Masked, text: str) -> tuple[re.Match[str], ...]:
    """Links outside any parentheses, with generic ones (github, slides…) left out."""
    groups = _paren_groups(text)
    return tuple(
        m
        for m in LINK.finditer(text)
        if not any(a <= m.start() < b for a, b in groups)
        and not GENERIC_LINK.match(_clean(masked, m.group(1)))
    )


GIST_MIN_WORDS = 4


def _byline_gist(masked: Masked, head: str, trail: str) -> tuple[str, str] | None:
    """``[Title](url), Clifford and Clifford 2018 (Exact algorithm by sampling each photon …)``:
    a reading log's byline after the title, then what the paper does in parentheses →
    (attribution, the parenthesis's text)."""
    byline = _clean(masked, trail).strip(" ,;.")
    groups = _paren_groups(head)
    if not byline or not groups or head[groups[-1][1] :].strip(" .;"):
        return None  # no byline, or the parenthesis does not close the item
    cited = byline_attribution(byline)
    if cited is None:
        return None
    start, end = groups[-1]
    inner = head[start + 1 : end - 1].strip()
    words = _clean(masked, inner).split()
    if len(words) < GIST_MIN_WORDS or normalise_attribution(_clean(masked, inner)):
        return None
    # its first sentence: what follows is an aside ("Previously titled …", "What is $k$?")
    return cited, _SENTENCE_END.split(inner, maxsplit=1)[0]


def _split_summary(masked: Masked, text: str) -> tuple[str, str]:
    """Split ``head - summary`` at the first top-level dash separator after the title link
    (or a colon after a link)."""
    after = 0
    for link in _top_links(masked, text):
        if not normalise_attribution(_clean(masked, link.group(1)), strict=True):
            after = link.end()
            break
    best = None
    for sep in _SEPARATORS:
        start = after
        while (at := text.find(sep, start)) != -1:
            if at > 0 and _nesting_depth(text, at) == 0:
                if best is None or at < best[0]:
                    best = (at, sep)
                break
            start = at + 1
    if best is not None:
        return text[: best[0]], text[best[0] + len(best[1]) :]
    # "[Title](url) (authors): summary" — a colon that comes after the first link or paren.
    first_close = max(text.find("]("), text.find(")"))
    if first_close == -1:
        return text, ""
    at = first_close
    while (at := text.find(": ", at + 1)) != -1:
        if _nesting_depth(text, at) == 0:
            return text[:at], text[at + 1 :]
    return text, ""


def _take_venue(masked: Masked, head: str) -> tuple[str, str | None]:
    """``Title (NeurIPS 2017)`` → the venue, taken out of the head."""
    for start, end in _paren_groups(head):
        inner = _clean(masked, head[start + 1 : end - 1])
        found = VENUE_PAREN.match(inner)
        if found and found.group("year"):
            return (head[:start] + " " + head[end:]).strip(), normalise_venue(inner)
    return head, None


def _take_attribution(masked: Masked, head: str) -> tuple[str, str | None, str]:
    """(head without the attribution, attribution, text after a mid-sentence attribution)."""
    for start, end in reversed(_paren_groups(head)):
        inner = _clean(masked, head[start + 1 : end - 1])
        attribution = normalise_attribution(inner)
        if attribution:
            after = head[end:]
            if len(_clean(masked, after).split()) >= 3 and "](" not in after:
                return head[:start].strip(), attribution, after
            return (head[:start] + " " + head[end:]).strip(), attribution, ""
    return head, None, ""


def _title_of(masked: Masked, head: str) -> tuple[str, str | None, str | None, str]:
    """(title, nickname, attribution, trailing text) of an item's head."""
    links = _top_links(masked, head)
    attribution = None
    title_link = None
    for link in links:
        text = _clean(masked, link.group(1))
        if hygiene.looks_like_url(text) or not text:
            continue
        cited = normalise_attribution(text, strict=True)
        if cited and not reference_citation(text):
            attribution = attribution or cited
            continue
        title_link = link
        break
    if title_link is None:
        end = links[0].start() if links else len(head)
        trail = _clean(masked, _drop_parens(head[links[0].end() :])) if links else ""
        plain = _clean(masked, _drop_parens(head[:end]))
        listed = listing_citation(plain)
        if listed:
            return listed[0], None, attribution or listed[1], trail
        return tidy_title(plain), None, attribution, trail
    link_text = _clean(masked, title_link.group(1))
    lead_raw = head[: title_link.start()]
    lead = _clean(masked, _drop_parens(lead_raw)).strip(" :-–—/,")
    trail = _clean(masked, _drop_parens(head[title_link.end() :])).strip()
    cited = reference_citation(link_text)
    if cited:
        return cited[0], None, cited[1], trail
    title = link_text
    if trail and not lead and len(trail.split()) <= 3 and trail[:1].isalnum() and trail.islower():
        title, trail = f"{title} {trail}", ""
    named_lead = bool(_NAMING_MARK_END.search(lead_raw.strip()) or _CAPITAL_OR_DIGIT.search(lead))
    nickname = lead if lead and named_lead and len(lead.split()) <= 4 else None
    return tidy_title(title), nickname, attribution, trail


# The authors run to the first "." (neither lazy run can pass one) and hold a separator; the
# venue runs to the next "." and holds a year. Each is checked by a lookahead and taken
# possessively: the nested lazy runs retried every split of the text ("A" + "," * n: quadratic).
_BYLINE = re.compile(
    r"^(?P<authors>[A-Z](?=[^.]*?(?:,|\band\b|&|et al))[^.]*+)\.\s++"
    r"(?P<venue>(?=[^.]*?\b(?:19|20)\d{2}\b)[^.]*+)\.?+\s*+(?P<rest>.*)$"
)


def _summary(masked: Masked, rest: str) -> tuple[str | None, tuple[str, str] | None]:
    """Clean summary text with any ``(*footnote)`` taken out and returned apart."""
    footnote = None
    note = _FOOTNOTE.search(rest)
    if note:
        body = rest[: note.start()] + " " + rest[note.end() :]
        star = _STAR.search(body)
        phrase = body[: star.start()] if star and star.start() > 0 else body
        phrase = _clean(masked, _STAR.sub("", phrase)).strip(" :,.;")
        footnote_text = _clean(masked, note.group("note")).strip()
        if phrase and footnote_text:
            footnote = (phrase, footnote_text)
        rest = body
    rest = without_pointers(rest)
    for link in list(LINK.finditer(rest)):
        if GENERIC_LINK.match(_clean(masked, link.group(1))):
            rest = rest.replace(link.group(0), " ")
    if "*" in rest:  # (what any match holds: its lookbehinds are slow to try everywhere)
        rest = _STAR.sub("", rest)
    summary = _clean(masked, rest).strip(" :;,-–—")
    summary = _CONNECTIVE_LEAD.sub("", summary)
    return shorten(summary) if summary else None, footnote
