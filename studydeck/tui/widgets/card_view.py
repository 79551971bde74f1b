"""The card being studied: context, question, typed-answer diff, answer and source."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from studydeck.tui.text import card_text, plain, styled, typed_diff


class CardView(VerticalScroll, can_focus=True):
    """Scrolls, so a long answer is never clipped at 80×24."""

    def compose(self) -> ComposeResult:
        yield Static(id="context", markup=False)
        yield Static(id="question", markup=False)
        yield Static(id="typed", markup=False)
        yield Static(id="answer", markup=False)
        yield Static(id="source", markup=False)

    def show_card(self, *, question: str, answer: str, context: str, source: str) -> None:
        self.query_one("#context", Static).update(styled(context, "italic $text-muted"))
        self.query_one("#question", Static).update(card_text(question))
        self.query_one("#answer", Static).update(card_text(answer))
        self.query_one("#source", Static).update(styled(source, "$text-muted"))
        self.query_one("#typed", Static).update(Content(""))
        self.set_class(False, "-revealed")
        self.set_class(False, "-typed")
        self.scroll_home(animate=False)

    def reveal(self) -> None:
        self.set_class(True, "-revealed")

    def show_typed(self, typed: str, expected: str, verdict: str) -> None:
        """The learner's answer, its diff against the expected one, and the verdict."""
        parts: list[tuple[str, str] | str | Content] = [("You typed: ", "bold"), plain(typed)]
        parts += ["\n", ("Diff:      ", "bold"), typed_diff(typed, expected)]
        parts += ["\n", ("Verdict:   ", "bold"), plain(verdict)]
        self.query_one("#typed", Static).update(Content.assemble(*parts))
        self.set_class(True, "-typed")
