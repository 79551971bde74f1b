"""Non-TUI code never imports textual: the CLI stays fast and the domain stays UI-free."""

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "studydeck"


def _textual_loaded_after(*modules: str) -> bool:
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    code += "print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


def test_cli_does_not_import_textual():
    assert not _textual_loaded_after("studydeck.cli")


def test_domain_modules_do_not_import_textual():
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        if "tui" in rel.parts or rel.name == "__main__":
            continue
        modules.append(".".join(rel.parts).removesuffix(".__init__"))
    assert len(modules) > 5
    assert not _textual_loaded_after(*modules)


def test_textual_is_detected_when_imported():
    # The check above can fail: importing textual is seen.
    assert _textual_loaded_after("textual.app")


def _imports_anki(source: str) -> bool:
    import ast

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] == "anki" for name in names):
            return True
    return False


def test_only_the_anki_package_imports_anki():
    """anki is AGPL and optional: studydeck imports it only in studydeck/anki/."""
    users = {
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if _imports_anki(path.read_text(encoding="utf-8"))
    }
    assert users, "the check finds nothing: it cannot fail"
    assert all(user.startswith("studydeck/anki/") for user in users), sorted(users)
    assert not _imports_anki("import json\nfrom studydeck import anki\n")


def _after_status(env: dict) -> tuple[set[str], dict[str, bool]]:
    """The modules a ``status --json`` process loaded, and the NamedTuples studydeck defined
    in them (``module.Class``): whether their annotations were strings (made ForwardRefs)."""
    code = (
        "import runpy, sys\n"
        "sys.argv = ['studydeck', 'status', '--json']\n"
        "try:\n    runpy.run_module('studydeck', run_name='__main__')\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
        "ours = [(n, m) for n, m in list(sys.modules.items()) if n.startswith('studydeck')]\n"
        "from typing import ForwardRef\n"
        "forward = lambda c: any(isinstance(a, ForwardRef) for a in c.__annotations__.values())\n"
        "found = [f'{n}.{c.__qualname__}:{forward(c)}' for n, m in ours for c in vars(m).values()\n"
        "         if isinstance(c, type) and c.__module__ == n and issubclass(c, tuple)\n"
        "         and hasattr(c, '_fields')]\n"
        "print(' '.join(found), file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    modules, tuples = out.stderr.splitlines()
    named = dict(found.rsplit(":", 1) for found in tuples.split())
    return set(modules.split()), {name: forward == "True" for name, forward in named.items()}


def test_status_imports_only_what_it_uses(tmp_path, write_deck):
    """``status`` is the command run most (prompts, bars): no UI, no scheduler, no builder, no
    YAML once the decks are cached; studydeck modules only from its own path."""
    import os

    write_deck("papers", [{"id": "p-1"}, {"id": "p-2"}])
    env = {
        **os.environ,
        "STUDYDECK_DATA_DIR": str(tmp_path / "data"),
        "STUDYDECK_DECKS": str(tmp_path / "decks"),
        "STUDYDECK_CONFIG": str(tmp_path / "none.toml"),
    }
    (tmp_path / "none.toml").write_text("")
    first, _ = _after_status(env)  # parses the new deck: the loader is needed
    assert {"studydeck.deck", "yaml_rs"} <= first
    modules, named_tuples = _after_status(env)  # the deck cache is warm
    never = {"textual", "rich", "fsrs", "fsrs_rs_python", "rapidfuzz", "markdown_it", "ftfy",
             "wordfreq", "flatlatex", "anki", "numpy", "yaml", "yaml_rs", "multiprocessing",
             "concurrent", "platformdirs",
             # argparse and what it brings (a plain status skips it: studydeck.status_args)
             "argparse", "gettext", "locale", "shutil", "bz2", "lzma",
             # dataclasses and what it brings, ~6 ms (studydeck.fieldwise, store.records)
             "dataclasses", "inspect", "ast", "dis", "tokenize"}  # fmt: skip
    loaded = {m.split(".")[0] for m in modules} & never
    assert not loaded, sorted(loaded)
    ours = {m for m in modules if m.startswith("studydeck")}
    allowed = {"studydeck", "studydeck.__main__", "studydeck.cli", "studydeck.commands",
               "studydeck.commands.status", "studydeck.commands._state", "studydeck.config",
               "studydeck.environment", "studydeck.errors", "studydeck.fieldwise",
               "studydeck.paths", "studydeck.queue", "studydeck.status_args",
               "studydeck.store_errors", "studydeck.text"}  # fmt: skip
    assert {m for m in ours if not m.startswith("studydeck.store")} <= allowed, sorted(ours)
    # typing.NamedTuple compiles a string annotation (``from __future__ import annotations``)
    # into a ForwardRef, the first compile building the AST types: see studydeck.store.records.
    assert {"studydeck.config.Config", "studydeck.store.records.CardState"} <= set(named_tuples)
    assert not [name for name, forward in named_tuples.items() if forward], named_tuples
