"""Export to Anki (.apkg with progress, TSV) and import from Anki packages.

The engine modules take a plain :mod:`studydeck.export.model` description of what to export,
so they do not depend on how the store keeps review state.
"""
