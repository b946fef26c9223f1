"""``croissant-tools prune``: the SCIP + dedup pruning pipeline on any Beam runner.

Every flag this command does not declare is a Beam pipeline option and goes to the runner
unchanged (``--runner DaskRunner --dask_client_address tcp://...``, ``--runner
DataflowRunner --project ... --region ... --temp_location gs://...``); a flag no options
class knows is refused. See ``docs/pipeline.md``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pipelines import options as opts

HELP = "prune a code corpus (SCIP scores + exact/near/semantic dedup) with Apache Beam"
PASS_THROUGH = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``INPUT`` plus the pipeline's flags; Beam's own options pass through."""
    parser.add_argument(
        "input",
        metavar="CORPUS",
        help="Croissant file (with --record-set), JSONL/Parquet file or glob, or a folder",
    )
    opts.add_arguments(parser, input_flag=False)
    parser._option_string_actions["--output"].required = True
    parser.epilog = (
        "Any standard Beam option passes through, e.g. --runner DirectRunner|DaskRunner|"
        "DataflowRunner|FlinkRunner|SparkRunner, --direct_num_workers N, --dask_client_address "
        "ADDR, --extra_package dist/croissant_tools-*.whl. Exit codes: 0 done, 2 bad option "
        "or unreadable input, 3 data cannot be processed as asked, 70 internal error, "
        "130 interrupted (rerun to resume)."
    )


def options_from(args: argparse.Namespace) -> Any:
    """Beam ``PipelineOptions`` from parsed arguments and the pass-through flags."""
    from apache_beam.options.pipeline_options import PipelineOptions

    passthrough = list(getattr(args, "passthrough", []) or [])
    opts.check_flags(passthrough)
    ours = {
        key: value
        for key, value in vars(args).items()
        if key not in ("command", "passthrough") and value is not None
    }
    return PipelineOptions(passthrough, **ours)


def print_result(result: Any, stream: Any = None) -> None:
    """The closing summary in three lines: counts (per reason), timings, where the outputs
    are; then any notes about croissant.json."""
    stream = stream or sys.stdout
    summary = result.summary
    counts = summary["counts"]
    reasons = sorted(
        ((r, n) for r, n in counts["by_reason"].items() if r != "kept"), key=lambda item: -item[1]
    )
    why = ", ".join(f"{reason} {number:,}" for reason, number in reasons)
    line = f"{counts['input']:,} records: {counts['kept']:,} kept, {counts['pruned']:,} pruned"
    print(line + (f" ({why})" if why else ""), file=stream)
    timings = summary["timings"]
    stages = ", ".join(f"{s['name']} {s['seconds']:.1f}s" for s in summary["stages"])
    reused = [s["name"] for s in summary["stages"] if s["status"] == "reused"]
    print(
        f"time: {timings['total_seconds']:.1f}s ({timings['docs_per_second']:,} docs/s): {stages}"
        + (f"; reused: {', '.join(reused)}" if reused else ""),
        file=stream,
    )
    names = ["kept/", "pruned/", "scores/", "summary.json", "croissant.json"]
    names += ["report.html"] if "report" in summary else []
    print(f"outputs in {result.layout.path('')}: {', '.join(names)}, run.log", file=stream)
    for note in summary["croissant"]["notes"]:
        print(f"note: {note}", file=stream)


def run(args: argparse.Namespace) -> int:
    """Run the pipeline; 0 when every record ended in kept/ or pruned/."""
    from pipelines.run import run_prune

    spec = opts.resolve(options_from(args))
    result = run_prune(spec)
    print_result(result)
    return 0
