"""Document-level hygiene before parsing, each step keeping the note's line numbers: front
matter, mojibake, NULs and CRs, app bookkeeping (Logseq/Dataview properties, block references,
Org directives, Obsidian comments, Kindle locations), HTML entities, and display math written as
``\\[…\\]`` or a ```` ```math ```` fence turned into ``$$…$$``."""

from __future__ import annotations

import html
import re

from studydeck.notes import hygiene, scan
from studydeck.text import strip_controls

# Display math written as \[ … \] or a ```math fence: rewritten to $$ … $$ (same line count).
# Opener and closer are separate patterns paired by notes.scan.delimited: as one regex with a
# lazy body, each unclosed opener rescanned the rest of the document ("\\[x\n" * 32k: 80 s).
_BRACKET_OPEN = re.compile(r"^([ \t]*+)\\\[", re.M)
_BRACKET_CLOSE = re.compile(r"\\\][ \t]*+$", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*+\n")  # \[ … \] never runs across a blank line
_FENCE_OPEN = re.compile(r"^([ \t]*+)```++[ \t]*+math[ \t]*+\n", re.M)
_FENCE_CLOSE = re.compile(r"\n[ \t]*+```++[ \t]*+$", re.M)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


# Logseq / Dataview property lines ("hl-page:: 353", "id:: 6378…", "- tags:: ml"): the app's
# bookkeeping, not the note's text (emptied, so line numbers stay) — except the ones that say
# what paper a page is about, which the paper rules read
_PROPERTY_LINE = re.compile(r"^[ \t]*+(?:[-*+][ \t]++)?([A-Za-z][\w-]*+)::(?:[ \t][^\n]*+)?$", re.M)
_PAPER_PROPERTIES = {
    "year", "authors", "author", "venue", "conference", "journal", "title", "url", "link", "doi",
}  # fmt: skip


# Logseq block references "((6371f38f-c95e-…))" and Dataview inline keys "primary::Tool": ids
# and keys, not words
_BLOCK_REF = re.compile(r"\(\([0-9a-f]{8}-[0-9a-f-]{27}\)\)")
# the author's own clozes: Logseq's {{cloze x}}, Anki's {{c1::x}} / {{c1::x::hint}} — kept as
# emphasis, which the fact rule blanks first
_AUTHOR_CLOZE = re.compile(
    r"\{\{(?:cloze\s++|c\d{1,2}+::)([^{}:\n]{1,200}+)(?:::[^{}\n]{0,100}+)?\}\}"
)
_INLINE_KEY = re.compile(r"(?<![\w-])[A-Za-z][\w-]*+::(?=\S)")


# Org-mode directives Logseq writes into markdown ("#+BEGIN_NOTE", "#+END_QUOTE"): markup
_ORG_DIRECTIVE = re.compile(r"^[ \t]*+(?:[-*+][ \t]++)?#\+[A-Za-z_]++[^\n]*+$", re.M)
# where in the book a Kindle highlight was made, opening its line: "- loc 105 - “Everything …"
_LOCATION = re.compile(
    r"^([ \t]*+(?:[-*+][ \t]++)?)(?:loc|location|page|p\.)[ \t]*+\d++(?:[-–]\d++)?+[ \t]*+"
    r"[-–—:|][ \t]++",
    re.M | re.I,
)


def _drop_property(line: re.Match[str]) -> str:
    return line.group(0) if line.group(1).lower() in _PAPER_PROPERTIES else ""


_EMPTY_DISPLAY = re.compile(r"(?:(?<=\s)|^)\$\$[ \t]*+\$\$(?=\s|$)", re.M)


def prepare(text: str) -> str:
    """Document-level hygiene that keeps line numbers: front matter, mojibake, NULs, CRs,
    Logseq/Dataview property lines, HTML entities, and ``\\[…\\]`` / ```` ```math ```` display
    math turned into ``$$…$$``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
    text = hygiene.repair_mojibake(hygiene.strip_front_matter(text))
    if "{{" in text:  # before the "key::" properties: "{{c1::x}}" is none
        text = _AUTHOR_CLOZE.sub(r"**\1**", text)
    if "::" in text:
        text = _INLINE_KEY.sub("", _PROPERTY_LINE.sub(_drop_property, text))
    if "((" in text:
        text = _BLOCK_REF.sub("", text)
    if "#+" in text:
        text = _ORG_DIRECTIVE.sub("", text)
    text = _LOCATION.sub(r"\1", text)
    if "%%" in text:
        text = _without_comments(text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: _unescape(m.group(0)), text)
    if "$$$$" in text or "$$ $$" in text:
        text = _EMPTY_DISPLAY.sub("", text)  # "$$…$$ $$$$": an empty formula left by an editor
    if "\\[" in text:
        text = _display_math(text, _BRACKET_OPEN, _BRACKET_CLOSE, "{indent}$${body}$$", _BLANK_LINE)
    if "```" in text:
        text = _display_math(text, _FENCE_OPEN, _FENCE_CLOSE, "{indent}$$\n{body}\n{indent}$$")
    return strip_controls(text)  # at the door (after entities: &#27; is ESC too)


# Obsidian comments, never shown: a "%%" line to the next "%%" line, or "%%…%%" in a line
_COMMENT_OPEN = re.compile(r"^[ \t]*+%%[ \t]*+\n", re.M)
_COMMENT_CLOSE = re.compile(r"^[ \t]*+%%[ \t]*+$", re.M)
_INLINE_COMMENT = re.compile(r"%%[^%\n]{1,300}+%%")


def _without_comments(text: str) -> str:
    """The note without its Obsidian comments ("%%\nID: 6401275\n%%"), each line kept."""
    out, done = [], 0
    for opened, closed in scan.delimited(text, _COMMENT_OPEN, _COMMENT_CLOSE):
        hidden = text[opened.start() : closed.end()]
        out += (text[done : opened.start()], "\n" * hidden.count("\n"))
        done = closed.end()
    text = "".join(out) + text[done:] if out else text
    return _INLINE_COMMENT.sub(" ", text) if "%%" in text else text


def _display_math(
    text: str,
    opener: re.Pattern[str],
    closer: re.Pattern[str],
    template: str,
    barrier: re.Pattern[str] | None = None,
) -> str:
    """Each ``opener body closer`` span rewritten by ``template`` (``indent``: the opener's
    group 1)."""
    out, done = [], 0
    for opened, closed in scan.delimited(text, opener, closer, barrier):
        body = text[opened.end() : closed.start()]
        out += (text[done : opened.start()], template.format(indent=opened.group(1), body=body))
        done = closed.end()
    return "".join(out) + text[done:] if out else text


def _unescape(entity: str) -> str:
    """``&mdash;`` → ``—``; entities that would make markup (``&lt;``, ``&amp;``) stay."""
    char = html.unescape(entity)
    return entity if char in "<>&" or char == entity else char
