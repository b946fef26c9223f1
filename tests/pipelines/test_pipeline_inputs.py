"""Input discovery and checks: clear errors (exit 2) before any pipeline starts."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from croissant_tools.cli import main as cli
from croissant_tools.errors import InputError, SecurityError
from pipelines.inputs import plan_input
from pipelines.options import Fields
from tests.pipelines.conftest import REPO, prune_args


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_jsonl_fields_are_detected_or_checked(tmp_path: Path) -> None:
    data = _jsonl(tmp_path / "a.jsonl", [{"key": "a", "content": "x = 1", "lang": "python"}])
    plan = plan_input(str(data), Fields())
    assert (plan.kind, plan.fields.text, plan.fields.id, plan.fields.language) == (
        "jsonl",
        "content",
        None,
        "lang",
    )
    with pytest.raises(InputError, match=r"unknown field 'code'.*fields found: key, content, lang"):
        plan_input(str(data), Fields(text="code"))
    with pytest.raises(InputError, match="unknown field 'uid'"):
        plan_input(str(data), Fields(id="uid"))
    odd = _jsonl(tmp_path / "b.jsonl", [{"key": "a", "body": "x"}])
    with pytest.raises(InputError, match="no text field found"):
        plan_input(str(odd), Fields())


def test_missing_inputs_and_empty_globs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input not found"):
        plan_input(str(tmp_path / "nope.jsonl"), Fields())
    with pytest.raises(InputError, match="no files match"):
        plan_input(str(tmp_path / "*.parquet"), Fields())
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match="cannot tell the format"):
        plan_input(str(tmp_path / "notes.txt"), Fields())
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no source files"):
        plan_input(str(tmp_path / "empty"), Fields())


def test_source_folder_walk_skips_hidden_and_unknown_and_refuses_escaping_links(
    tmp_path: Path,
) -> None:
    root = tmp_path / "src"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("x = 1\n")
    (root / "b.go").write_text("package b\n")
    (root / "README.md").write_text("# hi\n")
    (root / ".git").mkdir()
    (root / ".git" / "c.py").write_text("y = 2\n")
    plan = plan_input(str(root), Fields())
    assert plan.kind == "source" and plan.n_files == 2
    assert [r for t in plan.tasks for r in t.rels] == ["b.go", "pkg/a.py"]
    assert plan.skipped == {"unknown extension": 1}
    secret = tmp_path / "secret.py"
    secret.write_text("token = 'x'\n")
    os.symlink(secret, root / "link.py")
    with pytest.raises(SecurityError, match="outside the input directory"):
        plan_input(str(root), Fields())


def test_parquet_row_groups_become_tasks(tmp_path: Path) -> None:
    table = pa.table({"id": [f"r{i}" for i in range(10)], "text": ["x = 1"] * 10})
    pq.write_table(table, tmp_path / "a.parquet", row_group_size=3)
    pq.write_table(table, tmp_path / "b.parquet", row_group_size=3)
    plan = plan_input(str(tmp_path / "*.parquet"), Fields())
    assert plan.kind == "parquet" and plan.fields.id == "id"
    assert sum(t.row_groups[1] - t.row_groups[0] for t in plan.tasks) == 8  # type: ignore[index]


@pytest.mark.slow
def test_parquet_columns_keep_their_types(tmp_path: Path) -> None:
    rows = [
        {
            "text": f"def f{i}(x):\n    return x * {i}\n",
            "stars": i,
            "when": dt.date(2024, 1, i + 1),
            "blob": bytes([i]),
        }
        for i in range(12)
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "code.parquet")
    out = tmp_path / "out"
    args = prune_args(
        tmp_path / "code.parquet", out, "--runner", "DirectRunner", "--language", "python"
    )
    assert cli(["prune", *args, "--num-clusters", "2"]) == 0
    kept = ds.dataset(str(out / "kept"), format="parquet").to_table()
    pruned = ds.dataset(str(out / "pruned"), format="parquet").to_table()
    assert kept.schema.field("stars").type == pa.int64()
    assert (
        kept.schema.field("when").type == pa.date32()
        and kept.schema.field("blob").type == pa.binary()
    )
    back = sorted(kept.to_pylist() + pruned.to_pylist(), key=lambda r: r["stars"])
    assert [(r["stars"], r["when"], r["blob"], r["text"]) for r in back] == [
        (r["stars"], r["when"], r["blob"], r["text"]) for r in rows
    ]
    assert {r["id"] for r in back} == {f"code.parquet:{i}" for i in range(12)}


def test_cli_errors_come_before_the_pipeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "x = 1"}])
    out = tmp_path / "out"
    assert cli(["prune", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    assert "input not found" in capsys.readouterr().err
    assert cli(["prune", str(data), "-o", str(out), "--text-field", "body"]) == 2
    assert "unknown field 'body'" in capsys.readouterr().err
    assert cli(["prune", str(data), "-o", str(out), "--prune-fracton", "0.3"]) == 2
    assert "did you mean --prune-fraction" in capsys.readouterr().err
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.tex").write_text("keep me")
    assert cli(["prune", str(data), "-o", str(tmp_path / "busy")]) == 2
    assert "not empty" in capsys.readouterr().err
    assert not out.exists()
    from pipelines.prune import main as module_main

    assert module_main([str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    assert "python -m pipelines.prune: error:" in capsys.readouterr().err


def test_output_inside_a_source_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    assert cli(["prune", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "inside the input directory" in capsys.readouterr().err


def test_module_entry_point_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.prune", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert "--prune-fraction" in done.stdout and "--runner" in done.stdout


@pytest.mark.slow
def test_croissant_input_inherits_identity_and_is_derived_from(tmp_path: Path) -> None:
    from croissant_tools.generation import describe, dumps
    from croissant_tools.validation import validate

    data = tmp_path / "dataset"
    data.mkdir()
    rows = [{"key": f"k{i}", "code": f"def f{i}(x):\n    return x + {i}\n"} for i in range(12)]
    _jsonl(data / "code.jsonl", rows)
    generated = describe(
        data,
        name="tiny-code",
        description="twelve functions",
        license="MIT",
        url="https://example.org/tiny-code",
        creators=["Ada Lovelace"],
        output=data / "croissant.json",
    )
    (data / "croissant.json").write_text(dumps(generated.document))
    record_set = generated.document["recordSet"][0]["@id"]
    out = tmp_path / "out"
    args = prune_args(
        data / "croissant.json", out, "--runner", "DirectRunner", "--language", "python"
    )
    args += ["--record-set", record_set, "--text-field", "code", "--id-field", "key"]
    assert cli(["prune", *args, "--num-clusters", "2"]) == 0
    kept = ds.dataset(str(out / "kept"), format="parquet").to_table()
    pruned = ds.dataset(str(out / "pruned"), format="parquet").to_table()
    assert sorted(kept.column("key").to_pylist() + pruned.column("key").to_pylist()) == sorted(
        r["key"] for r in rows
    )
    doc = json.loads((out / "croissant.json").read_text())
    assert doc["license"] == generated.document["license"]
    assert doc["url"] == "https://example.org/tiny-code"
    assert doc["prov:wasDerivedFrom"] == {"@id": str(data / "croissant.json")}
    assert validate(str(out / "croissant.json")).errors == []
