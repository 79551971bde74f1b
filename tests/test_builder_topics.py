"""The topic-choice rule's indexed sibling lists give what a plain scan of the siblings gives.

The index exists so that a survey with thousands of sibling headings builds in linear time
(tests/test_hostile_linear.py); these tests pin that it changes no card."""

from __future__ import annotations

import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.builder.rules import topics
from studydeck.text import fold

WORDS = ["Skill", "Learning", "Recognition", "Causal", "Causality", "Graphs", "graph", "&", "and"]
HEADINGS = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join), min_size=2, max_size=12
)


def scanned_distinct(siblings: list[str]) -> list[str]:
    keys = [fold(s) for s in siblings]
    joined = [sum(o in k for o in keys if o != k) for k in keys]
    return [s for s, n in zip(siblings, joined, strict=True) if n < 2]


def scanned_choices(topic: str, siblings: list[str], title: str) -> list[str]:
    others = [s for s in siblings if fold(s) != fold(topic)]
    if len(others) >= topics.MAX_CHOICES:
        start = zlib.crc32(title.encode()) % len(others)
        others = (others[start:] + others[:start])[: topics.MAX_CHOICES - 1]
    chosen = {topic, *others}
    return [s for s in siblings if s in chosen]


def scanned_named_by_title(topic: str, siblings: list[str], title: str) -> bool:
    others = {w for s in siblings if s != topic for w in fold(s).split()}
    own = [w for w in fold(topic).split() if len(w) >= 4 and w not in others]
    titled = {w[: topics.STEM] for w in fold(title).split() if len(w) >= 4}
    return any(w[: topics.STEM] in titled for w in own)


@settings(max_examples=300, deadline=None)
@given(HEADINGS)
def test_substring_count_finds_the_joined_headings_pairs_find(siblings):
    expected = scanned_distinct(siblings)
    assert topics._distinct(siblings) == expected
    original = topics.PAIRWISE_LIMIT
    topics.PAIRWISE_LIMIT = 0  # the way past the limit, on the same headings
    try:
        assert topics._distinct(siblings) == expected
    finally:
        topics.PAIRWISE_LIMIT = original


@settings(max_examples=300, deadline=None)
@given(HEADINGS, st.data(), st.text(min_size=1, max_size=30))
def test_indexed_choices_and_giveaway_match_a_scan(siblings, data, title):
    topic = data.draw(st.sampled_from(siblings))
    level = topics._Level(siblings)
    assert topics._choices(topic, level, title) == scanned_choices(topic, siblings, title)
    title_words = data.draw(st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join))
    expected = scanned_named_by_title(topic, siblings, title_words)
    assert topics._named_by_title(topic, level, title_words) == expected


def test_a_joining_heading_is_dropped_past_the_pairwise_limit():
    siblings = ["Skill Recognition", "Skill Learning", "Skill Recognition & Skill Learning"]
    siblings += [f"Topic {i:04d}x" for i in range(1100)]  # none holds another
    kept = topics._distinct(siblings)
    assert "Skill Recognition & Skill Learning" not in kept
    assert kept[:2] == ["Skill Recognition", "Skill Learning"] and len(kept) == 1102
