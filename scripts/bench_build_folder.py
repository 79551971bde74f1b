"""``studydeck build DIR`` on a notes tree of 500 notes (~25 MB, 10 folders of 50), whole
process: the first build (fixture set-up, cached under the temp dir), a rebuild with nothing
changed, and a rebuild after editing one note (target ≤ 1 s). No anchor: Anki builds no decks
from notes. Notes are the test fixtures (tests/fixtures/notes) recombined, titles varied per copy.

Usage: .venv/bin/python scripts/bench_build_folder.py [--runs N] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = sorted((REPO / "tests" / "fixtures" / "notes").glob("*.md"))
WORK = Path(tempfile.gettempdir()) / "studydeck-bench-build-folder-v1"
N_FOLDERS, PER_FOLDER, NOTE_BYTES = 10, 50, 50_000
TARGET = 1.0
_LINK_TEXT = re.compile(r"\[([^\[\]]{3,})\]\(")


def make_tree(root: Path) -> None:
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    for f in range(N_FOLDERS):
        for n in range(PER_FOLDER):
            parts, size, copy = [], 0, 0
            while size < NOTE_BYTES:
                text = rng.choice(texts)
                tag = f"{f}.{n}.{copy}"
                text = _LINK_TEXT.sub(lambda m, t=tag: f"[{m.group(1)} {t}](", text)
                parts.append(text)
                size += len(text.encode())
                copy += 1
            note = root / f"topic-{f:02d}" / f"note-{n:03d}.md"
            note.parent.mkdir(parents=True, exist_ok=True)
            note.write_text(f"# Note {f}.{n}\n\n" + "\n\n".join(parts), encoding="utf-8")
    (root / ".obsidian").mkdir(exist_ok=True)
    (root / ".obsidian" / "workspace.md").write_text("# not a note\n")


def build(tree: Path, decks: Path) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "studydeck", "build", str(tree), "-o", str(decks)],
        capture_output=True,
        text=True,
        cwd=WORK,
        env={**os.environ, "STUDYDECK_DATA_DIR": str(WORK / "data")},
    )
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"build failed: {proc.stderr[-2000:]}")
    return seconds, proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="make the tree and decks anew")
    args = parser.parse_args()
    tree, decks = WORK / "notes", WORK / "decks"
    if args.rebuild:
        shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True, exist_ok=True)
    if not tree.is_dir():
        make_tree(tree)
    size = sum(p.stat().st_size for p in tree.rglob("*.md")) / 1e6
    count = len(list(tree.rglob("note-*.md")))
    print(f"  {count} notes in {N_FOLDERS} folders, {size:.1f} MB")
    if not (decks / ".studydeck-build.json").is_file():
        first, _ = build(tree, decks)
        print(f"  first build (all {count} notes): {first:.1f} s")
    nothing = [build(tree, decks)[0] for _ in range(args.runs)]
    edited = []
    note = tree / "topic-03" / "note-007.md"
    original = note.read_text(encoding="utf-8")
    try:
        for run in range(args.runs):
            note.write_text(
                original + f"\n- **Edit {run}**: a new fact about attention heads.\n",
                encoding="utf-8",
            )
            seconds, err = build(tree, decks)
            if f"skipped {count - 1} unchanged" not in err:
                raise SystemExit(f"expected one note rebuilt; stderr:\n{err[-2000:]}")
            edited.append(seconds)
    finally:
        note.write_text(original, encoding="utf-8")
    print(f"  runs, one note edited: {', '.join(f'{s:.2f}' for s in edited)} s")
    print()
    print(f"  {'figure':<46} {'value':>9} {'anchor':>8} {'target':>9}")
    e, n = statistics.median(edited), statistics.median(nothing)
    print(f"  {'rebuild after editing one note (median)':<46} {e:>8.2f}s {'—':>8} {'≤ 1.00s':>9}  "
          f"{'ok' if e <= TARGET else 'MISSED'}")  # fmt: skip
    print(f"  {'  spread':<46} {f'{min(edited):.2f}–{max(edited):.2f}':>9}")
    print(f"  {'rebuild with nothing changed (median)':<46} {n:>8.2f}s {'—':>8}")


if __name__ == "__main__":
    main()
