"""The same input, configuration and seed give identical results on Dask and on Direct."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import prune_args

pytestmark = [pytest.mark.dask, pytest.mark.slow]


def _rows(out: Path, name: str) -> list[dict[str, object]]:
    table = ds.dataset(str(out / name), format="parquet").to_table()
    return sorted(table.to_pylist(), key=lambda row: str(row["id"]))


def test_dask_runner_gives_the_direct_runner_decisions(
    corpus_parts: str, direct_run: Path, dask_address: str, tmp_path: Path
) -> None:
    out = tmp_path / "dask"
    flags = ["--runner", "DaskRunner", f"--dask_client_address={dask_address}"]
    assert cli(["prune", *prune_args(corpus_parts, out, *flags)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["options"]["runner"] == "pipelines.dask_runner.DaskRunner"
    assert _rows(out, "scores") == _rows(direct_run, "scores")
    for name in ("kept", "pruned", "embeddings"):
        assert _rows(out, name) == _rows(direct_run, name)
