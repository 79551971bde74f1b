# ruff: noqa: E501  (realistic note lines are long)
"""Patterns found by rereading every judged card the builder still makes (rounds r18–h8): those no
judge kept, each fixed as a pattern. Notes are our own writing in the style of real ones."""

from test_builder_prose import cards

TRACE_NOTES = r"""
# Linear algebra notes

## The trace

The trace of a square matrix $A$ is defined as

$$\operatorname{tr} A = \sum_{i} a_{ii}$$

where $a_{ii}$ are its diagonal entries. Since the basis is orthonormal, this equals

$$\operatorname{tr} A = \sum_{i} \langle A e_i, e_i \rangle$$
"""


def test_a_formula_whose_lead_in_points_back_makes_no_card():
    found = {c.question for c in cards(TRACE_NOTES) if c.kind == "display-math"}
    assert any(q.startswith("The trace of a square matrix") for q in found), found
    # "this equals ___": what "this" is was said before, not on the card
    assert not any("this equals" in q for q in found), found


KIND_TABLE = """\
# Reading: machine learning for hydrology

| Title | Year | Comment |
|-------|------|---------|
| [A primer on neural networks for hydrologists](https://example.org/p) | 2019 | Introductory overview |
| [Fifty years of runoff models, reviewed](https://example.org/r) | 2021 | Literature review |
| [Snowmelt timing from LSTM states](https://example.org/s) | 2022 | Reads the date of snowmelt off the cell state of an LSTM trained on discharge |
"""


def test_a_key_idea_that_only_names_a_kind_of_work_makes_no_card():
    answers = {c.answer for c in cards(KIND_TABLE) if c.question.startswith("What is the key idea")}
    assert not answers & {"Introductory overview", "Literature review"}, answers
    assert any("cell state of an LSTM" in a for a in answers), answers


CIPHER_LIST = """\
# Cryptanalysis reading

- [KRAKEN: Breaking the Kraken Vault Protocol](https://example.org/kraken.pdf) - Practical key-recovery attacks on the Kraken vault protocol. Showcasing how little it takes. [Project website](https://example.org/kraken/).
- [Chisel: Fast Constant-Time Field Arithmetic](https://example.org/chisel.pdf) - Constant-time field multiplication for pairing curves on small microcontrollers.
"""


def test_a_short_name_the_summary_studies_is_not_the_papers_name():
    found = {c.question: c.answer for c in cards(CIPHER_LIST) if c.kind == "paper-summary"}
    # "attacks on the Kraken vault": the short name is what the paper attacks, so the card
    # names the paper by its whole title
    kraken = found.get("What is the key idea of KRAKEN: Breaking the Kraken Vault Protocol?", "")
    assert kraken.startswith("Practical key-recovery attacks"), found
    assert "What is the key idea of the Chisel paper?" in found, found
    # a closing sentence that is only a link in everyday words points at it: not the summary
    assert "website" not in kraken, kraken
