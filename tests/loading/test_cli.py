"""The ``records`` and ``info`` commands: outputs, formats, exit codes."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from croissant_tools.cli import main
from croissant_tools.errors import EXIT_INVALID, EXIT_REFUSED, EXIT_USAGE
from tests.loading.conftest import fixture_path


def test_records_jsonl_to_stdout_with_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["records", str(fixture_path("joins")), "-r", "ratings", "--limit", "2"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [
        {
            "ratings/user_id": 7,
            "ratings/movie_id": 2,
            "ratings/rating": 4.5,
            "ratings/title": "Alien",
        },
        {"ratings/user_id": 7, "ratings/movie_id": 3, "ratings/rating": 3.0, "ratings/title": "Up"},
    ]
    assert "2 records of 'ratings'" in err


def test_records_split_columns_csv_to_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "train.csv"
    args = [
        "records",
        str(fixture_path("splits")),
        "-r",
        "docs",
        "--split",
        "train",
        "--columns",
        "docs/file,text",
        "--format",
        "csv",
        "-o",
        str(out),
        "-q",
    ]
    assert main(args) == 0
    assert out.read_text().splitlines() == [
        '"docs/file","docs/text"',
        '"t1.txt","train one"',
        '"t2.txt","train two"',
        '"t3.txt","train three"',
    ]
    assert capsys.readouterr().err == ""
    assert [p.name for p in tmp_path.iterdir()] == ["train.csv"]


def test_records_parquet_keeps_types_and_images(tmp_path: Path) -> None:
    out = tmp_path / "images.parquet"
    assert (
        main(["records", str(fixture_path("images")), "--format", "parquet", "-o", str(out), "-q"])
        == 0
    )
    table = pq.read_table(out)
    assert table.num_rows == 4
    assert table.column("images/image").to_pylist()[0].startswith(b"\x89PNG")


def test_records_jsonl_encodes_bytes_and_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["records", str(fixture_path("images")), "--limit", "1", "-q"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert base64.b64decode(row["images/image"]).startswith(b"\x89PNG")
    assert main(["records", str(fixture_path("csv_basic")), "--limit", "1", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["people/joined"] == "2024-01-15"


def test_records_csv_flattens_nested_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["records", str(fixture_path("subfields")), "--format", "csv", "--limit", "1", "-q"])
        == 0
    )
    import csv
    import io

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["boxes/image_id", "boxes/bbox"]
    assert rows[1][0] == "img1"
    assert json.loads(rows[1][1]) == {
        "boxes/bbox/x": 0.0,
        "boxes/bbox/y": 0.0,
        "boxes/bbox/w": 10.0,
        "boxes/bbox/h": 20.0,
    }


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["records", "missing.json"], EXIT_USAGE, "file not found"),
        (["records", "FIX/joins", "-r", "nope"], EXIT_USAGE, "no record set 'nope'"),
        (
            ["records", "FIX/splits", "-r", "docs", "--split", "dev"],
            EXIT_USAGE,
            "available: test, train",
        ),
        (["records", "FIX/joins", "-r", "ratings", "--limit", "-1"], EXIT_USAGE, "--limit"),
    ],
)
def test_errors_are_one_line_with_an_exit_code(
    args: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(fixture_path(a[4:])) if a.startswith("FIX/") else a for a in args]
    assert main(args) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unsafe_and_invalid_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(fixture_path("csv_basic").read_text())
    doc["distribution"][0]["contentUrl"] = "../../etc/passwd"
    path = tmp_path / "metadata.json"
    path.write_text(json.dumps(doc))
    assert main(["records", str(path)]) == EXIT_INVALID
    assert main(["records", str(path), "--no-strict"]) == EXIT_REFUSED
    assert "leaves the dataset folder" in capsys.readouterr().err


def test_info_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(fixture_path("splits"))]) == 0
    text = capsys.readouterr().out
    assert "texts: includes data/*/*.txt" in text and "5 files" in text
    assert "splits: train, test (field docs/split)" in text
    assert "docs/split" in text and "texts[fullpath] | regex" in text
    assert main(["info", str(fixture_path("zip_archive")), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    archive, members = info["distribution"]
    assert archive["size"] == (fixture_path("zip_archive").parent / "pages-zip.zip").stat().st_size
    assert members["containedIn"] == ["pages-archive"]
    assert info["recordSets"][0]["fields"][0]["arrow"] == "string"


@pytest.mark.parametrize("content", ["[{}]", '"text"', "42", "null"])
@pytest.mark.parametrize("command", ["records", "info"])
def test_a_top_level_that_is_not_an_object_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, content: str
) -> None:
    path = tmp_path / "metadata.json"
    path.write_text(content)
    assert main([command, str(path)]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert "not a JSON object" in err and str(path) in err and out == ""


def test_info_text_survives_fields_and_record_sets_without_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads(fixture_path("csv_basic").read_text())
    doc["recordSet"][0]["field"] = {}
    doc["recordSet"].append({"@type": "cr:RecordSet"})
    path = tmp_path / "metadata.json"
    path.write_text(json.dumps(doc))
    assert main(["info", str(path)]) == 0
    assert "? " in capsys.readouterr().out


@pytest.mark.parametrize("target", ["metadata.json", "people.csv"])
def test_records_never_writes_over_the_document_or_its_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    import shutil

    folder = tmp_path / "ds"
    shutil.copytree(fixture_path("csv_basic").parent, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code = main(["records", str(folder / "metadata.json"), "-o", str(folder / target), "-q"])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "refusing to write" in err and target in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_records_columns_that_name_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["records", str(fixture_path("csv_basic")), "--columns", ",,,"]
    assert main(args) == 2
    assert "--columns ',,,' names no field" in capsys.readouterr().err
