"""Fixtures for the pipeline tests: a two-process Dask cluster, shared by the session."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import needs


@pytest.fixture(scope="session")
def dask_address() -> Iterator[str]:
    """Scheduler address of a ``distributed.LocalCluster`` with two single-thread processes."""
    distributed = needs("distributed")
    needs("apache_beam.runners.dask.dask_runner")
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        memory_limit="3GiB",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


REPO = Path(__file__).resolve().parents[2]
FUNCTIONS = REPO / "examples" / "code_corpus" / "functions.jsonl"
TEXT_CAP = 4000


def corpus_lines(n: int = 60) -> list[bytes]:
    """``n`` real functions from the example corpus plus one record of every special kind.

    Specials: an exact duplicate (whitespace only), a near duplicate (renamed names), an
    empty text, a missing text field, text over the size cap (``--max-record-bytes 4000``),
    text with NUL bytes, a non-UTF-8 line, a malformed JSON line, a duplicate id and a JSON
    array instead of an object.
    """
    rows = [json.loads(line) for line in FUNCTIONS.read_text(encoding="utf-8").splitlines()[:n]]
    rows = [r for r in rows if len(r["text"].encode()) < TEXT_CAP]
    base = rows[3]
    lines = [json.dumps(r).encode() for r in rows]
    lines.append(
        json.dumps(
            {**base, "id": "special/exact", "text": base["text"].replace("\n", "  \n")}
        ).encode()
    )
    renamed = base["text"].replace("self", "this_obj")
    lines.append(json.dumps({**base, "id": "special/near", "text": renamed}).encode())
    lines.append(
        json.dumps({"id": "special/empty", "text": "   \n", "language": "python"}).encode()
    )
    lines.append(json.dumps({"id": "special/no-text", "language": "python"}).encode())
    lines.append(
        json.dumps({"id": "special/huge", "text": "x = 1\n" * 2000, "language": "python"}).encode()
    )
    lines.append(
        json.dumps({"id": "special/nul", "text": "def f():\n    return '\x00'\n"}).encode()
    )
    lines.append(b'{"id": "special/latin1", "text": "caf\xe9 = 1"}')
    lines.append(b'{"id": "special/broken", "text": ')
    lines.append(json.dumps({**rows[5], "text": rows[5]["text"] + "\n# copy"}).encode())
    lines.append(b"[1, 2, 3]")
    return lines


#: records in :func:`corpus_lines` that must end as ``invalid_input`` (by source line or id)
INVALID_SPECIALS = 8


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines corpus of real functions with every kind of special record."""
    path = tmp_path_factory.mktemp("corpus") / "functions.jsonl"
    path.write_bytes(b"\n".join(corpus_lines()) + b"\n")
    return path


def prune_args(corpus: Path | str, out: Path, *extra: str) -> list[str]:
    """Arguments of a fast, deterministic test run (fake encoder, SCIP scorer, DirectRunner)."""
    return [
        str(corpus),
        "-o",
        str(out),
        "--model",
        "fake",
        "--scorer",
        "scip",
        "--num-clusters",
        "6",
        "--max-record-bytes",
        str(TEXT_CAP),
        "--semantic-threshold",
        "0.9",
        "--progress",
        "none",
        *extra,
    ]


@pytest.fixture(scope="session")
def corpus_parts(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same corpus as two JSON Lines files (two read tasks, so two shards): a glob."""
    folder = tmp_path_factory.mktemp("parts")
    lines = corpus_lines()
    half = len(lines) // 2
    (folder / "part-1.jsonl").write_bytes(b"\n".join(lines[:half]) + b"\n")
    (folder / "part-2.jsonl").write_bytes(b"\n".join(lines[half:]) + b"\n")
    return str(folder / "*.jsonl")


@pytest.fixture(scope="session")
def direct_run(corpus_parts: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Outputs of one run on the DirectRunner (shared; tests that rerun must restore it)."""
    from croissant_tools.cli import main as cli

    out = tmp_path_factory.mktemp("direct") / "out"
    assert cli(["prune", *prune_args(corpus_parts, out, "--runner", "DirectRunner")]) == 0
    return out
