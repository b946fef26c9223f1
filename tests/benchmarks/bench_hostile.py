"""Benchmark: hostile documents cost time linear in their size (issue 15).

For each shape the promise suite uses (``tests/hostile/test_odd_documents_never_crash.py``)
this builds the document at two sizes, N and 2N, runs whole ``croissant-tools`` processes
on each and prints the wall times and their ratio: about 2 means linear, about 4 quadratic.
No timing is asserted.

    .venv/bin/python -m pytest tests/benchmarks/bench_hostile.py -m benchmark -s
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import test_odd_documents_never_crash as odd

pytestmark = pytest.mark.benchmark
BIN = Path(sys.executable).parent / "croissant-tools"


def _unknown_keys(n: int) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        for i in range(n):
            doc[f"unknownProperty{i}"] = i

    return mutate


def _chain(n: int) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        previous, odd.CHAIN = odd.CHAIN, n
        try:
            odd._contained_in_chain(doc)
        finally:
            odd.CHAIN = previous

    return mutate


SHAPES: dict[str, tuple[Callable[[int], Callable[[dict[str, Any]], None]], int, list[str]]] = {
    "unknown keys, validate": (_unknown_keys, 50_000, ["validate"]),
    "unknown keys, validate --format sarif": (
        _unknown_keys,
        50_000,
        ["validate", "--format", "sarif"],
    ),
    "containedIn chain, validate": (_chain, 2_500, ["validate"]),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_hostile_documents_scale_linearly(tmp_path: Path, shape: str) -> None:
    make, n, command = SHAPES[shape]
    times = []
    for size in (n, 2 * n):
        doc = copy.deepcopy(odd.BASE)
        make(size)(doc)
        path = tmp_path / f"doc-{size}.json"
        path.write_text(json.dumps(doc))
        started = time.perf_counter()
        done = subprocess.run([str(BIN), *command, str(path)], capture_output=True, check=False)
        times.append(time.perf_counter() - started)
        assert done.returncode in (0, 1), done.stderr[-2000:]
    print(
        f"\n[{shape}] N={n:,}: {times[0]:.1f} s, 2N: {times[1]:.1f} s, "
        f"ratio {times[1] / times[0]:.2f} (2 = linear, 4 = quadratic)"
    )
