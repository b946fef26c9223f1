"""Command-line options of the pruning pipeline, as a Beam ``PipelineOptions`` subclass.

:class:`PruneOptions` declares the pipeline's own flags; every other flag is a standard
Beam option (``--runner``, ``--direct_num_workers``, ``--dask_client_address``,
``--project``, ``--temp_location``, ``--setup_file``, ``--sdk_container_image``, ...) and
passes straight through to the runner. Flags are spelled with dashes or underscores
(``--text-field`` = ``--text_field``). :func:`resolve` turns parsed options into a
:class:`RunSpec`, checking every value before any work starts; a flag no options class
knows is an error (Beam itself would silently drop a misspelt flag).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from apache_beam.options.pipeline_options import (
    PipelineOptions,
    StandardOptions,
    _BeamArgumentParser,
)

from croissant_tools.errors import InputError, UsageError
from croissant_tools.extras import require
from pruning.config import CUTS, DEDUP_KINDS, SCORERS, EmbedConfig, PruningConfig
from pruning.errors import ConfigError

FAKE_MODEL = "fake"
DASK_RUNNER = "pipelines.dask_runner.DaskRunner"
DIRECT_RUNNER = "pipelines.direct_runner.DirectRunner"
_RUNNER_ALIASES = {
    "dask": DASK_RUNNER,
    "daskrunner": DASK_RUNNER,
    "direct": DIRECT_RUNNER,
    "directrunner": DIRECT_RUNNER,
}
DEFAULT_MAX_RECORD_BYTES = 1 << 20
PROGRESS_MODES = ("auto", "bar", "log", "none")


def _flag(parser: argparse.ArgumentParser, name: str, **kwargs: Any) -> None:
    """Add ``--a-b`` with the alias ``--a_b`` (Beam's own spelling)."""
    names = [f"--{name}"] + ([f"--{name.replace('-', '_')}"] if "-" in name else [])
    kwargs.setdefault("dest", name.replace("-", "_"))
    parser.add_argument(*names, **kwargs)


def _switch(parser: argparse.ArgumentParser, name: str, help: str) -> None:
    """An on/off flag (off by default)."""
    _flag(parser, name, action="store_true", default=False, help=help)


def add_arguments(parser: argparse.ArgumentParser, *, input_flag: bool = True) -> None:
    """Declare the pipeline's flags on ``parser`` (``--input`` only when ``input_flag``)."""
    if input_flag:
        _flag(parser, "input", help="Croissant file, JSONL/Parquet file or glob, or directory")
    parser.add_argument("-o", "--output", dest="output", help="output directory (created)")
    _flag(parser, "record-set", help="record set to read from a Croissant file")
    _flag(parser, "text-field", help="field holding the code (default: text, content or code)")
    _flag(parser, "id-field", help="field holding a unique record id (default: id if present)")
    _flag(parser, "language-field", help="field naming the language (default: language, lang)")
    _flag(parser, "path-field", help="field with a file name; its extension gives the language")
    _flag(parser, "language", help="language of every record (when the input does not say)")
    _flag(parser, "model", help="sentence-transformers name or local path; 'fake' for tests")
    _flag(
        parser,
        "cut",
        choices=CUTS,
        help="calibrated: prune where P(corrupted) >= --min-probability (what the learned "
        "scorers do unless told); fraction: prune the top --prune-fraction (what "
        "--prune-fraction alone asks for)",
    )
    _flag(parser, "prune-fraction", type=float, help="share of records to prune (default: 0.2)")
    _flag(
        parser,
        "max-prune-fraction",
        type=float,
        help="calibrated cut: prune at most this share of the eligible records (default: 0.3)",
    )
    _flag(
        parser,
        "min-probability",
        type=float,
        help="calibrated cut: prune where P(corrupted) is at least this (default: 0.5)",
    )
    _flag(
        parser,
        "prior",
        type=float,
        help="calibrated cut: share of bad records to start the estimate from (default: 0.05)",
    )
    _switch(parser, "fixed-prior", "calibrated cut: use --prior as it is, do not estimate it")
    _flag(parser, "alpha", type=float, help="SCIP: share of the prune taken from small clusters")
    _flag(parser, "threshold", type=float, help="prune scores at or above this (not a fraction)")
    _flag(parser, "scorer", choices=SCORERS, help="score that decides (default: combined)")
    _flag(parser, "dedup", help="comma list of exact,near,semantic, or 'none'")
    _flag(parser, "num-clusters", type=int, help="k-means clusters (default: 100)")
    _flag(parser, "cluster-sample-size", type=int, help="vectors k-means is fit on")
    _flag(parser, "near-threshold", type=float, help="MinHash Jaccard threshold (default: 0.7)")
    _flag(
        parser,
        "semantic-threshold",
        type=float,
        help="SemDeDup cosine threshold (default: 0.95)",
    )
    _flag(parser, "seed", type=int, help="seed of every random choice (default: 0)")
    _switch(parser, "prune-unparsable", "prune records that do not parse (reason 'unparsable')")
    _flag(parser, "config", help="JSON file with a full pruning configuration")
    _flag(parser, "device", choices=("auto", "cpu", "cuda", "mps"), help="encoder device")
    _flag(
        parser,
        "backend",
        choices=("auto", "torch", "onnx", "onnx-int8"),
        help="run the encoder with PyTorch or ONNX Runtime (exported locally, CPU; "
        "onnx-int8: int8 weights, faster, less exact; auto: ONNX Runtime on a CPU when "
        "installed) (default: auto)",
    )
    _flag(parser, "encode-batch-size", type=int, help="texts per forward pass (default: 32)")
    _flag(parser, "inference-batch-size", type=int, help="texts sorted by length per batch")
    _flag(parser, "max-windows", type=int, help="windows embedded per long text (default: 16)")
    _switch(parser, "large-model", "one model per machine, shared by its worker processes (GPU)")
    _flag(parser, "max-record-bytes", type=int, help="size cap; larger records are invalid")
    _switch(parser, "force", "recompute every stage")
    _flag(parser, "progress", choices=PROGRESS_MODES, default="auto", help="progress display")
    _switch(parser, "no-report", "skip report.html")
    _flag(
        parser,
        "license",
        help='croissant.json: licence of the output (SPDX id or URL; several: "MIT AND ISC")',
    )
    _flag(parser, "creator", action="append", help='croissant.json: "Name,email,url" (repeatable)')
    _flag(parser, "url", help="croissant.json: URL of the output dataset")
    _flag(parser, "dataset-name", help="croissant.json: name of the output dataset")


class PruneOptions(PipelineOptions):
    """The pipeline's own flags (see :func:`add_arguments`); everything else goes to Beam."""

    @classmethod
    def _add_argparse_args(cls, parser: _BeamArgumentParser) -> None:
        add_arguments(parser)


@dataclass(frozen=True)
class Fields:
    """Which input fields hold what; ``None`` means "detect" (or "derive" for the id)."""

    text: str | None = None
    id: str | None = None
    language: str | None = None
    path: str | None = None
    record_set: str | None = None
    default_language: str | None = None


@dataclass(frozen=True)
class RunSpec:
    """Everything a run needs, checked: input, output, fields, configuration, Beam options."""

    input: str
    output: str
    fields: Fields
    config: PruningConfig
    model: str | None
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    inference_batch_size: int = 256
    large_model: bool = False
    prune_unparsable: bool = False
    force: bool = False
    progress: str = "auto"
    report: bool = True
    metadata: dict[str, Any] = field(default_factory=dict)
    beam_options: PipelineOptions = field(default_factory=PipelineOptions)

    @property
    def fake_model(self) -> bool:
        """Whether the deterministic test encoder is used instead of a real model."""
        return self.model == FAKE_MODEL

    @property
    def runner(self) -> str:
        """The runner name Beam will use."""
        return str(self.beam_options.view_as(StandardOptions).runner or "DirectRunner")


def check_flags(flags: Sequence[str]) -> None:
    """Raise :class:`UsageError` for flags that no ``PipelineOptions`` class declares."""
    with contextlib.suppress(ImportError):  # the [dask] extra registers DaskOptions
        import apache_beam.runners.dask.dask_runner  # noqa: F401

    parser = _BeamArgumentParser(allow_abbrev=False, add_help=False)
    seen: dict[str, type] = {}
    for cls in PipelineOptions.__subclasses__():
        seen.setdefault(f"{cls.__module__}.{cls.__qualname__}", cls)
    for cls in seen.values():
        try:
            cls._add_argparse_args(parser)
        except argparse.ArgumentError:  # a class registered twice under two names
            continue
    known = [s for action in parser._actions for s in action.option_strings]
    _, unknown = parser.parse_known_args(list(flags))
    bad = [arg for arg in unknown if arg.startswith("-")] or unknown
    if bad:
        name = bad[0].split("=", 1)[0]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean {close[0]}?" if close else "see --help and Beam's pipeline options"
        raise UsageError(f"unknown option {bad[0]!r}", hint=hint)


def resolve(options: PipelineOptions) -> RunSpec:
    """Check the parsed options and build the run's :class:`RunSpec`."""
    opts = options.view_as(PruneOptions)
    if not opts.input:
        raise UsageError("no input given", hint="pass a Croissant file, JSONL/Parquet or a folder")
    if not opts.output:
        raise UsageError("no output directory given", hint="pass -o OUT")
    config = _config(opts)
    _set_runner(options)
    if opts.model != FAKE_MODEL:
        require("sentence_transformers", "embedding with a sentence-transformers model")
    spec = RunSpec(
        input=str(opts.input),
        output=str(opts.output).rstrip("/") or "/",
        fields=Fields(
            text=opts.text_field,
            id=opts.id_field,
            language=opts.language_field,
            path=opts.path_field,
            record_set=opts.record_set,
            default_language=opts.language,
        ),
        config=config,
        model=opts.model,
        max_record_bytes=_positive("--max-record-bytes", opts.max_record_bytes)
        or DEFAULT_MAX_RECORD_BYTES,
        inference_batch_size=_positive("--inference-batch-size", opts.inference_batch_size) or 256,
        large_model=bool(opts.large_model),
        prune_unparsable=bool(opts.prune_unparsable),
        force=bool(opts.force),
        progress=opts.progress or "auto",
        report=not opts.no_report,
        metadata=_metadata(opts),
        beam_options=options,
    )
    return spec


def _metadata(opts: PruneOptions) -> dict[str, Any]:
    """What croissant.json says about the output's identity (checked now, not at the end)."""
    from croissant_tools.generation.document import creator_node, licenses

    # one licence (SPDX id or URL), or several: "MIT,Apache-2.0" or "MIT AND Apache-2.0"
    parts = [p.strip() for p in re.split(r",|\s+AND\s+", opts.license or "") if p.strip()]
    licenses(parts)  # each an SPDX id or a URL
    creators = list(opts.creator or [])
    for creator in creators:
        creator_node(creator)
    return {
        "license": parts or None,
        "creators": creators,
        "url": opts.url,
        "name": opts.dataset_name,
    }


def _positive(flag: str, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise UsageError(f"{flag} must be a positive integer, got {value}")
    return value


def _set_runner(options: PipelineOptions) -> None:
    standard = options.view_as(StandardOptions)
    name = str(standard.runner or "DirectRunner")
    standard.runner = _RUNNER_ALIASES.get(name.lower(), name)
    if standard.runner == DASK_RUNNER:
        require("distributed", "--runner DaskRunner", "dask")
        require("apache_beam.runners.dask.dask_runner", "--runner DaskRunner", "dask")


def _base_config(path: str | None) -> PruningConfig:
    if not path:
        return PruningConfig()
    from pipelines import storage

    try:
        data = json.loads(storage.read_bytes(path).decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the configuration file: {exc}", where=path) from exc
    if isinstance(data, dict) and isinstance(data.get("config"), dict):
        data = data["config"]  # a summary.json from an earlier run
    if not isinstance(data, dict):
        raise InputError("the configuration file must hold a JSON object", where=path)
    return PruningConfig.from_dict(data)


def _config(opts: PruneOptions) -> PruningConfig:
    """The pruning configuration: ``--config`` (or defaults), then the flags on top."""
    try:
        base = _base_config(opts.config)
        seed = base.seed if opts.seed is None else opts.seed
        fraction = base.prune_fraction if opts.prune_fraction is None else opts.prune_fraction
        embed = _embed_config(base.embed, opts)
        cluster = _override(
            base.cluster,
            k=opts.num_clusters,
            sample_size=opts.cluster_sample_size,
            seed=None if opts.seed is None else seed,
        )
        dedup = _override(
            base.dedup,
            kinds=_dedup_kinds(opts.dedup),
            near_threshold=opts.near_threshold,
            semantic_threshold=opts.semantic_threshold,
            seed=None if opts.seed is None else seed,
        )
        scip = _override(base.scip, prune_fraction=fraction, alpha=opts.alpha)
        probe = _override(base.probe, seed=None if opts.seed is None else seed)
        cut = opts.cut or ("fraction" if opts.prune_fraction is not None else None)
        return _override(
            base,
            scorer=opts.scorer,
            cut=cut,
            prune_fraction=fraction,
            max_prune_fraction=opts.max_prune_fraction,
            min_probability=opts.min_probability,
            prior=opts.prior,
            fixed_prior=True if opts.fixed_prior else None,
            threshold=opts.threshold,
            seed=seed,
            embed=embed,
            cluster=cluster,
            dedup=dedup,
            scip=scip,
            probe=probe,
        )
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def _embed_config(base: EmbedConfig, opts: PruneOptions) -> EmbedConfig:
    model = None if opts.model in (None, FAKE_MODEL) else opts.model
    return _override(
        base,
        model=model if opts.model is not None else base.model,
        device=opts.device,
        backend=opts.backend,
        batch_size=opts.encode_batch_size,
        max_windows=opts.max_windows,
    )


def _dedup_kinds(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if names in ([], ["none"]):
        return ()
    unknown = [n for n in names if n not in DEDUP_KINDS]
    if unknown:
        raise UsageError(
            f"--dedup: unknown kind {unknown[0]!r}",
            hint=f"choose from {', '.join(DEDUP_KINDS)} or 'none'",
        )
    return tuple(dict.fromkeys(names))


def _override(obj: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` with only the changes that are not ``None``."""
    given = {k: v for k, v in changes.items() if v is not None}
    return replace(obj, **given) if given else obj
