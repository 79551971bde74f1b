"""TUI start-up and answer latency, in a real terminal (tmux), on 100,000 cards in 10 decks.

  start-up: from launching ``studydeck`` to the home screen painted with the deck counts
            (deck cache warm, as on any day after the first), target ≤ 0.25 s (issue 13);
  answer:   from the rating key to the next question on screen, target < 50 ms.

Start-up is printed beside two anchors launched the same way, in the same rounds (so load from
other processes hits all three alike): a minimal Textual app painting one Static (the floor:
Python, Textual's import and its first paint, which no Textual app starts under) and the bare
interpreter printing a line (``python -c pass`` with something to see).
Times are read by polling ``tmux capture-pane`` every ~2 ms, so they include that much slack;
an idle session keeps the tmux server up, so no launch pays for starting it.
The answer latency is also measured in-process with Textual's Pilot (no terminal, no polling):
from ``pilot.press("4")`` to the screen, re-composited, showing the next question.
Usage: .venv/bin/python scripts/bench_tui.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from studydeck.deck import Card, Deck, save_deck  # noqa: E402
from studydeck.store import Store  # noqa: E402

DECKS, PER_DECK = 10, 10_000
WORK = Path(tempfile.gettempdir()) / "studydeck-bench-tui"
SOCKET = f"studydeck-bench-{os.getpid()}"
session = "bench0"  # a fresh tmux session name per launch
TARGET_START = 0.25  # seconds, issue 13

# The floor: the least a Textual app does before its first paint.
FLOOR_APP = """\
from textual.app import App
from textual.widgets import Static

class Floor(App):
    def compose(self):
        yield Static("floor app painted")

Floor().run()
"""
# Home's widgets with made-up counts, no studydeck: what Textual itself spends on a title, a
# 10-row DataTable, two status lines and a footer of six keys, beyond the floor's one Static.
WIDGETS_APP = """\
from textual.app import App
from textual.widgets import DataTable, Footer, Static

class Widgets(App):
    BINDINGS = [(k, "bell", k.upper()) for k in "asqzur"]

    def compose(self):
        yield Static("studydeck")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("")
        yield Static("widgets app painted")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Deck", "New", "Learning", "Due", "Total", "Next due")
        for d in range(10):
            table.add_row(f"deck{d:02d}", "20", "0", "0", "10000", "-")

Widgets().run()
"""
PYTHON_ALONE = 'print("python ready"); input()'  # python -c pass, with a line to see


def make_decks(folder: Path) -> None:
    if len(list(folder.glob("*.yaml"))) == DECKS:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(DECKS):
        cards = [
            Card(
                f"b{d}-{i}",
                f"Deck {d} question {i}: what does paper {i} show?",
                f"Paper {i} of deck {d} shows result {i * 7 % 1000}.",
                context=f"papers › topic {i % 50}",
                source_line=i + 1,
            )
            for i in range(PER_DECK)
        ]
        save_deck(Deck(f"deck{d:02d}", cards=cards), folder / f"deck{d:02d}.yaml")


def tmux(*args: str, check: bool = True) -> str:
    out = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check)
    return out.stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", session, check=False)


def wait_until(predicate, timeout: float = 30.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate(screen()):
            return time.perf_counter()
        time.sleep(0.002)
    raise SystemExit(f"timed out; screen:\n{screen()}")


def launch(command: str, name: str, painted) -> float:
    """Seconds from asking tmux for a new window running ``command`` until ``painted(screen)``."""
    global session
    session = name
    started = time.perf_counter()
    tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", name, command)
    shown = wait_until(painted)
    return shown - started


def start_ups(env: str, runs: int) -> dict[str, list[float]]:
    """Launch times of studydeck and its anchors, ``runs`` rounds of one launch each (the order
    turns each round)."""
    python = shlex.quote(sys.executable)
    launches = {
        "ours": (f"{env} {python} -m studydeck", home_painted),
        "floor": (
            f"env TERM=xterm-256color {python} -c {shlex.quote(FLOOR_APP)}",
            lambda s: "floor app painted" in s,
        ),
        "widgets": (
            f"env TERM=xterm-256color {python} -c {shlex.quote(WIDGETS_APP)}",
            lambda s: "widgets app painted" in s and "deck09" in s,
        ),
        "python": (
            f"{python} -c {shlex.quote(PYTHON_ALONE)}",
            lambda s: "python ready" in s,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in launches}
    names = list(launches)
    for round_ in range(runs):
        turn = round_ % len(names)
        for name in names[turn:] + names[:turn]:
            command, painted = launches[name]
            times[name].append(launch(command, f"{name}{round_}", painted))
            tmux("kill-session", "-t", session, check=False)
    return times


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s"


def spread(values: list[float]) -> str:
    return f"{min(values):.3f}–{max(values):.3f}"


def home_painted(text: str) -> bool:
    """Home whole: the deck table, the counts line and the footer's keys."""
    return "Next due" in text and "to study now" in text and "Study all" in text


def question_line(text: str) -> str | None:
    return next((line for line in text.splitlines() if "question" in line and ":" in line), None)


def percentile(ordered: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def pilot_latencies(data: Path, decks: Path, config: Path, answers: int) -> list[float]:
    """Seconds from pressing Easy to the first screen update showing the next question.

    ``pilot.pause()`` itself sleeps until the process looks idle (Textual's wait_for_idle), so
    timing press + pause measures that heuristic (~100 ms), not the app. Instead every screen
    update is timestamped as the app hands it to the (headless) driver, with the card the
    session was on; the screen is then read to check that the new question is really shown.
    """
    from studydeck.environment import Environment
    from studydeck.tui.app import StudydeckApp
    from studydeck.tui.backend import Backend
    from studydeck.tui.screens.study import StudyScreen

    env = Environment(data_dir=data, decks_dir=decks, config_path=config)
    backend = Backend(env)  # the deck cache is warm: this sync only checks the files
    app = StudydeckApp(backend)
    updates: list[tuple[float, str | None]] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and isinstance(screen, StudyScreen):
            current = screen.session.current
            updates.append((time.perf_counter(), current and current.id))

    app._display = timed_display
    latencies = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, StudyScreen), "no study screen"
            for _ in range(answers):
                await pilot.press("space")
                await pilot.pause()
                before = app.screen.session.current.id
                updates.clear()
                sent = time.perf_counter()
                await pilot.press("4")
                await pilot.pause()
                current = app.screen.session.current
                assert current is not None and current.id != before, "ran out of cards"
                assert any(current.question[:60] in line for line in screen_lines(app))
                shown = next(t for t, card in updates if card == current.id)
                latencies.append(shown - sent)
    finally:
        backend.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)  # launches of each kind
    parser.add_argument("--answers", type=int, default=15)  # < 20 new cards per day
    parser.add_argument("--pilot-answers", type=int, default=50)  # on a copy of the store
    opts = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench_tui needs tmux")
    decks, data = WORK / "decks", WORK / "data"
    make_decks(decks)
    # Warm start means bytecode compiled, as pip installs it (see bench_store).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "studydeck")], check=True)
    shutil.rmtree(data, ignore_errors=True)
    t0 = time.perf_counter()
    with Store.open(data) as store:
        store.sync_decks(decks)  # first sync parses the YAML once; later starts use the cache
    first_sync = time.perf_counter() - t0
    (WORK / "config.toml").write_text("")  # empty: the defaults, as for a new user
    pilot_data = WORK / "data-pilot"  # its own copy: its 50 answers leave tmux's queue alone
    shutil.rmtree(pilot_data, ignore_errors=True)
    shutil.copytree(data, pilot_data)
    pilot_ms = sorted(
        x * 1000
        for x in asyncio.run(
            pilot_latencies(pilot_data, decks, WORK / "config.toml", opts.pilot_answers)
        )
    )
    env = (
        f"env STUDYDECK_DATA_DIR={data} STUDYDECK_DECKS={decks} "
        f"STUDYDECK_CONFIG={WORK / 'config.toml'} TERM=xterm-256color"
    )
    tmux("new-session", "-d", "-s", "idle", "sleep 86400")  # the server stays up between launches
    try:
        starts = start_ups(env, opts.runs)
        launch(f"{env} {shlex.quote(sys.executable)} -m studydeck", "answers", home_painted)
        tmux("send-keys", "-t", session, "a")
        wait_until(lambda s: question_line(s) is not None)
        latencies = []
        for _ in range(opts.answers):
            tmux("send-keys", "-t", session, "Space")
            wait_until(lambda s: "1 Again" in s)
            before = question_line(screen())
            sent = time.perf_counter()
            tmux("send-keys", "-t", session, "4")
            shown = wait_until(lambda s, b=before: question_line(s) not in (None, b))
            latencies.append(shown - sent)
    finally:
        tmux("kill-server", check=False)
    ms = sorted(x * 1000 for x in latencies)
    ours, floor, python = starts["ours"], starts["floor"], starts["python"]
    widgets = starts["widgets"]
    above_floor = [o - f for o, f in zip(ours, floor, strict=True)]  # same round, same load
    above_widgets = [o - w for o, w in zip(ours, widgets, strict=True)]
    rows = [
        ("cards / decks", f"{DECKS * PER_DECK:,} / {DECKS}", "", ""),
        ("first deck sync (not in start-up)", f"{first_sync:.2f} s", "", ""),
        (
            f"launch → home painted, median of {opts.runs}",
            seconds(ours),
            f"floor {seconds(floor)} · python {seconds(python)}",
            f"≤ {TARGET_START} s",
        ),
        ("launch → home painted, min–max", spread(ours), f"{spread(floor)} · {spread(python)}", ""),
        (
            "launch: ours − floor, same round, median",
            f"{statistics.median(above_floor) * 1000:+.0f} ms",
            f"min {min(above_floor) * 1000:+.0f} ms",
            "",
        ),
        (
            "launch: home's widgets alone (no studydeck)",
            seconds(widgets),
            f"{spread(widgets)}; ours − it {statistics.median(above_widgets) * 1000:+.0f} ms",
            "",
        ),
        (f"key → next card, p50 of {len(ms)}", f"{statistics.median(ms):.1f} ms", "", "< 50 ms"),
        ("key → next card, worst", f"{ms[-1]:.1f} ms", "", ""),
        (
            f"Pilot: key → next card, p50 of {len(pilot_ms)}",
            f"{percentile(pilot_ms, 50):.1f} ms",
            "",
            "< 50 ms",
        ),
        ("Pilot: key → next card, p99", f"{percentile(pilot_ms, 99):.1f} ms", "", ""),
        ("Pilot: key → next card, worst", f"{pilot_ms[-1]:.1f} ms", "", "< 50 ms"),
    ]
    width = max(len(r[0]) for r in rows)
    anchor = max(len(r[2]) for r in rows)
    print(
        "floor: a minimal Textual app painting one Static; python: the interpreter alone;\n"
        "home's widgets alone: a Textual app with home's widgets and made-up counts"
    )
    print(f"{'measure':<{width}}  {'ours':>14}  {'anchor':<{anchor}}  target")
    for name, value, anchors, target in rows:
        print(f"{name:<{width}}  {value:>14}  {anchors:<{anchor}}  {target}")


if __name__ == "__main__":
    main()
