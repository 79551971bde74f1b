"""studydeck: spaced-repetition study and quizzes from research-paper notes."""

__version__ = "0.1.0"
