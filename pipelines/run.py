"""Running a whole pruning job: plan the input, run the stages in order, describe the result.

:func:`run_prune` is the public entry point (the ``prune`` command is a thin wrapper). It
checks the input and the output directory before any pipeline starts, runs each stage
whose outputs are not already complete (see :mod:`pipelines.stages`) on the runner named in
the Beam options, and finally writes ``summary.json``, ``croissant.json`` and
``report.html``. With ``--runner DaskRunner`` and no ``--dask_client_address`` a local
Dask cluster is started for the run and shut down afterwards.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apache_beam as beam

from croissant_tools import __version__
from croissant_tools.errors import DataError, UsageError
from pipelines import storage
from pipelines.inputs import InputPlan, plan_input
from pipelines.options import DASK_RUNNER, RunSpec
from pipelines.progress import Display, captured_output
from pipelines.stages import Context, Layout, Stage, read_marker, write_marker


@dataclass
class StageResult:
    """How one stage went: ``ran`` or ``reused``, seconds, and its marker payload."""

    name: str
    status: str
    seconds: float
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    """What a run produced: the layout, per-stage results and the summary written."""

    layout: Layout
    stages: list[StageResult]
    summary: dict[str, Any]


def default_stages() -> list[Stage]:
    """The stages of a pruning run, in order."""
    from pipelines.stages.analyse import AnalyseStage
    from pipelines.stages.embed import EmbedStage
    from pipelines.stages.finalize import FinalizeStage
    from pipelines.stages.groups import GroupsStage
    from pipelines.stages.prepare import PrepareStage, ScanStage

    return [
        ScanStage(),
        PrepareStage(),
        EmbedStage(),
        AnalyseStage(),
        GroupsStage(),
        FinalizeStage(),
    ]


def code_version() -> str:
    """The package version plus a digest of the ``pruning`` and ``pipelines`` sources.

    Stage fingerprints include it, so outputs computed by other code are never reused.
    """
    import hashlib

    import pipelines
    import pruning

    digest = hashlib.sha256()
    for package in (pruning, pipelines):
        root = Path(str(package.__file__)).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def check_output(spec: RunSpec, plan: InputPlan) -> None:
    """Refuse an output that is a file, that holds files no run wrote, or that a rerun
    would read as input (see :func:`foreign_files` and :func:`check_output_location`)."""
    out = spec.output
    if "://" in out:
        return
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise UsageError("the output exists and is not a directory", where=out)
    if path.is_dir() and any(path.iterdir()):
        ours = (path / "_work").exists() or (path / "summary.json").exists()
        if not ours:
            raise UsageError(
                "the output directory is not empty and holds no earlier pruning run",
                where=out,
                hint="choose a new or empty directory",
            )
        foreign = foreign_files(out)
        if foreign:
            shown = ", ".join(foreign[:5]) + (
                f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
            )
            raise UsageError(
                f"the earlier run's output folders hold files no run wrote, which this run "
                f"would delete: {shown}",
                where=out,
                hint="move them elsewhere, or choose a new output directory",
            )
    check_output_location(out, spec.input, plan)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot create the output directory: {exc.strerror or exc}", where=out
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise UsageError("the output directory is not writable", where=out)


#: Output folders that a rerun clears, and the names runs write in them (shards, stage
#: markers, and the temporary names of files being written).
CLEARED = ("kept", "pruned", "scores", "embeddings")
_WRITTEN = re.compile(r"part-\d{5}-of-\d{5}\.parquet|_SUCCESS\.json|\..+\.tmp-[0-9a-f]{12}")


def foreign_files(out: str) -> list[str]:
    """Entries of the folders a rerun clears (:data:`CLEARED`) that no run wrote, sorted.

    ``_work/`` is not checked: it belongs to the run (documented as safe to delete).
    """
    found: list[str] = []
    for name in CLEARED:
        folder = Path(out, name)
        if not folder.is_dir():
            continue
        for entry in os.scandir(folder):
            if not entry.is_file(follow_symlinks=False) or not _WRITTEN.fullmatch(entry.name):
                found.append(str(Path(out, name, entry.name)))
    return sorted(found)


#: One file of each kind a run writes, relative to ``OUT`` (to test input globs against).
_OUTPUT_SAMPLES = (
    "kept/part-00000-of-00001.parquet",
    "pruned/part-00000-of-00001.parquet",
    "scores/part-00000-of-00001.parquet",
    "embeddings/part-00000-of-00001.parquet",
    "_work/records/part-00000-of-00001.parquet",
    "_work/flags/_tasks/task-000000.json",
    "summary.json",
    "croissant.json",
    "report.html",
)


def check_output_location(out: str, spec_input: str, plan: InputPlan) -> None:
    """Refuse an output that a rerun would read as input: inside a folder input, matched
    by a glob input, or matched by a FileSet of a Croissant input."""
    if "://" in out or "://" in spec_input:
        return
    target = Path(out).resolve()
    bases = {str(target), os.path.abspath(out)}  # noqa: PTH100 - as a glob sees it
    samples = [f"{base}/{sample}" for base in bases for sample in _OUTPUT_SAMPLES]
    if Path(spec_input).is_dir():
        root = Path(spec_input).resolve()
        reads = target == root or root in target.parents
        why = "the output directory lies inside the input directory"
    elif any(ch in spec_input for ch in "*?["):
        pattern = _glob_regex(os.path.abspath(spec_input))  # noqa: PTH100 - a pattern
        reads = any(pattern.fullmatch(sample) for sample in samples)
        why = f"the input pattern {spec_input!r} matches files this run writes"
    elif plan.kind == "croissant":
        reads = _croissant_reads(spec_input, [Path(s) for s in samples])
        why = "a FileSet or FileObject of the input Croissant file matches files this run writes"
    else:
        reads, why = False, ""
    if reads:
        raise UsageError(
            f"{why}: a rerun would read the outputs as input",
            where=out,
            hint="write the output elsewhere",
        )


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A regular expression for everything a ``glob(recursive=True)`` pattern can match
    (``**`` crosses folders, ``*``, ``?`` and ``[...]`` do not)."""
    regex = ""
    for part in re.split(r"(\*\*/?|\*|\?|\[[^\]/]+\])", pattern):
        if part in ("**", "**/"):
            regex += ".*"
        elif part == "*":
            regex += "[^/]*"
        elif part == "?":
            regex += "[^/]"
        elif part.startswith("[") and part.endswith("]") and len(part) > 2:
            regex += "[^" + part[2:] if part[1] == "!" else part
        else:
            regex += re.escape(part)
    return re.compile(regex)


def _croissant_reads(document: str, samples: list[Path]) -> bool:
    """Whether a FileSet or FileObject of the Croissant input names one of ``samples``."""
    from croissant_tools import model
    from croissant_tools.documents import read_document, require_object
    from croissant_tools.loading.files import owner_of

    read = read_document(document)
    metadata = model.build(require_object(read))
    root = read.root or Path(document).resolve().parent
    return any(owner_of(metadata, root, sample) is not None for sample in samples)


@contextlib.contextmanager
def runner_resources(spec: RunSpec, display: Display) -> Iterator[None]:
    """Start a local Dask cluster for the run when DaskRunner has no scheduler address."""
    if spec.runner != DASK_RUNNER:
        yield
        return
    from apache_beam.runners.dask.dask_runner import DaskOptions

    dask = spec.beam_options.view_as(DaskOptions)
    if dask.npartitions is None and dask.partition_size is None:
        dask.partition_size = 1  # one read task / row group per partition
    if dask.address or dask.scheduler_file:
        yield
        return
    import distributed

    workers = max(1, os.cpu_count() or 1)
    display.message(f"starting a local Dask cluster with {workers} worker processes")
    with distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dask.address = cluster.scheduler_address
        try:
            yield
        finally:
            dask.address = None


def run_stage(stage: Stage, ctx: Context, display: Display) -> StageResult:
    """Run one stage unless its complete outputs can be reused."""
    directory = stage.directory(ctx)
    fingerprint = stage.fingerprint(ctx)
    marker = read_marker(directory)
    if marker is not None and marker.get("fingerprint") == fingerprint and not ctx.spec.force:
        ctx.markers[stage.name] = marker
        display.message(f"[{stage.name}] reusing complete outputs in {directory}")
        for warning in stage.warnings(marker):
            display.message(f"warning: {warning}")
        return StageResult(stage.name, "reused", float(marker.get("seconds", 0.0)), marker)
    stage.clear(ctx)
    storage.delete_tree(ctx.layout.progress(stage.name))
    started = time.perf_counter()
    with display.stage(
        stage.description or stage.name,
        stage.total(ctx),
        ctx.layout.progress(stage.name),
        stage.steps(ctx),
    ) as monitor:
        pipeline = beam.Pipeline(options=ctx.spec.beam_options)
        stage.build(pipeline, ctx)
        try:
            pipeline.run().wait_until_finish()
        except Exception as exc:
            unreachable = _network_failure(exc)
            if unreachable is None:
                raise
            raise DataError(
                f"the {ctx.spec.runner} could not reach the network: {unreachable}",
                where=f"stage {stage.name}",
                hint="runners such as Prism, Flink and Spark download binaries when they start; "
                "use DirectRunner or DaskRunner offline",
            ) from None
        payload = stage.finish(ctx)
        seconds = time.perf_counter() - started
        write_marker(directory, fingerprint, payload, seconds)
        monitor.finish(stage.summary(payload))
    ctx.markers[stage.name] = {"fingerprint": fingerprint, "seconds": seconds, **payload}
    for warning in stage.warnings(payload):
        display.message(f"warning: {warning}")
    release_memory()
    return StageResult(stage.name, "ran", seconds, ctx.markers[stage.name])


def _network_failure(exc: BaseException) -> str | None:
    """What failed, when ``exc`` (or what caused it) is a failed network access."""
    import socket
    import urllib.error

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, urllib.error.URLError | socket.gaierror | ConnectionError):
            return str(current)
        if "urlopen error" in str(current) or "Unable to fetch remote" in str(current):
            return str(current).splitlines()[0][:300]
        current = current.__cause__ or current.__context__
    return None


def release_memory() -> None:
    """Give memory freed by a finished in-process stage back to the system (glibc only).

    Without it the DirectRunner's buffers of one stage stay in the process's heap and add to
    the peak of the next.
    """
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def run_prune(spec: RunSpec, stages: list[Stage] | None = None) -> RunResult:
    """Run the whole job described by ``spec`` (see the module docstring)."""
    started = time.perf_counter()
    plan = plan_input(spec.input, spec.fields)
    check_output(spec, plan)
    layout = Layout(spec.output)
    ctx = Context(spec, plan, layout, len(plan.tasks), version=code_version())
    results: list[StageResult] = []
    log_path = run_log(layout)
    with captured_output(log_path) as stream, Display(spec.progress, stream) as display:
        display.message(f"input: {plan.description}; output: {spec.output}; runner: {spec.runner}")
        with runner_resources(spec, display):
            for stage in stages if stages is not None else default_stages():
                results.append(run_stage(stage, ctx, display))
        from pipelines.describe import describe_run

        summary = describe_run(ctx, results, time.perf_counter() - started, display)
        library = library_lines(log_path)
        if library:
            display.message(
                f"library messages (faiss, model loading, Beam): {library} in {log_path}"
            )
    return RunResult(layout, results, summary)


def run_log(layout: Layout) -> str | None:
    """``OUT/run.log`` (started afresh) for a local output; ``None`` for a bucket."""
    path = layout.path("run.log")
    if "://" in path:
        return None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("")
    return path


def library_lines(log_path: str | None) -> str:
    """``"3 lines"`` of library output in the run's log (``""`` when none)."""
    if log_path is None or not Path(log_path).exists():
        return ""
    count = sum(1 for line in Path(log_path).read_text(errors="replace").splitlines() if line)
    return f"{count} line{'s' if count != 1 else ''}" if count else ""
