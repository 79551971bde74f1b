"""A page's own metadata, read before its body: YAML front matter (Obsidian paper pages) and the
``key:: value`` page properties Logseq writes at the top of a page."""

from __future__ import annotations

import re

from studydeck.notes import hygiene

# the value runs to the last non-space of its line (lazy, it tried "[ \t]*$" after each character)
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*+)[ \t]*+:[ \t]*+((?:[^\n]*[^ \t\n])?)[ \t]*$", re.M)


def front_matter(text: str) -> dict[str, str]:
    """Flat ``key: value`` pairs of YAML front matter (Obsidian-style paper pages), lowercased
    keys, quotes stripped; lists and nested values are kept as their raw text."""
    match = hygiene.FRONT_MATTER.match(text)
    if not match:
        return {}
    return {
        key.lower(): value.strip("'\"")
        for key, value in _FRONT_KEY.findall(match.group(0))
        if value and value not in ("---", "...")
    }


_PAGE_PROPERTY = re.compile(r"\A([A-Za-z][\w-]*+)::[ \t]*+([^\n]*+)")
_FILE_LINK_TEXT = re.compile(r"\[([^\[\]\n]{1,120}+)\]")
PAGE_PROPERTY_LINES = 20


def page_properties(text: str) -> dict[str, str]:
    """Logseq's page properties, the ``key:: value`` lines a page opens with, lowercased keys;
    a highlights page's ``file:: [2000_Munkres_Topology.pdf](…)`` names its title when it has
    none ("2000 Munkres Topology")."""
    found: dict[str, str] = {}
    for line in text.splitlines()[:PAGE_PROPERTY_LINES]:
        match = _PAGE_PROPERTY.fullmatch(line.strip())
        if not match:
            if line.strip():
                break
            continue
        found[match.group(1).lower()] = match.group(2).strip()
    if "title" not in found and "file" in found:
        link = _FILE_LINK_TEXT.search(found["file"])
        stem = (link.group(1) if link else found["file"]).rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem:
            found["title"] = " ".join(stem.replace("_", " ").split())
    return found
