"""A description cut to the answer of its card: whole sentences up to a length, without the
sentences that only point to links ("A [how-to](…) and a [manual](…).") or lead in to the
list below ("Free alternatives:")."""

from __future__ import annotations

import re

from studydeck.builder import salience
from studydeck.notes import hygiene
from studydeck.notes.hygiene import LINK

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


# "(check out the FTP)", "(see also how it was implemented in the AFDB)": the aside pointed at a
# link the card does not carry
_LINK_ASIDE = re.compile(
    r"(?<!\s)\s*+\((?:check (?:out|also)|see(?: also)?|more (?:info|details)|for more)\b[^()]*+\)",
    re.I,
)


def without_link_asides(text: str) -> str:
    return _LINK_ASIDE.sub("", text) if "(" in text else text


def shorten(text: str, limit: int = 45) -> str:
    """Whole sentences up to ``limit`` words (at least the first); math is masked, so never cut.
    A last sentence that ends on a colon introduces a list the card does not show."""
    sentences = SENTENCE_END.split(text)
    out, words = [], 0
    for sentence in sentences:
        n = len(sentence.split())
        if out and sentence.strip() == out[-1].strip():
            continue  # "Train a network to … Train a network to …": pasted twice in the note
        if out and words + n > limit:
            break
        out.append(sentence)
        words += n
    if len(out) > 1 and out[-1].rstrip().endswith(":"):
        out.pop()  # "… in economics. Free alternatives:" (the alternatives are child bullets)
    return " ".join(out)


POINTER_WORDS = 6  # a sentence this short before its link only says where to look
POINTER_ZIPF = 4.0  # every word of a pointer's link label is this common ("here", "manual")
POINTER_LABEL_WORDS = 3
ALONE_POINTER_ZIPF = 3.0  # a link that is a whole sentence: "[Official webpage](…)." (3.6)


def without_pointers(raw: str) -> str:
    """The raw (masked) description up to its first sentence, after the first, that points to
    a link — "Source is available [here](…)", "A [how-to](…) and a [manual](…)", "this service
    looks [like this](…)" — and what follows it, which goes on about the link."""
    if "](" not in raw:
        return raw
    # "… exploitability. [Official webpage](…)": a link opening a sentence starts one too
    sentences = [part for s in SENTENCE_END.split(raw) for part in _BEFORE_LINK.split(s)]
    kept = [sentences[0]]
    for sentence in sentences[1:]:
        if _points(sentence):
            break
        kept.append(sentence)
    return " ".join(kept) if len(kept) < len(sentences) else raw


_BEFORE_LINK = re.compile(r"(?<=[.!?])\s++(?=\[)")
_POINTER_LABEL = re.compile(r"\A(?:here|source(?: code)?|code|link|this|github|repo)\Z", re.I)


def _points(sentence: str) -> bool:
    for link in LINK.finditer(sentence):
        label = hygiene.clean_fragment(link.group(1)).strip(" .")
        words = label.split()
        if _POINTER_LABEL.match(label) and len(sentence[: link.start()].split()) < POINTER_WORDS:
            return True  # "Source is available on [GitHub](…)"
        # "… exploitability. [Official webpage](…)": a sentence that is only the link, in
        # everyday words, points at it whatever its case
        alone = not (sentence[: link.start()] + sentence[link.end() :]).strip(" .;,")
        if (
            words
            and len(words) <= POINTER_LABEL_WORDS
            and (label.islower() or alone)
            and all(
                salience.zipf(w) >= (ALONE_POINTER_ZIPF if alone else POINTER_ZIPF)
                for w in re.findall(r"[a-z]+", label.lower())
            )
            and len(sentence[: link.start()].split()) < POINTER_WORDS
        ):
            return True  # a name ("[BERT]", "[Sage]") is capitalised or rare: a mention
    return False


LEAD_IN_WORDS = 3  # an unpunctuated closing fragment this short over child bullets leads to them


def without_lead_in(text: str, has_children: bool) -> str:
    """ "Symbolic computations. Free alternative" over a child bullet "[Sage](…)": the closing
    fragment introduces the children, as a colon would."""
    sentences = SENTENCE_END.split(text)
    last = sentences[-1].strip()
    if (
        has_children
        and len(sentences) > 1
        and len(last.split()) <= LEAD_IN_WORDS
        and not last.endswith((".", "!", "?", ")", "$"))
    ):
        return " ".join(sentences[:-1])
    return text
