"""Hostile notes build in linear time (issue 9, item 4: quadratic build times).

Timings are compared as a ratio t(4n) / t(n), each the best of a few runs, never as absolute
times: linear work gives ~4, quadratic ~16. A ratio above 8 fails.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import re._constants as sre
import re._parser as sre_parse
import time
from collections.abc import Callable

import pytest

from studydeck.builder import (
    blanks,
    br_entries,
    brackets,
    build,
    citations,
    descriptions,
    entry_text,
    gate,
    papers,
    references,
    rules,
    salience,
)
from studydeck.builder.build import build_from_text, clear_caches
from studydeck.notes import html_tables, hygiene, outline, passages, prepare, properties, scan

LINEAR_RATIO = 8  # t(4n) / t(n): linear ~4, quadratic ~16
RUNS = 3


def best_time(action: Callable[[], object], runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def build_time(text: str) -> float:
    def run() -> None:
        clear_caches()  # a cold build, like a fresh `studydeck build`
        build_from_text(text, "x")

    return best_time(run)


# Inputs of the issue (and of the same families), as text of about n characters.
HOSTILE_NOTES = {
    "bracket math opened on every line": lambda n: "\\[x\n" * (n // 4),
    "math fence opened on every line": lambda n: "```math\n" * (n // 8),
    "html rows never closed": lambda n: "<tr><td>" * (n // 8),
    "summaries never closed": lambda n: "<summary>" * (n // 9),
    "html links never closed": lambda n: "<table><tr><td>" + '<a href="u">' * (n // 12),
    "ideographic spaces in a heading": lambda n: "# a" + "\u3000" * n + "b",
    "ideographic spaces in brackets": lambda n: "# (" + "\u3000" * n + "b",
    "spaces before no punctuation": lambda n: "# a" + " \t" * (n // 2) + "b",
    "bold label never closed": lambda n: "**a" + " (" * (n // 2) + "x",
    "link with spaced-out parenthesis": lambda n: "- [a](" + " " * n + "x",
    "venue parenthesis with trailing spaces": lambda n: "- Title (neurips" + " " * n + "x)",
    "bold label with spaces": lambda n: "- **x" + " " * n + "y",
    "paper links never closed": lambda n: "- " + "[[x]](" * (n // 6),
    "kramdown attributes never closed": lambda n: "# a" + "{:" * (n // 2),
    "footnote references never closed": lambda n: "# a" + "[^" * (n // 2),
    "emphasis never closed": lambda n: "- " + "**x " * (n // 4),
    "images never closed": lambda n: "- " + "![" * (n // 2) + "]x",
    "paper tags never closed": lambda n: "- [t](u) " + "[ [x](" * (n // 6),
    "many sibling topic headings": lambda n: (
        "# Survey\n\n"
        + "".join(
            f"## Topic {h}\n\n- [Paper {h}a](https://arxiv.org/abs/{h}) - Learns things {h}.\n"
            f"- [Paper {h}b](https://arxiv.org/abs/{h}b) - Learns more {h}.\n\n"
            for h in range(n // 150)
        )
    ),
}


@pytest.mark.parametrize("name", HOSTILE_NOTES)
def test_hostile_note_builds_in_linear_time(name):
    make = HOSTILE_NOTES[name]
    small, large = build_time(make(4_000)), build_time(make(16_000))
    assert large / small < LINEAR_RATIO, f"{name}: {small:.4f}s → {large:.4f}s"


# ── every regex over note text ─────────────────────────────────────────────────

# every module of the rules package, so a new card family is screened without being listed
RULE_MODULES = tuple(
    importlib.import_module(f"{rules.__name__}.{m.name}")
    for m in pkgutil.iter_modules(rules.__path__)
)
SCANNED_MODULES = (
    hygiene,
    outline,
    prepare,
    html_tables,
    properties,
    passages,
    scan,
    rules,
    *RULE_MODULES,
    papers,
    br_entries,
    entry_text,
    references,
    descriptions,
    citations,
    brackets,
    blanks,
    salience,
    gate,
    build,
)


def module_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    seen: set[tuple[str, int]] = set()
    for module in SCANNED_MODULES:
        for attr, value in vars(module).items():
            if not isinstance(value, re.Pattern) or not isinstance(value.pattern, str):
                continue
            if (value.pattern, value.flags) not in seen:
                seen.add((value.pattern, value.flags))
                found[f"{module.__name__}.{attr}"] = value
    return found


_CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: "1",
    sre.CATEGORY_SPACE: " \u3000\n",
    sre.CATEGORY_WORD: "a_",
    sre.CATEGORY_NOT_WORD: " .",
    sre.CATEGORY_NOT_SPACE: "a",
    sre.CATEGORY_NOT_DIGIT: "a",
}


def _class_chars(items) -> list[str]:
    """Characters a character class accepts (a sample), or a few ordinary ones if negated."""
    if any(op is sre.NEGATE for op, _ in items):
        return ["x", " "]
    chars: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL:
            chars.append(chr(arg))
        elif op is sre.RANGE:
            chars += [chr(arg[0]), chr(arg[1])]
        elif op is sre.CATEGORY:
            chars += list(_CATEGORY_CHARS.get(arg, ""))
    return chars or ["x"]


def loved_chars(pattern: re.Pattern[str]) -> list[str]:
    """Characters the pattern names: its literals and samples of its classes, in order."""
    chars: list[str] = []

    def walk(items) -> None:
        for op, arg in items:
            if op is sre.LITERAL:
                chars.append(chr(arg))
            elif op is sre.IN:
                chars.extend(_class_chars(arg))
            elif op is sre.ANY:
                chars.append("x")
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                walk(arg[2])
            elif op is sre.SUBPATTERN:
                walk(arg[3])
            elif op is sre.ATOMIC_GROUP:
                walk(arg)
            elif op is sre.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(arg[1])

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return list(dict.fromkeys(chars))


def example(pattern: re.Pattern[str], choice: int) -> str:
    """A string spelling the pattern's shape: the ``choice``-th alternative of each branch and
    class, each repetition its minimum (at least once), ``^``/``$`` as newlines under re.M."""

    def spell(items) -> str:
        out = ""
        for op, arg in items:
            if op is sre.LITERAL:
                out += chr(arg)
            elif op is sre.NOT_LITERAL or op is sre.ANY:
                out += "y" if op is sre.NOT_LITERAL and chr(arg) == "x" else "x"
            elif op is sre.IN:
                chars = _class_chars(arg)
                out += chars[choice % len(chars)]
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                low, high, body = arg
                out += spell(body) * max(low, 1 if high else 0)
            elif op is sre.SUBPATTERN:
                out += spell(arg[3])
            elif op is sre.ATOMIC_GROUP:
                out += spell(arg)
            elif op is sre.BRANCH:
                out += spell(arg[1][choice % len(arg[1])])
            elif op is sre.AT and pattern.flags & re.M:
                out += "\n" if arg in (sre.AT_BEGINNING_LINE, sre.AT_END_LINE) else ""
        return out

    return spell(sre_parse.parse(pattern.pattern, pattern.flags))


MISMATCH = "\x07"  # a character no pattern here accepts: forces every attempt to fail late


def attacks(pattern: re.Pattern[str]) -> dict[str, Callable[[int], str]]:
    """Adversarial texts of about n characters: runs of the characters the pattern loves, and
    repetitions of its opening (a prefix of an example match) alone, per line, or followed by
    a long run of a loved character — each with and without a mismatch at the end."""
    chars = loved_chars(pattern)[:8]
    openings = {example(pattern, 0)[:k] for k in range(1, 13)}
    openings |= {example(pattern, choice) for choice in (0, 1, 2)}
    openings.discard("")
    made: dict[str, Callable[[int], str]] = {}
    for c in chars:
        made[f"{c!r}*n"] = lambda n, c=c: c * n
        made[f"{c!r}*n+mismatch"] = lambda n, c=c: c * n + MISMATCH
    for p in sorted(openings):
        made[f"({p!r})*n"] = lambda n, p=p: p * (n // len(p) + 1)
        made[f"({p!r}+newline)*n"] = lambda n, p=p: (p + "\n") * (n // (len(p) + 1) + 1)
        for c in chars:
            made[f"{p!r}+{c!r}*n+mismatch"] = lambda n, p=p, c=c: p + c * n + MISMATCH
            made[f"({p!r}+{c!r})*n"] = lambda n, p=p, c=c: (p + c) * (n // (len(p) + 1) + 1)
    return made


def scan_time(pattern: re.Pattern[str], text: str, runs: int = 1) -> float:
    return best_time(lambda: sum(1 for _ in pattern.finditer(text)), runs)


SMALL, LARGE = 600, 2_400
NOISE_FLOOR = 0.001  # seconds: below this a ratio is timer and cache noise, not growth
HOPELESS = 0.05  # seconds for a few hundred characters: no linear scan is that slow


def superlinear_attacks(pattern: re.Pattern[str]) -> list[str]:
    """The first attack on which ``pattern.finditer`` grows faster than linearly (screened with
    one run each, confirmed with best-of-3 at two size pairs), or none."""
    slow: list[str] = []
    for name, make in attacks(pattern).items():
        small_text = make(SMALL)
        small = scan_time(pattern, small_text)
        if small > HOPELESS:  # confirmed best-of-RUNS: one run may have met a GC pause
            small = scan_time(pattern, small_text, RUNS)
        if small > HOPELESS:
            return [f"{name}: {small:.3f}s at {len(small_text)} chars"]
        large = scan_time(pattern, make(LARGE))
        if large < NOISE_FLOOR or large / small < LINEAR_RATIO:
            continue
        ratios = []
        for n in (SMALL, LARGE):
            small = scan_time(pattern, make(n), RUNS)
            large = scan_time(pattern, make(4 * n), RUNS)
            ratios.append((large / small, large))
            if large > HOPELESS:
                break
        if all(ratio >= LINEAR_RATIO and large >= NOISE_FLOOR for ratio, large in ratios):
            return [f"{name}: t(4n)/t(n) = {ratios[-1][0]:.1f} ({ratios[-1][1]:.3f}s)"]
    return slow


_RE_CALLS = {  # re function → index of its flags argument
    "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
    "split": 3, "sub": 4, "subn": 4,
}  # fmt: skip
INLINE_MODULES = (*RULE_MODULES, papers, references, citations, brackets, blanks, salience)


def inline_patterns() -> dict[str, re.Pattern[str]]:
    """The literal patterns of ``re.search(r"…", …)`` (and match, sub, split, …) calls in the
    code of ``INLINE_MODULES``, compiled with their flags, named by module and line."""
    found: dict[str, re.Pattern[str]] = {}
    for module in INLINE_MODULES:
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            flags = [k.value for k in node.keywords if k.arg == "flags"]
            if len(node.args) > _RE_CALLS[node.func.attr]:
                flags.append(node.args[_RE_CALLS[node.func.attr]])
            value = (
                eval(compile(ast.Expression(flags[0]), "<flags>", "eval"), {"re": re})
                if flags
                else 0
            )
            found[f"{module.__name__}:{node.lineno}"] = re.compile(node.args[0].value, value)
    return found


PATTERNS = module_patterns()


@pytest.mark.parametrize("name", PATTERNS)
def test_module_regex_runs_in_linear_time(name):
    slow = superlinear_attacks(PATTERNS[name])
    assert not slow, f"{name} /{PATTERNS[name].pattern}/ grows faster than linearly on " + (
        "; ".join(slow[:3])
    )


INLINE = inline_patterns()


def test_inline_patterns_are_found():
    assert len(INLINE) > 20  # the collector still sees the calls (they are many)


@pytest.mark.parametrize("name", INLINE)
def test_inline_regex_runs_in_linear_time(name):
    slow = superlinear_attacks(INLINE[name])
    assert not slow, f"{name} /{INLINE[name].pattern}/ grows faster than linearly on " + (
        "; ".join(slow[:3])
    )


def test_screen_catches_the_quadratic_regexes_of_the_issue():
    """The screen above is not blind: the regexes of issue 9 as they were fail it."""
    before = {
        "bracket math": re.compile(r"^([ \t]*)\\\[((?:(?!\n[ \t]*\n).)*?)\\\][ \t]*$", re.M | re.S),
        "fence math": re.compile(
            r"^([ \t]*)```+[ \t]*math[ \t]*\n(.*?)\n[ \t]*```+[ \t]*$", re.M | re.S
        ),
        "html row": re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.S | re.I),
        "summary": re.compile(r"<summary[^>]*>(.*?)</summary>", re.S | re.I),
        "space before punctuation": re.compile(r"\s+([,.;:!?)\]])"),
        "empty brackets": re.compile(r"\(\s*[,;]?\s*\)|\[\s*\]"),
    }  # fmt: skip
    for name, pattern in before.items():
        assert superlinear_attacks(pattern), f"the screen missed the old {name} regex"
