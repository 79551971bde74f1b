# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from issue 11's corpus round r15 (150 cards judged blind by two readers), each
fixed as a pattern. Notes are our own writing in the style of real ones."""

from test_builder_prose import cards

OVERVIEW = """\
# Robot Perception Overview

## Summary

* Mapping
  * Occupancy Grids
    * Divide space into fixed cells.
    * Far cheaper than point clouds.
  * Loop Closure Detection is a subproblem of Simultaneous Localization and Mapping
    * Recognises a previously visited place from its appearance.
    * Methods typically compare bag-of-words descriptors of keyframes to spot revisits.
  * Sensors used
    * lidar
    * sonar
    * cameras
"""


def test_a_term_defined_above_names_the_subject_of_the_sentences_below():
    found = [
        c.question
        for c in cards(OVERVIEW)
        if "bag-of-words" in c.question or "descriptors" in c.question
    ]
    assert found, [c.question for c in cards(OVERVIEW)]
    assert all("Loop Closure Detection" in q for q in found), found


def test_sentences_under_a_label_are_not_a_list_of_its_members():
    questions = [c.question for c in cards(OVERVIEW)]
    assert not any("Occupancy Grids" in q and "items are listed" in q for q in questions), questions
    # plain short members with no full stops stay a list
    assert any("Sensors used" in q and "3 items" in q for q in questions), questions


CAMERAS = """\
# Camera Models

## Summary

* Sensors
  * Catadioptric Cameras
    * Catadioptric Cameras are grouped by the geometry of their viewpoint: Central, noncentral
    * A mirror widens the field of view.
"""


def test_a_blank_whose_opposite_stands_beside_it_is_given_away():
    answers = [c.answer.lower() for c in cards(CAMERAS)]
    assert "noncentral" not in answers, answers


LEVELS = """\
# Psychology lecture notes

## Awareness

- Freud's levels of consciousness
  - Conscious: what we attend to at this moment
  - Preconscious: what can be brought to mind at will
- Flashbulb memories
  - flashbulb memory: a vivid, detailed memory of where one heard shocking news
- Visual imagery
  - Imagery: the occipital cortex is active while imagining a scene
"""


def test_a_set_named_after_what_its_members_share_still_names_them():
    questions = [c.question for c in cards(LEVELS)]
    assert "In Freud's levels of consciousness, what is Conscious?" in questions, questions
    # a parent that is the term again, or holds it as a facet label, names nothing more
    assert not any(q.startswith("In Flashbulb memories") for q in questions), questions
    assert not any(q.startswith("In Visual imagery, what is Imagery") for q in questions)


LANGUAGE = """\
# Language

## Units

- Phonemes: the smallest units of sound that distinguish meaning
- Gromacs: a molecular dynamics package tuned for biomolecules
"""


def test_a_capitalised_plural_opening_its_bullet_is_asked_as_a_plural():
    questions = [c.question for c in cards(LANGUAGE)]
    assert any(q.endswith("what are Phonemes?") or q == "What are Phonemes?" for q in questions), (
        questions
    )
    assert any(q.endswith("is Gromacs?") for q in questions), questions  # a name stays one


FIELDS = """\
# Psychology

## Basics

- Cognitive psychology: A field that studies mental processes such as memory and attention
- Insight problem: A problem that needs a change of representation before it can be solved
"""


def test_a_mass_noun_takes_no_article_but_a_countable_one_does():
    questions = [c.question.lower() for c in cards(FIELDS)]
    assert any(q.endswith("what is cognitive psychology?") for q in questions), questions
    assert any(q.endswith("what is an insight problem?") for q in questions), questions


RESOURCES = """\
# Awesome Proteomics

## See also

* [protein-ml-papers](https://github.com/example/protein-ml-papers#folding) - Structure prediction section in the protein-ml-papers list.
* [PeptideAtlas](https://peptideatlas.org/) - A multi-organism compendium of mass spectrometry peptide identifications.

## Notes

- SpecGAN turns spectra into images so that researchers can train GANs on them.
"""


def test_an_entry_its_description_names_again_is_circular():
    found = {c.question: c.answer for c in cards(RESOURCES)}
    assert not any("protein-ml-papers" in q for q in found), found
    assert any("PeptideAtlas" in q for q in found), found


def test_a_blank_that_is_part_of_a_compound_the_sentence_says_is_given_away():
    answers = [c.answer for c in cards(RESOURCES)]
    assert "GANs" not in answers, answers


# ── round r16 ───────────────────────────────────────────────────────────────────────

HCI = """\
# Week 3: Prototyping

## Definitions

- **Prototype** - any representation of a design idea, whatever its medium

## Tools and techniques

- **Prototype** - a concrete, tangible artifact rather than an abstract description
"""


def test_a_term_defined_twice_makes_one_card_not_two_answers():
    found = [c for c in cards(HCI) if c.kind == "term-definition" and "Prototype" in c.question]
    assert len(found) == 1, [(c.question, c.answer) for c in found]
