"""The base install on its own: a fresh venv with ``pip install .`` and nothing else.

``python -m tests.install_check`` (run by ``.ci/run`` on its clean clone) builds the venv,
checks that the heavy extras are absent, runs validate, generate, info, records and
publish on an example, and prints the install's size and time and the wall time of
``validate`` on a small file. ``tests/benchmarks/bench_install.py`` prints the same
figures for the README. Exit code 0 when every command worked and the size is within
``--max-mb``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "iris_tables"
HEAVY = ("torch", "apache_beam", "tensorflow", "jax", "mlcroissant", "pandas", "scipy")


def site_packages_bytes(venv: Path) -> int:
    """Bytes of every file under the venv's site-packages."""
    (site,) = venv.glob("lib/python*/site-packages")
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.is_symlink())


def make_venv(venv: Path, python: str = sys.executable) -> None:
    """An empty venv with an up-to-date pip (what a user starts from)."""
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)


def install_base(venv: Path) -> float:
    """``pip install`` of a copy of the repository (no extras); returns seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        ignore = shutil.ignore_patterns(
            ".venv", ".git", "demo-out", "__pycache__", ".*_cache", "examples", "tests"
        )
        shutil.copytree(REPO, source, ignore=ignore)
        started = time.perf_counter()
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(source)],
            check=True,
        )
        return time.perf_counter() - started


def run_commands(venv: Path, work: Path) -> None:
    """Each base command on the iris example (raises when one fails)."""
    tool = str(venv / "bin" / "croissant-tools")
    doc = str(EXAMPLE / "croissant.json")
    data = work / "data"
    data.mkdir()
    (data / "t.csv").write_text("id,name,when\n1,Zoë,2024-01-02\n2,,\n", encoding="utf-8")
    commands = [
        [tool, "validate", doc],
        [tool, "info", doc],
        [tool, "records", doc, "--record-set", "flowers", "--limit", "3"],
        [tool, "publish", doc, "-o", str(work / "site")],
        [
            *[tool, "generate", str(data), "--license", "MIT", "--url", "https://example.org/t"],
            *["--creator", "Ada Lovelace", "-o", str(data / "croissant.json")],
        ],
        [tool, "validate", str(data / "croissant.json")],
    ]
    for command in commands:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command[1:3])} failed ({done.returncode}):\n{done.stderr}")


def validate_seconds(venv: Path, runs: int = 7) -> float:
    """Median wall time of ``croissant-tools validate`` on the small iris file."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [str(venv / "bin" / "croissant-tools"), "validate", str(EXAMPLE / "croissant.json")],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(work: Path) -> dict[str, float]:
    """Build the base venv in ``work`` and return its figures (MB, seconds)."""
    empty, venv = work / "empty", work / "base"
    make_venv(empty)
    make_venv(venv)
    seconds = install_base(venv)
    absent = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            f"import importlib.util as u; print([m for m in {HEAVY!r} if u.find_spec(m)])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if absent != "[]":
        raise SystemExit(f"the base install brought heavy packages: {absent}")
    run_commands(venv, work)
    return {
        "install_mb": (site_packages_bytes(venv) - site_packages_bytes(empty)) / 1e6,
        "install_s": seconds,
        "validate_s": validate_seconds(venv),
    }


def main() -> int:
    """Check the base install and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-mb", type=float, default=300.0, help="size budget (300)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="base-install-") as tmp:
        figures = measure(Path(tmp))
    print(
        f"base install: {figures['install_mb']:.0f} MB added to a fresh venv in "
        f"{figures['install_s']:.0f} s; validate of a small file {figures['validate_s']:.2f} s "
        "wall (median of 7)"
    )
    if figures["install_mb"] > args.max_mb:
        print(f"over the {args.max_mb:.0f} MB budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
