"""Patterns found by blind judging of held-out notes (rounds h10, h11) and of the corpus, each
fixed as a pattern. Notes are our own writing in the style of real ones."""

from test_builder_prose import cards

STORE_NOTES = """\
# Notes on a content-addressed store

## Design

Every node keeps its blocks in a local cache. The blocks carry files and other data structures.
Clients ask peers for blocks by hash, and the blocks carry a signature of their author.

Identical blocks are stored once, which gives deduplication across the files of all users.
"""


def test_a_plural_and_the_word_after_it_are_a_clause_not_a_term():
    answers = {c.answer for c in cards(STORE_NOTES) if c.kind == "fact"}
    # "The ___ files and other data structures." → "blocks carry": a subject and its verb
    assert "blocks carry" not in answers, answers
    assert "deduplication" in answers, answers  # the paragraph's term still is
