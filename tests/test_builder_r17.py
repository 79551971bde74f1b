# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from issue 11's judged rounds r16 and r17, each fixed as a pattern. Notes are our own
writing in the style of real ones."""

from test_builder_prose import cards

from studydeck.builder.build import build_from_text

GLOSSARY = """\
# Cell biology terms

- Mitochondira: organelles that make most of a cell's ATP by oxidative phosphorylation
- Eigenvecctor: a vector whose direction a linear map leaves unchanged
- Debiasing: removing a systematic error from an estimator or a model
- Hysteresis: dependence of a system's state on its history, not only on its present input
"""


def test_a_misspelt_term_makes_no_card_and_the_report_says_why():
    questions = [c.question for c in cards(GLOSSARY)]
    assert not any("Mitochondira" in q or "Eigenvecctor" in q for q in questions), questions
    # spelt right, or a prefix on a known word ("de" + "biasing"): still cards
    assert any(q.endswith("Hysteresis?") for q in questions), questions
    assert any(q.lower().endswith("debiasing?") for q in questions), questions
    reasons = [r.reason for r in build_from_text(GLOSSARY, "terms").report.rejected]
    assert "the term looks misspelt ('Mitochondira')" in reasons, reasons


def test_a_slip_of_a_rare_word_is_found_but_prefixes_and_coinages_are_not():
    from studydeck.builder.salience import slip_of_rare_word

    assert slip_of_rare_word("seignoiorage") == "seigniorage"  # rare (zipf 1.7), still a word
    assert slip_of_rare_word("steoreo") == "stereo"
    assert slip_of_rare_word("Debiasing") is None  # de + biasing
    assert slip_of_rare_word("wayformer") is None  # a coinage, no word one slip away


QUBIT = """\
# Readout of a Superconducting Transmon Qubit

## Experimental setup

### Calibration experiments

- pulse calibration: fix the pulse duration, then scan the drive amplitude for a $\\pi$ rotation
- readout resonator: a cavity whose frequency shifts with the qubit's state
"""


def test_a_section_that_repeats_the_term_gives_way_to_the_page_title():
    questions = [c.question for c in cards(QUBIT)]
    # "Calibration experiments" repeats "calibration": the page says where the term lives
    assert (
        "In Readout of a Superconducting Transmon Qubit, what is pulse calibration?" in questions
    ), questions
    assert "In Calibration experiments, what is a readout resonator?" in questions, questions


ABBREVIATIONS = """\
# Systems lecture

## Hardware

- CPU: Central processing unit
- ELBO: Evidence lower bound, the objective a variational autoencoder maximises
- PDF: probability density function of the noise
"""


def test_an_everyday_abbreviation_spelt_out_is_no_card_but_a_field_term_is():
    found = {c.question: c.answer for c in cards(ABBREVIATIONS)}
    assert not any(q.endswith("CPU?") or q.endswith("PDF?") for q in found), found
    assert any(q.endswith("ELBO?") for q in found), found  # "elbo": English never writes it


TAGLINE = """\
# Awesome Glaciology

A curated list of datasets, models and field guides for Glaciology.

## Models

- A large collection of ice-sheet simulations driven by CMIP6 forcing scenarios.
- Basal sliding over water-saturated till lets **outlet glaciers** move ten times faster than the ice sheet around them.
"""


def test_a_sentence_saying_what_a_list_holds_is_no_fact():
    questions = [c.question for c in cards(TAGLINE)]
    assert not any("curated list" in q or "collection of" in q for q in questions), questions
    assert any("Basal sliding" in q for q in questions), questions
