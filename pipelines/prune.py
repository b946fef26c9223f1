"""``python -m pipelines.prune INPUT -o OUT ...``: the same as ``croissant-tools prune``.

Works without the ``croissant-tools`` console script or its entry points (e.g. from a
source tree on a worker image): it builds the same parser as the subcommand, passes
unknown flags to Beam, and maps errors to the same messages and exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from croissant_tools import errors


def _parser() -> argparse.ArgumentParser:
    from pipelines import cli_prune

    parser = argparse.ArgumentParser(prog="python -m pipelines.prune", description=cli_prune.HELP)
    cli_prune.add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: the process arguments) and run; returns the exit code."""
    from pipelines import cli_prune

    try:
        args, extra = _parser().parse_known_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help, or argparse's own usage error
        return int(exc.code or 0)
    args.passthrough = extra
    try:
        return cli_prune.run(args)
    except KeyboardInterrupt:
        print("python -m pipelines.prune: error: interrupted", file=sys.stderr)
        return errors.EXIT_INTERRUPTED
    except Exception as exc:
        code = getattr(exc, "exit_code", None)
        message = (
            str(exc) if isinstance(code, int) else f"internal error: {type(exc).__name__}: {exc}"
        )
        print(f"python -m pipelines.prune: error: {message}", file=sys.stderr)
        if os.environ.get("CROISSANT_TOOLS_DEBUG") == "1":
            traceback.print_exc()
        return code if isinstance(code, int) else errors.EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
