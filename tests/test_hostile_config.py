"""Config values that would overflow date arithmetic are one-line errors naming the key."""

from __future__ import annotations

import pytest

from studydeck.cli import main


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('learning_steps = ["99999999999d"]', 'learning_steps: "99999999999d" is too long'),
        (
            'learning_steps = ["999999999d"]',
            "learning_steps: a step is longer than maximum_interval",
        ),
        (
            'relearning_steps = ["36501d"]',
            "relearning_steps: a step is longer than maximum_interval",
        ),
        (
            'maximum_interval = 30\nlearning_steps = ["31d"]',
            "learning_steps: a step is longer than maximum_interval (30 days)",
        ),
        ("maximum_interval = 99999999999999", "maximum_interval: must be from 1 to 36500"),
        ("desired_retention = 1e-300", "desired_retention: must be from 0.5 to 0.99"),
        (
            "fsrs_parameters = [nan" + ", 1" * 20 + "]",
            "fsrs_parameters: parameter 0 = nan is outside",
        ),
    ],
)
@pytest.mark.parametrize("command", [["status"], ["study", "--plain"], ["stats"]])
def test_overflowing_config_is_one_line_naming_the_key(
    tmp_path, capsys, write_deck, line, expected, command
):
    write_deck("a", [{"id": "a-1"}])
    config = tmp_path / "config.toml"
    config.write_text(line + "\n")
    code = main(["--config", str(config), *command])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and str(config) in err and expected in err, err


def test_steps_up_to_the_maximum_interval_are_fine(tmp_path, write_deck):
    write_deck("a", [{"id": "a-1"}])
    config = tmp_path / "config.toml"
    config.write_text('maximum_interval = 30\nlearning_steps = ["1m", "30d"]\n')
    assert main(["--config", str(config), "status"]) == 0
