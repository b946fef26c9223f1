"""The command line under hostile conditions that no single command owns (closed pipes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from croissant_tools.errors import EXIT_OK

IRIS = Path(__file__).resolve().parent.parent / "examples" / "iris_tables" / "croissant.json"


def test_a_reader_that_closes_the_pipe_is_not_an_internal_error() -> None:
    """``croissant-tools records ... | head -1``: the reader leaves early, which is no bug."""
    command = [sys.executable, "-m", "croissant_tools.cli", "records", str(IRIS), "-r", "flowers"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes its first record
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == EXIT_OK
    assert "internal error" not in err and "Traceback" not in err and "Exception" not in err
