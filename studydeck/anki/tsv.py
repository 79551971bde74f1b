"""Anki's text-import format: a TSV file with header lines, importable by any Anki (no add-on).

Cards go into Anki's stock "Basic" notetype (Front/Back), so nothing needs to exist in the
target collection beforehand; the context is shown under the question and the source under
the answer. GUID = card id, so importing again updates the notes instead of duplicating them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from studydeck.anki.apkg_export import PARENT_DECK
from studydeck.anki.fields import anki_tags, note_fields
from studydeck.anki.model import ExportCard
from studydeck.paths import atomic_write_text

NOTETYPE = "Basic"
HEADER = (
    "#separator:tab",
    "#html:true",
    f"#notetype:{NOTETYPE}",
    "#guid column:1",
    "#deck column:2",
    "#tags column:5",
)


def tsv_text(cards: Sequence[ExportCard]) -> str:
    out = io.StringIO()
    out.write("\n".join(HEADER) + "\n")
    # Fields are HTML already (newlines are <br>); tabs and quotes are quoted CSV-style.
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for item in cards:
        question, answer, context, source = note_fields(item)
        front = question + (f'<div class="context">{context}</div>' if context else "")
        back = answer + (f'<div class="source">{source}</div>' if source else "")
        writer.writerow(
            [
                item.card.id,
                f"{PARENT_DECK}::{item.deck}",
                front.replace("\t", " "),
                back.replace("\t", " "),
                " ".join(anki_tags(item.card.tags)),
            ]
        )
    return out.getvalue()


def write_tsv(cards: Sequence[ExportCard], out: Path) -> int:
    atomic_write_text(Path(out), tsv_text(cards))
    return len(cards)
