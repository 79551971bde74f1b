"""`export anki|tsv` and `import anki` over the review store, checked with Anki's engine."""

from __future__ import annotations

import io
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from studydeck.cli import build_parser, main
from studydeck.commands import export, import_anki
from studydeck.environment import Environment
from studydeck.errors import StudydeckError
from studydeck.schedule import Scheduler, answer
from studydeck.store import Store

anki_collection = pytest.importorskip("anki.collection")

START = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc_local_time(monkeypatch):
    """Anki and the store count days in local time; pin it so both agree exactly."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run(command, env, *argv):
    return command.run(build_parser().parse_args(argv), env)


@pytest.fixture
def studied(env, clock, write_deck):
    """Two decks in the store, most cards answered over months through the real scheduler."""
    write_deck("papers", [{"id": f"p-{i}", "tags": ["deep learning"]} for i in range(12)])
    write_deck("math", [{"id": f"m-{i}", "question": f"Is $x_{i} < 1$?"} for i in range(5)])
    rng = random.Random(4)
    scheduler = Scheduler()
    with Store.open(env.data_dir) as store:
        store.sync_decks(env.decks_dir)
        cards = [c for c in store.cards() if c.id not in ("p-0", "m-0")]  # two stay new
        for card in cards:
            moment = START + timedelta(days=rng.randint(0, 30))
            for _ in range(rng.randint(1, 6)):
                if moment >= clock():
                    break
                rating = rng.choices([1, 2, 3, 4], weights=[15, 10, 60, 15])[0]
                done = answer(store, scheduler, card.num, rating, moment, duration_ms=3000)
                moment = max(done.due, moment + timedelta(minutes=1))
        store.set_suspended(["p-3"], True)
    return env


def state_of_store(env):
    with Store.open(env.data_dir) as store:
        cards = {c.id: c for c in store.cards()}
        reviews = store.reviews()
    return cards, reviews


def test_export_anki_from_the_store(studied, tmp_path):
    env = studied
    out = tmp_path / "out.apkg"
    assert run(export, env, "export", "anki", str(out)) == 0
    assert "17 card(s) in 2 deck(s), with scheduling" in env.stdout.getvalue()
    cards, reviews = state_of_store(env)
    col = anki_collection.Collection(str(tmp_path / "target.anki2"))
    try:
        col.import_anki_package(
            anki_collection.ImportAnkiPackageRequest(
                package_path=str(out),
                options=anki_collection.ImportAnkiPackageOptions(
                    with_scheduling=True, with_deck_configs=True
                ),
            )
        )
        assert col.note_count() == 17
        assert col.db.scalar("SELECT count() FROM revlog") == len(reviews)
        checked = 0
        for guid, cid, queue in col.db.all(
            "SELECT n.guid, c.id, c.queue FROM cards c JOIN notes n ON n.id = c.nid"
        ):
            memory = cards[guid].memory
            assert (queue == -1) == memory.suspended
            if memory.stability is None:
                continue
            recomputed = col.compute_memory_state(cid)
            assert recomputed.stability == pytest.approx(memory.stability, rel=0.02), guid
            checked += 1
        assert checked == 15
    finally:
        col.close()


def test_roundtrip_through_anki_rebuilds_the_same_state(studied, tmp_path, clock):
    env = studied
    out = tmp_path / "out.apkg"
    run(export, env, "export", "anki", str(out))
    before_cards, before_reviews = state_of_store(env)
    other = Environment(
        stdin=io.StringIO(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        clock=clock,
        data_dir=tmp_path / "data2",
        decks_dir=tmp_path / "decks2",
        config_path=tmp_path / "config.toml",
    )
    assert run(import_anki, other, "import", "anki", str(out)) == 0
    assert f"{len(before_reviews)} review(s)" in other.stdout.getvalue()
    after_cards, after_reviews = state_of_store(other)
    assert len(after_reviews) == len(before_reviews)
    assert set(after_cards) == set(before_cards)
    for card_id, before in before_cards.items():
        after = after_cards[card_id]
        assert (after.deck, after.question, after.answer) == (
            before.deck,
            before.question,
            before.answer,
        )
        b, a = before.memory, after.memory
        assert (a.state, a.step, a.reps, a.lapses, a.suspended, a.last_review) == (
            b.state, b.step, b.reps, b.lapses, b.suspended, b.last_review
        )  # fmt: skip
        if b.stability is not None:
            assert a.stability == pytest.approx(b.stability, rel=1e-9)
            assert a.difficulty == pytest.approx(b.difficulty, rel=1e-9)
    # importing the same package again is refused without --force, and adds nothing with it
    with pytest.raises(StudydeckError, match=r"decks2/math.yaml: deck 'math' is already there"):
        run(import_anki, other, "import", "anki", str(out))
    assert run(import_anki, other, "import", "anki", str(out), "--force") == 0
    assert len(state_of_store(other)[1]) == len(before_reviews)


def test_export_tsv_of_chosen_decks(studied, tmp_path):
    out = tmp_path / "math.txt"
    assert run(export, studied, "export", "tsv", str(out), "--deck", "math") == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 + 5
    assert all("\tstudydeck::math\t" in line for line in lines[6:])
    assert r"\(x_1 &lt; 1\)" in out.read_text(encoding="utf-8")


def test_deck_option_repeats_and_may_come_before_out(studied, tmp_path):
    out = tmp_path / "both.txt"
    args = ["export", "tsv", "--deck", "math", "--deck", "papers", str(out)]
    assert build_parser().parse_args(args).deck == ["math", "papers"]
    assert run(export, studied, *args) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6 + 5 + 12
    args = ["export", "anki", "--deck", "math", str(tmp_path / "m.apkg")]
    assert build_parser().parse_args(args).out == str(tmp_path / "m.apkg")


def test_unknown_deck_is_an_error(studied, tmp_path):
    with pytest.raises(StudydeckError, match="no deck named 'nope'"):
        run(export, studied, "export", "tsv", str(tmp_path / "x.txt"), "--deck", "nope")
    assert not (tmp_path / "x.txt").exists()


def test_without_anki_the_cli_explains_how_to_install_it(studied, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "anki", None)
    monkeypatch.setitem(sys.modules, "anki.collection", None)
    code = main(["export", "anki", str(tmp_path / "x.apkg")])
    assert code == 1
    err = capsys.readouterr().err
    assert "pip install 'studydeck[anki]'" in err and "Traceback" not in err


def test_corrupt_package_import_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"\x00garbage")
    assert main(["import", "anki", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not an Anki package" in err


def test_import_refuses_to_overwrite_another_deck(tmp_path, write_deck, env):
    from studydeck.anki.apkg_import import ImportedPackage
    from studydeck.anki.into_store import write_decks
    from studydeck.deck import Card, Deck

    path = write_deck("other", [{"id": "o-1"}], file="papers.yaml")
    package = ImportedPackage(decks=[Deck("papers", cards=[Card("x-1", "Q?", "A")])])
    with pytest.raises(StudydeckError, match="holds another deck"):
        write_decks(package, path.parent)
    assert "o-1" in path.read_text(encoding="utf-8")
    assert os.listdir(path.parent) == ["papers.yaml"]


def test_import_keeps_a_built_deck_unless_forced_and_then_keeps_its_archive(tmp_path):
    from studydeck.anki.apkg_import import ImportedPackage
    from studydeck.anki.into_store import write_decks
    from studydeck.deck import Card, Deck, load_deck, save_deck

    built = Deck(
        "papers",
        title="Papers",
        source="papers.md",
        cards=[Card("p-1", "Q1?", "A1", kind="paper-summary"), Card("p-2", "Q2?", "A2")],
        archived=[Card("p-0", "Q0?", "A0", kind="definition")],
    )
    path = tmp_path / "decks" / "papers.yaml"
    save_deck(built, path)
    before = path.read_text(encoding="utf-8")
    package = ImportedPackage(decks=[Deck("papers", cards=[Card("p-1", "Q1 edited?", "A1")])])
    with pytest.raises(StudydeckError, match=f"^{path}: deck 'papers' is already there"):
        write_decks(package, path.parent)
    assert path.read_text(encoding="utf-8") == before

    write_decks(package, path.parent, force=True)
    after = load_deck(path)
    assert (after.title, after.source) == ("Papers", "papers.md")
    assert after.cards == [Card("p-1", "Q1 edited?", "A1", kind="paper-summary")]
    assert [(c.id, c.kind) for c in after.archived] == [("p-0", "definition"), ("p-2", "manual")]


def test_tags_and_kind_come_back_in_exported_order():
    from studydeck.anki.fields import tag_order_comment, tags_and_kind

    source = "n.md:3" + tag_order_comment(["zeta", "a>b-->", "Alpha"])
    anki_sorted = ["a>b-->", "added_in_anki", "Alpha", "studydeck::kind::cloze", "zeta"]
    assert tags_and_kind(anki_sorted, source) == (
        ("zeta", "a>b-->", "Alpha", "added_in_anki"),
        "cloze",
    )
    assert tags_and_kind(["x"], "n.md") == (("x",), "manual")


def test_export_takes_deck_sources_from_the_store_without_parsing_decks(
    env, write_deck, monkeypatch, tmp_path
):
    write_deck("papers", [{"id": "p-1"}])
    deck_file = env.decks_dir / "papers.yaml"
    deck_file.write_text(
        deck_file.read_text().replace("deck: papers\n", "deck: papers\nsource: papers.md\n")
    )
    with Store.open(env.data_dir) as store:
        store.sync_decks(env.decks_dir)  # parsed once here; the export must not parse again
    monkeypatch.setattr("studydeck.deck.parse_deck", lambda *a, **k: pytest.fail("parsed"))
    out = tmp_path / "out.txt"
    assert run(export, env, "export", "tsv", str(out)) == 0
    assert "papers.md" in out.read_text(encoding="utf-8")
