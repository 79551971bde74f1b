"""Screens: home (decks), study, summary, help."""
