"""Benchmark: CPU per record beyond the encoder, at two corpus sizes (issue 13).

The pipeline runs in a child process with ``--model fake`` (a hashing encoder that costs
almost nothing), so what it spends is the CPU a GPU job would still spend per record:
reading, structural signals, language detection, the corpus statistics, scoring,
deduplication, decisions, writing. Two sizes of the same kind of corpus (Python functions
from installed third-party packages, as ``bench_pipeline.py`` uses) give the marginal CPU
per record, ``(cpu(N2) - cpu(N1)) / (N2 - N1)``, and per stage the marginal wall time from
``summary.json`` (the DirectRunner is one process). Target: <= 1 ms per record. Printed,
not asserted.

    BENCH_CPU_SIZES=1200,4800 .venv/bin/python -m pytest \\
        tests/benchmarks/pipeline/bench_cpu.py -m benchmark -s
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.bench_pipeline import functions

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(7200)]
SIZES = tuple(int(n) for n in os.environ.get("BENCH_CPU_SIZES", "1200,4800").split(","))


def _run(corpus: Path, out: Path) -> tuple[float, dict[str, float]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "croissant_tools.cli",
            "prune",
            str(corpus),
            "-o",
            str(out),
            "--model",
            "fake",
            "--runner",
            "DirectRunner",
            "--progress",
            "none",
            "--no-report",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = json.loads((out / "summary.json").read_text())
    return cpu, {s["name"]: s["seconds"] for s in summary["stages"]}


def test_cpu_per_record_at_two_sizes(tmp_path: Path) -> None:
    rows = functions(max(SIZES))
    results = {}
    for size in SIZES:
        corpus = tmp_path / f"corpus-{size}.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows[:size]))
        results[size] = _run(corpus, tmp_path / f"out-{size}")
    (n1, (cpu1, st1)), (n2, (cpu2, st2)) = sorted(results.items())[:2]
    print(f"\nrecords {n1:,} -> {n2:,}: CPU {cpu1:.1f} s -> {cpu2:.1f} s")
    print(f"marginal CPU per record: {(cpu2 - cpu1) / (n2 - n1) * 1000:.2f} ms (target <= 1)")
    for stage in st1:
        marginal = (st2[stage] - st1[stage]) / (n2 - n1) * 1000
        print(
            f"  {stage:10s} {st1[stage]:7.1f} s -> {st2[stage]:7.1f} s: {marginal:6.2f} ms/record"
        )
