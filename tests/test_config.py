"""config.toml: defaults, documented keys, clear errors naming key and file."""

from datetime import timedelta

import pytest

from studydeck.config import Config, load_config
from studydeck.errors import StudydeckError


def test_missing_file_gives_the_documented_defaults(tmp_path):
    config = load_config(tmp_path / "nope.toml")
    assert config == Config()
    assert (config.desired_retention, config.new_per_day, config.reviews_per_day) == (0.9, 20, 200)
    assert config.learning_steps == (timedelta(minutes=1), timedelta(minutes=10))
    assert config.relearning_steps == (timedelta(minutes=10),)
    assert (config.rollover_hour, config.leech_threshold) == (4, 8)


def test_values_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'desired_retention = 0.85\nnew_per_day = 5\nlearning_steps = ["30s", "1h", "1d"]\n'
        "rollover_hour = 0\nmaximum_interval = 365\n"
    )
    config = load_config(path)
    assert config.desired_retention == 0.85 and config.new_per_day == 5
    assert config.learning_steps == (timedelta(seconds=30), timedelta(hours=1), timedelta(days=1))
    assert config.rollover_hour == 0 and config.maximum_interval == 365


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("new_cards = 5", "unknown key 'new_cards'"),
        ("desired_retention = 1.5", "desired_retention: must be from 0.5 to 0.99"),
        ('new_per_day = "ten"', "new_per_day: must be a whole number"),
        ("rollover_hour = 24", "rollover_hour: must be from 0 to 23"),
        ('learning_steps = ["1 minute"]', 'learning_steps: "1 minute" is not a duration'),
        ("fsrs_parameters = [0.1, 0.2]", "fsrs_parameters: FSRS-6 takes 21 parameters"),
        ("leech_threshold = true", "leech_threshold: must be a whole number (got true)"),
        ('new_per_day = "ten"', 'must be a whole number (got "ten")'),
        ("fsrs_parameters = [true, 1]", "must be a list of numbers (got [true, 1])"),
        ("learning_steps = [false]", "learning_steps: false is not a duration"),
        ("new_per_day = ", "config.toml:1: invalid TOML"),
    ],
)
def test_bad_config_is_an_error_naming_key_and_file(tmp_path, text, expected):
    path = tmp_path / "config.toml"
    path.write_text(text + "\n")
    with pytest.raises(StudydeckError) as info:
        load_config(path)
    message = str(info.value)
    assert str(path) in message and expected in message
    assert "\n" not in message


@pytest.mark.parametrize("how", ["option", "env"])
def test_a_named_config_file_that_does_not_exist_is_an_error(tmp_path, monkeypatch, capsys, how):
    from studydeck.cli import main

    missing = tmp_path / "missing.toml"
    if how == "option":
        argv, named_by = ["--config", str(missing), "status"], "--config"
    else:
        monkeypatch.setenv("STUDYDECK_CONFIG", str(missing))
        argv, named_by = ["status"], "STUDYDECK_CONFIG"
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        f"studydeck: error: {missing}: no such config file (named by {named_by})\n"
    )


def test_the_default_config_file_may_be_absent(tmp_path, monkeypatch, capsys):
    from studydeck.cli import main

    monkeypatch.delenv("STUDYDECK_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    (tmp_path / "decks").mkdir()  # $STUDYDECK_DECKS names it: it must exist
    assert main(["status"]) == 0


def test_a_data_dir_that_is_a_file_is_named_as_such(tmp_path, capsys):
    from studydeck.cli import main

    afile = tmp_path / "notes.txt"
    afile.write_text("not a folder")
    assert main(["--data-dir", str(afile), "status"]) == 1
    assert capsys.readouterr().err == (
        f"studydeck: error: cannot open the review state: {afile} is a file, not a folder\n"
    )
    assert afile.read_text() == "not a folder"
