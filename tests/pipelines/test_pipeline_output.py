"""What ``prune`` prints without a terminal: a known shape, no repeated line, no library text.

The run goes through a subprocess whose standard error is a pipe (not a TTY), as in CI or
``make demo > log``. Library output (faiss's k-means warning, model-loading bars, Beam's
logging) belongs in ``OUT/run.log``, never on the terminal.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pipelines.conftest import FUNCTIONS

STAGES = (
    "read, repeated ids, exact dedup",
    "normalise, parse, write records",
    "embed (RunInference)",
    "cluster, score, dedup",
    "duplicate groups by quality",
    "decide and write",
)
SHAPE = [
    re.compile(r"^input: .+; output: .+; runner: .+$"),
    re.compile(r"^\[(?P<stage>[^\]]+)\] (done in \d+(m\d\ds)?s?: .+|\d+(m\d\ds|s): .+)$"),
    re.compile(r"^library messages \(faiss, model loading, Beam\): \d+ lines? in .+run\.log$"),
    re.compile(r"^\d[\d,]* records: [\d,]+ kept, [\d,]+ pruned( \(.+\))?$"),
    re.compile(r"^time: [\d.]+s \([\d.,]+ docs/s\): .+$"),
    re.compile(
        r"^outputs in .+: kept/, pruned/, scores/, summary\.json, croissant\.json, "
        r"report\.html, run\.log$"
    ),
    re.compile(r"^note: croissant\.json: .+$"),
]
LIBRARY_TEXT = ("WARNING clustering", "Loading weights", "it/s]", "apitools", "Traceback")


def test_prune_without_a_terminal_prints_a_short_known_shape(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in FUNCTIONS.read_text(encoding="utf-8").splitlines()[:60]]
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [
            *[sys.executable, "-m", "croissant_tools.cli", "prune", str(corpus)],
            *["-o", str(out), "--model", "fake", "--runner", "DirectRunner"],
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
    assert len(lines) <= 25, "\n".join(lines)
    assert len(set(lines)) == len(lines), "a line was printed twice"
    for line in lines:
        assert any(p.match(line) for p in SHAPE), f"unexpected line: {line!r}"
        assert not any(text in line for text in LIBRARY_TEXT), line
    finished = [
        m.group("stage") for line in lines if (m := SHAPE[1].match(line)) and "] done in " in line
    ]
    assert finished == list(STAGES)
    log = (out / "run.log").read_text()
    assert "WARNING clustering" in log  # faiss's warning was kept, in the run's log


def test_no_rate_or_eta_from_the_first_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CI log once showed `records 1/1,896, 0/s, ETA 11h55m`: the rate counted the
    model's loading time. Rate and ETA now start from a step's first count."""
    import io
    from types import SimpleNamespace

    from pipelines import progress

    clock = iter([100.0, 130.0, 160.0])
    monitor = progress.Display("log", io.StringIO()).stage("embed", 1896, None, [("records", 1896)])
    monitor.started = 0.0
    # the module's own clock only: patching time.monotonic itself reached a Dask cluster's
    # event loop running in the same session
    monkeypatch.setattr(progress, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    assert monitor.describe({"records": 1}) == "records 1/1,896"
    assert monitor.describe({"records": 257}) == "records 257/1,896, 9/s, ETA 3m12s"
    assert monitor.describe({"records": 513}) == "records 513/1,896, 9/s, ETA 2m42s"


@pytest.mark.parametrize(("seconds", "most"), [(60, 4), (240, 7), (600, 13), (3600, 24)])
def test_a_slow_stage_prints_few_lines(seconds: int, most: int) -> None:
    """Lines a stage of ``seconds`` can print without a terminal (besides its done line):
    a loaded machine's demo spends 3-4 minutes in each of two stages and must stay within
    25 lines in all."""
    from pipelines.progress import log_interval

    lines, last = 0, 0.0
    for now in range(1, seconds + 1):
        if now - last >= log_interval(now):
            lines, last = lines + 1, float(now)
    assert lines <= most, lines
