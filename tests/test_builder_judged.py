# ruff: noqa: E501  (realistic note lines are long)
"""Patterns blind judges found in real notes (issue 11), each fixed as a pattern: glossary bullets,
labels, reading-log setups, tables' attribute columns, listings, guessable and garbled blanks.
Notes are our own writing in the style of real ones."""

from test_builder_prose import PER_PAPER, cards

from studydeck.builder.build import build_from_text

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
    assert "In Ecology, what is a trophic cascade?" in found  # the page's lone top heading names it
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
    assert facts and not any(a[:1].isdigit() for a in facts), facts
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
    line = "- They pretrain every router with a contrastive objective before fine-tuning it.\n"
    facts = [c.question for c in cards(PER_PAPER + line) if c.kind == "fact"]
    assert any(
        "— The authors pretrain every router with a ___ objective before fine-tuning it." in q
        for q in facts
    ), facts
    lecture = "# Routing lecture\n\n## Routers\n\n" + line
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


def test_an_acronym_is_not_the_blank_whether_the_note_repeats_it_or_not():
    note = (
        "# Captioning notes\n\n## Decoder\n\n"
        + "".join(
            f"- The LSTM {verb}.\n"
            for verb in ("reads the region code", "emits words", "stops at END")
        )
        + "- Each region code is projected by the LSTM through a GELU before decoding starts.\n"
    )
    answers = {c.answer for c in cards(note) if c.kind == "fact"}
    # "LSTM" everywhere is guessed; "GELU" once is trivia (rounds r18, r19, h5)
    assert "LSTM" not in answers and "GELU" not in answers, answers


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
        "- Kafka elects its controller with a quorum of voters kept in an idempotent log. This is no longer true.\n"
        "- Kafka replicates partitions with idempotent producers and an elected controller broker.\n"
        "- deflation == ++purchasing power == less incentive to invest == slower Kafka adoption\n"
    )
    made = build_from_text(note, "n")
    questions = [c.question for c in made.deck.cards if c.kind == "fact"]
    assert questions and not any("quorum of voters" in q for q in questions), questions
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


SYMBOLS = """\
# prompting

- [Soft Prompts for Retrieval](https://arxiv.org/abs/2301.00001) (doe & roe, 2023) -- learns prompts in embedding space
  - maps trainable parameters $\\phi$ through a small MLP to produce the first hidden state
  - first, finetune on observed $(Q, R, A)$ triplets from the seed set
  - the retriever's score is $s(q, d) = E(q)^\\top E(d)$ for a query and a document
"""


def test_a_formula_that_only_names_symbols_is_no_blank():
    found = {c.answer for c in cards(SYMBOLS) if c.kind in ("detail-cloze", "fact")}
    assert "$\\phi$" not in found and "$(Q, R, A)$" not in found, found  # which letters: guesswork
    assert "$s(q, d) = E(q)^\\top E(d)$" in found, found  # a formula with a relation is content


TRACKER = """\
# Lighthouse: sparse keypoint tracking

## Approach

- The tracker places anchor points on a coarse grid over every frame of the clip.
- At each anchor point the tracker predicts offsets with a small recurrent network.
- The matcher scores candidate offsets by cosine similarity of anchor point features.
- Page 4: there is a typo. Occlusion handling needs the **visibility head** instead of the depth head.
- Lighthouse is quite robust to motion blur on this benchmark, unlike optical flow baselines.
- Nevertheless, the set of keypoints stays sparse enough for a single GPU.
- Keypoint refinement keeps a visibility flag per track, with one handoff required per camera.
- Multi-camera runs mark a handoff required whenever a track leaves the overlap region.
- The handoff step copies track identity from one camera to the next.
- Each track keeps a **drift score** @occlusion, which the matcher updates online.
- The tracker refines each anchor offset with one Gauss-Newton step per frame.
- The refiner proposes offsets using a small MLP for every anchor point.
- Candidate offsets using the coarse grid are pruned before matching.

## Sources

- tracking demos
  - https://example.org/watch?v=abc lab walkthrough
  - https://example.org/watch?v=def conference talk
- method used to evaluate
  - trackers
  - how often a track drifts
- failure cases related to
  - occlusion
  - motion blur
"""


def test_prose_blanks_are_whole_phrases_and_say_what_they_point_at():
    made = cards(TRACKER)
    facts = {c.question: c.answer for c in made if c.kind == "fact"}
    answers = set(facts.values())
    assert "each anchor" not in answers, facts  # a determiner opens a phrase, it is not one
    assert "anchor point" in answers, facts
    assert "offsets using" not in answers, facts  # "proposes offsets using a …": a verb after
    assert not any(a.endswith(" required") for a in answers), facts  # "handoff required": a clause
    assert not any("this benchmark" in q for q in facts), facts  # which benchmark? not said here
    assert not any(q.split("— ")[-1].startswith("Nevertheless") for q in facts), facts
    assert not any("visibility head" in q or "depth head" in q for q in facts), facts  # erratum
    assert not any("@occlusion" in q for q in facts), facts  # the author's shorthand
    assert "drift score" not in answers, facts


def test_links_or_a_split_sentence_under_a_bullet_are_no_list():
    lists = [c.question for c in cards(TRACKER) if c.kind == "short-list"]
    assert not any("tracking demos" in q or "used to evaluate" in q for q in lists), lists
    assert not any("related to" in q for q in lists), lists


GLOSSARY_MATH = """\
###### Open systems

- Ancilla state: $\\cos \\frac{\\theta}{2}|0\\rangle + \\sin \\frac{\\theta}{2}|1\\rangle$
- Purity bound: $\\mathrm{Tr}(\\rho^2) \\le 1$
- Bloch ball: Invoke [[Bloch sphere]]
- reflex arc is a pathway @spinal cord that controls a reflex without the brain
- carrying capacity
    + carrying capacity is the largest population an environment can sustain indefinitely. (for example deer in a fenced park)
"""


def test_a_definition_is_not_a_bare_value_shorthand_or_the_notes_example():
    found = {c.question: c.answer for c in cards(GLOSSARY_MATH) if c.kind == "term-definition"}
    assert not any("ancilla" in q.lower() for q in found), found  # its value here, not what it is
    assert not any("bloch ball" in q.lower() for q in found), found  # a pointer to another page
    assert any("purity bound" in q.lower() for q in found), found  # a relation: a statement
    assert not any("reflex arc" in q for q in found), found  # "@spinal cord": shorthand
    rent = next(a for q, a in found.items() if "carrying capacity" in q)
    assert rent.endswith("sustain indefinitely.") and "deer" not in rent, rent


LECTURE_STEPS = """\
# Measure theory

## Proposition

- Take a cube $Q$ containing both $E$ and $F$ and split it into dyadic cubes.
- Every dyadic cube containing both sets is counted once in the covering sum.
- Given a covering $E$ choose the dyadic refinement of the covering.
- The covering sum skips any cube containing both corners of another cube.

## Counting

- Cantor proved that the reals are uncountably infinite, unlike the rationals.
- Two passes run per cube: estimation = Predict the hidden state of each dyadic cube, then refinement.
- Predict steps run once per dyadic cube in the covering sum.
- Each dyadic cube stores its corner coordinates as a matrix of shape Nx4 in the covering sum.
"""


def test_proof_steps_adverbs_sizes_and_verbs_are_no_blanks():
    facts = {c.question: c.answer for c in cards(LECTURE_STEPS) if c.kind == "fact"}
    answers = set(facts.values())
    assert not any("Take a cube" in q or "Given a covering" in q for q in facts), facts
    assert "containing both" not in answers, facts  # a verb and a determiner: no phrase
    assert "uncountably" not in answers, facts  # an adverb
    assert "Predict" not in answers, facts  # after "=", a capital opens a clause: no name
    assert "Nx4" not in answers, facts  # a size, like a number: trivia


READING_LIST = """\
# Replication reading list

## Algorithms

* Quorum Hopping, OSDI 2019 [[pdf](https://example.org/qh.pdf)]
  * Variant of CRAQ where reads hop between quorums to avoid the tail.
  * Each hop costs one round trip, so reads stay within two round trips.
* Lazy Leases, Tech Report 2020 [[pdf](https://example.org/ll.pdf)]
  * Featured in [the morning paper](https://example.org/blog)
* Fastlane, NSDI 2021 [[pdf](https://example.org/fl.pdf)]
  * AKA the Fastlane consensus paper
* Paxos Without Leaders, PODC 2018 [[pdf](https://example.org/pwl.pdf)]
* Twin Logs, VLDB 2022 [[pdf](https://example.org/tl.pdf)]
  1. Replicates the log on two disjoint quorums
  2. Merges the two logs at read time
"""


def test_an_entry_without_a_description_is_described_by_its_first_child():
    made = cards(READING_LIST)
    found = {c.question: c.answer for c in made if c.kind == "paper-summary"}
    assert found.get("What is the key idea of Quorum Hopping?", "").startswith(
        "Variant of CRAQ where reads hop between quorums"
    ), found
    assert not any("Lazy Leases" in q or "Fastlane" in q for q in found), found  # pointer, alias
    assert not any("Twin Logs" in q for q in found), found  # the first of two numbered ideas
    assert not any("Paxos Without Leaders" in c.question for c in made)  # nothing to ask
    described = [c for c in made if c.source_line == 6]
    assert [c.kind for c in described] == ["paper-summary"], described  # not also a blank


def test_an_entry_child_that_says_this_paper_names_it():
    text = "* Disk Quorums, DISC 2001 [[pdf](https://example.org/dq.pdf)]\n  * This paper describes how to replace acceptors with shared disks\n"
    found = {c.question: c.answer for c in cards(text) if c.kind == "paper-summary"}
    assert found == {
        "What is the key idea of Disk Quorums?": "Describes how to replace acceptors with shared disks"
    }, found


COMPETITIONS = """\
# Field robotics

## Competitions

- Early contests
  - TRAILRUN is a european competition that scores driving on rough terrain at night.
  - the rules change every year, with new terrain types added by the organisers
- Ataxia
  - SCA is a group of inherited disorders of gait and balance. %also affects speech
"""


def test_a_name_said_to_be_a_kind_of_thing_is_defined_even_as_a_child_bullet():
    found = {c.question: c.answer for c in cards(COMPETITIONS) if c.kind == "term-definition"}
    assert any("TRAILRUN" in q for q in found), found
    sca = next(a for q, a in found.items() if "SCA" in q)
    assert sca == "A group of inherited disorders of gait and balance.", sca  # the aside dropped
    assert not any("rules" in q for q in found), found  # a lowercase fragment continues its parent


DRIVING = """\
# Learned driving

## End-to-end control

- The policy network learns to steer by imitating recorded steering commands from human drivers.
- Instance trackers first predict anchor boxes (e.g. rotated rectangles) and then refine each rotated box.
- Modern planners add a costmap prior to stabilise training (cf **ChauffeurNet** and its successors).
- Rule: **Occluded lanes ->** slower speed near intersections
- Logged steering commands are smoothed before training, since raw steering commands jitter.
- Rotated rectangles fit lane markings better than rotated rectangles fit pedestrians.
- Planners that add a **costmap prior** converge faster on long routes.
"""


def test_blanks_given_away_by_a_kin_word_or_standing_for_an_example_are_refused():
    facts = {c.question: c.answer for c in cards(DRIVING) if c.kind == "fact"}
    answers = set(facts.values())
    assert "steering commands" not in answers, facts  # "learns to steer" gives it away
    assert "rotated rectangles" not in answers, facts  # "(e.g. ___)": one example of many
    assert "ChauffeurNet" not in answers, facts  # "(cf ___)": a pointer, not the claim
    assert not any(a.endswith("->") for a in answers), facts  # the arrow is not the term


def test_short_slips_count_as_misspellings_and_a_capital_first_word_is_read_too():
    text = (
        "- deflation\n"
        "    + sustained fall in teh general price level of goods adn services over a period of time.\n"
        "- solvency\n"
        "    + propert of a firm whose assets exceed its debts, so that it can meet teh long-term obligations.\n"
        "- velocity\n"
        "    + the rate at which money changes hands in an economy over a period of time.\n"
    )
    found = {c.question: c.answer for c in cards(text) if c.kind == "term-definition"}
    assert not any("deflation" in q or "solvency" in q for q in found), found  # "teh", "propert"
    assert any("velocity" in q for q in found), found


def test_a_label_over_the_authors_setup_is_no_definition():
    text = (
        "# Boxwise: dense region captions\n\n"
        "- Baselines\n"
        "  - RRN: Their region and recognition networks trained separately without the caption model.\n"
        "  - EdgeBox: a separate, pretrained system that proposes object boxes from image edges.\n"
    )
    found = {c.question: c.answer for c in cards(text) if c.kind == "term-definition"}
    assert not any("RRN" in q for q in found), found
    assert any("EdgeBox" in q for q in found), found


def test_one_half_of_a_named_pair_is_no_blank():
    text = (
        "# Fractions\n\n"
        "- To divide fractions, multiply both **numerator** and denominator by the reciprocal.\n"
        "- The **reciprocal** of a fraction swaps the two parts of the fraction.\n"
    )
    answers = {c.answer for c in cards(text) if c.kind == "fact"}
    assert "numerator" not in answers, answers
    assert "reciprocal" in answers, answers


LOSSES = """\
# Boxwise: dense region captions

## Method

- Their loss has two box components:
  - Smooth L1 loss for the box offsets generated by the proposal layer.
  - Smooth L1 loss for the box offsetss generated by the scoring layer.
- The proposal layer and the scoring layer share one backbone.
- It has two important components:
  - A **lattice scorer** that rates every anchor of the grid.
- Prototypes help teams design interactive systems quickly.
- Teams that design interactive systems run early user tests.
- Good interactive systems need feedback.

## Links

- [Physicists, meet chemists](https://arxiv.org/abs/2001.00001) [Chemists, meet physicists](https://arxiv.org/abs/2001.00002), two essays on what physicists and chemists could learn from each other's lab habits
"""


def test_parallel_siblings_clause_labels_and_phrases_that_go_on_give_no_blank():
    made = cards(LOSSES)
    facts = {c.question: c.answer for c in made if c.kind == "fact"}
    assert not any("Smooth L1 loss for the box offsets" in q for q in facts), facts  # 2 answers
    assert not any("It has two important components" in q for q in facts), facts  # not a name
    assert "lattice scorer" in facts.values(), facts
    assert "design interactive" not in facts.values(), facts  # "interactive systems" goes on
    summaries = [c for c in made if c.kind == "paper-summary"]
    assert not any("Physicists, meet chemists" in c.question for c in summaries), summaries


def test_a_paper_a_sentence_names_on_its_way_is_no_entry():
    text = (
        "* Egalitarian Quorums, SOSP 2013 [[pdf](https://example.org/eq.pdf)]\n"
        "  * This paper describes EQ, which realizes [Broad Paxos](https://arxiv.org/abs/2005.00033) and makes some further improvements.\n"
    )
    found = [c.question for c in cards(text) if c.kind == "paper-summary"]
    assert not any("Broad Paxos" in q for q in found), found


def test_a_hyphenated_word_is_not_the_imperative_it_starts_with():
    text = "# Storage engines\n\n- Write-ahead logging makes every **commit record** durable before the page is flushed.\n"
    answers = {c.answer for c in cards(text) if c.kind == "fact"}
    assert "commit record" in answers, answers


def test_authors_before_the_link_still_make_an_entry():
    text = "- Lewis and Perez [Retrieval Heads](https://arxiv.org/abs/2005.11401) - a retriever and a generator trained end to end on open-domain questions\n"
    found = [c.question for c in cards(text) if c.kind == "paper-summary"]
    assert found, cards(text)
