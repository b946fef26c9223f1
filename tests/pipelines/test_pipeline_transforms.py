"""Each Beam transform gives what the in-memory pruning function gives (DirectRunner)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import apache_beam as beam
import numpy as np
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to
from sklearn.datasets import make_blobs

from pipelines.transforms import sample_key, smallest
from pipelines.transforms.clusters import ClusterSizes, FitCentroids, assign_batch, fit_on_sample
from pipelines.transforms.dedup import SemanticDedup
from pipelines.transforms.near import NearDedup
from pruning.cluster import assign
from pruning.config import ClusterConfig, DedupConfig
from pruning.dedup import near_dedup, semantic_dedup
from pruning.embed import normalize
from pruning.types import CodeRecord

OPTIONS = PipelineOptions(["--runner=DirectRunner"])


def _vectors(n: int = 120, seed: int = 0) -> tuple[list[str], np.ndarray]:
    data, _ = make_blobs(n_samples=n, centers=5, n_features=16, random_state=seed)
    vectors = normalize(data.astype(np.float32))
    vectors[7] = vectors[3]  # planted semantic duplicates
    vectors[40] = normalize(vectors[[11]] + 1e-3)[0]
    return [f"r{i:03d}" for i in range(n)], vectors


def _removed(groups: list) -> list[tuple[str, tuple[str, float, int]]]:  # type: ignore[type-arg]
    return sorted((m, (g.kept, pytest.approx(g.similarity), 0)) for g in groups for m in g.removed)


def _shard_items(shard: int, shards: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return shards.get(shard, [])


@pytest.mark.parametrize(("num_shards", "partitions"), [(1, 1), (3, 1), (3, 4)])
def test_near_dedup_matches_pruning(tmp_path: Path, num_shards: int, partitions: int) -> None:
    bodies = [
        f"def f{i}(a, b):\n    total = a + b * {i}\n    return total - {i % 3}\n" for i in range(30)
    ]
    records = [CodeRecord(f"r{i:02d}", t, "python") for i, t in enumerate(bodies)]
    records.append(CodeRecord("z-copy", bodies[4].replace("total", "acc"), "python"))
    records.append(CodeRecord("y-copy", bodies[9] + "# trailing comment\n", "python"))
    config = DedupConfig()

    def shard(name: str) -> int:
        return (int(name[1:]) if name[0] == "r" else 30 + (name == "y-copy")) % num_shards

    expected = [
        (m, (kept, sim, shard(m), shard(kept)))
        for m, (kept, sim, _) in _removed(near_dedup(records, config))
    ]
    assert {m for m, _ in expected} >= {"z-copy", "y-copy"}
    shards: dict[int, list[dict[str, str]]] = {}
    for i, r in enumerate(records):  # shard = position modulo num_shards; one shard empty
        shards.setdefault(i % num_shards, []).append(
            {"id": r.id, "text": r.text, "language": r.language}
        )
    read = functools.partial(_shard_items, shards=shards)
    scratch = str(tmp_path / "near")
    with beam.Pipeline(options=OPTIONS) as pipeline:
        shard_ids = pipeline | beam.Create(list(range(num_shards + 1))[::-1])
        found = shard_ids | NearDedup(config, read, scratch, partitions)
        assert_that(found, equal_to(expected))
    assert len(list((tmp_path / "near" / "bands").iterdir())) == num_shards


@pytest.mark.parametrize("near_removed", [(), ("r007",)])
def test_semantic_dedup_matches_pruning_with_top_two_and_split_clusters(
    tmp_path: Path, near_removed: tuple[str, ...]
) -> None:
    ids, vectors = _vectors()
    centroids = fit_on_sample(list(zip(ids, vectors)), ClusterConfig(k=4, seed=1))
    config = DedupConfig(semantic_threshold=0.99, max_block=20)
    left = [i for i, name in enumerate(ids) if name not in near_removed]
    found = assign(vectors[left], centroids)
    groups = semantic_dedup(
        [ids[i] for i in left],
        vectors[left],
        found.cluster,
        found.second_cluster,
        found.distance,
        config,
    )
    expected = [
        (m, (kept, sim, int(m[1:]) % 3, int(kept[1:]) % 3))
        for m, (kept, sim, _) in _removed(groups)
    ]
    assert {"r007", "r040"} - set(near_removed) <= {m for m, _ in expected}
    assert not set(near_removed) & {m for m, _ in expected}
    shards: dict[int, list[dict[str, object]]] = {}
    for i, (name, vector) in enumerate(zip(ids, vectors)):  # shard = position modulo 3
        shards.setdefault(i % 3, []).append({"id": name, "vector": vector})
    read = functools.partial(_shard_items, shards=shards)
    near = [(name, ("r003", 1.0, 0, 0)) for name in near_removed]
    with beam.Pipeline(options=OPTIONS) as pipeline:
        cents = pipeline | "Centroids" >> beam.Create([centroids])
        found_near = pipeline | "Near" >> beam.Create(near)
        shard_ids = pipeline | "Shards" >> beam.Create([2, 1, 0, 3])
        dedup = SemanticDedup(config, read, cents, found_near, str(tmp_path / "sem"), 4)
        removed = shard_ids | dedup
        assert_that(removed, equal_to(expected))


@pytest.mark.parametrize("batch", [4096, 16])
def test_centroids_are_fit_on_a_seeded_sample_whatever_the_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(smallest, "BATCH", batch)  # 16: batches pruned as they reach 2 n
    ids, vectors = _vectors(200, seed=3)
    config = ClusterConfig(k=5, seed=2, sample_size=150 if batch > 16 else 20)
    items = [{"id": i, "vector": v} for i, v in zip(ids, vectors)]
    chosen = sorted(items, key=lambda it: sample_key(it["id"], config.seed, "kmeans"))
    chosen = chosen[: config.sample_size]
    expected = fit_on_sample([(it["id"], it["vector"]) for it in chosen], config)
    assert expected.shape == (5, 16)

    def same(found: list[np.ndarray]) -> None:
        assert len(found) == 1 and np.array_equal(found[0], expected)

    for name, order in (("forward", items), ("reverse", items[::-1])):
        shards = {s: order[s::3] for s in range(3)}  # and an empty shard 3
        read = functools.partial(_shard_items, shards=shards)
        with beam.Pipeline(options=OPTIONS) as pipeline:
            shard_ids = pipeline | beam.Create([3, 1, 0, 2])
            cents = shard_ids | FitCentroids(config, read, str(tmp_path / name))
            assert_that(cents, same)
    assigned = assign_batch(items, expected)
    counts = np.bincount([a["cluster"] for a in assigned], minlength=5)
    with beam.Pipeline(options=OPTIONS) as pipeline:
        sizes = pipeline | beam.Create(assigned) | ClusterSizes()
        assert_that(sizes, equal_to([{c: int(n) for c, n in enumerate(counts) if n}]))
