"""``croissant-tools demo -o OUT``: the pruning pipeline on the bundled example code corpus.

Runs ``prune`` on ``examples/code_corpus/functions.jsonl`` (1,896 functions from
permissively licensed Python, Java, Go, C and JavaScript projects; see the corpus's
``CREDITS.md``) with the packaged all-MiniLM-L6-v2 model, offline, on the DirectRunner, and
prints where the report and the Croissant description are. A second run reuses the
completed stages. Beam options pass through (``--runner DaskRunner`` works too).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from croissant_tools.errors import UsageError

HELP = "run the pruning pipeline on the bundled example code corpus (offline model)"
PASS_THROUGH = True
CORPUS = Path(__file__).resolve().parent.parent / "examples" / "code_corpus" / "functions.jsonl"
LICENSES = "MIT AND BSD-3-Clause AND BSD-2-Clause AND Apache-2.0 AND ISC"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Output folder, and the few options worth changing for a demo."""
    parser.add_argument("-o", "--output", default="demo-out", metavar="DIR", help="output folder")
    parser.add_argument("--model", help="model name or path (default: the packaged MiniLM)")
    parser.add_argument("--scorer", help="scip, probe, combined, ... (default: combined)")
    parser.add_argument(
        "--prune-fraction",
        "--prune_fraction",
        dest="prune_fraction",
        type=float,
        help="share of records to prune (default: 0.2)",
    )
    parser.add_argument("--force", action="store_true", help="recompute every stage")
    parser.add_argument(
        "--progress",
        choices=("auto", "bar", "log", "none"),
        default="auto",
        help="progress display",
    )


def corpus_path() -> Path:
    """The example corpus, which ships with the source checkout (not with the wheel)."""
    if not CORPUS.is_file():
        raise UsageError(
            f"the example corpus is not here: {CORPUS}",
            hint="run the demo from a source checkout (make demo), or prune your own corpus",
        )
    return CORPUS


def run(args: argparse.Namespace) -> int:
    """Run the demo and say where its outputs are."""
    from pipelines import cli_prune

    argv = [str(corpus_path()), "-o", args.output, "--dataset-name", "code-corpus-pruned"]
    argv += ["--creator", "croissant-tools demo", "--license", LICENSES]
    argv += ["--progress", args.progress]
    for flag, value in (("--model", args.model), ("--scorer", args.scorer)):
        if value:
            argv += [flag, value]
    if args.prune_fraction is not None:
        argv += ["--prune-fraction", str(args.prune_fraction)]
    if args.force:
        argv.append("--force")
    parser = argparse.ArgumentParser(prog="croissant-tools demo")
    cli_prune.add_arguments(parser)
    parsed, extra = parser.parse_known_args(argv)
    parsed.passthrough = [*extra, *getattr(args, "passthrough", [])]
    if not any(flag.startswith("--runner") for flag in parsed.passthrough):
        parsed.passthrough += ["--runner", "DirectRunner"]
    code = cli_prune.run(parsed)
    out = Path(args.output)
    if code == 0:  # one line: a slow machine's demo must stay within 25 lines
        print(f"open the report: {out / 'report.html'}; the result as Croissant: "
              f"{out / 'croissant.json'}")  # fmt: skip
    return code
