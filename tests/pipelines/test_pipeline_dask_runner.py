"""The patched DaskRunner keeps every element that Beam's own translation loses."""

from __future__ import annotations

from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions

pytestmark = [pytest.mark.dask, pytest.mark.slow]


class _SplitByThree(beam.DoFn):
    def process(self, x: int):  # type: ignore[no-untyped-def]
        if x % 3 == 0:
            yield beam.pvalue.TaggedOutput("three", x)
        else:
            yield x


def _append(path: str):  # type: ignore[no-untyped-def]
    def write(x: object) -> None:
        with open(path, "a") as handle:
            handle.write(f"{x}\n")

    return write


def _read(path: Path) -> list[int]:
    return sorted(int(line) for line in path.read_text().split()) if path.exists() else []


def _options(address: str) -> PipelineOptions:
    return PipelineOptions(
        ["--runner=pipelines.dask_runner.DaskRunner", f"--dask_client_address={address}"]
    )


def test_finish_bundle_outputs_tagged_outputs_and_all_sinks_are_kept(
    dask_address: str, tmp_path: Path
) -> None:
    main, three, sizes, other = (tmp_path / n for n in ("main", "three", "sizes", "other"))
    pipeline = beam.Pipeline(options=_options(dask_address))
    numbers = pipeline | "numbers" >> beam.Create(list(range(1000)))
    split = numbers | beam.ParDo(_SplitByThree()).with_outputs("three", main="main")
    _ = split.main | "main" >> beam.Map(_append(str(main)))
    _ = split.three | "three" >> beam.Map(_append(str(three)))
    batches = numbers | beam.BatchElements(min_batch_size=64, max_batch_size=64)
    _ = batches | "sizes" >> beam.Map(lambda b: _append(str(sizes))(len(b)))
    _ = pipeline | "other" >> beam.Create([7, 8]) | "write other" >> beam.Map(_append(str(other)))
    result = pipeline.run()
    assert result.wait_until_finish() == "DONE"

    assert _read(main) == [x for x in range(1000) if x % 3]
    assert _read(three) == [x for x in range(1000) if x % 3 == 0]
    assert sum(_read(sizes)) == 1000  # the partial batch of each partition is kept
    assert _read(other) == [7, 8]


def test_side_inputs_and_group_by_key(dask_address: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    pipeline = beam.Pipeline(options=_options(dask_address))
    numbers = pipeline | beam.Create(list(range(100)))
    total = numbers | beam.CombineGlobally(sum).without_defaults()
    grouped = numbers | beam.Map(lambda x: (x % 4, x)) | beam.GroupByKey()
    _ = (
        grouped
        | beam.Map(
            lambda kv, t: kv[0] * 100_000 + t + len(list(kv[1])), beam.pvalue.AsSingleton(total)
        )
        | beam.Map(_append(str(out)))
    )
    assert pipeline.run().wait_until_finish() == "DONE"
    assert _read(out) == [k * 100_000 + 4950 + 25 for k in range(4)]


def test_unsupported_source_is_a_clear_error(dask_address: str, tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("a\nb\n")
    pipeline = beam.Pipeline(options=_options(dask_address))
    _ = pipeline | beam.io.ReadFromText(str(path)) | beam.Map(print)
    with pytest.raises(NotImplementedError, match=r"start pipelines with beam\.Create"):
        pipeline.run()


def test_side_inputs_are_computed_once(dask_address: str, tmp_path: Path) -> None:
    log = tmp_path / "log"

    def seen(name: str):  # type: ignore[no-untyped-def]
        def mark(x: object) -> object:
            with open(log, "a") as handle:
                handle.write(name + "\n")
            return x

        return mark

    pipeline = beam.Pipeline(options=_options(dask_address))
    items = (
        pipeline
        | "A" >> beam.Create([0, 1, 2])
        | "Read" >> beam.FlatMap(lambda s: range(s * 10, s * 10 + 10))
        | "SeenItems" >> beam.Map(seen("items"))
    )
    top = items | beam.combiners.Top.Of(5) | "SeenTop" >> beam.Map(seen("top"))
    expand = beam.FlatMap(lambda x, t: [(x, v) for v in t], beam.pvalue.AsSingleton(top))
    pairs = pipeline | "B" >> beam.Create([0, 1]) | "Pairs" >> expand
    sizes = pairs | beam.Map(lambda kv: (kv[0], 1)) | beam.CombinePerKey(sum)
    both = beam.Map(
        lambda x, t, s: (x, len(t), sorted(s)),
        beam.pvalue.AsSingleton(top),
        beam.pvalue.AsList(sizes),
    )
    _ = pipeline | "C" >> beam.Create([0]) | "Both" >> both | "SeenBoth" >> beam.Map(seen("both"))
    _ = pairs | "SeenPairs" >> beam.Map(seen("pairs"))
    assert pipeline.run().wait_until_finish() == "DONE"
    counts = {
        name: log.read_text().split().count(name) for name in ("items", "top", "pairs", "both")
    }
    assert counts == {"items": 30, "top": 1, "pairs": 10, "both": 1}
