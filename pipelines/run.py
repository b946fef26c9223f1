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
    """Refuse an output that is a file, that holds unrelated files, or that lies in the input."""
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
    if plan.kind == "source" and "://" not in plan.root:
        root, target = Path(plan.root).resolve(), path.resolve()
        if target == root or root in target.parents:
            raise UsageError(
                "the output directory lies inside the input directory",
                where=out,
                hint="a rerun would read the outputs as input; write elsewhere",
            )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot create the output directory: {exc.strerror or exc}", where=out
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise UsageError("the output directory is not writable", where=out)


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
