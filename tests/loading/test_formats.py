"""Native readers: what each format gives, and clear errors naming file and column."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import croissant_tools as ct
from croissant_tools.errors import DataError
from tests.loading.conftest import col, csv_dataset, fld, fo, fs, make_dataset, prop, records, rset


def test_csv_types_nulls_quotes_and_newlines(tmp_path: Path) -> None:
    text = 'id,name,score\n1,"multi\nline, quoted",2.5\n2,NA,\n3,"",7\n'
    path = csv_dataset(tmp_path, text, {"id": "sc:Integer", "name": "sc:Text", "score": "sc:Float"})
    assert records(path) == [
        {"rs/id": 1, "rs/name": "multi\nline, quoted", "rs/score": 2.5},
        {"rs/id": 2, "rs/name": None, "rs/score": None},
        {"rs/id": 3, "rs/name": None, "rs/score": 7.0},
    ]


def test_numbers_read_as_text_keep_their_spelling(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, "code\n007\n42\n", {"code": "sc:Text"})
    assert [r["rs/code"] for r in records(path)] == ["007", "42"]


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress])
def test_compressed_csv_is_detected_by_content(tmp_path: Path, compress: object) -> None:
    (tmp_path / "d.csv.z").write_bytes(compress(b"a\n1\n2\n"))  # type: ignore[operator]
    rs = rset("rs", [fld("rs", "a", "sc:Integer", col("f", "a"))])
    path = make_dataset(tmp_path, [fo("f", "d.csv.z")], [rs])
    assert [r["rs/a"] for r in records(path)] == [1, 2]


def test_tsv(tmp_path: Path) -> None:
    (tmp_path / "d.tsv").write_text("a\tb\nx,y\t1\n")
    rs = rset(
        "rs",
        [fld("rs", "a", "sc:Text", col("f", "a")), fld("rs", "b", "sc:Integer", col("f", "b"))],
    )
    path = make_dataset(tmp_path, [fo("f", "d.tsv", "text/tab-separated-values")], [rs])
    assert records(path) == [{"rs/a": "x,y", "rs/b": 1}]


def test_bad_value_names_the_file_field_and_value(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, "n\n1\nabc\n", {"n": "sc:Integer"})
    with pytest.raises(DataError, match=r"data\.csv") as info:
        records(path)
    assert "abc" in str(info.value)


def test_missing_column_lists_the_columns_of_the_file(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, "a,b\n1,2\n", {"a": "sc:Integer"})
    doc = path.read_text().replace('"column": "a"', '"column": "nope"')
    path.write_text(doc)
    with pytest.raises(DataError, match=r"'nope' not found; the file has 'a', 'b'"):
        records(path)


def test_invalid_utf8_text_is_a_data_error(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, "a\nok\n", {"a": "sc:Text"})
    (tmp_path / "data.csv").write_bytes(b"a\n\xff\xfe bad\n")
    with pytest.raises(DataError, match=r"(?i)data\.csv.*utf-?8"):
        records(path, verify_checksums=False)


def test_parquet_row_groups_are_units(tmp_path: Path) -> None:
    pq.write_table(pa.table({"n": list(range(10))}), tmp_path / "d.parquet", row_group_size=3)
    rs = rset("rs", [fld("rs", "n", "cr:Int32", col("f", "n"))])
    path = make_dataset(tmp_path, [fo("f", "d.parquet", "application/vnd.apache.parquet")], [rs])
    reader = ct.load(path, "rs")
    units = reader.units(split_row_groups=True)
    assert [u.rows for u in units] == [3, 3, 3, 1]
    assert reader.count_rows() == 10
    assert reader.schema.field("rs/n").type == pa.int32()
    assert [r["rs/n"] for r in reader] == list(range(10))
    second = list(reader.iter_batches(units=[units[1]]))
    assert second[0].column(0).to_pylist() == [3, 4, 5]


def test_jsonl_with_mixed_types_falls_back_to_python(tmp_path: Path) -> None:
    lines = [{"v": 1, "t": "a"}, {"v": "2", "t": 3}, {"t": None}]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    fields = [fld("rs", "v", "sc:Integer", col("f", "v")), fld("rs", "t", "sc:Text", col("f", "t"))]
    path = make_dataset(tmp_path, [fo("f", "d.jsonl", "application/jsonl")], [rset("rs", fields)])
    assert records(path) == [
        {"rs/v": 1, "rs/t": "a"},
        {"rs/v": 2, "rs/t": "3"},
        {"rs/v": None, "rs/t": None},
    ]


def test_json_paths_of_different_lengths_are_refused(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text(json.dumps({"a": [1, 2], "b": [1]}))
    src = lambda p: {"fileObject": {"@id": "f"}, "extract": {"jsonPath": p}}  # noqa: E731
    fields = [
        fld("rs", "a", "sc:Integer", src("$.a[*]")),
        fld("rs", "b", "sc:Integer", src("$.b[*]")),
    ]
    path = make_dataset(tmp_path, [fo("f", "d.json", "application/json")], [rset("rs", fields)])
    with pytest.raises(DataError, match="different lengths"):
        records(path)


def test_json_array_of_objects_read_by_column(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text(json.dumps([{"a": 1}, {"a": 2}]))
    fields = [fld("rs", "a", "sc:Integer", col("f", "a"))]
    path = make_dataset(tmp_path, [fo("f", "d.json", "application/json")], [rset("rs", fields)])
    assert [r["rs/a"] for r in records(path)] == [1, 2]


def test_lines_keep_blank_lines_and_strip_crlf(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_bytes(b"one\r\n\r\nthree")
    fields = [
        fld("rs", "line", "sc:Text", prop("f", "lines", "fileObject")),
        fld("rs", "n", "sc:Integer", prop("f", "lineNumbers", "fileObject")),
    ]
    path = make_dataset(tmp_path, [fo("f", "t.txt", "text/plain")], [rset("rs", fields)])
    assert records(path) == [
        {"rs/line": "one", "rs/n": 0},
        {"rs/line": "", "rs/n": 1},
        {"rs/line": "three", "rs/n": 2},
    ]


def test_binary_content_and_undecodable_text(tmp_path: Path) -> None:
    (tmp_path / "blobs").mkdir()
    (tmp_path / "blobs" / "x.bin").write_bytes(b"\x00\xff")
    files = fs("b", "blobs/*", "image/png")
    raw = rset("raw", [fld("raw", "v", "sc:ImageObject", prop("b", "content"))])
    text = rset("text", [fld("text", "v", "sc:Text", prop("b", "content"))])
    path = make_dataset(tmp_path, [files], [raw, text])
    assert records(path, "raw") == [{"raw/v": b"\x00\xff"}]
    with pytest.raises(DataError, match=r"blobs/x.bin: field 'text/v': text is not valid UTF-8"):
        records(path, "text")


def test_columns_of_csv_files_inside_a_zip(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("data/a.csv", "x\n1\n2\n")
        zf.writestr("data/b.csv", "x\n3\n")
    (tmp_path / "bundle.zip").write_bytes(buffer.getvalue())
    members = fs("csvs", "data/*.csv", "text/csv", containedIn={"@id": "bundle"})
    fields = [
        fld("rs", "x", "sc:Integer", col("csvs", "x", "fileSet")),
        fld("rs", "path", "sc:Text", prop("csvs", "fullpath")),
    ]
    path = make_dataset(
        tmp_path, [fo("bundle", "bundle.zip", "application/zip"), members], [rset("rs", fields)]
    )
    assert records(path) == [
        {"rs/x": 1, "rs/path": "data/a.csv"},
        {"rs/x": 2, "rs/path": "data/a.csv"},
        {"rs/x": 3, "rs/path": "data/b.csv"},
    ]


def test_dates_times_and_formats(tmp_path: Path) -> None:
    import datetime as dt

    text = "d,t,stamp,eu\n2024-02-29,13:05:00,2024-02-29T13:05:00Z,29/02/2024\n"
    path = csv_dataset(
        tmp_path, text, {"d": "sc:Date", "t": "sc:Time", "stamp": "sc:DateTime", "eu": "sc:Date"}
    )
    doc = json.loads(path.read_text())
    doc["recordSet"][0]["field"][3]["source"]["transform"] = {"format": "%d/%m/%Y"}
    path.write_text(json.dumps(doc))
    assert records(path) == [
        {
            "rs/d": dt.date(2024, 2, 29),
            "rs/t": dt.time(13, 5),
            "rs/stamp": dt.datetime(2024, 2, 29, 13, 5),
            "rs/eu": dt.date(2024, 2, 29),
        }
    ]


def test_csv_conversion_errors_name_the_column(tmp_path: Path) -> None:
    path = csv_dataset(tmp_path, "a,b\n1,2.5\n2,oops\n", {"a": "sc:Integer", "b": "sc:Float"})
    with pytest.raises(DataError, match=r"data\.csv: cannot read CSV column 'b': .*'oops'"):
        records(path)


def test_grouped_small_files_still_name_the_bad_one(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    for index in range(5):
        (tmp_path / "docs" / f"{index}.txt").write_bytes(b"\xff" if index == 3 else b"fine")
    rs = rset("rs", [fld("rs", "t", "sc:Text", prop("docs", "content"))])
    path = make_dataset(tmp_path, [fs("docs", "docs/*.txt")], [rs])
    with pytest.raises(DataError, match=r"^docs/3\.txt: field 'rs/t': text is not valid UTF-8"):
        records(path)


def _jsonl_paths(tmp_path: Path, text: str, paths: dict[str, tuple[str, str]]) -> Path:
    (tmp_path / "d.jsonl").write_text(text)
    src = lambda p: {"fileObject": {"@id": "f"}, "extract": {"jsonPath": p}}  # noqa: E731
    fields = [
        fld("rs", name, dtype, src(path), **({"isArray": True} if "*" in path else {}))
        for name, (path, dtype) in paths.items()
    ]
    return make_dataset(
        tmp_path, [fo("f", "d.jsonl", "application/jsonlines")], [rset("rs", fields)]
    )


def test_json_paths_of_json_lines_apply_to_each_line(tmp_path: Path) -> None:
    lines = [{"a": 1, "b": {"c": "x"}, "t": [1, 2]}, {"a": 2, "b": {}, "t": [3]}, {"a": 3}]
    paths = {
        "top": ("a", "sc:Integer"),  # a bare key, the form mlcroissant also reads
        "root": ("$.a", "sc:Integer"),
        "nested": ("$.b.c", "sc:Text"),
        "first": ("$.t[0]", "sc:Integer"),
        "many": ("$.t[*]", "sc:Integer"),  # may select several: always a list
    }
    text = "".join(json.dumps(x) + "\n" for x in lines)
    path = _jsonl_paths(tmp_path, text + "\n", paths)  # a blank last line is no record
    assert records(path) == [
        {"rs/top": 1, "rs/root": 1, "rs/nested": "x", "rs/first": 1, "rs/many": [1, 2]},
        {"rs/top": 2, "rs/root": 2, "rs/nested": None, "rs/first": 3, "rs/many": [3]},
        {"rs/top": 3, "rs/root": 3, "rs/nested": None, "rs/first": None, "rs/many": []},
    ]
    batches = list(ct.load(path, "rs").iter_batches(2))
    assert [b.num_rows for b in batches] == [2, 1]


def test_json_paths_of_json_lines_equal_mlcroissant_for_top_level_keys(tmp_path: Path) -> None:
    mlcroissant = pytest.importorskip("mlcroissant")
    text = "".join(json.dumps({"a": i, "s": f"v{i}"}) + "\n" for i in range(5))
    path = _jsonl_paths(tmp_path, text, {"a": ("a", "sc:Integer"), "s": ("s", "sc:Text")})
    theirs = [
        {k: v.decode() if isinstance(v, bytes) else v for k, v in r.items()}
        for r in mlcroissant.Dataset(str(path)).records("rs")
    ]
    assert records(path) == theirs


def test_invalid_json_line_under_json_paths_is_located(tmp_path: Path) -> None:
    path = _jsonl_paths(tmp_path, '{"a": 1}\n\n{"a": \n', {"a": ("$.a", "sc:Integer")})
    with pytest.raises(DataError, match="invalid JSON line") as caught:
        records(path)
    assert str(caught.value.where).endswith("d.jsonl:3")
