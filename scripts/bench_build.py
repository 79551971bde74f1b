"""Build throughput (MB of notes per second), in-process and whole-process.

Runs on the sample notes and on generated 1, 5 and 10 MB notes made by recombining the sample
notes' sections (link titles varied per copy so cards are not all duplicates). Prints a table;
cost should grow linearly with size (MB/s roughly flat). Target: ≥ 1 MB/s in-process.

    .venv/bin/python scripts/bench_build.py [--sizes 1,5,10]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from studydeck.builder.build import build_deck  # noqa: E402
from studydeck.deck import dump_deck  # noqa: E402

SAMPLES = sorted((REPO.parent / "shared" / "notes").glob("*.md"))
_SECTION = re.compile(r"^(?=#{1,3} )", re.M)
_LINK_TEXT = re.compile(r"\[([^\[\]]{3,})\]\(")


def sections() -> list[str]:
    found = []
    for note in SAMPLES:
        found += [s for s in _SECTION.split(note.read_text(encoding="utf-8")) if s.strip()]
    return found


def generate(size_bytes: int, seed: int = 0) -> str:
    """Recombine sample sections until ``size_bytes``; vary link titles per copy."""
    rng = random.Random(seed)
    pool = sections()
    out, size, copy = [], 0, 0
    while size < size_bytes:
        copy += 1
        text = rng.choice(pool)
        text = _LINK_TEXT.sub(lambda m, c=copy: f"[{m.group(1)} v{c}](", text)
        text = re.sub(r"^(#{1,3}) (.*)$", rf"\1 \2 {copy}", text, count=1, flags=re.M)
        out.append(text)
        size += len(text.encode())
    return "".join(out)


def in_process(paths: list[Path]) -> tuple[float, int]:
    started = time.perf_counter()
    cards = 0
    for path in paths:
        deck = build_deck(path).deck
        dump_deck(deck)
        cards += len(deck.cards)
    return time.perf_counter() - started, cards


def whole_process(paths: list[Path], out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "studydeck", "build", *map(str, paths), "-o", str(out)],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,10", help="generated note sizes in MB")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        cases = [("sample notes (3)", SAMPLES)]
        for mb in (float(s) for s in args.sizes.split(",")):
            path = tmpdir / f"generated-{mb:g}mb.md"
            path.write_text(generate(int(mb * 1_000_000)), encoding="utf-8")
            cases.append((f"generated {mb:g} MB", [path]))
        for label, paths in cases:
            size = sum(p.stat().st_size for p in paths) / 1_000_000
            seconds, cards = in_process(paths)
            whole = whole_process(paths, tmpdir / "decks")
            rows.append((label, size, cards, seconds, size / seconds, whole, size / whole))
    head = ("input", "MB", "cards", "in-proc s", "MB/s", "process s", "MB/s")
    print("{:<20} {:>6} {:>7} {:>10} {:>6} {:>10} {:>6}".format(*head))
    for row in rows:
        print("{:<20} {:>6.2f} {:>7} {:>10.2f} {:>6.2f} {:>10.2f} {:>6.2f}".format(*row))
    print(
        "\nin-process: parse + rules + gate + ids + YAML dump; process: `python -m studydeck build`"
    )


if __name__ == "__main__":
    main()
