"""End-to-end runs on the DirectRunner with the fake encoder: every invariant of the issue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import INVALID_SPECIALS, corpus_lines, prune_args

pytestmark = pytest.mark.slow


def _table(out: Path, name: str) -> Any:
    return ds.dataset(str(out / name), format="parquet").to_table()


@pytest.fixture(scope="module")
def run(direct_run: Path) -> Path:
    return direct_run


def test_every_input_record_is_kept_or_pruned_exactly_once(run: Path) -> None:
    lines = [line for line in corpus_lines() if line.strip()]
    kept, pruned, scores = (_table(run, n) for n in ("kept", "pruned", "scores"))
    assert kept.num_rows + pruned.num_rows == len(lines) == scores.num_rows
    ids = kept.column("id").to_pylist() + pruned.column("id").to_pylist()
    assert len(set(ids)) == len(ids)
    assert sorted(ids) == sorted(scores.column("id").to_pylist())
    summary = json.loads((run / "summary.json").read_text())
    assert summary["counts"]["input"] == len(lines)
    assert sum(summary["counts"]["by_reason"].values()) == len(lines)


def test_invalid_records_are_routed_with_their_reason(run: Path) -> None:
    pruned = _table(run, "pruned").to_pylist()
    invalid = {row["id"]: row["detail"] for row in pruned if row["reason"] == "invalid_input"}
    assert len(invalid) == INVALID_SPECIALS
    assert "empty" in invalid["special/empty"]
    assert "no text field" in invalid["special/no-text"]
    assert "size cap" in invalid["special/huge"]
    assert "NUL" in invalid["special/nul"]
    details = " | ".join(invalid.values())
    assert "not UTF-8" in details and "malformed JSON" in details and "duplicate id" in details
    assert "not an object" in details


def test_duplicates_point_at_a_kept_representative(run: Path) -> None:
    scores = {row["id"]: row for row in _table(run, "scores").to_pylist()}
    exact = scores["special/exact"]
    assert exact["reason"] == "duplicate-exact"
    assert scores[exact["duplicate_of"]]["decision"] == "keep"
    near = scores["special/near"]
    assert near["reason"] == "duplicate-near"
    assert scores[near["duplicate_of"]]["decision"] in ("keep", "prune")
    for row in scores.values():
        if row["reason"].startswith("duplicate-"):
            assert not scores[row["duplicate_of"]]["reason"].startswith("duplicate-")


def test_prune_fraction_of_the_eligible_records(run: Path) -> None:
    scores = _table(run, "scores").to_pylist()
    by_score = [
        r for r in scores if r["reason"] in ("kept", "scip-small-cluster", "scip-far-from-centroid")
    ]
    pruned = [r for r in by_score if r["decision"] == "prune"]
    assert len(pruned) == round(0.2 * len(by_score))
    lowest_pruned = min(r["prune_score"] for r in pruned)
    assert all(r["prune_score"] <= lowest_pruned for r in by_score if r["decision"] == "keep")


def test_outputs_keep_the_original_columns(run: Path, corpus: Path) -> None:
    kept, pruned = _table(run, "kept"), _table(run, "pruned")
    assert {"id", "text", "language", "path", "extra"} <= set(kept.schema.names)
    added = {"reason", "prune_score", "detail", "raw", "raw_encoding"}
    assert set(pruned.schema.names) == set(kept.schema.names) | added
    rows = {r["id"]: r for r in kept.to_pylist() + pruned.to_pylist()}
    for line in corpus.read_bytes().splitlines()[:20]:
        original = json.loads(line)
        row = rows[original["id"]]
        assert (row["text"], row["extra"], row["path"]) == (
            original["text"],
            original["extra"],
            original["path"],
        )


def test_croissant_description_is_valid_and_loads(run: Path) -> None:
    import croissant_tools
    from croissant_tools.validation import validate

    report = validate(str(run / "croissant.json"), check_records=20)
    assert report.errors == []
    doc = json.loads((run / "croissant.json").read_text())
    assert doc["prov:wasDerivedFrom"]
    assert "rai:dataPreprocessingProtocol" in doc
    assert [rs["name"] for rs in doc["recordSet"]] == ["kept", "pruned", "scores"]
    loaded = croissant_tools.load(str(run / "croissant.json"), "kept").to_table()
    assert loaded.num_rows == _table(run, "kept").num_rows


def test_report_is_self_contained(run: Path) -> None:
    page = (run / "report.html").read_text()
    assert "<svg" in page and "Embedding map" in page and "cluster sizes" in page
    assert "invalid_input" in page and "duplicate-exact" in page
    assert 'src="http' not in page and "<link" not in page


def test_embeddings_are_unit_vectors_for_usable_records(run: Path) -> None:
    embeddings = _table(run, "embeddings")
    scores = _table(run, "scores").to_pylist()
    usable = [r["id"] for r in scores if r["reason"] not in ("invalid_input", "duplicate-exact")]
    assert sorted(embeddings.column("id").to_pylist()) == sorted(usable)
    vectors = (
        embeddings.column("embedding")
        .combine_chunks()
        .values.to_numpy()
        .reshape(embeddings.num_rows, -1)
    )
    assert abs(float((vectors**2).sum(axis=1).mean()) - 1.0) < 1e-5


def _statuses(out: Path) -> dict[str, str]:
    summary = json.loads((out / "summary.json").read_text())
    return {s["name"]: s["status"] for s in summary["stages"]}


def test_rerun_reuses_every_stage_and_a_new_fraction_only_decides_again(
    run: Path, corpus_parts: str
) -> None:
    before = {p: p.stat().st_mtime_ns for p in (run / "embeddings").glob("*.parquet")}
    args = prune_args(corpus_parts, run, "--runner", "DirectRunner")
    assert cli(["prune", *args]) == 0
    assert set(_statuses(run).values()) == {"reused"}
    assert cli(["prune", *args, "--prune-fraction", "0.5"]) == 0
    reused = dict.fromkeys(("scan", "prepare", "embed", "analyse"), "reused")
    # the run uses the SCIP scorer, whose order (small clusters first) depends on the fraction
    assert _statuses(run) == {**reused, "groups": "ran", "finalize": "ran"}
    assert before == {p: p.stat().st_mtime_ns for p in (run / "embeddings").glob("*.parquet")}
    assert cli(["prune", *args]) == 0  # back to the shared configuration


def test_parquet_metadata_is_sorted_shards(run: Path) -> None:
    for name in ("kept", "pruned", "scores", "embeddings"):
        for path in (run / name).glob("part-*.parquet"):
            ids = pq.read_table(path, columns=["id"]).column("id").to_pylist()
            assert ids == sorted(ids)
