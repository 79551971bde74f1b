"""Whether a span of a sentence is a fair blank (and whether a line is a bibliographic
reference) — shared by the prose-fact and the paper-detail clozes, so both refuse the same
shapes.

A fair blank is a whole token that names a thing: not a verb ("to ___ the 300 boxes"), not one
piece of a token ("___++", "C_n"), not one word of a two-word name ("Total ___"). Judged samples
showed these read as guesswork or as garbled cards.
"""

from __future__ import annotations

import re

from studydeck.builder import salience

# A plain lowercase word blanked alone must be at least this rare in English: judged samples
# kept "odometry" (1.1), "crosstalk" (2.4), "ischaemia" (1.6) and found "estimation" (3.5),
# "nodes" (3.8), "pixel" (3.7), "heater" (3.6) guessable from the sentence around them. An
# abstract noun ("hallucination" 2.9, "quantization") names a concept a little more often.
PLAIN_BLANK_ZIPF = 3.0
CONCEPT_BLANK_ZIPF = 3.4
_CONCEPT_ENDINGS = ("tion", "sion", "ness", "ity", "ism", "ology", "ics", "ance", "ence", "opy")

# words that follow a verb, not a noun: "… to ___ the 300 most confident boxes"
_OBJECT_AFTER = frozenset(
    (  # noqa: SIM905 (a word list reads best as text)
        "the a an its their his her our your this these those each every all any some them it him "
        "us me both either neither"
    ).split()
)
# words after which a bare lowercase word is a verb: "can ___", "we ___" ("to ___" may be a
# noun: "equivalent to ___"; "to ___ the boxes" is caught by the object after it)
_VERB_AFTER = frozenset(
    [
        "can",
        "cannot",
        "could",
        "will",
        "would",
        "should",
        "must",
        "may",
        "might",
        "does",
        "did",
        "do",
        "we",
        "they",
        "you",
    ]
)
_TOKEN_JOINERS = "-_+/@#&=^~*\\"  # "T2*", "Multipath++", "A/B"

# A bibliographic reference, not a claim: "Applied Physics Letters 104(5): 052602", "pp. 12-19"
# … and where a work appeared: "Published as an IZA working paper", "Presented at CHI 2021"
REFERENCE = re.compile(
    r"\b\d{1,4}\s?\(\d{1,4}\)\s?[:,]\s?[A-Za-z]?\d|\bdoi:|\barXiv:\s?\d|\bpp?\.\s?\d+\s?[-–]"
    r"|^(?:Published|Presented|Accepted|Appeared|Appears)\s(?:in|at|as|to)\b"
    # '"Sparse balance: excitatory-inhibitory networks …" bioRxiv (2021).': a quoted title cited
    r"|[\"“][^\"“”]{10,200}+[\"”][^\"“”()]{0,40}+\((?:19|20)\d\d\)"
)
_PUBLISHED = ("Published", "Presented", "Accepted", "Appeared", "Appears")


def reads_as_reference(text: str) -> bool:
    """``REFERENCE`` found: each of its forms holds "(", "doi:", "arXiv:" or "p.", or opens on
    "Published" …, tested first (the regex opens on a word boundary: it is tried everywhere)."""
    if not (
        "(" in text
        or "doi:" in text
        or "arXiv:" in text
        or "p." in text
        or text.startswith(_PUBLISHED)
    ):
        return False
    return REFERENCE.search(text) is not None


_PASSIVE_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"}
VERB_FORM_ZIPF = 2.5  # "appended" this common: "appends" can be a verb
FUNCTION_ZIPF = 5.5  # "are", "on", "with": the word after a noun subject, not an object
OPENER_ZIPF = 5.8  # "In", "The", "For" are this common: a capital before the blank, no name


def determiner(word: str) -> bool:
    """ "each", "the", "their": a word that opens a noun phrase, never one to blank with it."""
    return word.lower() in _OBJECT_AFTER


# prepositions common enough to pass a frequency test yet never half of a term ("Correlation
# ___ outcomes" → between measurement); the most common ones fail FUNCTION_ZIPF anyway
_PREPOSITIONS = frozenset(
    (  # noqa: SIM905 (a word list reads best as text)
        "between under within across among through above below along against beyond toward "
        "towards upon without despite via per onto"
    ).split()
)


def preposition(word: str) -> bool:
    return word.lower() in _PREPOSITIONS


_PLURAL = re.compile(r"\A[A-Za-z-]++(?<=[A-Za-z-][^sui]s)\Z")  # "cameras"; not "Paxos", "thesis"
PLURAL_STEM_MARGIN = 0.5


def plural(word: str) -> bool:
    """ "cameras", "lenses" are plurals; "gas", "physics" are not: English writes the singular
    stem about as often as the word (or more) when the word is a plural."""
    if not _PLURAL.fullmatch(word):
        return False
    lower = word.lower()
    stems = [lower[:-1]] + ([lower[:-2]] if lower.endswith("es") else [])
    return max(salience.zipf(s) for s in stems) >= salience.zipf(lower) - PLURAL_STEM_MARGIN


def _verb_before_object(word: str, following: str) -> bool:
    """ "Seq augmentation ___ noisy tokens" → appends: an -s word English also writes as "-ed",
    followed by an object (a content word that is no participle)."""
    if not word.endswith("s") or word.endswith("ss") or not following.isalpha():
        return False
    if following.endswith(("ed", "ing")) or salience.zipf(following) >= FUNCTION_ZIPF:
        return False  # "models trained on …", "models are …": a noun before its verb
    stem = word[:-1]
    return (
        salience.zipf(stem + "ed") >= VERB_FORM_ZIPF or salience.zipf(stem + "d") >= VERB_FORM_ZIPF
    )


def token_piece(sentence: str, start: int, end: int) -> bool:
    """ "Multipath++", "mmWave-based", "TAPIR(s)", "compact <==>": the span is part of a token
    or runs into an arrow."""
    before = sentence[start - 1 : start]
    after = sentence[end : end + 1]
    if (before and (before.isalnum() or before in _TOKEN_JOINERS)) or (
        after and (after.isalnum() or after in _TOKEN_JOINERS)
    ):
        return True
    text = sentence[start:end]
    return sentence[end : end + 3] == "(s)" or "<=" in text or "=>" in text or "==" in text


def unfair_blank(sentence: str, start: int, end: int) -> bool:
    """The span is not a whole naming token of the sentence (see the module docstring)."""
    text = sentence[start:end]
    if token_piece(sentence, start, end):
        return True
    if "_" in text or (len(text) <= 2 and text.isalpha() and not text.isupper()):
        return True  # "C_n", "x": a symbol written without its $…$
    if all(len(w) <= 2 and w.isalpha() for w in text.split()):
        return True  # "K C", "SN", "SP": symbols, or the note's own two-letter shorthand
    words_before = sentence[:start].split()
    words_after = sentence[end:].split()
    previous = words_before[-1].lower() if words_before else ""
    following = words_after[0].lower().strip(",.;:") if words_after else ""
    if text.islower() and " " not in text.strip() and "-" not in text:  # (a compound is two)
        if following in _OBJECT_AFTER or previous in _VERB_AFTER:
            return True  # a verb: "which ___ the system", "to ___ a credit card"
        if _verb_before_object(text, following):
            return True
        if previous in _PASSIVE_AUXILIARIES and text.endswith("ed"):
            return True  # "the matrices are ___ to obtain $K^j$" → concatenated: a verb
        concept = (
            text.isalpha()
            and len(text) >= 7
            and (text.endswith(_CONCEPT_ENDINGS) or text[:-1].endswith(_CONCEPT_ENDINGS))
        )
        limit = CONCEPT_BLANK_ZIPF if concept else PLAIN_BLANK_ZIPF
        if salience.zipf(text) >= limit:
            return True  # an everyday word: guessable from the words around it
    if text.split()[0][:1].isupper() and words_before and sentence[start - 1 : start] == " ":
        word = words_before[-1]
        if word[:1].isupper() and word.isalpha() and salience.zipf(word.lower()) < OPENER_ZIPF:
            return True  # "Total ___" → Variation: one word of a two-word name
    return False


def in_long_list(text: str, start: int, end: int) -> bool:
    """A member of a list of three or more ("Fusion module: GNN, soft attention, Transformer"),
    whatever its kind: a comma beside it, and two in its clause."""
    clause_start = max(text.rfind(c, 0, start) for c in ".;:") + 1
    ends = [i for i in (text.find(c, end) for c in ".;:") if i >= 0]
    clause = text[clause_start : min(ends, default=len(text))]
    beside = text[end : end + 2].lstrip().startswith(",") or text[:start].rstrip().endswith(",")
    return beside and clause.count(",") >= 2


# A formula that only names symbols — "$\theta$", "$(Q, T, A)$", "$h_i$", "$\forall_n$" — says
# which letters the author chose, nothing to recall: blind judges marked such blanks defects.
_GREEK = frozenset(
    (  # noqa: SIM905 (a word list reads best as text)
        "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
        "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma "
        "Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega forall exists ldots dots cdots"
    ).split()
)
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]++)")
_SYMBOL_TOKEN = re.compile(r"[A-Za-z0-9]++")
_OPERATOR = re.compile(r"[=<>+*/|!≤≥≠∈∑∫→-]")


def notation_only(formula: str) -> bool:
    """Whether ``formula`` ($…$ or bare) is only symbols: single letters, Greek letters, digits,
    sub/superscripts, brackets and commas — no operator, relation or function of them."""
    body = formula.strip("$ ")
    if any(name not in _GREEK for name in _LATEX_COMMAND.findall(body)):
        return False  # \frac, \sum, \in, \mathbb …: a formula, not a name
    body = _LATEX_COMMAND.sub("x", body)
    if _OPERATOR.search(body):
        return False
    return all(len(t) == 1 or t.isdigit() for t in _SYMBOL_TOKEN.findall(body))


# The name a line opens on: "SegNet memorizes the indices …", "TPR built as …" — one token, an
# acronym or with inner capitals or digits, and a lowercase word after it, so the name is not
# the start of a title or of a longer name.
_OPENING_NAME = re.compile(r"\A[A-Z][\w’+-]*+(?= [a-z])")


def opening_technical(text: str) -> str | None:
    """The acronym or technical name a line opens on, before a lowercase word ("TPR built as
    …" → TPR), if it does."""
    found = _OPENING_NAME.match(text)
    return found.group() if found and technical(found.group()) else None


def technical(word: str) -> bool:
    """ "ResNet-50", "PROMETHEUS", "SegNet": digits or capitals inside the word."""
    inner = word[1:]
    if word in ("I", "A") or shouted(word):
        return False
    return any(c.isdigit() for c in word) or inner != inner.lower()


def shouted(word: str) -> bool:
    """ "IF we surround …", "… the measure AND you have to save …": a common word in capitals
    for stress, no acronym (judged a blank on a filler word, round h5)."""
    return word.isupper() and word.isalpha() and salience.zipf(word.lower()) >= FUNCTION_ZIPF


def size(text: str) -> bool:
    """ "Bx4", "512x512", "4×4×4": a size, like a number (by a split: as a regex, a run of "x"
    was rescanned from every position)."""
    parts = text.replace("×", "x").split("x")
    sized = all(p.isdigit() or (len(p) == 1 and p.isalpha()) for p in parts)
    return len(parts) >= 2 and sized and any(c.isdigit() for c in text)


def misspelt_name(word: str) -> bool:
    """A word English never writes (zipf 0) one letter from a common word: a misspelling
    ("Lauent", "equivarience"); a known name ("Cauchy", 2.4) is one edit from words too."""
    return salience.zipf(word.lower()) == 0 and salience.likely_typo(word)


# "$N_{in}$", "$Z_{amp}$", "$h_{t-1}$": one letter with its indices, a variable's name
# "$N_{in}$", "$Z_{amp}$", "$\gamma_\text{synt}$": a letter (Latin or Greek) and its indices
_VARIABLE = re.compile(
    r"\A\$\s*+(?:[A-Za-z]|\\[a-z]{2,8}+)"
    r"(?:[_^](?:\{[^{}$]{0,12}+\}|[A-Za-z0-9]|\\(?:text|mathrm|rm)\{[^{}$]{1,12}+\}))++\s*+\$\Z"
)


def variable_name(text: str) -> bool:
    """A variable named by its indices: recalled only beside the sentence that defined it
    (blind judges: 1 of 4 kept)."""
    return bool(_VARIABLE.match(text.strip()))


def bare_math(formula: str) -> bool:
    """ "$\\forall_n$", "$\\alpha$": fewer than two letters or digits once commands are out."""
    return sum(c.isalnum() for c in _LATEX_COMMAND.sub("", formula)) < 2
