# ruff: noqa: E501  (realistic note lines are long)
"""Patterns found by rereading every judged card the builder still makes (rounds r18–h8): those no
judge kept, each fixed as a pattern. Notes are our own writing in the style of real ones."""

from test_builder_prose import cards

from studydeck.builder.build import build_from_text

TRACE_NOTES = r"""
# Linear algebra notes

## The trace

The trace of a square matrix $A$ is defined as

$$\operatorname{tr} A = \sum_{i} a_{ii}$$

where $a_{ii}$ are its diagonal entries. Since the basis is orthonormal, this equals

$$\operatorname{tr} A = \sum_{i} \langle A e_i, e_i \rangle$$
"""


def test_a_formula_whose_lead_in_points_back_makes_no_card():
    found = {c.question for c in cards(TRACE_NOTES) if c.kind == "display-math"}
    assert any(q.startswith("The trace of a square matrix") for q in found), found
    # "this equals ___": what "this" is was said before, not on the card
    assert not any("this equals" in q for q in found), found


KIND_TABLE = """\
# Reading: machine learning for hydrology

| Title | Year | Comment |
|-------|------|---------|
| [A primer on neural networks for hydrologists](https://example.org/p) | 2019 | Introductory overview |
| [Fifty years of runoff models, reviewed](https://example.org/r) | 2021 | Literature review |
| [Snowmelt timing from LSTM states](https://example.org/s) | 2022 | Reads the date of snowmelt off the cell state of an LSTM trained on discharge |
"""


def test_a_key_idea_that_only_names_a_kind_of_work_makes_no_card():
    answers = {c.answer for c in cards(KIND_TABLE) if c.question.startswith("What is the key idea")}
    assert not answers & {"Introductory overview", "Literature review"}, answers
    assert any("cell state of an LSTM" in a for a in answers), answers


CIPHER_LIST = """\
# Cryptanalysis reading

- [KRAKEN: Breaking the Kraken Vault Protocol](https://example.org/kraken.pdf) - Practical key-recovery attacks on the Kraken vault protocol. Showcasing how little it takes. [Project website](https://example.org/kraken/).
- [Chisel: Fast Constant-Time Field Arithmetic](https://example.org/chisel.pdf) - Constant-time field multiplication for pairing curves on small microcontrollers.
"""


def test_a_short_name_the_summary_studies_is_not_the_papers_name():
    found = {c.question: c.answer for c in cards(CIPHER_LIST) if c.kind == "paper-summary"}
    # "attacks on the Kraken vault": the short name is what the paper attacks, so the card
    # names the paper by its whole title
    kraken = found.get("What is the key idea of KRAKEN: Breaking the Kraken Vault Protocol?", "")
    assert kraken.startswith("Practical key-recovery attacks"), found
    assert "What is the key idea of the Chisel paper?" in found, found
    # a closing sentence that is only a link in everyday words points at it: not the summary
    assert "website" not in kraken, kraken


CITED_PAGE = """\
[Okafor, Ada, Lin Wei, and Sam Reyes. "Sparse gates for continual segmentation: Forgetting less by routing more." In Proceedings of the European Conference on Computer Vision, pp. 41-57. 2022.](https://example.org/sparse-gates.pdf)

---

**Problem:**

- Segmentation networks trained on new classes overwrite the features of old ones (catastrophic forgetting).

**Losses:**

- **Gate Sparsity Loss:** ensures that each gate opens only a small share of the channels of its layer.

**Solution:**

- Route each class through its own sparse subset of convolutional channels, chosen by a learned gating network.
"""


def test_a_page_that_opens_on_its_papers_reference_names_that_paper():
    facts = [
        c.question for c in build_from_text(CITED_PAGE, "summary").deck.cards if c.kind == "fact"
    ]
    assert facts, facts
    # the file is "summary.md": the quoted title of the reference is what the page is about
    assert all(q.startswith("Sparse gates for continual segmentation") for q in facts), facts
    # its terms are the paper's: the question names it (by the title's head, before its colon)
    asked = [c.question for c in build_from_text(CITED_PAGE, "summary").deck.cards]
    assert "In Sparse gates for continual segmentation, what is Gate Sparsity Loss?" in asked, asked


RESOURCE_TABLE = """\
# Soil microbiome resources

## Databases

| Name | Description |
|------|-------------|
| [rhizobase](https://example.org/rhizobase) | root-associated bacterial genomes with curated nodulation gene annotations (check out the FTP) |
| [Kestrel](https://example.org/soilphylo) | phylogenetic placement of amplicon reads onto a reference tree of soil taxa |
| [MicroCounts](https://example.org/mc) | 420k metagenome-assembled genomes from soil samples |
| [Soil virome lists](https://example.org/lists) | Curated list of soil virome resources |

## Growth of the universe

|      | $w$ | $a(t)$ |
| ---- | --- | ------ |
| MD   | 0   | $t^{2/3}$ |
| RD   | 1/3 | $t^{1/2}$ |
"""


def test_a_table_of_named_resources_asks_what_each_is():
    found = {c.question: c.answer for c in cards(RESOURCE_TABLE)}
    # a "Name" column of websites lists resources, not papers: no "key idea of the … paper"
    assert found.get("What is “rhizobase”?", "").startswith("Root-associated bacterial genomes"), (
        found
    )
    assert "What is Kestrel?" in found, found
    assert not any("paper" in q for q in found), found
    # the aside pointed at a link the card does not carry
    assert "FTP" not in found["What is “rhizobase”?"], found
    # a size first is catalogue trivia; a curated list is a list to read, not a work
    assert "What is MicroCounts?" not in found, found
    assert "What is Soil virome lists?" not in found, found
    # a row headed by a value ("0", "1/3"), not a name, makes no card
    assert not any(" of 0?" in q or " of 1/3?" in q for q in found), found


AUCTION_NOTES = r"""
# Auctions

## First-price auction

The expected payment of a bidder with type $\theta$ is given by

$$m(\theta) = \theta F(\theta)^{n-1} - \int_0^\theta F(s)^{n-1} ds$$

Now use integration by parts to simplify the right-hand side:

$$\begin{align} U(\theta) &= \int_0^\theta F(s)^{n-1} ds \\ &= \theta F(\theta)^{n-1} - \int_0^\theta s \, dF(s)^{n-1} \\ &= \int_0^\theta (\theta - s) \, dF(s)^{n-1} \end{align}$$
"""


def test_a_derivation_over_several_lines_is_no_formula_card():
    found = [c.question for c in cards(AUCTION_NOTES) if c.kind == "display-math"]
    assert any("expected payment" in q for q in found), found
    assert not any("integration by parts" in q for q in found), found


RUN_IN_TERMS = r"""
# Chapter 3: Synaptic transmission

## Release

- **Quantal release:** transmitter leaves the terminal in packets of fixed size, one vesicle each
- **Facilitation:** a second spike soon after the first releases more transmitter, as residual calcium adds up
- **Definition:** Release probability at an active zone
- **Conclusion:** Calcium entry gates release
- **Corollary:** Let $p$ be the release probability; then the mean quantal content is $np$.
"""


def test_a_bold_term_with_its_colon_inside_is_defined_and_run_in_labels_are_not():
    found = {c.question: c.answer for c in cards(RUN_IN_TERMS) if c.kind == "term-definition"}
    asked = {q.lower() for q in found}
    assert any(q.endswith("what is quantal release?") for q in asked), found
    assert any(q.endswith("what is facilitation?") for q in asked), found
    # "**Definition:**", "**Conclusion:**", "**Corollary:**": a label's role, not a term
    assert not any(w in q for q in found for w in ("Definition", "Conclusion", "Corollary")), found


REVIEW_NOTES = """\
# Review 3

## Balanced networks

- "Inhibitory stabilization in cortical circuits with sparse heterosynaptic connectivity." bioRxiv (2022).
- Strong recurrent inhibition keeps firing irregular even when every neuron receives excitatory drive far above threshold.

| Title | Comment |
|-------|---------|
| [Dendritic gating of plasticity](https://example.org/d) | Highly recommended reading. Sections 2 and 4 are the core. |
| [Cortical oscillations from delayed inhibition](https://example.org/o) | Derives the gamma frequency from the synaptic delay of fast-spiking interneurons |
"""


def test_a_cited_title_is_no_fact_and_reading_advice_is_no_key_idea():
    found = {c.question: c.answer for c in cards(REVIEW_NOTES)}
    assert not any("Inhibitory stabilization" in q for q in found), found
    answers = set(found.values())
    assert not any(a.startswith("Highly recommended") for a in answers), found
    assert any(a.startswith("Derives the gamma frequency") for a in answers), found


def test_a_quoted_title_with_its_year_reads_as_a_reference():
    from studydeck.builder import blanks

    cited = '"Inhibitory stabilization in cortical circuits with sparse heterosynaptic connectivity." bioRxiv (2022).'
    assert blanks.REFERENCE.search(cited)
    said = 'The note calls this "the balanced state" (it is not a citation).'
    assert not blanks.REFERENCE.search(said)


VARIABLE_NOTES = r"""
# Weight-generating networks

## Static hypernetworks

- The hypernetwork emits one kernel slice per input channel, and the resulting $N_{in}$ (number of) $K_{i}$ slices are concatenated into the layer's full kernel.
"""


def test_a_variable_named_by_its_indices_is_no_blank():
    answers = [c.answer for c in cards(VARIABLE_NOTES) if c.kind == "fact"]
    assert "$N_{in}$" not in answers, answers


TLDR_LIST = """\
# Speech recognition library

## Acoustic models
* (2006) [Connectionist Temporal Classification for Unsegmented Sequences](https://example.org/ctc.pdf)
  - **TLDR**: Trains a recurrent network to emit label sequences without frame alignments, by summing over all alignments.
* (2014) [Deep Speech: Scaling up End-to-End Recognition](https://arxiv.org/abs/1412.5567)
  - **TLDR**: An end-to-end recurrent model trained on thousands of hours of noisy speech, with no phoneme dictionary.
"""


def test_a_tldr_child_makes_one_key_idea_without_its_label():
    found = [c for c in cards(TLDR_LIST) if "key idea" in c.question]
    assert len(found) == 2, [(c.kind, c.question) for c in found]
    assert not any(c.answer.startswith("TLDR") for c in found), [c.answer for c in found]


NLP_LIST = """\
# Speech library

## Embeddings
* (2019) [wav2vec: Unsupervised Pre-training for Speech Recognition](https://arxiv.org/abs/1904.05862) :bulb: :vhs:
  - **TLDR**: Learns speech representations from raw audio by contrasting true future frames with distractors.
* (2020) [Conformer: Convolution-augmented Transformer for Speech Recognition](https://arxiv.org/abs/2005.08100)
  - **TLDR** Interleaves convolution modules with self-attention so the encoder models local and global context.
"""


def test_emoji_shortcodes_are_decoration_and_a_colonless_tldr_is_one_label():
    found = [c for c in cards(NLP_LIST) if "key idea" in c.question]
    answers = [c.answer for c in found]
    assert not any(a.lower().startswith(("vhs", "bulb", "tldr")) for a in answers), answers
    assert len(found) == 2, [(c.kind, c.question, c.answer) for c in found]


MYST_LECTURE = r"""
# Heavy tails

## Firm size

As noted in the lecture {doc}`intro:heavy_tails`, the US firm size distribution has a Pareto tail with an exponent close to one {cite}`axtell2001zipf`.

In the exercises you will show that {eq}`firm_dynam` fits the measured Pareto tail better than the multiplicative growth model in {eq}`gibrat`.

{{< figure src="tails.png" title="" >}}

A **Kesten process** is a stochastic process of the form

$$X_{t+1} = a_{t+1} X_t + \eta_{t+1}$$
"""


def test_myst_references_and_hugo_shortcodes_leave_no_markup():
    found = cards(MYST_LECTURE)
    text = " ".join(f"{c.question} {c.answer}" for c in found)
    for markup in ("{doc}", "{cite}", "{eq}", "axtell2001zipf", "{{<", "figure src"):
        assert markup not in text, (markup, text)
    # "… of the form" goes on in the formula below: no definition stops there
    assert not any(c.answer.endswith("of the form") for c in found), [c.answer for c in found]


def test_a_word_broken_at_a_line_end_is_rejoined():
    from studydeck.builder.rules.facts import _LINE_END_HYPHEN, _rejoined

    assert (
        _LINE_END_HYPHEN.sub(_rejoined, "current return expec- tation and")
        == "current return expectation and"
    )
    assert _LINE_END_HYPHEN.sub(_rejoined, "first- and second-order") == "first- and second-order"


HARD_BREAK_TERMS = "# Acquisition\n\n- Over-regularization: Apply a rule beyond its domain (goed, mouses)  \nCritical period: a window in which a first language is acquired with ease.\n"


def test_a_definition_stops_where_a_hard_break_opens_the_next_term():
    found = {c.question: c.answer for c in cards(HARD_BREAK_TERMS) if c.kind == "term-definition"}
    answers = list(found.values())
    assert any(a.startswith("Apply a rule beyond its domain") for a in answers), found
    assert not any("Critical period" in a for a in answers), found
