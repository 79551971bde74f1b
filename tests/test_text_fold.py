"""``text.fold`` fast paths give exactly what the plain definition gives."""

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.text import fold

_NON_WORD = re.compile(r"[^\w$]+")  # the plain definition: runs of other characters are spaces


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", no_marks.casefold()).split())


def test_examples():
    assert fold("Café, BERT!") == "cafe bert"
    assert fold("naïve — “x” › y") == "naive x y"
    assert fold("GPT-2 vs. gpt-3") == "gpt 2 vs gpt 3"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_matches_reference(text):
    assert fold(text) == reference_fold(text)
