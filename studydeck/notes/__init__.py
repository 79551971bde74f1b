"""Markdown notes → an outline of blocks (headings, list items, paragraphs, table rows, math)."""

from studydeck.notes.outline import Block, Outline, parse_outline

__all__ = ["Block", "Outline", "parse_outline"]
