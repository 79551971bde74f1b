"""The sample notes in ../shared/notes, which a user's clone does not have."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SAMPLE_NOTES = Path(__file__).resolve().parent.parent.parent / "shared" / "notes"
# A user's clone has no ../shared beside it: tests of the sample notes skip there, with the
# reason. CI sets STUDYDECK_REQUIRE_SAMPLES=1 (.ci/run), which turns that skip into a failure,
# so CI always runs them.
REQUIRE_SAMPLES = "STUDYDECK_REQUIRE_SAMPLES"


def require_sample_notes() -> list[Path]:
    """The sample notes, or a skip (a failure when $STUDYDECK_REQUIRE_SAMPLES is set)."""
    notes = sorted(SAMPLE_NOTES.glob("*.md"))
    if notes:
        return notes
    reason = f"sample notes not found in {SAMPLE_NOTES} (they sit beside the repository)"
    if os.environ.get(REQUIRE_SAMPLES):
        pytest.fail(f"{reason}, and ${REQUIRE_SAMPLES} says they must run")
    pytest.skip(reason)
