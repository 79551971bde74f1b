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
