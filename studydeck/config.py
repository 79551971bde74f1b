"""User settings from ``config.toml``: every key documented, defaulted and checked.

Unknown keys and bad values are errors that name the key and the file, so a typo never silently
falls back to a default.
"""

# No ``from __future__ import annotations``: see studydeck.store.records (NamedTuples).

import json
import math
import re
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from studydeck.errors import StudydeckError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class Config(NamedTuple):  # not a dataclass: that module costs ~50M instructions of a status
    desired_retention: float = 0.9  # probability of recall FSRS aims for at each review
    new_per_day: int = 20  # new cards introduced per day, in each deck
    reviews_per_day: int = 200  # review-state cards shown per day, in each deck
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval: int = 36500  # days
    rollover_hour: int = 4  # local hour at which "today" starts, like Anki
    leech_threshold: int = 8  # lapses after which a card is tagged leech and suspended
    fsrs_parameters: tuple[float, ...] = ()  # 21 FSRS-6 weights; empty = fsrs defaults
    sync_on_exit: bool = False  # `studydeck sync` when the study UI closes (if logged in)


KEYS = Config._fields


def load_config(path: Path) -> Config:
    """The config at ``path``, or the defaults when there is no such file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise StudydeckError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    if not raw.strip():  # an empty file is the defaults (tomllib and its regexes: ~3 ms)
        return Config()
    import tomllib  # only when there is a config file: keeps start-up lean

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise StudydeckError(f"{where}: invalid TOML: {str(exc).split(' (at ')[0]}") from None
    return config_from_dict(data, str(path))


def config_from_dict(data: dict[str, Any], source: str = "config") -> Config:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise StudydeckError(f"{source}: unknown key {key!r} (known keys: {', '.join(KEYS)})")
        try:
            values[key] = _CHECKS[key](value)
        except (TypeError, ValueError) as exc:
            raise StudydeckError(f"{source}: {key}: {exc} (got {toml_value(value)})") from None
    config = Config(**values)
    longest = timedelta(days=config.maximum_interval)
    for key in ("learning_steps", "relearning_steps"):
        too_long = [step for step in getattr(config, key) if step > longest]
        if too_long:  # a step past the longest interval would also overflow date arithmetic
            raise StudydeckError(
                f"{source}: {key}: a step is longer than maximum_interval "
                f"({config.maximum_interval} days) (got {toml_value(data.get(key, []))})"
            )
    return config


def toml_value(value: Any) -> str:
    """``value`` as written in TOML (``true``, ``"ten"``, ``[1, 2]``), for error messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def parse_duration(text: str) -> timedelta:
    """``"90s"``, ``"1m"``, ``"1.5h"``, ``"2d"`` → timedelta."""
    match = _DURATION.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{toml_value(text)} is not a duration like 30s, 10m, 1h or 1d")
    try:
        return timedelta(seconds=float(match.group(1)) * _UNIT_SECONDS[match.group(2)])
    except OverflowError:  # past timedelta's ~2.7 million years
        raise ValueError(f"{toml_value(text)} is too long") from None


def _number(low: float, high: float, *, integer: bool, open_interval: bool = False):
    def check(value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
            raise TypeError(f"must be {'a whole number' if integer else 'a number'}")
        inside = low < value < high if open_interval else low <= value <= high
        if not inside:
            bounds = "strictly between" if open_interval else "from"
            joiner = "and" if open_interval else "to"
            raise ValueError(f"must be {bounds} {low} {joiner} {high}")
        return value

    return check


def _steps(value: Any) -> tuple[timedelta, ...]:
    if not isinstance(value, list):
        raise TypeError('must be a list of durations, e.g. ["1m", "10m"]')
    steps = tuple(parse_duration(v) for v in value)
    if any(s <= timedelta(0) for s in steps):
        raise ValueError("steps must be longer than zero")
    return steps


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("must be true or false")
    return value


def _parameters(value: Any) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise TypeError("must be a list of numbers")
    if value and len(value) != 21:
        raise ValueError(f"FSRS-6 takes 21 parameters, not {len(value)}")
    params = tuple(float(v) for v in value)
    if params:
        from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

        for i, (p, lo, hi) in enumerate(
            zip(params, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
        ):
            if not lo <= p <= hi:
                raise ValueError(f"parameter {i} = {p} is outside {lo}..{hi}")
    return params


_CHECKS = {
    # Below ~1e-30 FSRS's interval formula overflows; outside 0.5–0.99 it is no study plan.
    "desired_retention": _number(0.5, 0.99, integer=False),
    "new_per_day": _number(0, 100_000, integer=True),
    "reviews_per_day": _number(0, 1_000_000, integer=True),
    "learning_steps": _steps,
    "relearning_steps": _steps,
    "maximum_interval": _number(1, 36500, integer=True),
    "rollover_hour": _number(0, 23, integer=True),
    "leech_threshold": _number(1, 1000, integer=True),
    "fsrs_parameters": _parameters,
    "sync_on_exit": _boolean,
}
