"""Regenerate every golden expectation in the repository (``make golden``).

Runs each area's own regeneration module in turn; review ``git diff`` afterwards, since
a changed golden file is a change in what users see.
"""

from __future__ import annotations

import subprocess
import sys

MODULES = ("tests.validation.regenerate", "tests.generation.regenerate")


def main() -> int:
    """Run every regeneration module; return the first non-zero exit code, if any."""
    for module in MODULES:
        print(f"== {module}", flush=True)
        code = subprocess.call([sys.executable, "-m", module])
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
