"""The deck loader's fast path (studydeck/deck_fast.py) gives exactly what the safe loader
gives, or declines: on decks our own writer wrote, on hand-written YAML in every style, on
random mutations of both, and on the sample decks. Declining is always allowed; a deck that
differs from the safe loader's by one field, or a deck where the safe loader finds a fault,
is the bug these tests look for."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from studydeck import deck_fast
from studydeck.deck import Card, Deck, _parse, dump_deck, parse_deck
from studydeck.deck_fast import fast_deck
from studydeck.errors import DeckError
from studydeck.store.deck_reader import ParsedDeck

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DECKS = sorted((REPO / "decks").glob("*.yaml"))


def safe(text: str):
    """What the safe loader (PyYAML, the deck rules) makes of ``text``: a deck or faults."""
    _, deck, problems = _parse(text, "<deck>")
    return deck if not problems else [str(p) for p in problems]


def agrees(text: str) -> bool:
    """The fast path declined, or gave the safe loader's deck, field for field."""
    fast = fast_deck(text)
    if fast is None:
        return True
    reference = safe(text)
    assert isinstance(reference, Deck), (text, reference)
    assert fast == reference, text
    assert [c.__repr__() for c in fast.cards] == [c.__repr__() for c in reference.cards]
    return True


# Text that probes both parsers: YAML indicators, things YAML 1.1 reads as numbers, bools,
# dates or null, escapes, math, quotes, unicode, the characters the fast path refuses.
TRICKY = [
    "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "NULL", "true", "False", "",
    "16", "017", "0o17", "0x1F", "1_000", "12:30", "190:20:30", "1e3", "1.5e+3", ".inf",
    "-.INF", ".nan", "+1", "-0", "2026-03-02", "2026-03-02 10:00:00",
    "2001-12-14t21:59:43.10-05:00",
    "<<", "=", "!", "&a", "*a", "!!str", "%x", "@x", "`x", "- x", "? x", ": x", "x: y", "x #c",
    "x#c", "#c", "'", '"', "''", "a'b", 'a"b', "\\", "\\n", "\\x41", "[a]", "{a: b}", "a, b",
    "a\nb", "a\n\nb", " lead", "trail ", "\t", "\r", "\x1b]0;t\x07", "\x85", "\u2028", "\ufeff",
    "\u202e", "\x7f", "\x9b", "é", "α β", "$x^2$", "$\\alpha$", "—", "…", "😀", "\U0001f600x",
    "___", "a ___ b", "a ___ b ___", "https://x.org/a?b=c#d", "source_line: 5",
]  # fmt: skip
WORDS = st.sampled_from(TRICKY) | st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8
)
TEXT = st.lists(WORDS, min_size=0, max_size=4).map(" ".join) | st.sampled_from(TRICKY)
ID = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,12}", fullmatch=True) | st.sampled_from(
    ["16", "0x10", "1_000", "12:30", "1e3", "2026-03-02", "true", "No", "on", "null"]
)


TAG = st.sampled_from(["papers", "2023", "yes", "x-y", "é", ""])
SOURCE_LINE = st.sampled_from(["1", "42", "017", "0x10", "1_0", "'5'", "5 # x", "-1", "1.0", "yes"])
OPTIONAL = st.lists(st.sampled_from(["kind", "context", "url", "tags", "source_line"]), unique=True)


@st.composite
def cards(draw, ids):
    return Card(
        id=draw(ids),
        question=draw(TEXT),
        answer=draw(TEXT),
        kind=draw(st.sampled_from(["manual", "key-idea", "yes", "16", ""]) | TEXT),
        tags=tuple(draw(st.lists(TAG | TEXT, max_size=3))),
        context=draw(st.sampled_from(["", "papers › nlp"]) | TEXT),
        source_line=draw(st.none() | st.integers(-2, 10**6)),
        url=draw(st.none() | st.sampled_from(["https://arxiv.org/abs/1810.04805", ""]) | TEXT),
    )  # fmt: skip


@st.composite
def decks(draw):
    return Deck(
        name=draw(st.sampled_from(["papers", "16", "yes", "papers/toolformer"]) | TEXT),
        title=draw(st.sampled_from(["", "Transformers — notes"]) | TEXT),
        source=draw(st.none() | st.sampled_from(["notes.md", "yes"]) | TEXT),
        cards=draw(st.lists(cards(ID), max_size=6)),
        archived=draw(st.lists(cards(ID), max_size=2)),
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_a_deck_our_writer_wrote_reads_the_same_on_the_fast_path(deck):
    assert agrees(dump_deck(deck))


def test_the_fast_path_takes_ordinary_decks():
    """It must not decline everything (then the property above proves nothing)."""
    cards_ = [
        Card(f"c-{i}", f"What did paper {i} show (2023)?", str(2000 + i), tags=("papers", "2023"),
             context="papers › nlp", source_line=i + 1, url=f"https://arxiv.org/abs/{i}")
        for i in range(50)
    ]  # fmt: skip
    deck = Deck("papers", title="Papers", source="papers.md", cards=cards_, archived=cards_[:0])
    text = dump_deck(deck)
    assert fast_deck(text) == deck == safe(text)


# ── hand-written YAML: every scalar style, flow and block, comments, anchors ─────────────


def _plain(value: str) -> str:
    return value


def _single(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _double(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


STYLES = st.sampled_from([_plain, _single, _double])


@st.composite
def scalar(draw, value=None):
    value = draw(TEXT) if value is None else value
    style = draw(STYLES)
    return style(value)


@st.composite
def hand_written(draw):
    """Deck YAML written the ways people write it (block or flow cards, any quoting,
    indented sequences, comments, blank lines, block scalars, anchors and aliases)."""
    indent = draw(st.sampled_from(["", "  ", "    "]))
    name = draw(scalar(draw(st.sampled_from(["hand", "yes", "16"]) | TEXT)))
    lines = ["format: studydeck/1", f"deck: {name}"]
    if draw(st.booleans()):
        lines.append(f"title: {draw(scalar())}")
    if draw(st.booleans()):
        lines.append(f"# a comment {draw(TEXT)}".replace("\n", " "))
    lines.append("cards:")
    n = draw(st.integers(0, 4))
    for i in range(n):
        card_id = draw(scalar(draw(ID | st.just(f"h-{i}"))))
        fields = [("id", card_id), ("question", draw(scalar())), ("answer", draw(scalar()))]
        for key in draw(OPTIONAL):
            if key == "tags":
                tags = draw(st.lists(scalar(), max_size=3))
                fields.append((key, f"[{', '.join(tags)}]"))
            elif key == "source_line":
                fields.append((key, draw(SOURCE_LINE)))
            else:
                fields.append((key, draw(scalar())))
        form = draw(st.sampled_from(["block", "flow", "literal", "anchor"]))
        if form == "flow":
            lines.append(f"{indent}- {{{', '.join(f'{k}: {v}' for k, v in fields)}}}")
            continue
        if form == "literal":
            chomp = draw(st.sampled_from(["|", "|-", "|+", ">", ">-"]))
            body = draw(TEXT).replace("\n", " ") or "x"
            fields[2] = ("answer", f"{chomp}\n{indent}    {body}\n")
        first = True
        for key, value in fields:
            lead = f"{indent}- " if first else f"{indent}  "
            anchor = f"&a{i} " if form == "anchor" and key == "question" else ""
            if value.startswith(("|", ">")):
                lines.append(f"{lead}{key}: {value.rstrip()}")
            else:
                lines.append(f"{lead}{key}: {anchor}{value}")
            first = False
        if form == "anchor":
            lines.append(f"{indent}  context: *a{i}")
    if n == 0:
        lines[-1] = "cards: []"
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n...\n", "\n---\n"]))
    if draw(st.booleans()):
        text = draw(st.sampled_from(["---\n", "%YAML 1.1\n---\n", "\ufeff", "# c\n"])) + text
    return text


HEAD = "format: studydeck/1\ndeck: d\ncards:\n- id: a\n  question: q\n"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hand_written())
@example(HEAD + "  answer: yes\n")
@example(HEAD + "  answer: '2023'\n")
@example(HEAD + "  answer: 12:30\n")
@example(
    "format: studydeck/1\ndeck: d\ncards:\n- {id: a, question: q, answer: a, source_line: 0o17}\n"
)
@example(HEAD + '  answer: a\n  "source\\x5fline": 017\n')
@example(HEAD + "  answer: !foo x\n")
@example(HEAD + "  answer:\n    yes\n")
@example(HEAD + "  answer: a\n  answer: b\n")
@example(HEAD + "  answer: x\u2028y\n")
@example("format: studydeck/1\ndeck: d\ncards:\n- id: 16\n  question: q\n  answer: a\n")
@example("format: studydeck/1\ndeck: &a yes\ncards: []\n")
@example(HEAD + "  answer: |\n    x")  # no line break at the end: PyYAML gives "x"
@example(HEAD + "  answer: &a x\n  context: &a y\n")  # an anchor twice: PyYAML refuses
@example(HEAD + "  answer: a\n  tags: [x, >y]\n")  # in a flow item, | > ? : start no text
@example("format: studydeck/1\ndeck: d\ncards:\n- {id: a, question: q, answer: ?x}\n")
def test_hand_written_yaml_reads_the_same_on_the_fast_path(text):
    assert agrees(text)


# ── random damage: whatever the Rust parser tolerates, it must read as PyYAML does ──────

DAMAGE = st.sampled_from(list(" \n-:?#'\"[]{},&*!|>%@`\\\t\r~0aé")) | st.sampled_from(TRICKY)
EDIT = st.tuples(st.integers(0, 10**6), st.integers(0, 3), DAMAGE)  # (where, cut, insert)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hand_written(), st.lists(EDIT, min_size=1, max_size=4))
def test_damaged_yaml_is_read_the_same_or_declined(text, edits):
    for at, cut, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    assert agrees(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks(), st.lists(EDIT, min_size=1, max_size=3))
# Found by a 15,000-example run: ``tags: [|papers]``, a flow item starting with ``|`` (also
# ``>``, ``?``, ``:``), is text to the Rust parser and a fault to PyYAML.
@example(
    deck=Deck(
        "\U0001f600x",
        source="yes",
        archived=[
            Card(
                "0x10",
                "yes",
                "yes",
                kind="yes yes \x1f\U00010000 \x1f\U00010000\U00010000",
                tags=("papers",),
            )
        ],
    ),
    edits=[(188, 0, "|")],
)
def test_a_damaged_written_deck_is_read_the_same_or_declined(deck, edits):
    text = dump_deck(deck)
    assume(text)
    for at, cut, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    assert agrees(text)


# ── the sample decks, and what reaches the user ──────────────────────────────────────────


@pytest.mark.parametrize("path", SAMPLE_DECKS, ids=lambda p: p.name)
def test_the_sample_decks_take_the_fast_path_and_read_the_same(path):
    text = path.read_text(encoding="utf-8")
    fast = fast_deck(text)
    assert fast is not None, "the fast path declined a sample deck"
    assert fast == safe(text)
    # What a sync stores: the fast path's rows are the safe loader's deck, row for row.
    reference = ParsedDeck.of(safe(text))
    name, title, source, active, archived = deck_fast.fast_deck_rows(text)
    assert (name, title, source) == (reference.name, reference.title, reference.source)
    assert (active, archived) == (reference.active, reference.archived)
    assert active or archived


def test_faults_are_reported_by_the_safe_loader_with_their_lines():
    text = HEAD + "  answer: a\n  answer: b\n"
    assert fast_deck(text) is None
    with pytest.raises(DeckError) as caught:
        parse_deck(text, "d.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "d.yaml:7: YAML error: found duplicate key 'answer' (first on line 6)"
    ]


def test_control_characters_from_escapes_are_stripped_on_the_fast_path():
    text = HEAD.replace("question: q", 'question: "q\\e]0;t\\a?"') + "  answer: a\n"
    fast = fast_deck(text)
    assert fast is not None and fast.cards[0].question == "q]0;t?" == safe(text).cards[0].question


def test_without_the_rust_parser_every_deck_takes_the_safe_path(monkeypatch):
    monkeypatch.setattr(deck_fast, "yaml_rs", None)
    text = dump_deck(Deck("d", cards=[Card("a", "q", "a")]))
    assert fast_deck(text) is None
    assert parse_deck(text) == Deck("d", cards=[Card("a", "q", "a")])
