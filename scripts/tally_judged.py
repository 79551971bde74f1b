"""Tally a blind judgment of an ``eval-notes`` sample: KEEP/MEH/DEFECT overall, per kind and per
genre (from the sample's ``.key.tsv``), and, given a second judge's file of the same sample, how
often the two agree (Cohen's kappa).

    scripts/tally-judged SAMPLE.key.tsv JUDGED.tsv [SECOND_JUDGED.tsv]

A judged file is a TSV with a header ``n  label  reason`` and one row per sampled card; labels
are KEEP, MEH or DEFECT. The judge sees only the sample, never the key.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

LABELS = ("KEEP", "MEH", "DEFECT")


def read_judged(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = {
            row["n"].strip(): row["label"].strip().upper()
            for row in csv.DictReader(handle, delimiter="\t")
        }
    bad = sorted({label for label in rows.values() if label not in LABELS})
    if bad:
        raise SystemExit(f"{path}: labels must be KEEP, MEH or DEFECT, not {', '.join(bad)}")
    return rows


def read_key(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["number"]: row for row in csv.DictReader(handle, delimiter="\t")}


def shares(counts: Counter[str]) -> str:
    total = sum(counts.values()) or 1
    return "  ".join(
        f"{label} {counts[label]:>3} ({counts[label] / total:4.0%})" for label in LABELS
    )


def kappa(first: dict[str, str], second: dict[str, str]) -> tuple[float, float]:
    """(share of cards both judges labelled alike, Cohen's kappa)."""
    common = sorted(set(first) & set(second))
    if not common:
        raise SystemExit("the two judgments share no card")
    observed = sum(first[n] == second[n] for n in common) / len(common)
    a, b = Counter(first[n] for n in common), Counter(second[n] for n in common)
    expected = sum(a[label] * b[label] for label in LABELS) / len(common) ** 2
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("key", type=Path, help="the sample's .key.tsv")
    parser.add_argument("judged", type=Path, help="a judge's TSV (n, label, reason)")
    parser.add_argument("second", type=Path, nargs="?", help="a second judge's TSV, same sample")
    args = parser.parse_args(argv)
    key, judged = read_key(args.key), read_judged(args.judged)
    missing = sorted(set(key) - set(judged), key=int)
    if missing:
        raise SystemExit(f"{args.judged}: no judgment for card(s) {', '.join(missing[:10])}")
    print(f"all      n={len(judged):>4}  {shares(Counter(judged.values()))}")
    for field in ("kind", "genre"):
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for n, label in judged.items():
            groups[key[n].get(field) or "-"][label] += 1
        print(f"\nper {field}")
        for name, counts in sorted(groups.items(), key=lambda kv: -sum(kv[1].values())):
            print(f"  {name:<20} n={sum(counts.values()):>4}  {shares(counts)}")
    if args.second:
        agree, k = kappa(judged, read_judged(args.second))
        print(f"\ntwo judges: agree on {agree:.0%} of cards, Cohen's kappa {k:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
