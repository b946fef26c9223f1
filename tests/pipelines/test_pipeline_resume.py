"""An interrupted run resumes after its last complete stage and never re-embeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from croissant_tools.cli import main as cli
from pipelines.stages.analyse import AnalyseStage
from tests.pipelines.conftest import prune_args

pytestmark = pytest.mark.slow


def _stages(out: Path) -> dict[str, str]:
    return {
        s["name"]: s["status"] for s in json.loads((out / "summary.json").read_text())["stages"]
    }


def test_interrupted_run_resumes_without_recomputing_embeddings(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    args = prune_args(corpus, out, "--runner", "DirectRunner")

    def crash(self: AnalyseStage, ctx: object) -> dict[str, object]:
        raise KeyboardInterrupt  # the user pressed Ctrl-C after the analysis pipeline ran

    with monkeypatch.context() as patch:
        patch.setattr(AnalyseStage, "finish", crash)
        assert cli(["prune", *args]) == 130
    assert (out / "embeddings" / "_SUCCESS.json").exists()
    assert not (out / "_work" / "analysis" / "_SUCCESS.json").exists()
    assert list((out / "_work" / "analysis").rglob("part-*.parquet"))  # partial, unmarked
    assert not (out / "summary.json").exists()
    vectors = {p.name: p.stat().st_mtime_ns for p in (out / "embeddings").glob("*.parquet")}

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder was loaded again")

    monkeypatch.setattr("pipelines.embedding.build_encoder", no_model)
    assert cli(["prune", *args]) == 0
    assert _stages(out) == {
        "scan": "reused",
        "prepare": "reused",
        "embed": "reused",
        "analyse": "ran",
        "groups": "ran",
        "finalize": "ran",
    }
    assert vectors == {p.name: p.stat().st_mtime_ns for p in (out / "embeddings").glob("*.parquet")}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["kept"] + summary["counts"]["pruned"] == summary["counts"]["input"]


def test_changed_input_recomputes_everything(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_bytes(corpus.read_bytes())
    out = tmp_path / "out"
    args = prune_args(data, out, "--runner", "DirectRunner", "--dedup", "exact")
    assert cli(["prune", *args]) == 0
    data.write_bytes(corpus.read_bytes() + b'{"id": "new", "text": "def g():\\n    return 2\\n"}\n')
    assert cli(["prune", *args]) == 0
    assert set(_stages(out).values()) == {"ran"}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["input"] == len(data.read_bytes().splitlines())
