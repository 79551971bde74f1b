"""Math spans shown as Unicode in the terminal; everything else untouched, never an error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studydeck.mathtext import latex_to_unicode, render_math


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (r"$\alpha + \beta$", "α+β"),
        (r"$x^2 + y_i$", "x²+yᵢ"),
        (r"$d_k$", "dₖ"),
        (r"$x_{t-1}$", "xₜ₋₁"),
        (r"$\frac{a}{b}$", "a/b"),
        (r"$\frac{1}{2}$", "½"),
        (r"$\mathbb{R}^n$", "ℝⁿ"),
        (r"$\le \ge \ne \to \infty$", "≤≥≠→∞"),
        (r"$O(n \log n)$", "O(n log n)"),
        (r"$\mathrm{softmax}(QK^T/\sqrt{d_k})V$", "softmax(QKᵀ/√(dₖ))V"),
        (r"$\text{KL}(q \| p)$", "KL(q‖p)"),
        (r"$\left(\frac{1}{2}\right)^2$", "(½)²"),
        (r"$\{a, b\}$", "{a,b}"),
        (r"$$\hat{y} = W x$$", "ŷ=Wx"),
    ],
)
def test_math_spans_become_unicode(text, shown):
    assert render_math(text) == shown


def test_text_around_math_is_kept():
    text = r"Scaled by $\frac{1}{\sqrt{d_k}}$ (see §3.2) — [Empirical] x[/bold]"
    assert render_math(text) == "Scaled by 1/(√(dₖ)) (see §3.2) — [Empirical] x[/bold]"


def test_dollar_amounts_are_not_math():
    assert render_math("costs $5 and $10 per run") == "costs $5 and $10 per run"
    assert render_math(r"an escaped \$x\$ stays") == r"an escaped \$x\$ stays"


@pytest.mark.parametrize(
    "text",
    [
        r"bad $\frac{a$ here",
        r"$x^{$",
        "$}$",
        r"$\frac{}$",
        r"$x^$",
        r"$a_^b$",
        r"$\sqrt$",
        r"$p^\mathbb\lefth$",  # flatlatex raised a regex error on this (found by fuzzing)
    ],
)
def test_malformed_math_is_shown_as_written(text):
    assert render_math(text) == text


def test_latex_to_unicode_reports_failure_as_none():
    assert latex_to_unicode(r"\frac{a") is None
    assert latex_to_unicode(r"\alpha") == "α"


def test_stored_text_is_not_changed():
    text = r"$\alpha$"
    render_math(text)
    assert text == r"$\alpha$"


@given(st.text(alphabet=st.characters(blacklist_characters="$"), max_size=60))
def test_text_without_dollars_is_unchanged(text):
    assert render_math(text) == text


LATEXISH = st.text(alphabet="$\\{}^_ab12 fracqtlpha()[]|&%#~'", max_size=40)


@given(st.one_of(st.text(max_size=40), LATEXISH))
def test_render_math_never_raises(text):
    assert isinstance(render_math(text), str)


@given(LATEXISH)
def test_latex_to_unicode_never_raises(latex):
    out = latex_to_unicode(latex)
    assert out is None or isinstance(out, str)
