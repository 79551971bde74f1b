# ruff: noqa: E501  (realistic note lines are long)
"""Unseen-genre fixtures: specific cards expected from each kind of note."""

from pathlib import Path

import pytest

from studydeck.builder.build import build_deck

NOTES = Path(__file__).parent / "fixtures" / "notes"


def qa(name):
    return {(c.question, c.answer) for c in build_deck(NOTES / name, with_metadata=True).deck.cards}


def by_question(name):
    return {c.question: c for c in build_deck(NOTES / name, with_metadata=True).deck.cards}


def test_table_of_papers():
    cards = qa("paper-table.md")
    assert (
        "What is the key idea of Reformer: The Efficient Transformer?",
        "Uses locality-sensitive hashing to attend only to similar keys, and reversible layers to save memory",
    ) in cards
    assert ("Who wrote FlashAttention?", "Dao et al. (2022)") in cards
    assert ("Where and when was Performer published?", "ICLR 2021") in cards
    assert ("When was Linformer published?", "2020") in cards


def test_table_row_url_comes_from_the_title_cell():
    card = by_question("paper-table.md")["What is the key idea of FlashAttention?"]
    assert card.url == "https://arxiv.org/abs/2205.14135"
    assert card.context == "Efficient attention — reading list › IO-aware kernels"


def test_per_paper_page():
    cards = qa("per-paper.md")
    title = "Attention Is All You Need"
    assert (f"Who wrote {title}, and when?", "Vaswani et al. (2017)") in cards
    assert (
        f"What are the limitations of {title}?",
        "Self-attention cost grows quadratically with sequence length, which limits very long inputs.",
    ) in cards
    assert (
        f"{title} scales the dot products by ___ to keep the softmax out of its flat regions",
        r"$1/\sqrt{d_k}$",
    ) in cards
    assert any(q.startswith(f"{title} — Reaches ___ BLEU") and a == "28.4" for q, a in cards)
    # an open question in the notes is not a fact to learn
    assert not any("learned positional embedding" in q for q, _ in cards)


def test_course_notes_with_definitions_and_display_math():
    cards = qa("course-notes.md")
    assert (
        "The entropy of a discrete random variable $X$ is defined as ___",
        r"$$H(X) = -\sum_{x} p(x) \log p(x)$$",
    ) in cards
    assert (
        # "Divergences" repeats the term: the page names it instead
        "In Information theory — lecture notes, what is KL divergence?",
        "A non-symmetric measure of how one distribution $P$ differs from a reference $Q$.",
    ) in cards
    assert ("In Entropy, what is chain rule?", "$H(X, Y) = H(X) + H(Y|X)$") in cards
    assert (
        "In Information theory — lecture notes › Divergences, which 3 items are listed under"
        " “properties of KL divergence”?",
        "non-negative; zero iff $P = Q$; not symmetric",
    ) in cards


def test_awesome_list_with_badges_details_and_mojibake():
    deck = build_deck(NOTES / "awesome-list.md", with_metadata=True).deck
    cards = {(c.question, c.answer) for c in deck.cards}
    assert deck.title == "Awesome Diffusion Models"
    assert (
        "What is the key idea of Denoising Diffusion Probabilistic Models (Ho et al. 2020)?",
        "Trains a network to predict the noise added at each step of a fixed Markov chain.",
    ) in cards
    assert (
        "Where and when was Denoising Diffusion Probabilistic Models published?",
        "NeurIPS 2020",
    ) in cards
    assert (
        "Under which section of the notes is Classifier-Free Diffusion Guidance listed?",
        "Guidance › Classifier-free guidance",
    ) in cards
    assert (
        "What is the key idea of Diffusion Models Beat GANs on Image Synthesis?",
        "Introduces classifier guidance and an improved U-Net architecture.",
    ) in cards
    text = " ".join(q + a for q, a in cards)
    for residue in ("shields", "badge", "<br>", "Code", "📌", "‚Äú", "Contents"):
        assert residue not in text


@pytest.mark.parametrize(
    "name", ["paper-table.md", "per-paper.md", "course-notes.md", "awesome-list.md"]
)
def test_fixture_cards_have_context_and_lines(name):
    lines = (NOTES / name).read_text(encoding="utf-8").splitlines()
    for card in build_deck(NOTES / name, with_metadata=True).deck.cards:
        assert 1 <= card.source_line <= len(lines)
        assert lines[card.source_line - 1].strip()


def test_per_paper_page_with_bare_link_and_short_name():
    deck = build_deck(NOTES / "per-paper-2.md", with_metadata=True).deck
    cards = {(c.question, c.answer) for c in deck.cards}
    assert (
        "What is the full title of the LoRA paper?",
        "Low-Rank Adaptation of Large Language Models",
    ) in cards
    assert (
        "In LoRA, what is intrinsic rank?",
        "The hypothesis that weight updates during adaptation have low rank",
    ) in cards
    assert (
        "LoRA — With ___ on GPT-3 175B, it cuts trainable parameters by 10,000x",
        "$r = 8$",
    ) in cards
    assert (
        "What are the main results of the LoRA paper?",
        "Matches full finetuning on GLUE with RoBERTa and DeBERTa while training under 1% of the parameters.",
    ) in cards
    assert all(
        c.url == "https://arxiv.org/abs/2106.09685" for c in deck.cards if c.kind == "paper-page"
    )


def test_course_notes_formal_blocks_and_inline_definitions():
    cards = qa("course-notes.md")
    assert (
        "In Information theory — lecture notes, what is channel capacity?",
        "The largest rate at which information can be sent over a channel with vanishing error.",
    ) in cards
    assert (
        "What does the Gibbs' inequality theorem state?",
        r"For distributions $P, Q$: $D_{KL}(P \| Q) \ge 0$, with equality iff $P = Q$.",
    ) in cards
    assert (
        "What is the cross-entropy of two distributions?",
        "The expected code length when coding samples of $p$ with a code built for $q$.",
    ) in cards


def test_awesome_list_bylines_give_authors_and_venue():
    cards = qa("awesome-list.md")
    assert (
        "Who wrote Deep Residual Learning for Image Recognition, and when?",
        "He et al. 2016",
    ) in cards
    assert (
        "Where and when was Deep Residual Learning for Image Recognition published?",
        "CVPR 2016",
    ) in cards
    assert (
        "Where and when was Neural Machine Translation by Jointly Learning to Align and Translate published?",
        "ICLR 2015",
    ) in cards


def test_empty_table_cells_make_no_cards():
    cards = qa("paper-table.md")
    assert not any(q.startswith("Where and when was Linformer") for q, _ in cards)
    assert ("When was Linformer published?", "2020") in cards


def test_paper_headings_with_labelled_bullets():
    cards = qa("paper-sections.md")
    assert (
        "Who wrote ReAct: Synergizing Reasoning and Acting in Language Models, and when?",
        "Yao et al., 2022",
    ) in cards
    assert (
        "What problem does the ReAct paper address?",
        "Reasoning (chain-of-thought) and acting (tool use) were studied separately",
    ) in cards
    assert (
        "How does ReAct work?",
        "Interleave free-form reasoning traces with actions such as Wikipedia search",
    ) in cards
    assert ("ReAct reduces ___ because the model can look facts up", "hallucination") in cards
    assert (
        "What are the limitations of the Toolformer paper?",
        "Cannot chain tools, since calls for each tool are sampled independently",
    ) in cards


def test_table_with_separate_link_columns():
    deck = build_deck(NOTES / "paper-table.md", with_metadata=True).deck
    cards = {c.question: c for c in deck.cards}
    card = cards["Where and when was Attention Is All You Need published?"]
    assert card.answer == "NeurIPS 2017" and card.url == "https://arxiv.org/abs/1706.03762"
    assert (
        cards[
            "What are the params of BERT: Pre-training of Deep Bidirectional Transformers?"
        ].answer
        == "340M"
    )
    assert not any("paper of" in q or "code of" in q for q in cards)


def test_mojibake_next_to_good_accents_is_repaired_whole():
    cards = build_deck(NOTES / "mixed-mojibake.md", with_metadata=True).deck.cards
    answers = {c.answer for c in cards}
    assert "Normalises activations across features, it’s cheap" in answers
    assert "Every √dₖ is “nice”" in answers
    assert any("Café’s theorem" in c.question for c in cards)
    text = " ".join(c.question + c.answer for c in cards)
    for residue in ("Ä", "‚", "'Äô", "üìå"):
        assert residue not in text


def test_plain_text_papers_without_links():
    deck = build_deck(NOTES / "plain-papers.md", with_metadata=True).deck
    cards = {(c.question, c.answer) for c in deck.cards}
    assert (
        "What is the key idea of Attention is not all you need (Dong et al. 2021)?",
        "Pure attention loses rank doubly exponentially with depth",
    ) in cards
    assert ("Who wrote Attention is not all you need, and when?", "Dong et al. 2021") in cards
    # "skip ___ prevent rank collapse" → connections: an everyday word, guessable beside "skip"
    assert not any(a == "connections" for _, a in cards)
    assert (
        "What is the key idea of Signal propagation in transformers (Noci et al., 2022)?",
        "Rank collapse makes gradients of queries and keys vanish",
    ) in cards
    assert (
        "What is the key idea of REALM (Guu et al., 2020)?",
        "Pre-trains a retriever jointly with the language model",
    ) in cards
    assert (
        "What did Lewis et al. (2020) show?",
        "Retrieval-augmented generation beats closed-book models on open QA",
    ) in cards
    assert (
        "What did Izacard and Grave (2021) propose?",
        "Fusion-in-decoder, which encodes each passage separately",
    ) in cards
    assert (
        "In Optimisation, what is step size?",
        "The scalar that scales each gradient step; too large and training diverges",
    ) in cards
    assert (
        "What does the note state about warm-up in Optimisation?",
        "Linear warm-up over the first steps keeps Adam's early updates small",
    ) in cards
    # prose with a citation in it is not a paper's name
    assert not any("Transformers are used widely" in q for q, _ in cards)
