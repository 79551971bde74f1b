# ruff: noqa: E501  (realistic note lines are long)
"""Patterns in real notes (issue 11): blocks the builder used to drop, and cards blind judges
marked defects, each fixed as a pattern. Notes are our own writing in the style of real ones."""

from test_builder_prose import cards

TOOL_LIST = """\
# Awesome ecology software

## R packages

- [vegan](https://github.com/vegandevs/vegan) - Community ecology package for ordination and diversity analysis.
- [MARK](https://example.org/mark) - Program for estimating survival from capture-recapture data (CJS, POPAN, RMark).
- [GBIF](https://www.gbif.org) - Open platform for sharing and querying species occurrence records (GBIF, iDigBio, OBIS).
- [Tags](https://example.org/tags) - GIS LIDAR DEM SDM NDVI UAV.
"""


def test_an_entry_described_with_acronyms_is_still_prose():
    found = {c.question: c.answer for c in cards(TOOL_LIST) if c.kind == "entry"}
    assert found.get("What is MARK?", "").startswith("Program for estimating survival")
    assert found.get("What is GBIF?", "").startswith("Open platform for sharing")
    assert "What is “vegan”?" in found  # a lower-case name is quoted
    assert "What is Tags?" not in found, found  # a run of acronyms is a listing, not a description


LECTURE_MATH = r"""
# Signals and Systems

## The Fourier transform

The Fourier transform of an integrable $f$ is defined as

$$\hat f(\xi) = \int f(x) e^{-2\pi i x \xi} dx$$

It turns out that the transform of a Gaussian is again a Gaussian, namely

$$\widehat{e^{-\pi x^2}} = e^{-\pi \xi^2}$$

For the box function we find that the integral is elementary and so we may compute it as follows

$$\hat f(\xi) = \int_{-1/2}^{1/2} e^{-2\pi i x \xi} dx = \frac{\sin \pi \xi}{\pi \xi}$$

Let $f, g$ be integrable functions, then

$$\widehat{f * g} = \hat f \cdot \hat g$$
"""


def test_display_math_names_its_subject_and_skips_worked_steps():
    found = {c.question: c.answer for c in cards(LECTURE_MATH) if c.kind == "display-math"}
    # a theorem's hypothesis ("Let … then") introduces a formula worth recalling, under its heading
    assert (
        "Signals and Systems › The Fourier transform — Let $f, g$ be integrable functions, then ___"
        in found
    ), found
    # the lead-in names its heading's head word ("transform"): no prefix needed
    assert "The Fourier transform of an integrable $f$ is defined as ___" in found
    assert not any("It turns out" in q for q in found), found  # points back
    assert not any("we may compute" in q for q in found), found  # a worked example's step


GLOSSARY_HEADINGS = """\
- output
    + quantity of goods produced in a given period

# Acronyms/ abbreviations
- NAIRU - non-accelerating inflation rate of unemployment
- C - consumption
    + c0 - autonomous consumption
"""


def test_a_heading_that_only_files_terms_is_not_their_subject():
    found = {c.question: c.answer for c in cards(GLOSSARY_HEADINGS) if c.kind == "term-definition"}
    assert found.get("What is NAIRU?") == "Non-accelerating inflation rate of unemployment", found
    assert not any("Acronyms" in q for q in found), found  # how the note files them
    assert not any("c0" in q for q in found), found  # a symbol with no field to name


MIXED_JOTTINGS = """\
# Object detection notes

## Pipeline

- RoI extraction: by sliding window over the image
- Classification: Classify each RoI
- layernorm: controls mean and variance of the activations
    - RMSnorm: simpler version, sets the mean offset to zero
- Detector heads: Predict a box and a class score per anchor. Predict a box and a class score per anchor.

## Systems

- ZooKeeper: High-performance coordination for distributed systems, ATC 2010 [pdf](https://www.usenix.org/zk.pdf)
    - Widely deployed **Apache** licensed coordination service written in Java [project website](https://zookeeper.apache.org)
    - Sessions keep ephemeral znodes alive while the ZooKeeper client heartbeats.

## Reading

- [Matrix decompositions explained](https://example.org/svd.pdf). Handout walking through the maths of both decompositions (regression, covariance etc.).
- Sparsely-gated mixtures ([Shazeer et al. 2017](https://arxiv.org/abs/1701.06538)) have been studied with token-based routing and backprop
"""


def test_definitions_that_point_elsewhere_or_go_round_in_a_circle_are_not_made():
    found = {c.question: c.answer for c in cards(MIXED_JOTTINGS) if c.kind == "term-definition"}
    assert any("RoI extraction" in q for q in found), found
    assert not any("classification" in q.lower() for q in found), found  # "Classify each RoI"
    assert not any("RMSnorm" in q for q in found), found  # a simpler version of what?
    heads = [a for q, a in found.items() if "detector heads" in q.lower()]
    assert heads == ["Predict a box and a class score per anchor."], found  # pasted twice


def test_a_pointer_link_closing_a_sentence_is_not_part_of_the_fact():
    facts = [c.question for c in cards(MIXED_JOTTINGS) if c.kind == "fact"]
    assert any("written in Java." in q for q in facts), facts
    assert not any("website" in q for q in facts), facts


def test_topics_in_parentheses_are_no_attribution_and_a_sentence_subject_no_summary():
    found = {c.question: c.answer for c in cards(MIXED_JOTTINGS) if c.kind == "paper-summary"}
    assert "What is the key idea of Matrix decompositions explained?" in found, found
    assert not any("Etc" in q for q in found), found
    assert not any("have been studied" in a.lower() for a in found.values()), found


PAPER_PAGE_PLAIN_LABELS = """\
# [Seq2Box: Detection as Sequence Generation](https://arxiv.org/abs/2301.00001)

_June 2024_

tl;dr: Cast object detection as generating a sequence of coordinate tokens.

- Problem: anchor design and non-maximum suppression make detectors hard to tune
- Setup: eight GPUs for three days
"""


def test_plain_section_labels_on_a_paper_page_ask_about_the_paper():
    found = {c.question: c.answer for c in cards(PAPER_PAGE_PLAIN_LABELS) if c.kind == "paper-page"}
    assert found.get("What is the key idea of the Seq2Box paper?", "").startswith(
        "Cast object detection"
    ), found
    assert "What problem does the Seq2Box paper address?" in found, found
    assert not any("Setup" in q or "eight GPUs" in a for q, a in found.items()), found  # no section


UNTITLED_PAGE = """\
Phonons mediate an **attractive** interaction between electrons near the Fermi surface.
"""


def test_an_untitled_page_is_named_by_its_file_as_a_vault_names_it():
    from studydeck.builder.build import build_from_text

    def facts(name):
        return [
            c.question for c in build_from_text(UNTITLED_PAGE, name).deck.cards if c.kind == "fact"
        ]

    assert facts("superconductivity_notes") == [
        "superconductivity — Phonons mediate an ___ interaction between electrons near the Fermi surface."
    ]
    # a journal's dated file name names no subject, and a fact needs one
    assert facts("2019-11-13-nov-log") == []


READING_LOG = """\
# Reading log, spring

- [Sampling photons classically](https://arxiv.org/abs/1706.00001), Clifford and Clifford 2018 (Exact algorithm that samples each photon in turn, conditioned on the previous ones. Only two permanents in the worst case!)
- [Lossy boson sampling](https://arxiv.org/abs/1907.00002), Moylett, Renema and Turner QST 2020 (Combine the two simulation strategies for lossy photons. What is $k$?)
- [Coherent states of SU (1,1)](https://arxiv.org/abs/9607.02201), Brif and Mann 1996
- WarmFix: On the Variance of Adaptive Rates ([liu et al. 2020](https://openreview.net/forum?id=abc))
    - usually need learning-rate warmup when training with adaptive optimisers
    - WarmFix = rectify the variance of the adaptive learning rate early in training
"""


def test_a_reading_logs_byline_then_parenthesis_gives_the_key_idea():
    found = {c.question: c.answer for c in cards(READING_LOG) if c.kind == "paper-summary"}
    assert (
        found.get(
            "What is the key idea of Sampling photons classically (Clifford and Clifford 2018)?"
        )
        == "Exact algorithm that samples each photon in turn, conditioned on the previous ones."
    ), found
    # only the gist's first sentence: what follows is an aside or the reader's question
    assert found.get("What is the key idea of Lossy boson sampling (Moylett et al. 2020)?") == (
        "Combine the two simulation strategies for lossy photons."
    ), found
    assert not any("(1,1)" in q.split("SU")[-1].split(")")[-1] for q in found), found
    assert not any("Brif" in q for q in found), found  # a byline alone is no key idea


def test_the_child_that_names_the_paper_says_what_it_is():
    found = {c.question: c.answer for c in cards(READING_LOG) if c.kind == "paper-summary"}
    [answer] = [a for q, a in found.items() if "WarmFix" in q]
    assert answer == "Rectify the variance of the adaptive learning rate early in training"


JOTTED_GLOSSARY = """\
# Monetary economics

- income velocity: freq at which avg unit of currency is used to purchase newly deomsetcially produced goods wihtin a period.
- seigniorage: the difference between the face value of money and the cost of producing it
- VNA, cavity response: low probe power shifts the readout; high power shows the bare cavity
- **Reconstruction**
    - Stereo
        - Taxonomies
            - Local vs global: local methods match windows greedily, global methods minimise an energy.

## *Open systems (actually two qubits)

- Measurement: a CNOT with the system as control and the ancilla as target.
"""


def test_a_garbled_jotting_a_two_label_term_and_a_bare_comparison_are_fixed_or_dropped():
    found = {c.question: c.answer for c in cards(JOTTED_GLOSSARY) if c.kind == "term-definition"}
    assert any("seigniorage" in q for q in found), found
    assert not any("income velocity" in q for q in found), found  # "deomsetcially", "wihtin"
    assert not any("VNA" in q for q in found), found  # two labels, not a term
    assert "In Stereo, what distinguishes local from global?" in found or (
        "In Stereo, what distinguishes Local from global?" in found
    ), found  # of what: the label above, not "Taxonomies"
    # a stray emphasis mark ("*Open systems", a Logseq habit) is no part of the section's name
    assert "In Open systems (actually two qubits), what is a measurement?" in found, found


ROUND_SEVEN = """\
# Trajectories of a Driven Superconducting Transmon Qubit

## Acronyms

- SME: stochastic master equations

## Related

- [Tuning in context](https://arxiv.org/abs/2110.00001) (Chen et al. 2022) -- Given new task with new instruction
- [Prompt wrappers](https://arxiv.org/abs/2102.00002) (Reynolds et al. 2021) -- define metaprompts as general wrappers around tasks

| Name | Title | Idea |
|---|---|---|
| [monodet_fast](monodet_fast.md) | [MonoDet 2: Fast Monocular Detection](https://arxiv.org/abs/1905.00003) | Regress keypoints and fit a CAD model to infer depth |
"""


def test_round_seven_patterns():
    found = {c.question: c.answer for c in cards(ROUND_SEVEN)}
    # an acronym names its page even when the title is long: "What is SME?" means nothing alone
    assert (
        found.get("In Trajectories of a Driven Superconducting Transmon Qubit, what is SME?")
        == "Stochastic master equations"
    ), found
    # a summary that is only the start of a thought is none
    assert not any("Tuning in context" in q for q in found), found
    assert any("Prompt wrappers" in q for q in found), found
    # a table names a paper by its title's short name, not by its notes file's slug
    assert "What is the key idea of MonoDet 2?" in found, found
    assert not any("monodet_fast" in q for q in found), found


TAKEAWAYS = """\
# Paper club

1. **[LCX; Latent Consistency Experts: Few-Step Image Synthesis](https://arxiv.org/abs/2310.00001):** Consistency modeling in latent space is all you need
2. **[DPX; Direct Preference Experts: Your Language Model is Secretly a Reward Model](https://arxiv.org/abs/2305.00002):** A separate reward model is NOT what you need
"""


def test_a_reverse_takeaway_that_spells_out_the_name_is_not_made():
    reverse = {c.answer for c in cards(TAKEAWAYS) if c.kind == "takeaway-reverse"}
    assert "DPX" in reverse, reverse  # "reward model" is no letter of DPX
    assert "LCX" not in reverse, reverse  # "latent … consistency": the name it asks for


SURVEY_PROSE = """\
# Robot Mapping Survey

## Segmentation

* SegNet keeps the positions of the largest values to reverse the pooling step.
* Monte Carlo methods are often used for localising a robot in a known map.
* Recursive formulations have trouble recovering from early errors in tracking.
* Differentiating pedestrians and cyclists still causes problems for detectors.
* FCN and SegNet differ in how they upsample the coarse feature maps.
* Real maps need tedious manual labelling.
  LabelTool eases that problem a bit, but label quality tends to be low.

## Hypernetworks for RNNs

* HyperRNNs implement a form of relaxed weight sharing across all time steps.
"""


def test_a_name_is_no_facts_blank_even_where_the_sentence_opens_on_it():
    found = {c.question: c.answer for c in cards(SURVEY_PROSE) if c.kind == "fact"}
    # "___ keeps the positions of the largest values …" → SegNet: a name or an acronym as the
    # blank was judged trivia or guessed (14 % and 27 % KEEP, rounds r18, r19, h5)
    assert "SegNet" not in found.values(), found
    # nor a capitalised word ("Recursive", "Differentiating"), half of "FCN and SegNet", or a
    # sentence that points back ("that problem") or whose headings spell it ("HyperRNNs")
    assert list(found.values()) == [], found


COUNTED_PAGE = """\
# GlyphNet

* How
  * The authors split recognition into three stages:
    * (1) **Stroke Encoder**:
      * A small CNN over the pen trajectory.
    * (2) **Glyph Decoder**:
      * An LSTM that emits one glyph per step.
    * (3) **Language Prior**:
      * A character n-gram model that rescores the beam.
  * Their training loss has two terms:
    * Cross-entropy on every emitted glyph.
    * An alignment penalty between strokes and glyphs.
  * Each glyph is scored by two heads:
    * shape - a classifier over the rendered stroke image
    * order - a pointer network over the stroke sequence
  * The decoder emits six symbol classes:
    * digits
    * letters
    * accents
    * ligatures
    * punctuation
    * spaces
  * It has two three important parts:
    * Speed
    * Memory
    * Accuracy

* Training
  * The authors split recognition into three stages:
    * Stroke Encoder: encodes the trajectory.
    * Glyph Decoder: emits glyphs.
    * Language Prior: rescoring.
"""


def test_a_bullet_that_counts_its_children_gives_a_list_card():
    found = {c.question: c.answer for c in cards(COUNTED_PAGE) if c.kind == "short-list"}
    assert (
        found.get("GlyphNet — The authors split recognition into three stages: which three?")
        == "Stroke Encoder; Glyph Decoder; Language Prior"
    ), found  # the children's labels
    assert found.get("GlyphNet — Their training loss has two terms: which two?") == (
        "Cross-entropy on every emitted glyph; An alignment penalty between strokes and glyphs"
    )
    assert found.get("GlyphNet — Each glyph is scored by two heads: which two?") == "shape; order"
    assert found.get("GlyphNet — The decoder emits six symbol classes: which six?", "").startswith(
        "digits; letters"
    )  # the count says how many: six is not too many
    # the count disagrees with the children, or the sentence points back: no card; the same
    # three stages listed again under "Training" are not asked twice; "How" names nothing
    assert len(found) == 4, found


GRAPH_NOTES = """\
# Graph theory

## Basics

A graph is **connected** if every two vertices are joined by a path.

The proof is **not** hard once the induction is set up correctly here.
"""


def test_a_common_word_the_note_defines_in_bold_is_the_blank():
    found = {c.question: c.answer for c in cards(GRAPH_NOTES) if c.kind == "fact"}
    # "connected" is an everyday word, but "is **connected** if …" defines it
    assert found == {
        "Graph theory — A graph is ___ if every two vertices are joined by a path.": "connected"
    }, found  # "**not**" is emphasis, not a term


JUDGED_ROUND_NINE = """\
# Ledger Reading List

* Fastchain: A fast and secure ledger, TCS 2019 [[pdf](https://example.org/fastchain.pdf)]
  * 2nd of the two Fastchain papers
* Slowchain: Consensus with lower latency, PODC 2019 [[pdf](https://example.org/slowchain.pdf)]
  * Rotates the leader every round so that a slow leader is replaced quickly.

## Measurement

Example of weak measurement: couple the qubit to a meter that is barely disturbed.

## Results

* Their full jointly trained model (FCLN) achieves the best results on the captioning benchmark.
* The authors use bilinear interpolation for that projection, which keeps it differentiable.
* At every step the input to the decoder is the concatenated vector of the glyph and the hidden state.
* The glyph and the state are concatenated before the projection layer of the decoder.
* Both halves are concatenated once more in the output head of the network.
"""


def test_round_nine_patterns():
    made = cards(JUDGED_ROUND_NINE)
    found = {c.question: c.answer for c in made}
    # a child that only places the paper among others is no key idea; one that says what it
    # does is
    assert not any("Fastchain" in q for q in found), found
    assert found.get("What is the key idea of the Slowchain paper?", "").startswith("Rotates")
    # "Example of …" is a label over an instance, not a term
    assert not any("Example of" in c.question for c in made if c.kind == "term-definition")
    # half a name its acronym abbreviates, and a participle, are no blanks
    assert not any(a in ("trained model", "concatenated") for a in found.values()), found
    # "for that projection": the projection is named where the note said it, not here
    assert not any("that projection" in q for q in found), found


STATEMENTS = """\
# Number theory

**Fundamental Theorem of Arithmetic**: every integer above 1 is a unique product of primes

- Bezout's lemma: for integers a and b there are x, y with ax + by = gcd(a, b)
"""


def test_a_named_theorem_or_law_is_asked_what_it_states():
    found = {c.question for c in cards(STATEMENTS) if c.kind == "term-definition"}
    assert "What does the Fundamental Theorem of Arithmetic state?" in found, found
    assert "What does Bezout's lemma state?" in found, found  # a possessive takes no "the"


RESTATED = """\
# Program repair

- [Improving generated code from Codex via Automated Program Repair](https://arxiv.org/abs/2205.10583) - use automated program repair to tweak codex outputs
- [RAdam: On the Variance of the Adaptive Learning Rate](https://arxiv.org/abs/1908.03265) - add a term to rectify the variance of the adaptive learning rate in Adam
"""

COMPLEX_NUMBERS = """\
# Complex analysis

The addition of two complex numbers is the sum of their real and imaginary parts.

The singular points of the integrand are the four roots of unity in the upper half plane.
"""


def test_a_summary_that_restates_its_title_is_none():
    found = {c.question: c.answer for c in cards(RESTATED) if c.kind == "paper-summary"}
    # two thirds of its words are the title's: given away; the RAdam one adds how
    assert not any("Codex" in q for q in found), found
    assert any("RAdam" in q for q in found), found


def test_the_x_of_y_is_a_term_unless_y_points_back():
    found = {c.question: c.answer for c in cards(COMPLEX_NUMBERS) if c.kind == "term-definition"}
    assert found.get("What is the addition of two complex numbers?") == (
        "The sum of their real and imaginary parts"
    ), found
    assert not any("integrand" in q for q in found), found  # which integrand?


UNDER_A_NAME = """\
# Symbolic reasoning

- HRR binds two vectors by circular convolution:
  - filler - the vector that carries the content
  - role - the vector that carries the position in the structure
"""


def test_a_term_under_a_bullet_opening_on_a_name_is_asked_in_that_name():
    found = {c.question: c.answer for c in cards(UNDER_A_NAME) if c.kind == "term-definition"}
    # "filler" means something only in HRR: not "In Symbolic reasoning, what is a filler?"
    assert found.get("In HRR, what is a filler?") == "The vector that carries the content", found


STEPS = """\
# Measure theory

## Proposition

Let $A, B$ be elementary sets; the **symmetric difference** is $A \\Delta B$.

$(4)$ Finally consider their **symmetric difference**: $A \\Delta B$
"""


def test_a_step_number_does_not_hide_a_pointing_opener():
    found = {c.question for c in cards(STEPS) if c.kind == "fact"}
    # "$(4)$ Finally …" opens on "Finally" once its number is set aside
    assert not any("Finally" in q for q in found), found


LONE_NAMES = """\
# Distributed clocks

## Ordering

* The paper introduces the happens-before relation and Lamport clocks for ordering events.
* Vector clocks extend the scalar clocks of Lamport so that concurrent events can be detected.
* A LiDAR sensor measures distance by timing the reflection of short laser pulses off objects.
* Every LiDAR scan is stamped with the local clock of the vehicle before it is stored.
* Correlation between measurement outcomes and the clock offset (using Kalman state update).
* The delay between measurement and delivery grows when one node drifts for several hours.
* A gap between measurement and logging hides the drift of the slowest node in the ring.
"""


def test_no_name_is_a_blank_a_lone_one_english_knows_least_of_all():
    found = {c.question: c.answer for c in cards(LONE_NAMES) if c.kind == "fact"}
    answers = set(found.values())
    # "___ clocks" → Lamport: guessed from the field (judged 40 % KEEP over four rounds); and
    # "LiDAR", a technical token, is trivia as a blank too (rounds r18, r19, h5)
    assert "Lamport" not in answers and "LiDAR" not in answers, found
    # a preposition opens no topical pair ("Correlation ___ outcomes" → between measurement)
    assert not any(a.lower().startswith("between") for a in answers), found
