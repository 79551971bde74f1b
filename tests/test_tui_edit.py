"""`e` finds the card's note (via the deck's ``source``) at the card's line."""

from __future__ import annotations

from tui_helpers import make_app, screen_text

from studydeck.deck import Card, Deck, save_deck


async def test_edit_opens_the_note_at_the_card_line(env):
    env.decks_dir.mkdir(parents=True)
    note = env.decks_dir / "bert.md"
    note.write_text("# notes\n- BERT: masked LM\n", encoding="utf-8")
    deck = Deck("bert", source="bert.md", cards=[Card("b1", "BERT?", "masked LM", source_line=2)])
    save_deck(deck, env.decks_dir / "bert.yaml")
    app = make_app(env)
    card = app.backend.store.card("b1")
    assert app.backend.source_of(card) == (note.resolve(), 2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "e")  # headless: cannot suspend, so it says where the note is
        await pilot.pause()
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any(f"{note.resolve()}:2" in m for m in messages), messages


def test_source_falls_back_to_the_deck_file_at_the_card(env):
    env.decks_dir.mkdir(parents=True)
    deck = Deck("d", cards=[Card("x1", "Q1?", "A1"), Card("x2", "Q2?", "A2")])
    save_deck(deck, env.decks_dir / "d.yaml")
    app = make_app(env)
    path, line = app.backend.source_of(app.backend.store.card("x2"))
    assert path == (env.decks_dir / "d.yaml").resolve()
    assert path.read_text().splitlines()[line - 1].strip() == "- id: x2"


async def test_study_screen_shows_the_note_and_line(env):
    env.decks_dir.mkdir(parents=True)
    deck = Deck(
        "bert", source="notes/bert.md", cards=[Card("b1", "BERT?", "masked LM", source_line=12)]
    )
    save_deck(deck, env.decks_dir / "bert.yaml")
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "bert · notes/bert.md:12" in screen_text(app)
