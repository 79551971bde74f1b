# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from held-out round h8 (ten unseen notes, judged blind), each fixed as a pattern. Notes
are our own writing in the style of real ones."""

from test_builder_prose import cards

TABLE = """\
# ML for glaciology

| **Title** | **Author / Year** | **Comment** |
|-----------|-------------------|-------------|
| [Ice flow emulators with graph networks](https://example.org/a) | Ruiz (2022) | Technical paper |
| [Learning basal sliding from surface velocities](https://example.org/b) | Okoro (2021) | Technical paper |
| [Why glaciology needs differentiable models](https://example.org/c) | Lind (2023) | Commentary |
| [Calving fronts from SAR with U-Nets](https://example.org/d) | Berg (2020) | Technical paper |
| [Surrogates for ice-sheet spin-up](https://example.org/e) | Sato (2024) | Trains a neural surrogate of the spin-up run, cutting its cost a hundredfold |
"""


def test_a_column_value_most_rows_share_is_a_kind_of_paper_not_its_key_idea():
    answers = {c.answer for c in cards(TABLE) if c.question.startswith("What is the key idea")}
    assert "Technical paper" not in answers, answers
    assert any("neural surrogate" in a for a in answers), answers


POINTERS = """\
# Crypto reading list

## Proofs

- [Zero-knowledge proofs of identity](https://example.org/zk) - Feige, Fiat and Shamir: how to prove who you are without revealing a secret
- [Interactive proofs, again](https://example.org/ip) - By Goldwasser and Sipser, a relative to the above.
- [A cartoon guide to zero knowledge](https://example.org/cg) - If stuff above was a bit hard or you want a laugh

## Notes

- Notice that the above conditions give weaker summability conditions on the innovations.
"""


def test_a_card_that_leans_on_the_note_above_it_is_not_made():
    made = cards(POINTERS)
    text = " ".join(f"{c.question} {c.answer}" for c in made)
    assert "above" not in text, text
    assert any("without revealing a secret" in c.answer for c in made), [c.answer for c in made]


def test_an_answer_that_stops_at_such_that_goes_on_in_a_formula():
    from studydeck.builder import gate

    cut = "An ordered sequence of random variables $X_t$ such that"
    assert gate.reject_reason("What is a stochastic process?", cut) == (
        "the answer goes on in a formula or a list"
    )
    whole = "An ordered sequence of random variables indexed by time"
    assert gate.reject_reason("What is a stochastic process?", whole) is None
