"""First open of a large collection: 100,000 cards in 10 deck files (~28 MB of YAML) that the
store has never seen, opened by a whole ``studydeck status --json`` process (YAML parse,
validation, cards into SQLite). Peak RSS of that process from ``wait4``.

Anchor (same run, same files): PyYAML's C safe loader alone, in this process, parsing the ten
files to plain data (no validation, no store) — what the old parse path paid before any of its
own work. Anki's engine cannot do this work (it has no YAML), so it is no anchor here.

Cards are varied like built ones: unicode, math, quotes, ``: `` and `` #`` inside text, tags,
context, urls, source lines; the files are written by ``dump_deck`` as ``studydeck build`` does.

Usage: .venv/bin/python scripts/bench_first_open.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from studydeck.deck import Card, Deck, save_deck  # noqa: E402

N_DECKS, PER_DECK = 10, 10_000
WORK = Path(tempfile.gettempdir()) / "studydeck-bench-first-open-v1"
TARGETS = {"seconds": 2.0, "rss_mb": 150}
WORDS = (  # noqa: SIM905 (a sentence of words reads best as one)
    "attention transformer gradient lemma proof sparse token model dataset BERT GPT-3 RLHF "
    "loss: ratio 12.5% café naïve résumé α β ∑ $x^2$ 'quoted' \"dq\" #hash yes no on off "
    "null ~ 2018 0x10 12:30 — … retrieval agents planning (Schick et al. 2023) [1] $O(n^2)$"
).split()
KINDS = ("key-idea", "definition", "cloze", "list", "manual")
TAGS = ("papers", "nlp", "rl", "vision", "agents", "2023", "x-y")


def make_decks(folder: Path) -> None:
    if len(list(folder.glob("*.yaml"))) == N_DECKS:
        return
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(13)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    for d in range(N_DECKS):
        cards = []
        for _ in range(PER_DECK):
            cards.append(
                Card(
                    f"p{d}-{rng.getrandbits(40):010x}",
                    text(rng.randint(6, 28)).capitalize() + "?",
                    text(rng.randint(2, 18)),
                    kind=rng.choice(KINDS),
                    tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
                    context=text(3) if rng.random() < 0.8 else "",
                    source_line=rng.randint(1, 9000) if rng.random() < 0.9 else None,
                    url=f"https://arxiv.org/abs/{rng.randint(1000, 2400)}.{rng.randint(1e4, 1e5)}"
                    if rng.random() < 0.5
                    else None,
                )
            )
        deck = Deck(f"papers-{d:02d}", title=f"Paper notes {d}", source=f"p{d}.md", cards=cards)
        save_deck(deck, folder / f"papers-{d:02d}.yaml")


def first_open(decks: Path) -> tuple[float, float, str]:
    """Like :func:`first_open`, with the child's own peak RSS (``wait4`` on that pid)."""
    data = WORK / "data"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "STUDYDECK_CONFIG": str(_empty_config())}
    argv = [sys.executable, "-m", "studydeck", "--data-dir", str(data), "--decks", str(decks)]
    out_path = WORK / "status.json"
    started = time.perf_counter()
    with open(out_path, "wb") as out, open(WORK / "status.err", "wb") as err:
        pid = os.posix_spawn(
            sys.executable,
            [*argv, "status", "--json"],
            env,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
                (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
            ],
        )
        _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"status failed: {(WORK / 'status.err').read_text()}")
    return seconds, usage.ru_maxrss / 1024, out_path.read_text()


def _empty_config() -> Path:
    path = WORK / "config.toml"
    path.write_text("")
    return path


def pyyaml_alone(decks: Path) -> float:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    texts = [p.read_text(encoding="utf-8") for p in sorted(decks.glob("*.yaml"))]
    started = time.perf_counter()
    for text in texts:
        yaml.load(text, Loader=loader)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    os.chdir(WORK)
    decks = WORK / "decks"
    make_decks(decks)
    size = sum(p.stat().st_size for p in decks.glob("*.yaml")) / 1e6
    print(f"  {N_DECKS} decks, {N_DECKS * PER_DECK:,} cards, {size:.1f} MB of YAML")
    runs = [first_open(decks) for _ in range(args.runs)]
    seconds = [r[0] for r in runs]
    rss = max(r[1] for r in runs)
    anchor = pyyaml_alone(decks)
    cards = sum(deck["total"] for deck in _decks(runs[0][2]))
    if cards != N_DECKS * PER_DECK:
        raise SystemExit(f"status counted {cards} cards, expected {N_DECKS * PER_DECK}")
    median = statistics.median(seconds)
    spread = f"{min(seconds):.2f}–{max(seconds):.2f}"
    print(f"  runs: {', '.join(f'{s:.2f}' for s in seconds)} s")
    print()
    print(f"  {'figure':<44} {'value':>10} {'anchor':>10} {'ratio':>7} {'target':>10}")
    print(
        f"  {'first open, whole process (median)':<44} {median:>9.2f}s {anchor:>9.2f}s "
        f"{median / anchor:>7.2f} {'≤ 2.00s':>10}  {_ok(median <= TARGETS['seconds'])}"
    )
    print(f"  {'  spread over runs':<44} {spread:>10}")
    print(
        f"  {'peak RSS of that process':<44} {rss:>8.0f}MB {'':>10} {'':>7} "
        f"{'≤ 150 MB':>10}  {_ok(rss <= TARGETS['rss_mb'])}"
    )
    print(f"  {'cards/s, whole process':<44} {cards / median:>10,.0f} {cards / anchor:>10,.0f}")
    print("  anchor: PyYAML's C safe loader alone on the same files, in this process")


def _decks(status_json: str) -> list[dict]:
    import json

    data = json.loads(status_json)
    return data["decks"] if isinstance(data, dict) else data


def _ok(passed: bool) -> str:
    return "ok" if passed else "MISSED"


if __name__ == "__main__":
    main()
