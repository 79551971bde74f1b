# ruff: noqa: E501  (realistic note lines are long)
"""Facts from prose, entries read by typography, labels that are not terms, metadata behind
``--with metadata`` (issue 11). Notes are our own writing in the style of real ones."""

from studydeck.builder.build import build_from_text
from studydeck.builder.rules import METADATA_KINDS

PER_PAPER = """\
# Wayfinder: routing tokens across experts

## Introduction

- Mixture-of-experts layers let a model grow its parameter count without growing its compute.
- Earlier routers collapse onto a few experts, which wastes most of the capacity.

## Approach

- Wayfinder assigns tokens with a **balanced assignment** solved by the Sinkhorn algorithm.
- It keeps 64 experts per layer and sends every token to exactly two of them.

## Experiments

- Wayfinder reaches 28.4 BLEU on the WMT14 benchmark with half the training steps.
"""


def cards(text, **kw):
    return build_from_text(text, "n", **kw).deck.cards


def test_a_per_paper_page_gives_facts_that_name_their_subject():
    found = {(c.question, c.answer) for c in cards(PER_PAPER) if c.kind == "fact"}
    assert (
        "Wayfinder: routing tokens across experts › Approach — Wayfinder assigns tokens with a "
        "___ solved by the Sinkhorn algorithm.",
        "balanced assignment",
    ) in found
    # a benchmark's name ("… on the ___ benchmark" → WMT14) is trivia as a blank (r18-h5)
    assert "WMT14" not in {a for _, a in found}, found
    # "It keeps …" points back at something it does not name: no card
    assert not any(q.split(" — ", 1)[1].startswith("It ") for q, _ in found)


def test_facts_never_blank_a_common_word_or_the_heading():
    for card in cards(PER_PAPER):
        if card.kind != "fact":
            continue
        assert card.answer.lower() not in ("the", "model", "experts", "layer", "approach")
        assert card.answer.lower() not in card.question.split(" — ")[0].lower()


HIGHLIGHTS = """\
# Topology — highlights

- A covering map is a local homeomorphism with evenly covered neighbourhoods of every point.
  hl-page:: 353
  ls-type:: annotation
  id:: 637847e2-9127-482b-b496-95136f6e6f95
- ((637847e2-9127-482b-b496-95136f6e6f95)) The fundamental group of the circle is the integers.
  hl-color:: yellow
"""


def test_logseq_properties_and_block_refs_never_reach_a_card():
    found = cards(HIGHLIGHTS)
    assert found, "the highlights give cards"
    for card in found:
        text = f"{card.question} {card.answer}"
        assert "::" not in text and "hl-" not in text and "637847e2" not in text, card


AWESOME_TOOLS = """\
# Awesome computational neuroscience

## Python

- [Brian2](https://github.com/brian-team/brian2) - Simulator for spiking neural networks, written in Python and fast to iterate with.
- [Elephant](https://github.com/NeuralEnsemble/elephant) - Library for the analysis of electrophysiology data, with spike train statistics.
- [Winding Road](https://example.org/x) - Man with a Mission {Golden Kamuy} [OP]
"""


def test_entries_linking_any_host_are_read_by_their_shape():
    found = {(c.kind, c.question, c.answer) for c in cards(AWESOME_TOOLS)}
    assert (
        "entry",
        "What is Brian2?",
        "Simulator for spiking neural networks, written in Python and fast to iterate with",
    ) in found
    assert any(q == "What is Elephant?" for _, q, _ in found)
    # a listing of names and tags is not a description
    assert not any("Winding Road" in q for _, q, _ in found)


LABELS = """\
# Quantum channels

- Title: Notes on open quantum systems
- Aim: Using tomography to verify the prediction on state after measurement
- Intuitively: the environment learns which path the system took
- when the bath is cold: the integral is dominated by low frequencies
- phase 4: the qubit is read out
- **Adam**: an optimiser that keeps running averages of gradients and their squares
- decoherence: loss of phase coherence between the components of a superposition
"""


def test_labels_are_not_terms_but_terms_are():
    questions = [c.question for c in cards(LABELS) if c.kind == "term-definition"]
    for label in ("Title", "Aim", "Intuitively", "when the bath", "phase 4"):
        assert not any(label in q for q in questions), (label, questions)
    assert any(q.endswith("what is Adam?") or q == "What is Adam?" for q in questions)
    assert any("decoherence" in q for q in questions)


TABLE = """\
# Reading list

| Paper | Authors | Year | Venue | Summary |
|---|---|---|---|---|
| [Raft](https://www.usenix.org/conference/atc14/technical-sessions/presentation/ongaro) | Ongaro and Ousterhout | 2014 | USENIX ATC | Consensus split into leader election, log replication and safety |
"""


def test_metadata_cards_only_with_metadata():
    plain = build_from_text(TABLE, "n")
    full = build_from_text(TABLE, "n", with_metadata=True)
    assert not {c.kind for c in plain.deck.cards} & METADATA_KINDS
    assert {c.kind for c in full.deck.cards} & METADATA_KINDS == {
        "attribution",
        "venue",
        "section",
    } & {c.kind for c in full.deck.cards} and any(c.kind == "attribution" for c in full.deck.cards)
    reasons = {r.reason for r in plain.report.rejected}
    assert "metadata card (build --with metadata makes it)" in reasons
    assert any(c.kind == "table-row" for c in plain.deck.cards)  # the summary stays


def test_cards_are_written_best_first():
    kinds = [c.kind for c in cards(PER_PAPER + "\n" + AWESOME_TOOLS)]
    assert "fact" in kinds and "entry" in kinds
    assert kinds.index("entry") < kinds.index("fact")  # entry (0.8) outranks fact (0.7 × score)


SURVEY = """\
# Mechanisms of in-context learning

## Skill recognition

- [Implicit Bayesian inference explains in-context learning](https://arxiv.org/abs/2111.02080)

## Skill learning

- [Transformers implement gradient descent in context](https://arxiv.org/abs/2212.07677)

## More papers

- [Some survey of everything](https://arxiv.org/abs/2301.00234)
"""

READING_LOG = """\
# Reading log

## September 2016

- [Layer normalization](https://arxiv.org/abs/1607.06450)

## October 2016

- [Neural architecture search](https://arxiv.org/abs/1611.01578)
"""


def test_a_taxonomy_heading_is_asked_as_subject_matter_with_its_siblings_as_choices():
    # on request only, even for a list of bare titles: judged trivia (round r18)
    assert not [c for c in cards(SURVEY) if c.kind == "topic"]
    found = {
        (c.question, c.answer, c.context)
        for c in cards(SURVEY, with_metadata=True)
        if c.kind == "topic"
    }
    assert (
        "In Mechanisms of in-context learning, which topic does “Transformers implement gradient "
        "descent in context” study: Skill recognition or Skill learning?",
        "Skill learning",
        "Mechanisms of in-context learning",  # the context stops above the answer
    ) in found
    assert not any("Some survey" in q for q, _, _ in found)  # "More papers" is a catch-all


def test_topic_cards_wait_for_with_metadata_where_the_entries_say_more():
    # judged trivia in every blind round beside content cards, so made on request only there
    described = SURVEY.replace(
        "(https://arxiv.org/abs/2212.07677)",
        "(https://arxiv.org/abs/2212.07677) - A linear self-attention layer performs one step "
        "of gradient descent on the regression loss of its in-context examples",
    )
    assert [c for c in cards(described) if c.kind != "topic"]
    assert not [c for c in cards(described) if c.kind == "topic"]
    assert [c for c in cards(described, with_metadata=True) if c.kind == "topic"]


def test_filing_headings_give_no_topic_cards():
    assert not [c for c in cards(READING_LOG, with_metadata=True) if c.kind == "topic"]


def test_the_report_says_why_a_sentence_gave_no_fact():
    note = "# Feedback cycles\n\n## Gulfs\n\n- It is the distance between a user's goals and the system.\n- I think this is the most important idea of the lecture today.\n"
    reasons = [r.reason for r in build_from_text(note, "n").report.rejected]
    assert "no fact: opens on a word that points back (It, This, Also …)" in reasons
    assert "no fact: talks to the reader or about the note" in reasons


def test_a_misspelling_is_not_a_term_to_blank():
    from studydeck.builder import salience

    assert salience.likely_typo("usualy") and salience.likely_typo("challange")
    assert not salience.likely_typo("qubit") and not salience.likely_typo("decoherence")
    assert salience.likely_typo("interacttions") and salience.likely_typo("beelow")  # doubled
    assert not salience.likely_typo("subnet") and not salience.likely_typo("backprop")  # compounds
    note = "# Sensors\n\n## Lidar\n\n- Lidar point clouds are usualy sparse beyond fifty metres from the car.\n"
    assert not any(c.answer == "usualy" for c in cards(note))


SHARED_TABLE = """\
# Monocular 3D detection

| Method | Input | Trick |
|---|---|---|
| Deep3DBox | 2D bbox, intrinsics | orientation bins with a residual |
| MonoPSR | 2D bbox, intrinsics | shape reconstruction from a proposal |
| MonoDIS | 2D bbox, intrinsics | disentangled losses for each box parameter |
"""


def test_a_cell_most_rows_share_is_boilerplate():
    found = {(c.question, c.answer) for c in cards(SHARED_TABLE)}
    assert ("What is the trick of MonoDIS?", "disentangled losses for each box parameter") in found
    assert not any(a == "2D bbox, intrinsics" for _, a in found)


def test_a_plain_sentence_of_the_form_x_is_a_y_is_a_definition():
    note = "# Topology\n\nA covering map is a local homeomorphism whose every point has an evenly covered neighbourhood.\n\nI think this is the most important idea of the course.\n\nThe result is a space that is simply connected everywhere.\n"
    questions = {c.question: c.answer for c in cards(note) if c.kind == "term-definition"}
    assert questions == {
        "What is a covering map?": "A local homeomorphism whose every point has an evenly covered neighbourhood"
    }


def test_the_notes_own_vocabulary_is_salient():
    note = (
        "# DenseCap\n\n## Localization layer\n\n"
        "- The localization layer predicts region proposals at anchor points.\n"
        "- Bilinear sampling turns region proposals of any size into fixed-size features.\n"
        "- Recognition of region proposals takes up most of the test time.\n"
    )
    answers = {c.answer for c in cards(note) if c.kind == "fact"}
    assert "region proposals" in answers  # a pair the note keeps using, though English words


def test_venue_lines_examples_and_pointing_labels_make_no_cards():
    note = """\\
# Week 12: Best of CHI

- Wu, K., & Szafir, D. A. (2021, May). [Understanding data accessibility for people with disabilities.](https://dl.acm.org/doi/abs/10.1145/3411764) In Proceedings of the 2021 CHI Conference on Human Factors in Computing Systems.

## Alzheimer's disease

- antioxidants - Vitamin E, selegiline (MOAi)
- Input to this layer: activations from the convolutional network
- Local vs global: local methods match pixels greedily, global methods minimise an energy over the image
"""
    found = {(c.question, c.answer) for c in cards(note)}
    assert not any("Proceedings" in a for _, a in found)
    assert not any("antioxidants" in q or "this layer" in q for q, _ in found)
    assert any(
        q.endswith("what distinguishes Local from global?")
        or q == "What distinguishes Local from global?"
        for q, _ in found
    ), found


def test_a_topic_the_title_names_is_not_asked():
    note = SURVEY.replace(
        "Transformers implement gradient descent in context",
        "How transformers learn skills in context",
    )
    found = cards(note, with_metadata=True)
    assert not any("How transformers learn" in c.question for c in found if c.kind == "topic")


def test_a_finding_after_a_methods_name_is_asked_as_a_result_not_a_definition():
    note = "# Wayformer: Motion Forecasting via Simple Attention\n\n## Ablations\n\n- latent query attention: No performance loss with x16 compression of the scene encoding\n"
    found = {(c.question, c.answer) for c in cards(note) if c.kind == "term-definition"}
    assert found == {
        (
            "What result does Wayformer report for latent query attention?",
            "No performance loss with x16 compression of the scene encoding",
        )
    }


def test_org_directives_and_unmasked_latex_never_reach_a_card():
    note = "# Superconductivity\n\n## Result\n\n- #+BEGIN_NOTE\n- The gap equation fixes the critical temperature of the Bardeen condensate exactly.\n- #+END_NOTE\n- The critical temperature is \\begin{aligned} k_B T_c = \\omega_D e^{-1/NV} \\end{aligned} for weak coupling.\n"
    for card in cards(note):
        text = card.question + card.answer
        assert "#+" not in text and "\\begin" not in text, card


def test_two_clozes_that_read_alike_with_other_answers_are_both_refused():
    note = "# Decoders\n\n## Losses\n\n- Training minimises a hinge loss on the outputs of the convolutional layer.\n- Training minimises a hinge loss on the outputs of the bilinear layer.\n"
    build = build_from_text(note, "n")
    assert not [c for c in build.deck.cards if c.kind == "fact"]
    # refused as siblings that open alike, or (lines apart) as clozes that read alike
    reasons = [r.reason for r in build.report.rejected]
    assert sum("another answer" in r for r in reasons) == 2, reasons


def test_two_alike_clozes_in_separate_lists_are_both_refused_as_twins():
    note = (
        "# Decoders\n\n## Losses\n\n- Training minimises a hinge loss on the outputs of the convolutional layer.\n\n"
        "A paragraph between the two lists says nothing about either of the decoders here.\n\n"
        "- Training minimises a hinge loss on the outputs of the bilinear layer.\n"
    )
    build = build_from_text(note, "n")
    assert not [c for c in build.deck.cards if c.kind == "fact"]
    reasons = [r.reason for r in build.report.rejected]
    assert reasons.count("ambiguous: a line beside it reads the same with another answer") == 2


def test_one_cloze_per_answer_in_a_note():
    note = (
        "# Complex analysis\n\n## Residues\n\n"
        "- The residue at an essential singularity is read off the asymptotic series about the point.\n"
        "- At a pole of order two the asymptotic series has exactly two terms of negative power.\n"
        "- A removable singularity leaves the asymptotic series without any principal part at all.\n"
    )
    build = build_from_text(note, "n")
    assert [c.answer for c in build.deck.cards if c.kind == "fact"].count("asymptotic series") == 1
    assert any("the same blank as a better cloze" in r.reason for r in build.report.rejected)


# a Kindle export: every highlight indented six spaces, which markdown reads as a code block
KINDLE_HIGHLIGHTS = """\
#### Patterns of Discovery (Hanson, N. R.)
      Rival paradigms are incommensurable because their adherents disagree about what counts as evidence.

      A crucial experiment seldom settles a dispute between two rival research programmes.
"""


def test_indented_kindle_highlights_give_cards():
    found = {(c.kind, c.answer) for c in cards(KINDLE_HIGHLIGHTS)}
    assert ("fact", "incommensurable") in found, found


def test_trailing_tail_holds_every_ending():
    """_trails_off searches only the last TRAILING_TAIL characters: each ending _TRAILING
    looks for must fit in them, or a sentence "… the following inequality" would be missed."""
    import re._parser as sre_parse

    from studydeck.builder.rules import sentence_checks as checks

    parsed = sre_parse.parse(checks._TRAILING.pattern, checks._TRAILING.flags)
    ending = sre_parse.SubPattern(parsed.state, [parsed.data[0]])  # the part before "\s*$"
    assert ending.getwidth()[1] <= checks.TRAILING_TAIL
    for sentence in ("It holds with", "so that the following inequality ", "x, i.e.\n", "ok."):
        assert checks.trails_off(sentence) == bool(checks._TRAILING.search(sentence))
