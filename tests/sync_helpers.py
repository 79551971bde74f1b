"""A real Anki sync server on 127.0.0.1 and a plain Anki collection playing the phone."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

USER, PASSWORD = "student", "s3cret"


def near_real_time():
    """A fake clock two minutes behind the real one: the sync server refuses clocks more than
    300 s off, so sync tests cannot use conftest's fixed date."""
    from datetime import UTC, datetime, timedelta

    from conftest import FakeClock

    return FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=120))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(
            os.environ,
            SYNC_USER1=f"{USER}:{PASSWORD}",
            SYNC_BASE=str(self.base),
            SYNC_HOST="127.0.0.1",
            SYNC_PORT=str(self.port),
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "anki.syncserver"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(self.url + "health", timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("the Anki sync server did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def running_server(base: Path):
    server = Server(base)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class Phone:
    """A second Anki collection that syncs with the same server, like AnkiDroid would."""

    def __init__(self, folder: Path, url: str) -> None:
        from anki.collection import Collection

        folder.mkdir(parents=True, exist_ok=True)
        self.col = Collection(str(folder / "phone.anki2"))
        self.auth = self.col.sync_login(USER, PASSWORD, url)

    def sync(self) -> str:
        """A normal sync; the first one downloads the server's collection."""
        col = self.col
        out = col.sync_collection(self.auth, sync_media=False)
        if out.required in (out.FULL_DOWNLOAD, out.FULL_SYNC):
            col.close_for_full_sync()
            col.full_upload_or_download(
                auth=self.auth, server_usn=out.server_media_usn, upload=False
            )
            col.reopen(after_full_sync=True)
            return "download"
        if out.required == out.FULL_UPLOAD:
            col.close_for_full_sync()
            col.full_upload_or_download(
                auth=self.auth, server_usn=out.server_media_usn, upload=True
            )
            col.reopen(after_full_sync=True)
            return "upload"
        return "normal"

    def card(self, card_id: str):
        cid = self.col.db.scalar(
            "SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ?", card_id
        )
        return self.col.get_card(cid)

    def review(self, card_id: str, rating: int) -> int:
        """Answer with Anki's scheduler (rating 1..4); return the revlog id."""
        from anki.scheduler.v3 import CardAnswer

        col = self.col
        card = self.card(card_id)
        card.start_timer()
        states = col._backend.get_scheduling_states(card.id)
        ratings = {
            1: CardAnswer.AGAIN,
            2: CardAnswer.HARD,
            3: CardAnswer.GOOD,
            4: CardAnswer.EASY,
        }
        answer = col.sched.build_answer(card=card, states=states, rating=ratings[rating])
        col.sched.answer_card(answer)
        return col.db.scalar("SELECT max(id) FROM revlog WHERE cid = ?", card.id)

    def revlog(self, card_id: str | None = None) -> list[tuple]:
        sql = (
            "SELECT r.id, n.guid, r.ease FROM revlog r "
            "JOIN cards c ON c.id = r.cid JOIN notes n ON n.id = c.nid"
        )
        if card_id is None:
            return [tuple(row) for row in self.col.db.all(sql + " ORDER BY r.id")]
        return [
            tuple(row) for row in self.col.db.all(sql + " WHERE n.guid = ? ORDER BY r.id", card_id)
        ]

    def close(self) -> None:
        if self.col.db is not None:
            self.col.close()
