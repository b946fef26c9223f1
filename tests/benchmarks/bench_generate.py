"""Generation throughput against ``sha256sum`` over the same bytes, and peak RSS vs file count.

    .venv/bin/python -m pytest tests/benchmarks/bench_generate.py -m benchmark -s

Data is generated in a temporary folder and deleted afterwards. Each small-file workload
runs :data:`ROUNDS` times, alternating ``sha256sum`` and ``generate`` so both see the same
machine load; the medians and the one-minute load average are printed. Figures are
printed, not asserted (timings depend on the machine); docs/generation.md records runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from croissant_tools.generation import describe

pytestmark = pytest.mark.benchmark
GB = 1024**3
ROUNDS = 3


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _sha256sum(paths: list[Path], cwd: Path) -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    listing = "\0".join(str(p.relative_to(cwd)) for p in paths).encode()
    subprocess.run(
        ["xargs", "-0", "sha256sum"], input=listing, cwd=cwd, check=True, stdout=subprocess.DEVNULL
    )


def _report(label: str, size: int, ours: float, reference: float) -> None:
    mb = size / 1024**2
    print(
        f"\n{label}: {mb:,.1f} MiB; generate {ours:.3f} s ({mb / ours:,.0f} MiB/s), "
        f"sha256sum {reference:.3f} s ({mb / reference:,.0f} MiB/s); "
        f"throughput ratio {reference / ours:.2f}x (target >= 0.8x); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


def _medians(rounds: list[tuple[float, float]]) -> tuple[float, float]:
    ours = sorted(r[0] for r in rounds)[len(rounds) // 2]
    reference = sorted(r[1] for r in rounds)[len(rounds) // 2]
    return ours, reference


def test_ten_thousand_small_files(tmp_path: Path) -> None:
    for kind in ("txt", "csv"):
        root = tmp_path / kind
        paths = []
        for index in range(10_000):
            folder = root / f"shard{index % 50:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"f{index:05d}.{kind}"
            body = f"id,value\n{index},{index * 0.5}\n" if kind == "csv" else f"line {index}\n" * 20
            path.write_text(body)
            paths.append(path)
        size = sum(p.stat().st_size for p in paths)
        rounds = []
        for _ in range(ROUNDS):
            reference = _timed(lambda root=root, paths=paths: _sha256sum(paths, root))
            ours = _timed(lambda root=root: describe(root, output=root / "croissant.json"))
            rounds.append((ours, reference))
            print(f"\n  round: generate {ours:.3f} s, sha256sum {reference:.3f} s")
        _report(f"10,000 small .{kind} files (median of {ROUNDS})", size, *_medians(rounds))


def test_one_gigabyte_csv(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    row = b"12345,67.891,some text value here,2024-01-02,true\n"
    block = row * (8 * 1024 * 1024 // len(row))
    with path.open("wb") as handle:
        handle.write(b"id,amount,label,day,flag\n")
        while handle.tell() < GB:
            handle.write(block)
    size = path.stat().st_size
    reference = _timed(lambda: _sha256sum([path], tmp_path))
    ours = _timed(lambda: describe(path))
    _report("1 GB CSV", size, ours, reference)
    again = _timed(lambda: describe(path, checksums=False))
    print(f"1 GB CSV with --no-checksums: {again:.3f} s (prefix inference only)")


_RSS_SCRIPT = """
import resource, sys
from croissant_tools.generation import describe
generated = describe(sys.argv[1], checksums=False, workers=2)
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(generated.summary.files, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children)
"""


def test_peak_rss_does_not_grow_with_file_count(tmp_path: Path) -> None:
    results = {}
    for count in (10_000, 100_000):
        root = tmp_path / str(count)
        for index in range(count):
            folder = root / f"d{index % 100:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{index:06d}.txt").write_text(f"text {index}\n")
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _RSS_SCRIPT, str(root)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path.cwd())},
        )
        files, rss_kb, workers_kb = map(int, out.stdout.split())
        results[count] = rss_kb
        workers = f"{workers_kb / 1024:,.1f} MiB" if workers_kb else "none (threads)"
        print(
            f"\n{files:,} files: peak RSS {rss_kb / 1024:,.1f} MiB, worker processes' "
            f"peak {workers}, {time.perf_counter() - started:.1f} s"
        )
        shutil.rmtree(root)
    print(json.dumps({"peak_rss_kib": results}))
