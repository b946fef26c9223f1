"""Beam: ReadFromCroissant on the DirectRunner, split by file and Parquet row group."""

from __future__ import annotations

import pytest

from tests.loading.conftest import fixture_path

beam = pytest.importorskip("apache_beam")
from apache_beam.options.pipeline_options import PipelineOptions  # noqa: E402
from apache_beam.testing.util import assert_that, equal_to  # noqa: E402

from croissant_tools.beam import ReadFromCroissant  # noqa: E402


def _pipeline() -> beam.Pipeline:
    return beam.Pipeline(runner="DirectRunner", options=PipelineOptions(["--direct_num_workers=1"]))


def test_records_split_by_row_group() -> None:
    read = ReadFromCroissant(
        fixture_path("parquet_fileset"), "numbers", columns=["numbers/n", "numbers/file"]
    )
    assert len(read.units) == 9  # three files, three row groups each
    assert read.schema.names == ["numbers/n", "numbers/file"]
    with _pipeline() as p:
        rows = p | read
        assert_that(
            rows | beam.Map(lambda r: (r["numbers/n"], r["numbers/file"])),
            equal_to([(n, f"part-{n // 5}.parquet") for n in range(15)]),
        )


def test_batches_and_splits() -> None:
    read = ReadFromCroissant(fixture_path("splits"), "docs", split="train", output="batches")
    assert [u.label for u in read.units] == [
        "data/train/t1.txt",
        "data/train/t2.txt",
        "data/train/t3.txt",
    ]
    with _pipeline() as p:
        texts = p | read | beam.FlatMap(lambda b: b.column("docs/text").to_pylist())
        assert_that(texts, equal_to(["train one", "train two", "train three"]))


def test_bad_arguments_fail_when_the_pipeline_is_built() -> None:
    from croissant_tools.errors import UsageError

    with pytest.raises(UsageError, match="output must be"):
        ReadFromCroissant(fixture_path("joins"), "ratings", output="rows")
    with pytest.raises(UsageError, match="no split"):
        ReadFromCroissant(fixture_path("splits"), "docs", split="dev")
