# ruff: noqa: E501  (realistic note lines are long)
"""Round-2 fixtures modelled on real public notes of the kinds the builder is judged on: specific
good cards must exist, and what a researcher would delete must not."""

from pathlib import Path

import pytest

from studydeck.builder.build import build_deck

NOTES = Path(__file__).parent / "fixtures" / "notes"
NEW = [
    "awesome-llm-reasoning.md",
    "vision-paper-table.md",
    "obsidian-flashattention.md",
    "lecture-optimization.md",
    "related-work-citations.md",
    "reading-group.md",
]


def deck(name):
    return build_deck(NOTES / name, with_metadata=True).deck


def qa(name):
    return {(c.question, c.answer) for c in deck(name).cards}


def all_text(name):
    return " ".join(f"{c.question} {c.answer}" for c in deck(name).cards)


def test_awesome_list_bylines_badges_entities_and_details_table():
    cards = qa("awesome-llm-reasoning.md")
    # "- **[Title](url)** - Jie Huang, Kevin Chang. *ACL 2023 Findings*." is a byline, not a summary
    assert (
        "Who wrote Towards Reasoning in Large Language Models: A Survey, and when?",
        "Huang and Chang 2023",
    ) in cards
    assert (
        "Where and when was Towards Reasoning in Large Language Models: A Survey published?",
        "ACL 2023 (Findings)",
    ) in cards
    assert (
        "What is the key idea of Self-Consistency Improves Chain of Thought Reasoning in Language Models (Wang et al. 2023)?",
        "Samples many reasoning paths and takes a majority vote over their final answers.",
    ) in cards
    # &mdash; separates the summary; the table inside <details> gives venues
    assert (
        "What is the key idea of the ReAct paper (Yao et al., 2022)?",
        "Interleaves reasoning traces with actions such as search.",
    ) in cards
    assert (
        "Where and when was PAL: Program-aided Language Models published?",
        "ICML 2023",
    ) in cards
    # "this approach" under a paper is the paper
    assert ("ReAct reduces ___ because the model can look facts up", "hallucination") in cards
    text = all_text("awesome-llm-reasoning.md")
    for junk in (
        "&mdash;",
        "shields",
        "Star",
        "code",
        "Contributing",
        "click to expand",
        "this approach",
    ):
        assert junk not in text
    # a survey under "Surveys": the title gives the section away
    assert not any(q.startswith("Under which section") and a == "Surveys" for q, a in cards)


def test_paper_tables_with_br_cells_and_html_table():
    cards = qa("vision-paper-table.md")
    assert (
        "Where and when was Swin Transformer: Hierarchical Vision Transformer using Shifted Windows published?",
        "ICCV 2021",
    ) in cards
    assert (
        "What is the key idea of MAE: Masked Autoencoders Are Scalable Vision Learners?",
        "Masks 75% of image patches and reconstructs the pixels; the encoder only sees visible patches.",
    ) in cards
    # an HTML <table> (Notion export) is a table of papers too, with its links as urls
    assert (
        "Where and when was End-to-End Object Detection with Transformers published?",
        "ECCV 2020",
    ) in cards
    detr = next(c for c in deck("vision-paper-table.md").cards if "Deformable DETR" in c.question)
    assert detr.url == "https://arxiv.org/abs/2010.04159" and detr.source_line == 35
    assert "<br>" not in all_text("vision-paper-table.md")
    assert not any("Code" in q or "Links" in q for q, _ in cards)


def test_obsidian_page_front_matter_callouts_and_labelled_bullets():
    cards = qa("obsidian-flashattention.md")
    assert (
        "What is the full title of the FlashAttention paper?",
        "Fast and Memory-Efficient Exact Attention with IO-Awareness",
    ) in cards
    # the [!abstract] callout is the page's summary
    assert (
        "What is the key idea of the FlashAttention paper?",
        "Attention is slow on long sequences because it is bound by memory traffic between GPU HBM and on-chip SRAM, not by FLOPs.",
    ) in cards
    # a [!warning] Limitations callout works as a section
    assert (
        "What are the limitations of the FlashAttention paper?",
        "Needs a custom CUDA kernel for each new attention variant.",
    ) in cards
    assert ("FlashAttention — 3x speedup on GPT-2 with ___ context", "1K") in cards
    assert all(
        c.url == "https://arxiv.org/abs/2205.14135"
        for c in deck("obsidian-flashattention.md").cards
        if c.kind in ("paper-page", "detail-cloze")
    )
    text = all_text("obsidian-flashattention.md")
    for junk in ("[!", "#todo", "[[", "TPUs", "See also", "Metadata"):
        assert junk not in text


def test_lecture_notes_definitions_theorems_and_display_math_dialects():
    cards = qa("lecture-optimization.md")
    # the definition runs through \[ … \] display math and stays whole
    assert (
        "What is a convex function?",
        r"A function $f$ is convex if its domain is convex and $$f(\theta x + (1-\theta) y) \le \theta f(x) + (1-\theta) f(y)$$ for all $x, y$ in the domain and $\theta \in [0, 1]$.",
    ) in cards
    assert any(q == "What does the First-order condition theorem state?" for q, _ in cards)
    # ```math fences are display math
    assert (
        r"The gradient descent update with step size $\eta$ is given by ___",
        r"$$x_{k+1} = x_k - \eta \nabla f(x_k)$$",
    ) in cards
    assert (
        "In Duality, what is Slater's condition?",
        "Strict feasibility, which makes strong duality hold for convex problems",
    ) in cards
    assert (  # a common word is asked in its section
        "In Convex sets and functions, what are norms?",
        r"Every norm on $\mathbb{R}^n$, by the triangle inequality",
    ) in cards
    assert not any("Exercise" in q or "Proof" in q for q, _ in cards)


def test_related_work_citations_and_bibliography():
    cards = qa("related-work-citations.md")
    # "[1] Authors. [Title](url). Venue Year." entries give authors and venue
    assert (
        "Who wrote ColBERT: Efficient and Effective Passage Search via Contextualized Late Interaction over BERT, and when?",
        "Khattab and Zaharia 2020",
    ) in cards
    assert (
        "Where and when was Dense Passage Retrieval for Open-Domain Question Answering published?",
        "EMNLP 2020",
    ) in cards
    assert (
        "What is the full title of the REALM paper?",
        "Retrieval-Augmented Language Model Pre-Training",
    ) in cards
    # numeric citation markers are not part of an answer
    assert (
        "In Dense retrieval, what is DPR?",
        "Dual BERT encoders trained with in-batch negatives; beats BM25 by 9-19% top-20 accuracy on open-domain QA",
    ) in cards
    text = all_text("related-work-citations.md")
    assert "[3]" not in text and "[4]" not in text and ". ICML" not in text


def test_reading_group_pages_under_h3_with_link_lines():
    cards = qa("reading-group.md")
    assert (
        "What problem does Training Compute-Optimal Large Language Models address?",
        "Large models such as Gopher were trained on too few tokens for their size.",
    ) in cards
    assert (
        "Training Compute-Optimal Large Language Models — Chinchilla (___) outperforms Gopher (280B) on MMLU with the same compute",
        "70B",
    ) in cards
    # "**Paper:** [InstructGPT](url)" names the paper
    assert (
        "What is the full title of the InstructGPT paper?",
        "Training language models to follow instructions with human feedback",
    ) in cards
    # "This paper recommends …" in a section answer is resolved
    takeaways = dict(cards)["What are the takeaways of Scaling Laws for Neural Language Models?"]
    assert "This paper" not in takeaways and "recommends training very large models" in takeaways
    # the discussion (the group's own question) and common-word blanks make no cards
    assert not any("inference-heavy" in q or a in ("preferences", "follows") for q, a in cards)


@pytest.mark.parametrize("name", NEW)
def test_unseen_fixture_cards_point_at_real_lines(name):
    lines = (NOTES / name).read_text(encoding="utf-8").splitlines()
    cards = deck(name).cards
    assert len(cards) >= 8
    for card in cards:
        assert 1 <= card.source_line <= len(lines) and lines[card.source_line - 1].strip()
