# ruff: noqa: E501  (realistic note lines are long)
"""Round-4 fixtures: awesome-list entries joined by <br>, a paper-reading log with labelled bullets,
a dated reading-log table, lecture notes with numbered definitions and proofs, and a Zotero/Notion
export with property lines and highlights. Good cards must exist; junk must not."""

from pathlib import Path

import pytest

from studydeck.builder.build import build_deck

NOTES = Path(__file__).parent / "fixtures" / "notes"
ROUND4 = [
    "awesome-br-entries.md",
    "reading-log.md",
    "paper-log-table.md",
    "lecture-kernels.md",
    "zotero-export.md",
    "numbered-by-year.md",
]


def cards_of(name):
    return build_deck(NOTES / name, with_metadata=True).deck.cards


def qa(name):
    return {(c.question, c.answer) for c in cards_of(name)}


def all_text(name):
    return " ".join(f"{c.question} {c.answer}" for c in cards_of(name))


def test_awesome_entries_joined_by_br_give_authors_venue_and_summary():
    cards = qa("awesome-br-entries.md")
    title = "Dense Passage Retrieval for Open-Domain Question Answering"
    assert (f"Who wrote {title}, and when?", "Karpukhin et al. 2020") in cards
    assert (f"Where and when was {title} published?", "EMNLP 2020") in cards
    # a fourth <br> part is the summary, not the authors or the venue
    assert (
        "What is the key idea of the RAPTOR paper (Sarthi et al. 2024)?",
        "Clusters and summarises chunks recursively into a tree, then retrieves from every level of it.",
    ) in cards
    # '**FiD**: "Full title", EACL, 2021 (*Facebook*).': nickname, full title, venue; no summary
    assert (
        "What is the full title of the FiD paper?",
        "Leveraging Passage Retrieval with Generative Models for Open Domain Question Answering",
    ) in cards
    assert (
        "Where and when was Few-shot Learning with Retrieval Augmented Language Models published?",
        "JMLR 2023",
    ) in cards
    assert not any(q in ("What is FiD?", "What is the key idea of FiD?") for q, _ in cards)
    text = all_text("awesome-br-entries.md")
    for junk in (
        "Click to expand",
        "Facebook",
        "DeepMind",
        "PyTorch",
        "code",
        "shields",
        "Contributing",
    ):
        assert junk not in text
    # every linked entry is the source of a card (coverage)
    lines = {c.source_line for c in cards_of("awesome-br-entries.md")}
    assert {15, 17, 19, 23, 24, 25, 26, 33, 35} <= lines


def test_reading_log_labelled_bullets_ask_about_the_paper():
    cards = qa("reading-log.md")
    dpo = "Direct Preference Optimization: Your Language Model is Secretly a Reward Model"
    assert (f"Where and when was {dpo} published?", "NeurIPS 2023") in cards
    assert (
        f"What is the key idea of {dpo}?",
        "Fits the policy straight to preference pairs with a classification loss, no reward model and no RL loop.",
    ) in cards
    assert (
        "Why does the QLoRA paper matter?",
        "Puts finetuning of large open models within reach of a single workstation.",
    ) in cards
    assert (
        "How does QLoRA work?",
        "Introduces the NF4 data type, double quantization of the quantization constants, and paged optimizers.",
    ) in cards
    assert (
        "Where and when was Mamba: Linear-Time Sequence Modeling with Selective State Spaces published?",
        "arXiv 2023",
    ) in cards
    # labels never become terms; the reader's questions and the discussion date are no cards
    for q, a in cards:
        assert "TL;DR" not in q and "why it matters" not in q.lower() and "Questions" not in q
        assert "overfit" not in a and "interconnects" not in a and "2024-03-14" not in a
        assert not a.startswith(("TL;DR", "Method"))


def test_reading_log_table_dates_are_not_publication_dates():
    cards = qa("paper-log-table.md")
    assert (
        "What is the key idea of Let's Verify Step by Step?",
        "Process supervision (a label per reasoning step) trains better reward models than outcome supervision on MATH.",
    ) in cards
    # "[Title](url)<br>Authors" in the paper cell names the authors
    assert ("Who wrote Let's Verify Step by Step?", "Lightman et al.") in cards
    assert (
        "Who wrote Toolformer: Language Models Can Teach Themselves to Use Tools?",
        "Schick, Dwivedi-Yu, Dessì et al.",
    ) in cards
    text = all_text("paper-log-table.md")
    assert "2024-0" not in text and "TODO" not in text and "⭐" not in text
    assert not any(q.startswith("When was") for q, _ in cards)


def test_lecture_definitions_theorems_and_no_proofs():
    cards = qa("lecture-kernels.md")
    assert (
        "What is a feature map?",
        r"A feature map is a function $\phi: \mathcal{X} \to \mathbb{R}^D$ that sends an input to a vector of features.",
    ) in cards
    assert any(
        q == "What is a kernel?" and a.startswith("A kernel is a function") for q, a in cards
    )
    assert any(q == "In Kernels, what is the Gram matrix?" for q, _ in cards)
    assert (
        "What does the Mercer theorem state?",
        "A symmetric function $K$ is a valid kernel if and only if its Gram matrix is positive semidefinite for every finite set of points.",
    ) in cards
    assert any(q == "What does the Representer theorem state?" for q, _ in cards)
    assert (
        "The Gaussian (RBF) kernel is given by ___",
        r"$$K(x, z) = \exp\left(-\frac{\|x - z\|^2}{2\sigma^2}\right)$$",
    ) in cards
    text = all_text("lecture-kernels.md")
    for junk in (
        "Proof",
        "spectral theorem",
        "tensor product",
        "orthogonal part",
        "Exercise",
        "Remark",
        "Typos",
    ):
        assert junk not in text
    assert "theorem theorem" not in text


def test_zotero_export_properties_and_highlights():
    cards = qa("zotero-export.md")
    title = "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models"
    # "Authors: …" / "Year: …" / "Venue: …" property lines under the title heading
    assert (f"Who wrote {title}, and when?", "Wei et al. 2022") in cards
    assert (f"Where and when was {title} published?", "NeurIPS 2022") in cards
    assert any(q == f"What is the key idea of {title}?" for q, _ in cards)
    assert (
        f"{title} — With PaLM ___ it reaches state of the art on GSM8K, beating a finetuned GPT-3 with a verifier.",
        "540B",
    ) in cards
    # a highlight (Zotero "Yellow highlight | Page 7:" decoration stripped) is a cloze
    assert any(
        a == "equation-only" and "Page 7" not in q and "highlight" not in q for q, a in cards
    )
    text = all_text("zotero-export.md")
    for junk in (
        "My take",
        "my take",
        "Tags",
        "Date Added",
        "Status",
        "Related",
        "(p. 4)",
        "ablation?",
    ):
        assert junk not in text


def test_numbered_list_by_year_bylines_and_heading_with_bold_title():
    cards = qa("numbered-by-year.md")
    paged = "Efficient Memory Management for Large Language Model Serving with PagedAttention"
    # "- A, B, C et al. *SOSP* 2023." is a byline, never a summary
    assert (f"Who wrote {paged}, and when?", "Kwon et al. 2023") in cards
    assert (f"Where and when was {paged} published?", "SOSP 2023") in cards
    assert not any(q.startswith("What is the key idea of") for q, _ in cards)
    # a USENIX proceedings page is a paper link
    assert (
        "Where and when was Orca: A Distributed Serving System for Transformer-Based Generative Models published?",
        "OSDI 2022",
    ) in cards
    # "### Knowledge Distillation (2015)" + "**Full title**" + "- Authors: …" + "- Key Contributions:"
    assert (
        "Who wrote Distilling the Knowledge in a Neural Network, and when?",
        "Hinton et al. 2015",
    ) in cards
    assert (
        "What is the full title of the Knowledge Distillation paper?",
        "Distilling the Knowledge in a Neural Network",
    ) in cards
    assert (
        "What are the contributions of the Knowledge Distillation paper?",
        "Trains a small student on the teacher's softened output distribution; A temperature in the softmax exposes the teacher's dark knowledge",
    ) in cards
    text = all_text("numbered-by-year.md")
    for junk in ("Jeff ___", "Paper: arXiv", "In what year", "italics"):
        assert junk not in text
    # the year headings are no section answers
    assert not any(q.startswith("Under which section") and a in ("2022", "2023") for q, a in cards)


@pytest.mark.parametrize("name", ROUND4)
def test_round4_cards_point_at_real_lines(name):
    lines = (NOTES / name).read_text(encoding="utf-8").splitlines()
    cards = cards_of(name)
    assert len(cards) >= 6
    for card in cards:
        assert 1 <= card.source_line <= len(lines) and lines[card.source_line - 1].strip()
