"""Loader throughput against mlcroissant and raw pyarrow, and peak RSS streaming a 1 GB CSV.

    .venv/bin/python -m pytest tests/benchmarks/bench_load.py -m benchmark -s

Record sets of 1,000,000 rows x 6 columns (int, float, int, short text, bool, text), as
CSV and as Parquet. Measured in the same run: our Arrow batch path
(``reader.iter_batches``), our dict path (``for record in reader``), a raw pyarrow read
of the same file (``pyarrow.csv.read_csv`` / ``pyarrow.parquet.read_table``, multi-
threaded), and mlcroissant ``records()`` on the first 100,000 rows (its per-record rate;
on a million rows it takes minutes). Our figures include ``load()`` (validation, sha256
check of the data file, planning). Each figure is the best of three runs. The data is
generated in a temporary folder and deleted afterwards; figures are printed, not asserted.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import croissant_tools as ct
from croissant_tools.hashing import hash_file
from croissant_tools.vocab import CONTEXT_1_0

pytestmark = pytest.mark.benchmark
ROWS = 1_000_000
MLC_ROWS = 100_000
COLUMNS = {"id": "sc:Integer", "x": "sc:Float", "y": "sc:Integer", "name": "sc:Text",
           "flag": "sc:Boolean", "text": "sc:Text"}  # fmt: skip
FORMATS = {"csv": "text/csv", "parquet": "application/x-parquet"}


def _table(rows: int, offset: int = 0) -> pa.Table:
    rng = np.random.default_rng(offset)
    ids = np.arange(offset, offset + rows)
    return pa.table({
        "id": ids,
        "x": rng.random(rows),
        "y": rng.integers(0, 1000, rows),
        "name": pa.array([f"name-{i % 5000}" for i in ids]),
        "flag": rng.random(rows) > 0.5,
        "text": pa.array([f"some free text number {i}" for i in ids]),
    })  # fmt: skip


def _write(table: pa.Table, path: Path) -> None:
    if path.suffix == ".csv":
        pacsv.write_csv(table, path)
    else:
        pq.write_table(table, path)


def _describe(folder: Path, data: Path) -> Path:
    kind = "csv" if data.suffix == ".csv" else "parquet"
    fo = {
        "@type": "cr:FileObject",
        "@id": "data",
        "name": "data",
        "contentUrl": data.name,
        "encodingFormat": FORMATS[kind],
        "sha256": hash_file(data).sha256,
    }
    fields = [
        {
            "@type": "cr:Field",
            "@id": f"rows/{c}",
            "name": c,
            "dataType": t,
            "source": {"fileObject": {"@id": "data"}, "extract": {"column": c}},
        }
        for c, t in COLUMNS.items()
    ]
    doc = {
        "@context": CONTEXT_1_0,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": "bench",
        "description": "Benchmark data.",
        "url": "https://example.org/bench",
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "datePublished": "2026-01-01",
        "creator": {"@type": "sc:Person", "name": "bench"},
        "version": "1.0.0",
        "distribution": [fo],
        "recordSet": [{"@type": "cr:RecordSet", "@id": "rows", "name": "rows", "field": fields}],
    }
    path = folder / f"{data.stem}-{kind}.json"
    path.write_text(json.dumps(doc))
    return path


def _best(fn: Callable[[], int], repeats: int = 3) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        count = fn()
        best = min(best, time.perf_counter() - started)
    return best, count


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    folder = tmp_path_factory.mktemp("bench_load")
    full, prefix = _table(ROWS), _table(MLC_ROWS)
    out = {}
    for kind, suffix in (("csv", ".csv"), ("parquet", ".parquet")):
        big, small = folder / f"big{suffix}", folder / f"small{suffix}"
        _write(full, big)
        _write(prefix, small)
        out[kind] = (big, _describe(folder, big), _describe(folder, small))
    return out


def _mlcroissant_rate(metadata: Path) -> float:
    import mlcroissant as mlc

    logging.getLogger("absl").setLevel(logging.ERROR)
    started = time.perf_counter()
    count = sum(1 for _ in mlc.Dataset(str(metadata)).records("rows"))
    return count / (time.perf_counter() - started)


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_throughput(kind: str, data: dict[str, tuple[Path, Path, Path]]) -> None:
    big, metadata, small = data[kind]
    raw: Callable[[], int] = (
        (lambda: pacsv.read_csv(big).num_rows)
        if kind == "csv"
        else (lambda: pq.read_table(big).num_rows)
    )
    raw_s, _ = _best(raw)
    arrow_s, arrow_n = _best(
        lambda: sum(b.num_rows for b in ct.load(metadata, "rows").iter_batches())
    )
    dict_s, dict_n = _best(lambda: sum(1 for _ in ct.load(metadata, "rows")), repeats=2)
    assert arrow_n == dict_n == ROWS
    mlc_rate = _mlcroissant_rate(small)
    arrow_rate, dict_rate, raw_rate = ROWS / arrow_s, ROWS / dict_s, ROWS / raw_s
    size = big.stat().st_size / 1e6
    print(f"\n[{kind}] {ROWS:,} rows x {len(COLUMNS)} columns ({size:.0f} MB)")
    print(f"  raw pyarrow    {raw_s:7.3f} s {raw_rate:12,.0f} records/s")
    print(
        f"  ours, Arrow    {arrow_s:7.3f} s {arrow_rate:12,.0f} records/s = "
        f"{arrow_rate / raw_rate:.2f}x raw pyarrow, {arrow_rate / mlc_rate:.0f}x mlcroissant"
    )
    print(
        f"  ours, dicts    {dict_s:7.3f} s {dict_rate:12,.0f} records/s = "
        f"{dict_rate / mlc_rate:.0f}x mlcroissant"
    )
    print(f"  mlcroissant    ({MLC_ROWS:,} rows) {mlc_rate:12,.0f} records/s")


# Peak RSS from /proc (VmHWM): ru_maxrss of a child started from this process would
# include the pytest parent's memory at fork time, which exec does not reset.
RSS_SCRIPT = """
import resource, sys, time
import croissant_tools as ct

def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

reader = ct.load(sys.argv[1], "rows")
started = time.perf_counter()
rows = sum(b.num_rows for b in reader.iter_batches(65536))
elapsed = time.perf_counter() - started
print(rows, elapsed, peak_kb())
"""


def test_peak_rss_streaming_a_1gb_csv(tmp_path: Path) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as out:
        offset = 0
        while out.tell() < 1024**3:
            block = _table(500_000, offset)
            sink = pa.BufferOutputStream()
            pacsv.write_csv(block, sink, pacsv.WriteOptions(include_header=offset == 0))
            out.write(sink.getvalue().to_pybytes())
            offset += 500_000
    metadata = _describe(tmp_path, big)
    command = [sys.executable, "-c", RSS_SCRIPT, str(metadata)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    rows, elapsed, peak_kb = result.stdout.split()
    size = big.stat().st_size
    rate = size / float(elapsed) / 1e6
    seconds = float(elapsed)
    print(
        f"\n[1 GB CSV] {size / 1e9:.2f} GB, {int(rows):,} rows in {seconds:.1f} s ({rate:.0f} MB/s)"
    )
    print(f"  peak RSS {int(peak_kb) / 1024:.0f} MB (target < 500 MB)")
    assert int(rows) == offset
