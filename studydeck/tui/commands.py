"""The one command registry: it feeds key bindings, the footer, the help screen and the palette.

A command belongs to a *scope* (the app, or one screen). Screens take their ``BINDINGS`` from
here, the help screen lists every entry, and the command palette offers the entries of the
current screen, so a key, its footer label and its help line can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

SCOPE_TITLES = {
    "app": "Everywhere",
    "home": "Decks",
    "study": "Study",
    "summary": "Session summary",
    "help": "This help",
    "quiz": "Quiz",
    "stats": "Statistics",
}


@dataclass(frozen=True, slots=True)
class Command:
    scope: str
    key: str  # Textual key names, comma-separated for alternatives
    action: str  # action name on the scope's screen (or the app for scope "app")
    name: str  # short label: footer and palette
    help: str  # one line for the help screen and the palette
    show: bool = True  # shown in the footer
    key_display: str | None = None
    priority: bool = False
    builtin: bool = False  # Textual binds this key itself; listed for help and palette only

    @property
    def keys_label(self) -> str:
        """Every key of the command (the footer shows only ``key_display``)."""
        return " / ".join(_KEY_LABELS.get(k, k) for k in self.key.split(","))

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.name,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.help,
        )


_KEY_LABELS = {
    "space": "Space",
    "enter": "Enter",
    "escape": "Esc",
    "question_mark": "?",
    "exclamation_mark": "!",
    "ctrl+p": "Ctrl+P",
    "ctrl+q": "Ctrl+Q",
    "ctrl+s": "Ctrl+S",
    "ctrl+z": "Ctrl+Z",
    "f1": "F1",
    "f2": "F2",
}

REGISTRY: tuple[Command, ...] = (
    # everywhere
    Command("app", "question_mark,f1", "help", "Help", "Show every key binding", key_display="?"),
    Command("app", "f2", "toggle_dark", "Light/dark", "Switch between dark and light", show=False),
    Command("app", "ctrl+p", "command_palette", "Commands", "Search commands", builtin=True),
    Command("app", "ctrl+q", "quit", "Quit", "Quit studydeck", builtin=True),
    # decks
    Command("home", "enter", "study_deck", "Study", "Study the highlighted deck", priority=True),
    Command("home", "a", "study_all", "Study all", "Study every deck"),
    Command("home", "s", "stats", "Stats", "Review statistics"),
    Command("home", "z", "quiz", "Quiz", "Quiz on the highlighted deck: typed and multiple choice"),
    Command("home", "r", "refresh", "Refresh", "Reload decks and counts", show=False),
    Command("home", "u", "unbury", "Unbury", "Bring back cards buried until tomorrow", show=False),
    Command(
        "home", "y", "sync", "Sync", "Sync reviews with Anki (as `studydeck sync`)", show=False
    ),
    Command("home", "q", "quit", "Quit", "Quit studydeck"),
    # study
    Command("study", "space,enter", "reveal", "Reveal", "Show the answer", key_display="Space"),
    Command(
        "study",
        "space,enter",
        "accept",
        "Accept",
        "Rate as highlighted (the typed answer's grade, else Good)",
        key_display="Space",
    ),
    Command("study", "1", "rate(1)", "Again", "Forgot: see it again soon", show=False),
    Command("study", "2", "rate(2)", "Hard", "Recalled with serious difficulty", show=False),
    Command("study", "3", "rate(3)", "Good", "Recalled after a little thought", show=False),
    Command("study", "4", "rate(4)", "Easy", "Recalled at once", show=False),
    Command("study", "t", "typed", "Type", "Type the answer; it is graded and diffed"),
    Command("study", "u", "undo", "Undo", "Undo the last answer"),
    Command("study", "b", "bury", "Bury", "Hide this card until tomorrow"),
    Command("study", "exclamation_mark", "suspend", "Suspend", "Never show this card again"),
    Command(
        "study",
        "e",
        "edit",
        "Edit",
        "Open the source note in $EDITOR at the card's line",
    ),
    Command("study", "escape", "home", "Home", "Back to the decks (answers are already saved)"),
    Command("study", "escape", "cancel_typing", "Cancel", "Stop typing; back to the card"),
    # summary
    Command("summary", "enter,escape", "home", "Home", "Back to the decks", key_display="Enter"),
    Command("summary", "q", "quit", "Quit", "Quit studydeck"),
    # quiz
    Command("quiz", "1", "number(1)", "1", "Choose option 1; once graded, rate Again", show=False),
    Command("quiz", "2", "number(2)", "2", "Choose option 2; once graded, rate Hard", show=False),
    Command("quiz", "3", "number(3)", "3", "Choose option 3; once graded, rate Good", show=False),
    Command("quiz", "4", "number(4)", "4", "Choose option 4; once graded, rate Easy", show=False),
    Command("quiz", "enter", "accept", "Accept", "Record the grade shown and go on"),
    Command("quiz", "s,ctrl+s", "skip", "Skip", "Skip this question", key_display="s"),
    Command("quiz", "u,ctrl+z", "undo", "Undo", "Take back the last quiz answer", key_display="u"),
    Command("quiz", "escape", "home", "Home", "Back to the decks (quiz answers are saved)"),
    # stats
    Command("stats", "r", "refresh", "Refresh", "Recompute the statistics"),
    Command("stats", "escape,q", "home", "Back", "Back to the decks", key_display="Esc"),
    # help
    Command("help", "escape,q,question_mark,f1", "dismiss", "Close", "Close this help"),
)


# Keys a text field takes as text: while one has focus they type, so the footer shows the
# command's other key (``?`` → F1, ``s`` → Ctrl+S), or the screen hides the command.
_TEXT_KEYS = {"space", "question_mark", "exclamation_mark"}


def types_text(key: str) -> bool:
    return len(key) == 1 or key in _TEXT_KEYS


def key_while_typing(action: str, key: str) -> str | None:
    """The footer label of a key of ``action`` while a text field has focus: the command's
    first key that does not type text (``?,f1`` → F1, whichever of the two is asked about);
    None where the usual label is right, or for a command no key runs while typing."""
    for command in REGISTRY:
        keys = command.key.split(",")
        if command.action != action or key not in keys:
            continue
        if not types_text(key) and not command.key_display:
            return None  # its usual label is its own key
        other = next((k for k in keys if not types_text(k)), None)
        return _KEY_LABELS.get(other, other) if other else None
    return None


def commands_for(scope: str) -> list[Command]:
    return [c for c in REGISTRY if c.scope == scope]


def bindings_for(scope: str) -> list[Binding]:
    return [c.binding() for c in commands_for(scope) if not c.builtin]
