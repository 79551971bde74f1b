# ruff: noqa: E501  (realistic note lines are long)
"""Patterns from held-out round h5 (ten unseen notes, judged blind), each fixed as a pattern. Notes
are our own writing in the style of real ones."""

from test_builder_prose import cards

from studydeck.notes.outline import parse_outline

READING_LOG = """\
---
title: Papers I read
---

### Health

[Okafor & Lind (2022)](https://example.org/okafor-lind.pdf)
- Model: discrete choice over clinic visits with travel costs.
- Data: Medicaid claims from four states.
- Results: halving travel time raises preventive visits by 18%.

[Brandt, Osei & Ruiz (2020)](https://example.org/bor.pdf)
- Title: Waiting Lists and the Value of Time in Public Hospitals
- Published as an NBER working paper
- Waiting lists shift elective surgery toward patients with lower opportunity costs of time.

[Hale (2019)](https://example.org/hale.pdf): Rural Pharmacies and Adherence to Statins
- Pharmacy closures lower statin adherence by 4 percentage points among rural retirees.
"""


def test_a_linked_entry_paragraph_is_the_parent_of_the_list_below_it():
    outline = parse_outline(READING_LOG)
    results = next(b for b in outline.blocks if b.text.startswith("Results:"))
    assert results.parent is not None and results.parent.text == "Okafor & Lind (2022)"
    assert results.depth == 2
    deck = cards(READING_LOG)
    questions = [c.question for c in deck]
    # the paper, not the heading, is what the cards are about
    assert "What are the main results of Okafor & Lind?" in questions, questions
    assert not any("of Health?" in q or q.startswith("Health —") for q in questions), questions
    # a link that only cites, the title after it: the paper is named by its title
    assert (
        "What is the key idea of Rural Pharmacies and Adherence to Statins (Hale 2019)?"
        in questions
    )
    assert "What model does Okafor & Lind use?" in questions, questions  # no "architecture"
    # a labelled part ("Model: …") is no key idea; a title or where it was published is no fact
    text = " ".join(f"{c.question} {c.answer}" for c in deck)
    assert "key idea of Okafor" not in text, text
    assert "Public ___" not in text and "Waiting Lists and the Value" not in text, text
    assert "NBER" not in text, text


def test_a_bare_venue_link_under_a_papers_heading_adopts_nothing():
    note = "### A cryogenic scanning qubit\n\n[Nat. Comm.](https://example.org/ncomms)\n\n- The qubit chip is glued to a sapphire rod on a piezo stage.\n"
    item = next(b for b in parse_outline(note).blocks if b.kind == "item")
    assert item.parent is None, item.parent


FORAGING = """\
# Predation risk and foraging

- Vigilance: With increasing group size, foragers become less vigilant.
- Markups are the highest in the most and least preferred locations.
- JR: this may be covered in the appendix, but the sample looks small.
- Probability of capture is a function of the encounter rate and the time spent exposed.
"""


def test_a_finding_under_a_label_is_no_definition():
    deck = cards(FORAGING)
    questions = {c.question for c in deck if c.kind == "term-definition"}
    assert not any("vigilance" in q.lower() or "markups" in q.lower() for q in questions), questions
    assert not any("JR" in q for q in questions), questions
    # one thing named by what it belongs to takes "the"
    assert "What is the probability of capture?" in questions, questions


TEMPLATE_PAGE = """\
# What problem is the paper trying to solve?

- Record appends are atomic and at-least-once, so readers must skip duplicates by checksum.

# Architecture

- Clients cache chunk locations but read file data directly from chunkservers.
"""


def test_a_question_heading_is_a_templates_prompt_not_the_pages_title():
    from studydeck.builder.build import build_from_text

    deck = build_from_text(TEMPLATE_PAGE, "GFS").deck
    assert deck.title == "GFS", deck.title
    facts = [c.question for c in deck.cards if c.kind == "fact"]
    assert facts and all(q.startswith("GFS") for q in facts), facts


def test_a_shouted_common_word_is_no_acronym_to_blank():
    from studydeck.builder import blanks

    assert blanks.shouted("IF") and blanks.shouted("AND")
    assert not blanks.shouted("LSTM") and not blanks.shouted("SAT")
    assert not blanks.technical("IF") and blanks.technical("ResNet-50")


TOOLS = """\
# Awesome corpus linguistics

## Stemmers

* [The Snowfall Stemmer](https://example.org/snowfall/) - The ‘official’ home page for distribution of the Snowfall stemming algorithm, kept by its author.
* [stemkit-fr](https://github.com/example/stemkit-fr) - Handy alternative for the French pipeline (see above).
* [Lemmix](https://github.com/example/lemmix) - Dictionary-based lemmatiser for Finnish and Estonian with morphological disambiguation.
"""


def test_an_entry_that_describes_its_link_or_points_elsewhere_is_no_card():
    names = {c.question for c in cards(TOOLS)}
    assert names == {"What is Lemmix?"}, names


def test_a_card_cut_off_mid_sentence_is_refused_by_the_gate():
    from studydeck.builder import gate

    cut = "Physics — Atoms bond and sit in equilibrium ___ by a certain"
    assert gate.reject_reason(cut, "separated") == "the question is cut off after 'certain'"
    # a sentence may end on a pronoun or a stranded preposition
    assert gate.reject_reason("Physics — The ___ fixes this.", "exchange force") is None
    assert (
        gate.reject_reason("Physics — Objects are judged by what they were ___ for.", "designed")
        is None
    )
