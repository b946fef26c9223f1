"""Measure every pruning method on a clean corpus with injected corruptions and duplicates.

Protocol (:func:`evaluate`), all deterministic for ``seed``:

1. records are shuffled and split in half: a *training pool* and an *evaluation pool*;
2. ``rate`` of the evaluation pool is corrupted, cycling through the corruption kinds, and
   ``duplicates`` copies of clean evaluation records are planted (exact, whitespace/comment
   edited, identifiers renamed);
3. the evaluation corpus is embedded, clustered (k-means, ``k``) and scored by every method;
   the learned scorers are trained *only* on synthetic corruptions of the training pool —
   records and corruption instances they are evaluated on are never seen in training;
4. a second training uses only half of the corruption kinds (split per family) and is
   scored on clean records plus records corrupted with the other half (held-out kinds);
5. metrics: AUROC, and precision/recall when pruning the top ``prune_fraction`` (default:
   the corruption rate), overall, per family and per kind; dedup recall per duplicate type
   and precision (pairs that were duplicates already in the clean corpus are not counted).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pruning.cluster import assign, cluster_sizes, fit_centroids
from pruning.config import EVAL_METHODS, ClusterConfig, DedupConfig, ProbeConfig, ScipConfig
from pruning.corruptions import REGISTRY, kinds
from pruning.dedup import exact_dedup, near_dedup, semantic_dedup
from pruning.errors import DataError
from pruning.evaluation.data import inject_corruptions, plant_duplicates
from pruning.evaluation.metrics import auroc, dedup_scores, precision_recall, pruned_mask
from pruning.scores.learned import baseline_scores, features_for_texts, train_scorers
from pruning.scores.scip import scip_scores
from pruning.types import CodeRecord, DuplicateGroup

log = logging.getLogger(__name__)

METHODS: tuple[str, ...] = EVAL_METHODS
LEARNED: tuple[str, ...] = ("structural", "naturalness", "probe", "combined")
Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class EvalSettings:
    """Knobs of :func:`evaluate` (saved with the results)."""

    rate: float = 0.15
    prune_fraction: float | None = None
    methods: tuple[str, ...] = METHODS
    seed: int = 0
    k: int | None = None
    duplicates: int = 150
    probe_sample: int = 2000
    ngram_order: int = 4
    alpha: float = 0.8
    near_threshold: float = 0.7
    semantic_threshold: float = 0.95
    max_records: int | None = None


@dataclass
class EvalResult:
    """Metrics by method and scope, dedup metrics, and what the run saw."""

    settings: EvalSettings
    rows: list[dict[str, Any]] = field(default_factory=list)
    dedup: dict[str, dict[str, float]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    weights: dict[str, dict[str, float]] = field(default_factory=dict)


class CachedEmbed:
    """Wraps an embedding function so each distinct text is embedded once per run."""

    def __init__(self, embed: Embed) -> None:
        self.embed = embed
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            for text, vector in zip(missing, self.embed(missing)):
                self.cache[text] = vector
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack([self.cache[t] for t in texts])


@dataclass
class _Scene:
    """The evaluation corpus, its labels and everything computed once about it."""

    train_pool: list[CodeRecord]
    corpus: list[CodeRecord]
    clean: list[CodeRecord]
    truth: dict[str, tuple[str, str]]
    kind_of: list[str]
    vectors: np.ndarray
    centroids: np.ndarray
    found: Any
    sizes: np.ndarray
    batch: Any
    fraction: float

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.corpus]

    @property
    def labels(self) -> np.ndarray:
        return np.array([1 if k else 0 for k in self.kind_of])

    @property
    def scored(self) -> np.ndarray:
        """Records the corruption metrics count (planted copies serve dedup only)."""
        return np.array([r.id not in self.truth for r in self.corpus])


def evaluate(records: Sequence[CodeRecord], embed: Embed, settings: EvalSettings) -> EvalResult:
    """Run the protocol in the module docstring and return all metrics."""
    started = time.perf_counter()
    embed = CachedEmbed(embed)
    result = EvalResult(settings)
    scene = _build_scene(records, embed, settings, result.info)
    scores = baseline_scores(scene.batch)
    scip_config = ScipConfig(prune_fraction=scene.fraction, alpha=settings.alpha)
    scores["scip"] = scip_scores(
        scene.found.cluster, scene.found.distance, scene.sizes, scip_config
    )
    learned = [m for m in settings.methods if m in LEARNED]
    if learned:
        probe_config = _probe_config(settings)
        trained = train_scorers(scene.train_pool, embed, scene.centroids, scene.sizes, probe_config)
        scores.update(trained.score(scene.batch))
        result.weights = {
            "combined": trained.combined.weights(),
            "structural": trained.structural.weights(),
        }
        if trained.naturalness is not None:
            result.weights["naturalness"] = trained.naturalness.weights()
        if trained.corpus is not None:
            model = trained.corpus
            result.info["corpus_model"] = {"tokens": model.ngram.tokens, "bytes": model.nbytes}
        result.info["evidence_checks"] = list(trained.evidence_checks)
        result.info["training_examples"] = trained.training_examples
    for method in _available(settings.methods, scores, result.info):
        result.rows.extend(_method_rows(method, scores[method], scene, scene.scored))
    if learned:
        result.rows.extend(_held_out_rows(scene, embed, settings, learned))
    result.dedup = _dedup_metrics(scene, settings)
    result.info["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _probe_config(settings: EvalSettings, kinds: tuple[str, ...] = ()) -> ProbeConfig:
    return ProbeConfig(
        sample_size=settings.probe_sample,
        seed=settings.seed,
        kinds=kinds,
        ngram_order=settings.ngram_order,
    )


def _available(
    methods: Sequence[str], scores: dict[str, np.ndarray], info: dict[str, Any]
) -> list[str]:
    """The requested methods that have scores; the others are named in ``info``."""
    missing = [m for m in methods if m not in scores]
    if missing:
        info["methods_without_scores"] = missing  # e.g. naturalness with ngram_order=0
    return [m for m in methods if m in scores]


def _build_scene(
    records: Sequence[CodeRecord], embed: Embed, settings: EvalSettings, info: dict[str, Any]
) -> _Scene:
    """Split, corrupt, plant duplicates, embed, cluster and measure the evaluation corpus."""
    train_pool, eval_pool = _split(records, settings)
    all_kinds = kinds()
    injected = inject_corruptions(eval_pool, settings.rate, all_kinds, settings.seed)
    corrupted_ids = {i for i, k in injected.kind.items() if k}
    copies, truth = plant_duplicates(
        injected.records, settings.duplicates, settings.seed + 1, corrupted_ids
    )
    corpus = injected.records + copies
    k = settings.k or max(2, min(100, len(corpus) // 20))
    log.info("embedding %d evaluation records", len(corpus))
    vectors = embed([r.text for r in corpus])
    centroids = fit_centroids(vectors, ClusterConfig(k=k, seed=settings.seed))
    found = assign(vectors, centroids)
    sizes = cluster_sizes(found.cluster, len(centroids))
    texts, languages = [r.text for r in corpus], [r.language for r in corpus]
    batch = features_for_texts(texts, languages, embed, centroids, sizes)
    info.update(
        records=len(records),
        training_pool=len(train_pool),
        evaluation_records=len(eval_pool),
        corrupted=len(corrupted_ids),
        planted_duplicates=len(copies),
        corrupted_by_kind={k: sum(1 for v in injected.kind.values() if v == k) for k in all_kinds},
        k=len(centroids),
    )
    fraction = settings.prune_fraction if settings.prune_fraction is not None else settings.rate
    kind_of = [injected.kind.get(r.id, "") for r in corpus]
    return _Scene(
        train_pool,
        corpus,
        injected.records,
        truth,
        kind_of,
        vectors,
        centroids,
        found,
        sizes,
        batch,
        fraction,
    )


def _split(
    records: Sequence[CodeRecord], settings: EvalSettings
) -> tuple[list[CodeRecord], list[CodeRecord]]:
    shuffled = list(records)
    random.Random(settings.seed).shuffle(shuffled)
    if settings.max_records is not None:
        shuffled = shuffled[: settings.max_records]
    if len(shuffled) < 40:
        raise DataError(f"evaluation needs at least 40 records, got {len(shuffled)}")
    half = len(shuffled) // 2
    return shuffled[:half], shuffled[half:]


def _method_rows(
    method: str,
    values: np.ndarray,
    scene: _Scene,
    scored: np.ndarray,
    split: str = "held-out records",
) -> list[dict[str, Any]]:
    ids, labels, kind_of, fraction = scene.ids, scene.labels, scene.kind_of, scene.fraction
    idx = np.nonzero(scored)[0]
    sub_ids = [ids[i] for i in idx]
    sub_scores, sub_labels = values[idx], labels[idx]
    sub_kinds = [kind_of[i] for i in idx]
    pruned = pruned_mask(sub_ids, sub_scores, fraction)
    rows = []
    scopes: list[tuple[str, np.ndarray]] = [("all", np.ones(len(idx), dtype=bool))]
    for family in ("syntax", "content"):
        scopes.append(
            (family, np.array([REGISTRY[k].family == family if k else True for k in sub_kinds]))
        )
    for kind in sorted({k for k in sub_kinds if k}):
        scopes.append((kind, np.array([k in ("", kind) for k in sub_kinds])))
    for scope, mask in scopes:
        precision, recall = precision_recall(sub_labels[mask], pruned[mask])
        rows.append(
            {
                "method": method,
                "split": split,
                "scope": scope,
                "positives": int(sub_labels[mask].sum()),
                "auroc": auroc(sub_labels[mask], sub_scores[mask]),
                "precision": precision if scope == "all" else float("nan"),
                "recall": recall,
            }
        )
    return rows


def held_out_kind_split(seed: int) -> tuple[list[str], list[str]]:
    """Half of each family's kinds for training, the other half for testing."""
    rng = random.Random(seed)
    train: list[str] = []
    test: list[str] = []
    for family in ("syntax", "content"):
        names = kinds(family)
        rng.shuffle(names)
        cut = len(names) // 2
        train += names[:cut]
        test += names[cut:]
    return sorted(train), sorted(test)


def _held_out_rows(
    scene: _Scene, embed: Embed, settings: EvalSettings, methods: list[str]
) -> list[dict[str, Any]]:
    """Rows for scorers trained on half of the kinds, scored on the other half."""
    train_kinds, test_kinds = held_out_kind_split(settings.seed)
    config = _probe_config(settings, tuple(train_kinds))
    trained = train_scorers(scene.train_pool, embed, scene.centroids, scene.sizes, config)
    scores = trained.score(scene.batch)
    keep = scene.scored & np.array([k == "" or k in test_kinds for k in scene.kind_of])
    split = "held-out kinds (trained on " + ", ".join(train_kinds) + ")"
    rows = []
    for method in methods:
        if method in scores:
            rows.extend(_method_rows(method, scores[method], scene, keep, split))
    return rows


def _dedup_metrics(scene: _Scene, settings: EvalSettings) -> dict[str, dict[str, float]]:
    """Precision and recall of each dedup stage on the planted duplicates."""
    corpus, clean, vectors, found, truth = (
        scene.corpus,
        scene.clean,
        scene.vectors,
        scene.found,
        scene.truth,
    )
    config = DedupConfig(
        near_threshold=settings.near_threshold, semantic_threshold=settings.semantic_threshold
    )
    n_clean = len(clean)
    ids = [r.id for r in corpus]

    def semantic(upto: int) -> list[DuplicateGroup]:
        return semantic_dedup(
            ids[:upto],
            vectors[:upto],
            found.cluster[:upto],
            found.second_cluster[:upto],
            found.distance[:upto],
            config,
        )

    stages: dict[str, Callable[[list[CodeRecord]], list[DuplicateGroup]]] = {
        "exact": exact_dedup,
        "near": lambda rs: near_dedup(rs, config),
        "exact+near": lambda rs: _union(exact_dedup(rs) + near_dedup(rs, config)),
        "semantic": lambda rs: semantic(len(rs)),
    }
    out = {}
    for name, stage in stages.items():
        start = time.perf_counter()
        groups = stage(corpus)
        metrics = dedup_scores(groups, truth, stage(clean) if n_clean else [])
        metrics["seconds"] = round(time.perf_counter() - start, 2)
        out[name] = metrics
    return out


def _union(groups: list[DuplicateGroup]) -> list[DuplicateGroup]:
    from pruning.dedup import groups_from_pairs

    pairs = [(g.kept, m, g.similarity) for g in groups for m in g.removed]
    return groups_from_pairs(pairs, "near", "lowest-id")


__all__ = [
    "METHODS",
    "EvalResult",
    "EvalSettings",
    "evaluate",
    "held_out_kind_split",
]
