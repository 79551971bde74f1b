# ruff: noqa: E501  (realistic note lines are long)
"""Each card rule on small, realistic inputs: the exact cards it proposes."""

import pytest

from studydeck.builder import rules
from studydeck.builder.citations import normalise_venue
from studydeck.notes import parse_outline


def cards(text, rule):
    outline = parse_outline(text, "note")
    rules.prepare(outline)
    return [(c.question, c.answer) for b in outline.blocks for c in rule(b, outline)]


def test_paper_summary_title_first():
    text = "- BERT ([devlin et al. 2018](https://arxiv.org/abs/1810.04805)) - masked words + finetuning\n"
    assert cards(text, rules.paper_summary) == [
        ("What is the key idea of BERT (Devlin et al. 2018)?", "Masked words + finetuning")
    ]


def test_paper_summary_link_first_with_nickname():
    text = "- LAMA [Language Models as Knowledge Bases?](https://arxiv.org/abs/1909.01066) (petroni...riedel, 2019) - cloze prompts probe facts\n"
    assert cards(text, rules.paper_summary) == [
        (
            "What is the key idea of the LAMA paper (Petroni...Riedel, 2019)?",
            "Cloze prompts probe facts",
        )
    ]


def test_attribution_forms():
    text = (
        "- XLNet ([yang...quoc le, 2020](https://arxiv.org/abs/1906.08237))\n"
        "- [A Generalist Agent](https://arxiv.org/abs/2205.06175) (2022)\n"
    )
    assert cards(text, rules.attribution) == [
        ("Who wrote XLNet, and when?", "Yang...Quoc Le, 2020"),
        ("In what year did A Generalist Agent appear?", "2022"),
    ]


def test_term_definition_forms():
    text = (
        "- **attention** = vector of importance weights\n"
        "- **stacked rnns** - outputs of rnns feed into another rnn\n"
        "- *sequence modeling*: learn $p(x_i|x_{<i})$\n"
        "- adapter - finetune lightweight layers on top\n"
        "- note: not a definition at all\n"
    )
    assert cards(text, rules.term_definition) == [
        ("What is attention?", "Vector of importance weights"),
        ("What are stacked rnns?", "Outputs of rnns feed into another rnn"),
        ("What is sequence modeling?", "Learn $p(x_i|x_{<i})$"),
        ("What is an adapter?", "Finetune lightweight layers on top"),
    ]


def test_term_under_a_paper_names_the_paper():
    text = (
        "- TPR: Tensor product variable binding ([smolensky, 1990](https://doi.org/1)) - symbols\n"
        "  - **filler** - one vector that embeds the content\n"
    )
    assert cards(text, rules.term_definition) == [
        ("In TPR, what is a filler?", "One vector that embeds the content")
    ]


def test_numbered_takeaway_carries_its_footnote_as_a_caveat():
    text = (
        "1. **[Attention Is All You Need](https://arxiv.org/abs/1706.03762):** Query, Key, and Value "
        "are all you need\\* (\\*Also position embeddings and multiple heads)\n"
    )
    found = cards(text, rules.numbered_takeaway)
    assert found == [
        (
            "What is the one-line takeaway of Attention Is All You Need?",
            "Query, Key, and Value are all you need (Also position embeddings and multiple heads)",
        ),
        (
            "Which paper's one-line takeaway is “Query, Key, and Value are all you need”?",
            "Attention Is All You Need",
        ),
    ]
    assert all("*" not in q + a for q, a in found)


def test_venue_and_study_type():
    text = "- (**ICLR'21**)[Empirical] An Explanation of In-context Learning as Implicit Bayesian Inference  [[Paper](https://arxiv.org/abs/2111.02080)]\n"
    title = "An Explanation of In-context Learning as Implicit Bayesian Inference"
    assert cards(text, rules.venue_and_study) == [
        (f"Where and when was {title} published?", "ICLR 2021"),
        (f"What kind of study is {title}: empirical, theoretical, or both?", "Empirical."),
    ]


def test_venue_names():
    assert normalise_venue("ACL'23 findings") == "ACL 2023 (Findings)"
    assert normalise_venue("Arxiv'24") == "arXiv 2024"
    assert normalise_venue("NeurIPS'22") == "NeurIPS 2022"


def test_section_membership_skips_generic_and_title_headings():
    text = (
        "# Awesome list\n\n## Skill Learning\n\n### Function Approximation\n\n"
        "- (**ICLR'24**) Trained Transformers Learn Linear Models[[Paper]](https://arxiv.org/abs/1)\n"
        "\n## Papers\n\n- [Other Paper Title](https://arxiv.org/abs/2)\n"
    )
    assert cards(text, rules.section) == [
        (
            "Under which section of the notes is Trained Transformers Learn Linear Models listed?",
            "Skill Learning › Function Approximation",
        )
    ]


def test_parent_with_short_children():
    text = "- self-attention\n  - 3 components\n    - queries\n    - keys\n    - values\n"
    assert cards(text, rules.short_list) == [
        ("In self-attention, what are the 3 components?", "queries; keys; values")
    ]


def test_a_list_card_names_its_subject_and_skips_contents_and_sentences():
    text = (
        "# Parkinson's disease\n\n## Treatment\n\n- first-line drugs\n  - levodopa\n"
        "  - dopamine agonists\n  - MAO-B inhibitors\n\n## Contents\n\n- Chapters\n"
        "  - Treatment\n  - Prognosis\n  - Contents\n\n## Prognosis\n\n- Tremor onset\n"
        "  - Starts on one side of the body in most patients\n"
        "  - Progresses to both sides within a few years\n"
    )
    outline = parse_outline(text, "note")
    rules.prepare(outline)
    found = [c for b in outline.blocks for c in rules.short_list(b, outline)]
    assert [(c.question, c.reason) for c in found if c.reason] == [
        ("Chapters", "a table of contents")
    ]
    assert [(c.question, c.answer) for c in found if not c.reason] == [
        (
            "In Parkinson's disease › Treatment, which 3 items are listed under “first-line drugs”?",
            "levodopa; dopamine agonists; MAO-B inhibitors",
        )
    ]


def test_detail_cloze_resolves_this_paper():
    text = (
        "- [Masked Autoencoders Are Scalable Vision Learners](https://arxiv.org/abs/2111.06377) - BERT-style\n"
        "  - this paper masks a lot of the patches (like 75%)\n"
    )
    assert cards(text, rules.detail_cloze) == [
        (
            "Masked Autoencoders Are Scalable Vision Learners masks a lot of the patches (like ___)",
            "75%",
        )
    ]


def test_table_rows_use_header_roles():
    text = (
        "| Paper | Date | Description |\n|---|---|---|\n"
        "| [Reformer](https://arxiv.org/abs/2001.04451) | 2020 | LSH attention and reversible layers |\n"
    )
    assert cards(text, rules.table_row) == [
        ("When was Reformer published?", "2020"),
        ("What is the key idea of Reformer?", "LSH attention and reversible layers"),
    ]


def test_paper_name_from_nickname_title():
    text = (
        "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)\n"
    )
    assert cards(text, rules.paper_name) == [
        (
            "What is the full title of the LoRA paper?",
            "Low-Rank Adaptation of Large Language Models",
        )
    ]


def test_display_math_cloze():
    text = "The softmax of $z$ is defined as:\n\n$$\n\\sigma(z)_i = e^{z_i} / \\sum_j e^{z_j}\n$$\n"
    assert cards(text, rules.display_math) == [
        ("The softmax of $z$ is defined as ___", "$$\\sigma(z)_i = e^{z_i} / \\sum_j e^{z_j}$$")
    ]


def test_per_paper_page_sections():
    text = (
        "# Attention Is All You Need\n\n**Paper:** [arXiv](https://arxiv.org/abs/1706.03762)\n\n"
        "## Limitations\n\nCost grows quadratically with sequence length.\n"
    )
    assert cards(text, rules.paper_page_section) == [
        (
            "What are the limitations of Attention Is All You Need?",
            "Cost grows quadratically with sequence length.",
        )
    ]


def test_choose_blank_prefers_math_then_numbers():
    text = "uses \x000\x01 with 175B params and attention"
    start, end = rules.choose_blank(text)
    assert text[start:end] == "\x000\x01"
    text = "largest has 175B params and many layers"
    start, end = rules.choose_blank(text)
    assert text[start:end] == "175B"


def test_kind_dispatch_skips_only_rules_that_cannot_fire():
    """Running every rule on every block gives the same cards as the per-kind dispatch."""
    from pathlib import Path

    notes = sorted((Path(__file__).parent / "fixtures" / "notes").glob("*.md"))
    for note in notes:
        outline = parse_outline(note.read_text(encoding="utf-8"), note.stem)
        fast = [(c.kind, c.question) for c in rules.candidates(outline)]
        rules.prepare(outline)
        full = []
        for block in outline.blocks:
            found = [c for r in rules.RULES for c in r(block, outline)]
            if block.kind in rules.FALLBACK_KINDS and all(
                c.kind in rules.METADATA_KINDS for c in found
            ):
                found += rules.prose_fact(block, outline)  # what no rule read, read as prose
            full += [(c.kind, c.question) for c in found]
        assert fast == full, note.name


def test_venue_in_parentheses_and_citation_only_summary():
    text = (
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) - Vaswani et al., NeurIPS 2017.\n"
        "- [Deep Residual Learning](https://arxiv.org/abs/1512.03385) (CVPR 2016) - skip connections\n"
    )
    assert cards(text, rules.venue_and_study) == [
        ("Where and when was Attention Is All You Need published?", "NeurIPS 2017"),
        ("Where and when was Deep Residual Learning published?", "CVPR 2016"),
    ]
    assert cards(text, rules.attribution) == [
        ("Who wrote Attention Is All You Need, and when?", "Vaswani et al. 2017")
    ]
    assert cards(text, rules.paper_summary) == [
        ("What is the key idea of Deep Residual Learning?", "Skip connections")
    ]


def test_section_card_context_stops_above_its_answer():
    from studydeck.builder.build import build_from_text

    note = (
        "# Reading list\n\n## Vision\n\n### Detection\n\n"
        "- [Faster R-CNN: Towards Real-Time Detection](https://arxiv.org/abs/1506.01497) - region proposals\n"
    )
    cards = build_from_text(note, "n", with_metadata=True).deck.cards
    section = next(c for c in cards if c.kind == "section")
    assert section.answer == "Vision › Detection"
    assert section.context == "Reading list"
    summary = next(c for c in cards if c.kind == "paper-summary")
    assert summary.context == "Reading list › Vision › Detection"


def test_terms_lose_a_heading_capital_but_names_keep_theirs():
    text = (
        "**Definition (Convex set).** A set $C$ is convex if it holds every segment between its points.\n\n"
        "- **Entropy**: the expected surprise of a random variable\n"
        "- **Adam**: an optimiser with per-parameter step sizes\n"
        "- **GPT-3 style prompting**: few-shot examples in the context\n"
    )
    questions = [q for q, _ in cards(text, rules.term_definition)]
    assert questions == [
        "What is a convex set?",
        "What is entropy?",
        "What is Adam?",
        "What is GPT-3 style prompting?",
    ]


def test_no_blank_on_one_member_of_a_parallel_list():
    text = (
        "- [FlashAttention: Fast Exact Attention](https://arxiv.org/abs/2205.14135) - IO-aware\n"
        "    - Load blocks of $Q$, $K$, $V$ from HBM into SRAM\n"
        "    - It is compared against GPT-3, PaLM and Gopher on many tasks\n"
    )
    clozes = cards(text, rules.detail_cloze)
    assert clozes == [("FlashAttention — Load blocks of $Q$, $K$, $V$ from ___ into SRAM", "HBM")]


def test_lowercase_one_word_names_are_asked_as_paper_names():
    text = "- [lamda](https://arxiv.org/abs/2201.08239) - lets a dialog model search the web\n"
    assert cards(text, rules.paper_summary) == [
        ("What is the key idea of the “lamda” paper?", "Lets a dialog model search the web")
    ]
    assert cards(text, rules.section) == []  # no non-generic heading


def test_summary_does_not_restate_the_title():
    text = "- [DEMix Layers](https://arxiv.org/abs/2108.05036) - DEMix layers – placed in the feedforward layers – contain domain experts\n"
    assert cards(text, rules.paper_summary) == [
        (
            "What is the key idea of DEMix Layers?",
            "Placed in the feedforward layers – contain domain experts",
        )
    ]


def test_plain_paper_needs_authors_and_a_year():
    for text, found in [
        ("- Attention is not all you need (Dong et al. 2021) - pure attention loses rank\n", True),
        ("- REALM (Guu et al., 2020) pre-trains a retriever jointly\n", True),
        ("- Scaling is great (see chapter 2) - more data helps\n", False),
        ("- Transformers are used widely (Vaswani et al. 2017) in almost every field\n", False),
        ("- Something (2021) - no authors named here at all\n", False),
    ]:
        assert bool(cards(text, rules.paper_summary)) is found, text


def test_definitions_refuse_examples_doubts_labels_and_clauses():
    text = (
        "# Gas laws\n\n- **ideal gas**: a model gas whose molecules take no space and never interact\n"
        "- region sampling: e.g. by a sliding window\n"
        "- PLN: apparently their full pipeline (trained on the big set?)\n"
        "- Underrated papers: papers which I love but few people cite\n"
        "- BOOK: Lecture notes by Smith covering convex optimisation\n"
        "- solvers usually differ by: step rule, stopping test and warm start\n"
        "- tune up the pump: single pump, double pump or flux pumping\n"
        "- partial pressures: the pressures each gas of a mixture would exert alone\n"
    )
    assert cards(text, rules.term_definition) == [
        ("What is ideal gas?", "A model gas whose molecules take no space and never interact"),
        (
            "In Gas laws, what are partial pressures?",
            "The pressures each gas of a mixture would exert alone",
        ),
    ]


def test_a_one_word_term_on_a_paper_page_names_the_paper():
    text = (
        "## [Critic Forcing: Training Decoders with a Judge](https://arxiv.org/abs/1234.5678)\n\n"
        "#### Key Points\n\n- Architectures\n  - Verifier: a two-layer GRU over the decoder states\n"
    )
    assert (
        "In Critic Forcing, what is Verifier?",
        "A two-layer GRU over the decoder states",
    ) in cards(text, rules.term_definition)


def test_summaries_that_talk_to_the_reader_or_are_bylines_are_not_key_ideas():
    text = (
        "# Reading\n\n"
        "- [A Theory of Channels](https://example.org/a.pdf) - Might be helpful to watch a video"
        " on it before reading.\n"
        "- [Spike Sorter](https://github.com/x/sorter) - By Ann Lee. A pipeline that clusters"
        " spikes from dense probes\n"
        "- [Pupil Tracker](https://github.com/x/pupil) - Check out the demo before the docs\n"
    )
    found = cards(text, rules.entry_summary) + cards(text, rules.paper_summary)
    assert [(q, a) for q, a in found if a] == [
        ("What is Spike Sorter?", "A pipeline that clusters spikes from dense probes")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Let $p$ be a pole of order two of $g$, then its Puiseux series about $p$ is of the form",
        "Starting from the definition of the symmetric difference of two measurable sets",
        "As $B$ and $B_k$ are measurable $\\forall_{k}$ the outer measure equals the measure",
        "The final FBE score is the average of these error categories over all frames.",
        "The coefficient of the residue appears in the Lauent expansion about the pole.",
    ],
)
def test_prose_that_makes_no_fair_cloze(sentence):
    text = f"# Complex analysis\n\n## Residues\n\n{sentence}\n"
    assert [(q, a) for q, a in cards(text, rules.prose_fact) if a] == []


def test_an_acronym_is_not_blanked_beside_its_expansion():
    text = "# Resources\n\n## Neuroscience\n\nReading lists are suggested by SfN (Society for Neuroscience) every year.\n"
    assert "SfN" not in [a for _, a in cards(text, rules.prose_fact)]


def test_an_adjective_is_asked_what_it_means():
    text = "# Real analysis\n\n## Compact sets\n\n- **bounded**: contained in a ball of finite radius\n"
    assert cards(text, rules.term_definition) == [
        ("In Compact sets, what does “bounded” mean?", "Contained in a ball of finite radius")
    ]


def test_a_paper_named_in_passing_or_a_link_naming_authors_is_no_entry():
    text = (
        "# Vision-language\n\n"
        "- [Pali-X: Scaling a Visual Model](https://arxiv.org/abs/2305.00001) - joint image-text"
        " pretraining at scale\n"
        "  - beats [Condor: a Visual Model for Few-Shot Learning](https://arxiv.org/abs/2204.00002)"
        " (2022), which relies on frozen encoders\n"
        "- [Okafor et al. (2023)](https://github.com/x/y) - multilingual expert model with"
        " language-specific routing\n"
        "- *localize causal traces* - restoring clean activations to find the decisive neurons\n"
    )
    questions = {
        q for q, a in cards(text, rules.paper_summary) + cards(text, rules.entry_summary) if a
    }
    assert questions == {"What is the key idea of the Pali-X paper?"}
    assert [q for q, a in cards(text, rules.term_definition) if a] == []


def test_a_name_is_not_blanked_whether_the_note_mentions_it_once_or_returns_to_it():
    text = (
        "# Self-driving history\n\n## Road tests\n\n"
        "- In the 2014 trial the car drove from Ulmstadt to the coast almost without help.\n"
        "- Lane keeping in that trial relied on a Kalmaron filter tuned by hand for the car.\n"
        "- The Kalmaron filter was later replaced by a learned tracker in the next version.\n"
    )
    answers = [a for _, a in cards(text, rules.prose_fact) if a]
    # a place in passing, or a method named again (judged trivia as blanks, rounds r18-h5)
    assert "Ulmstadt" not in answers and "Kalmaron" not in answers, answers


def test_a_page_headed_paper_names_its_title_line_in_definitions():
    text = (
        "# Paper\n\n* **Title**: GridCap: Dense Captions for Every Region\n"
        "* **Authors**: A. Person, B. Person\n\n# Rough notes\n\n"
        "* initialization: CNN pretrained on ImageNet, the rest drawn from a small Gaussian\n"
    )
    assert cards(text, rules.term_definition) == [
        (
            "In GridCap, what is used for initialization?",
            "CNN pretrained on ImageNet, the rest drawn from a small Gaussian",
        )
    ]


def test_the_authors_own_cloze_syntax_is_the_blank():
    text = "# Open systems\n\n## Channels\n\n- Rule: entanglement with a bath -> {{cloze classical mixture of pointer states}}\n- The {{c1::Lindblad::form}} equation keeps the density matrix positive and its trace fixed.\n"
    found = {a: q for q, a in cards(text, rules.prose_fact) if a}
    assert found["classical mixture of pointer states"].endswith(
        "Rule: entanglement with a bath -> ___"
    )
    assert "Lindblad" in found and "{{" not in " ".join(found.values())


@pytest.mark.parametrize(
    "line",
    [
        "- pV/T before = pV/T after, for a fixed amount of gas",  # a formula split at "="
        "- triangle: $$\\|x+y\\| \\le \\|x\\| + \\|y\\|$$",  # a formula under half its name
    ],
)
def test_formulas_are_not_terms(line):
    assert cards(f"# Gas and norms\n\n## Laws\n\n{line}\n", rules.term_definition) == []


def test_code_in_backticks_is_not_blanked_as_a_term():
    text = "# Critic forcing\n\n## Model\n\n- The critic reads `C(h, y, theta)` and scores the GRU states of the generator.\n"
    assert "C(h, y, theta)" not in [a for _, a in cards(text, rules.prose_fact)]


def test_a_definition_made_of_the_notes_operators_is_refused():
    text = "# Parkinson's disease\n\n## Care\n\n- **diet**: @tremor/ slow chewing == -=protein intake\n- **levodopa**: the precursor of dopamine, given with carbidopa\n"
    assert [a for _, a in cards(text, rules.term_definition)] == [
        "The precursor of dopamine, given with carbidopa"
    ]


def test_a_page_headed_paper_names_its_title_line_in_facts_and_skips_metadata_lines():
    text = (
        "# Paper\n\n* **Title**: GridCap: Dense Captions for Every Region\n"
        "* **Tags**: Neural Network, localization, captioning, dense captioning, LSTM\n\n"
        "# Rough chapter-wise notes\n\n"
        "* The region encoder is fed into an **Xenolith** decoder that emits one word per step.\n"
    )
    found = [(q, a) for q, a in cards(text, rules.prose_fact) if a]
    assert found == [
        (
            "GridCap — The region encoder is fed into an ___ decoder that emits one word per step.",
            "Xenolith",
        )
    ]


@pytest.mark.parametrize("term", ["MAP", "SAT", "man in the middle", "speed of the light"])
def test_bold_acronyms_and_names_with_articles_are_terms(term):
    from studydeck.builder.rules.terms import is_label

    assert not is_label(term, emphasised=True)


def test_a_byline_with_initials_goes_whole_and_edit_distance_is_no_changelog():
    from studydeck.builder.rules.common import description_proper

    assert (
        description_proper("By J. Pillow. A walk through the derivation")
        == "A walk through the derivation"
    )
    text = "# Strings\n\n## Distances\n\nEdit distance counts the fewest insertions, deletions or substitutions between two strings.\n"
    reasons = [
        c.reason or ""
        for c in rules.prose_fact(parse_outline(text, "n").blocks[-1], parse_outline(text, "n"))
    ]
    assert not any("talks to the reader" in r for r in reasons)


def test_a_definition_that_reduces_something_is_not_a_result():
    text = (
        "## [Wayfarer: Motion Forecasting](https://arxiv.org/abs/2207.05844)\n\n#### Approach\n\n"
        "- **latent query attention**: reduces the cost of attention over many input tokens\n"
    )
    assert (
        cards(text, rules.term_definition)[0][0] == "In Wayfarer, what is latent query attention?"
    )
