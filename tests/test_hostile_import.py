"""`import anki` of hostile packages: refused in one line, before anything is written."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, timedelta

import fsrs
import pytest
import yaml
from anki_helpers import NOW, export_card, simulate

from studydeck.anki import apkg_archive, apkg_import
from studydeck.anki.apkg_export import write_apkg
from studydeck.anki.model import SchedulerSettings
from studydeck.anki.zstd_size import (
    BLOCK_MAX,
    TooLarge,
    ZstdFormatError,
    decompressed_bound,
)
from studydeck.cli import main, run_command
from studydeck.deck import Card
from studydeck.store import Store

anki_collection = pytest.importorskip("anki.collection")


def foreign_package(tmp_path, notes, *, revlog=(), name="foreign.apkg", guid=None):
    """An .apkg made by Anki from Basic notes ``(deck, front, back)``; ``revlog`` rows
    ``(id, ease, ivl, time, type)`` are added to the first card as they are; ``guid`` is
    given to every note."""
    col = anki_collection.Collection(str(tmp_path / f"{name}.anki2"))
    try:
        basic = col.models.by_name("Basic")
        for deck, front, back in notes:
            note = col.new_note(basic)
            note["Front"], note["Back"] = front, back
            col.add_note(note, col.decks.id(deck))
        if guid is not None:
            col.db.execute("UPDATE notes SET guid = ?", guid)
        first = col.db.scalar("SELECT min(id) FROM cards")
        for rid, ease, ivl, taken, kind in revlog:
            col.db.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                "VALUES (?, ?, 0, ?, ?, 0, 0, ?, ?)",
                rid, first, ease, ivl, taken, kind,
            )  # fmt: skip
        out = tmp_path / name
        col.export_anki_package(
            out_path=str(out),
            options=anki_collection.ExportAnkiPackageOptions(with_scheduling=True),
            limit=None,
        )
    finally:
        col.close()
    return out


def studydeck_package(tmp_path, card_id, deck, *, reviews=6):
    """A studydeck export of one card ``card_id`` in ``deck`` with ``reviews`` answers."""
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    start = (NOW - timedelta(days=200)).replace(hour=10, minute=0)
    fcard, log, lapses = simulate(scheduler, start, NOW, random.Random(3), max_reviews=reviews)
    card = Card(card_id, "What is renamed?", "Its answer")
    out = tmp_path / f"{deck}.apkg"
    write_apkg(
        [export_card(card, deck, fcard, log, lapses)],
        out,
        settings=SchedulerSettings(),
        now=NOW,
        tz=UTC,
    )
    return out, len(log)


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    assert "Traceback" not in err
    return err


def deck_files(env):
    return sorted(p.name for p in env.decks_dir.glob("*")) if env.decks_dir.exists() else []


# ── 1. zstd bombs ──────────────────────────────────────────────────────────────


def zstd_frame(blocks, *, content_size=None):
    """A zstd frame (RFC 8878) from ``(kind, size, payload)`` blocks, window 128 KiB."""
    if content_size is None:
        out = bytearray(b"\x28\xb5\x2f\xfd\x00\x38")  # no content size; window 2^17
    else:
        out = bytearray(b"\x28\xb5\x2f\xfd\xc0\x38") + content_size.to_bytes(8, "little")
    for i, (kind, size, payload) in enumerate(blocks):
        last = i == len(blocks) - 1
        out += (int(last) | kind << 1 | size << 3).to_bytes(3, "little") + payload
    return bytes(out)


def rle_bomb(size, **kw):
    """``size`` zero bytes once decompressed, in 4 bytes per 128 KiB (RLE blocks)."""
    return zstd_frame([(1, BLOCK_MAX, b"\x00")] * (size // BLOCK_MAX), **kw)


def with_member(package, out, member, data):
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == member else src.read(info))
    return out


@pytest.mark.parametrize(
    ("member", "content_size"),
    [
        ("collection.anki21b", None),  # no declared size: bounded from the blocks
        ("collection.anki21b", 1000),  # a declared size that lies
        ("collection.anki21b", 1 << 40),  # a declared size over the limit
        ("media", None),  # the media map is zstd too
    ],
)
def test_zstd_bomb_is_refused_before_anki_unpacks_it(
    tmp_path, env, monkeypatch, capsys, member, content_size
):
    monkeypatch.setattr(apkg_archive, "MAX_UNPACKED_BYTES", 1 << 20)
    real = foreign_package(tmp_path, [("Default", "Q?", "A")])
    bomb = with_member(
        real, tmp_path / "bomb.apkg", member, rle_bomb(8 << 20, content_size=content_size)
    )
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(
        anki_collection.Collection,
        "import_anki_package",
        lambda *a, **k: pytest.fail("Anki was handed the bomb"),
    )
    assert main(["import", "anki", str(bomb)]) == 1
    err = one_line_error(capsys)
    assert "bomb.apkg: refusing a package that unpacks to more than 1 MiB" in err
    assert deck_files(env) == []


def test_real_anki_package_is_within_its_bound(tmp_path, monkeypatch):
    real = foreign_package(tmp_path, [("Default", f"Q{i}?", "A" * 500) for i in range(200)])
    with zipfile.ZipFile(real) as archive:
        data = archive.read("collection.anki21b")
    bound = decompressed_bound(io.BytesIO(data), 1 << 30)
    assert bound >= 50 * 4096  # at least the SQLite pages Anki wrote (it is a real bound)
    monkeypatch.setattr(apkg_archive, "MAX_UNPACKED_BYTES", bound // 2)
    with pytest.raises(apkg_import.StudydeckError, match="unpacks to more than"):
        apkg_import.check_archive(real)
    monkeypatch.setattr(apkg_archive, "MAX_UNPACKED_BYTES", 1 << 30)
    apkg_import.check_archive(real)


def test_decompressed_bound_reads_block_headers():
    raw = zstd_frame([(0, 5, b"hello"), (1, 1000, b"x")])
    assert decompressed_bound(io.BytesIO(raw), 10_000) == 1005
    compressed = zstd_frame([(2, 3, b"abc")])
    assert decompressed_bound(io.BytesIO(compressed), 1 << 20) == BLOCK_MAX
    skippable = b"\x50\x2a\x4d\x18" + (3).to_bytes(4, "little") + b"xyz"
    assert decompressed_bound(io.BytesIO(skippable + raw + raw), 10_000) == 2010
    with pytest.raises(TooLarge):
        decompressed_bound(io.BytesIO(raw), 1004)
    with pytest.raises(ZstdFormatError):
        decompressed_bound(io.BytesIO(raw[:-3]), 10_000)
    with pytest.raises(ZstdFormatError):
        decompressed_bound(io.BytesIO(b"SQLite format 3\x00"), 10_000)


# ── 2. an id that belongs to another deck ──────────────────────────────────────


@pytest.fixture
def studied_papers(env, write_deck, clock):
    """Deck ``papers`` with card p-1 answered twice."""
    from studydeck.schedule import Scheduler, answer

    write_deck("papers", [{"id": "p-1"}, {"id": "p-2"}])
    with Store.open(env.data_dir) as store:
        store.sync_decks(env.decks_dir)
        num = store.card("p-1").num
        answer(store, Scheduler(), num, 3, clock() - timedelta(days=3))
        answer(store, Scheduler(), num, 3, clock() - timedelta(days=1))
        before = (store.reviews("p-1"), store.card("p-1").memory)
    return before


def test_import_never_writes_history_onto_another_decks_card(tmp_path, env, studied_papers, capsys):
    package, _ = studydeck_package(tmp_path, "p-1", "renamed")
    assert main(["import", "anki", str(package)]) == 1
    err = one_line_error(capsys)
    assert "card id 'p-1'" in err and "papers.yaml" in err and "nothing was written" in err
    assert deck_files(env) == ["papers.yaml"]
    with Store.open(env.data_dir) as store:
        assert (store.reviews("p-1"), store.card("p-1").memory) == studied_papers


def test_import_refuses_an_id_the_store_gives_to_another_deck(tmp_path, env, studied_papers):
    (env.decks_dir / "papers.yaml").unlink()  # p-1 now lives only in the store (archived)
    package, _ = studydeck_package(tmp_path, "p-1", "renamed")
    with pytest.raises(apkg_import.StudydeckError, match="deck 'papers' in the review state"):
        run_command(["import", "anki", str(package)], env)
    assert deck_files(env) == []
    with Store.open(env.data_dir) as store:
        assert store.reviews("p-1") == studied_papers[0]


def test_add_reviews_touches_only_the_packages_own_decks(tmp_path, env, studied_papers):
    from studydeck.anki.apkg_import import ImportedPackage, ImportedReview
    from studydeck.anki.into_store import add_reviews
    from studydeck.anki.model import CardState
    from studydeck.deck import Deck
    from studydeck.schedule import Scheduler

    review = ImportedReview(NOW, 3, 1000, CardState.REVIEW, timedelta(days=3))
    package = ImportedPackage(
        decks=[Deck("renamed", cards=[Card("p-1", "Q", "A")])], reviews={"p-1": [review]}
    )
    with Store.open(env.data_dir) as store:
        assert add_reviews(package, store, Scheduler()) == 0
        assert store.reviews("p-1") == studied_papers[0]


# ── 3. two deck names, one file ────────────────────────────────────────────────


def test_two_package_decks_that_map_to_one_file_are_refused(tmp_path, env, capsys):
    package = foreign_package(tmp_path, [("Foo Bar", "Q1?", "A1"), ("foo-bar", "Q2?", "A2")])
    assert main(["import", "anki", str(package)]) == 1
    err = one_line_error(capsys)
    assert "foo-bar.yaml" in err and "'Foo Bar'" in err and "'foo-bar'" in err
    assert deck_files(env) == []


# ── 4. hostile revlog rows ─────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ((1_700_000_000_000, 9, 3, 5000, 1), "ease 9"),
        ((1_700_000_000_000, 3, 1_000_000_000, 5000, 1), "interval 1000000000"),
        ((1000, 3, 3, 5000, 1), "review time"),
    ],
)
def test_hostile_revlog_is_one_line_and_writes_nothing(tmp_path, env, capsys, row, reason):
    good = (1_690_000_000_000, 3, 1, 4000, 0)
    package = foreign_package(tmp_path, [("Default", "Q?", "A")], revlog=[good, row])
    assert main(["import", "anki", str(package)]) == 1
    err = one_line_error(capsys)
    assert "foreign.apkg: refusing a package with 1 invalid revlog row(s)" in err
    assert reason in err
    assert deck_files(env) == []
    assert not (env.data_dir / "studydeck.db").exists()


# ── 5. control characters ──────────────────────────────────────────────────────


def test_control_characters_are_stripped_at_the_door(tmp_path, env):
    # Anki drops raw controls from fields, but an entity is decoded by the import.
    front = "&#27;]0;pwned&#7;What is &#x9b;2J BERT&#x202e;?"  # &#x9b; is › in HTML
    package = foreign_package(tmp_path, [("Default", front, "A &#27;[2J model")])
    env.decks_dir.mkdir()
    assert run_command(["import", "anki", str(package)], env) == 0
    text = (env.decks_dir / "default.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    card = data["cards"][0]
    assert (card["question"], card["answer"]) == ("]0;pwnedWhat is ›2J BERT?", "A [2J model")
    assert "\x1b" not in str(data) and "\\u001b" not in text and "\\e" not in text
    env.stdin = io.StringIO("\n3\nq\n")
    assert run_command(["study", "--plain"], env) == 0
    assert "What is ›2J BERT?" in env.stdout.getvalue()
    assert "\x1b" not in env.stdout.getvalue() + env.stderr.getvalue()


def test_a_guid_that_only_starts_like_an_id_is_not_taken_as_one(tmp_path, env):
    """A GUID ``abc\n`` never becomes an id that the deck loader would refuse (a guard: the
    package's path through Anki also keeps it from arriving as is)."""
    package = foreign_package(tmp_path, [("Default", "What is BERT?", "An encoder")], guid="abc\n")
    env.decks_dir.mkdir()
    assert run_command(["import", "anki", str(package)], env) == 0
    [card] = yaml.safe_load((env.decks_dir / "default.yaml").read_text())["cards"]
    assert card["id"] != "abc\n" and "\n" not in card["id"]
    assert run_command(["check"], env) == 0


# ── 8. without Anki ────────────────────────────────────────────────────────────


def test_import_without_anki_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    package = foreign_package(tmp_path, [("Default", "Q?", "A")])
    monkeypatch.setitem(__import__("sys").modules, "anki", None)
    monkeypatch.setitem(__import__("sys").modules, "anki.collection", None)
    assert main(["import", "anki", str(package)]) == 1
    err = one_line_error(capsys)
    assert "importing Anki packages needs Anki's engine" in err
    assert "pip install 'studydeck[anki]'" in err and "pip install -e '.[anki]'" in err
    assert "export" not in err


# ── 9. where the history goes ──────────────────────────────────────────────────


def test_import_into_a_new_local_decks_folder_keeps_the_history(tmp_path, monkeypatch, capsys):
    package, answers = studydeck_package(tmp_path, "r-1", "reading")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("STUDYDECK_DECKS")
    assert main(["import", "anki", str(package), "-o", "decks"]) == 0
    out = capsys.readouterr()
    assert f"imported 1 card(s) and {answers} review(s)" in out.out
    assert "decks is now the deck folder" in out.err
    assert (work / "decks" / "reading.yaml").exists()
    with Store.open(tmp_path / "data") as store:
        assert len(store.reviews("r-1")) == answers
    assert main(["status", "--json"]) == 0
    assert '"deck": "reading"' in capsys.readouterr().out


def test_import_elsewhere_names_the_command_that_keeps_history(tmp_path, env, capsys):
    package, answers = studydeck_package(tmp_path, "r-1", "reading")
    other = tmp_path / "elsewhere"
    assert main(["import", "anki", str(package), "-o", str(other)]) == 0
    err = capsys.readouterr().err
    expected = f"studydeck --decks {other} import anki {package} --force"
    assert f"review history ({answers} answers) not imported" in err and expected in err
    assert main(["--decks", str(other), "import", "anki", str(package), "--force"]) == 0
    assert f"and {answers} review(s)" in capsys.readouterr().out


def test_title_and_source_survive_export_then_import(tmp_path, env, write_deck, clock):
    path = write_deck("papers", [{"id": "p-1"}, {"id": "p-2"}])
    text = path.read_text(encoding="utf-8")
    header = "deck: papers\ntitle: Papers — read in 2026\nsource: p.md\n"
    path.write_text(text.replace("deck: papers\n", header), encoding="utf-8")
    out = tmp_path / "out.apkg"
    assert run_command(["export", "anki", str(out)], env) == 0
    target = tmp_path / "other-decks"
    target.mkdir()
    env.decks_dir = target
    env.data_dir = tmp_path / "other-data"
    assert run_command(["import", "anki", str(out)], env) == 0
    data = yaml.safe_load((target / "papers.yaml").read_text(encoding="utf-8"))
    assert (data["title"], data["source"]) == ("Papers — read in 2026", "p.md")


def test_foreign_deck_description_is_not_taken_as_a_title(tmp_path, env):
    package = foreign_package(tmp_path, [("Default", "Q?", "A")])
    env.decks_dir.mkdir()
    assert run_command(["import", "anki", str(package)], env) == 0
    data = yaml.safe_load((env.decks_dir / "default.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "Default (imported from Anki)" and "source" not in data
