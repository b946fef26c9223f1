"""Learned scorers, trained in the pipeline on the corpus's own corruptions; the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import prune_args

pytestmark = pytest.mark.slow


def _scores(out: Path) -> list[dict[str, object]]:
    return ds.dataset(str(out / "scores"), format="parquet").to_table().to_pylist()


def _flags(*extra: str) -> list[str]:
    # prune_args chooses the SCIP scorer; the last --scorer wins
    return ["--runner", "DirectRunner", "--scorer", "combined", *extra]


SCORE_RULE = ("kept", "score-top-fraction", "unparsable", "certain-finding")


def test_combined_scorer_is_trained_and_decides(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli(["prune", *prune_args(corpus, out, *_flags("--prune-fraction", "0.2"))]) == 0
    scores = _scores(out)
    ranked = [r for r in scores if r["reason"] in SCORE_RULE]
    assert ranked and all(
        r["score_combined"] is not None and r["score_probe"] is not None for r in ranked
    )
    assert all(r["prune_score"] == r["score_combined"] for r in ranked)
    # the batches carry their texts, so the naturalness features come from each record
    # (a batch without texts would get no naturalness score at all)
    natural = {r["score_naturalness"] for r in ranked}
    assert None not in natural and len(natural) > len(ranked) // 2
    pruned = [r for r in ranked if r["decision"] == "prune"]
    assert len(pruned) == round(0.2 * len(ranked))
    scorers = json.loads((out / "_work" / "analysis" / "scorers.json").read_text())
    assert scorers["training_examples"] >= 10
    assert {"combined", "naturalness"} <= set(scorers["weights"])
    assert "What the scorer learned" in (out / "report.html").read_text()


def test_calibrated_cut_is_the_default(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli(["prune", *prune_args(corpus, out, *_flags())]) == 0
    summary = json.loads((out / "summary.json").read_text())
    prior = summary["cut"]["prior"]
    assert 0 <= prior["low"] <= prior["prior"] <= prior["high"] <= 1
    assert summary["config"]["cut"] == "calibrated"
    scores = _scores(out)
    ranked = [r for r in scores if r["p_corrupted"] is not None]
    assert ranked and all(0 <= r["p_corrupted"] <= 1 for r in ranked)
    for row in scores:  # pruned by the score rule: likely corrupted, and it says why
        if row["reason"] == "score-calibrated":
            assert row["p_corrupted"] >= 0.5 and "P(corrupted)" in row["detail"]
        if row["decision"] == "keep" and row["p_corrupted"] is not None:
            assert row["p_corrupted"] < 0.5


@pytest.mark.model
def test_real_model_end_to_end(corpus: Path, tmp_path: Path, minilm_path: str) -> None:
    from croissant_tools.validation import validate

    out = tmp_path / "out"
    args = prune_args(corpus, out, *_flags("--prune-fraction", "0.2"))
    args[args.index("fake")] = minilm_path
    assert cli(["prune", *args]) == 0
    embeddings = ds.dataset(str(out / "embeddings"), format="parquet").to_table()
    assert embeddings.schema.field("embedding").type.list_size == 384
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["kept"] + summary["counts"]["pruned"] == summary["counts"]["input"]
    assert summary["counts"]["by_reason"]["score-top-fraction"] > 0
    assert validate(str(out / "croissant.json")).errors == []


def test_untrainable_scorer_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "tiny.jsonl"
    rows = [{"id": f"r{i}", "text": f"x_{i} = {i}\n", "language": "python"} for i in range(3)]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    assert cli(["prune", *prune_args(data, out, *_flags())]) == 3
    assert "could not be trained" in capsys.readouterr().err
