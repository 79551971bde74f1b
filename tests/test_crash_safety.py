"""Real processes: SIGKILL mid-session, two sessions at once, bad data files at the CLI."""

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from studydeck.store import DB_NAME, Store

N_CARDS = 40


@pytest.fixture
def data(tmp_path, write_deck):
    write_deck("papers", [{"id": f"p-{i}"} for i in range(N_CARDS)])
    (tmp_path / "config.toml").write_text("new_per_day = 100\n")
    return tmp_path


def studydeck(data, *argv, **popen):
    env = {
        **os.environ,
        "STUDYDECK_DATA_DIR": str(data / "data"),
        "STUDYDECK_DECKS": str(data / "decks"),
        "STUDYDECK_CONFIG": str(data / "config.toml"),
        "TZ": "UTC",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "studydeck", *argv],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def integrity(data) -> str:
    db = sqlite3.connect(data / "data" / DB_NAME)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def test_sigkill_loses_no_acknowledged_review(data):
    proc = studydeck(data, "study", "--plain", bufsize=1)
    acknowledged = []
    try:
        while len(acknowledged) < 7:
            proc.stdin.write("\n3\n")  # reveal, Good
            proc.stdin.flush()
            while True:
                line = proc.stdout.readline()
                assert line, proc.stderr.read()
                if line.startswith("recorded: "):
                    acknowledged.append(line.split()[1])
                    break
        proc.stdin.write("\n4\n")  # one more answer in flight when the kill lands
        proc.stdin.flush()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert integrity(data) == "ok"
    with Store.open(data / "data") as store:
        logged = [r.card_id for r in store.reviews()]
    assert logged[: len(acknowledged)] == acknowledged
    assert len(logged) in (len(acknowledged), len(acknowledged) + 1)


@pytest.mark.parametrize("sessions", [2, 3])
def test_two_sessions_at_once_both_finish_and_all_reviews_land(data, sessions):
    # All start on a data dir that does not exist yet: they race to create it, switch it to
    # WAL and migrate it, then answer cards side by side.
    answers = "\n3\n" * 12 + "q\n"
    procs = [studydeck(data, "study", "--plain") for _ in range(sessions)]
    outputs = [p.communicate(answers, timeout=60) for p in procs]
    # The stderr of every session is in the message, should "database is locked" come back.
    assert [p.returncode for p in procs] == [0] * sessions, [err for _, err in outputs]
    recorded = [
        line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("rec")
    ]
    # Both may show the same card; whoever answers second is told, and nothing is recorded
    # against the state it was shown with (item 5): every answer lands or is refused aloud.
    refused = [
        line for out, _ in outputs for line in out.splitlines() if line.endswith(": not recorded")
    ]
    assert len(recorded) + len(refused) == 12 * sessions
    with Store.open(data / "data") as store:
        assert sorted(r.card_id for r in store.reviews()) == sorted(recorded)
    assert integrity(data) == "ok"


def test_corrupt_data_file_is_one_line_error_without_traceback(data):
    db = data / "data" / DB_NAME
    db.parent.mkdir()
    db.write_bytes(b"\x00garbage" * 1000)
    for argv in (("status",), ("study", "--plain")):
        _out, err = studydeck(data, *argv).communicate("", timeout=30)
        assert "Traceback" not in err
        assert [line for line in err.splitlines() if "error" in line] == [
            f"studydeck: error: {db}: not a studydeck database (file is not a database); "
            "left untouched — move it away or restore a backup"
        ]
    assert db.read_bytes() == b"\x00garbage" * 1000


def test_unwritable_data_dir_is_one_line_error(data):
    (data / "data").write_text("a file where the data folder should be")
    proc = studydeck(data, "status", "--json")
    _out, err = proc.communicate("", timeout=30)
    assert proc.returncode == 1 and "Traceback" not in err
    assert len(err.splitlines()) == 1 and "cannot open the review state" in err


def test_status_keeps_stored_reviews_when_a_deck_breaks(data):
    out, err = studydeck(data, "study", "--plain").communicate("\n3\n", timeout=30)
    assert "recorded: p-0" in out
    (data / "decks" / "papers.yaml").write_text("format: studydeck/1\ndeck: [\n")
    proc = studydeck(data, "status", "--json")
    out, err = proc.communicate("", timeout=30)
    assert proc.returncode == 0 and "papers.yaml:" in err and "Traceback" not in err
    with Store.open(data / "data") as store:
        assert [r.card_id for r in store.reviews()] == ["p-0"]


def test_status_does_not_import_textual(data):
    code = (
        "import sys; from studydeck.cli import main; rc = main(['status', '--json']); "
        "print('textual' in sys.modules, rc)"
    )
    env = {**os.environ, "STUDYDECK_DATA_DIR": str(data / "data")}
    env["STUDYDECK_DECKS"] = str(data / "decks")
    env["STUDYDECK_CONFIG"] = str(data / "config.toml")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.splitlines()[-1] == "False 0"
