"""Promise: ``prune`` never deletes what it did not write, and never reads its own output.

A rerun into an earlier run's folder clears the stage folders it recomputes (``kept/``,
``pruned/``, ``scores/``, ``embeddings/``); a file there that no run wrote is refused
(exit 2, before anything is deleted) instead of deleted silently. An output folder that a
rerun would read as input — inside a folder input of any kind, or matched by a glob input
— is refused before the first run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from croissant_tools.cli import main as cli
from croissant_tools.errors import EXIT_USAGE
from tests.pipelines.conftest import prune_args

ROWS = [{"id": f"r{i}", "text": f"def f{i}(x):\n    return x + {i}\n"} for i in range(8)]


def _jsonl(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    return path


def _earlier_run(out: Path) -> None:
    """The files an earlier run leaves (enough for the output check to recognise it)."""
    (out / "_work").mkdir(parents=True)
    (out / "summary.json").write_text("{}")
    for name in ("kept", "pruned", "scores", "embeddings"):
        (out / name).mkdir()
        (out / name / "part-00000-of-00001.parquet").write_bytes(b"PAR1")
    (out / "scores" / "_SUCCESS.json").write_text("{}")


@pytest.mark.parametrize("folder", ["kept", "pruned", "scores", "embeddings"])
@pytest.mark.parametrize("force", [False, True])
def test_a_foreign_file_in_a_stage_folder_is_refused_not_deleted(
    tmp_path: Path, folder: str, force: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _jsonl(tmp_path / "in" / "a.jsonl")
    out = tmp_path / "out"
    _earlier_run(out)
    foreign = out / folder / "my-notes.txt"
    foreign.write_text("not yours")
    args = prune_args(data, out, *(["--force"] if force else []))
    assert cli(["prune", *args]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "my-notes.txt" in err and "internal error" not in err
    assert foreign.read_text() == "not yours"
    assert (out / folder / "part-00000-of-00001.parquet").exists()  # nothing was cleared


def test_files_a_run_writes_are_not_foreign(tmp_path: Path) -> None:
    from pipelines.run import foreign_files

    out = tmp_path / "out"
    _earlier_run(out)
    (out / "kept" / ".part-00000-of-00001.parquet.tmp-0123456789ab").write_bytes(b"")
    assert foreign_files(str(out)) == []


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_an_output_inside_a_folder_input_is_refused(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    if kind == "jsonl":
        _jsonl(folder / "part-1.jsonl")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        folder.mkdir()
        pq.write_table(pa.Table.from_pylist(ROWS), folder / "part-1.parquet")
    out = folder / "pruned-run"
    assert cli(["prune", *prune_args(folder, out)]) == EXIT_USAGE
    assert "inside the input directory" in capsys.readouterr().err
    assert not out.exists()


def test_an_output_a_glob_input_would_match_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "data"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(ROWS), folder / "part-1.parquet")
    out = folder / "run"
    assert cli(["prune", *prune_args(f"{folder}/**/*.parquet", out)]) == EXIT_USAGE
    assert "matches files this run writes" in capsys.readouterr().err
    assert not out.exists()


def test_an_output_next_to_its_input_that_no_rerun_reads_is_fine(tmp_path: Path) -> None:
    from pipelines.inputs import plan_input
    from pipelines.options import Fields
    from pipelines.run import check_output_location

    data = _jsonl(tmp_path / "data" / "a.jsonl")
    for spec_input in (str(data), str(tmp_path / "data" / "*.jsonl")):
        plan = plan_input(spec_input, Fields())
        check_output_location(str(tmp_path / "data" / "out"), spec_input, plan)
