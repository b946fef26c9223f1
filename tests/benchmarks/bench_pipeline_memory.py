"""Peak memory of a whole pipeline run at several corpus sizes (DirectRunner, fake encoder).

    .venv/bin/python -m pytest tests/benchmarks/bench_pipeline_memory.py -m benchmark -s
    BENCH_PIPELINE_SIZES=4000,16000,32000 .venv/bin/python -m pytest ... (other sizes)

Each corpus is a folder of JSONL files of 1,000 documents (one read task, hence one shard,
per file: a shard's working set is bounded by design, so what grows with the corpus is the
state that spans shards). Each run is a separate process running ``python -m
pipelines.prune``'s ``main``; before each stage the process resets its peak resident set
(``/proc/self/clear_refs``, Linux) and after it reads ``VmHWM``, so every stage's own peak
is printed, and the run's peak is the largest. The growth per added document between
consecutive sizes is compared with the size of what is added: the embedding (``dim``
float32) and the text. The fake encoder (64 dimensions) keeps the runs short; a real model
only adds its fixed weights. Printed, not asserted; ``docs/pipeline.md`` records a run.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.bench_pipeline import functions

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(3600)]

FILE_DOCS = 1000
SIZES = tuple(int(n) for n in os.environ.get("BENCH_PIPELINE_SIZES", "4000,16000").split(","))


_CHILD = """
import json, sys
import pipelines.run as run
from pipelines.prune import main

def hwm_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))

peaks = {"start": hwm_kb()}
stage_of = run.run_stage

def measured(stage, ctx, display):
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # reset the peak resident set of this process
    result = stage_of(stage, ctx, display)
    peaks[stage.name] = hwm_kb()
    return result

run.run_stage = measured
code = main(sys.argv[1:])
print(json.dumps({"rc": code, "peaks_kb": peaks}))
"""


def _peak_rss_mb(args: list[str]) -> tuple[dict[str, float], dict[str, object]]:
    """Per-stage peak RSS (MiB) of one run in a fresh process, and its summary."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    report = json.loads(lines[-1])
    assert report["rc"] == 0, done.stderr[-2000:]
    out = Path(args[args.index("-o") + 1])
    peaks = {name: kb / 1024 for name, kb in report["peaks_kb"].items()}
    return peaks, json.loads((out / "summary.json").read_text())


def test_peak_memory_at_several_sizes(tmp_path: Path) -> None:
    rows = functions(max(SIZES))
    if len(rows) < max(SIZES):
        pytest.skip(f"only {len(rows)} functions available")
    measured = []
    for size in SIZES:
        folder = tmp_path / f"c{size}"
        folder.mkdir()
        for start in range(0, size, FILE_DOCS):  # a corpus as files of 1,000 documents
            part = rows[start : min(size, start + FILE_DOCS)]
            text = "".join(json.dumps(r) + "\n" for r in part)
            (folder / f"part-{start // FILE_DOCS:05d}.jsonl").write_text(text, encoding="utf-8")
        text_mb = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        corpus = str(folder / "*.jsonl")
        args = [corpus, "-o", str(tmp_path / f"out{size}"), "--model", "fake", "--scorer", "scip"]
        args += ["--runner", "DirectRunner", "--progress", "none", "--no-report"]
        peaks, summary = _peak_rss_mb(args)
        peak = max(peaks.values())
        measured.append((size, peak, text_mb))
        print(f"\n{size:,} docs ({text_mb:.1f} MiB of JSONL): peak RSS {peak:,.0f} MiB")
        print("    per stage (MiB): " + ", ".join(f"{k} {v:,.0f}" for k, v in peaks.items()))
        print(f"    stages: {summary['stages']}")
    for (small, peak_small, text_small), (large, peak_large, text_large) in itertools.pairwise(
        measured
    ):
        per_doc_kb = (peak_large - peak_small) * 1024 / (large - small)
        text_kb = (text_large - text_small) * 1024 / (large - small)
        print(
            f"growth {small:,} -> {large:,}: {per_doc_kb:.2f} KiB per added document; each adds "
            f"{text_kb:.2f} KiB of JSONL and 0.25 KiB of fake-encoder embedding "
            "(1.5 KiB with all-MiniLM-L6-v2)"
        )
    print(f"machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.processor() or '?'}")
