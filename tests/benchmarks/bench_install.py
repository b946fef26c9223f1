"""Benchmark: the base install (``pip install croissant-tools``, no extras) in a fresh venv.

Prints the size it adds to an empty venv's site-packages, the time ``pip install`` took
(with pip's download cache as it is on this machine: warm after the first run) and the
median wall time of ``croissant-tools validate`` on the small iris example (whole
process, 7 runs). Targets: ≤ 300 MB and ≤ 0.3 s; no timing is asserted.

    .venv/bin/python -m pytest tests/benchmarks/bench_install.py -m benchmark -s
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.install_check import measure


@pytest.mark.benchmark
def test_base_install_size_and_validate_time(tmp_path: Path) -> None:
    figures = measure(tmp_path)
    print(
        f"\nbase install: {figures['install_mb']:.0f} MB (target <= 300), pip install "
        f"{figures['install_s']:.0f} s; validate small file {figures['validate_s']:.3f} s wall "
        "(target <= 0.3)"
    )
