"""``--help`` as a user reads it: every command, argument and option explained in full."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from thaidocs.cli import app

runner = CliRunner()

COMMANDS = ["render", "validate", "sign", "verify", "merge", "schema", "extract"]


def _help(*args: str) -> str:
    result = runner.invoke(app, [*args, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    return re.sub(r"\s+", " ", result.output)


def test_commands_are_listed_in_the_order_a_user_meets_them() -> None:
    text = _help()
    places = [text.index(f" {name} ") for name in COMMANDS]
    assert places == sorted(places)


def test_each_command_is_described_by_its_whole_first_sentence() -> None:
    text = _help().split("Commands:")[1]
    assert "..." not in text  # nothing cut short
    assert "Write each input as PDF and/or .docx, named after the input file." in text
    assert "trusted, nothing disallowed added after it." in text
    assert "or load it with ``thaidocs.load``)." in text


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        (["render"], ["FILE... Input files (.yaml, .json, .toml)."]),
        (["validate"], ["FILE... Input files (.yaml, .json, .toml)."]),
        (["sign"], ["IN.pdf The PDF to sign."]),
        (["verify"], ["FILE.pdf The signed PDF."]),
        (
            ["merge"],
            [
                "TEMPLATE The document with {{ field }} placeholders (.yaml, .json).",
                "RECORDS One record a row: .csv, .xlsx or .jsonl.",
            ],
        ),
        (["extract"], ["FILE An archival PDF (pdfa: 3u)."]),
    ],
)
def test_arguments_are_explained_before_the_options(
    command: list[str], arguments: list[str]
) -> None:
    text = _help(*command)
    for line in arguments:
        assert text.index("Arguments:") < text.index(f" {line} ") < text.index("Options:")


def test_defaults_and_choices_are_shown() -> None:
    text = _help("render")
    assert "-f, --format [pdf|docx|both] Which outputs to write. [default: both]" in text
    assert "--level [B-B|B-T|B-LT|B-LTA] PAdES level of --sign. [default: B-B]" in text
    assert "[default: pdf]" in _help("merge")


def test_a_wrong_choice_is_a_usage_error_naming_the_choices() -> None:
    result = runner.invoke(app, ["render", "x.yaml", "--format", "odt"])
    assert result.exit_code == 2
    assert "'odt' is not one of 'pdf', 'docx', 'both'" in result.output
