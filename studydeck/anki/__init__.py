"""Everything that speaks Anki: .apkg export with progress, TSV, import from Anki packages, and
two-way sync through Anki's sync server. The only package that imports ``anki`` (AGPL, optional).

The engine modules take a plain :mod:`studydeck.anki.model` description of what to export,
so they do not depend on how the store keeps review state.
"""
