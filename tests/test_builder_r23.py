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
