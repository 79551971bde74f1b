"""Reading a block as a term and its definition (``**term**: def``, formal definitions, run-in
labels); the rules in ``definitions`` turn them into cards."""

from __future__ import annotations

import re
from functools import cache

from studydeck.builder import salience
from studydeck.builder.papers import (
    shorten,
)
from studydeck.builder.rules.common import ABOUT_THE_NOTE, FIRST_PERSON, _paper, _sentence
from studydeck.builder.rules.labels import _CLAUSE_START, _POINTING, _VERB, LABEL_ZIPF, is_label
from studydeck.builder.rules.pages import page_paper
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# ── 3. term definition ─────────────────────────────────────────────────────────

_DEF_MARKED = re.compile(
    r"^\s*+(?:\*\*|__)(?P<term>[^*_]{1,60}?)\s*+(?P<inner>:)?\s*+(?:\*\*|__)\s*+"
    # "**Term**: def", or "**Term:** def" with the colon inside the bold
    r"(?:(?P<sep>=|:|-|–|—|is|are|refers to|means)\s+|(?(inner)(?=\S)|(?!)))(?P<def>.+)$"
    r"|^\s*\*(?P<term2>[^*]{1,60}?)\*\s*(?P<sep2>=|:|-|–|—)\s+(?P<def2>.+)$"
    r"|^\s*_(?P<term3>[^_]{1,60}?)_\s*(?P<sep3>=|:|-|–|—)\s+(?P<def3>.+)$",
    re.S,
)
_DEF_DOTTED = re.compile(  # "**Step size.** The learning rate …": a run-in label, textbook style
    r"^\s*(?:\*\*|__)(?P<term>[^*_.:]{2,60}?)\.(?:\*\*|__)\s+(?P<def>\S.+)$", re.S
)
_DEFINING_START = re.compile(r"^(?:A|An|The|Any|Each)\s|^(?:is|are|refers to|means|denotes)\s")
_RUN_IN_SKIP = {"remark", "proof", "example", "exercise", "hint", "recall", "aside", "note"}


def _dotted_definition(text: str) -> re.Match[str] | None:
    """A run-in label whose text reads as a definition ("**Step size.** The scalar …")."""
    found = _DEF_DOTTED.match(text)
    return found if found and _DEFINING_START.match(found.group("def")) else None


_EXAMPLE_LABEL = re.compile(r"^(?:example|e\.g\.)\s*\((.{2,40})\)$", re.I)
_FORMAL = re.compile(  # "**Theorem 5.4 (Mercer).**" or "**Definition 5.1** (Feature map)."
    r"^\s*\*\*(?P<kind>Definition|Theorem|Lemma|Proposition|Corollary|Axiom|Law)"
    r"(?:\s+[\d.]+)?\s*(?:(?P<shut>\*\*)\s*)?\((?P<name>[^)]{2,60})\)\s*[.:]?\s*"
    r"(?(shut)|\*\*)\s*[.:]?\s*(?P<body>.+)$",
    re.S | re.I,
)
_DEF_SENTENCE = re.compile(
    r"^\s*+(?:The|A|An)?\s*+(?:\*\*|\*|__|_)(?P<term>[^*_]{2,50}?)(?:\*\*|\*|__|_)"
    r"(?P<of>\s+of\s+[^.,;:*]{1,40}?)?\s++(?:is|are|refers to|denotes)\s+(?P<def>.+)$",
    re.S,
)
_OPERATOR = re.compile(r"(?<=\w)[/^*+](?=\w)")
_DEF_PLAIN = re.compile(
    r"^\s*(?P<term>[^\s:=()\[\]*][^:=()\[\]*]{0,50}?)\s*(?: = |: | - | – | — )\s*(?P<def>.+)$", re.S
)
_VAGUE_TERMS = {
    "note", "notes", "e.g", "eg", "ex", "example", "examples", "see", "also", "details", "detail",
    "limitation", "limitations", "application", "applications", "misc", "solution", "result",
    "results", "sizes", "size", "tasks", "idea", "intuition", "problem", "goal", "motivation",
    "question", "answer", "pros", "cons", "overview", "summary", "todo", "update", "code", "data",
    "why", "how", "what", "setup", "method", "approach", "takeaway", "main idea", "key idea",
    "standard", "basically", "then", "first", "second", "third", "finally", "i.e", "ie", "more",
    "less", "other", "others", "this", "that", "they", "it", "we", "findings", "claim",
    "caveat", "warning", "tip", "paper", "papers", "link", "links", "github", "slides", "thread",
    "prompt", "output", "input", "here", "questions", "open questions", "my take", "thoughts",
    "my thoughts", "comments", "discussion", "status", "tags", "date", "date added", "year",
    "venue", "authors", "author", "url", "pdf", "priority", "rating",
}  # fmt: skip


_WORKED = {"example", "examples", "exercise", "exercises", "illustration"}
# a line after a hard break that opens on a term and its colon: a definition of its own
_NEXT_TERM = re.compile(r"\A(?:\*\*)?[A-Z][\w'’ -]{1,40}+(?:\*\*)?:\s")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MEASURED = re.compile(r"=\s*+~?\d")  # "T_1 = 30", "T2 = 20 us"


@cache  # one note's blocks: cleared per note (rules.prepare)
def _definition(block: Block) -> tuple[str, str] | None:
    """(term, definition) of a ``**term** = def`` / ``term: def`` block, else None."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return None
    if block.parent is not None:
        under = _under_term(block)
        if under:
            return under
    masked = block.masked
    formal = _FORMAL.match(masked.text)
    if formal:
        name = hygiene.clean(masked, formal.group("name"))
        statement = _sentence(shorten(hygiene.clean(masked, formal.group("body"))))
        kind = formal.group("kind").lower()
        if kind == "definition":
            lower = name.lower()
            if name.isalpha() and name[1:].islower() and re.search(rf"\b{lower}\b", statement):
                name = lower  # "(Kernel). A kernel is …": a common noun, not a name
            return name, statement
        if fold(name).endswith(kind):
            return f"the {name}", statement  # "(Representer theorem)"
        return f"the {name} {kind}", statement
    inline_def = _DEF_SENTENCE.match(masked.text)
    marked = _DEF_MARKED.match(masked.text) or _dotted_definition(masked.text)
    if inline_def and not marked:
        term = hygiene.clean(masked, inline_def.group("term") + (inline_def.group("of") or ""))
        if any(w.lower() in _POINTING for w in term.split()):
            return None  # "The terminal object of this cone category is …": which one?
        term = f"the {term}" if inline_def.group("of") else term
        definition = _sentence(shorten(hygiene.clean(masked, inline_def.group("def"))))
        if fold(term) and len(definition.split()) >= 2 and not not_a_definition(definition):
            return term, definition
        return None
    if marked:
        groups = marked.groupdict()
        term = groups["term"] or groups.get("term2") or groups.get("term3")
        definition = groups["def"] or groups.get("def2") or groups.get("def3")
        sep = groups.get("sep") or ""
        if marked.re is _DEF_DOTTED and len(term.split()) > 5:
            return None
        if sep in ("is", "are", "refers to", "means"):
            definition = f"{sep} {definition}" if sep in ("refers to", "means") else definition
    else:
        under_paper = (
            _paper(block.parent) is not None if block.parent is not None else page_paper(block)
        )
        if block.is_paper_item or under_paper or _under_title(block):
            return None  # under a paper, a plain "x: y" is a detail, not a definition
        plain = _DEF_PLAIN.match(masked.text)
        if not plain:
            return _is_definition(block)
        if "](" in plain.group("term"):
            return None
        term, definition = plain.group("term"), plain.group("def")
        if "[[" in definition and len(hygiene._WIKI_LINK.sub(" ", definition).split()) <= 1:
            return None  # "Quantum black box: Invoke [[Bloch sphere]]": a pointer to a page
        if _OPERATOR.search(term):
            return None  # "pV/T initial = PV/T final": a formula split at its "=", no term
        if len(term.split()) > 4 or term.strip()[:1].isdigit() or _VERB.search(term):
            return None
        if "," in term:
            return None  # "VNA, cavity response: low probe power …": an instrument's readings
        said = hygiene.clean(masked, definition)
        if _title_words(said):
            return None  # "Machine Learning: The High Interest Credit Card of …": a title
        if _YEAR.search(said) and _title_words(term):
            return None  # "Designing Data-Intensive Applications: The Big Ideas …, Book 2017"
        if _MEASURED.search(said):
            return None  # "Qubit: 3D transmon, $T_1 = 30 \mu s$": a setup's values
        if not _term_like(hygiene.clean(masked, term).strip(" :-")):
            return None  # "second optional another term: …", "uses a different constant: …"
    if "\n" in definition:
        head, _, tail = definition.partition("\n")
        if _NEXT_TERM.match(tail.lstrip()):
            definition = head  # "…rule system␣␣⏎Universal Grammar: certain things …": the next one
    term = hygiene.clean(masked, term).strip(" :-")
    said = shorten(hygiene.clean(masked, definition).lstrip(" :-–—="))  # (its colon: a lead-in)
    definition = _sentence(said.rstrip(" :-–—="))
    if not fold(term) or fold(term) in _VAGUE_TERMS or len(definition.split()) < 2:
        return None
    if fold(term).split()[0] in _VAGUE_TERMS and len(term.split()) <= 2:
        return None
    if _CITED.search(term):
        return None  # "Schnabel et al 2021 - Science Advances": a reference, its finding below
    if fold(term).split()[-1] in _WORKED:
        return None  # "Perfect Complements Example: $U=min(x_1,2x_2)$ …": a worked example
    if "$" in term and len(term) > 40:
        return None
    # "**Definition:** …", "**Conclusion:** …": a colon inside the bold is a run-in label's
    # typography; a single word there is a term only when English seldom writes it
    run_in = bool(marked and marked.groupdict().get("inner"))
    if is_label(term, emphasised=bool(marked) and not run_in, run_in=run_in):
        return None
    if _examples(definition):
        return None  # "antioxidants - Vitamin E, selegiline": examples, not what they are
    if not_a_definition(definition):
        return None
    if _formula_only(definition) and term.islower() and " " not in term:
        return None  # "triangle: $$|x+y| \le |x|+|y|$$": half of a name over a formula
    if _formula_only(definition) and not _RELATION.search(definition):
        return None  # "Ancillary qubit: $\cos …|0\rangle$": its value here, not what it is
    return term, _first_sentence_if_jotted(_TRAILING_EXAMPLE.sub("", definition))


# "… into production. (for example wages to pay worker …)": the note's example, not the
# definition; judges found such examples contradicting it
_TRAILING_EXAMPLE = re.compile(
    r"(?<!\s)\s*+\((?:for example|for instance|e\.\s?g\.?|eg\.?|ex\.|such as)\b[^()]*+\)\.?\s*+\Z",
    re.I,
)


def _first_sentence_if_jotted(definition: str) -> str:
    """ "Founding father of classical economics … stressed that wealth was @national income":
    the sentences after the first, when they are the note's jottings, are left out."""
    for found in _ANY_BREAK.finditer(definition):
        first, rest = definition[: found.start()], definition[found.end() :]
        if _ABBREVIATION_END.search(first) or first.count("(") > first.count(")"):
            continue  # "e.g. throwaway …", "(i.e. depth)": no sentence ends there
        jotted = _SHORTHAND.search(rest) or rest[:1].islower() or rest[:1] in "%@+~"
        return first if jotted else definition  # ("%also develop …": the author's aside)
    return definition


_ABBREVIATION_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|cf|vs|al|approx|fig|eq|resp)\.?|\b[A-Za-z])\.\Z", re.I
)
_ANY_BREAK = re.compile(r"(?<=[.!?])\s++")  # "… in 1776. stressed that …" too


TITLE_HEADING_WORDS = 9  # a heading this long is a paper's or a report's title, not a topic


def _under_title(block: Block) -> bool:
    """Under "### UCSB final report for the CSQ program: Review of decoherence …" (a reading
    log's entry, or its "#### Parameters"), "capacitor loss: avoiding lossy dielectrics" is what
    that paper found."""
    return any(_title_heading(h) for h in block.path[1:])  # the page's own title aside


def _title_heading(heading: str) -> bool:
    """Long, and no "/" or "(" a topic heading lists with ("sparse experts / ensembles /
    mixture of experts (MoE)")."""
    return len(heading.split()) >= TITLE_HEADING_WORDS and not any(c in heading for c in "/(")


_RELATION = re.compile(r"[=<>≤≥≈∼→]|\\(?:le|leq|ge|geq|approx|sim|to|equiv|propto|in)(?![A-Za-z])")


def _formula_only(definition: str) -> bool:
    return len(re.sub(r"\$\$?[^$]*+\$?\$", " ", definition).split()) < 2


# "e.g. by sliding window", "Apparently their full model (trained on VG?)", "Papers which I
# love", "RPN: Their localization … trained separately": an example, the author's doubt, the
# note talking about itself, or about the authors' setup — not what it is
_NOT_DEFINING = re.compile(
    r"^(?:e\.?g\b|i\.?e\b|eg\b|ex\b|for example|for instance|such as|see\b|cf\b|apparently|"
    r"probably|maybe|perhaps|not sure|i think|i guess|if you|"
    r"(?:their|its|our|they|it)\b(?! is\b)|"
    # "simpler version, sets mean to zero" (under layernorm): a version of something not named
    r"(?:an?\s++|the\s++)?(?:simpler|faster|cheaper|better|smaller|larger|newer|improved|"
    r"modified|another|other|same|similar|alternative)\s++(?:version|variant|form|one|way)\b|"
    r"(?:same as|similar to|like) (?:above|before|the above|the previous)\b|"
    # "Flanker task: as task difficulty increases, only faces distract": a finding, not a meaning
    r"as\s++[^,.;:]{3,80}+,|"
    # "Vigilance: With increasing group size, foragers become less vigilant": under its
    # circumstance, what happens; "Markups are the highest in …": a comparison
    r"(?:with|when|whenever|if|after|during|under|at)\s++[^,.;:]{3,60}+,|"
    r"the\s++(?:highest|lowest|largest|smallest|most|least|best|worst|greatest)\s++in\b|"
    # "Memory latency is the main performance bottleneck": its rank among causes, a claim
    r"the\s++(?:main|major|primary|principal|biggest|dominant|leading|most important)\s|"
    # "… is super tedious to do by hand": how it feels to the note-taker, not what it is
    r"(?:super|really|quite|pretty|too|so)\s++[a-z]++\b(?!-)|"
    # "LY: this may be discussed in the paper, but …": the note-taker's aside
    r"(?:this|these)\b|"
    # "*Wagner*: on memory for words - left parietal region": what a study was on, not a meaning
    r"(?:on|about|regarding)\s|"
    # "storage of new memories - A region within the Temporal Cortex": where, not what
    r"(?:an?\s++)?(?:[\w-]++\s++){0,2}?(?:region|regions|area|areas|lobe|lobes)\b|"
    # "deeper layers strong activity - but only when …": the sentence goes on, nothing defined
    r"(?:but|and|or|so|yet)\b|"
    # "Cortical depth: superficial vs deep": the levels of a factor, not what it is
    r"[\w-]++(?:\s++[\w-]++)?\s++vs\.?\s++[\w-]++(?:\s++[\w-]++)?\.?\Z)",
    re.I,
)


# the note's own operators: "==" for "leads to", "-=" for "less", "@" for "at/because of"
_SHORTHAND = re.compile(r"==|-=|\+\+(?=\w)|(?<!\w)@(?=\w)")
MAX_SHORTHAND = 2  # this many in one definition: a chain of jottings, not what the term is


_CITED = re.compile(r"\bet al\b|(?<![\w-])(?:19|20)\d\d(?![\w-])")


def not_a_definition(definition: str) -> bool:
    return bool(
        _NOT_DEFINING.match(definition)
        or ABOUT_THE_NOTE.search(definition)
        or "?" in definition
        or FIRST_PERSON.search(definition)
        or shorthand_chain(definition)
    )


AT_SHORTHAND = re.compile(r"(?<!\w)@(?=\w)")
_SHORTHAND_MARKS = ("==", "-=", "++", "@")  # what any match of the two patterns holds


def shorthand_chain(text: str) -> bool:
    """Jottings, not prose: two of the note's operators, or an "@" ("Involved @suckling": what
    it stands for is the author's)."""
    if not any(mark in text for mark in _SHORTHAND_MARKS):
        return False  # most text holds none: both scans skipped
    return len(_SHORTHAND.findall(text)) >= MAX_SHORTHAND or AT_SHORTHAND.search(text) is not None


def _title_words(text: str) -> bool:
    """Title Case throughout (every word of four letters or more capitalised): a title or a
    name, not a definition. A reader's remark in parentheses after it ("… a SQL System
    (recommended)", "… Analytics(also memsql)") is not part of the title."""
    text = _REMARK.sub(" ", text)
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) >= 4]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


_REMARK = re.compile(r"\([^()]{0,80}\)")


# "A covering map is a local homeomorphism …": a definition in a plain first sentence — the
# subject a short noun phrase, the predicate opening with an article
_DEF_IS = re.compile(
    r"^(?P<article>(?:A|An|The)\s)?(?P<term>[A-Za-z][\w'’-]*+(?:\s[A-Za-z][\w'’-]*+){0,6}?)"
    r"\s(?P<verb>is|are|refers to|denotes|means)\s(?P<def>(?:a|an|the|any|one|some)\s.+)$",
    re.S,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s++(?=[A-Z])")
MAX_PLAIN_TERM_WORDS = 4
# "ELROB is a european competition …": a name said to be one of a kind stands on its own,
# even as a child bullet
_NAMED_CLASS = re.compile(r"(?<![\w-])[A-Z][\w-]*+(?: [A-Z][\w-]*+){0,2} (?:is|are) an? ")


def _is_definition(block: Block) -> tuple[str, str] | None:
    text = block.text
    if (block.parent is not None and not _NAMED_CLASS.match(text)) or "$" in text[:60]:
        return None  # a child bullet continues its parent; a formula first is no noun phrase
    first = _SENTENCE_BREAK.split(text, maxsplit=1)[0].rstrip(" .")
    if first.endswith((":", ",", ";")):
        return None  # "… defined as:" goes on in a formula or a list
    found = _DEF_IS.match(first)
    if not found:
        return None
    term, definition = found.group("term"), found.group("def")
    words = term.split()
    if len(words) > MAX_PLAIN_TERM_WORDS and (
        " of " not in term or re.search(r" of (?:the|this|that|its|their|our)\b", term)
    ):
        return None  # five words or more name a thing only as "the X of Y" ("the addition of
        # two complex numbers"), not "the singular points of the integrand" (which one?)
    if _VERB.search(term) or _CLAUSE_START.match(term) or is_label(term):
        return None
    if fold(term) in _VAGUE_TERMS or fold(words[0]) in _VAGUE_TERMS:
        return None
    if any(w in _PRONOUNS or w == "I" for w in words):
        return None  # "I think this is …", "Now there are …": a clause, not a noun phrase
    if len(words) == 1 and salience.zipf(term.lower()) >= LABEL_ZIPF:
        return None  # "The result is a …": a common word, not a term
    if len(definition.split()) < 4 or not_a_definition(definition):
        return None
    article = (found.group("article") or "").strip()
    if article in ("A", "An") and term.islower():
        term = f"{'an' if term[:1] in 'aeiou' else 'a'} {term}"
    elif article == "The" and term.islower():
        term = f"the {term}"
    return term, _first_sentence_if_jotted(_sentence(shorten(definition)))


_PRONOUNS = {
    "it", "this", "that", "these", "those", "they", "he", "she", "we", "there", "here", "you",
    "It", "This", "That", "These", "Those", "They", "He", "She", "We", "There", "Here", "You",
}  # fmt: skip


def _examples(definition: str) -> bool:
    """A list of short names ("Vitamin E, selegiline (MOAi)", "ACL, EMNLP, NAACL")."""
    items = [i.strip() for i in re.split(r",|;", definition) if i.strip()]
    if len(items) < 2 or _VERB.search(definition):
        return False
    # "retrieval-augmented generation, a retriever": an apposition with an article defines
    appositive = any(re.match(r"(?:a|an|the)\s", i, re.I) for i in items)
    return not appositive and all(len(i.split()) <= 3 for i in items)


PLAIN_TERM_ZIPF = 4.3  # an unmarked "x: y" line names a term only if a word of x is this rare


def _term_like(term: str) -> bool:
    """An unmarked line's head reads as a term: an acronym, a name with digits or inner
    capitals, or at least one word uncommon in English. Everyday words before a colon are more
    often a clause or a label ("adding strong drive", "the most important question")."""
    if any(
        (w.isupper() and len(w) >= 2) or any(c.isdigit() for c in w) or w[1:] != w[1:].lower()
        for w in term.split()
    ):
        return True
    if " vs " in f" {term} " or " vs. " in f" {term} ":
        return True  # "local vs global": a comparison of two terms
    return salience.phrase_rarity(term) < PLAIN_TERM_ZIPF


# ── a glossary bullet: the term alone, what it is in its first child ──────────────────────

_BARE_TERM = re.compile(r"\A[A-Za-z][\w'’-]*+(?: [\w'’-]++){0,3}\Z")
_REPEATED_ITEMS: set[str] = set()  # item texts the note uses more than once: labels


def prepare(outline: Outline) -> None:
    """Which bullet texts recur in the note: "basics", "clinical", "rf" under every disease are
    the note's labels, not terms."""
    seen: set[str] = set()
    _REPEATED_ITEMS.clear()
    for block in outline.blocks:
        if block.kind == "item" and block.children:
            key = fold(block.text)
            (_REPEATED_ITEMS if key in seen else seen).add(key)


def glossary_term(block: Block) -> str | None:
    """The term a glossary bullet is, when it is nothing more: flat in its list (deeper, it is a
    label: "rx › by feature › parkinsonism"), no link, a noun phrase, not a label the note
    repeats ("basics", "clinical" under every disease)."""
    if block.kind != "item" or block.depth > 1 or block.links or _under_title(block):
        return None  # (under a paper's title heading, "Radiation and wiring loss" is a topic)
    term = block.text.strip().rstrip(":").strip()
    if not _BARE_TERM.match(term) or _VERB.search(term) or is_label(term):
        return None
    key = fold(term)
    words = key.split()
    if key in _REPEATED_ITEMS or key in _VAGUE_TERMS or words[0] in _VAGUE_TERMS | _LABELS:
        return None
    if words[-1] in _VAGUE_TERMS or words[-1] in _LINKING:
        return None  # "Qualitative results", "showed tensions between": a label or a clause
    return term


def _under_term(block: Block) -> tuple[str, str] | None:
    """``- Okun's law`` over ``+ relationship between unemployment and …``: a bullet that is a
    term and nothing more, defined by its first child — a leaf that reads as a definition."""
    parent = block.parent
    if block.kind != "item" or parent is None or block.children:
        return None
    if parent.children[0] is not block or page_paper(block):
        return None
    term = glossary_term(parent)
    if term is None:
        return None
    key = fold(term)
    text = block.text
    if text.rstrip().endswith((":", ",")) or _DEF_PLAIN.match(text) or "$" in text[:40]:
        return None  # goes on below, is a term of its own ("income velocity: …"), or a formula
    first = _SENTENCE_BREAK.split(text, maxsplit=1)[0]
    first = _first_sentence_if_jotted(_TRAILING_EXAMPLE.sub("", first))
    definition = _sentence(shorten(first))
    if len(definition.split()) < 3 or not _reads_as_definition(text, key):
        return None
    if not_a_definition(definition) or _examples(definition) or _title_words(definition):
        return None
    return term, definition


_LABELS = {"def", "defn", "definition", "definitions", "exercise", "exercises", "proof"}
_LINKING = {"between", "via", "about", "than", "and", "or", "of", "to", "for", "with", "by"}
# what a definition's first words are made of: a noun phrase and how it relates ("relationship
# between …", "transfer of thermal energy by …", "economic system in which …")
_RELATIONAL = re.compile(
    r"\A(?:\S++ ){1,5}?(?:of|between|for|by|from|that|which|wherein|where|whose|to|used|with|in|"
    r"on|into|made|needed)\b",
    re.I,
)
_NOT_A_HEAD = {
    "the", "a", "an", "this", "that", "these", "those", "they", "it", "we", "each", "every",
    "some", "our", "their", "its", "most", "many", "he", "she", "you", "i", "in", "on", "at",
}  # fmt: skip


def _reads_as_definition(text: str, term: str) -> bool:
    """A definition restates the term ("Economic rent is any payment …"), or is a noun phrase
    with no verb of its own that relates its head to something; "They use VGG-16", "Cameras
    are cheapest", "240ms on …" are facts about the term, not what it is."""
    folded = fold(text)
    for article in ("", "a ", "an ", "the "):
        if folded.startswith(f"{article}{term} ") and re.match(
            r"(?:is|are|means|refers to|denotes)\b", folded[len(article) + len(term) + 1 :]
        ):
            return True
    first = text.split()[0]
    fragment = first in ("the", "a", "an")  # "the profit a central bank makes …": lower case
    if (first.lower() in _NOT_A_HEAD and not fragment) or not first[:1].isalpha():
        return False  # "The Kraus operator describes …", "They use …": a sentence of its own
    if _CLAUSE_START.match(text):
        return False
    if first[:1].isupper() and first.endswith("ing"):
        return False  # "Adding temporal information … improves results": a claim
    if term in folded:
        return False  # "Correct road segmentation obviously important": about it, not what
    if folded.split()[0] == term.split()[0]:
        return False  # "heat of transformation" over "heat of fusion (solid / liquid)": a kind
    main = _RELATIVE.split(text.split(".")[0], maxsplit=1)[0]  # "… economies which are …"
    return not _VERB.search(main) and bool(_RELATIONAL.match(text))


_RELATIVE = re.compile(r"\b(?:that|which|who|whose|where|wherein|when)\b", re.I)
