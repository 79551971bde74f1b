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
    assert (
        "Wayfinder: routing tokens across experts › Experiments — Wayfinder reaches 28.4 BLEU on "
        "the ___ benchmark with half the training steps.",
        "WMT14",
    ) in found
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
    # judged trivia in every blind round, so made with --with metadata only
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
    note = (
        "# Decoders\n\n## Losses\n\n- Training minimises a hinge loss on the outputs of the Sinkhorn layer.\n- Training minimises a hinge loss on the outputs of the Viterbi layer.\n"
        # the layers come up again, so neither name is incidental
        "\n| layer | cost |\n|---|---|\n| Sinkhorn | cubic |\n| Viterbi | linear |\n"
    )
    build = build_from_text(note, "n")
    assert not [c for c in build.deck.cards if c.kind == "fact"]
    reasons = [r.reason for r in build.report.rejected]
    assert reasons.count("ambiguous: a line beside it reads the same with another answer") == 2


def test_one_cloze_per_answer_in_a_note():
    note = (
        "# Complex analysis\n\n## Residues\n\n"
        "- The residue at an essential singularity is read off the Puiseux series about the point.\n"
        "- At a pole of order two the Puiseux series has exactly two terms of negative power.\n"
        "- A removable singularity leaves the Puiseux series without any principal part at all.\n"
    )
    build = build_from_text(note, "n")
    assert [c.answer for c in build.deck.cards if c.kind == "fact"].count("Puiseux") == 1
    assert any("the same blank as a better cloze" in r.reason for r in build.report.rejected)


GLOSSARY = """\
###### Ecology

- carrying capacity
    + maximum population size of a species that an environment can sustain indefinitely
    + set by food, water and habitat
- trophic cascade
    + indirect effects of a predator on plants through its prey
- keystone species
    + Keystone species are species whose removal changes the whole community.
- edge effect
    + they change near the boundary between two habitats

# Wolves
- basics
    + reintroduced to Yellowstone in 1995
- management
    + culling outside the park
        * contested by ranchers
# Otters
- basics
    + hunted almost to extinction for fur
"""


def test_a_glossary_bullet_is_defined_by_its_first_child_but_labels_are_not_terms():
    found = {c.question: c.answer for c in cards(GLOSSARY) if c.kind == "term-definition"}
    assert found.get("In Ecology, what is carrying capacity?", "").startswith("Maximum population")
    assert "In Ecology, what is trophic cascade?" in found  # the page's lone top heading names it
    assert any("keystone species" in q for q in found)  # "X are species whose …" restates it
    assert not any("edge effect" in q for q in found), found  # "they change …": no definition
    assert not any("basics" in q or "management" in q for q in found), found  # labels
    assert not any("set by food" in a for a in found.values())  # only the first child defines


OUTLINER = """\
title:: Open quantum systems

- Exercises
    - Prove that a completely positive map is also a positive map under the Kraus decomposition.
- Amplitude damping
    - Def
        - Its only Lindblad operator is the lowering operator, scaled by the square root of the decay rate.
        - Amplitude damping models the energy loss of a qubit to a zero-temperature bath, as in spontaneous emission.
"""


def test_an_outliners_exercise_bullet_gives_no_facts_and_a_def_label_names_nothing():
    made = cards(OUTLINER)
    assert not any("completely positive" in c.question.lower() for c in made), made
    facts = [c.question for c in made if c.kind == "fact"]
    assert facts and all("Def —" not in q and "› Def" not in q for q in facts), facts
    assert any(q.startswith("Open quantum systems › Amplitude damping — ") for q in facts), facts


def test_a_number_is_never_the_blank_of_a_fact():
    note = (
        PER_PAPER
        + "- The router was trained for 300 hours on 64 accelerators before it converged.\n"
    )
    made = build_from_text(note, "n")
    facts = {c.answer for c in made.deck.cards if c.kind == "fact"}
    assert "WMT14" in facts and not any(a[:1].isdigit() for a in facts), facts
    assert any(r.line == 16 and "worth blanking" in r.reason for r in made.report.rejected)


READING_LOG = """\
# Reading notes, autumn

## 2021

### Two-level system defects in aluminium oxide tunnel junctions at millikelvin temperatures

#### Setup

- resonator: coplanar waveguide on sapphire, $Q_i = 2 \\times 10^5$ at single photon power
- junction loss: avoiding lift-off residue under the junction electrodes

### Books

- Statistical Physics of Fields: Lectures on Field Theory for Condensed Matter, Book 2007 [site]

- heat of transformation
    + heat of vaporisation (liquid / gas)
"""


def test_a_reading_logs_setup_lines_and_book_listings_are_not_definitions():
    found = {c.question: c.answer for c in cards(READING_LOG) if c.kind == "term-definition"}
    for junk in ("resonator", "junction loss", "Statistical Physics of Fields", "heat of"):
        assert not any(junk in q for q in found), (junk, found)


REVIEW_TABLE = """\
# Review of monocular depth estimation

| name | backbone | depth range | insights |
|---|---|---|---|
| [DepthNetA](a.md) | ResNet-50, dilated last stage | capped at 80 m | predicting ordinal bins instead of metric depth stabilises training on far pixels |
| [DepthNetB](b.md) | EfficientNet-B5 and light decoder | learned per scene | a global scale token lets one model serve indoor and outdoor scenes without retuning |
| [DepthNetC](c.md) | Swin-T, four-scale fusion head | fixed at 10 m indoors | self-supervised pretraining on video matters more than the choice of decoder |
"""


def test_a_review_table_asks_about_what_a_paper_says_not_its_attributes():
    questions = [c.question for c in cards(REVIEW_TABLE) if c.kind == "table-row"]
    assert "What are the insights of DepthNetB?" in questions, questions
    assert not any("backbone" in q or "depth range" in q for q in questions), questions


def test_a_title_with_a_byline_after_a_comma_is_a_listing_not_a_description():
    note = (
        "# Listening log\n\n## Songs\n\n"
        "- [Kaze no toorimichi](https://example.org/a), Hisaishi (the film's composer)\n"
        "- [Neuromatch notebooks](https://example.org/b), Jupyter notebooks for the summer school in computational neuroscience\n"
    )
    made = build_from_text(note, "n")
    assert [c.question for c in made.deck.cards] == ["What is Neuromatch notebooks?"]
    assert any("byline" in r.reason and r.line == 5 for r in made.report.rejected)


def test_they_on_a_papers_page_are_its_authors():
    note = PER_PAPER + "- They pretrain every router on the C4 corpus before fine-tuning it.\n"
    facts = [c.question for c in cards(note) if c.kind == "fact"]
    assert any(
        "— The authors pretrain every router on the ___ corpus before fine-tuning it." in q
        for q in facts
    ), facts
    lecture = "# Routing lecture\n\n## Routers\n\n- They pretrain every router on the C4 corpus before fine-tuning it.\n"
    assert not any("authors" in c.question for c in cards(lecture))  # no paper: whose "they"?


def test_a_noun_and_its_verb_are_not_a_phrase_to_blank():
    note = PER_PAPER + "".join(
        f"- Stage {n}: their model generates captions for each region.\n"
        for n in ("one", "two", "three")
    )
    answers = {c.answer for c in cards(note)}
    assert not answers & {"model generates", "generates captions"}, answers


AWESOME_RESOURCES = """\
# Awesome seismology

## Software

- [ObsPy](https://github.com/obspy/obspy) - Python framework for processing seismological data and waveforms

## Resources

### Communities

- [r/seismology](https://reddit.com/r/seismology) - Subreddit for discussion of earthquake news and research
"""


def test_community_and_course_listings_give_no_cards_but_tools_do():
    made = build_from_text(AWESOME_RESOURCES, "n")
    assert [c.question for c in made.deck.cards] == ["What is ObsPy?"]
    assert any("community" in r.reason for r in made.report.rejected)


def test_an_acronym_the_note_repeats_everywhere_is_not_the_blank():
    note = (
        "# Captioning notes\n\n## Decoder\n\n"
        + "".join(
            f"- The LSTM {verb}.\n"
            for verb in ("reads the region code", "emits words", "stops at END")
        )
        + "- Each region code is projected by the LSTM through a GELU before decoding starts.\n"
    )
    answers = {c.answer for c in cards(note) if c.kind == "fact"}
    assert "LSTM" not in answers and "GELU" in answers, answers


def test_a_heading_of_alternatives_is_named_by_its_last():
    note = (
        "# Compression notes\n\n## quantization / pruning / ensembles / knowledge distillation (KD)\n\n"
        "- soft targets - the teacher's output distribution, softened so small probabilities carry signal\n"
    )
    questions = [c.question for c in cards(note) if c.kind == "term-definition"]
    assert questions == ["In knowledge distillation (KD), what are soft targets?"], questions


def test_a_fact_the_note_takes_back_or_writes_in_shorthand_is_no_card():
    note = (
        "# Consensus reading list\n\n## Zab\n\n"
        "- Apache Kafka uses ZooKeeper for its controller election. This is no longer true.\n"
        "- Apache Kafka replicates partitions with ISR sets kept by the leader, not by ZooKeeper.\n"
        "- deflation == ++purchasing power == less incentive to invest == slower Kafka adoption\n"
    )
    made = build_from_text(note, "n")
    questions = [c.question for c in made.deck.cards if c.kind == "fact"]
    assert questions and not any("controller election" in q for q in questions), questions
    reasons = " ".join(r.reason for r in made.report.rejected)
    assert "takes it back" in reasons and "shorthand" in reasons, reasons


def test_a_nickname_another_entry_goes_by_names_the_paper_by_its_title():
    note = (
        "# Reasoning papers\n\n"
        "- GPT-3 ([brown et al. 2020](https://arxiv.org/abs/2005.14165)) - few-shot prompting of a 175B model, no finetuning\n"
        "- GPT-3 [Large Language Models are Zero-Shot Reasoners](https://arxiv.org/abs/2205.11916) - adding a step-by-step cue before each answer raises accuracy\n"
        "- BERT [Pre-training of Deep Bidirectional Transformers](https://arxiv.org/abs/1810.04805) - masked-token pretraining, then finetuning\n"
    )
    questions = [c.question for c in cards(note)]
    assert "What is the key idea of Large Language Models are Zero-Shot Reasoners?" in questions
    assert "What is the key idea of the BERT paper?" in questions, questions  # BERT is its own


def test_twin_symbols_a_restated_heading_and_a_comparison_give_no_cards():
    note = (
        "# Residue notes\n\n## 7.2 Calculation of Residues at Isolated Singularities\n\n"
        "- Calculation of residues at a **simple pole** takes one limit of the Laurent series.\n"
        "- The projector $F_0$ keeps the qubit at 0, while $F_1$ keeps the Kraus qubit at 1.\n"
        "- [Nucleus sampling](https://example.org/n): aka top-p sampling is better than argmax decoding\n"
        "- [Beam search](https://example.org/b): keeps the k most likely prefixes at every decoding step\n"
    )
    made = build_from_text(note, "n")
    facts = [c.question for c in made.deck.cards if c.kind == "fact"]
    assert not any("simple pole" in q or "Laurent" in q for q in facts), facts
    assert not any(c.answer in ("$F_0$", "$F_1$") for c in made.deck.cards)
    questions = [c.question for c in made.deck.cards]
    assert "What is Beam search?" in questions and "What is Nucleus sampling?" not in questions


def test_an_open_ended_list_has_no_count_to_recall():
    note = "# Making spaces\n\n## Venues\n\n- run by volunteers:\n    - Makerspace\n    - Hackerspace\n    - etc\n- open daily:\n    - Fab lab\n    - Tool library\n"
    questions = [c.question for c in cards(note) if c.kind == "short-list"]
    assert len(questions) == 1 and "open daily" in questions[0], questions


INPUTS_TABLE = """\
# Review of lidar-free detectors

| name | required input | insights |
|---|---|---|
| [DetA](a.md) | 2D bbox, 3D bbox, intrinsics | ordinal depth bins keep far objects from dominating the loss at long range |
| [DetB](b.md) | 2D bbox, 3D bbox, intrinsics, CAD models | shape templates fix the box size so the network only regresses the distance |
| [DetC](c.md) | 2D bbox, 3D bbox, stereo pair | a coarse disparity volume is enough when the proposals come from a 2D detector |
"""


def test_a_cell_of_the_columns_common_words_tells_no_row_apart():
    questions = [c.question for c in cards(INPUTS_TABLE) if c.kind == "table-row"]
    assert "What are the insights of DetB?" in questions, questions
    assert not any("required input" in q for q in questions), questions


def test_a_member_of_a_list_of_three_is_no_blank_whatever_its_kind():
    note = (
        "# Routing papers\n\n- [Wayfinder: routing tokens across experts](https://arxiv.org/abs/2301.00001)\n"
        "  - Fusion module: GNN, soft attention, Transformer and its variants\n"
        "  - Routing uses a balanced assignment solved by Sinkhorn iterations\n"
    )
    made = cards(note)
    assert any(c.answer == "Sinkhorn" for c in made), [(c.question, c.answer) for c in made]
    assert not any(c.answer == "GNN" for c in made), [(c.question, c.answer) for c in made]


def test_a_definitions_jotted_second_sentence_is_left_out():
    note = (
        "# Economics glossary\n\n- seigniorage\n"
        "    + the profit made by issuing currency (e.g. coins). usu @low inflation == small\n"
        "- velocity of money: how often a unit of currency is spent in a period. Measured as GDP over the money supply.\n"
    )
    found = {c.question: c.answer for c in cards(note) if c.kind == "term-definition"}
    q = "In Economics glossary, what is seigniorage?"
    assert found[q] == "The profit made by issuing currency (e.g. coins).", found
    assert found["What is velocity of money?"].endswith("money supply."), found
