"""Peak memory of a whole pipeline run at two corpus sizes (DirectRunner, fake encoder).

    .venv/bin/python -m pytest tests/benchmarks/bench_pipeline_memory.py -m benchmark -s

Each corpus is a folder of JSONL files of 1,000 documents (one read task, hence one shard,
per file: a shard's working set is bounded by design, so what grows with the corpus is the
state that spans shards). Each run is a separate ``python -m pipelines.prune`` process;
its peak RSS is read from ``getrusage(RUSAGE_CHILDREN)`` after it exits. The growth per
added document is compared with the size of what is added: the embedding (``dim``
float32) and the text. The fake
encoder (64 dimensions) keeps the runs short; a real model only adds its fixed weights.
Printed, not asserted; ``docs/pipeline.md`` records a run.
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

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(3600)]

FILE_DOCS = 1000
SIZES = tuple(int(n) for n in os.environ.get("BENCH_PIPELINE_SIZES", "4000,16000").split(","))


def _peak_rss_mb(args: list[str]) -> tuple[float, dict[str, object]]:
    code = (
        "import resource, subprocess, sys, json\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'rc': done.returncode, 'peak_kb': peak}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "pipelines.prune", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["rc"] == 0, done.stderr[-2000:]
    out = Path(args[args.index("-o") + 1])
    return report["peak_kb"] / 1024, json.loads((out / "summary.json").read_text())


def test_peak_memory_at_two_sizes(tmp_path: Path) -> None:
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
        peak, summary = _peak_rss_mb(args)
        measured.append((size, peak, text_mb))
        print(f"\n{size:,} docs ({text_mb:.1f} MiB of JSONL): peak RSS {peak:,.0f} MiB")
        print(f"    stages: {summary['stages']}")
    (small, peak_small, text_small), (large, peak_large, text_large) = measured
    per_doc_kb = (peak_large - peak_small) * 1024 / (large - small)
    text_kb = (text_large - text_small) * 1024 / (large - small)
    print(
        f"growth: {per_doc_kb:.2f} KiB per added document; each adds {text_kb:.2f} KiB of JSONL "
        f"and 0.25 KiB of fake-encoder embedding (1.5 KiB with all-MiniLM-L6-v2)"
    )
    print(
        f"machine: {os.cpu_count()} CPUs; resource.getrusage maxrss in KiB ({resource.RLIMIT_AS})"
    )
