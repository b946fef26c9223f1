"""Benchmark: how many synthetic examples the learned scorers need (issue 13's learning curve).

Every synthetic example costs one forward pass of the encoder, the most expensive thing
the pipeline does after embedding the corpus. This trains the scorers on the bundled
corpus's training half with synthetic tasks of growing size (``ProbeConfig.sample_size``)
and reports the combined scorer's AUROC on the held-out half with 15 % planted corruptions
(the protocol of ``croissant-tools eval-pruning``; vectors are computed once and cached),
with the encoder passes each size costs. Printed, not asserted.

    HF_HUB_OFFLINE=1 .venv/bin/python -m pytest \\
        tests/benchmarks/pruning/bench_learning_curve.py -m benchmark -s

``BENCH_FAKE=1`` uses the hashing encoder instead of all-MiniLM-L6-v2 (fast, for a smoke run).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest

from pruning.config import ProbeConfig
from pruning.corpus import read_corpus
from pruning.evaluation.evaluate import CachedEmbed, EvalSettings, _build_scene
from pruning.evaluation.metrics import auroc
from pruning.scores.learned import train_scorers

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(7200)]
CORPUS = Path(__file__).resolve().parents[3] / "examples" / "code_corpus" / "functions.jsonl"
SIZES = (125, 250, 500, 1000, 2000)


def _encoder() -> CachedEmbed:
    from pruning.embed import Encoder, FakeEncoder

    if os.environ.get("BENCH_FAKE") == "1":
        return CachedEmbed(FakeEncoder(dim=64).encode)
    return CachedEmbed(Encoder().encode)


def test_combined_auroc_against_synthetic_task_size() -> None:
    records = read_corpus(CORPUS)
    embed = _encoder()
    info: dict[str, object] = {}
    scene = _build_scene(records, embed, EvalSettings(seed=0), info)
    labels, scored = scene.labels, scene.scored
    print(
        f"\n{len(scene.train_pool)} training-pool records, {int(labels.sum())} corrupted held out"
    )
    for size in SIZES:
        passes = len(embed.cache)
        started = time.perf_counter()
        trained = train_scorers(
            scene.train_pool, embed, scene.centroids, scene.sizes, ProbeConfig(sample_size=size)
        )
        combined = trained.score(scene.batch)["combined"]
        value = auroc(labels[scored], np.asarray(combined)[scored])
        print(
            f"synthetic sample {size:5d}: {trained.training_examples:5d} examples, "
            f"{len(embed.cache) - passes:5d} new encoder passes, "
            f"combined AUROC {value:.3f}, {time.perf_counter() - started:.0f} s"
        )
