"""Multiple-choice distractors: plausible, never the right answer, same deck and kind only."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from studydeck.deck import Card, Deck
from studydeck.grading import answer_words, choose_distractors, why_too_few_distractors


def _card(n: int, answer: str, kind: str = "definition") -> Card:
    return Card(id=f"c{n}", question=f"Question {n}?", answer=answer, kind=kind)


OPTIMIZERS = [
    "Adam",
    "Adam.",  # equal to the right answer once folded
    "adam optimiser",  # near-equal: holds the right answer's words
    "SGD",
    "RMSprop",
    "Adagrad",
    "Adadelta",
    "Lion",
    "LAMB",
    "Nesterov momentum",
    "Stochastic gradient descent with warm restarts and cosine annealing of the rate",
]


def _deck(answers=OPTIMIZERS, kind="definition", name="optim") -> Deck:
    return Deck(name=name, cards=[_card(i, a, kind) for i, a in enumerate(answers)])


def _norm(text: str) -> str:
    return " ".join(answer_words(text))


def test_never_equal_or_near_equal_to_the_right_answer():
    deck = _deck()
    right = deck.cards[0]
    for seed in range(30):
        options = choose_distractors(right, deck, rng=random.Random(seed))
        assert len(options) == 3
        for option in options:
            assert fuzz.ratio(_norm(option), _norm(right.answer)) < 85
            assert "adam" not in _norm(option).split()


def test_no_two_distractors_alike():
    deck = _deck(["Adam", "SGD", "S.G.D.", "sgd ", "RMSprop", "RMS prop", "Adagrad", "Lion"])
    for seed in range(30):
        options = choose_distractors(deck.cards[0], deck, rng=random.Random(seed))
        folded = [_norm(o) for o in options]
        assert len(set(folded)) == len(folded) == 3
        for i, a in enumerate(folded):
            for b in folded[i + 1 :]:
                assert fuzz.ratio(a, b) < 85


def test_only_same_kind_from_the_given_deck():
    other_kind = [_card(100, "Muon", kind="paper-summary"), _card(101, "Shampoo", kind="summary")]
    deck = Deck(name="optim", cards=[*_deck().cards, *other_kind])
    other_deck = _deck(["Sophia", "AdamW", "Adafactor"], name="elsewhere")
    allowed = {c.answer for c in deck.cards if c.kind == "definition"}
    for seed in range(30):
        options = choose_distractors(deck.cards[0], deck, rng=random.Random(seed))
        assert set(options) <= allowed
        assert not set(options) & {c.answer for c in other_deck.cards}
        assert not set(options) & {"Muon", "Shampoo"}


def test_deterministic_for_a_seed_and_varied_across_seeds():
    deck = _deck()
    right = deck.cards[0]
    first = choose_distractors(right, deck, rng=random.Random(7))
    assert choose_distractors(right, deck, rng=random.Random(7)) == first
    assert choose_distractors(right, deck) == choose_distractors(right, deck)  # seeded by card id
    seen = {tuple(choose_distractors(right, deck, rng=random.Random(s))) for s in range(20)}
    assert len(seen) > 1


def test_plausible_answers_come_before_give_aways():
    # A long sentence among one-word answers would give the question away.
    deck = _deck()
    for seed in range(30):
        options = choose_distractors(deck.cards[0], deck, rng=random.Random(seed))
        assert OPTIMIZERS[-1] not in options


def test_shape_matters_numbers_with_numbers():
    answers = ["1997", "2014", "2017", "Vaswani et al.", "Hochreiter", "1998", "LeCun"]
    deck = _deck(answers, kind="year")
    options = choose_distractors(deck.cards[0], deck, rng=random.Random(1))
    assert sorted(options) == ["1998", "2014", "2017"]


def test_a_small_deck_returns_fewer():
    deck = _deck(["Adam", "SGD", "RMSprop"])
    assert sorted(choose_distractors(deck.cards[0], deck)) == ["RMSprop", "SGD"]
    alone = _deck(["Adam", "adam", "The Adam"])
    assert choose_distractors(alone.cards[0], alone) == []
    assert choose_distractors(deck.cards[0], deck, k=1) in (["SGD"], ["RMSprop"])


def test_why_too_few_says_too_similar_for_a_big_deck_of_near_duplicates():
    answers = ["BERT (Devlin et al. 2018)"] + [
        f"BERT (Devlin et al. 2018) v{i}" for i in range(300)
    ]
    deck = _deck([*answers, "GPT"])
    assert len(choose_distractors(deck.cards[0], deck)) < 3
    assert why_too_few_distractors(deck.cards[0], deck) == (
        "300 of the 301 other answers are too similar to this one"
    )


def test_why_too_few_names_each_reason():
    few = _deck(["Adam", "SGD", "Adam."])
    assert why_too_few_distractors(few.cards[0], few) == (
        "only 2 other answer(s) of this kind in this deck"
    )
    long = "a very long sentence that explains an optimizer in great detail indeed"
    lopsided = _deck(["Adam", long, long + " again", long + " once more", "SGD"])
    assert why_too_few_distractors(lopsided.cards[0], lopsided) == (
        "3 of the 4 other answers are far shorter or longer (a give-away)"
    )
