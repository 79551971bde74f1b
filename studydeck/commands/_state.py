"""Opening the review state for a command: config, store, and decks synced from the deck folder."""

from __future__ import annotations

from dataclasses import dataclass

from studydeck.config import Config, load_config
from studydeck.environment import Environment
from studydeck.store import Store


@dataclass
class ReviewState:
    config: Config
    store: Store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ReviewState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_state(env: Environment) -> ReviewState:
    """Load the config, open the store and bring it up to date with the deck files.

    Deck files with faults are reported as ``file:line: message`` on stderr and skipped.
    """
    config = load_config(env.config_path)
    store = Store.open(env.data_dir)
    try:
        report = store.sync_decks(env.decks_dir)
    except BaseException:
        store.close()
        raise
    for problem in report.problems:
        env.stderr.write(f"{problem}\n")
    if report.problems:
        env.warn("decks with problems were skipped (see `studydeck check`)")
    if not env.decks_dir.is_dir():
        env.warn(f"no deck folder at {env.decks_dir} (set --decks or STUDYDECK_DECKS)")
    return ReviewState(config, store)
