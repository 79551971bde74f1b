"""Definition cards: a term and what the note says it is, or what it states about a label."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder import blanks, salience
from studydeck.builder.papers import (
    shorten,
)
from studydeck.builder.rules import giveaways
from studydeck.builder.rules.common import Candidate, _generic, _paper, _sentence, _title_q
from studydeck.builder.rules.context import (
    MAX_SUBJECT_WORDS,
    _label,
    _topic,
    heading,
    page_title,
    short_name,
    title_line,
    titled_like_a_paper,
)
from studydeck.builder.rules.labels import is_label
from studydeck.builder.rules.pages import _PAGE_SECTIONS, page_paper
from studydeck.builder.rules.terms import (
    _DEF_DOTTED,
    _DEFINING_START,
    _EXAMPLE_LABEL,
    _FORMAL,
    _RUN_IN_SKIP,
    _SENTENCE_BREAK,
    _VAGUE_TERMS,
    _definition,
)
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

_COMMON_SUFFIX = re.compile(r"(?:tion|sion|ness|ity|ism|ology|ence|ance|ment|ing|ropy)$")


def _term_q(term: str, definition: str = "") -> str:
    """A term as a question names it: the capital a heading or label gave a common noun phrase
    goes ("Convex set" → "a convex set"); names and acronyms keep theirs ("Adam", "GPT-3")."""
    words = term.split()
    first = words[0] if words else ""
    if len(words) == 1 and term.isalpha() and term.islower():
        if re.match(rf"^(?:A|An) {term}\b", definition) and _countable(term):  # "A kernel is …"
            return _with_article(term)
        return _with_article(term) if _surely_countable(term) else term  # "what is a decoder?"
    if f"the {term} " in definition:
        return f"the {term}"  # "… the Gram matrix is …"
    if term in definition:
        return term  # written so in the text itself ("the Gram matrix is …"): a name
    capitalised = first[:1].isupper() and first[1:].islower() and first.isalpha()
    rest_lower = all(w == w.lower() for w in words[1:])
    plain = all(w.isalpha() and w.islower() for w in words) and first not in ("a", "an", "the")
    if not (capitalised or plain) or not rest_lower:
        return term
    if len(words) == 1 and not _COMMON_SUFFIX.search(first):
        return term  # "Adam", "Gopher": most capitalised single words are names
    term = first.lower() + term[len(first) :]
    head = term.split(" of ")[0].split()[-1]  # "paradox" in "central paradox of cognition"
    if re.match(rf"(?:A|An) {re.escape(term)}\b", definition, re.I):
        return _with_article(term)  # "An equation of state links …": the note's own article
    if " of " in term and not head.endswith("s") and _surely_countable(head):
        # one thing named by what it belongs to: "the probability of death", "the central
        # paradox of cognition" (not "a probability of death" for "A function of …")
        return f"the {term}"
    if re.match(r"^(?:A|An)\s", definition) and not term.endswith("s") and _countable(words[-1]):
        return _with_article(term)
    if not plain or head.endswith("s") or not _surely_countable(head):
        return term
    # "what is padding mask?" is no English: a countable noun takes an article
    if definition.startswith("The "):
        return term  # "intrinsic rank: The hypothesis that …": one idea, not one of a kind
    return _with_article(term)


def _with_article(term: str) -> str:
    return f"{'an' if term[:1] in 'aeiou' else 'a'} {term}"


def _surely_countable(noun: str) -> bool:
    """Countable, and known to English ("decoder", "mask"); "self-attention" is as its last
    part is, and a word English does not write ("layernorm", "rnn") is left as the note has it."""
    noun = noun.lower().rsplit("-", 1)[-1]
    return noun.isalpha() and salience.zipf(noun) > 0 and _countable(noun, SURELY_COUNTABLE)


MASS_NOUN_MARGIN = 1.5  # "psychologies" is 2.2 rarer than "psychology"; "kernels", 0.4
SURELY_COUNTABLE = 1.0  # with no "A …" to go by: "pressures" (1.1 rarer) and "calibrations" fail


def _countable(noun: str, margin: float = MASS_NOUN_MARGIN) -> bool:
    """ "kernel", "insight problem" take "a"; "psychology", "reasoning" don't: English writes a
    countable noun's plural nearly as often as the noun."""
    noun = noun.lower()
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        plural = noun[:-1] + "ies"
    elif noun.endswith(("s", "x", "ch", "sh")):
        plural = noun + "es"
    else:
        plural = noun + "s"
    return salience.zipf(plural) >= salience.zipf(noun) - margin


MAX_LABELLED_SENTENCES = 4  # a fact under a run-in label is a sentence or three, not a passage


def labelled_fact(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``**Rate.** For convex $f$ … is $O(1/k)$.``: a run-in label over a fact that is no
    definition → what the note states about it, in its section."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return
    found = _DEF_DOTTED.match(block.masked.text)
    if not found or _DEFINING_START.match(found.group("def")) or _FORMAL.match(block.masked.text):
        return
    term = hygiene.clean(block.masked, found.group("term"))
    example = _EXAMPLE_LABEL.match(term)
    term = example.group(1) if example else term  # "Example (string kernels)": about the kernels
    if not fold(term) or len(term.split()) > 5 or fold(term) in _VAGUE_TERMS | _RUN_IN_SKIP:
        return
    said = hygiene.clean(block.masked, found.group("def"))
    if len(_SENTENCE_BREAK.findall(said)) >= MAX_LABELLED_SENTENCES:
        return  # "**Training protocol.** So here is how …" and on for a page: a passage, cut
    fact = _sentence(shorten(said))
    topic = _topic(block, outline) if block.parent is not None else None
    heading = next((h for h in reversed(block.path) if not _generic(h)), None)
    heading = re.sub(r"^\d+(?:\.\d+)*[.)]?\s+", "", heading) if heading else None
    where = topic or heading
    label = _term_q(term) if len(term.split()) > 1 else term.lower()
    question = f"What does the note state about {label}" + (f" in {where}?" if where else "?")
    yield Candidate("labelled-fact", question, fact, f"{term} {where or ''}", block)


def term_definition(block: Block, outline: Outline) -> Iterator[Candidate]:
    found = _definition(block)
    if not found:
        return
    term, definition = found
    slip = next((w for w in _WORD.findall(term) if blanks.misspelt_name(w)), None)
    if slip is not None:  # "seignoiorage": the card would teach the misspelling
        reason = f"the term looks misspelt ({slip!r})"
        yield Candidate("term-definition", term, definition, term, block, reason=reason)
        return
    if _circular(term, definition):
        return  # "Classification: Classify each RoI": the term again, as a verb, and little more
    if _everyday_expansion(term, definition):
        reason = "an everyday abbreviation spelt out, nothing more (GT: ground truth)"
        yield Candidate("term-definition", term, definition, term, block, reason=reason)
        return
    # the paper above: a parent bullet's, else the page's (a bullet under "Architectures" on
    # a paper's page is still about that paper)
    parent = (_paper(block.parent) if block.parent is not None else None) or page_paper(block)
    if parent is not None and fold(term) in _PAGE_SECTIONS:
        return  # "**TL;DR**: …" under a paper: labelled_detail asks about the paper
    own = _paper(block)
    if own is not None and fold(own.full_title or own.title) in fold(definition):
        return  # "**FiD**: “Title”, EACL, 2021": a listing, the paper rules read it
    where = parent.nickname or parent.title if parent else None
    if where is None and block.parent is not None:
        outer = _definition(block.parent)  # "decoder - …" nested under "**self-attention** - …"
        where = outer[0] if outer and not outer[0].lower().startswith("the ") else None
        # "filler - …" under "TPR built as tensor product of 2 vectors:": the parts of TPR
        where = where or blanks.opening_technical(block.parent.text)
        # "Complexity: maximizing informativeness." under "- Cognitive economy": its bullet
        # names what the term is part of, as the page title cannot
        where = where or _named_parent(block.parent, term, definition)
    if where is None and (_SYMBOL.fullmatch(term) or len(term.split()) <= 2):
        # a short term ("Discriminator", "FCLN", "load balancing") means what it means on this
        # page: the card names the section (or page) it was defined in
        where = _where(block, term, outline)
    if where is None and _SYMBOL.fullmatch(term):
        return  # "What is T1?": a symbol means something only in its section
    stated = _STATEMENT.match(term)
    if stated:  # "Fundamental Theorem of Arithmetic", "the Cauchy–Schwarz inequality lemma"
        owned = re.search(r"['’]s\b", term)  # "Okun's law", not "the Okun's law"
        named = term if stated.group(1) or owned else f"the {term}"
        question = f"What does {named} state?"
    else:
        head = term.split(" of ")[0].split()  # "the cross-entropy of two distributions"
        last = head[-1] if head else ""
        # "Paxos", "Gromacs": a name; "Phonemes" opening its bullet is an English plural
        named = len(head) == 1 and last[:1].isupper() and salience.zipf(last.lower()) < NAME_ZIPF
        plural = not last.isupper() and not named and blanks.plural(last)
        asked = f"what are {term}" if plural else f"what is {_term_q(term, definition)}"
        compared = _VERSUS.fullmatch(term)
        if compared:  # "Local vs global: …" compares two things
            asked = f"what distinguishes {compared.group(1)} from {compared.group(2)}"
            # local and global what? The nearest label above that names a subject ("Stereo"
            # over "Taxonomies"), else the section
            where = where or _label_above(block) or _where(block, term, outline)
        elif (
            term.isalpha()
            and term.islower()
            and len(term) >= 5
            and term.endswith(_ADJECTIVE_ENDINGS)
        ):
            asked = f"what does “{term}” mean"  # "bounded": a property, not a thing
        elif _names_a_choice(term, definition):
            # "Connectivity: ICE NAT traversal" is what the subject uses for it, not what it is
            asked = f"what is used for {term[:1].lower()}{term[1:]}"
        # only a paper reports results: the paper above, the page's paper, or a page titled
        # like one ("Wayformer: Motion Forecasting via …"); "Alzheimer's disease" reports none
        title = page_title(outline)
        paper_page = parent is not None or titled_like_a_paper(title)  # parent: the page paper
        subject = short_name(parent.nickname or parent.title if parent else title)
        opening = " ".join(definition.split()[:4])
        if paper_page and _RESULT.search(opening) and not _RESULT.search(term) and subject:
            # "latent query attention: No performance loss with x16 compression": a finding
            # about the method, not what it is
            method = term[:1].lower() + term[1:] if term[1:].islower() else term
            where, asked = None, f"what result does {_title_q(subject)} report for {method}"
        if where is None and not page_title(outline):
            # a page that names its paper on a **Title** line or by its reference: its terms are
            # that paper's ("Adversarial Loss" of Fixed-Point GAN, not of GANs at large)
            where = short_name(title_line(outline)) or None
        if where and len(where.split()) > 5:
            where = short_name(where)  # "Professor Forcing: A New Algorithm for …"
        # "What is SME?", "What is pulse calibration?" mean little outside their page: a
        # title of up to MAX_SUBJECT_WORDS still names it
        if where and len(where.split()) <= MAX_SUBJECT_WORDS:
            named = _title_q(where) if parent else where
            question = f"In {named}, {asked}?"
        else:
            question = f"{asked[:1].upper()}{asked[1:]}?"
    yield Candidate("term-definition", question, definition, term, block, block.paper_url)


_WORD = re.compile(r"[A-Za-z]++")

# a statement's name: "the … theorem", "Fundamental Theorem of Arithmetic", "Okun's law"
_STATEMENT = re.compile(
    r"\A(the )?(?:[\w'’-]++ ){0,4}?(?:theorem|lemma|corollary|axiom|law)(?: of [\w'’ -]++)?\Z",
    re.I,
)

CIRCULAR_REST_WORDS = 3


def _circular(term: str, definition: str) -> bool:
    """The definition opens on the term's own stem and adds at most a few words, or says
    nothing but a part of the term ("Max-TDNN model = based on TDNN")."""
    words = definition.split()
    if not words or len(words) > 1 + CIRCULAR_REST_WORDS:
        return False
    if giveaways.kin_in(words[0].strip(".,;:").lower(), term):
        return True
    named = {w.lower() for w in _TERM_PART.findall(term)}
    told = {w.lower() for w in _TERM_PART.findall(definition)} - _LINKING_WORDS
    return bool(told) and told <= named


_TERM_PART = re.compile(r"[A-Za-z0-9]++")
# the words that tie a short definition to the term it repeats: "based on", "a kind of", "like"
_LINKING_WORDS = frozenset(
    {"based", "on", "a", "an", "the", "of", "like", "kind", "type", "form", "version", "variant"}
)


EXPANSION_REST_WORDS = 5
EVERYDAY_ZIPF = 4.0  # "ground", "truth", "pressure"; not "stochastic" (3.1), "equations" (3.8)
EVERYDAY_ACRONYM_ZIPF = 2.5  # "GDP" (4.0), "STP" (2.8) are written everywhere; "POVM" (0) is not


def _everyday_expansion(term: str, definition: str) -> bool:
    """ "STP: Standard temperature and pressure", "GT: Ground truth boxes": the acronym's words
    are everyday English and little follows them — blind judges found nothing to learn there
    ("SME: Stochastic master equations", "POVM: Positive operator-valued measures" are terms
    of their field, and stay)."""
    if not term.isalpha() or not term.isupper() or not 2 <= len(term) <= 5:
        return False
    if salience.zipf(term.lower()) < EVERYDAY_ACRONYM_ZIPF:
        return False
    words = [w for w in _WORD.findall(definition) if not salience.function_word(w.lower())]
    spelt = words[: len(term)]
    if "".join(w[0] for w in spelt).upper() != term:
        return False
    rest = len(definition.split()) - len(term)
    everyday = all(salience.zipf(w.lower()) >= EVERYDAY_ZIPF for w in spelt)
    return everyday and rest <= EXPANSION_REST_WORDS


NAME_ZIPF = 1.5  # a capitalised word English writes less often than this is a name
_OPENING_ACRONYM = re.compile(r"\A[A-Z]{2,}+\b(?![+-])")  # "ICE NAT …", "CNN pretrained …"


def _names_a_choice(term: str, definition: str) -> bool:
    """ "Connectivity: ICE NAT traversal techniques", "Initialization: CNN pretrained on
    ImageNet": a common noun (a task, a role) answered by an acronym names the thing the note's
    subject uses for it (judged DEFECT asked as "what is connectivity?")."""
    words = term.split()
    return (
        bool(_OPENING_ACRONYM.match(definition))
        and all(w.isalpha() for w in words)
        and all(w[1:].islower() for w in words)
        and not any(salience.zipf(w.lower()) < NAME_ZIPF for w in words)
    )


# the words of a finding: a comparison, a gain or loss, a multiple or a percentage
_RESULT = re.compile(
    r"\b(?:better|worse|outperform\w*|improv\w*|gain\w*|loss|drop\w*|faster|slower|than|"
    r"beats?|matches|state of the art|sota|accuracy|perplexity|nll|bleu|bpc)\b|\d\s*+%|\bx\d|"
    r"\d+x\b|\b(?:reduc\w*|(?:second[- ])?best|lower|higher)\b[^.\d]{0,30}+\d",
    re.I,
)
_ADJECTIVE_ENDINGS = ("ed", "ble", "ive", "ous")  # "bounded", "measurable", "continuous"
_VERSUS = re.compile(r"\A(.{2,40}?)\s++vs\.?\s++(.{2,40})\Z")
_SYMBOL = re.compile(r"[A-Za-z]{1,2}\d{0,2}|\$[^$]{1,12}\$")


# headings that file a term (a glossary, a paper page's standard sections), not its subject
def _stem(word: str) -> str:
    return word.removesuffix("es") if word.endswith("ses") else word.removesuffix("s")


_FILING_HEADINGS = {
    "definitions", "definition", "terms", "terminology", "glossary", "vocabulary", "key terms",
    "concepts", "key concepts", "notation", "abbreviations", "acronyms", "key points",
    "conclusion", "conclusions", "discussion", "evaluation", "experiments", "results",
    "implementation", "architecture", "model", "training", "setup", "experimental setup",
    "theorems", "theorem", "lemmas", "propositions", "examples", "properties", "facts",
    "parameters", "symbols", "taxonomy", "taxonomies", "types", "kinds", "categories",
}  # fmt: skip
_HEADING_PARTS = re.compile(r"[/,&+]|\band\b")


def _filing(heading: str) -> bool:
    """ "Acronyms/ abbreviations", "Parameters, acronyms and concepts": every part files terms."""
    parts = [fold(p) for p in _HEADING_PARTS.split(heading.lower()) if fold(p)]
    return bool(parts) and all(p in _FILING_HEADINGS or p in _PAGE_SECTIONS for p in parts)


LABEL_ABOVE_WORDS = 4


def _label_above(block: Block) -> str | None:
    """The nearest ancestor bullet that is a short label and no filing word."""
    node = block.parent
    while node is not None:
        label = _label(node.text)
        if 1 <= len(label.split()) <= LABEL_ABOVE_WORDS and not _filing(label):
            return label if not _generic(label) else None
        node = node.parent
    return None


def _where(block: Block, term: str, outline: Outline) -> str | None:
    """The section (else the page) a term is defined in, as a question names it; None when that
    is the term itself ("In Prototype, what is a prototype?")."""
    where = heading(block)
    page = page_title(outline)
    paper = "" if page else short_name(title_line(outline))
    page = page or paper
    filing = _filing(where or "")
    if where is None or filing or "notes" in fold(where).split():
        where = page  # "In Definitions, …" names the filing, not the subject: the page does
    elif not _fair_where(where, term) and page and not _generic(short_name(page)):
        where = page  # "pulse calibration" under "Calibration experiments": the page names it
    if where and where == paper and fold(term) not in fold(paper):
        return where  # a paper's title may share a word with its own losses ("adversarial")
    return where if where and _fair_where(where, term) else None


def _fair_where(where: str, term: str) -> bool:
    """Whether "In <where>, what is <term>?" says something the term does not."""
    if fold(term) in fold(where) or fold(where) in fold(term):
        return False
    stems = {_stem(w) for w in fold(where).split() if len(w) >= 3 and not salience.function_word(w)}
    if any(_stem(w) in stems for w in fold(term).split()):
        return False  # "In Divergences, what is KL divergence?": the section repeats the term
    # "In Parameters, …": a label, it says nothing
    return len(where.split()) > 1 or salience.zipf(where.lower()) < salience.COMMON_ZIPF


NAMING_PARENT_WORDS = 5


def _named_parent(parent: Block, term: str, definition: str) -> str | None:
    """A parent bullet that is a short name ("Cognitive economy", "Schooler's levels of
    consciousness"), not a sentence, a label or a definition of its own ("C - consumption")."""
    text = parent.text.strip().rstrip(":").strip()
    if not 2 <= len(text.split()) <= NAMING_PARENT_WORDS or _SENTENCE_MARK.search(text):
        return None  # one word ("etiology", "presentation", "Taxonomies") is a facet's label
    if is_label(text) or not text[:1].isalpha() or fold(text) in fold(definition):
        return None  # "In Road Segmentation, …" → "A subfield of Road Segmentation": given away
    # "Schooler's level of consciousness" over "Conscious: …": a set named after what its
    # members share still tells them apart from the word's other senses; only the term
    # itself ("In Prototype, what is a prototype?") says nothing
    if f" {fold(term)} " in f" {fold(text)} ":
        return None  # "Imagery: …" under "Auditory imagery": a facet's label, not a member
    said = fold(term).split()
    adds = [w for w in fold(text).split() if len(w) >= 3 and not salience.function_word(w)]
    return text if any(not any(_near(w, t) for t in said) for w in adds) else None


def _near(a: str, b: str) -> bool:
    """ "memories" / "memory", "understanding" / "understandig": one word, inflected or slipped."""
    return giveaways.shared_start(a, b) >= max(3, min(len(a), len(b)) - 2)


_SENTENCE_MARK = re.compile(r"[.!?;:,()\[\]=$]|\s[-–—]\s")
