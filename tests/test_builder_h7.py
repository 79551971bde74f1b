# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from held-out round h7 (ten unseen notes, judged blind), each fixed as a pattern. Notes
are our own writing in the style of real ones."""

from test_builder_prose import cards

PAPER_NOTES = """\
# A Recurrent Model of Parse Trees

## Model

* Advantages of Tree-LSTM:
    * Follows the syntax of the sentence, shares weights across every node
* top-k pooling where k is a function of the sentence length and the layer depth
* **Composition function**: merges the two child vectors of a node into the parent vector
"""


def test_a_lists_head_or_a_clause_is_no_term():
    questions = [c.question for c in cards(PAPER_NOTES) if c.kind == "term-definition"]
    assert not any("Advantages" in q or "where k" in q for q in questions), questions
    assert any("composition function" in q.lower() for q in questions), questions


SURVEYS = """\
# Awesome sky surveys

## Data

- [DeepSky-9](https://example.org/ds9) - Public data release coming soon.
- [Kepler light curves](https://example.org/kepler) - Long-cadence photometry of 150,000 stars for transit searches
"""


def test_a_status_note_is_no_description():
    questions = [c.question for c in cards(SURVEYS) if c.kind == "entry"]
    assert questions == ["What is Kepler light curves?"], questions


POPPER = """\
# The logic of discovery

## Events

- What, in an occurrence, can be described with the help of universal names
- An occurrence described with universal names alone is a typical event, never a unique one.
- What distinguishes an event from an occurrence is that the event abstracts from spatio-temporal coordinates.
"""


def test_a_wh_prompt_without_a_stop_is_a_question_but_a_pseudo_cleft_is_a_claim():
    facts = [c.question for c in cards(POPPER) if c.kind == "fact"]
    assert not any("What, in an occurrence" in q for q in facts), facts
    assert any("What distinguishes an event" in q for q in facts), facts
    from studydeck.builder.rules import facts

    prompt = "What, in an occurrence, can be described with the help of universal names"
    assert facts._fact(prompt, set(), "") == "a question in the notes"


def test_a_definition_that_only_repeats_part_of_its_term_is_circular():
    note = "# Sentence models\n\n## Time-delay networks\n\n* Max-TDNN model = based on TDNN\n* **k-max pooling** - keeps the k largest activations of each feature row, in their order\n"
    questions = [c.question for c in cards(note) if c.kind == "term-definition"]
    assert not any("Max-TDNN" in q for q in questions), questions
    assert any("k-max pooling" in q for q in questions), questions


def test_a_role_label_over_a_headings_words_is_no_fact():
    from studydeck.builder.rules import facts

    assert facts._fact("Definition: Residue at an isolated singularity", set(), "") == (
        "a label over a heading, not a claim"
    )
    # a label over a claim is still one
    claim = "Idea: use divisibility by two to show that no rational number squared is 2."
    assert facts._fact(claim, set(), "") != "a label over a heading, not a claim"
