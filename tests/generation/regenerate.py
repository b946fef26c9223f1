"""Regenerate the examples' croissant.json files and the golden copies in tests/fixtures.

    .venv/bin/python -m tests.generation.regenerate          # metadata only (data unchanged)
    .venv/bin/python -m tests.generation.regenerate --data   # rebuild example data too

Review the diff before committing: a change in a golden file is a change in what
``croissant-tools generate`` writes.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "generation"


def examples_module() -> ModuleType:
    """``examples/make_examples.py`` imported by path (``examples`` is not a package)."""
    path = REPO / "examples" / "make_examples.py"
    spec = importlib.util.spec_from_file_location("make_examples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    """Rewrite every example's croissant.json and copy it to the fixtures folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="store_true", help="rebuild the example data first")
    args = parser.parse_args()
    script = REPO / "examples" / "make_examples.py"
    command = [sys.executable, str(script)] + ([] if args.data else ["--metadata"])
    subprocess.run(command, check=True)
    module = examples_module()
    for name in sorted(module.EXAMPLES):
        target = FIXTURES / name
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "examples" / name / "croissant.json", target / "croissant.json")
        print(f"golden: {target / 'croissant.json'}")
    for name in sorted(module.DESCRIBED):
        target = FIXTURES / name
        target.mkdir(parents=True, exist_ok=True)
        (target / "croissant.json").write_text(module.describe_example(name))
        print(f"golden: {target / 'croissant.json'} (described, not written into examples/)")


if __name__ == "__main__":
    main()
