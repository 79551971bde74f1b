"""Where a block sits: its section label and the topic (paper, term, parent bullet) it is about."""

from __future__ import annotations

from studydeck.builder.rules.common import _drop_last_parens, _generic, _headings_label, _paper
from studydeck.builder.rules.terms import _definition
from studydeck.notes import Block, Outline


def section_label(block: Block, outline: Outline) -> str | None:
    """Where a block sits: its innermost non-generic heading, plus a short category bullet it is
    nested under (``nlp › dialog``); at most two levels, None when only generic headings remain."""
    names = list(_headings_label(block.path, outline.title, outline.name))
    node = block.parent
    while node is not None:
        label = node.text.rstrip(":.").strip()
        if (
            not node.is_paper_item
            and label
            and len(label.split()) <= 4
            and not _generic(label)
            and not _definition(node)
        ):
            names.append(_drop_last_parens(label))
            break
        node = node.parent
    return " › ".join(names[-2:]) if names else None


def _topic(block: Block, outline: Outline) -> str | None:
    """What a block is about: the nearest ancestor's term or paper name, else its section."""
    node = block.parent
    while node is not None:
        paper = _paper(node)
        if paper:
            return paper.nickname or paper.title
        found = _definition(node)
        if found:
            return found[0]
        if node.text and len(node.text.split()) <= 4:
            return node.text.rstrip(":")
        node = node.parent
    label = section_label(block, outline)
    return label.split(" › ")[-1] if label else None
