# ruff: noqa: E501  (realistic note lines are long)
"""Patterns in real notes (issue 11): blocks the builder used to drop, and cards blind judges
marked defects, each fixed as a pattern. Notes are our own writing in the style of real ones."""

from test_builder_prose import cards

TOOL_LIST = """\
# Awesome ecology software

## R packages

- [vegan](https://github.com/vegandevs/vegan) - Community ecology package for ordination and diversity analysis.
- [MARK](https://example.org/mark) - Program for estimating survival from capture-recapture data (CJS, POPAN, RMark).
- [GBIF](https://www.gbif.org) - Open platform for sharing and querying species occurrence records (GBIF, iDigBio, OBIS).
- [Tags](https://example.org/tags) - GIS LIDAR DEM SDM NDVI UAV.
"""


def test_an_entry_described_with_acronyms_is_still_prose():
    found = {c.question: c.answer for c in cards(TOOL_LIST) if c.kind == "entry"}
    assert found.get("What is MARK?", "").startswith("Program for estimating survival")
    assert found.get("What is GBIF?", "").startswith("Open platform for sharing")
    assert "What is “vegan”?" in found  # a lower-case name is quoted
    assert "What is Tags?" not in found, found  # a run of acronyms is a listing, not a description


LECTURE_MATH = r"""
# Signals and Systems

## The Fourier transform

The Fourier transform of an integrable $f$ is defined as

$$\hat f(\xi) = \int f(x) e^{-2\pi i x \xi} dx$$

It turns out that the transform of a Gaussian is again a Gaussian, namely

$$\widehat{e^{-\pi x^2}} = e^{-\pi \xi^2}$$

For the box function we find that the integral is elementary and so we may compute it as follows

$$\hat f(\xi) = \int_{-1/2}^{1/2} e^{-2\pi i x \xi} dx = \frac{\sin \pi \xi}{\pi \xi}$$

Let $f, g$ be integrable functions, then

$$\widehat{f * g} = \hat f \cdot \hat g$$
"""


def test_display_math_names_its_subject_and_skips_worked_steps():
    found = {c.question: c.answer for c in cards(LECTURE_MATH) if c.kind == "display-math"}
    # a theorem's hypothesis ("Let … then") introduces a formula worth recalling, under its heading
    assert (
        "Signals and Systems › The Fourier transform — Let $f, g$ be integrable functions, then ___"
        in found
    ), found
    # the lead-in names its heading's head word ("transform"): no prefix needed
    assert "The Fourier transform of an integrable $f$ is defined as ___" in found
    assert not any("It turns out" in q for q in found), found  # points back
    assert not any("we may compute" in q for q in found), found  # a worked example's step
