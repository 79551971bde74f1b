"""Decks: the Card/Deck model and the one YAML loader and writer (errors carry ``file:line``).

Loading composes the file into nodes with libyaml (when present) and builds the data from them;
the nodes are kept only to find the line of each fault.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from studydeck.errors import DeckError, Problem
from studydeck.paths import atomic_write_text, deck_files  # noqa: F401 (deck_files: re-export)
from studydeck.text import strip_controls

FORMAT = "studydeck/1"
DECK_KEYS = ("format", "deck", "title", "source", "cards", "archived")
CARD_KEYS = ("id", "question", "answer", "kind", "tags", "context", "source_line", "url")
REQUIRED_CARD_KEYS = ("id", "question", "answer")
CLOZE = "___"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")  # the whole id: always ``fullmatch``


def is_valid_id(text: str) -> bool:
    """Whether ``text`` is a card id by the deck rule (matched whole: no trailing newline)."""
    return _ID.fullmatch(text) is not None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DeckLoader(_Loader):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key given twice in one mapping: PyYAML keeps the last one
    silently, so a second ``cards:`` list would drop the first and a second ``question:``
    replace the first. Costs one length comparison per mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        own = node.value  # the mapping's own pairs: flatten_mapping puts merged ones in a new list
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):  # a key came twice, or a ``<<`` merge was overridden
            self._refuse_duplicate_key(node, own)
        return mapping

    def _refuse_duplicate_key(self, node: yaml.MappingNode, own: list) -> None:
        first_line: dict[Any, int] = {}
        for key_node, _ in own:
            key = self.construct_object(key_node)  # already built: this is a cache lookup
            if key in first_line:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r} (first on line {first_line[key]})",
                    key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1


def _safe_load(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's SafeLoader when present (plain data only, ~10x faster),
    refusing duplicate keys."""
    loader = _DeckLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style throughout, except tag lists, which read best inline: ``tags: [a, b]``."""


class _Tags(list):
    pass


_Dumper.add_representer(
    _Tags, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)

KeyPath = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    question: str
    answer: str
    kind: str = "manual"
    tags: tuple[str, ...] = ()
    context: str = ""
    source_line: int | None = None
    url: str | None = None

    @property
    def is_cloze(self) -> bool:
        return CLOZE in self.question

    def to_dict(self) -> dict[str, Any]:
        """Keys in the documented order; empty optional fields are left out."""
        out: dict[str, Any] = {"id": self.id, "question": self.question, "answer": self.answer}
        out["kind"] = self.kind
        if self.tags:
            out["tags"] = _Tags(self.tags)
        if self.context:
            out["context"] = self.context
        if self.source_line is not None:
            out["source_line"] = self.source_line
        if self.url:
            out["url"] = self.url
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Card:
        """A card from validated YAML data; control characters are dropped at this door
        (a hand-written deck can carry ``"\\e]0;title\\a"``)."""
        url = data.get("url")
        return cls(
            id=str(data["id"]),
            question=strip_controls(str(data["question"])),
            answer=strip_controls(str(data["answer"])),
            kind=strip_controls(str(data.get("kind") or "manual")),
            tags=tuple(strip_controls(str(t)) for t in data.get("tags") or ()),
            context=strip_controls(str(data.get("context") or "")),
            source_line=data.get("source_line"),
            url=strip_controls(str(url)) if url else None,
        )


@dataclass(slots=True)
class Deck:
    name: str
    title: str = ""
    source: str | None = None
    cards: list[Card] = field(default_factory=list)
    archived: list[Card] = field(default_factory=list)
    path: Path | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": FORMAT, "deck": self.name}
        if self.title:
            out["title"] = self.title
        if self.source:
            out["source"] = self.source
        out["cards"] = [card.to_dict() for card in self.cards]
        if self.archived:
            out["archived"] = [card.to_dict() for card in self.archived]
        return out


# ── writing ────────────────────────────────────────────────────────────────────


def dump_deck(deck: Deck) -> str:
    """Deterministic YAML: fixed key order, no timestamps, long lines left unwrapped.

    The shape is fixed, so it is written directly (a deck of 36k cards: ~0.1 s instead of ~1.5 s
    through PyYAML's representer); every scalar is rendered exactly as PyYAML renders it, so the
    text is the same as ``_yaml_dump`` gives, and it always loads back to ``deck.to_dict()``."""
    out = [f"format: {_scalar(FORMAT)}\ndeck: {_scalar(deck.name)}\n"]
    if deck.title:
        out.append(f"title: {_scalar(deck.title)}\n")
    if deck.source:
        out.append(f"source: {_scalar(deck.source)}\n")
    for section, cards in (("cards", deck.cards), ("archived", deck.archived)):
        if section == "archived" and not cards:
            continue
        if not cards:
            out.append(f"{section}: []\n")
            continue
        out.append(f"{section}:\n")
        for card in cards:
            out.append(f"- id: {_scalar(card.id)}\n  question: {_scalar(card.question)}\n")
            out.append(f"  answer: {_scalar(card.answer)}\n  kind: {_scalar(card.kind)}\n")
            if card.tags:
                out.append(f"  tags: {_tags(card.tags)}\n")
            if card.context:
                out.append(f"  context: {_scalar(card.context)}\n")
            if card.source_line is not None:
                out.append(f"  source_line: {_scalar(card.source_line)}\n")
            if card.url:
                out.append(f"  url: {_scalar(card.url)}\n")
    return "".join(out)


def _yaml_dump(data: Any) -> str:
    """PyYAML with the deck settings: the reference ``dump_deck`` agrees with."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )


# Plain scalars PyYAML writes as they are: printable (in the BMP), starting with a letter or
# digit, no ": " or " #" inside, no trailing ":" or space. Anything else: PyYAML renders it.
_PLAIN = re.compile(r"[^\W_](?:(?!: | #)[^\n])*(?<![ :])")
_PLAIN_TAG = re.compile(r"[a-z][a-z0-9-]*")
_IMPLICIT_FIRST = frozenset("0123456789+-.~nNyYtTfFoO<=")


@lru_cache(maxsize=65536)
def _scalar(value: Any) -> str:
    if isinstance(value, str):
        plain = value.isprintable() and _PLAIN.fullmatch(value) is not None
        if plain and not value.isascii():  # libyaml escapes characters beyond the BMP
            plain = max(value) <= "\uffff"
        if plain and value[0] not in _IMPLICIT_FIRST:
            return value
    elif isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = _yaml_dump({"k": value})
    if text.count("\n") == 1 and text.startswith("k: "):
        return text[3:-1]
    return _double_quoted(str(value))  # a value PyYAML spreads over several lines


@lru_cache(maxsize=4096)
def _tags(tags: tuple[str, ...]) -> str:
    if all(_PLAIN_TAG.fullmatch(t) and t[0] not in _IMPLICIT_FIRST for t in tags):
        return f"[{', '.join(tags)}]"
    text = _yaml_dump({"k": _Tags(tags)})
    if text.count("\n") == 1 and text.startswith("k: "):
        return text[3:-1]
    return "[" + ", ".join(_double_quoted(t) for t in tags) + "]"


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar on one line: JSON escapes, plus the characters YAML reads as
    line breaks or refuses unescaped."""
    body = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", body)


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def save_deck(deck: Deck, path: Path) -> None:
    atomic_write_text(Path(path), dump_deck(deck))


# ── reading ────────────────────────────────────────────────────────────────────


def parse_deck(text: str, filename: str = "<deck>") -> Deck:
    """Parse and validate deck YAML; raise :class:`DeckError` listing every fault with its line.

    A deck that parses cleanly is read by the fast path (``deck_fast``: a Rust YAML parser,
    ~10x faster), which gives the very deck the safe loader gives or declines; the safe
    loader reads the rest and reports their faults."""
    from studydeck.deck_fast import fast_deck  # here: deck_fast imports this module

    deck = fast_deck(text)
    if deck is not None:
        return deck
    return parse_deck_safely(text, filename)


def parse_deck_safely(text: str, filename: str = "<deck>") -> Deck:
    """:func:`parse_deck` by the safe loader alone: for a caller that has already tried the
    fast path (``deck_fast.fast_deck_rows``) and been declined."""
    _, deck, problems = _parse(text, filename)
    if problems:
        raise DeckError(problems)
    return deck


def _parse(text: str, filename: str) -> tuple[yaml.Node | None, Any, list[Problem]]:
    """``(node tree, deck, faults)``: the deck when there is no fault; the tree (it gives the
    line of each fault) whenever the YAML composes, even when building the data fails."""
    loader = _DeckLoader(text)
    root = None
    try:
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
    except yaml.YAMLError as exc:
        return root, None, [_yaml_problem(exc, text, filename)]
    finally:
        loader.dispose()
    faults = list(validate(data))
    if faults:
        return root, None, [Problem(filename, _line_of(root, at), msg) for at, msg in faults]
    source = data.get("source")
    deck = Deck(
        name=strip_controls(str(data["deck"])),
        title=strip_controls(str(data.get("title") or "")),
        source=strip_controls(str(source)) if source else None,
        cards=[Card.from_dict(c) for c in data.get("cards") or ()],
        archived=[Card.from_dict(c) for c in data.get("archived") or ()],
    )
    return root, deck, []


def _yaml_problem(exc: yaml.YAMLError, text: str, filename: str) -> Problem:
    """Where the problem *starts*: a problem found only at the end of the text (an unclosed
    quote or bracket) is reported at its context, e.g. the line where the quote opens."""
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    at_end = mark is not None and not text[mark.index :].strip()
    if context is not None and (mark is None or at_end):
        what = getattr(exc, "context", None)
        message = f"{what}, {reason}" if what else reason
        return Problem(filename, context.line + 1, f"YAML error: {message}")
    line = mark.line + 1 if mark is not None else None
    return Problem(filename, line, f"YAML error: {reason}")


def load_deck(path: Path) -> Deck:
    path = Path(path)
    deck = parse_deck(read_deck_text(path), str(path))
    deck.path = path
    return deck


def read_deck_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DeckError([Problem(str(path), None, "is a directory, not a deck file")]) from None
    except OSError as exc:
        raise DeckError([Problem(str(path), None, exc.strerror or str(exc))]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DeckError([Problem(str(path), line, "not UTF-8 text")]) from None


def check_deck(path: Path) -> list[Problem]:
    """Every fault in one deck file (empty when it is valid)."""
    try:
        load_deck(path)
    except DeckError as exc:
        return exc.problems
    return []


def duplicate_ids(decks: Sequence[Deck]) -> list[Problem]:
    """Ids used by more than one deck (active or archived): each later use is a fault."""
    seen: dict[str, str] = {}
    problems = []
    for deck in decks:
        for card in (*deck.cards, *deck.archived):
            first = seen.setdefault(card.id, deck.name)
            if first != deck.name:
                where = str(deck.path) if deck.path else deck.name
                line = _card_line(deck, card.id)
                problems.append(
                    Problem(where, line, f"card id {card.id!r} is already used by deck {first!r}")
                )
    return problems


# ── one deck folder: which file claims which deck name and card id ─────────────

Claim = tuple[str, str]  # ("deck name", name) or ("card id", id)


@dataclass(slots=True)
class DeckReport:
    """One deck file as ``check`` sees it: its own faults, its card count, and what it claims
    in the deck folder (deck name, card ids) with lines, read even when it has faults."""

    path: str
    problems: list[Problem]
    cards: int = 0
    claims: list[tuple[Claim, int]] = field(default_factory=list)


def inspect_deck(path: Path) -> DeckReport:
    try:
        text = read_deck_text(path)
    except DeckError as exc:
        return DeckReport(str(path), exc.problems)
    root, deck, problems = _parse(text, str(path))
    return DeckReport(str(path), problems, len(deck.cards) if deck else 0, _claims(root))


def _claims(root: yaml.Node | None) -> list[tuple[Claim, int]]:
    found = []
    name = _child(root, "deck")
    if _is_text(name):
        found.append((("deck name", strip_controls(name.value)), name.start_mark.line + 1))
    for section in ("cards", "archived"):
        cards = _child(root, section)
        for card in cards.value if isinstance(cards, yaml.SequenceNode) else ():
            node = _child(card, "id")
            if _is_text(node):
                found.append((("card id", node.value), node.start_mark.line + 1))
    return found


def _is_text(node: yaml.Node | None) -> bool:
    """A non-blank YAML string (``16`` or ``true`` are no ids or names: faults of their own)."""
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:str"
        and bool(node.value.strip())
    )


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return None


def folder_clashes(reports: Sequence[DeckReport], involving: Collection[str]) -> list[Problem]:
    """Deck names and card ids claimed by two deck files (``reports`` in the folder's order).

    The rule ``Store.sync_decks`` applies: going through the files in order, a file is loaded
    unless it has faults of its own or claims a name or id of a file loaded before it. So each
    shared claim is reported at the file that is not loaded, naming the one that is (when none
    is, at the later files, naming the first); only claims shared with a file in ``involving``.
    """
    loaded = _loaded(reports)
    uses: dict[Claim, list[tuple[str, int]]] = {}
    for report in reports:
        for claim, line in report.claims:
            files = uses.setdefault(claim, [])
            if all(file != report.path for file, _ in files):  # in-file repeats: its own fault
                files.append((report.path, line))
    order = {report.path: index for index, report in enumerate(reports)}
    problems = []
    for (what, value), places in uses.items():
        owner = next((place for place in places if place[0] in loaded), places[0])
        for file, line in places:
            if file != owner[0] and (file in involving or owner[0] in involving):
                verb = "is also in" if what == "card id" else "is also used by"
                message = f"{what} {value!r} {verb} {owner[0]}:{owner[1]}"
                problems.append((order[file], line, Problem(file, line, message)))
    return [problem for *_, problem in sorted(problems, key=lambda p: p[:2])]


def _loaded(reports: Sequence[DeckReport]) -> set[str]:
    taken: set[Claim] = set()
    loaded = set()
    for report in reports:
        claims = {claim for claim, _ in report.claims}
        if not report.problems and not claims & taken:
            loaded.add(report.path)
            taken |= claims
    return loaded


# ── validation ─────────────────────────────────────────────────────────────────


def validate(data: Any) -> Iterable[tuple[KeyPath, str]]:
    """Yield ``(key path, message)`` for each schema fault; the path locates the line later."""
    if not isinstance(data, dict):
        yield (), "a deck is a mapping with 'format', 'deck' and 'cards'"
        return
    for key in data:
        if key not in DECK_KEYS:
            yield (key,), f"unknown key {key!r} (expected one of: {', '.join(DECK_KEYS)})"
    if data.get("format") != FORMAT:
        yield ("format",), f"'format' must be {FORMAT!r}"
    name = data.get("deck")
    if not isinstance(name, str) or not name.strip():
        yield ("deck",), "'deck' must be a non-empty name"
    for key in ("title", "source"):
        if data.get(key) is not None and not isinstance(data[key], str):
            yield (key,), f"'{key}' must be text"
    seen: dict[str, KeyPath] = {}
    for section in ("cards", "archived"):
        cards = data.get(section)
        if cards is None:
            if section == "cards":
                yield (), "missing 'cards' (a list, possibly empty: cards: [])"
            continue
        if not isinstance(cards, list):
            yield (section,), f"'{section}' must be a list of cards"
            continue
        for index, card in enumerate(cards):
            where = (section, index)
            yield from _validate_card(card, where)
            card_id = card.get("id") if isinstance(card, dict) else None
            if isinstance(card_id, str):
                if card_id in seen:
                    yield (*where, "id"), f"duplicate card id {card_id!r}"
                seen.setdefault(card_id, where)


def _validate_card(card: Any, where: KeyPath) -> Iterable[tuple[KeyPath, str]]:
    if not isinstance(card, dict):
        yield where, "a card is a mapping with 'id', 'question' and 'answer'"
        return
    for key in card:
        if key not in CARD_KEYS:
            yield (*where, key), f"unknown card key {key!r}"
    for key in REQUIRED_CARD_KEYS:
        value = card.get(key)
        if value is None:
            yield where, f"card is missing '{key}'"
        elif key == "id" and not isinstance(value, str):
            yield (*where, key), _not_text_id(value)
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            yield (*where, key), f"'{key}' must be text"
        elif not str(value).strip():
            yield (*where, key), f"'{key}' is empty"
    card_id = card.get("id")
    if isinstance(card_id, str) and card_id.strip() and not is_valid_id(card_id):
        yield (*where, "id"), f"id {card_id!r} may hold only letters, digits and . _ : -"
    question = card.get("question")
    if isinstance(question, str) and question.count(CLOZE) > 1:
        yield (*where, "question"), f"a cloze question holds exactly one {CLOZE!r} blank"
    for key in ("kind", "context", "url"):
        if card.get(key) is not None and not isinstance(card[key], str):
            yield (*where, key), f"'{key}' must be text"
    tags = card.get("tags")
    if tags is not None and (
        not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags)
    ):
        yield (*where, "tags"), "'tags' must be a list of words"
    line = card.get("source_line")
    if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
        yield (*where, "source_line"), "'source_line' must be a line number (1 or more)"


def _not_text_id(value: Any) -> str:
    """An id YAML read as something else: ``16``, ``0x10`` and ``16.0`` would all become the
    id "16" (and overwrite each other), ``12:30`` is 750, ``-.inf`` a float."""
    if isinstance(value, bool):
        kind = "true/false"
    elif isinstance(value, (int, float)):
        kind = "number"
    elif isinstance(value, (date, datetime)):
        kind = "date"
    else:
        return "'id' must be text"
    return f"'id' must be text, not a {kind}: put it in quotes (id: \"…\")"


def _line_of(node: yaml.Node | None, path: KeyPath) -> int | None:
    """1-based line of the node at ``path`` (the deepest one found)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    # A key that names a fault (unknown key) points at the key itself.
                    child = value_node if step != path[-1] else key_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            child = node.value[step]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _card_line(deck: Deck, card_id: str) -> int | None:
    if deck.path is None:
        return None
    try:
        text = deck.path.read_text(encoding="utf-8")
    except OSError:
        return None
    needle = re.compile(rf"^\s*-?\s*id:\s*['\"]?{re.escape(card_id)}['\"]?\s*$", re.M)
    match = needle.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None
