"""SpilledSmallest selects exactly what a sort of everything selects, whatever the sharding."""

from __future__ import annotations

import functools
import heapq
import random
from pathlib import Path
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from pipelines.decisions import Cut
from pipelines.stages.finalize import TOP_ORDER, TOP_SCHEMA, top_last
from pipelines.transforms import smallest
from pipelines.transforms.smallest import SpilledSmallest

OPTIONS = PipelineOptions(["--runner=DirectRunner"])


def _rows(shard: int, shards: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return shards.get(shard, [])


def _pairs(table: pa.Table) -> list[tuple[float, str]]:
    return [(row["score"], row["id"]) for row in table.to_pylist()]


def _corpus(n: int) -> list[dict[str, Any]]:
    rng = random.Random(7)
    names = ["a", "b", "é", "z", "Ω", "日本", "a\u0301", "\U0001f600"]  # byte order = str order
    return [
        {"score": float(rng.choice([0.0, -0.0, 0.5, 1.0, 2.5, float("inf")])), "id": f"{name}{i}"}
        for i in range(n)
        for name in [rng.choice(names)]
    ]


@pytest.mark.parametrize(("n", "batch"), [(1, 4096), (37, 8), (500, 64), (5000, 16)])
def test_top_rows_match_a_python_sort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int, batch: int
) -> None:
    monkeypatch.setattr(smallest, "BATCH", batch)
    rows = _corpus(1200)
    pairs = [(r["score"], r["id"]) for r in rows]
    expected = heapq.nsmallest(n, pairs, key=lambda p: (-p[0], p[1]))
    shards = {s: rows[s::5] for s in range(5)}  # shard 5 is empty
    read = functools.partial(_rows, shards=shards)
    with beam.Pipeline(options=OPTIONS) as pipeline:
        found = (
            pipeline
            | beam.Create([5, 3, 1, 4, 0, 2])
            | SpilledSmallest(n, TOP_SCHEMA, TOP_ORDER, read, str(tmp_path / "top"), _pairs)
        )
        assert_that(found, equal_to([expected]))
    assert len(list((tmp_path / "top").iterdir())) == 5  # one scratch file per non-empty shard


def test_no_rows_give_an_empty_table_and_no_cutoff(tmp_path: Path) -> None:
    read = functools.partial(_rows, shards={})
    finish = functools.partial(top_last, count=3)
    with beam.Pipeline(options=OPTIONS) as pipeline:
        found = (
            pipeline
            | beam.Create([0, 1])
            | SpilledSmallest(3, TOP_SCHEMA, TOP_ORDER, read, str(tmp_path / "top"), finish)
        )
        assert_that(found, equal_to([None]))


def test_the_cutoff_is_the_last_record_pruned() -> None:
    table = pa.Table.from_pylist(
        [{"score": 3.0, "id": "b"}, {"score": 2.0, "id": "a"}, {"score": 2.0, "id": "c"}],
        schema=TOP_SCHEMA,
    )
    last = top_last(table, count=3)
    assert last == (2.0, "c")
    cut = Cut(None, last)
    assert cut.prunes("c", 2.0) and not cut.prunes("d", 2.0) and cut.prunes("z", 2.5)
    assert top_last(table, count=0) is None
    assert Cut(1.0, last).prunes("c", 2.0) and not Cut(2.1, last).prunes("c", 2.0)
