"""Evaluate the builder on real notes (issue 11): per-note numbers and a blind sample of cards.

    scripts/eval-notes DIR... [--sample N] [--seed S] [--out FILE] [--with metadata]
                      [--manifest TSV] [--json FILE]

Builds every ``*.md`` under the given folders (or the given files) in memory with the project's
builder (nothing is written to a deck folder) and prints, per note: size, cards, cards per kind,
rejections by reason and *coverage* — the share of the note's fact-bearing blocks (see
:func:`is_fact_bearing`) that are the source (``card.source_line``) of at least one card. Then
totals per genre (genre read from the corpus manifest, ``scripts/corpus.tsv``, when the file is
listed there) and per kind.

With ``--out FILE`` it writes a seeded random sample of ``--sample`` cards (default 120) for blind
judging — stratified: every note with cards gives at least one card, the rest go in proportion to
each note's card count — as markdown (or JSONL when FILE ends in ``.jsonl``), and beside it
``<FILE stem>.key.tsv`` mapping each sample number to its note, genre, field and kind. The sample
shows each card's question, answer, kind, note:line, heading path and the note's source lines
around it, and nothing else about how it was made. Same notes + same seed → same files.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from studydeck.builder.build import build_from_text, read_note  # noqa: E402
from studydeck.builder.folder import NOTE_SUFFIXES  # noqa: E402
from studydeck.deck import Card  # noqa: E402
from studydeck.errors import StudydeckError  # noqa: E402
from studydeck.notes import Block, hygiene, parse_outline  # noqa: E402
from studydeck.text import strip_controls  # noqa: E402

MANIFEST = REPO / "scripts" / "corpus.tsv"
DEFAULT_SAMPLE = 120
FACT_KINDS = ("item", "row", "paragraph")
MIN_WORDS = 4  # a fact-bearing block says at least this much
MIN_WORDS_OUTSIDE_LINKS = 3  # …and, when it links, this much besides the link texts
TOC_HEADINGS = {"contents", "table of contents", "toc", "index", "catalogue", "outline"}
# Table columns that hold what a paper *is* (title, venue, date, people, links), not what it says.
META_HEADER = re.compile(
    r"^(?:#|no\.?|year|date|month|time|venue|conference|conf\.?|journal|publication|published|"
    r"pub\.?|authors?|author\(s\)|institutes?|institutions?|affiliations?|org(?:anization)?|"
    r"title|paper|papers|name|model|method|links?|code|pdf|url|project|github|stars?|"
    r"citations?|tags?|status|read|keywords?|topic|category|type|arxiv|doi|slides|video)$",
    re.I,
)
_PROPERTY = re.compile(r"(?<![\w:])[\w-]+::[ \t]*\S*")  # Logseq/Dataview "hl-page:: 359"
MAX_SOURCE_LINES = 12  # of a block shown with a sampled card
LIST_KINDS = ("short-list",)  # cards whose answer lists the children of their source block
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_WIKI = re.compile(r"\[\[[^\[\]]*\]\]")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_AFTER_TITLE = re.compile(r"\s(?:-|--|—)\s|[.!?]\s+(?=[A-Z])")  # not ":" nor "–": titles hold them
_PAREN = re.compile(r"\(([^()]*)\)")
_VENUE_YEAR = re.compile(r"\b(?:[A-Z][A-Za-z]*[ ']{0,2})?(?:19|20)?\d\d\b")  # CVPR 2019, ICLR'20


# ── fact-bearing blocks ────────────────────────────────────────────────────────────────────


def words(text: str) -> int:
    return len(_WORD.findall(text))


def is_fact_bearing(block: Block) -> bool:
    """Whether ``block`` states something a card could ask about: the denominator of coverage.

    A fact-bearing block is a list item, table row or paragraph (not a heading, display math or
    anything else) whose clean text has at least ``MIN_WORDS`` words, not counting Logseq or
    Dataview properties (``hl-page:: 359``), and which is not
    - a table-of-contents line: it sits under a "Contents"/"TOC" heading, or it is only links
      (``- [Method](#method)``, caught by the next rule);
    - a bare link or title-only line: once link texts, images, wiki links and URLs are taken
      out, fewer than ``MIN_WORDS_OUTSIDE_LINKS`` words are left (``[Title](url), CVPR 2020``);
      or it links a paper (the outline's ``is_paper_item``), no link text is long enough to be
      the title, and nothing follows the plain-text title after a separator (`` - ``, a new
      sentence) nor is said in parentheses: ``Plain Title: Sub [[arXiv](url)] (Smith)``; in
      both cases venue-year tags (``CVPR 2019``) and short parentheses are not description;
    - a title-only table row: every cell is empty, a bare link, or under a column that holds
      what a paper *is* rather than what it says (year, venue, title, authors, code, …), unless
      the remaining cells have at least ``MIN_WORDS`` words.
    The rule reads only the outline (kind, text, path, links, header), never the builder.
    """
    if block.kind not in FACT_KINDS:
        return False
    text = _PROPERTY.sub(" ", block.text)
    if words(text) < MIN_WORDS:
        return False
    if any(hygiene.clean_fragment(h).casefold().strip(" :") in TOC_HEADINGS for h in block.path):
        return False
    raw = block.masked.text
    if block.kind == "row":
        return _row_has_content(block)
    if hygiene.LINK.search(raw) or _WIKI.search(raw) or _URL.search(raw):
        # "- [Method](#method)" (a TOC line) and "- [Title](url), CVPR 2020" both end here
        rest = _outside_links(block, raw)
        if words(rest) < MIN_WORDS_OUTSIDE_LINKS:
            return False
        if block.is_paper_item:
            rest = _without_metadata(rest)
            if _title_in_link(raw):  # "[Title](url) CVPR 2019 (Smith)" says nothing more
                return words(rest) >= MIN_WORDS_OUTSIDE_LINKS
            return _described(rest)  # "- Plain Title [[arXiv](url)]" neither
    return True


def _without_metadata(text: str) -> str:
    """Venue-and-year tags, bare years and short parentheses ("(Smith)", "(nuscenes)") out."""
    text = _PAREN.sub(lambda m: m.group(0) if words(m.group(1)) >= MIN_WORDS else " ", text)
    return _VENUE_YEAR.sub(" ", text)


def _title_in_link(raw: str) -> bool:
    """Whether some link's text is long enough to be the paper's title (then the text outside
    the links says something about it), rather than a label such as "arXiv" or "code"."""
    return any(words(text) >= MIN_WORDS_OUTSIDE_LINKS for text, _ in hygiene.LINK.findall(raw))


def _described(rest: str) -> bool:
    """A paper item whose title is plain text: something follows the title after a separator
    ("Title - what it does", a second sentence) or a parenthesis says something ("(uses X to
    do Y)", not "(Smith)")."""
    parts = _AFTER_TITLE.split(rest, maxsplit=1)
    if len(parts) == 2 and words(parts[1]) >= MIN_WORDS_OUTSIDE_LINKS:
        return True
    return any(words(p) >= MIN_WORDS for p in _PAREN.findall(rest))  # "(uses X to do Y)"


def _outside_links(block: Block, raw: str) -> str:
    rest = _IMAGE.sub(" ", raw)
    rest = hygiene.LINK.sub(" ", rest)
    rest = _WIKI.sub(" ", rest)
    rest = _URL.sub(" ", rest)
    return hygiene.clean(block.masked, rest)


def _row_has_content(block: Block) -> bool:
    content = 0
    for index, cell in enumerate(block.cells):
        header = block.header[index] if index < len(block.header) else ""
        if header and META_HEADER.match(header.strip(" *:")):
            continue
        rest = hygiene.LINK.sub(" ", _IMAGE.sub(" ", cell.text))
        content += words(hygiene.clean(cell, _URL.sub(" ", rest)))
    return content >= MIN_WORDS


# ── one note ───────────────────────────────────────────────────────────────────────────────


@dataclass
class NoteEval:
    path: Path
    name: str  # file name: the key into the manifest
    genre: str
    field: str
    size: int  # bytes
    text: str
    cards: list[Card]
    blocks: dict[int, Block]  # first block at each line
    fact_lines: set[int]
    kinds: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    @property
    def covered_lines(self) -> set[int]:
        """The fact blocks some card comes from; a list card comes from its items too (its
        answer is their text)."""
        sources = {c.source_line for c in self.cards if c.source_line is not None}
        for card in self.cards:
            block = self.blocks.get(card.source_line) if card.kind in LIST_KINDS else None
            if block is not None:
                sources.update(kid.line for kid in block.children)
        return self.fact_lines & sources

    @property
    def coverage(self) -> float | None:
        if not self.fact_lines:
            return None
        return len(self.covered_lines) / len(self.fact_lines)

    @property
    def cards_on_facts(self) -> int:
        return sum(1 for c in self.cards if c.source_line in self.fact_lines)

    def summary(self) -> dict:
        return {
            "note": self.name,
            "genre": self.genre,
            "field": self.field,
            "bytes": self.size,
            "cards": len(self.cards),
            "cards_on_fact_blocks": self.cards_on_facts,
            "fact_blocks": len(self.fact_lines),
            "covered_fact_blocks": len(self.covered_lines),
            "coverage": self.coverage,
            "kinds": dict(sorted(self.kinds.items())),
            "rejected": dict(self.rejected.most_common()),
            "warnings": self.warnings,
        }


def reason_class(reason: str) -> str:
    """A rejection reason without its particulars, so like reasons count together."""
    reason = re.sub(r"\s*\(first at line \d+\)", "", reason)
    return re.sub(r"\bhas \d+ words\b", "has N words", reason)


def evaluate(path: Path, manifest: dict[str, dict[str, str]], build_options: dict) -> NoteEval:
    text, warnings = read_note(path)
    row = manifest.get(path.name, {})
    # the note's own file name, as its owner's vault has it ("Decoherence"), not the corpus's
    # "export--owner--repo--Decoherence": the builder titles an untitled page by its file name
    stem = Path(row["path"]).stem if row.get("path") else path.stem
    result = build_from_text(text, stem, path.name, None, **build_options)
    outline = parse_outline(text, stem)
    blocks: dict[int, Block] = {}
    for block in outline.blocks:
        blocks.setdefault(block.line, block)
    note = NoteEval(
        path=path,
        name=path.name,
        genre=row.get("genre", "-"),
        field=row.get("field", "-"),
        size=path.stat().st_size,
        text=text,
        cards=list(result.deck.cards),
        blocks=blocks,
        fact_lines={b.line for b in outline.blocks if is_fact_bearing(b)},
        warnings=[*warnings, *result.report.warnings],
    )
    note.kinds.update(c.kind for c in note.cards)
    note.rejected.update(reason_class(r.reason) for r in result.report.rejected)
    return note


# ── the blind sample ───────────────────────────────────────────────────────────────────────


def allocate(counts: Sequence[int], total: int) -> list[int]:
    """How many cards each note gives to a sample of ``total``: one per note with cards, the
    rest by highest averages (D'Hondt) on the card counts, never more than a note has."""
    alloc = [1 if c else 0 for c in counts]
    with_cards = sum(alloc)
    if total < with_cards:
        raise StudydeckError(
            f"--sample {total} is smaller than the number of notes with cards ({with_cards}); "
            "every such note gives at least one card"
        )
    total = min(total, sum(counts))
    for _ in range(total - with_cards):
        best = max(
            (i for i, c in enumerate(counts) if alloc[i] < c),
            key=lambda i: (counts[i] / (alloc[i] + 1), -i),
        )
        alloc[best] += 1
    return alloc


@dataclass(frozen=True)
class SampleItem:
    number: int
    note: NoteEval
    card: Card

    def source(self) -> tuple[str, list[tuple[int, str]]]:
        """The heading path of the card's source block and the note lines from line-1 to the
        block's last line (at most ``MAX_SOURCE_LINES`` of a long paragraph) + 1: a judge must
        see the sentence the card was made from."""
        line = self.card.source_line or 0
        block = self.note.blocks.get(line)
        path = " › ".join(block.path) if block is not None else ""
        spans = block.masked.text.count("\n") if block is not None else 0
        last = line + min(spans, MAX_SOURCE_LINES) + 1
        lines = self.note.text.splitlines()
        around = [
            (n, strip_controls(lines[n - 1]))
            for n in range(max(1, line - 1), min(len(lines), last) + 1)
        ]
        return strip_controls(path), around

    def record(self) -> dict:
        path, around = self.source()
        return {
            "number": self.number,
            "question": self.card.question,
            "answer": self.card.answer,
            "kind": self.card.kind,
            "where": f"{self.note.name}:{self.card.source_line}",
            "heading_path": path,
            "source": [{"line": n, "text": t} for n, t in around],
        }


def draw_sample(notes: Sequence[NoteEval], size: int, seed: int) -> list[SampleItem]:
    ordered = sorted(notes, key=lambda n: n.name)
    alloc = allocate([len(n.cards) for n in ordered], size)
    rng = random.Random(seed)
    picked = [
        (note, card) for note, k in zip(ordered, alloc, strict=True) for card in _pick(note, k, rng)
    ]
    rng.shuffle(picked)  # judges should not see the cards grouped by note
    return [SampleItem(i, note, card) for i, (note, card) in enumerate(picked, 1)]


def _pick(note: NoteEval, k: int, rng: random.Random) -> list[Card]:
    chosen = sorted(rng.sample(range(len(note.cards)), k))
    return [note.cards[i] for i in chosen]


def write_sample(items: Sequence[SampleItem], out: Path, seed: int) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    records = [item.record() for item in items]
    if out.suffix == ".jsonl":
        out.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
    else:
        out.write_text(_markdown(records, seed), encoding="utf-8")
    key = out.with_name(out.stem + ".key.tsv")
    with key.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["number", "note", "line", "genre", "field", "kind"])
        for item in items:
            note = item.note
            writer.writerow(
                [
                    item.number,
                    note.name,
                    item.card.source_line,
                    note.genre,
                    note.field,
                    item.card.kind,
                ]
            )
    return key


def _markdown(records: Sequence[dict], seed: int) -> str:
    out = [
        f"# Blind sample: {len(records)} cards (seed {seed})",
        "",
        "Judge each card as KEEP, MEH or DEFECT from what is shown here only.",
        "",
    ]
    for r in records:
        lines = [f"{s['line']:>5} | {s['text']}" for s in r["source"]]
        fence = _fence(lines)
        out += [
            f"## {r['number']}",
            "",
            f"- **Q:** {_one_line(r['question'])}",
            f"- **A:** {_one_line(r['answer'])}",
            f"- kind: `{r['kind']}` · {r['where']}",
            f"- heading path: {_one_line(r['heading_path']) or '(none)'}",
            "- judgement: ",
            "",
            f"{fence}text",
            *lines,
            fence,
            "",
        ]
    return "\n".join(out)


def _fence(lines: Sequence[str]) -> str:
    """A code fence longer than any backtick run in ``lines`` (a note line may hold ```)."""
    longest = max((len(m) for line in lines for m in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ── report ─────────────────────────────────────────────────────────────────────────────────


def _pct(value: float | None) -> str:
    return "   —" if value is None else f"{100 * value:3.0f}%"


def _counts(counter: Counter[str], limit: int | None = None) -> str:
    items = counter.most_common(limit)
    return ", ".join(f"{k} {v}" for k, v in items) or "—"


def report(notes: Sequence[NoteEval], write=print) -> None:
    write(f"{'note':<60} {'genre':<12} {'KB':>6} {'cards':>5} {'facts':>5} {'cover':>5}")
    for n in notes:
        write(
            f"{n.name[:60]:<60} {n.genre[:12]:<12} {n.size / 1024:6.1f} {len(n.cards):5d} "
            f"{len(n.fact_lines):5d} {_pct(n.coverage):>5}"
        )
        write(f"    kinds: {_counts(n.kinds)}")
        write(f"    rejected ({sum(n.rejected.values())}): {_counts(n.rejected)}")
        for warning in n.warnings:
            write(f"    warning: {strip_controls(warning)}")
    write("")
    write("per genre (coverage: pooled over blocks / mean of notes)")
    write(
        f"{'genre':<14} {'notes':>5} {'KB':>7} {'cards':>6} {'cards/KB':>8} {'facts':>6} "
        f"{'pooled':>6} {'mean':>6}"
    )
    groups: dict[str, list[NoteEval]] = {}
    for n in notes:
        groups.setdefault(n.genre, []).append(n)
    for genre, group in [*sorted(groups.items()), ("all", list(notes))]:
        write(_genre_line(genre, group))
    write("")
    kinds: Counter[str] = Counter()
    kind_notes: Counter[str] = Counter()
    for n in notes:
        kinds.update(n.kinds)
        kind_notes.update(n.kinds.keys())
    write("per kind (cards, notes with the kind)")
    for kind, count in kinds.most_common():
        write(f"  {kind:<22} {count:6d} {kind_notes[kind]:5d}")
    rejected: Counter[str] = Counter()
    for n in notes:
        rejected.update(n.rejected)
    write("")
    write(f"rejections ({sum(rejected.values())}), by reason")
    for reason, count in rejected.most_common():
        write(f"  {count:6d}  {reason}")


def _genre_line(genre: str, group: Sequence[NoteEval]) -> str:
    size = sum(n.size for n in group) / 1024
    cards = sum(len(n.cards) for n in group)
    facts = sum(len(n.fact_lines) for n in group)
    covered = sum(len(n.covered_lines) for n in group)
    rated = [n.coverage for n in group if n.coverage is not None]
    pooled = covered / facts if facts else None
    mean = sum(rated) / len(rated) if rated else None
    per_kb = cards / size if size else 0.0
    return (
        f"{genre[:14]:<14} {len(group):5d} {size:7.1f} {cards:6d} {per_kb:8.2f} {facts:6d} "
        f"{_pct(pooled):>6} {_pct(mean):>6}"
    )


# ── command line ───────────────────────────────────────────────────────────────────────────


def note_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.suffix in NOTE_SUFFIXES and p.is_file()
            )  # as `studydeck build DIR` finds them: *.md and *.markdown
        elif path.is_file():
            found.append(path)
        else:
            raise StudydeckError(f"{path}: no such file or folder")
    if not found:
        raise StudydeckError("no *.md or *.markdown notes under " + ", ".join(map(str, paths)))
    names = Counter(p.name for p in found)
    twice = sorted(n for n, c in names.items() if c > 1)
    if twice:  # the manifest and the key file name notes by file name
        raise StudydeckError(f"two notes share a file name: {', '.join(twice)}")
    return found


def read_manifest(path: Path | None) -> dict[str, dict[str, str]]:
    if path is None or not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def build_options(extras: Sequence[str]) -> dict:
    """Keyword arguments for ``build_from_text`` from ``--with`` values. The builder decides
    what ``--with metadata`` means; a builder without that switch is an error, not a no-op."""
    if not extras:
        return {}
    accepted = inspect.signature(build_from_text).parameters
    if "with_metadata" not in accepted:
        raise StudydeckError(
            "--with metadata: this builder has no metadata switch yet "
            "(build_from_text takes no with_metadata); it decides metadata cards by itself"
        )
    return {"with_metadata": True}


def main(argv: Sequence[str] | None = None) -> int:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(
        description=doc.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="DIR", help="notes or folders")
    parser.add_argument("--sample", type=int, default=DEFAULT_SAMPLE, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the blind sample here")
    parser.add_argument("--with", dest="extras", action="append", default=[], choices=["metadata"])
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help="genre of each note")
    parser.add_argument("--json", type=Path, metavar="FILE", help="per-note numbers as JSON")
    args = parser.parse_args(argv)
    if args.sample < 0:
        parser.error("--sample must be 0 or more")
    try:
        options = build_options(args.extras)
        manifest = read_manifest(args.manifest)
        notes = [evaluate(p, manifest, options) for p in note_files(args.paths)]
        report(notes)
        if args.json:
            args.json.write_text(
                json.dumps([n.summary() for n in notes], indent=1, ensure_ascii=False) + "\n",
                encoding="utf-8",
            )
        if args.out:
            items = draw_sample(notes, args.sample, args.seed) if args.sample else []
            key = write_sample(items, args.out, args.seed)
            print(f"\nsample of {len(items)} cards: {args.out}\nkey: {key}")
        else:
            print("\n(no --out: no sample written)")
    except StudydeckError as exc:
        print(f"eval-notes: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
