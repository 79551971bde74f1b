"""The quality gate: each reason it rejects a card for, and cards it lets through."""

import pytest

from studydeck.builder.gate import in_context, math_is_whole, reject_reason

GOOD_Q = "What is the key idea of BERT (Devlin et al. 2018)?"


def test_a_good_card_passes():
    assert reject_reason(GOOD_Q, "Masked-word pre-training, then supervised finetuning.") is None
    assert (
        reject_reason("The entropy of $X$ is defined as ___", "$$H(X) = -\\sum p \\log p$$") is None
    )


@pytest.mark.parametrize(
    ("question", "answer", "reason"),
    [
        ("What is the key idea of BERT", "Masked words", "neither ends with '?'"),
        ("BERT uses ___ and ___", "masks", "more than one blank"),
        ("What is [BERT](https://x.org)?", "Masked words", "residue"),
        (GOOD_Q, "see **this**", "residue"),
        (GOOD_Q, "a <b>bold</b> claim", "residue"),
        (GOOD_Q, "details at https://arxiv.org/abs/1", "URL"),
        (GOOD_Q, "a ‚Äúquoted‚Äù claim", "mojibake"),
        (GOOD_Q, "broken \ufffd text", "mojibake"),
        (GOOD_Q, "it learns $p(x", "math cut"),
        ('STaR "Self-taught reasoner — then, impute ___', "rationales", "unbalanced quotes"),
        (GOOD_Q, "a “cut quotation", "unbalanced quotes"),
        (GOOD_Q, "this paper proposes masks", "this paper"),
        (GOOD_Q, " ".join(["word"] * 61), "answer has 61 words"),
        ("What BERT?", "Masked words", "question has 2 words"),
        (GOOD_Q, "yes", "trivial"),
        ("What is the key idea of masked pretraining?", "masked pretraining", "given away"),
    ],
)
def test_rejections(question, answer, reason):
    found = reject_reason(question, answer)
    assert found is not None and reason in found


def test_either_or_questions_may_name_their_options():
    question = "What kind of study is X: empirical, theoretical, or both?"
    assert reject_reason(question, "Empirical.") is None


def test_math_balance():
    assert math_is_whole("a $x$ and $$y$$")
    assert not math_is_whole("a $x and")
    assert math_is_whole(r"costs \$5")


@pytest.mark.parametrize(
    "leftover", ["it'Äôs cheap", "Café'Äôs theorem", "caf√© au lait", "'Äúnice'Äù", "Œ± decay"]
)
def test_leftover_mojibake_is_caught(leftover):
    found = reject_reason(GOOD_Q, leftover)
    assert found is not None and "mojibake" in found


@pytest.mark.parametrize(
    ("answer", "context", "leaks"),
    [
        ("Skill Recognition", "Awesome LLM Mechanism Analysis › Skill Recognition", True),
        ("high-performing › nlp", "papers › high-performing › nlp", True),
        ("high-performing › nlp", "papers", False),
        ("Skill", "Notes › Skill Recognition", True),
        ("Recognition of skills", "Notes › Skill Recognition", False),
        ("anything", "", False),
    ],
)
def test_answer_in_context(answer, context, leaks):
    assert in_context(answer, context) is leaks


@pytest.mark.parametrize(
    ("question", "answer", "reason"),
    [
        (
            "What is the key idea of MinBFT?",
            "'s fast path for read-only operations",
            "starts mid-word",
        ),
        ("Pix2seq — follow-up work from ___ Research, such as [Pix2seq v2)(", "Google", "brackets"),
        ("What does a drift probe measure (in the lab?", "Slow frequency shifts", "brackets"),
    ],
)
def test_cut_text_is_refused(question, answer, reason):
    assert reason in (reject_reason(question, answer) or "")


def test_a_longer_name_in_the_question_spells_the_answer():
    assert "given away" in reject_reason(
        "LAdam rescales the step of ___ by a warm-up factor", "Adam"
    )
    assert reject_reason("LAdam rescales the step of ___ by a warm-up factor", "SGD") is None


def test_a_lowercase_answer_inside_a_longer_word_is_not_given_away():
    assert reject_reason("An accurate meter reports the flow ___ of the pump", "rate") is None
    assert reject_reason("Which interval of the real line is half-open?", "$[a, b)$") is None


def test_a_name_blended_from_the_answer_gives_it_away():
    assert "given away" in reject_reason(
        "DenseCap — The authors built a model for ___.", "dense captioning"
    )
    assert "given away" in reject_reason("ConvNet stacks ___ layers.", "convolutional network")
    assert reject_reason("DenseCap uses ___ for its region features.", "bilinear sampling") is None


def test_an_answer_misspelt_twice_reads_as_garbled():
    garbled = "A gas whose molecules occupy negligble space and havee no interacttions"
    assert "misspelt in 3 places" in reject_reason("What is an ideal gas?", garbled)
    slip = "A gas whose molecules occupy negligible space and havee no interactions"
    assert reject_reason("What is an ideal gas?", slip) is None  # one slip is readable
    assert reject_reason("Which agents does Disk Paxos fix in advance?", "the proposers") is None


def test_a_footnote_digit_glued_to_a_word_is_garbled_but_units_are_not():
    assert "digit glued" in reject_reason(
        "As Ref. 12 notes, it 3is the ___ that matters.", "joint law"
    )
    assert reject_reason("The 3rd stage runs in 10ms on a ___.", "GPU") is None
