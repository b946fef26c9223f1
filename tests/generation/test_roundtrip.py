"""generate -> our loader: Arrow types and values survive the round trip (Parquet, CSV)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

import croissant_tools as ct
from tests.generation.helpers import generate_into

TYPED = {
    "id": pa.array([1, 2], pa.int64()),
    "i8": pa.array([1, -2], pa.int8()),
    "i16": pa.array([1, 2], pa.int16()),
    "i32": pa.array([1, 2], pa.int32()),
    "u8": pa.array([1, 2], pa.uint8()),
    "u16": pa.array([1, 2], pa.uint16()),
    "u32": pa.array([1, 2], pa.uint32()),
    "u64": pa.array([1, 2], pa.uint64()),
    "f32": pa.array([1.5, 2.5], pa.float32()),
    "f64": pa.array([1.5, None], pa.float64()),
    "flag": pa.array([True, False]),
    "text": pa.array(["x", None]),
    "day": pa.array([dt.date(2024, 1, 2), dt.date(2024, 1, 3)]),
    "moment": pa.array([dt.datetime(2024, 1, 2, 3, 4, 5), None], pa.timestamp("us")),
    "ints": pa.array([[1, 2], []], pa.list_(pa.int32())),
    "point": pa.array([{"x": 1.0, "y": "a"}, {"x": 2.0, "y": "b"}]),
}


def _short(value: Any) -> Any:
    if isinstance(value, dict):
        return {k.rsplit("/", 1)[-1]: _short(v) for k, v in value.items()}
    return value


def test_parquet_types_and_values_round_trip(tmp_path: Path) -> None:
    table = pa.table(TYPED)
    pq.write_table(table, tmp_path / "t.parquet")
    generated = generate_into(tmp_path)
    loaded = ct.load(str(generated.output), "t").to_table()
    assert [f.name for f in loaded.schema] == [f"t/{name}" for name in TYPED]
    for name in TYPED:
        column = loaded.column(f"t/{name}")
        if name != "point":  # struct children are named by field id in the loader
            assert column.type == table.schema.field(name).type, name
        assert [_short(v) for v in column.to_pylist()] == table.column(name).to_pylist(), name


def test_csv_round_trip(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text(
        "id,score,name,day,ok\n1,0.5,ann,2024-01-02,true\n2,,bob,2024-02-03,false\n"
    )
    generated = generate_into(tmp_path)
    rows = ct.load(str(generated.output), "rows").to_table().to_pylist()
    assert [_short(r) for r in rows] == [
        {"id": 1, "score": 0.5, "name": "ann", "day": dt.date(2024, 1, 2), "ok": True},
        {"id": 2, "score": None, "name": "bob", "day": dt.date(2024, 2, 3), "ok": False},
    ]


def test_compressed_and_archived_members_round_trip(tmp_path: Path) -> None:
    import gzip
    import zipfile

    with gzip.open(tmp_path / "rows.csv.gz", "wt") as handle:
        handle.write("id,name\n1,a\n2,b\n")
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("tables/x.csv", "id,v\n1,2\n")
        archive.writestr("docs/a.txt", "alpha\n")
    generated = generate_into(tmp_path)
    path = str(generated.output)
    assert [_short(r) for r in ct.load(path, "rows").to_table().to_pylist()] == [
        {"id": 1, "name": "a"},
        {"id": 2, "name": "b"},
    ]
    assert [_short(r) for r in ct.load(path, "x").to_table().to_pylist()] == [{"id": 1, "v": 2}]
    assert [_short(r) for r in ct.load(path, "text").to_table().to_pylist()] == [
        {"path": "docs/a.txt", "content": "alpha\n"}
    ]
