"""`e` finds the card's note (via the deck's ``source``) at the card's line."""

from __future__ import annotations

from tui_helpers import make_app, screen_text

from studydeck.cli import main
from studydeck.deck import Card, Deck, load_deck, save_deck
from studydeck.tui.backend import Source


async def test_edit_opens_the_note_at_the_card_line(env):
    env.decks_dir.mkdir(parents=True)
    note = env.decks_dir / "bert.md"
    note.write_text("# notes\n- BERT: masked LM\n", encoding="utf-8")
    deck = Deck("bert", source="bert.md", cards=[Card("b1", "BERT?", "masked LM", source_line=2)])
    save_deck(deck, env.decks_dir / "bert.yaml")
    app = make_app(env)
    card = app.backend.store.card("b1")
    assert app.backend.source_of(card) == Source(note.resolve(), 2)
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
    source = app.backend.source_of(app.backend.store.card("x2"))
    path, line = source.path, source.line
    assert source.missing_note is None
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
        assert "bert · bert.md:12" in screen_text(app)  # the note's name; e has the path


def build_in(tmp_path, note_dir: str, monkeypatch, capsys) -> Deck:
    """``studydeck build`` of ``retrieval.md`` (in ``note_dir``) into ``decks``, run from a
    third folder, then the working directory moved again: nothing may depend on either."""
    notes = tmp_path / note_dir
    notes.mkdir(parents=True, exist_ok=True)
    lines = ["# Retrieval", "", "- **RAG**: retrieval-augmented generation, a retriever", ""]
    (notes / "retrieval.md").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    code = main(["build", str(notes / "retrieval.md"), "-o", str(tmp_path / "decks")])
    assert code == 0, capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    return load_deck(tmp_path / "decks" / "retrieval.yaml")


async def test_build_records_the_note_path_so_e_opens_the_note_from_another_folder(
    env, tmp_path, monkeypatch, capsys
):
    """Issue 10: notes and decks in different folders; ``e`` opened the deck YAML."""
    deck = build_in(tmp_path, "notes/ml", monkeypatch, capsys)
    assert deck.source == "../notes/ml/retrieval.md"  # from the deck folder, forward slashes
    [card, *_] = deck.cards
    app = make_app(env)
    source = app.backend.source_of(app.backend.store.card(card.id))
    assert source == Source((tmp_path / "notes/ml/retrieval.md").resolve(), card.source_line)
    assert source.line == 3


def test_a_note_beside_its_deck_keeps_a_bare_name(env, tmp_path, monkeypatch, capsys):
    deck = build_in(tmp_path, "decks", monkeypatch, capsys)
    assert deck.source == "retrieval.md"
    app = make_app(env)
    source = app.backend.source_of(app.backend.store.card(deck.cards[0].id))
    assert source.path == (tmp_path / "decks/retrieval.md").resolve()


async def test_a_note_that_cannot_be_found_is_said_so_and_nothing_is_opened(env):
    env.decks_dir.mkdir(parents=True)
    deck = Deck(
        "gone", source="../notes/gone.md", cards=[Card("g1", "Gone?", "yes", source_line=4)]
    )
    save_deck(deck, env.decks_dir / "gone.yaml")
    app = make_app(env)
    source = app.backend.source_of(app.backend.store.card("g1"))
    assert source.missing_note == "../notes/gone.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "e")
        await pilot.pause()
        [note] = list(app._notifications)
        assert note.title == "Cannot open the note" and note.severity == "warning"
        assert "Note ../notes/gone.md not found" in note.message
        assert f"the card is at {source.path}:{source.line}" in note.message  # the deck file
        assert "Cannot leave" not in note.message  # the editor was not tried
