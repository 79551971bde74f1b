"""The fast path of the deck loader: a Rust YAML parser (``yaml-rs``) for decks that parse
cleanly, giving exactly the :class:`~studydeck.deck.Deck` the safe loader gives, or nothing.

``fast_deck(text)`` returns a deck only when it can vouch that PyYAML's safe loader, with the
deck rules of :mod:`studydeck.deck`, would build the same one; anything else (a fault, a
construct where the two parsers may read differently, a value it would have to convert)
returns ``None`` and the caller runs the safe loader, which also reports every ``file:line``
fault. So the fast path only ever *accepts*; it never reports.

Where YAML 1.1 (PyYAML) and the Rust parser may differ, and how each is ruled out:

- Scalar types. A plain ``yes``, ``12:30``, ``017``, ``2026-03-02`` or ``1e3`` is a bool, a
  number or a date to one and a string or another number to the other. Only strings are
  accepted, and one only where PyYAML reads it as a string whether it was quoted or not:
  a string its implicit resolvers would read as something else (``2023``, ``yes``) is
  accepted when the Rust parser would not have read it, plain, as this string either (so it
  was quoted: ``'2023'``), or when the text holds it only quoted (``yes`` stands nowhere a
  plain scalar could). The one non-string accepted is ``source_line``, only when every
  ``source_line`` in the text reads ``source_line: <decimal>`` and the values agree, in order.
- Duplicate keys: the Rust parser refuses them (and the safe loader then reports them).
- Characters the two read differently: tags (``!``), directives, a text not ending in a
  line break (a block scalar last: chomped unalike), an anchor named twice, a byte-order
  mark, CR, tab, the C1 controls with NEL, the Unicode line/paragraph separators (line
  breaks to YAML 1.1), what PyYAML's reader refuses as non-printable, and escapes that spell
  a name (``\\x5f``, a backslash line break): any of them sends the deck to the safe loader.
- In a flow collection (``[…]``, ``{…}``), a node starting with ``|``, ``>``, ``?`` or ``:``:
  text to the Rust parser, a fault or a key to PyYAML; such a text goes to the safe loader.
- Multiple documents, merge keys (``<<``), complex keys: not a mapping of known keys, so
  refused by the shape check.

Checked by ``tests/test_deck_fast.py``: hypothesis over generated decks and YAML fragments
(when the fast path accepts, it equals the safe loader) and the sample decks in ``decks/``.
"""

from __future__ import annotations

import gc
import re
from functools import lru_cache
from typing import Any

from studydeck.deck import (
    CARD_KEYS,
    CLOZE,
    DECK_KEYS,
    FORMAT,
    Card,
    Deck,
    _DeckLoader,
    is_valid_id,
)
from studydeck.text import strip_controls

try:
    import yaml_rs
except ImportError:  # pragma: no cover - a dependency; without it every deck takes the safe path
    yaml_rs = None

_CARD_KEYS = frozenset(CARD_KEYS)
_DECK_KEYS = frozenset(DECK_KEYS)
# C0 controls but newline (tab and CR included: whitespace whose handling differs in corners)
_C0 = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])
# Checked only when a two-byte character from U+0080..U+00BF is there at all (rare).
_C1 = re.compile("[\x80-\x9f]")
_REFUSED_CHARS = "\u2028\u2029\ufeff\ufffe\uffff"
_TAG = re.compile(r"(?:^|[\s\[{,:])!")
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&([^\s\[\]{},]+)")
# An escape that gives a printable ASCII character, or a backslash line break: how a
# double-quoted key could spell ``source_line`` without the text holding it.
# In a flow collection a node starting with ``| > ? :`` is plain text to the Rust parser, a
# block scalar or a key/value indicator (a fault, or a mapping) to PyYAML. A node there starts
# after ``[ { ,`` or, in a mapping, after ``: ``; block scalars (``answer: |``) are only
# suspect when the text has a flow mapping at all.
_FLOW_ITEM_INDICATOR = re.compile(r"[\[{,][ \n]*[|>?:]")
_FLOW_VALUE_INDICATOR = re.compile(r":[ \n]+[|>?:]")
_NAME_ESCAPE = re.compile(r"\\(?:\n|x[2-7][0-9a-fA-F]|u00[2-7][0-9a-fA-F]|U000000[2-7][0-9a-fA-F])")


def _plain_text_only(text: str) -> bool:
    """No character or construct in ``text`` that the two parsers may read differently."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    if len(raw.translate(None, _C0)) != len(raw):
        return False
    if b"\xc2" in raw and _C1.search(text):
        return False
    if any(char in text for char in _REFUSED_CHARS):
        return False
    if "!" in text and _TAG.search(text):
        return False
    if text.startswith("%") or "\n%" in text:  # directives: PyYAML knows fewer
        return False
    if not text.endswith("\n"):  # a block scalar ending the stream: the two chomp it unalike
        return False
    if ("[" in text or "{" in text) and _FLOW_ITEM_INDICATOR.search(text):
        return False
    if "{" in text and _FLOW_VALUE_INDICATOR.search(text):
        return False
    if "&" in text:  # an anchor named twice: PyYAML refuses it, the Rust parser takes the last
        anchors = _ANCHOR.findall(text)
        if len(anchors) != len(set(anchors)):
            return False
    return not ("\\" in text and _NAME_ESCAPE.search(text))


def _implicit_pattern() -> re.Pattern[str]:
    """One regex matching every plain scalar PyYAML's resolver would make anything but a
    string: the union of its implicit resolvers (it applies them by first character; the
    union can only match more, which is the safe direction)."""
    patterns = {
        regexp.pattern: regexp.flags
        for resolvers in _DeckLoader.yaml_implicit_resolvers.values()
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:str"
    }
    if any(flags & ~(re.X | re.U) for flags in patterns.values()):
        raise RuntimeError("a YAML resolver with flags the union does not carry")
    return re.compile(
        "|".join(f"(?x:{p})" if f & re.X else f"(?:{p})" for p, f in patterns.items())
    )


_NOT_TEXT = _implicit_pattern()
# The first characters PyYAML's implicit resolvers are registered for ("" is the empty string).
_RESOLVED_FIRST = frozenset(key for key in _DeckLoader.yaml_implicit_resolvers if key is not None)
_SOURCE_LINE_ODD = re.compile(r"source_line(?!: [1-9][0-9]*\n)")
_SOURCE_LINE = re.compile(r"source_line: ([1-9][0-9]*)\n")


class _Refused(Exception):
    """Not for the fast path: let the safe loader read (and judge) this deck."""


# What the fast path gives: the deck's name, title and source, and its cards (active, then
# archived) as rows of these fields — what the store keeps; :func:`fast_deck` makes the Deck.
CARD_FIELDS = ("id", "question", "answer", "kind", "tags", "context", "source_line", "url")
DeckRows = tuple[str, str, str | None, list[tuple], list[tuple]]


def fast_deck(text: str) -> Deck | None:
    """The deck ``text`` holds, when the fast path can vouch for it; else ``None``."""
    rows = fast_deck_rows(text)
    if rows is None:
        return None
    name, title, source, active, archived = rows
    return Deck(name, title, source, _card_objects(active), _card_objects(archived))


def fast_deck_rows(text: str) -> DeckRows | None:
    """:func:`fast_deck` as rows of :data:`CARD_FIELDS`, with no Card objects built (what a
    sync stores: 100,000 cards' worth of objects cost ~0.2 s to build and take apart)."""
    if yaml_rs is None or not _plain_text_only(text):
        return None
    collect = gc.isenabled()
    gc.disable()  # ~100k containers per deck, none cyclic: the collector only costs time
    try:
        try:
            data = yaml_rs.loads(text)
        except Exception:  # any fault: the safe loader says what and where
            return None
        lines: list[int] = []
        doubtful: set[str] = set()
        try:
            rows = _build(data, lines, doubtful)
        except _Refused:
            return None
    finally:
        if collect:
            gc.enable()
    if not _source_lines_agree(text, lines):
        return None
    if doubtful and not _all_quoted(text, doubtful):
        return None
    return rows


def _card_objects(rows: list[tuple]) -> list[Card]:
    new, put = object.__new__, object.__setattr__  # frozen: set once, as __init__ would
    out = []
    for row in rows:
        card = new(Card)
        for field, value in zip(CARD_FIELDS, row, strict=True):
            put(card, field, value)
        out.append(card)
    return out


def _build(data: Any, lines: list[int], doubtful: set[str]) -> DeckRows:
    if type(data) is not dict or not data.keys() <= _DECK_KEYS or "cards" not in data:
        raise _Refused
    if data.get("format") != FORMAT:
        raise _Refused
    name = _text(data.get("deck"), doubtful)
    if not name.strip():
        raise _Refused
    title = _text(data["title"], doubtful) if "title" in data else ""
    source = _text(data["source"], doubtful) if "source" in data else None
    seen: set[str] = set()
    sections: dict[str, list[tuple]] = {"cards": [], "archived": []}
    for section in data:  # document order: the order source lines are checked in
        if section in sections:
            sections[section] = _cards(data[section], seen, lines, doubtful)
    return (
        strip_controls(name),
        strip_controls(title),
        strip_controls(source) if source else None,
        sections["cards"],
        sections["archived"],
    )


def _text(value: Any, doubtful: set[str]) -> str:
    """A string value; one PyYAML would read as no string if it was plain goes to ``doubtful``."""
    if type(value) is not str:
        raise _Refused
    if value[:1] in _RESOLVED_FIRST and _NOT_TEXT.match(value) and _plain_is_text(value):
        doubtful.add(value)
    return value


@lru_cache(maxsize=1024)
def _plain_is_text(value: str) -> bool:
    """Whether the Rust parser reads ``value``, written plain, as this string. When it does
    not (``2023`` is a number to it too, ``2026-03-02`` a date), a string ``value`` it gave
    back was quoted in the text, and PyYAML reads it as that string as well."""
    try:
        probe = yaml_rs.loads(f"- {value}\n")
    except Exception:
        return False  # cannot be written plain: it was quoted
    return probe == [value]


_MAX_DOUBTFUL = 16


def _all_quoted(text: str, values: set[str]) -> bool:
    """No value in ``values`` (``yes``, ``12:30``…) stands alone in ``text`` where a plain
    scalar could start: after ``: ``, ``- ``, ``? ``, a flow ``[ { ,``, or at a line start (an
    anchor between), up
    to the line's end, a comment or a flow indicator. Only quoted occurrences are left, so
    each such string was quoted (false alarms only send the deck to the safe loader)."""
    if len(values) > _MAX_DOUBTFUL:
        return False
    for value in values:
        alone = rf"(?:^|[:?,\[{{-])[ ]*(?:&\S*[ ]+)?{re.escape(value)}[ ]*(?:$|[#,\]}}:])"
        if re.search(alone, text, re.M):
            return False
    return True


def _cards(items: Any, seen: set[str], lines: list[int], doubtful: set[str]) -> list[tuple]:
    """The cards of one section as rows of :data:`CARD_FIELDS`, or :class:`_Refused` at
    anything the fast path does not vouch for (the rules of ``deck.validate`` and
    ``Card.from_dict``, on strings only)."""
    if type(items) is not list:
        raise _Refused
    keys, first, not_text, valid_id = _CARD_KEYS, _RESOLVED_FIRST, _NOT_TEXT.match, is_valid_id
    strip = strip_controls
    tags_seen: dict[tuple, tuple] = {}
    out = []
    for card in items:
        if type(card) is not dict or not card.keys() <= keys:
            raise _Refused
        tags: tuple[str, ...] = ()
        line = None
        for key, value in card.items():
            if type(value) is str:
                if value[:1] in first and not_text(value) and _plain_is_text(value):
                    doubtful.add(value)
                if key == "tags" or key == "source_line":
                    raise _Refused
            elif key == "tags" and type(value) is list:
                for tag in value:
                    if type(tag) is not str or not tag:
                        raise _Refused
                    if tag[:1] in first and not_text(tag) and _plain_is_text(tag):
                        doubtful.add(tag)
                tags = tuple(map(strip, value))
                tags = tags_seen.setdefault(tags, tags)  # one tuple per tag set: less memory
            elif key == "source_line" and type(value) is int and value >= 1:
                line = value
                lines.append(value)
            else:
                raise _Refused
        card_id = card.get("id")
        question = card.get("question")
        answer = card.get("answer")
        if (
            question is None
            or answer is None
            or card_id is None
            or not valid_id(card_id)
            or card_id in seen
            or not question.strip()
            or not answer.strip()
            or question.count(CLOZE) > 1
        ):
            raise _Refused
        seen.add(card_id)
        kind = card.get("kind")
        context = card.get("context", "")
        url = card.get("url")
        out.append(
            (
                card_id,
                question if question.isprintable() else strip(question),
                answer if answer.isprintable() else strip(answer),
                (kind if kind.isprintable() else strip(kind)) if kind else "manual",
                tags,
                (context if context.isprintable() else strip(context)) or "",
                line,
                (url if url.isprintable() else strip(url)) if url else None,
            )
        )
    return out


def _source_lines_agree(text: str, lines: list[int]) -> bool:
    """Every ``source_line`` in the text reads ``source_line: <decimal>`` on its line, one per
    parsed value, and they are the values parsed, in order (so none was ``017``, ``0o17``,
    ``1_0`` or a flow or quoted key's)."""
    if text.count("source_line") != len(lines) or _SOURCE_LINE_ODD.search(text):
        return False
    return list(map(int, _SOURCE_LINE.findall(text))) == lines
