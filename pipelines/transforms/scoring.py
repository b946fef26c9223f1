"""Scores in Beam: train the learned scorers on a sample, then score every record in batches.

* :class:`TrainScorers` takes a reproducible sample of ``max(probe.sample_size,
  probe.stats_sample)`` items and calls :func:`pruning.scores.learned.train_scorers` in one
  worker, with the centroids and cluster sizes as side inputs: the corpus statistics learn
  from the whole sample, the synthetic task draws ``probe.sample_size`` records of it. The
  synthetic corruptions are embedded there with the run's encoder (loaded in that worker);
  clean texts reuse the vectors already computed. The result is numpy arrays (a few MiB
  with the corpus statistics), passed on as a side input.
* :class:`ScoreRecords` builds a :class:`pruning.scores.features.FeatureBatch` per batch of
  assigned items (the id-ordered batches of
  :func:`~pipelines.transforms.clusters.assigned_batches`), texts and languages included,
  so scorers with a language model compute the naturalness features (leave-one-out for
  their own training sample); it asks the trained scorers (or, without them, the baseline
  scores that need no training) for every score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import apache_beam as beam
import numpy as np

from pipelines.embedding import build_encoder
from pipelines.progress import Ticker
from pipelines.transforms import Item, Smallest, sample_key
from pipelines.transforms.clusters import assigned_batches, sizes_array
from pruning.config import EmbedConfig, ProbeConfig
from pruning.errors import DataError
from pruning.scores import evidence
from pruning.scores.features import FeatureBatch
from pruning.scores.learned import TrainedScorers, baseline_scores, train_scorers
from pruning.types import CodeRecord, StructuralSignals

LEARNED = ("probe", "structural", "combined")


class _ReuseVectors:
    """An ``embed`` callable that reuses known vectors and encodes only unseen texts."""

    def __init__(self, known: dict[str, np.ndarray], encoder: Any, ticker: Any = None) -> None:
        self.known = known
        self.encoder = encoder
        self.encoded = 0
        self.ticker = ticker

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.known})
        for start in range(0, len(missing), CHUNK):  # in chunks, so progress shows
            chunk = missing[start : start + CHUNK]
            self.encoded += len(chunk)
            self.known.update(zip(chunk, self.encoder.encode(chunk)))
            if self.ticker is not None:
                self.ticker.tick(len(chunk))
        return np.stack([np.asarray(self.known[t], dtype=np.float32) for t in texts])


CHUNK = 256
#: the progress steps of training (see pipelines.progress)
SYNTHETIC_STEP = "synthetic examples embedded"
TRAINED_STEP = "scorers trained"


def train(
    sample: Iterable[Item],
    centroids: np.ndarray,
    sizes: dict[int, int],
    probe: ProbeConfig,
    embed: EmbedConfig,
    fake: bool,
    progress: str | None = None,
) -> TrainedScorers | None:
    """Learned scorers fit on the sample's synthetic task (``None`` when it is too small)."""
    items = sorted(sample, key=lambda item: item["id"])
    records = [CodeRecord(i["id"], i["text"], i["language"]) for i in items]
    known = {i["text"]: np.asarray(i["vector"], dtype=np.float32) for i in items}
    ticker = Ticker(progress, SYNTHETIC_STEP) if progress else None
    embedder = _ReuseVectors(known, build_encoder(embed, fake), ticker)
    try:
        trained = train_scorers(
            records, embedder, centroids, sizes_array(sizes, len(centroids)), probe
        )
    except DataError:
        trained = None
    if progress:
        if ticker is not None:
            ticker.flush()
        done = Ticker(progress, TRAINED_STEP)
        done.tick()
        done.flush()
    return trained


class TrainScorers(beam.PTransform):
    """Items -> one :class:`TrainedScorers` (or ``None``); see the module docstring."""

    def __init__(
        self,
        probe: ProbeConfig,
        embed: EmbedConfig,
        fake: bool,
        centroids: Any,
        sizes: Any,
        progress: str | None = None,
    ) -> None:
        super().__init__()
        self.progress = progress
        self.probe = probe
        self.embed = embed
        self.fake = fake
        self.centroids = centroids
        self.sizes = sizes

    def expand(self, items: beam.PCollection) -> beam.PCollection:
        probe = self.probe
        return (
            items
            | "Sample"
            >> Smallest(
                max(probe.sample_size, probe.stats_sample),
                lambda item: sample_key(item["id"], probe.seed, "probe"),
            )
            | "Train"
            >> beam.Map(
                train,
                beam.pvalue.AsSingleton(self.centroids),
                beam.pvalue.AsSingleton(self.sizes),
                probe,
                self.embed,
                self.fake,
                self.progress,
            )
        )


def score_batch(
    batch: list[Item], sizes: dict[int, int], trained: TrainedScorers | None
) -> Iterator[dict[str, Any]]:
    """Per-record facts and every score of one batch of assigned items."""
    signals = [StructuralSignals.from_dict(item["signals"]) for item in batch]
    cluster_size = np.asarray([sizes.get(item["cluster"], 0) for item in batch], dtype=np.float64)
    features = FeatureBatch.build(
        np.stack([np.asarray(item["vector"], dtype=np.float32) for item in batch]),
        signals,
        np.asarray([item["distance"] for item in batch], dtype=np.float64),
        cluster_size,
        texts=[item["text"] for item in batch],
        languages=[item["language"] for item in batch],
    )
    if trained is not None:
        explained = trained.explain(features)
        scores, tier, log_lr = explained.scores, explained.tier, explained.log_lr
        findings, top = explained.findings, explained.top_signals
    else:
        scores = baseline_scores(features)
        tier = evidence.tiers(features.structural, languages=features.languages)
        log_lr = np.full(len(batch), np.nan)
        findings = top = [None] * len(batch)
    for i, item in enumerate(batch):
        yield {
            "id": item["id"],
            "shard": item["shard"],
            "parses": item["signals"]["parses"],
            "cluster": item["cluster"],
            "cluster_size": int(cluster_size[i]),
            "centroid_distance": item["distance"],
            "second_cluster": item["second_cluster"],
            "second_distance": item["second_distance"],
            "evidence": int(tier[i]),
            "log_lr": None if np.isnan(log_lr[i]) else float(log_lr[i]),
            "finding": findings[i],
            "top_signals": top[i],
            "scores": {name: float(values[i]) for name, values in sorted(scores.items())},
        }


def score_shard(
    shard: int,
    read: Callable[[int], Iterable[Item]],
    centroids: np.ndarray,
    sizes: dict[int, int],
    trained: TrainedScorers | None,
) -> Iterator[dict[str, Any]]:
    """Facts and scores of every usable record of a shard, in id order."""
    for batch in assigned_batches(shard, read, centroids):
        yield from score_batch(batch, sizes, trained)


def _score_and_write(
    shard: int,
    read: Callable[[int], Iterable[Item]],
    centroids: np.ndarray,
    sizes: dict[int, int],
    trained: TrainedScorers | None,
    sink: Callable[[int, list[dict[str, Any]]], int],
) -> Iterator[int]:
    yield sink(shard, list(score_shard(shard, read, centroids, sizes, trained)))


class ScoreRecords(beam.PTransform):
    """Shard numbers -> every usable record's facts and scores, written shard by shard.

    Each shard is scored and handed to ``sink(shard, rows)`` by the worker that read it
    (no shuffle); centroids, cluster sizes and the trained scorers (when there are any)
    are side inputs. Emits what ``sink`` returns (the rows written).
    """

    def __init__(
        self,
        read: Callable[[int], Iterable[Item]],
        centroids: Any,
        sizes: Any,
        trained: Any | None,
        sink: Callable[[int, list[dict[str, Any]]], int],
    ) -> None:
        super().__init__()
        self.read = read
        self.centroids = centroids
        self.sizes = sizes
        self.trained = trained
        self.sink = sink

    def expand(self, shard_ids: beam.PCollection) -> beam.PCollection:
        centroids = beam.pvalue.AsSingleton(self.centroids)
        sizes = beam.pvalue.AsSingleton(self.sizes)
        trained = beam.pvalue.AsSingleton(self.trained) if self.trained is not None else None
        return shard_ids | "ScoreShard" >> beam.FlatMap(
            _score_and_write, self.read, centroids, sizes, trained, self.sink
        )
