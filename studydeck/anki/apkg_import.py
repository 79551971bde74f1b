"""Read an Anki package into studydeck decks and review rows.

The package is untrusted. It is checked as an archive first (:mod:`.apkg_archive`: no
absolute or ``..`` member paths, nothing that unpacks to an absurd size), then imported by
Anki's own engine into a throwaway collection inside a temporary directory, so nothing from
the archive is written anywhere else; every row read from it is checked (:mod:`.apkg_rows`)
before anything is built. Notes of any notetype become cards: first field → question,
second → answer; a cloze note gives one card per cloze number, with that cloze blanked as
``___``. Text is cleaned of control characters on the way in."""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from studydeck.anki.apkg_archive import check_archive
from studydeck.anki.apkg_export import NOTETYPE_ID, PARENT_DECK, anki_module
from studydeck.anki.apkg_rows import card_fault, check_rows, revlog_fault
from studydeck.anki.fields import deck_header, tags_and_kind
from studydeck.anki.model import CardState
from studydeck.anki.schedule import RESET_RATING, REVLOG_MANUAL
from studydeck.anki.workdir import work_dir
from studydeck.deck import CLOZE, Card, Deck, is_valid_id
from studydeck.errors import StudydeckError
from studydeck.text import strip_controls

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.S)
_REVLOG_STATE = {
    0: CardState.LEARNING,
    1: CardState.REVIEW,
    2: CardState.RELEARNING,
    3: CardState.REVIEW,
}


@dataclass(frozen=True, slots=True)
class ImportedReview:
    """One Anki revlog row, as a studydeck review: the store replays these to rebuild state."""

    time: datetime  # UTC
    rating: int  # 1..4, or RESET_RATING for Anki's "Forget"
    duration_ms: int
    state_before: CardState
    interval: timedelta


@dataclass(slots=True)
class ImportedPackage:
    decks: list[Deck] = field(default_factory=list)
    reviews: dict[str, list[ImportedReview]] = field(default_factory=dict)  # card id → oldest first
    suspended: set[str] = field(default_factory=set)
    skipped: int = 0  # cards with no usable text (e.g. image-only)


def read_apkg(path: Path) -> ImportedPackage:
    path = Path(path)
    anki_module("importing Anki packages")
    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )
    from anki.errors import AnkiException

    check_archive(path)
    with work_dir(Path(tempfile.gettempdir()), "studydeck-import-") as tmp:
        col = Collection(str(tmp / "import.anki2"))
        try:
            try:
                col.import_anki_package(
                    ImportAnkiPackageRequest(
                        package_path=str(path.resolve()),
                        options=ImportAnkiPackageOptions(with_scheduling=True),
                    )
                )
            except AnkiException as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
                raise StudydeckError(f"{path}: not a readable Anki package ({reason})") from None
            return _read_collection(col, str(path))
        finally:
            col.close()


def _read_collection(col: Any, package_name: str) -> ImportedPackage:
    package = ImportedPackage()
    notetypes = {m["id"]: m for m in col.models.all()}
    decks = {d.id: col.decks.get(d.id) for d in col.decks.all_names_and_ids()}
    cards_by_deck: dict[str, list[Card]] = {}
    anki_to_card: dict[int, str] = {}
    rows = col.db.all(
        "SELECT c.id, c.ord, c.did, c.odid, c.queue, n.guid, n.mid, n.flds, n.tags "
        "FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.did, n.id, c.ord"
    )
    revlog = col.db.all("SELECT id, cid, ease, ivl, time, type FROM revlog ORDER BY id")
    check_rows(package_name, "card", rows, card_fault)
    check_rows(package_name, "revlog", revlog, revlog_fault)
    headers: dict[str, tuple[str, str | None]] = {}
    for cid, ord_, did, odid, queue, guid, mid, flds, tags in rows:
        notetype = notetypes.get(mid)
        fields = flds.split("\x1f")
        card = _card(guid, ord_, fields, _tags(tags), notetype)
        if card is None:
            package.skipped += 1
            continue
        deck = decks.get(odid or did) or {}
        name = _deck_name(deck.get("name", "Default"))
        headers.setdefault(name, deck_header(deck.get("desc")))
        cards_by_deck.setdefault(name, []).append(card)
        anki_to_card[cid] = card.id
        if queue == -1:
            package.suspended.add(card.id)
    for name, cards in sorted(cards_by_deck.items()):
        title, source = headers[name]
        title = title or f"{name} (imported from Anki)"
        package.decks.append(Deck(name=name, title=title, source=source, cards=cards))
    for rid, cid, ease, ivl, time_ms, kind in revlog:
        card_id = anki_to_card.get(cid)
        if card_id is None:
            continue
        if ease == 0:
            if kind == REVLOG_MANUAL and ivl == 0:  # "Forget": back to new, history kept
                package.reviews.setdefault(card_id, []).append(
                    ImportedReview(
                        time=datetime.fromtimestamp(rid / 1000, UTC),
                        rating=RESET_RATING,
                        duration_ms=0,
                        state_before=CardState.REVIEW,
                        interval=timedelta(0),
                    )
                )
            continue  # other manual rescheduling carries no answer
        if kind not in _REVLOG_STATE:
            continue
        package.reviews.setdefault(card_id, []).append(
            ImportedReview(
                time=datetime.fromtimestamp(rid / 1000, UTC),
                rating=ease,
                duration_ms=time_ms,
                state_before=_REVLOG_STATE[kind],
                interval=timedelta(days=ivl) if ivl > 0 else timedelta(seconds=-ivl),
            )
        )
    return package


def _tags(tags: str) -> list[str]:
    return [tag for tag in (strip_controls(t) for t in tags.split()) if tag]


def _deck_name(anki_name: Any) -> str:
    name = strip_controls(str(anki_name)).strip()
    prefix = f"{PARENT_DECK}::"
    name = name[len(prefix) :] if name.startswith(prefix) else name
    return name or "Default"


def _card(guid: str, ord_: int, fields: list[str], tags: list[str], notetype: Any) -> Card | None:
    tags_ = tuple(tags)
    if notetype is not None and notetype["id"] == NOTETYPE_ID and len(fields) >= 4:
        return _studydeck_card(guid, fields, tags_)
    card_id = _foreign_id(guid, ord_)
    if notetype is not None and notetype.get("type") == 1:  # cloze notetype
        question, answer = _cloze(fields[0], ord_ + 1)
        extra = html_to_text(fields[1]) if len(fields) > 1 else ""
        context = extra
    else:
        question = html_to_text(fields[0])
        answer = html_to_text(fields[1]) if len(fields) > 1 else ""
        context = ""
    if not question or not answer or question.count(CLOZE) > 1:
        return None
    return Card(
        id=card_id, question=question, answer=answer, kind="anki", tags=tags_, context=context
    )


def _studydeck_card(guid: str, fields: list[str], tags: tuple[str, ...]) -> Card | None:
    question, answer, context = (html_to_text(f) for f in fields[:3])
    if not question or not answer:
        return None
    source_line, url = _parse_source(fields[3])
    card_id = guid if is_valid_id(guid) else _foreign_id(guid, 0)
    tags, kind = tags_and_kind(tags, fields[3])
    return Card(
        id=card_id,
        question=question,
        answer=answer,
        kind=kind,
        tags=tags,
        context=context,
        source_line=source_line,
        url=url,
    )


def _parse_source(source_html: str) -> tuple[int | None, str | None]:
    href = re.search(r'href="([^"]*)"', source_html)
    url = html_to_text(href.group(1)) if href else None
    text = html_to_text(source_html)
    if url is None and " · " in text:
        url = text.split(" · ", 1)[1] or None
    line = re.match(r"^[^·]*?:(\d+)(?:\s|$)", text)
    return (int(line.group(1)) if line else None), url


def _foreign_id(guid: str, ord_: int) -> str:
    return "anki-" + hashlib.sha1(f"{guid}:{ord_}".encode()).hexdigest()[:12]


def _cloze(text: str, number: int) -> tuple[str, str]:
    """Cloze ``number`` blanked as ``___``; the other clozes show their text."""
    answers: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if int(match.group(1)) == number:
            answers.append(match.group(2))
            return "\x00"
        return match.group(2)

    blanked = _CLOZE.sub(replace, text)
    if not answers:
        return "", ""
    # Several spans of one cloze number are answered together: one blank for the first.
    question = html_to_text(blanked.replace("\x00", CLOZE, 1).replace("\x00", "…"))
    answer = "; ".join(html_to_text(a) for a in answers)
    return question, answer


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html_text: str) -> str:
    """Anki field HTML → plain card text: tags dropped, entities decoded, math back in ``$``."""
    parser = _TextExtractor()
    parser.feed(html_text)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    text = re.sub(r"\\\((.+?)\\\)", r"$\1$", text, flags=re.S)
    text = re.sub(r"\\\[(.+?)\\\]", r"$$\1$$", text, flags=re.S)
    text = strip_controls(text)  # after entities are decoded: "&#27;" is an ESC too
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
