"""A row of a paper table → a card per informative column."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from studydeck.builder.citations import looks_like_authors
from studydeck.builder.descriptions import without_link_asides
from studydeck.builder.papers import shorten
from studydeck.builder.rules.common import (
    TEMPLATES,
    Candidate,
    _sentence,
    _title_q,
    description_proper,
)
from studydeck.builder.rules.context import short_name
from studydeck.builder.rules.entries import given_away, listing, sized_only
from studydeck.notes import Block, Outline, hygiene
from studydeck.text import fold

# ── 9. table rows ──────────────────────────────────────────────────────────────

_ROLES = {
    "title": {
        "paper", "title", "name", "model", "method", "work", "publication", "article", "papers",
    },
    "year": {"year", "date", "published", "when", "release", "released"},
    "venue": {"venue", "conference", "journal", "published in", "where", "conf"},
    "authors": {"authors", "author", "by", "who"},
    "summary": {
        "description", "summary", "tl dr", "tldr", "notes", "note", "key idea", "idea",
        "contribution", "contributions", "abstract", "comment", "comments", "takeaway",
        "main idea", "highlights", "what", "about", "key contribution", "details",
    },
    "skip": {
        "link", "links", "url", "code", "pdf", "arxiv", "github", "#", "no", "", "stars", "slides",
    },
}  # fmt: skip


_COLUMN_VALUES: dict[tuple[tuple[str, ...], int], Counter[str]] = {}
_COLUMN_WORDS: dict[tuple[tuple[str, ...], int], list[int]] = {}  # words per filled cell
_COLUMN_TOKENS: dict[tuple[tuple[str, ...], int], Counter[str]] = {}  # token → cells holding it
_TABLE_ROWS: Counter[tuple[str, ...]] = Counter()
MAX_COLUMNS_PER_ROW = 3  # a row of nine cells is one paper: its three most telling cells
SHARED_SHARE = 0.3  # a value in this share of a table's rows (and at least 3) is boilerplate


def prepare(outline: Outline) -> None:
    """How often each value stands in each column of each table (tables keyed by header)."""
    _COLUMN_VALUES.clear()
    _COLUMN_WORDS.clear()
    _COLUMN_TOKENS.clear()
    _TABLE_ROWS.clear()
    for block in outline.blocks:
        if block.kind != "row" or not block.header:
            continue
        _TABLE_ROWS[block.header] += 1
        for i, cell in enumerate(block.cells):
            text = hygiene.clean(cell)
            value = fold(text)
            _COLUMN_VALUES.setdefault((block.header, i), Counter())[value] += 1
            if value and value not in _PLACEHOLDER:
                _COLUMN_WORDS.setdefault((block.header, i), []).append(len(text.split()))
                _COLUMN_TOKENS.setdefault((block.header, i), Counter()).update(set(value.split()))


# In a table with a column of free text ("insights": what each paper found), a column whose
# filled cells average fewer words holds attributes ("backbone", "3d size", "distance": "L2 loss
# for offset from subtype average"), which blind judges found trivia beside the free text.
MIN_COLUMN_WORDS = 6.0
FREE_TEXT_RATIO = 2.0  # the free-text column is at least this many times longer


def _mean_words(header: tuple[str, ...], column: int) -> float:
    words = _COLUMN_WORDS.get((header, column), [])
    return sum(words) / len(words) if words else 0.0


def _attribute_column(block: Block, column: int) -> bool:
    mean = _mean_words(block.header, column)
    if not mean or mean >= MIN_COLUMN_WORDS:
        return False
    free_text = max(
        (
            _mean_words(block.header, i)
            for i, h in enumerate(block.header)
            if i != column and _role(h) is None
        ),
        default=0.0,
    )
    return free_text >= FREE_TEXT_RATIO * mean


SHARED_TOKENS = 0.5  # of a cell's words that stand in SHARED_SHARE of its column's cells


def _mostly_shared(block: Block, column: int, value: str) -> bool:
    """ "2D bbox, 3D bbox, intrinsics, pretrained depth model": the column's common words with
    one more; the row it is in is hardly told apart by it."""
    tokens = set(fold(value).split())
    seen = _COLUMN_TOKENS.get((block.header, column), Counter())
    floor = max(3, SHARED_SHARE * _TABLE_ROWS[block.header])
    common = sum(1 for t in tokens if seen[t] >= floor)
    return bool(tokens) and common >= SHARED_TOKENS * len(tokens)


def _shared(block: Block, column: int, value: str) -> bool:
    count = _COLUMN_VALUES.get((block.header, column), Counter())[fold(value)]
    return count >= 3 and count >= SHARED_SHARE * _TABLE_ROWS[block.header]


def table_row(block: Block, outline: Outline) -> Iterator[Candidate]:
    if block.kind != "row" or not block.header:
        return
    roles = [_role(h) for h in block.header]
    cells = [hygiene.clean(c) for c in block.cells]
    if "title" in roles:
        title_at = roles.index("title")
    else:
        title_at = next((i for i, r in enumerate(roles) if r is None), None)
        if title_at is None:
            return
    if title_at >= len(cells):
        return
    raw_title = block.cells[title_at]
    title = cells[title_at]
    link_texts = [t for t, u in hygiene.links(raw_title.text) if not hygiene.looks_like_url(t)]
    named = [t for t in link_texts if not _GENERIC_CELL.match(fold(t))]
    if named:
        title = raw_title.restore(named[0])
    elif link_texts:  # "Spatially transformed … ([pdf](…))": the title is the words beside it
        title = hygiene.clean(raw_title, hygiene.LINK.sub(" ", raw_title.text))
    title = title.strip(" *")
    if not title or len(title.split()) > 30 or fold(title) in _PLACEHOLDER:
        return
    if not _LETTER.search(_MATH.sub("", title)):
        return  # "| 0 | $t^{2/3}$ |": a value heads the row, not a name ("What is the a(t) of 0?")
    if "_" in title and " " not in title:
        title = _named_elsewhere(title, cells, title_at) or title.replace("_", " ")
    name = _title_q(title)
    # a "Name" column lists tools, databases, models; "Paper", "Title" list works
    works = (
        title_at >= len(block.header)
        or fold(block.header[title_at]) not in _NAMES_COLUMN
        or block.paper_url is not None
    )
    url = block.paper_url or next((u for _, u in block.links if u.startswith("http")), None)
    values = dict(zip(roles, cells, strict=False))
    if "authors" not in values:  # "[Title](url)<br>Lightman et al.": the byline in the cell
        byline = _byline_in_cell(raw_title)
        if byline:
            roles, cells = [*roles, "authors"], [*cells, byline]
            values["authors"] = byline
    year = values.get("year")
    published = _PUBLISHED.search(fold(" ".join(block.header)))
    if year and _DAY_DATE.match(year.strip()) and not published:
        year = values["year"] = None  # "2024-05-02" in a reading log: when it was read
    authors = values.get("authors")
    found: list[Candidate] = []
    for i, (role, value) in enumerate(zip(roles, cells, strict=False)):
        if i == title_at or role in ("skip", "title") or not fold(value):
            continue
        if role == "year" and year is None:
            continue
        if i >= len(block.header) and role != "authors":
            continue  # empty cells, "-", "✓" carry nothing to learn; nor a second title column
        if _GENERIC_CELL.match(fold(value)):
            continue  # a bare [pdf] / [code] link
        header = block.header[i] if i < len(block.header) else "authors"
        if role == "summary":
            if _shared(block, i, value):
                continue  # "Commentary", "Technical paper" in a third of the rows: a kind of paper
            proper = description_proper(value)
            if proper is None:
                # "Highly recommended reading. Noteworthy sections …": advice, not what it says
                yield Candidate("table-row", title, value, "", block, reason=_ADVICE)
                continue
            value = _without_leading_byline(proper)
            if not works:
                # "| [uniprot](…) | protein sequences and … |": a table of named resources reads
                # as a list's entries do — what each is, and no card where the name gives it away
                value = without_link_asides(value)
                refused = _refused_resource(title, value)
                if refused:
                    yield Candidate("table-row", title, value, "", block, reason=refused)
                    continue
                shown = f"“{title}”" if title.islower() else title
                question = f"What is {shown}?"
            else:
                question = TEMPLATES["paper-summary"].format(name)
            value = _sentence(shorten(value))
        elif role == "authors":
            question = f"Who wrote {name}?"
            value = f"{value} ({year})" if year else value
        elif role == "year":
            if authors or fold(values.get("venue") or ""):
                continue  # asked together with the authors or the venue
            question = f"When was {name} published?"
        elif role == "venue":
            question = TEMPLATES["venue"].format(name)
            has_year = re.search(r"\b(?:19|20)\d{2}\b|'\d{2}\b", value)
            value = f"{value} {year}" if year and not has_year else value
        else:
            if len(header.split()) > 3 or len(value.split()) > 25:
                continue
            verb = (
                "are"
                if header.lower().endswith("s") and not header.lower().endswith("ss")
                else "is"
            )
            if len(value.split()) <= 2 and not any(c.isdigit() for c in value):
                continue  # "Faster RCNN" as a backbone: a name in a column, rarely worth a card
            if _shared(block, i, value) or _mostly_shared(block, i, value):
                continue  # "2D bbox, 3D bbox, intrinsics" in most rows: it tells no row apart
            if _attribute_column(block, i):
                continue
            if _NUMERIC_CELL.match(value.strip()):
                continue  # "1906", "2019-05": a date or an arXiv month, not a property
            question = f"What {verb} the {header.lower()} of {name}?"
        kind = _METADATA_ROLES.get(role, "table-row")
        # a longer cell says more; the summary column most of all
        score = 1.0 if role == "summary" else min(1.0, 0.4 + len(value.split()) / 12)
        found.append(
            Candidate(kind, question, value, f"{title} {fold(header)}", block, url, score=score)
        )
    content = sorted((c for c in found if c.kind == "table-row"), key=lambda c: -c.score)
    keep = {id(c) for c in content[:MAX_COLUMNS_PER_ROW]}
    yield from (c for c in found if c.kind != "table-row" or id(c) in keep)


# columns that say how a paper is filed, not what it says (metadata kinds: off by default)
_ADVICE = "the summary talks to the reader or about the link, not about the work"


def _refused_resource(name: str, description: str) -> str | None:
    if listing(name, description):
        return "a list, feed or community listing"
    if sized_only(description):
        return "a resource described by its size ('250k protein structures')"
    return given_away(name, description)


_LETTER = re.compile(r"[^\W\d_]")
_MATH = re.compile(r"\$[^$]*+\$")
_NAMES_COLUMN = {"name", "names", "tool", "tools", "database", "databases", "resource", "dataset"}
_METADATA_ROLES = {"authors": "attribution", "year": "attribution", "venue": "venue"}

_NUMERIC_CELL = re.compile(r"^(?:\d{4}|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?)$")

_GENERIC_CELL = re.compile(
    r"^(?:pdf|code|link|paper|github|arxiv|project|website|slides|video|blog|demo|url|html|"
    r"official|unofficial|pytorch|tensorflow|jax|\W*)(?: (?:pdf|code|link|paper|github|arxiv))*$"
)


_PLACEHOLDER = {"todo", "tbd", "tba", "n a", "na", "none", "wip", "tbc"}
_DAY_DATE = re.compile(r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$")
_PUBLISHED = re.compile(r"\b(?:published|publication|release|released)\b")


def _named_elsewhere(slug: str, cells: list[str], skip: int) -> str | None:
    """ "[monogrnet_russian](monogrnet_russian.md)" is a file's name; the row's title cell
    ("MonoGRNet 2: Monocular 3D Object Detection via …") names the paper: its name before
    the colon, when the file's name starts with it."""
    stem = fold(slug.split("_")[0])
    for at, cell in enumerate(cells):
        head = short_name(cell)
        if at != skip and head != cell and fold(head).startswith(stem):
            return head
    return None


def _without_leading_byline(summary: str) -> str:
    """ "Szegedy, Goodfellow, First paper about adversarial examples.": the authors a note
    puts before its comment are not the paper's idea (judged DEFECT as its key idea)."""
    parts = summary.split(", ")
    names = 0
    while names < len(parts) - 1 and _SURNAME.fullmatch(parts[names]):
        names += 1
    rest = ", ".join(parts[names:])
    if names >= 2 and len(rest.split()) >= 3 and looks_like_authors(", ".join(parts[:names])):
        return rest[:1].upper() + rest[1:]
    return summary


_SURNAME = re.compile(r"[A-Z][a-zà-ÿ'’-]++")


def _byline_in_cell(cell: hygiene.Masked) -> str | None:
    """The authors written under a title in the same cell, after a ``<br>``."""
    parts = re.split(r"<br\s*/?>", cell.text, flags=re.I)
    if len(parts) < 2:
        return None
    names = hygiene.clean(cell, parts[1]).strip(" ,;")
    without_et_al = re.sub(r"(?:,|(?<!\s)|(?!\s))\s*+et al\.?$", "", names)
    if names and (looks_like_authors(names) or looks_like_authors(without_et_al)):
        return names
    return None


def _role(header: str) -> str | None:
    key = fold(header)
    for role, names in _ROLES.items():
        if key in names:
            return role
    if "paper" in key or "title" in key:
        return "title"
    return None
