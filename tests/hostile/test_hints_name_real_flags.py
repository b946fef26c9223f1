"""Promise: a hint that names a flag names one the command has.

``records`` and ``info`` once answered a too-large document with "raise the limit with
--max-bytes", a flag they did not have, and ``info`` answered a URL with "pass
--allow-network", which it did not have either. Every command that reads a Croissant
document is tried with the two refusals every one of them can meet (a document over the
size limit, a URL without network access); each ``--flag`` its message names must be one
of its options, and passing it must get past the refusal.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from croissant_tools.cli import _build_parser, _command_table
from croissant_tools.cli import main as cli
from croissant_tools.errors import EXIT_REFUSED, EXIT_USAGE
from tests.validation.golden import cases

PENGUINS = next(c for c in cases("valid") if c.folder.name == "penguins-1.1")
COMMANDS = {
    "validate": [],
    "records": ["-r", "penguins"],
    "info": [],
    "publish": ["-o", "{tmp}/site"],
}


def _options(command: str) -> set[str]:
    parser, _ = _build_parser(_command_table(command))
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {flag for action in sub.choices[command]._actions for flag in action.option_strings}


def _big_document(folder: Path) -> Path:
    doc = json.loads((PENGUINS.folder / "metadata.json").read_text())
    doc["description"] = "x" * 2000
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "penguins.csv").write_bytes(
        (PENGUINS.folder / "data" / "penguins.csv").read_bytes()
    )
    path = folder / "metadata.json"
    path.write_text(json.dumps(doc))
    return path


def _flags(message: str) -> list[str]:
    return re.findall(r"(--[a-z][a-z-]+)", message)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_size_limit_hint_names_a_flag_of_the_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _big_document(tmp_path / "ds")
    extra = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    code = cli([command, str(path), *extra, "--max-bytes", "1KB"])
    err = capsys.readouterr()
    text = err.err + err.out
    assert code in (EXIT_USAGE, 1), text
    named = _flags(text)
    assert "--max-bytes" in named, text
    assert set(named) <= _options(command), (named, command)
    assert cli([command, str(path), *extra, "--max-bytes", "10MB"]) in (0, 1)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_network_hint_names_a_flag_of_the_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    code = cli([command, "http://127.0.0.1:9/croissant.json", *extra])
    out = capsys.readouterr()
    text = out.err + out.out
    assert code in (EXIT_REFUSED, EXIT_USAGE), text
    named = _flags(text)
    assert "--allow-network" in named, text
    assert set(named) <= _options(command), (named, command)
