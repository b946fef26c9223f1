"""Data never changes silently: lossy casts refuse (a located error naming the value) or,
opted in with ``lossy=True`` / ``--allow-lossy``, happen counted and logged; ``records -o``
writes the format its extension names."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import croissant_tools as ct
from croissant_tools.cli import main
from croissant_tools.errors import DataError
from tests.loading.conftest import csv_dataset

CSV = "id,when,score\n1,2004-05-17 00:44:29.0,1.0\n2,2004-05-18,2.5\n3,,\n"


def test_a_time_read_as_date_is_refused_with_the_value(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, CSV, {"id": "sc:Integer", "when": "sc:Date"})
    with pytest.raises(DataError) as info:
        list(ct.load(path, "rs"))
    assert "2004-05-17 00:44:29" in str(info.value) and "rs/when" in str(info.value)
    assert "sc:DateTime" in (info.value.hint or "")


def test_a_fraction_read_as_integer_is_refused(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, CSV, {"id": "sc:Integer", "score": "sc:Integer"})
    with pytest.raises(DataError, match=r"2\.5"):
        list(ct.load(path, "rs"))


def test_lossy_casts_are_opt_in_and_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = csv_dataset(tmp_path, CSV, {"when": "sc:Date", "score": "sc:Integer"})
    with caplog.at_level(logging.WARNING):
        rows = list(ct.load(path, "rs", lossy=True))
    assert [r["rs/when"] for r in rows] == [dt.date(2004, 5, 17), dt.date(2004, 5, 18), None]
    assert [r["rs/score"] for r in rows] == [1, 2, None]
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "'rs/when'" in logged and "'rs/score'" in logged and "1 value(s)" in logged


def test_date_times_keep_their_time(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, CSV, {"when": "sc:DateTime"})
    first = next(iter(ct.load(path, "rs")))
    assert first["rs/when"] == dt.datetime(2004, 5, 17, 0, 44, 29)


@pytest.mark.parametrize(
    ("name", "given", "code"),
    [("out.parquet", None, 0), ("out.csv", None, 0), ("out.jsonl", None, 0),
     ("out.parquet", "jsonl", 2), ("out.data", None, 2), ("out.data", "csv", 0)],
)  # fmt: skip
def test_records_output_format_follows_the_extension(
    tmp_path: Path, name: str, given: str | None, code: int
) -> None:
    path = csv_dataset(tmp_path / "d", "id\n1\n2\n", {"id": "sc:Integer"})
    out = tmp_path / name
    argv = ["records", str(path), "-o", str(out), "-q"] + (["--format", given] if given else [])
    assert main(argv) == code
    if code:
        assert not out.exists()
    elif name.endswith(".parquet"):
        assert pq.read_table(out).column("rs/id").to_pylist() == [1, 2]
    elif name.endswith(".jsonl"):
        assert [json.loads(x) for x in out.read_text().splitlines()] == [{"rs/id": 1}, {"rs/id": 2}]
    else:
        assert out.read_text().splitlines()[0] == '"rs/id"'
