"""What a paper says: its key idea, its one-line takeaway, a finding cited by authors."""

from __future__ import annotations

import re
from collections.abc import Iterator

from studydeck.builder.papers import Paper
from studydeck.builder.rules import giveaways
from studydeck.builder.rules.common import (
    _THIS_PAPER,
    FIRST_PERSON,
    TEMPLATES,
    Candidate,
    _name,
    _paper,
    _sentence,
    _without_title,
    description_proper,
)
from studydeck.builder.rules.terms import _SENTENCE_BREAK, _definition
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# ── 1. paper summary ───────────────────────────────────────────────────────────


_PREDICATE = re.compile(r"(?:have|has|had|were|was) (?:been|also|long|not)\b", re.I)


# a short lead-in with no verb to finish it ("Given new task with new instruction")
_FRAGMENT = re.compile(
    r"(?:given|with|for|when|if|after|before|by|in case of)\s++(?:\S++\s++){0,5}+\S++\s*+\Z",
    re.I,
)


_PLACE_IN_SERIES = re.compile(
    r"\A(?:the\s)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|last|final|latest)\s(?:of|in)\s"
    r"|\A(?:an?\s|the\s)?(?:extended|journal|longer|full|short|shorter|conference|earlier|"
    r"later|updated|preprint|arxiv|workshop)\s(?:version|edition)\s(?:of|to)\b",
    re.I,
)


def paper_summary(block: Block, outline: Outline) -> Iterator[Candidate]:
    paper = _paper(block)
    if paper and paper.summary and not paper.numbered:
        label = _name(paper) + (f" ({paper.attribution})" if paper.attribution else "")
        question = TEMPLATES["paper-summary"].format(label)
        if _named_in_passing(block.masked.text, paper):
            reason = "a paper named in passing (“outperforms [X], which …”), not an entry"
            yield Candidate("paper-summary", question, "", paper.title, block, reason=reason)
            return
        summary = description_proper(paper.summary)
        if _TWO_LINKS.match(block.masked.text):
            reason = "two works linked side by side: the second is no summary of the first"
            yield Candidate("paper-summary", question, "", paper.title, block, reason=reason)
            return
        if summary is not None and _FRAGMENT.match(summary):
            # "-- Given new task with new instruction": the start of a thought, no key idea
            reason = "the summary is a fragment ('Given new task with …')"
            yield Candidate("paper-summary", question, "", paper.title, block, reason=reason)
            return
        if summary is not None and _PREDICATE.match(summary):
            # "Sparsely-gated MoE layer ([Shazeer …](…)) have been studied with …": the paper
            # is the subject of a sentence about the field, and the rest no key idea of it
            reason = "the paper is a sentence's subject ('… have been studied with …')"
            yield Candidate("paper-summary", question, "", paper.title, block, reason=reason)
            return
        if summary is not None and _PLACE_IN_SERIES.match(summary):
            # "2nd of the two Algorand papers", "Journal version of …": where it stands among
            # papers, nothing it says
            reason = "the summary places the paper among others ('2nd of the two …')"
            yield Candidate("paper-summary", question, "", paper.title, block, reason=reason)
            return
        if summary is not None and giveaways.restates(summary, paper.title):
            reason = "the summary says again what the title says"
            yield Candidate("paper-summary", question, "", paper.title, block, reason=reason)
            return
        if summary is None:
            reason = "the summary talks to the reader, not about the paper"
            yield Candidate("paper-summary", question, "", paper.title, block, reason=reason)
            return
        answer = _without_title(_sentence(summary), paper.title, paper.nickname)
        yield Candidate("paper-summary", question, answer, paper.title, block, paper.url)


def described_below(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``* Disk Paxos, DISC 2000 [pdf]`` over ``* This paper describes how to replace acceptors
    in Paxos with disks``: an entry with no description of its own is described by its first
    child bullet (a reading list's habit) → its key idea, read from that child."""
    paper = described_entry(block)
    if paper is None:
        return
    first = _first_sentence(block)
    first = _THIS_PAPER.sub(paper.nickname or paper.title, first, count=1)  # "This paper …"
    answer = _without_title(_sentence(first), paper.title, paper.nickname)
    label = _name(paper) + (f" ({paper.attribution})" if paper.attribution else "")
    question = TEMPLATES["paper-summary"].format(label)
    yield Candidate("paper-summary", question, answer, paper.title, block, paper.url)


def described_entry(block: Block) -> Paper | None:
    """The paper entry ``block`` describes as its first child, if it does (see above)."""
    parent = block.parent
    if block.kind != "item" or parent is None:
        return None
    paper = _paper(parent)
    if paper is None or paper.summary or paper.numbered or block.is_paper_item or _paper(block):
        return None
    # "- usually need warmup …" then "- RAdam = add a term to rectify …": the child that names
    # the paper says what it is; the first child, else, describes it
    naming = next((k for k in parent.children if _naming(k.text, paper)), None)
    if block is not (naming or parent.children[0]):
        return None
    if block.number is not None and len(parent.children) > 1:
        return None  # "1. Smoothness-inducing regularization" of two: one idea, not the idea
    if block.links or block.children or _NOT_A_DESCRIPTION.match(block.text):
        return None  # "Featured in [the morning paper](…)", "first, finetune on …": no key idea
    if block is not naming and _LABELLED.match(block.masked.text):
        return None  # "Model: WTP for health risk.", "Abstract: A large literature …": one part
    if _PLACE_IN_SERIES.match(block.text):
        return None  # "2nd of the two Algorand papers": where it stands, not what it says
    if giveaways.restates(block.text, paper.title):
        return None  # the title again, in other order
    if _ALIAS.match(block.text) or _definition(block):
        return None  # "AKA the RAFT paper"; "**cloze questions** - …": a term of its own
    first = _first_sentence(block)
    if not MIN_DESCRIPTION_WORDS <= len(first.split()) <= MAX_DESCRIPTION_WORDS or "?" in first:
        return None
    if FIRST_PERSON.search(first) or description_proper(first) is None:
        return None
    return paper


def _naming(text: str, paper: Paper) -> bool:
    """ "RAdam = add a term …", "RAdam: …": the paper's short name, then what it is."""
    return any(
        name
        and len(name.split()) <= 3
        and text[: len(name)].lower() == name.lower()
        and _NAMING_SEPARATOR.match(text, len(name))
        for name in (paper.nickname, paper.title)
    )


# "Model: …", "TLDR: …", "**TLDR** …" (the bold alone marks the label)
_LABELLED = re.compile(
    r"\A(?:(?:\*\*|__)[A-Z][A-Za-z;]++(?: [a-z]++)?:?(?:\*\*|__):?"
    r"|[A-Z][A-Za-z;]++(?: [a-z]++)?:)\s"
)
_NAMING_SEPARATOR = re.compile(r"(?<!\s)\s*+(?:=|:|[-–—]\s|(?:is|are)\s)\s*+")


def _first_sentence(block: Block) -> str:
    return _SENTENCE_BREAK.split(block.text, maxsplit=1)[0].strip()


MIN_DESCRIPTION_WORDS, MAX_DESCRIPTION_WORDS = 4, 45
_ALIAS = re.compile(r"(?:AKA|a\.k\.a\.?|also known as|as known as|known as)\b", re.I)
# where to read on, metadata, or one step of the method
_NOT_A_DESCRIPTION = re.compile(
    r"(?:Featured in|Related|See|Also see|Slides|Video|Talk|Blog|Code|Implementation|"
    r"Follow[- ]up|Authors?|Tags|Link|PDF|Paper|First|Then|Next|Finally|Step)\b",
    re.I,
)


# "[Biologists, meet physicists](…) [Physicists, meet biologists](…), Nature articles"
_TWO_LINKS = re.compile(r"\A\s*+\[[^\[\]\n]*+\]\([^()\s]*+\)\s*+,?\s*+\[[^\[\]\n]*+\]\(")


def _named_in_passing(text: str, paper) -> bool:
    """ "outperforms [Flamingo](url) (2022), which uses …": lowercase words before the paper's
    link that are not its name ("selection inference ([Creswell et al.](url)) - …" names it)."""
    lead = text.split("[", 1)[0].strip()
    if not lead or not (lead[:1].islower() or _SENTENCE_LEAD.search(lead)):
        return False  # ("This paper describes EPaxos, which realizes [Generalized Paxos](…)")
    return not any(name and fold(name) in fold(lead) for name in (paper.title, paper.nickname))


# a sentence that reaches the link: "… describes EPaxos, which realizes [X](…)"
_SENTENCE_LEAD = re.compile(r"\b(?:which|that|who)\s++\w++\s*+\Z")  # not "Lewis and Perez [X]"


# ── 2b. cited finding ──────────────────────────────────────────────────────────

_FINDING_VERBS = {
    "show": "show", "shows": "show", "showed": "show", "find": "find", "finds": "find",
    "found": "find", "propose": "propose", "proposes": "propose", "proposed": "propose",
    "introduce": "introduce", "introduces": "introduce", "introduced": "introduce",
    "argue": "argue", "argues": "argue", "argued": "argue", "demonstrate": "demonstrate",
    "demonstrates": "demonstrate", "demonstrated": "demonstrate", "prove": "prove",
    "proves": "prove", "proved": "prove", "report": "report", "reports": "report",
    "reported": "report", "observe": "observe", "observes": "observe", "observed": "observe",
    "suggest": "suggest", "suggests": "suggest", "suggested": "suggest",
}  # fmt: skip
_CITED = re.compile(
    r"^\s*(?P<names>[A-Z][\w'’-]+(?: (?:and|&) [A-Z][\w'’-]+|,? et al\.?))\s*"
    r"[\[(]?(?P<year>(?:19|20)\d{2})[a-z]?[\])]?,?\s+(?P<verb>[a-z]+)\s+(?:that\s+)?(?P<claim>\S.*)$",
    re.S,
)


def cited_finding(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``Lewis et al. [2020] show that …`` (related-work prose): what those authors showed."""
    if block.kind not in ("item", "paragraph") or len(block.masked.text) > 1500:
        return
    found = _CITED.match(block.masked.text)
    if not found or found.group("verb") not in _FINDING_VERBS:
        return
    names = re.sub(r",? et al\.?$", " et al.", found.group("names"))
    verb = _FINDING_VERBS[found.group("verb")]
    claim = re.split(r"(?<=[.!?])\s+(?=[A-Z])", found.group("claim"), maxsplit=1)[0]
    answer = _sentence(hygiene.clean(block.masked, claim).rstrip(" ."))
    question = f"What did {names} ({found.group('year')}) {verb}?"
    anchor = f"{names} {found.group('year')} {verb}"
    yield Candidate("cited-finding", question, answer, anchor, block, block.paper_url)


# ── 4. numbered takeaway ───────────────────────────────────────────────────────


TITLE_WORDS_SHARED = 2
_CONTENT_WORD = re.compile(r"[A-Za-z]{5,}+")


def _title_words_in(summary: str, title: str, nickname: str | None) -> bool:
    """Two or more of the title's longer words said again in the takeaway — of an acronym's
    name, words it is made of ("latent", "consistency" for LCM; not "reward model" for DPO)."""
    said = {fold(w) for w in _SAID_WORD.findall(summary)}
    # "eval" says "Evaluation", "model" says "Models": a word or its stem
    shared = {t for t in {fold(w) for w in _CONTENT_WORD.findall(title)} if _said(t, said)}
    if nickname and nickname.isupper():
        shared = {w for w in shared if w[:1].upper() in nickname}
    return len(shared) >= TITLE_WORDS_SHARED


_SAID_WORD = re.compile(r"[A-Za-z]{4,}+")


def _said(title_word: str, said: set[str]) -> bool:
    return title_word in said or any(
        title_word.startswith(w) or w.startswith(title_word) for w in said
    )


def numbered_takeaway(block: Block, outline: Outline) -> Iterator[Candidate]:
    """``7. **[Title](url):** takeaway\\* (\\*caveat)``: the takeaway, with its caveat — blind
    judges found a footnoted takeaway misleading without it, and the caveat alone trivia."""
    paper = _paper(block)
    if not paper or not paper.numbered or not paper.summary:
        return
    title = _name(paper)
    answer = paper.summary
    if paper.footnote and not paper.footnote[1].rstrip("!").endswith("?"):
        answer = f"{paper.summary.rstrip('.')} ({paper.footnote[1].rstrip('.')})"
    yield Candidate(
        "numbered-takeaway",
        TEMPLATES["numbered-takeaway"].format(title),
        answer,
        paper.title,
        block,
        paper.url,
    )
    if _title_words_in(paper.summary, paper.full_title or paper.title, paper.nickname):
        # "Consistency modeling in latent space is all you need" → LCM; Latent Consistency
        # Models: the takeaway spells out the name it asks for
        reason = "the takeaway spells out the paper's name"
        question = f"Which paper's one-line takeaway is “{paper.summary.rstrip('.')}”?"
        yield Candidate("takeaway-reverse", question, "", paper.title, block, reason=reason)
    elif len(paper.summary.split()) <= 20:
        yield Candidate(
            "takeaway-reverse",
            f"Which paper's one-line takeaway is “{paper.summary.rstrip('.')}”?",
            paper.nickname or paper.title,
            paper.title,
            block,
            paper.url,
        )
