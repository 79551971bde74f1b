# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from notes the rules had never seen (issue 11's held-out round h1: eight real notes
judged blind), each fixed as a pattern. Notes are our own writing in the style of real ones."""

from test_builder_prose import cards

READING_LOG = """\
# Notes on Marine Ecology, 2004

## Coral reefs

* Connell then made a proposal close to the "intermediate disturbance" idea argued by ecologist [Joseph H. Connell](https://en.wikipedia.org/wiki/Joseph_Connell) at UC Santa Barbara. See his [1978 paper](https://www.science.org/doi/10.1126/science.199.4335.1302) for the data.
* The largest reef system is the Great Barrier Reef, where [400 species of hard coral that spawn on the same few nights](https://www.nature.com/articles/example) are found because the water warms in spring.
- [Reef Resilience](https://www.nature.com/articles/reef) - Shows that herbivorous fish let reefs recover from bleaching.
"""


def test_a_sentence_that_links_a_paper_on_its_way_is_no_entry():
    found = {c.question: c.answer for c in cards(READING_LOG)}
    summaries = [q for q in found if q.startswith("What is the key idea of")]
    assert not any("Connell" in q or "400 species" in q for q in summaries), summaries
    # an entry that opens on its link still is one
    assert found.get("What is the key idea of Reef Resilience?", "").startswith(
        "Shows that herbivorous"
    )


COURSE_NOTES = """\
# BIOL 210: Animal Behaviour

## Learning

- Imprinting: learning during a critical period shortly after birth.
- Habituation: loss of response to a repeated harmless stimulus.
- Startle test: as stimulus intensity increases, only loud sounds trigger freezing.
- Foraging theory
    - Patch residence: time spent feeding in one patch before leaving.
    - Giving-up density: the food left in a patch when the forager leaves.
- Two kinds of cues help homing pigeons
    - Cues from the sun
    - Cues from the magnetic field
"""


def test_a_course_page_reports_no_results_and_a_finding_is_no_definition():
    found = {c.question: c.answer for c in cards(COURSE_NOTES)}
    # "BIOL 210: Animal Behaviour" is a course, not a paper titled "X: Y" that reports results
    assert not any(q.startswith("What result does") for q in found), found
    assert any(a.startswith("Loss of response to a repeated") for a in found.values()), found
    # "as … increases, …" states a finding about the test, not what the test is
    assert not any("startle test" in q.lower() for q in found), found


def test_a_term_under_a_short_naming_bullet_is_asked_in_that_name():
    found = {c.question: c.answer for c in cards(COURSE_NOTES)}
    assert found.get("In Foraging theory, what is patch residence?", "").startswith(
        "Time spent feeding"
    )


def test_a_counted_label_that_is_a_clause_is_quoted_not_garbled():
    questions = [c.question for c in cards(COURSE_NOTES) if c.kind == "short-list"]
    assert not any("what are the Two kinds of cues guide" in q for q in questions), questions
    assert any("listed under “Two kinds of cues help homing pigeons”" in q for q in questions), (
        questions
    )


PDF_COPY = """\
# Learning World Models with Slot Memory

## Dynamics

- *s t *, *z t *, *m t-1 * and *h t * are fused into *v t *, and *e t * is the embedding of the frame *x t *.
- Recent research on image restoration has progressed with the development of deep convolutional neural networks (DCNN).

## Critique

- Tenet 2: "Change is even and slow." A caricature of uniformity across time!
- Tenet 3: "Change involves the whole population." A caricature of uniformity across populations!
- Tenet 4: "Change follows the environment." Uniformity again, as if uniformity were the rule.
"""


def test_pdf_subscripts_acronym_letters_and_prepositions_make_no_blank():
    facts = {c.question: c.answer for c in cards(PDF_COPY) if c.kind == "fact"}
    assert not any("*" in q for q in facts), facts  # emphasis marks left by a PDF's subscripts
    assert "convolutional" not in facts.values(), facts  # the C of DCNN gives it away
    assert not any(a.split()[-1] in ("across", "between", "within") for a in facts.values()), facts


CHEM_TOOLS = """\
# Awesome crystallography

## Viewers

- [CrystalView](https://example.org/crystalview) - The successor of the classic viewer for unit cells and diffraction data. Source is available [here](https://example.org/src).
"""


def test_a_closing_pointer_sentence_is_not_part_of_the_description():
    found = {c.question: c.answer for c in cards(CHEM_TOOLS) if c.kind == "entry"}
    assert (
        found.get("What is CrystalView?")
        == "The successor of the classic viewer for unit cells and diffraction data"
    ), found


PAPER_PAGE_REFS = """\
# Oscillations in sparse inhibitory networks

## Findings

- Inhibitory hubs pace the gamma rhythm of the entorhinal model, and removing them abolishes it.

## References

Marlow K, Osei T. Gap junctions synchronise interneurons and lengthen the window of metastable
firing. J Neurophys. 2011;12(4): 330-341. doi: 10.1000/jn.2011.330.

Ferreira L, Okafor B. Dendritic spikes gate the recruitment of chandelier cells in neocortex.
Brain Res. 2016;88(2): 12-19.
"""


def test_a_reference_list_gives_no_fact_cards():
    facts = [c for c in cards(PAPER_PAGE_REFS) if c.kind == "fact"]
    assert not any(c.source_line > 6 for c in facts), [c.question for c in facts]
    assert any(c.source_line == 5 for c in facts), [c.question for c in facts]
