"""Widgets of the study UI; every one that shows card text builds it with ``tui.text``."""
