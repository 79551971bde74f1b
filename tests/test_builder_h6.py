# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from held-out round h6 (ten unseen notes, judged blind), each fixed as a pattern. Notes
are our own writing in the style of real ones."""

from test_builder_prose import cards

from studydeck.builder import gate
from studydeck.builder.build import build_from_text
from studydeck.notes import hygiene

READING_LIST = """\
# Reading list

## Storage

- [x] Bigtable: A Distributed Storage System for Structured Data (recommended)
- [x] Query Latency Budgets: The Hidden Cost of Joins(also in memsql, good)
- [ ] Tablet: a unit of data that one server owns at a time, split when it grows too large
"""


def test_a_title_and_its_subtitle_are_no_term_and_definition():
    questions = [c.question for c in cards(READING_LIST) if c.kind == "term-definition"]
    assert not any("Bigtable" in q or "Query Latency" in q for q in questions), questions
    assert any(
        q.endswith("what is Tablet?") or q.endswith("what is a tablet?") for q in questions
    ), questions


MEMORY = """\
# Memory: encoding and storage

## Where memories live

1. **storage of new memories** - A region within the temporal cortex (hippocampus and surrounding regions)
2. **encoding of new memories** - Prefrontal regions

## Studies

- *Ashworth*: on memory for faces - right fusiform region
- **Consolidation** - the gradual stabilisation of a memory trace after encoding, over hours to years
"""


def test_where_something_happens_or_what_a_study_was_on_is_no_definition():
    questions = [c.question for c in cards(MEMORY) if c.kind == "term-definition"]
    asked = [q.split(", ", 1)[-1] for q in questions]  # without the "In <section>, " context
    assert not any("storage" in q or "encoding" in q or "Ashworth" in q for q in asked), questions
    assert any("consolidation" in q.lower() for q in questions), questions


CATEGORIES = """\
# Category theory

## Limits

A **cone** over a diagram is an object with a morphism to every object of the diagram that commutes with it.

The terminal object of this cone category is the limit of the diagram.

A **profunctor** is like a bifunctor; however, it is contravariant in the first argument while covariant in the second:

A dinatural transformation is defined only on the diagonal of [[#Profunctor]]s, a weaker notion than naturality.

![[cone diagram.excalidraw|center]]
"""


def test_a_term_that_points_back_or_a_definition_that_runs_on_into_a_formula_is_no_card():
    deck = cards(CATEGORIES)
    questions = [c.question for c in deck if c.kind == "term-definition"]
    assert not any("this cone" in q for q in questions), questions
    assert not any(c.answer.endswith(":") for c in deck), [c.answer for c in deck]
    assert any(c.answer == "cone" or "what is a cone" in c.question for c in deck), questions
    text = " ".join(c.question + " " + c.answer for c in deck)
    assert "[]" not in text and "center" not in text, text


def test_wiki_links_read_as_their_words_and_an_embed_as_nothing():
    read = lambda t: hygiene.clean(hygiene.mask_math(t))  # noqa: E731
    assert read("the diagonal of [[#Profunctor]]s") == "the diagonal of Profunctors"
    assert read("see [[Limits#Cones|cones]] first") == "see cones first"
    assert read("![[diagram.excalidraw|center]] then") == "then"
    assert gate.reject_reason(
        "What is a profunctor?", "Like a bifunctor, but contravariant first:"
    ) == ("the answer goes on in a formula or a list")


LECTURE = """\
# Chapter 5: Action potentials

**11. Gap Junctions**
- **Electrical synapses:** channels joining the cytoplasm of two cells so ions flow between them

**12. Orthodromic, Antidromic, and Back-Propagating Action Potentials**
- **Compound action potential:** sum of the action potentials in a nerve bundle
    - Aδ fibers: fast pain and temperature (myelinated)
"""


def test_a_bold_line_too_long_to_name_a_section_still_ends_the_last_one():
    questions = [c.question for c in cards(LECTURE)]
    assert not any("Gap Junctions" in q and "fibers" in q for q in questions), questions


PASSAGE = """\
# Policy gradients

**Training protocol.** So here is how training works in detail. We initialise the policy network and play a hundred games. Each game is two hundred frames long. We then label every decision in a won game as good. Every decision in a lost game is labelled bad. Finally we backpropagate the labels.
"""


def test_a_passage_under_a_run_in_label_is_no_labelled_fact():
    made = build_from_text(PASSAGE, "n").deck.cards
    assert not any(c.kind == "labelled-fact" for c in made), [c.question for c in made]


CHEM_TOOLS = """\
# Awesome computational chemistry

## Data

Packages for stoichiometric modelling and thermochemical reaction networks.

- [zincfetch-downloader](https://github.com/example/zf) - Automate fetching and downloading the ZINC catalogue
- [spectrapy](https://github.com/example/sp) - Tools for spectra in Python
- [KinetiKit](https://github.com/example/kk) - Fits rate laws to stopped-flow traces by global nonlinear regression
"""


def test_a_coined_name_the_description_spells_out_is_no_card():
    made = build_from_text(CHEM_TOOLS, "n")
    names = [c.question for c in made.deck.cards if c.kind == "entry"]
    assert names == ["What is KinetiKit?"], names
    reasons = [r.reason for r in made.report.rejected]
    assert reasons.count("the description spells the name") == 2, reasons
    # a section's caption says what its list holds: no fact
    assert not any(c.kind == "fact" for c in made.deck.cards), made.deck.cards


CURRENTS = """\
# Voltage-gated currents

## Ca2+ currents

- **I_Q**: Transient, low threshold, fast inactivating. Triggers the rebound bursts of thalamocortical relay neurons.
- **Idea**: Calcium channels couple spikes to transmitter release at presynaptic terminals.
"""


def test_a_sentence_after_a_run_in_label_names_the_label():
    facts = [c.question for c in cards(CURRENTS) if c.kind == "fact"]
    assert any(
        q.startswith("Voltage-gated currents › Ca2+ currents › I_Q — Triggers") for q in facts
    ), facts
    assert not any("› Idea —" in q for q in facts), facts  # a role word names nothing
