"""Which spans are fair blanks (builder.blanks), shown on sentences in the style of paper notes."""

import pytest

from studydeck.builder.blanks import REFERENCE, unfair_blank


def span(sentence: str, text: str) -> tuple[str, int, int]:
    at = sentence.index(text)
    return sentence, at, at + len(text)


@pytest.mark.parametrize(
    ("sentence", "blank"),
    [
        ("At test time they prune boxes with NMS to keep the 200 best boxes.", "keep"),  # verb
        ("A weak probe which disturbs the qubit only slightly is repeated.", "disturbs"),
        ("The planner follows the decoding of Pathfinder++ with two losses.", "Pathfinder"),
        ("Because A_k are nested, one cover suffices for the whole set.", "A_k"),
        ("Classic depth methods use a smoothness prior over neighbouring pixels.", "pixels"),
        ("Total Curvature is the prior most stereo papers use.", "Curvature"),
        ("We can subsample the proposals before the recurrent decoder.", "subsample"),
        ("Token mixing appends synthetic tokens after the real ones.", "appends"),
    ],
)
def test_unfair_blanks_are_refused(sentence, blank):
    assert unfair_blank(*span(sentence, blank))


@pytest.mark.parametrize(
    ("sentence", "blank"),
    [
        ("Visual odometry accumulates the motion between frames over time.", "odometry"),
        ("New models invariant equivalent to linearizability.", "linearizability"),
        ("The detector runs at 24 fps on a single laptop GPU.", "24"),
        ("Fully convolutional nets replaced CRFs for dense labelling.", "CRFs"),
        ("The model reduces hallucination because it can look facts up.", "hallucination"),
        ("The ablation with formula-only prompts helps less than plain steps.", "formula-only"),
    ],
)
def test_fair_blanks_pass(sentence, blank):
    assert not unfair_blank(*span(sentence, blank))


def test_a_reference_line_is_told_from_a_claim():
    assert REFERENCE.search('"Airbridges for qubits." Journal of Applied Physics 112(3): 034509.')
    assert REFERENCE.search("Proc. of the Workshop, pp. 12-19")
    assert not REFERENCE.search("The readout takes 740 ns (3 cycles) per round.")


def test_not_before_a_blank_is_no_sign_of_a_verb():
    assert not unfair_blank(
        *span("The tracker relies on LiDAR, not odometry, at night.", "odometry")
    )


def test_a_participle_after_a_passive_auxiliary_is_a_verb():
    sentence = "The resulting kernel matrices are concatenated to obtain the layer weights."
    start = sentence.index("concatenated")
    assert unfair_blank(sentence, start, start + len("concatenated"))
    other = "The resulting kernel matrices feed a concatenated projection of the layer weights."
    at = other.index("concatenated")
    assert not unfair_blank(other, at, at + len("concatenated"))
