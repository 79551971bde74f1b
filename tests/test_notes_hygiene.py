"""Text hygiene: mojibake, badges, HTML, kramdown, links, emoji, math kept whole."""

import pytest

from studydeck.notes import hygiene
from studydeck.notes.hygiene import clean, mask_math, repair_mojibake, strip_front_matter


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("train a ‚Äúside‚Äù network", "train a “side” network"),
        # good accents and mojibake on one line: ftfy alone leaves such a line half-repaired
        ("normalises üìå activations, it‚Äôs cheap", "normalises 📌 activations, it’s cheap"),
        ("Café‚Äôs: every √dₖ is ‚Äúnice‚Äù", "Café’s: every √dₖ is “nice”"),
        ("Œ± ‚â§ Œ≤, caf√© na√Øve", "α ≤ β, café naïve"),
        ("L’Hôpital “État” —École, √2", "L’Hôpital “État” —École, √2"),
        ("DEMix layers ‚Äì placed", "DEMix layers – placed"),
        ("see [üìå transfer learning](u)", "see [📌 transfer learning](u)"),
        ("consciousness ü§î", "consciousness 🤔"),
        ("plain ascii stays", "plain ascii stays"),
    ],
)
def test_mac_roman_mojibake_is_repaired(broken, fixed):
    assert repair_mojibake(broken) == fixed


def test_front_matter_is_blanked_keeping_line_numbers():
    text = "---\ntitle: x\nlayout: notes\n---\n# Heading\n"
    out = strip_front_matter(text)
    assert out.splitlines()[4] == "# Heading"
    assert "layout" not in out


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("**bold** and *em* and `code`", "bold and em and code"),
        ("[Title](https://arxiv.org/abs/1) - summary", "Title - summary"),
        ("Title [[Paper](https://arxiv.org/abs/1)]", "Title"),
        ("Title[[Paper]](https://arxiv.org/abs/1)", "Title"),
        ("[![badge](https://img.shields.io/x.svg)](https://x.org) Awesome", "Awesome"),
        ("a <details><summary>More</summary> b<br>c", "a More b c"),
        ("Heading {: .no_toc} {:toc}", "Heading"),
        ("see https://example.com/x for more", "see for more"),
        ("fire 🔥 emoji 🎉", "fire emoji"),
        ("footnote[^1] here", "footnote here"),
        (r"escaped \* star", "escaped * star"),
        # an address written out as the label goes; a site's name that ends in .com stays
        ("read [https://arxiv.org/abs/1](https://arxiv.org/abs/1) now", "read now"),
        ("[www.example.org](https://www.example.org) first", "first"),
        ("[Learnchem.com](https://learnchem.com/) - a course", "Learnchem.com - a course"),
    ],
)
def test_clean_removes_markup(raw, text):
    assert clean(mask_math(raw)) == text


def test_math_survives_cleaning_whole():
    raw = r"learn $p(x_i|x_1,...,x_{i-1})$ and $a * b * c$ - note"
    assert clean(mask_math(raw)) == r"learn $p(x_i|x_1,...,x_{i-1})$ and $a * b * c$ - note"


def test_math_is_masked_so_separators_inside_never_split():
    masked = mask_math(r"loss $a - b$ - summary")
    assert " - " not in masked.text.split("-")[0] or masked.maths == ("$a - b$",)
    assert masked.text.count(" - ") == 1


def test_links_give_text_and_url():
    found = hygiene.links("[A](https://a.org) and [[Paper](https://arxiv.org/abs/2)] ![i](x.png)")
    assert found == [("A", "https://a.org"), ("Paper", "https://arxiv.org/abs/2")]


@pytest.mark.parametrize(
    ("text", "url", "paper"),
    [
        ("Attention", "https://arxiv.org/abs/1706.03762", True),
        ("x", "https://openreview.net/forum?id=1", True),
        ("Paper", "https://example.com/p", True),
        ("slides", "https://example.com/deck.pdf", True),
        ("Jeremy Howard", "https://twitter.com/jeremyphoward", False),
        ("Paper", "", False),
        ("code", "https://github.com/a/b", False),
    ],
)
def test_paper_links(text, url, paper):
    assert hygiene.is_paper_link(text, url) is paper
