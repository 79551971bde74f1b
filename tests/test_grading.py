"""Typed-answer grading and the diff shown beside the expected answer."""

from __future__ import annotations

from itertools import pairwise, permutations

import pytest
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from studydeck.grading import Segment, answer_words, diff, grade
from studydeck.text import fold

GRADES = [
    # typed, expected, rating, verdict
    ("Adam", "Adam", Rating.Good, "exact"),
    ("adam", "ADAM", Rating.Good, "exact"),
    ("Cafe au lait", "Café au lait", Rating.Good, "exact"),
    ("scaled dot product attention!", "Scaled dot-product attention", Rating.Good, "exact"),
    ("Transformer", "The Transformer", Rating.Good, "exact"),
    ("1,000 steps", "1000 steps", Rating.Good, "exact"),
    ("Adan", "Adam", Rating.Good, "typo"),
    ("Transfromer", "Transformer", Rating.Good, "typo"),
    ("layer normalisation", "layer normalization", Rating.Good, "typo"),
    ("residul conection", "residual connection", Rating.Good, "typo"),
    ("residl conectin", "residual connection", Rating.Hard, "typo"),
    ("York New", "New York", Rating.Good, "close"),
    ("finetuning and pre-training", "pre-training and finetuning", Rating.Good, "close"),
    ("the Adam optimizer", "Adam", Rating.Good, "close"),
    ("masked modeling", "masked language modeling", Rating.Hard, "partial"),
    ("Adam SGD RMSprop", "Adam", Rating.Hard, "partial"),
    (
        "masked word pre-training then finetuning",
        "Masked-word (bidirectional) pre-training, then supervised finetuning.",
        Rating.Hard,
        "partial",
    ),
    ("SGD", "Adam", Rating.Again, "wrong"),
    ("batch norm", "layer normalization", Rating.Again, "wrong"),
    ("cat", "cut", Rating.Again, "wrong"),  # too short for a typo to be forgiven
    ("attention", "multi-head self-attention mechanism", Rating.Again, "wrong"),
    ("1998", "1999", Rating.Again, "wrong"),
    ("GPT-2", "GPT-3", Rating.Again, "wrong"),
    ("BERT 2019", "BERT (2018)", Rating.Again, "wrong"),
    ("BERT 2018 2019", "BERT (2018)", Rating.Again, "wrong"),
    (
        "the transformer architecture by Vaswani and colleagues",
        "The Transformer architecture by Vaswani and colleagues, 2017",
        Rating.Hard,
        "partial",
    ),
    # only the numbers right, every word wrong: a different venue or model, not half an answer
    ("NeurIPS 2024", "ICLR 2024", Rating.Again, "wrong"),
    ("ResNet 50 layers", "VGG 50 layers", Rating.Hard, "partial"),  # "layers" is right
    ("ResNet 152", "VGG 16", Rating.Again, "wrong"),
    ("ICLR 2024", "ICLR 2024 oral", Rating.Hard, "partial"),
    ("2017", "Vaswani et al. 2017", Rating.Again, "wrong"),
    ("0.50", "0.5", Rating.Good, "exact"),
    ("x^2", "$x^2$", Rating.Good, "exact"),
    ("O(n log n)", r"$O(n \log n)$", Rating.Good, "exact"),
    ("$x_2$", "$x^2$", Rating.Again, "wrong"),
    ("it costs $a+b$ here", "it costs $a-b$ here", Rating.Again, "wrong"),
    ("", "Adam", Rating.Again, "empty"),
    ("  ?! ", "Adam", Rating.Again, "empty"),
]


@pytest.mark.parametrize(("typed", "expected", "rating", "verdict"), GRADES)
def test_grade_table(typed, expected, rating, verdict):
    result = grade(typed, expected)
    assert (result.rating, result.verdict) == (rating, verdict), result


NAMES = "Jeremy Howard and Sebastian Ruder"
AUTHORS = "Ashish Vaswani, Noam Shazeer and Niki Parmar"
OPTIMIZERS = "Adam, SGD and RMSprop"
PRETRAINING = "masked language modeling and next sentence prediction"

LIST_GRADES = [
    # typed, expected, rating, verdict: a correct subset of a list's items is partial
    ("sebastian ruder", NAMES, Rating.Hard, "partial"),  # was Again: and counted as a word
    ("Jeremy Howard", NAMES, Rating.Hard, "partial"),
    ("howard and ruder", NAMES, Rating.Hard, "partial"),  # every surname: still not whole
    ("Ruder, Howard", NAMES, Rating.Hard, "partial"),
    ("Howard", NAMES, Rating.Hard, "partial"),
    ("Sebastian Ruder and Jeremy Howard", NAMES, Rating.Good, "close"),
    ("Jeremy Howard, Sebastian Ruder", NAMES, Rating.Good, "typo"),  # "and" left out
    ("jeremy howrd and sebastian ruder", NAMES, Rating.Good, "typo"),
    ("Yann LeCun", NAMES, Rating.Again, "wrong"),
    ("Noam Shazeer", AUTHORS, Rating.Hard, "partial"),
    ("vaswani", AUTHORS, Rating.Hard, "partial"),
    ("Niki Parmar and Ashish Vaswani", AUTHORS, Rating.Hard, "partial"),
    ("vaswani, shazeer and parmar", AUTHORS, Rating.Hard, "partial"),
    ("Ashish Vaswani, Noam Shazeer, and Niki Parmar", AUTHORS, Rating.Good, "exact"),
    ("Adam", OPTIMIZERS, Rating.Hard, "partial"),
    ("sgd and rmsprop", OPTIMIZERS, Rating.Hard, "partial"),
    ("RMSprop, Adam", OPTIMIZERS, Rating.Hard, "partial"),
    ("adam or sgd", OPTIMIZERS, Rating.Hard, "partial"),
    ("SGD, RMSprop and Adam", OPTIMIZERS, Rating.Good, "close"),
    ("Lion", OPTIMIZERS, Rating.Again, "wrong"),
    ("masked language modeling", PRETRAINING, Rating.Hard, "partial"),  # was Again (3 of 7)
    ("next sentence prediction", PRETRAINING, Rating.Hard, "partial"),
    ("next sentence prediction and masked language modeling", PRETRAINING, Rating.Good, "close"),
    ("image captioning", PRETRAINING, Rating.Again, "wrong"),
]


@pytest.mark.parametrize(("typed", "expected", "rating", "verdict"), LIST_GRADES)
def test_list_grade_table(typed, expected, rating, verdict):
    result = grade(typed, expected)
    assert (result.rating, result.verdict) == (rating, verdict), result


@pytest.mark.parametrize(
    "items",
    [
        ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit"],
        ["Adam", "stochastic gradient descent", "RMSprop", "Adagrad"],
    ],
)
def test_every_correct_subset_of_a_list_is_partial_and_the_whole_list_good(items):
    expected = ", ".join(items[:-1]) + " and " + items[-1]
    for size in range(1, len(items) + 1):
        for subset in permutations(items, size):
            for joiner in (" and ", ", ", " "):
                result = grade(joiner.join(subset), expected)
                want = Rating.Good if size == len(items) else Rating.Hard
                assert result.rating == want, (subset, joiner, result)


def test_scores_follow_the_verdicts():
    by_verdict = {}
    for typed, expected, _, verdict in GRADES:
        by_verdict.setdefault(verdict, []).append(grade(typed, expected).score)
    assert by_verdict["exact"] == [100] * len(by_verdict["exact"])
    assert by_verdict["empty"] == [0, 0]
    assert min(by_verdict["close"]) > max(by_verdict["partial"]) > max(by_verdict["wrong"])
    assert all(0 <= score < 40 for score in by_verdict["wrong"])


def test_a_fast_exact_answer_is_easy_a_slow_one_good():
    assert grade("Adam", "Adam", elapsed_s=2.0).rating == Rating.Easy
    assert grade("Adam", "Adam", elapsed_s=30.0).rating == Rating.Good
    # The time allowed grows with the answer: typing a long answer takes longer.
    long_answer = "masked language modeling with next sentence prediction"
    assert grade(long_answer, long_answer, elapsed_s=12.0).rating == Rating.Easy
    assert grade("Adam", "Adam", elapsed_s=12.0).rating == Rating.Good


def test_speed_never_lifts_a_typo_or_a_wrong_answer():
    assert grade("Adan", "Adam", elapsed_s=0.5).rating == Rating.Good
    assert grade("SGD", "Adam", elapsed_s=0.5).rating == Rating.Again


def test_answer_words_drop_articles_but_not_a_lone_one():
    assert answer_words("The Transformer, an encoder") == ["transformer", "encoder"]
    assert answer_words("A") == ["a"]


@given(st.text(max_size=40), st.text(max_size=40), st.none() | st.floats(0, 100))
def test_grade_never_raises_and_stays_in_range(typed, expected, elapsed):
    result = grade(typed, expected, elapsed)
    assert 0 <= result.score <= 100
    assert result.rating in Rating


@given(st.text(min_size=1, max_size=40))
def test_an_answer_typed_exactly_is_never_failed(text):
    result = grade(text, text)
    assert result.verdict in ("exact", "empty")
    assert result.rating == (Rating.Again if not answer_words(text) else Rating.Good)


# ── diff ───────────────────────────────────────────────────────────────────────


def _expected_side(segments):
    return "".join(s.text for s in segments if s.kind in ("same", "missing"))


def _typed_side(segments):
    return "".join(s.text for s in segments if s.kind in ("same", "extra", "wrong"))


def test_diff_of_a_typo_marks_the_letters():
    assert diff("transfromer", "Transformer") == [
        Segment("Transf", "same"),
        Segment("o", "missing"),
        Segment("r", "same"),
        Segment("o", "extra"),
        Segment("mer", "same"),
    ]
    assert diff("Adan", "Adam") == [
        Segment("Ada", "same"),
        Segment("n", "wrong"),
        Segment("m", "missing"),
    ]


def test_diff_ignores_case_accents_and_punctuation_between_words():
    assert diff("Cafe bert", "Café BERT") == [Segment("Café BERT", "same")]
    assert diff("pre training", "pre-training") == [Segment("pre-training", "same")]


def test_diff_shows_missing_and_extra_words_whole():
    assert diff("masked modeling", "masked language modeling") == [
        Segment("masked ", "same"),
        Segment("language ", "missing"),
        Segment("modeling", "same"),
    ]
    assert diff("self attention is key", "self-attention") == [
        Segment("self-attention", "same"),
        Segment(" is key", "extra"),
    ]


def test_diff_shows_a_wrong_word_as_typed_then_expected():
    segments = diff("the cat sat", "the dog sat")
    assert segments == [
        Segment("the ", "same"),
        Segment("cat", "wrong"),
        Segment("dog", "missing"),
        Segment(" sat", "same"),
    ]


def test_diff_of_empty_sides():
    assert diff("", "abc") == [Segment("abc", "missing")]
    assert diff("abc", "") == [Segment("abc", "extra")]
    assert diff("", "") == []


@given(st.text(max_size=30), st.text(max_size=30))
def test_diff_rebuilds_both_answers(typed, expected):
    segments = diff(typed, expected)
    assert _expected_side(segments) == expected
    # a "same" segment shows the expected text, equal to the typed one once folded: punctuation
    # next to math may fold to a space on one side only ("0:$" → "0 $", "0$" → "0$")
    assert fold(_typed_side(segments)).replace(" ", "") == fold(typed).replace(" ", "")
    assert all(s.text for s in segments)
    assert all(a.kind != b.kind for a, b in pairwise(segments))
