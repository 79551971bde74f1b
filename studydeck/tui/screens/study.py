"""Study: one card at a time, driven by the shared ``studydeck.session`` state machine.

Every answer goes through ``session.answer`` — which commits it — before the next card shows.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from textual import on
from textual.actions import parse
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static

from studydeck.session import Session, format_interval
from studydeck.store import StoredCard
from studydeck.store_errors import CardChanged, StoreFull
from studydeck.tui.commands import bindings_for, commands_for, types_text
from studydeck.tui.editor import edit_source
from studydeck.tui.text import plain
from studydeck.tui.widgets.card_view import CardView
from studydeck.tui.widgets.rating_bar import RatingBar

GOOD = 3
# t u b ! e: while the answer is typed, these keys type letters into it.
LETTER_KEYED = {
    parse(c.action)[1]
    for c in commands_for("study")
    if all(types_text(k) for k in c.key.split(","))
}
CONFIRM_SECONDS = 2.0  # "Undid the last answer" & co.: a glance, then out of the way


class StudyScreen(Screen[None]):
    SCOPE = "study"
    BINDINGS = bindings_for("study")
    AUTO_FOCUS = "CardView"

    def __init__(self, session: Session, title: str) -> None:
        super().__init__()
        self.session = session
        self.deck_title = title
        self.revealed = False
        self.typing = False
        self.selected = GOOD
        self.shown_at = 0.0  # monotonic time the current question appeared

    def compose(self) -> ComposeResult:
        with Horizontal(id="study-top"):
            yield Static(plain(self.deck_title), id="deck-title", markup=False)
            yield ProgressBar(show_eta=False, id="progress")
            yield Static(id="progress-label", markup=False)
        yield CardView(id="card")
        yield Input(placeholder="Type your answer, Enter to check, Esc to cancel", id="typed-input")
        yield RatingBar(id="ratings")
        yield Footer(compact=True)  # every study key fits in 80 columns

    def on_mount(self) -> None:
        self.show_current()

    # ── state → screen ────────────────────────────────────────────────────────

    def show_current(self) -> None:
        current = self.session.current
        if current is None:
            self.app.show_summary(self.session.summary())
            return
        card = current
        self.revealed = False
        self.typing = False
        self.selected = GOOD
        self.query_one(CardView).show_card(
            question=card.question,
            answer=card.answer,
            context=card.context,
            source=source_label(card, self.session.store.deck_source(card.deck)),
        )
        self._show_parts(revealed=False, typing=False)
        # Paint the card first; the progress label and the store's housekeeping follow.
        self.call_after_refresh(self._show_progress)
        self.query_one(CardView).focus()
        self.refresh_bindings()
        self.shown_at = self.app.monotonic()

    def _show_parts(self, *, revealed: bool, typing: bool) -> None:
        """Show or hide the rating bar and the typed-answer field on those two widgets: a class
        on the screen would restyle every widget on it, footer included (~20 ms a card)."""
        self.query_one(RatingBar).display = revealed
        self.query_one("#typed-input", Input).display = typing

    def _show_progress(self) -> None:
        progress = self.session.progress()
        done, remaining = progress.done, progress.remaining
        bar = self.query_one(ProgressBar)
        bar.update(total=max(done + remaining, 1), progress=done)
        self.query_one("#progress-label", Static).update(Content(f"{done} done · {remaining} left"))
        self.session.idle()

    def _show_answer(self) -> None:
        self.session.reveal()
        self.revealed = True
        self.typing = False
        self.query_one(CardView).reveal()
        self._show_parts(revealed=True, typing=False)
        intervals = {int(r): format_interval(d) for r, d in self.session.intervals().items()}
        self.query_one(RatingBar).show(intervals, self.selected)
        self.query_one(CardView).focus()
        self.refresh_bindings()

    # ── bindings ──────────────────────────────────────────────────────────────

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides a key from the footer, None dims it. Reveal and accept share Space, so
        # one of them is hidden; every other key keeps its place in the footer, dimmed while
        # it does nothing, so the footer does not change under the learner's eyes.
        if action == "reveal":
            return not self.revealed and not self.typing
        if action in ("accept", "rate"):
            return self.revealed
        if action == "cancel_typing":  # Esc while typing stops typing, else goes home
            return self.typing
        if action == "home":
            return not self.typing
        if self.typing and action in LETTER_KEYED:
            return False  # their keys type letters into the answer: not offered meanwhile
        if action == "typed":
            return (not self.revealed and not self.typing) or None
        if action == "undo":
            return bool(self.session.answers) or None
        return True

    def action_reveal(self) -> None:
        self._show_answer()

    def action_accept(self) -> None:
        self.action_rate(self.selected)

    def action_rate(self, rating: int) -> None:
        elapsed_ms = round((self.app.monotonic() - self.shown_at) * 1000)
        try:
            answered = self.session.answer(rating, elapsed_ms)  # the session caps the duration
        except (CardChanged, StoreFull) as exc:  # nothing recorded; the session says what next
            self.notify(str(exc), severity="error")
            self.show_current()
            return
        if answered.became_leech:
            self.notify(
                f"{answered.card_id} lapsed too often: tagged leech and suspended",
                severity="warning",
                markup=False,
            )
        self.show_current()

    def action_undo(self) -> None:
        self.session.undo()
        self.notify("Undid the last answer", timeout=CONFIRM_SECONDS)
        self.show_current()

    def action_bury(self) -> None:
        self.session.bury()
        self.notify("Buried until tomorrow", timeout=CONFIRM_SECONDS)
        self.show_current()

    def action_suspend(self) -> None:
        self.session.suspend()
        self.notify("Suspended", timeout=CONFIRM_SECONDS)
        self.show_current()

    def action_edit(self) -> None:
        current = self.session.current
        if current is not None:
            edit_source(self.app, current)
            self.show_current()

    def action_typed(self) -> None:
        self.typing = True
        self._show_parts(revealed=self.revealed, typing=True)
        field = self.query_one("#typed-input", Input)
        field.value = ""
        field.focus()
        self.refresh_bindings()

    def action_home(self) -> None:
        self.app.action_home()

    def action_cancel_typing(self) -> None:
        self.typing = False
        self._show_parts(revealed=self.revealed, typing=False)
        self.query_one(CardView).focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#typed-input")
    def _check_typed(self, event: Input.Submitted) -> None:
        from studydeck import grading

        current = self.session.current
        if current is None:
            return
        expected = current.answer
        elapsed = self.app.monotonic() - self.shown_at
        grade = grading.grade(event.value, expected, elapsed)
        self.selected = int(grade.rating)
        self.query_one(CardView).show_typed(
            event.value, expected, f"{grade.verdict} ({grade.score})"
        )
        self._show_answer()


def source_label(card: StoredCard, note: str | None) -> str:
    """Where the card comes from: its deck, then ``<note file>:<line>`` (the file name of the
    deck's ``source:``, a path from the deck folder, and the card's line in it), then its URL."""
    parts = [card.deck]
    if note:
        note = PurePosixPath(note).name
        parts.append(f"{note}:{card.source_line}" if card.source_line else note)
    elif card.source_line:
        parts.append(f"line {card.source_line}")
    if card.url:
        parts.append(card.url)
    return " · ".join(parts)
