# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from issue 11's judged round r17, each fixed as a pattern. Notes are our own writing in
the style of real ones."""

from test_builder_prose import cards

from studydeck.builder.build import build_from_text
from studydeck.builder.citations import normalise_venue

READING_LIST = """\
# Papers to read

## Storage engines

- [ ] [LazyJoin: Cheap Hash Joins for Skewed Inputs, SIGMOD, 2017](https://example.org/lazy.pdf)
- [ ] [Columnstrike: Vectorised Scans over Compressed Pages, Source Code, VLDB, 2020](https://example.org/cs.pdf)
- [ ] [Shardwise: A Planner for Many Small Partitions, in CIDR, 2021](https://example.org/sw.pdf)
- [ ] [Version Chains - Theory and Practice, ACM Transactions on Database Systems, 1986](https://example.org/vc.pdf)
- [x] [PagePilot: Buffer Pools that Learn, 2019](https://example.org/pageant.pdf)
- [ ] [Keyhole: Bounded Scans under Skew, 2016, PODS](https://example.org/kh.pdf)
"""


def test_a_citation_written_into_a_link_title_is_not_part_of_the_title():
    deck = cards(READING_LIST, with_metadata=True)
    names = {c.question: c.answer for c in deck if c.kind == "paper-name"}
    assert (
        names["What is the full title of the LazyJoin paper?"]
        == "Cheap Hash Joins for Skewed Inputs"
    )
    assert (
        names["What is the full title of the Columnstrike paper?"]
        == "Vectorised Scans over Compressed Pages"
    )
    assert (
        names["What is the full title of the Shardwise paper?"]
        == "A Planner for Many Small Partitions"
    )
    assert names["What is the full title of the PagePilot paper?"] == "Buffer Pools that Learn"
    text = " ".join(f"{c.question} {c.answer}" for c in deck)
    assert "Source Code" not in text and "1986" not in text and "Transactions on" not in text, text
    assert names["What is the full title of the Keyhole paper?"] == "Bounded Scans under Skew"
    venues = {c.answer for c in deck if c.kind == "venue"}
    assert {"SIGMOD 2017", "VLDB 2020", "CIDR 2021", "PODS 2016"} <= venues, venues
    # a task list's checkbox is no title, and the title is no citation
    assert not any("[x]" in c.question or "[ ]" in c.question for c in deck), text


THERMO = """\
# Heat transfer

## Radiation

- Infrared radiaton is absorbed readily by the troposphere; IR radiation is responsible fro 49% of teh heating of the earth by the sun.
- A black body at 5,800 K emits most of its energy as visible light, which is why the sun looks white from space.
- The slotline waveguides on the airbridge chip attenuate the parasitic mode to -150 dB.
"""


def test_a_sentence_garbled_by_slips_makes_no_cloze_and_the_report_says_why():
    questions = [c.question for c in cards(THERMO)]
    assert not any("teh heating" in q for q in questions), questions
    reasons = [r.reason for r in build_from_text(THERMO, "thermo").report.rejected]
    assert any(r.startswith("the sentence is misspelt in") for r in reasons), reasons
    # two words run together ("slot" + "line", "air" + "bridge") are no slips: still a card
    assert any("slotline" in q and "airbridge" in q for q in questions), questions


def test_a_venue_of_two_words_keeps_both_as_its_name():
    assert normalise_venue("Computer Networks 1978") == "Computer Networks 1978"
    assert normalise_venue("IEEE TDSC 2006") == "IEEE TDSC 2006"  # not "IEEE (Tdsc 2006)"
    assert normalise_venue("ACL'23 findings") == "ACL 2023 (Findings)"
    assert normalise_venue("iclr 2021") == "ICLR 2021"


GLOSSARY = """\
# Sequence models

## Masks

- **padding mask** - zeros appended to the end of each sequence so a batch has one length
- **self-attention** - every position weighs every other position of the same sequence
- **central paradox of retrieval** - the index must be small yet remember every passage
- **layernorm** - rescales each activation vector to zero mean and unit variance
"""


def test_a_countable_term_is_asked_with_its_article():
    questions = {c.question.lower() for c in cards(GLOSSARY) if c.kind == "term-definition"}
    assert any(q.endswith("what is a padding mask?") for q in questions), questions
    assert any(q.endswith("what is the central paradox of retrieval?") for q in questions)
    # a mass noun, and a word English does not write, stay bare
    assert any(q.endswith("what is self-attention?") for q in questions), questions
    assert any(q.endswith("what is layernorm?") for q in questions), questions


TAKEAWAYS = """\
# Reading group

1. **[Grading Dialogue Systems with Language Models: A Survey](https://arxiv.org/abs/2403.00003):** a survey paper: eval of chat model outputs, with a table we reuse
2. **[Sparse Routers Scale Mixtures](https://arxiv.org/abs/2403.00004):** Top-1 gating is enough for trillion-parameter training
"""


def test_a_reverse_takeaway_that_says_the_titles_words_by_their_stems_is_not_made():
    reverse = {c.answer for c in cards(TAKEAWAYS) if c.kind == "takeaway-reverse"}
    # "survey" and "model" for "Models": the title said again, a word by its stem
    assert not any("Grading Dialogue" in a for a in reverse), reverse
    assert "Sparse Routers Scale Mixtures" in reverse, reverse


CONSENSUS_LIST = """\
# Consensus reading list

## Surveys

* Quorums Everywhere: From Theory to Deployments, ACM Computing Surveys 2022 [[acmdl](https://dl.acm.org/doi/abs/10.1145/0000001)]
  * Survey of quorum systems, from majority quorums to flexible and grid quorums.
"""


def test_a_venue_of_three_words_after_a_plain_title_is_not_part_of_it():
    deck = cards(CONSENSUS_LIST, with_metadata=True)
    text = " ".join(c.question for c in deck)
    assert "Computing Surveys" not in text, text
    venues = {c.answer for c in deck if c.kind == "venue"}
    assert "ACM Computing Surveys 2022" in venues, venues


RESOURCES = """\
# Awesome computational linguistics

## Miscellaneous

- [awesome-parsing](https://github.com/example/awesome-parsing) - A curated list of parsers, treebanks and related resources
- [Syntax Hour](https://example.org/podcast) - Linguistics podcast where two phonologists argue about the week's papers
- [Treebank Jobs](https://example.org/jobs) - List of open postdoc positions in computational linguistics
- [spaCyX](https://github.com/example/spacyx) - Library for rule-based chunking of morphologically rich languages
"""


def test_a_list_a_podcast_or_a_feed_is_no_entry_to_study():
    names = {c.question for c in cards(RESOURCES) if c.kind == "entry"}
    assert names == {"What is spaCyX?"}, names
    reasons = [r.reason for r in build_from_text(RESOURCES, "r").report.rejected]
    assert reasons.count("a list, feed or community listing") == 3, reasons


SURVEY_NOTES = """\
# Depth estimation survey

## Monocular

- Currently the best method on NYUv2 fuses a ViT encoder with a Laplacian pyramid decoder.
- Self-supervised networks mask stationary pixels with an idempotent loss during monocular training.
"""


def test_a_claim_dated_by_its_note_makes_no_fact():
    facts = [c.question for c in cards(SURVEY_NOTES) if c.kind == "fact"]
    assert not any("NYUv2" in q for q in facts), facts
    assert any("stationary pixels" in q for q in facts), facts  # the undated line beside it is one
    reasons = [r.reason for r in build_from_text(SURVEY_NOTES, "d").report.rejected]
    assert any("currently best" in r for r in reasons), reasons
