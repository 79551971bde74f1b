"""The Textual study UI. Only this package imports textual; it drives ``studydeck.session``."""
