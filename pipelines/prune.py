"""``python -m pipelines.prune INPUT -o OUT ...``: the same as ``croissant-tools prune``.

Runs through the ``croissant-tools`` dispatcher, so options, messages and exit codes are
identical (see :mod:`pipelines.cli_prune`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: the process arguments) and run; returns the exit code."""
    from croissant_tools.cli import main as cli_main

    args = list(sys.argv[1:] if argv is None else argv)
    return cli_main(["prune", *args])


if __name__ == "__main__":
    sys.exit(main())
