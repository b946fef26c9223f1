"""One command-line style across every command (issue 12, item 6).

Positionals are named in capitals (``CROISSANT`` for a metadata file, ``DATA`` for data to
describe, ``CORPUS`` for a code corpus), every option says what it does, defaults read
``(default: X)``, required options say so, every command takes ``-q`` and ``-v``, Beam's
underscore spellings are accepted but listed once, and ``help(croissant_tools)`` starts
with the functions.
"""

from __future__ import annotations

import pydoc
import re
from pathlib import Path

import pytest

import croissant_tools
from croissant_tools.cli import BUILTIN, _command_table, main

COMMANDS = sorted(_command_table(None))
POSITIONALS = {"CROISSANT", "DATA", "CORPUS"}


def help_text(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main([command, "--help"]) == 0
    return capsys.readouterr().out


def test_every_builtin_command_is_listed() -> None:
    assert set(BUILTIN) <= set(COMMANDS)
    assert {"init", "generate", "validate", "publish", "records", "info", "upgrade"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_help_style(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(command, capsys)
    usage = text.split("\n\n")[0]
    positionals = {w for w in re.findall(r"\b[A-Z_]{3,}\b", usage.split("[-v]")[-1])}
    assert positionals <= POSITIONALS, positionals
    assert "-q, --quiet" in text and "-v, --verbose" in text
    invocations = [line for line in text.splitlines() if line.startswith("  -")]
    assert not [i for i in invocations if re.search(r"--[a-z]+_[a-z_]+", i)], "aliases listed"
    assert not re.search(r"\(default [^:]", text) and "(default:  " not in text
    assert not re.search(r"\((\d+(\.\d+)?)\)", text), "a bare '(0.7)' default"
    options = re.findall(r"^  (-[^\n]*?)(?:  +(\S.*))?$", text, flags=re.MULTILINE)
    for invocation, first_line in options:
        if invocation.startswith("-h"):
            continue
        described = first_line or _next_line(text, invocation)
        assert described, f"{command}: {invocation} has no help"


def _next_line(text: str, invocation: str) -> str:
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("  " + invocation))
    return lines[index + 1].strip() if index + 1 < len(lines) else ""


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("validate", "(default: core)"),
        ("validate", "(default: text)"),
        ("records", "(default: from the -o extension"),
        ("records", "(default: 65536)"),
        ("publish", "(default: site)"),
        ("generate", "(default: DATA/croissant.json)"),
        ("demo", "(default: demo-out)"),
        ("prune", "(default: 0.2)"),
        ("eval-pruning", "(default: 0.15)"),
    ],
)
def test_defaults_are_shown(
    command: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert expected in " ".join(help_text(command, capsys).split())


def test_required_options_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("prune", "eval-pruning"):
        text = " ".join(help_text(command, capsys).split())
        assert "-o DIR, --output DIR" in text or "--output OUTPUT" in text
        assert "(required)" in text
    assert main(["prune", "corpus.jsonl"]) == 2  # -o is required
    assert "the following arguments are required: -o/--output" in capsys.readouterr().err
    generate = help_text("generate", capsys)
    assert "required (on the command line or in --metadata):" in generate


def test_underscore_spellings_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prune", "x.jsonl", "-o", "out", "--record_set", "a", "--help"]) == 0


def test_help_of_the_package_starts_with_the_functions() -> None:
    text = pydoc.render_doc(croissant_tools, renderer=pydoc.plaintext)
    sections = [line for line in text.splitlines() if line.isupper() and line.strip()]
    assert "CLASSES" not in sections
    assert sections[: sections.index("FUNCTIONS")] == ["NAME", "DESCRIPTION", "PACKAGE CONTENTS"]
    assert len(text.splitlines()) < 200
    for name in ("generate", "validate", "load", "publish"):
        assert f"\n    {name}(" in text
    assert croissant_tools.CroissantToolsError.__name__ == "CroissantToolsError"
    assert {"ValidationReport", "RecordSetReader"} <= set(dir(croissant_tools))


def test_quiet_and_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(25):
        (tmp_path / f"bad{i}.csv").write_bytes(b"")
    (tmp_path / "ok.csv").write_text("a\n1\n")
    flags = ["--license", "MIT", "--url", "https://e.org", "--creator", "A", "--dry-run"]
    assert main(["generate", str(tmp_path), *flags, "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["generate", str(tmp_path), *flags]) == 0
    assert "more (-v lists them)" in capsys.readouterr().err
    assert main(["generate", str(tmp_path), *flags, "-v"]) == 0
    assert capsys.readouterr().err.count("empty file") == 25
