"""A corpus with no language field: languages are detected, counted, and a warning names the
flag to set when too many stay unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import FUNCTIONS


def _run(tmp_path: Path, rows: list[dict[str, str]], *extra: str) -> Path:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    args = ["prune", str(corpus), "-o", str(out), "--text-field", "content", "--id-field", "id"]
    assert cli([*args, "--model", "fake", "--runner", "DirectRunner", *extra]) == 0
    return out


def test_languages_are_detected_and_counted(tmp_path: Path) -> None:
    source = [json.loads(line) for line in FUNCTIONS.read_text().splitlines()]
    picked = [r for r in source if r["language"] == "python"][:30]
    picked += [r for r in source if r["language"] in ("java", "go")][:20]
    rows = [{"id": r["id"], "content": r["text"]} for r in picked]  # no language field
    out = _run(tmp_path, rows)
    summary = json.loads((out / "summary.json").read_text())
    languages = summary["languages"]
    assert set(languages) <= {"python", "java", "go", "c", "cpp", "unknown"}
    assert languages["python"] == {"detected": 30}
    scores = pq.read_table(out / "scores").to_pylist()
    truth = {r["id"]: r["language"] for r in picked}
    right = sum(s["language"] == truth[s["id"]] for s in scores)
    assert right >= 48 and {s["language_source"] for s in scores} == {"detected"}
    parsed = [s for s in scores if s["parses"] is not None]
    assert len(parsed) >= 48  # the parse check ran on the detected language


def test_too_many_unknown_records_warn_and_name_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prose = [
        {"id": f"p{i}", "content": f"This is note number {i}, written in plain English words."}
        for i in range(40)
    ]
    out = _run(tmp_path, prose, "--scorer", "scip")
    err = capsys.readouterr().err
    assert "are in no language the pruning knows" in err
    assert "--language LANG" in err and "--language-field FIELD" in err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["languages"].get("unknown", {}).get("unknown", 0) >= 30


def test_a_learned_scorer_without_languages_says_which_flag_to_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prose = [{"id": f"p{i}", "content": f"Plain words, note {i}, nothing else."} for i in range(40)]
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in prose), encoding="utf-8")
    args = ["prune", str(corpus), "-o", str(tmp_path / "out"), "--text-field", "content"]
    assert cli([*args, "--model", "fake", "--runner", "DirectRunner"]) == 3
    err = capsys.readouterr().err
    assert "could not be trained" in err and "--language" in err
