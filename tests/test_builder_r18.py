# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from issue 11's judged round r17, each fixed as a pattern. Notes are our own writing in
the style of real ones."""

from test_builder_prose import cards

from studydeck.builder.build import build_from_text

THERMO = """\
# Heat transfer

## Radiation

- Infrared radiaton is absorbed readily by the troposphere; IR radiation is responsible fro 49% of teh heating of the earth by the sun.
- A black body at 5,800 K emits most of its energy as visible light, which is why the sun looks white from space.
- The slotline waveguides on the airbridge chip attenuate the parasitic mode to -150 dB.
"""


def test_a_sentence_garbled_by_slips_makes_no_cloze_and_the_report_says_why():
    questions = [c.question for c in cards(THERMO)]
    assert not any("teh heating" in q for q in questions), questions
    reasons = [r.reason for r in build_from_text(THERMO, "thermo").report.rejected]
    assert any(r.startswith("the sentence is misspelt in") for r in reasons), reasons
    # two words run together ("slot" + "line", "air" + "bridge") are no slips: still a card
    assert any("slotline" in q and "airbridge" in q for q in questions), questions
