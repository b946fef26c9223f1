"""Frozen, validated configuration for every pruning stage.

Each stage has its own small dataclass; :class:`PruningConfig` bundles them and is what the
pipeline and ``eval-pruning`` save next to their outputs (:meth:`PruningConfig.to_dict`).
Invalid values raise :class:`pruning.errors.ConfigError` (exit code 2) in ``__post_init__``,
naming the field, so a bad option fails before any work starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, get_args

from pruning.errors import ConfigError

Scorer = Literal["scip", "scip-size", "scip-distance", "probe", "length", "structural", "combined"]
Cut = Literal["calibrated", "fraction"]
DedupKindName = Literal["exact", "near", "semantic"]
Device = Literal["auto", "cpu", "cuda", "mps"]
Backend = Literal["auto", "torch", "onnx", "onnx-int8"]
KeepRule = Literal["lowest-id", "closest-to-centroid", "farthest-from-centroid"]
MinHashBackend = Literal["rensa", "datasketch"]

SCORERS: tuple[str, ...] = get_args(Scorer)
CUTS: tuple[str, ...] = get_args(Cut)
#: Every method ``eval-pruning`` can measure (the scorers plus ``naturalness``).
EVAL_METHODS: tuple[str, ...] = (
    "scip",
    "scip-size",
    "scip-distance",
    "length",
    "structural",
    "naturalness",
    "probe",
    "combined",
)
DEDUP_KINDS: tuple[str, ...] = get_args(DedupKindName)


def _check_fraction(name: str, value: float, *, open_low: bool = False) -> None:
    low_ok = value > 0 if open_low else value >= 0
    if not (low_ok and value <= 1):
        bound = "(0, 1]" if open_low else "[0, 1]"
        raise ConfigError(f"{name} must be in {bound}, got {value!r}")


def _check_positive(name: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{name} must be a positive integer, got {value!r}")


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


@dataclass(frozen=True)
class EmbedConfig:
    """How to embed text. ``model=None`` is the packaged all-MiniLM-L6-v2.

    ``max_windows`` bounds the number of ``max_seq_length``-token windows mean-pooled for one
    long text (the tail beyond is ignored, and counted); ``window_overlap`` tokens are shared by
    consecutive windows. ``fp16=None`` means "on GPU only". ``backend`` runs the transformer
    with PyTorch or with ONNX Runtime (exported locally, :mod:`pruning.onnx_backend`;
    ``onnx-int8`` with int8 weights): the ONNX backends run on the CPU. ``auto`` is ONNX
    Runtime on a CPU when it is installed (its vectors equal PyTorch's to within float32
    rounding and it was 1.35x as fast on all-MiniLM-L6-v2), PyTorch otherwise (and on GPUs).
    """

    model: str | None = None
    device: Device = "auto"
    backend: Backend = "auto"
    batch_size: int = 32
    max_seq_length: int | None = None
    max_windows: int = 16
    window_overlap: int = 32
    fp16: bool | None = None

    def __post_init__(self) -> None:
        _check_choice("embed.device", self.device, get_args(Device))
        _check_choice("embed.backend", self.backend, get_args(Backend))
        _check_positive("embed.batch_size", self.batch_size)
        _check_positive("embed.max_windows", self.max_windows)
        if self.max_seq_length is not None:
            _check_positive("embed.max_seq_length", self.max_seq_length)
        if self.window_overlap < 0:
            raise ConfigError(f"embed.window_overlap must be >= 0, got {self.window_overlap}")


@dataclass(frozen=True)
class ClusterConfig:
    """Spherical k-means: ``k`` clusters fit on at most ``sample_size`` vectors.

    ``nredo`` restarts keep the best of several seeds-derived initialisations.
    """

    k: int = 100
    sample_size: int = 100_000
    niter: int = 25
    nredo: int = 1
    seed: int = 0
    batch_size: int = 65_536

    def __post_init__(self) -> None:
        for name in ("k", "sample_size", "niter", "nredo", "batch_size"):
            _check_positive(f"cluster.{name}", getattr(self, name))


@dataclass(frozen=True)
class ScipConfig:
    """The SCIP rule: prune ``prune_fraction`` (p), ``alpha`` of it from the smallest clusters."""

    prune_fraction: float = 0.2
    alpha: float = 0.8

    def __post_init__(self) -> None:
        _check_fraction("scip.prune_fraction", self.prune_fraction)
        _check_fraction("scip.alpha", self.alpha)


@dataclass(frozen=True)
class DedupConfig:
    """Which dedup stages run, and their thresholds.

    ``near_threshold`` is a Jaccard similarity of ``shingle``-token shingles, with
    ``num_perm`` MinHash permutations split into bands x rows derived from the threshold.
    ``semantic_threshold`` is a *cosine similarity*: a pair at or above it is a duplicate.
    ``max_block`` bounds the rows of one pairwise block; larger clusters are split.
    """

    kinds: tuple[DedupKindName, ...] = ("exact", "near", "semantic")
    near_threshold: float = 0.7
    num_perm: int = 128
    shingle: int = 5
    minhash_backend: MinHashBackend = "rensa"
    semantic_threshold: float = 0.95
    semantic_keep: KeepRule = "lowest-id"
    max_block: int = 20_000
    seed: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", tuple(self.kinds))
        for kind in self.kinds:
            _check_choice("dedup.kinds", kind, DEDUP_KINDS)
        _check_fraction("dedup.near_threshold", self.near_threshold, open_low=True)
        _check_fraction("dedup.semantic_threshold", self.semantic_threshold, open_low=True)
        _check_positive("dedup.num_perm", self.num_perm)
        _check_positive("dedup.shingle", self.shingle)
        _check_positive("dedup.max_block", self.max_block)
        _check_choice("dedup.minhash_backend", self.minhash_backend, get_args(MinHashBackend))
        _check_choice("dedup.semantic_keep", self.semantic_keep, get_args(KeepRule))


@dataclass(frozen=True)
class ProbeConfig:
    """Training of the learned corruption probe on the corpus's own synthetic corruptions.

    The corpus statistics (n-gram model, identifier table, site detectors) are learned from
    up to ``stats_sample`` records of the corpus; ``sample_size`` of those are drawn for the
    synthetic task, each yielding one clean and ``per_record`` corrupted examples of kinds
    from ``kinds`` (empty = every registered kind). ``c`` is the
    logistic regressions' inverse regularisation; ``None`` chooses it per model by grouped
    cross-validation on the synthetic task.

    ``ngram_order`` is the order of the token language model trained on the same sample for
    the naturalness features (:mod:`pruning.signals.naturalness`; 0 turns them off); it counts at
    most ``ngram_max_tokens`` tokens and keeps the ``ngram_vocab`` most frequent identifiers
    by name.
    """

    sample_size: int = 2_000
    stats_sample: int = 20_000
    per_record: int = 1
    kinds: tuple[str, ...] = ()
    c: float | None = None
    use_embedding: bool = True
    seed: int = 0
    ngram_order: int = 4
    ngram_max_tokens: int = 500_000
    ngram_vocab: int = 20_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", tuple(self.kinds))
        _check_positive("probe.sample_size", self.sample_size)
        _check_positive("probe.stats_sample", self.stats_sample)
        _check_positive("probe.per_record", self.per_record)
        if not isinstance(self.ngram_order, int) or not 0 <= self.ngram_order <= 8:
            raise ConfigError(f"probe.ngram_order must be in 0..8, got {self.ngram_order!r}")
        _check_positive("probe.ngram_max_tokens", self.ngram_max_tokens)
        _check_positive("probe.ngram_vocab", self.ngram_vocab)
        if self.c is not None and not self.c > 0:
            raise ConfigError(f"probe.c must be > 0, got {self.c!r}")


@dataclass(frozen=True)
class PruningConfig:
    """Everything a pruning run needs; saved as JSON next to every output.

    ``scorer`` picks the score the decision uses. With ``threshold`` set, records whose
    score is at or above it are pruned. Otherwise ``cut="calibrated"`` (a learned scorer)
    prunes records whose ``P(corrupted)`` is at least ``min_probability`` — the posterior
    under the corpus's share of bad records, estimated by EM from ``prior`` unless
    ``fixed_prior`` — at most ``max_prune_fraction`` of them; ``cut="fraction"`` (and every
    non-learned scorer) prunes the top ``prune_fraction``.
    """

    scorer: Scorer = "combined"
    prune_fraction: float = 0.2
    threshold: float | None = None
    seed: int = 0
    cut: Cut = "calibrated"
    min_probability: float = 0.5
    max_prune_fraction: float = 0.3
    prior: float = 0.05
    fixed_prior: bool = False
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    scip: ScipConfig = field(default_factory=ScipConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    probe: ProbeConfig = field(default_factory=ProbeConfig)

    def __post_init__(self) -> None:
        _check_choice("scorer", self.scorer, SCORERS)
        _check_choice("cut", self.cut, CUTS)
        _check_fraction("prune_fraction", self.prune_fraction)
        _check_fraction("max_prune_fraction", self.max_prune_fraction)
        _check_fraction("min_probability", self.min_probability, open_low=True)
        _check_fraction("prior", self.prior, open_low=True)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PruningConfig:
        """Build from :meth:`to_dict` output; unknown keys raise :class:`ConfigError`."""
        sections = {
            "embed": EmbedConfig,
            "cluster": ClusterConfig,
            "scip": ScipConfig,
            "dedup": DedupConfig,
            "probe": ProbeConfig,
        }
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown configuration keys: {', '.join(unknown)}")
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            section = sections.get(key)
            kwargs[key] = _build_section(key, section, value) if section else value
        return cls(**kwargs)


def _build_section(name: str, cls: type, value: Any) -> Any:
    if not isinstance(value, Mapping):
        raise ConfigError(f"configuration section {name!r} must be a mapping")
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ConfigError(f"unknown keys in {name!r}: {', '.join(unknown)}")
    try:
        return cls(**value)
    except TypeError as exc:
        raise ConfigError(f"bad configuration section {name!r}: {exc}") from exc
