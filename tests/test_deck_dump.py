"""The direct deck writer: what it writes always loads back to the deck, and it is the same text
PyYAML's dumper gives for single-line values (so decks do not churn)."""

import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.deck import Card, Deck, _yaml_dump, dump_deck

LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")

tricky = st.sampled_from(
    ["yes", "No", "null", "~", "0x1F", "1e3", "2021-04", "- item", "a: b", "a #b", "#x", "x:",
     " lead", "trail ", "'q'", '"q"', "[x]", "{y}", "*ref", "&a", "!tag", "%p", "@at", "`b`",
     "a\u00a0b", "\ufeffbom", "tab\tin", "é", "📌 pin", "___", "=", "<<", "---", "...", ""]
)  # fmt: skip
text = st.one_of(st.text(), tricky, st.text(alphabet=st.characters(codec="utf-8")))
cards = st.builds(
    Card,
    id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,12}", fullmatch=True),
    question=text,
    answer=text,
    kind=text,
    tags=st.lists(text.filter(bool), max_size=3).map(tuple),
    context=text,
    source_line=st.none() | st.integers(1, 10**6),
    url=st.none() | text,
)
decks = st.builds(
    Deck,
    name=text.filter(bool),
    title=text,
    source=st.none() | text,
    cards=st.lists(cards, max_size=4),
    archived=st.lists(cards, max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(decks)
def test_dump_loads_back_to_the_deck(deck):
    assert yaml.safe_load(dump_deck(deck)) == deck.to_dict()


@settings(max_examples=300, deadline=None)
@given(decks)
def test_dump_matches_pyyaml_for_single_line_values(deck):
    data = deck.to_dict()
    values = [deck.name, deck.title, deck.source or ""]
    for card in (*deck.cards, *deck.archived):
        values += [card.question, card.answer, card.kind, card.context, card.url or "", *card.tags]
    if not any(LINE_BREAKS.search(v) for v in values):
        assert dump_deck(deck) == _yaml_dump(data)


def test_empty_deck_and_special_values():
    deck = Deck("d", cards=[Card("x", "yes", "1.5", tags=("2021", "a b")), Card("y", "a: b", "")])
    assert dump_deck(deck) == _yaml_dump(deck.to_dict())
    empty = {"format": "studydeck/1", "deck": "e", "cards": []}
    assert yaml.safe_load(dump_deck(Deck("e"))) == empty
