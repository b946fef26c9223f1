"""Pipeline throughput on the DirectRunner against plain ``SentenceTransformer.encode``.

    .venv/bin/python -m pytest tests/benchmarks/bench_pipeline.py -m benchmark -s

The corpus is 5,000 Python functions (3–120 lines) cut with ``ast`` from third-party
packages installed in the virtualenv (scikit-learn, pandas, SciPy, NetworkX, SymPy,
Matplotlib, Transformers — never the CPython standard library), written to a temporary
JSONL file. The reference is
``SentenceTransformer(all-MiniLM-L6-v2).encode(texts, batch_size=32)`` on the same texts in
the same process. Printed, not asserted: docs/s of the reference, of the whole pipeline and
of its embed stage, each as a ratio to the reference. ``docs/pipeline.md`` records a run.
"""

from __future__ import annotations

import ast
import itertools
import json
import os
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(7200)]

PACKAGES = ("sklearn", "pandas", "scipy", "networkx", "sympy", "matplotlib", "transformers")
DOCS = int(os.environ.get("BENCH_PIPELINE_DOCS", "5000"))


def site_packages() -> Path:
    """The virtualenv's site-packages (where the benchmark corpus comes from)."""
    import sklearn

    return Path(sklearn.__file__).resolve().parent.parent


def functions(limit: int, packages: tuple[str, ...] = PACKAGES) -> list[dict[str, str]]:
    """Up to ``limit`` distinct functions (3–120 lines), round-robin over ``packages``."""
    per_package: list[list[dict[str, str]]] = []
    for name in packages:
        found: list[dict[str, str]] = []
        root = site_packages() / name
        for path in sorted(root.rglob("*.py")):
            if "tests" in path.parts or len(found) >= limit:
                continue
            found.extend(_functions_of(path, root.parent))
        per_package.append(found)
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for row in (r for group in itertools.zip_longest(*per_package) for r in group if r):
        if row["text"] not in seen and len(out) < limit:
            seen.add(row["text"])
            out.append(row)
    return out


def _functions_of(path: Path, base: Path) -> list[dict[str, str]]:
    try:
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []
    lines = source.splitlines()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
            body = lines[node.lineno - 1 : node.end_lineno]
            if 3 <= len(body) <= 120:
                indent = len(body[0]) - len(body[0].lstrip())
                text = "\n".join(line[indent:] for line in body) + "\n"
                rel = path.relative_to(base).as_posix()
                out.append({"id": f"{rel}#L{node.lineno}", "text": text, "language": "python"})
    return out


def write_corpus(path: Path, limit: int) -> list[str]:
    """Write ``limit`` functions as JSONL; return their texts."""
    rows = functions(limit)
    if len(rows) < limit:
        pytest.skip(f"only {len(rows)} functions found in {PACKAGES}")
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [r["text"] for r in rows]


def _encode_reference(texts: list[str], model_path: str) -> float:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path, device="cpu")
    model.encode(texts[:64], batch_size=32)  # warm up
    started = time.perf_counter()
    model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True)
    return len(texts) / (time.perf_counter() - started)


def _run_pipeline(corpus: Path, out: Path, model_path: str, *extra: str) -> dict[str, object]:
    from croissant_tools.cli import main as cli

    args = [str(corpus), "-o", str(out), "--model", model_path, "--scorer", "scip"]
    args += ["--runner", "DirectRunner", "--progress", "none", "--no-report", *extra]
    assert cli(["prune", *args]) == 0
    summary: dict[str, object] = json.loads((out / "summary.json").read_text())
    return summary


def _stage(summary: dict[str, object], name: str) -> float:
    stages: list[dict[str, object]] = summary["stages"]  # type: ignore[assignment]
    return next(float(s["seconds"]) for s in stages if s["name"] == name)  # type: ignore[arg-type]


def test_pipeline_throughput_against_plain_encode(tmp_path: Path, minilm_path: str) -> None:
    corpus = tmp_path / "functions.jsonl"
    texts = write_corpus(corpus, DOCS)
    mean = sum(map(len, texts)) / len(texts)
    print(f"\ncorpus: {len(texts):,} functions, {mean:,.0f} characters on average")
    # the machine may be shared: measure the reference before and after, use the mean
    first = _encode_reference(texts, minilm_path)
    results = []
    for label, extra in (
        ("pipeline, --max-windows 1 (same truncation as encode)", ("--max-windows", "1")),
        ("pipeline, defaults (long texts embedded in up to 16 windows)", ()),
    ):
        summary = _run_pipeline(corpus, tmp_path / f"out-{len(extra)}", minilm_path, *extra)
        total = float(summary["timings"]["total_seconds"])  # type: ignore[index]
        embed = _stage(summary, "embed")
        results.append((label, total, embed, summary["stages"]))
    last = _encode_reference(texts, minilm_path)
    reference = (first + last) / 2
    print(f"plain SentenceTransformer.encode: {reference:,.1f} docs/s")
    print(f"    (before the pipeline runs {first:,.1f}, after them {last:,.1f})")
    docs = len(texts)
    for label, total, embed, stages in results:
        print(
            f"{label}: whole run {docs / total:,.1f} docs/s = {docs / total / reference:.2f}x; "
            f"embed stage {docs / embed:,.1f} docs/s = {docs / embed / reference:.2f}x\n"
            f"    stages: {stages}"
        )
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
