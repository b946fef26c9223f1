"""Benchmark: whole-process ``croissant-tools validate`` against ``mlcroissant validate``.

Three documents, generated here: the small penguins fixture, a record set with 2,000
fields and a distribution of 10,000 FileObjects. Each command runs ``REPEATS`` times;
the medians of wall time and of CPU time (user + system, from ``getrusage`` of the
children) are printed with the ratio mlcroissant / ours. No timing is asserted.

    .venv/bin/python -m pytest tests/benchmarks/bench_validate.py -m benchmark -s
"""

from __future__ import annotations

import copy
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.validation.golden import FIXTURES

REPEATS = 3
BIN = Path(sys.executable).parent
PENGUINS = FIXTURES / "valid" / "penguins-1.1"


def many_fields(count: int) -> dict[str, Any]:
    data = json.loads((PENGUINS / "metadata.json").read_text())
    fields = [
        {
            "@type": "cr:Field",
            "@id": f"wide/c{i}",
            "name": f"c{i}",
            "dataType": "sc:Float",
            "source": {"fileObject": {"@id": "penguins.csv"}, "extract": {"column": f"c{i}"}},
        }
        for i in range(count)
    ]
    data["recordSet"] = [{"@type": "cr:RecordSet", "@id": "wide", "name": "wide", "field": fields}]
    return data


def many_files(count: int) -> dict[str, Any]:
    data = json.loads((PENGUINS / "metadata.json").read_text())
    template = data["distribution"][0]
    files = []
    for i in range(count):
        item = copy.deepcopy(template)
        item.update({"@id": f"part-{i:05d}.csv", "name": f"part-{i:05d}.csv"})
        item["contentUrl"] = f"data/part-{i:05d}.csv"
        files.append(item)
    data["distribution"] = [template, *files]
    return data


def timed(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (children user+sys) and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.returncode


def measure(command: list[str]) -> tuple[float, float, set[int]]:
    runs = [timed(command) for _ in range(REPEATS)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    return wall, cpu, {r[2] for r in runs}


@pytest.mark.benchmark
def test_validate_speed_against_mlcroissant(tmp_path: Path) -> None:
    if not (BIN / "mlcroissant").exists():
        pytest.skip("mlcroissant command not installed")
    shutil.copytree(PENGUINS, tmp_path / "small")
    documents = {"small (penguins)": tmp_path / "small" / "metadata.json"}
    for label, data in (
        ("2,000 fields", many_fields(2000)),
        ("10,000 FileObjects", many_files(10_000)),
    ):
        path = tmp_path / (label.split()[0].replace(",", "") + ".json")
        path.write_text(json.dumps(data, indent=1))
        documents[label] = path
    print(f"\nmedian of {REPEATS} runs; ratio = mlcroissant / croissant-tools")
    print(f"{'document':22} {'ours wall':>10} {'mlc wall':>10} {'ratio':>7} "
          f"{'ours cpu':>10} {'mlc cpu':>10} {'ratio':>7}")  # fmt: skip
    for label, path in documents.items():
        ours = measure([str(BIN / "croissant-tools"), "validate", str(path)])
        theirs = measure([str(BIN / "mlcroissant"), "validate", "--jsonld", str(path)])
        assert ours[2] == {0}, f"croissant-tools found errors in {label}"
        print(
            f"{label:22} {ours[0]:9.2f}s {theirs[0]:9.2f}s {theirs[0] / ours[0]:6.1f}x "
            f"{ours[1]:9.2f}s {theirs[1]:9.2f}s {theirs[1] / ours[1]:6.1f}x"
            + ("" if theirs[2] == {0} else f"  (mlcroissant exit {sorted(theirs[2])})")
        )
