"""Publishing time against validating the same document (the reference, same run).

    .venv/bin/python -m pytest tests/benchmarks/bench_publish.py -m benchmark -s

``publish`` validates first, so the ratio publish/validate shows what rendering the
page and the card adds. Figures are printed, not asserted; docs/publishing.md records
a run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import croissant_tools as ct
from tests.publishing.conftest import CORPUS, dataset, field, many_files

pytestmark = pytest.mark.benchmark


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _wide(count: int) -> dict[str, Any]:
    doc = dataset()
    doc["recordSet"][0]["field"] = [field("rows", f"c{i:05d}", "sc:Float") for i in range(count)]
    return doc


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("corpus example", lambda: CORPUS),
        ("2,000 fields", lambda: _wide(2000)),
        ("10,000 files", lambda: many_files(10_000)),
    ],
)
def test_publish_vs_validate(tmp_path: Path, label: str, make: Callable[[], Any]) -> None:
    source = make()
    reference = _best(lambda: ct.validate(source))
    ours = _best(lambda: ct.publish(source, tmp_path, overwrite=True))
    size = (tmp_path / "index.html").stat().st_size + (tmp_path / "README.md").stat().st_size
    print(
        f"\n{label}: publish {ours:.3f} s, validate alone {reference:.3f} s, "
        f"ratio {ours / reference:.1f}x; page + card {size / 1024:,.0f} KiB"
    )
