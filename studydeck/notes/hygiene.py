"""Text hygiene: turn note markdown into clean card text.

Notes in the wild carry mojibake, kramdown attributes, badges, HTML and emoji. Everything here
works on *masked* inline markdown: ``$…$`` / ``$$…$$`` math is swapped for placeholders first, so
no cleaning step or separator split can ever cut a formula, and it is put back whole at the end.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from studydeck.notes.scan import NextMatch

# ── whole-document repair ──────────────────────────────────────────────────────

FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# Runs of characters that Mac Roman uses for bytes ≥ 0x80 (what UTF-8 read as Mac Roman yields).
_MAC_HIGH = "".join(bytes([b]).decode("mac_roman") for b in range(0x80, 0x100))
_MAC_RUN = re.compile(f"[{re.escape(_MAC_HIGH)}]{{2,}}")


def strip_front_matter(text: str) -> str:
    """Blank out YAML front matter, keeping its lines so line numbers stay true."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text
    return "\n" * match.group(0).count("\n") + text[match.end() :]


def repair_mojibake(text: str) -> str:
    """Fix UTF-8-read-as-Mac-Roman text line by line (ASCII lines are skipped: fast).

    ftfy repairs a line whose every non-ASCII character is mojibake; a line that mixes good text
    (``Café``) with mojibake (``‚Äôs``) it leaves alone, so the runs it left are decoded one by
    one. ``uncurl_quotes`` stays off: it turned the ``‚`` of ``‚Äô`` into ``'`` before decoding."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.isascii():
            lines[i] = _repair_line(line)
    return "\n".join(lines)


# What ftfy fixes besides mojibake: C1 controls, ligatures, full-width forms, odd line breaks,
# bidi/format controls. A line without them whose mojibake runs all decode needs no ftfy.
_FTFY_ONLY = re.compile(
    "[\u0080-\u009f\u2028\u2029\u206a-\u206f\ufb00-\ufb06\ufe30-\ufe4f\uff01-\uff60"
    "\ufff9-\ufffc\ufeff\x00-\x08\x0b\x0e-\x1f\x7f]"
)


def _repair_line(line: str) -> str:
    """Fast path first (ftfy costs ~150 µs a line, and mojibake-heavy notes have thousands):
    decode the Mac Roman runs directly; when none is left and ftfy has nothing else to do,
    that is ftfy's answer too. Otherwise ftfy repairs the line, then leftover runs are decoded."""
    if not _FTFY_ONLY.search(line):
        fast = _MAC_RUN.sub(_decode_run, line) if _MAC_RUN.search(line) else line
        if not _MAC_RUN.search(fast):
            return (
                fast
                if unicodedata.is_normalized("NFC", fast)
                else unicodedata.normalize("NFC", fast)
            )
    fixed = ftfy.fix_text(line, normalization="NFC", uncurl_quotes=False)
    return _MAC_RUN.sub(_decode_run, fixed) if _MAC_RUN.search(fixed) else fixed


# Lead bytes whose Mac Roman reading (¬ √ Œ œ ‚ ) turns up in mojibake of common characters
# (Latin-1 accents, Greek, punctuation, emoji); other lead bytes read as letters a real text may
# put before an accented one ("—É"), so they are not decoded.
_MOJIBAKE_LEADS = {0xC2: 2, 0xC3: 2, 0xCE: 2, 0xCF: 2, 0xE2: 3, 0xF0: 4}


def _decode_run(match: re.Match[str]) -> str:
    """A run of Mac Roman high characters → the UTF-8 characters its bytes spell, where they
    spell one; other characters stay. ``üìå`` (a 4-byte emoji whose lead byte 0xF0, the Apple
    logo, was dropped) gets its lead byte back."""
    run = match.group(0)
    try:
        raw = run.encode("mac_roman")
    except UnicodeEncodeError:
        return run
    out: list[str] = []
    i = 0
    while i < len(raw):
        size = _MOJIBAKE_LEADS.get(raw[i], 0)
        if size and i + size <= len(raw):
            try:
                out.append(raw[i : i + size].decode("utf-8"))
                i += size
                continue
            except UnicodeDecodeError:
                pass
        if 0x90 <= raw[i] <= 0x9F and i + 3 <= len(raw):
            try:
                out.append((b"\xf0" + raw[i : i + 3]).decode("utf-8"))
                i += 3
                continue
            except UnicodeDecodeError:
                pass
        out.append(run[i])
        i += 1
    return "".join(out)


# ── math masking ───────────────────────────────────────────────────────────────

_MATH = re.compile(
    r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<![\\$])\$(?=\S)[^$\n]*?[^\s\\]\$(?!\d)|(?<![\\$])\$[^\s$\\]\$"
)
_PLACEHOLDER = re.compile(r"\x00(\d+)\x01")


@dataclass(frozen=True, slots=True)
class Masked:
    """Inline markdown with its math swapped out for placeholders (``\\x00N\\x01``)."""

    text: str
    maths: tuple[str, ...] = ()

    def restore(self, fragment: str) -> str:
        if not self.maths:
            return fragment
        return _PLACEHOLDER.sub(lambda m: self.maths[int(m.group(1))], fragment)


def mask_math(raw: str) -> Masked:
    if "$" not in raw:
        return Masked(raw)
    maths: list[str] = []

    def keep(match: re.Match[str]) -> str:
        maths.append(match.group(0))
        return f"\x00{len(maths) - 1}\x01"

    return Masked(_MATH.sub(keep, raw), tuple(maths))


# ── links ──────────────────────────────────────────────────────────────────────

# [text](url) where text may hold one level of brackets ("[[Paper](u)]", "[a [b] c](u)").
# Possessive runs: a long run of spaces inside "( … )" was retried split every way (quadratic).
# A title right after "(" ("[t]( \"title\")") takes the space the first run ate: (?<=\s).
LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*+<?([^()\s>]*+(?:\([^()\s]*+\)[^()\s>]*+)*+)>?"
    r"(?:(?<=\s)\"[^\"]*\"|\s++\"[^\"]*\")?\s*+\)"
)
# A failed attempt ends as a match without the group "ok" (kept as it is by _sub_closed): it
# consumes the stretch every later opener inside it would scan again and fail on the same way
# (the same first "]" after them, or no closer at all up to the end), so each is scanned once.
_IMAGE = re.compile(r"!\[[^\]]*+(?:\](?:\([^)]*+(?P<ok>\))?)?)?")
_BADGE = re.compile(
    r"\[\s*+!\[[^\]]*+(?:\](?:\([^)]*+(?:\)\s*+(?:\](?:\([^)]*+(?P<ok>\))?)?)?)?)?)?"
)
# [[Paper](url)]
_BRACKETED_LINK = re.compile(
    r"\[\s*+(\[[^\[\]]*+\]\([^)]*+(?:\)(?=\s*+\]))?)(?:(?<=\))\s*+(?P<ok>\]))?"
)
_PAPER_LINK_AFTER = re.compile(r"\[\[([^\[\]]*+)\]\]\(([^)]*+)(?P<ok>\))?")  # [[Paper]](url)


def _sub_closed(pattern: re.Pattern[str], repl, text: str) -> str:
    """``pattern.sub(repl, text)`` for the matches that closed (group "ok"): the others are the
    failed attempts of a pattern above, left as they are."""

    def replace(m: re.Match[str]) -> str:
        if m.group("ok") is None:
            return m.group(0)
        return repl(m) if callable(repl) else repl

    return pattern.sub(replace, text)


_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*+(?P<ok>\])?")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>")
# Obsidian: "[[Page]]", "[[Page#Heading|alias]]", "[[#Heading]]" (on this page); "![[x|center]]"
# embeds a file, nothing to read
_WIKI_LINK = re.compile(
    r"(?P<embed>!)?\[\[(?P<page>[^\[\]|#]*+)(?:#(?P<heading>[^\[\]|]*+))?"
    r"(?:\|(?P<alias>[^\[\]]++))?\]\](?!\()"
)
_NUMERIC_CITE = re.compile(r"\s?\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\](?![(\[])")  # "… QA [3]"
_CITE_NUMBER = re.compile(r"\[\d")  # what any match of it holds (a literal start: fast)
_TAG = re.compile(r"(?<![\w#&/])#[A-Za-z][\w/-]*")  # Obsidian "#todo"
_KRAMDOWN = re.compile(r"\{:[^}]*+(?P<ok>\})?")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:arxiv\.org|doi\.org|github\.com)/\S+")
# Emphasis, as the regex
#   (\*\*|__)(?=\S)(.+?)(?<=\S)\1 | (?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s\\*])\*(?!\w)
#   | (?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)
# finds it, by a scan (_strip_emphasis): as a regex each opener scanned the rest of its line for
# a closer ("**x " * n: quadratic). Whether a place closes does not depend on the opener, so
# the first closer after a point is searched once for all openers (scan.NextMatch). The searched
# patterns open on their mark, with the lookbehind after it ("\*(?<=[^\s\\*]\*)" for
# "(?<=[^\s\\*])\*"): a pattern that opens on a literal is searched for at C speed, one that
# opens on a lookbehind is tried at every character.
_EMPHASIS_OPEN = re.compile(r"\*\*(?=\S)|__(?=\S)|\*(?<![\w*\\]\*)(?=[^\s*])|_(?<![\w\\]_)(?=\S)")
_EMPHASIS_KINDS = (  # opener, its length, closer; tried in this order at each place
    (re.compile(r"\*\*(?=\S)"), 2, re.compile(r"\*\*(?<=\S\*\*)")),
    (re.compile(r"__(?=\S)"), 2, re.compile(r"__(?<=\S__)")),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])"), 1, re.compile(r"\*(?<=[^\s\\*]\*)(?!\w)")),
    (re.compile(r"(?<![\w\\])_(?=\S)"), 1, re.compile(r"_(?<=\S_)(?!\w)")),
)
_NEWLINE = re.compile("\n")


def _strip_emphasis(text: str) -> str:
    """Each emphasis of ``text`` → its inner text (once: nested emphasis needs a second call)."""
    closers = [NextMatch(closer, text) for _, _, closer in _EMPHASIS_KINDS]
    newline = NextMatch(_NEWLINE, text)
    out: list[str] = []
    done = pos = 0
    while (opened := _EMPHASIS_OPEN.search(text, pos)) is not None:
        at = opened.start()
        for (opener, size, _), closer in zip(_EMPHASIS_KINDS, closers, strict=True):
            if opener.match(text, at) is None:
                continue
            # the inner text: at least one character, none a newline
            closed = closer.at_or_after(at + size + 1)
            if closed is None:
                continue
            line_end = newline.at_or_after(at + 1)  # one place for every kind: never back
            if line_end is not None and line_end.start() < closed.start():
                continue
            out += (text[done:at], text[at + size : closed.start()])
            done = pos = closed.end()
            break
        else:
            pos = at + 1
    out.append(text[done:])
    return "".join(out)


_CODE = re.compile(r"`+([^`]*)`+")
# a MyST citation or link to another page: "{cite}`gabaix2016`", "{doc}`intro:heavy_tails`"
_MYST_CITE = re.compile(r"\{(?:cite|doc)(?::[a-z]{1,8}+)?\}`[^`\n]{0,200}+`")
# a pointer to a numbered equation or figure: the sentence around it says nothing without it
MYST_POINTER = re.compile(r"\{(?:eq|numref|ref)\}`")
LATEX_POINTER = re.compile(r"\\(?:eq|auto|c|page)?ref\{")  # "the solution to $\eqref{15c}$"


def points_at_numbered(text: str) -> bool:
    r""" "show that {eq}`kp` is …", "the solution to $\eqref{15c}$": the sentence means nothing
    without the equation or figure it points at."""
    return ("}`" in text and bool(MYST_POINTER.search(text))) or (
        "ref{" in text and bool(LATEX_POINTER.search(text))
    )


_SHORTCODE_TEMPLATE = re.compile(r"\{\{[<%][^{}]{0,500}+[>%]\}\}")
# (it opens on its ":", so it is tried only where a colon is, not at every character)
_EMOJI_SHORTCODE = re.compile(r":(?<![\w:]:)[a-z][a-z0-9_+-]{1,30}+:(?![\w:])")
# an Obsidian block id closing its line ("… the horizon.  ^113157811"): an anchor, not words
_BLOCK_ID = re.compile(r"(?<!\S)\^[A-Za-z0-9-]{1,40}+[ \t]*+(?=\n|\Z)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|$<>~^])")
# Runs of spaces (U+3000: ideographic space) → " ": a run of two or more, or one that is not
# " " (a lone " " stays as it is: the same text, and most spaces are one)
_SPACE_CHARS = "\t\u00a0\u2000-\u200b\u3000"
_SPACES = re.compile(f"(?: [ {_SPACE_CHARS}]|[{_SPACE_CHARS}])[ {_SPACE_CHARS}]*+")
# Only from the start of a space run (a run not followed by punctuation was retried from each of
# its spaces: quadratic), possessive so the run is never split.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\s)\s++([,.;:!?)\]])")
_SPACE_THEN_PUNCT = re.compile(r"\s[,.;:!?)\]]")  # what any match of it holds
_EMPTY_BRACKETS = re.compile(r"\(\s*+[,;]?\s*+\)|\[\s*+\]")


def links(masked: str) -> list[tuple[str, str]]:
    """``(text, url)`` for every link in masked inline markdown, in order (images skipped)."""
    if "](" not in masked and "://" not in masked:
        return []  # most note lines link nothing: skip the four regex scans
    found = []
    plain = masked
    if "[[" in masked:
        for m in _PAPER_LINK_AFTER.finditer(masked):
            if m.group("ok") is not None:
                found.append((m.start(), m.group(1), m.group(2).strip()))
        plain = _sub_closed(_PAPER_LINK_AFTER, lambda x: " " * len(x.group(0)), masked)
    matches = list(LINK.finditer(plain))
    for m in matches:
        if m.start() > 0 and masked[m.start() - 1] == "!":
            continue
        text = m.group(1)
        inner = LINK.fullmatch(text.strip())
        if inner:  # [[Paper](url)] written with the brackets around the whole link
            text, url = inner.group(1), inner.group(2)
        else:
            url = m.group(2)
        found.append((m.start(), text, url.strip()))
    if "://" in masked:  # bare URLs (autolinks, pasted links) count as links too
        spans = [m.span() for m in (matches if plain is masked else LINK.finditer(masked))]
        for m in _PLAIN_URL.finditer(masked):
            if not any(a <= m.start() < b for a, b in spans):
                found.append((m.start(), "", m.group(0).rstrip(".,;:")))
    found.sort(key=lambda f: f[0])
    return [(clean_fragment(text), url) for _, text, url in found]


# A bare URL not opened by "(", "[" or "<" — or one inside "<…>". "http" comes first, the
# lookbehinds after it: a pattern that opens on a literal is searched for at C speed, one that
# opens on a lookbehind is tried at every character (15x slower on a 1 MB note)
_PLAIN_URL = re.compile(r"http(?:(?<![(\[<]http)s?://[^\s<>()\[\]]+|(?<=<http)s?://[^\s<>]+(?=>))")


# ── cleaning ───────────────────────────────────────────────────────────────────


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or ch in "\ufe0f\u200d\u20e3"


def strip_emoji(text: str) -> str:
    if text.isascii():
        return text
    # each distinct character tested once, not each character (C-speed set and translate)
    emoji = {ord(ch): None for ch in set(text) if not ch.isascii() and _is_emoji(ch)}
    return text.translate(emoji) if emoji else text


@lru_cache(maxsize=16384)
def clean_fragment(masked: str) -> str:
    """Masked inline markdown → plain text (math placeholders untouched). Cached: rules clean the
    same link texts and titles several times."""
    text = masked
    if "<" in text:
        text = _AUTOLINK.sub(" ", text)
        text = _HTML_TAG.sub(" ", text)
    if "{:" in text:
        text = _sub_closed(_KRAMDOWN, " ", text)
    if "[" in text:
        if "[[" in text:
            text = _WIKI_LINK.sub(_wiki_link_text, text)
        # each pass only where the text holds what its pattern must match (most hold none)
        if _CITE_NUMBER.search(text):
            text = _NUMERIC_CITE.sub("", text)
        if "![" in text:
            text = _sub_closed(_BADGE, " ", text)
            text = _sub_closed(_IMAGE, " ", text)
        text = _sub_closed(_BRACKETED_LINK, " ", text)
        if "[[" in text:
            text = _sub_closed(_PAPER_LINK_AFTER, " ", text)
        if "](" in text:  # what any link holds
            text = LINK.sub(lambda m: " " if _spelt_out_url(m.group(1)) else m.group(1), text)
            text = LINK.sub(lambda m: m.group(1), text)  # a link inside link text
        if "[^" in text:
            text = _sub_closed(_FOOTNOTE_REF, "", text)
        if "][" in text:
            text = _REF_LINK.sub(r"\1", text)
    if "://" in text or "www." in text or ".org/" in text or ".com/" in text:
        text = _BARE_URL.sub(" ", text)
    if "}`" in text:
        text = _MYST_CITE.sub(" ", text)  # "{cite}`gabaix2016power`": a reference, not words
    if "{{" in text:
        text = _SHORTCODE_TEMPLATE.sub(" ", text)  # Hugo's "{{< figure src=… >}}"
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        for _ in range(2):  # nested emphasis: ***x***, **a *b* c**
            text = _strip_emphasis(text)
        text = text.replace("**", "")
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "^" in text:
        text = _BLOCK_ID.sub("", text)
    if "#" in text:
        text = _TAG.sub(" ", text)
    text = strip_emoji(text)
    if ":" in text:
        text = _EMOJI_SHORTCODE.sub(" ", text)  # ":bulb: :vhs:": GitHub draws these as emoji
    if "(" in text or "[" in text:
        text = _EMPTY_BRACKETS.sub(" ", text)
    if "&" in text:  # kept escaped at the door so they made no tags; the tags are gone now
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = text.replace("\n", " ")
    if "  " in text or "\t" in text or not text.isascii():  # what any run _SPACES takes holds
        text = _SPACES.sub(" ", text)
    if _SPACE_THEN_PUNCT.search(text):  # the pattern's lookbehind, tried everywhere, is slow
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text.strip()


def _wiki_link_text(link: re.Match[str]) -> str:
    if link.group("embed"):
        return " "
    return link.group("alias") or link.group("page") or link.group("heading") or ""


def clean(masked: Masked, fragment: str | None = None) -> str:
    """Clean text of a fragment of ``masked`` (default: all of it), math put back whole."""
    return masked.restore(clean_fragment(masked.text if fragment is None else fragment))


_URL_LIKE = re.compile(r"\A(?:https?://|www\.)|\A[\w.-]+\.(?:org|com|net|io|edu|pub)(?:/|$)")


def _looks_like_url(text: str) -> bool:
    return _URL_LIKE.match(text.strip()) is not None


def looks_like_url(text: str) -> bool:
    return _looks_like_url(text)


def _spelt_out_url(label: str) -> bool:
    """A link label that is its address written out ("https://arxiv.org/abs/…", "github.com/x/y"),
    not a site's name ("Learncheminformatics.com" leading an entry names it)."""
    return _looks_like_url(label) and (
        "/" in label.strip().rstrip("/") or label.lstrip().startswith("www.")
    )


# ── what counts as a paper link ────────────────────────────────────────────────

_PAPER_HOSTS = (
    "arxiv.org", "openreview.net", "aclanthology.org", "aclweb.org", "proceedings.mlr.press",
    "papers.nips.cc", "proceedings.neurips.cc", "neurips.cc", "jmlr.org", "doi.org", "dl.acm.org",
    "ieeexplore.ieee.org", "link.springer.com", "sciencedirect.com", "nature.com", "science.org",
    "semanticscholar.org", "openaccess.thecvf.com", "biorxiv.org", "medrxiv.org", "psycnet.apa.org",
    "citeseerx", "ncbi.nlm.nih.gov", "frontiersin.org", "direct.mit.edu", "research/publication",
    "transformer-circuits.pub", "huggingface.co/papers", "paperswithcode.com/paper", "ojs.aaai.org",
    "ijcai.org", "iclr.cc", "icml.cc", "ssrn.com", "pubmed", "aaai.org", "acm.org/doi",
    "research.google/pubs", "cdn.openai.com", "pnas.org", "cell.com", "plos",
    "usenix.org/conference", "usenix.org/system/files", "mlsys.org", "vldb.org/pvldb",
    "researchgate.net/publication", "ecva.net/papers", "cv-foundation.org", "computer.org/csdl",
    "tandfonline.com/doi", "onlinelibrary.wiley.com", "academic.oup.com",
)  # fmt: skip
_PAPER_WORDS = {"paper", "pdf", "arxiv", "openreview", "preprint", "article"}


def is_paper_link(text: str, url: str) -> bool:
    """A link to a paper: a known paper host, a PDF, or link text such as ``Paper``."""
    if not url or url.startswith("#"):
        return False
    lowered = url.lower()
    if any(host in lowered for host in _PAPER_HOSTS):
        return True
    if lowered.split("?")[0].split("#")[0].endswith(".pdf"):
        return True
    return text.strip().strip("[]").lower() in _PAPER_WORDS
