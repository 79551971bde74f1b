"""Entries of a list: ``[Name](url) (Doe et al. 2021) - what it is`` → what the entry is, whatever
host the link goes to. The paper rules read entries that link a known paper host; this reads the
rest by their typography — a link (or bold name) first, a separator, then a description."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder import salience
from studydeck.builder.citations import normalise_attribution
from studydeck.builder.descriptions import SENTENCE_END, without_lead_in, without_pointers
from studydeck.builder.papers import shorten
from studydeck.builder.rules import giveaways
from studydeck.builder.rules.common import (
    Candidate,
    _paper,
    _sentence,
    _without_title,
    description_proper,
)
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

MIN_DESCRIPTION_WORDS = 4
MAX_NAME_WORDS = 12
# a link first (maybe in bold), then maybe "(authors, year)", then a separator and the rest
_ENTRY = re.compile(
    r"^\s*+(?:\*\*|__)?(?P<link>" + hygiene.LINK.pattern + r")(?:\*\*|__)?"
    r"(?P<paren>\s*+\([^()\n]{2,80}\))?\s*+(?P<sep>[-–—:|]|,\s)\s*+(?P<rest>\S.*)$",
    re.S,
)
_CITATION_NAME = re.compile(
    r"\A[A-Z][\w'’-]++(?: (?:and|&) [A-Z][\w'’-]++| et al\.?)?,? \(?(?:19|20)\d\d[a-z]?\)?"
)
# after a comma, a name of one to three capitalised words and then a parenthesis or the end
_BYLINE = re.compile(r"\A[A-Z][\w'’.-]*+(?: [A-Z][\w'’.-]*+){0,2}+(?:\s*+\(|\s*+\Z)")
_VENUE_HEADINGS = {
    "communities", "community", "forums", "newsletters", "mailing lists", "moocs", "courses",
    "online courses", "podcasts", "blogs", "videos", "youtube", "ebooks", "books", "social media",
}  # fmt: skip
_CLAIM = re.compile(
    r"\b(?:is|are|was|were) (?:much |far |slightly )?(?:better|worse|faster|slower|stronger|"
    r"weaker) than\b|\boutperforms?\b",
    re.I,
)
# what a description opens on: "A curated list of", "Neuroscience podcast where", "Another list"
_LISTING_KIND = re.compile(
    r"\A(?:an?\s++|another\s++|the\s++)?(?:[\w-]++\s++){0,2}?"
    r"(?:(?:curated\s++|awesome\s++)?list|podcast|newsletter|subreddit|forum|mailing list|"
    r"youtube channel|collection of (?:links|resources))\b",
    re.I,
)
_BADGES_OR_LINKS_ONLY = re.compile(r"^(?:\W|\[[^\]]*\]\([^)]*\))*$")


def entry_summary(block: Block, outline: Outline) -> Iterator[Candidate]:
    """A linked entry the paper rules did not read → "What is <name>?" with its description."""
    if block.kind != "item" or _paper(block) is not None or len(block.masked.text) > 1500:
        return
    found = _ENTRY.match(block.masked.text)
    if not found:
        return
    masked = block.masked
    name = hygiene.clean(masked, found.group(2)).strip(" .:")
    if not name or hygiene.looks_like_url(name) or len(name.split()) > MAX_NAME_WORDS:
        return
    if _CITATION_NAME.fullmatch(name):
        return  # "[Pfeiffer et al. (2022)](url)": the link names its authors, not the work
    if _BADGES_OR_LINKS_ONLY.match(found.group("rest")):
        return
    if block.path and fold(block.path[-1]) in _VENUE_HEADINGS:
        # "### Communities › [r/neuroscience](…) - Subreddit for discussion of …": where people
        # meet or learn, not what a researcher studies (blind judges: trivia, every time)
        yield Candidate("entry", name, "", "", block, reason="a community, course or feed listing")
        return
    rest = hygiene.clean(masked, found.group("rest"))
    if listing(name, rest):
        yield Candidate("entry", name, "", "", block, reason="a list, feed or community listing")
        return
    if found.group("sep").startswith(",") and _BYLINE.match(rest):
        # "[Ima wo kakeru shoujo](url), Kano (now a virtual YouTuber)": who made it; nor are
        # the title's words facts to blank
        yield Candidate(
            "entry", name, "", "", block, reason="a title and its byline, no description"
        )
        return
    described = without_pointers(found.group("rest"))
    description = description_proper(hygiene.clean(masked, described).strip(" .;,"))
    if description is None:
        return  # "Check out this video before the paper": advice to the reader, not what it is
    if len(description.split()) < MIN_DESCRIPTION_WORDS:
        return
    if not _prose(description) or "{" in description:
        return  # "Madhouse (Masaaki Yuasa) {Tomihiko Morimi} [novel] 2010": a listing
    if _CLAIM.search(" ".join(description.split()[:8])):
        # "[Nucleus sampling](…): aka top p sampling is better than argmax sampling": how it
        # compares, not what it is
        yield Candidate("entry", name, "", "", block, reason="a claim about it, not what it is")
        return
    description = _sentence(shorten(_without_title(description, name)))
    description = without_lead_in(description, bool(block.children))
    refused = given_away(name, description)
    if refused:
        yield Candidate("entry", name, "", "", block, reason=refused)
        return
    cited = None
    if found.group("paren"):
        cited = normalise_attribution(hygiene.clean(masked, found.group("paren").strip(" ()")))
    titled = len(name.split()) >= 4 and name[:1].isupper()
    shown = f"“{name}”" if name[-1:] in "?!." or name.islower() else name
    label = shown + (f" ({cited})" if cited else "")
    # a paper's or an article's title: what it says; a tool's or a resource's name: what it is
    question = f"What is the key idea of {label}?" if titled else f"What is {label}?"
    url = next((u for _, u in block.links if u.startswith("http")), None)
    yield Candidate("entry", question, description, f"{name} {fold(description)[:40]}", block, url)


def listing(name: str, description: str) -> bool:
    """ "[awesome-molecular-docking](…) - A curated list of …", "[Brain Matters](…) - Neuroscience
    podcast where …": a list to read or a show to follow, not a work."""
    return name.lower().startswith("awesome") or bool(_LISTING_KIND.match(description))


# "250k protein structures", "~27,000 viral proteins modeled with …": how big it is
_SIZE_FIRST = re.compile(
    r"\A[~>≈<∼]?\s*+\d[\d,.]*+\s*+(?:[kMBT]\b|million\b|billion\b|thousand\b)?\+?\s*+[A-Za-z(]"
)


def sized_only(description: str) -> bool:
    """A resource described by its size first: a count to recall, not what it is (blind judges:
    catalogue trivia, round h9)."""
    return bool(_SIZE_FIRST.match(description))


def given_away(name: str, description: str) -> str | None:
    """Why the description gives its name away (a card asking for it from the name would be
    guessed), or None."""
    if giveaways.restates(description, name) or _names_itself(name, description):
        return "the description says the name again"  # "deeplearning-biology - … in its repo"
    if _spelt_out(name, description):
        # "[drugbank-downloader](…) - Automate downloading … DrugBank", "pubchempy - … PubChem in
        # Python": the name is made of the description's words (judged guessable, round h6)
        return "the description spells the name"
    if _expansion_only(name, description):
        # "SANS - Seismic ambient noise source maps", "SW4 - Seismic waves, 4th order accuracy":
        # the acronym spelt out says nothing of what the tool does (judged MEH by both, h11)
        return "the description only spells the acronym out"
    if _plain_name(name) and _plain_description(description) and _echoes(name, description):
        # "Econ Jobs Postings - List of academic job openings": a name in everyday words that
        # its everyday description echoes gives the answer (blind judges: 0 of 17 kept)
        return "a plain name its description echoes"
    return None


def _names_itself(name: str, description: str) -> bool:
    """The name again in the description's first sentence, outside brackets (later ones may
    well say "LaTeX handles references better than Word"; "(GBIF, iDigBio, OBIS)" lists it
    among its peers)."""
    first = _BRACKETED.sub(" ", SENTENCE_END.split(description, maxsplit=1)[0])
    key = fold(name)
    return len(key) >= 3 and f" {key} " in f" {fold(first)} "


_BRACKETED = re.compile(r"\([^()]*+\)")

# a coined name's parts: "drugbank-downloader", "openmm_tools", "PubChemPy", "MDAnalysis"
_NAME_PART = re.compile(r"[A-Z]++(?![a-z])|[A-Z]?[a-z]++|\d++")
_NAME_SUFFIXES = frozenset({"py", "s", "er", "kit", "lib", "js", "io", "x"})  # "chempy", "tools"
MIN_CHUNK = 3  # a piece of a name matched to the start of a word of the description
MAX_CODED_NAME = 40  # "trident-chemwidgets"; a longer token is no package's name


def _spelt_out(name: str, description: str) -> bool:
    """Every part of a coined name (two parts at least) starts a word of the description, or
    is a programmer's suffix: "moleculekit" → "A molecule manipulation library"."""
    if " " in name.strip() or not 5 <= len(name) <= MAX_CODED_NAME:
        return False  # a name in words ("Open Babel") is read by _echoes; the split is quadratic
    starts = [w.lower() for w in _ALPHA_WORD.findall(description)]
    parts = [p.lower() for p in _NAME_PART.findall(name)]
    chunks = 0
    for part in parts:
        found = _chunked(part, starts)
        if found is None:
            return False
        chunks += found
    return chunks >= 2


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}+")
_INITIAL_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*+")
EXPANSION_REST_WORDS = 2  # words after the spelt-out acronym that still say nothing more


def _expansion_only(name: str, description: str) -> bool:
    """The description's first words, skipping "of", "and" …, start with the acronym's
    letters in order, and at most ``EXPANSION_REST_WORDS`` words follow them."""
    if not _ACRONYM.fullmatch(name) or sum(c.isalpha() for c in name) < 2:
        return False
    found = _INITIAL_WORD.findall(description)
    words = [w for w in found if not salience.function_word(w.lower())]
    letters = name.lower()
    if len(words) < len(letters) or len(words) - len(letters) > EXPANSION_REST_WORDS:
        return False
    return all(w[0].lower() == c for w, c in zip(words, letters, strict=False))


def _chunked(part: str, starts: list[str]) -> int | None:
    """How few chunks ``part`` splits into, each the start of a description word or a suffix
    ("pubchempy" → pubchem + py: 2); None when it cannot."""
    best: list[int | None] = [0] + [None] * len(part)
    for end in range(1, len(part) + 1):
        for begin in range(end):
            if best[begin] is None:
                continue
            chunk = part[begin:end]
            # a programmer's affix opens or ends the name ("py|dsge"): "int|er|pro" is no "interpro"
            affix = begin == 0 or end == len(part)
            fits = (affix and chunk in _NAME_SUFFIXES) or (
                len(chunk) >= MIN_CHUNK and any(w.startswith(chunk) for w in starts)
            )
            if fits and (best[end] is None or best[begin] + 1 < best[end]):
                best[end] = best[begin] + 1
    return best[len(part)]


# a whole word: "FreeSurfer" and "EEG" are one capitalised word each, not several
_ALPHA_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*+")


PLAIN_NAME_ZIPF = 3.0  # "Econ" 3.1, "Postings" 3.1: everyday words; "Quandl", "AEA" are not
_INNER_CAPITAL = re.compile(r"\w[A-Z]")  # "ModelDB", "EEG", "fMRI": a coined or technical word


def _plain_name(name: str) -> bool:
    words = _ALPHA_WORD.findall(name)
    return (
        bool(words)
        and not _INNER_CAPITAL.search(name)
        and all(salience.zipf(w.lower()) >= PLAIN_NAME_ZIPF for w in words)
    )


def _echoes(name: str, description: str) -> bool:
    words = [w for w in _ALPHA_WORD.findall(name) if len(w) >= 4]
    return len(_ALPHA_WORD.findall(name)) >= 2 and any(
        giveaways.kin_in(w, description) for w in words
    )


def _plain_description(text: str) -> bool:
    """No rare word and no technical one: nothing in it a reader would need to learn."""
    if _INNER_CAPITAL.search(text):
        return False
    return not any(
        w.islower() and len(w) >= 4 and salience.zipf(w) < salience.RARE_ZIPF
        for w in _ALPHA_WORD.findall(text)
    )


def _prose(text: str) -> bool:
    """Words mostly in lower case, as a description is written; names and tags are capitalised."""
    words = _ALPHA_WORD.findall(text)
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= MIN_DESCRIPTION_WORDS and lower >= 0.5 * len(words)
