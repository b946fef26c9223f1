"""Normalising raw rows, invalid-input routing, carrying original columns, decisions."""

from __future__ import annotations

import datetime as dt
import decimal

import pyarrow as pa
import pytest

from pipelines import columns as cols
from pipelines.options import Fields
from pipelines.records import (
    canonical_language,
    check_text,
    prepare,
    resolve_duplicate_ids,
    restore_columns,
)
from pipelines.sources import RawRow

FIELDS = Fields(text="text", id="id", language="lang", path="path")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, "no value"),
        ("   \n\t", "empty"),
        (b"\xff\xfe", "not UTF-8"),
        ("a\udc80b", "lone surrogate"),
        ("x" * 101, "over the size cap of 100"),
        ("a\x00b", "NUL"),
        (42, "holds a int"),
    ],
)
def test_unusable_text_is_invalid_with_a_reason(value: object, reason: str) -> None:
    assert reason in str(check_text(value, "text", 100)[1])


def test_usable_text_and_bytes() -> None:
    assert check_text("def f(): pass", "text", 100) == ("def f(): pass", None)
    assert check_text("é".encode(), "text", 100) == ("é", None)


def test_prepare_routes_instead_of_failing() -> None:
    good = prepare(
        RawRow((0, 1), "a.jsonl:1", {"id": 7, "text": "x = 1", "path": "m/x.py", "extra": [1]}),
        FIELDS,
        100,
    )
    assert good.valid and good.id == "7" and good.language == "python" and good.exact_key
    assert "text" not in cols.decode(good.columns)  # valid text travels once
    assert restore_columns(good.columns, "text", good.text) == {
        "id": 7,
        "text": "x = 1",
        "path": "m/x.py",
        "extra": [1],
    }
    no_id = prepare(RawRow((0, 2), "a.jsonl:2", {"text": "y = 2"}), FIELDS, 100)
    assert not no_id.valid and "id field" in str(no_id.invalid) and no_id.id == "a.jsonl:2"
    unreadable = prepare(RawRow((0, 3), "a.jsonl:3", {}, "malformed JSON"), FIELDS, 100)
    assert unreadable.invalid == "malformed JSON" and unreadable.text is None
    empty = prepare(RawRow((0, 4), "a.jsonl:4", {"id": "e", "text": " "}), FIELDS, 100)
    assert restore_columns(empty.columns, "text", empty.text) == {"id": "e", "text": " "}


def test_duplicate_ids_keep_the_first_and_stay_unique() -> None:
    rows = [
        prepare(RawRow((0, n), f"f:{n}", {"id": "same", "text": f"x = {n}"}), FIELDS, 100)
        for n in (3, 1, 2)
    ]
    first, *others = resolve_duplicate_ids(rows)
    assert first.source == "f:1" and first.valid
    assert [o.id for o in others] == ["same@f:2", "same@f:3"]
    assert all(o.invalid == "duplicate id 'same' (first at f:1)" for o in others)


def test_language_names_are_canonical() -> None:
    assert [canonical_language(v) for v in ("Python", "C++", "js", "golang", "COBOL", None)] == [
        "python",
        "cpp",
        "javascript",
        "go",
        "unknown",
        "unknown",
    ]


def test_columns_round_trip_and_schema_merge() -> None:
    row = {
        "b": b"\x00\x01",
        "d": dt.date(2024, 2, 29),
        "t": dt.datetime(2024, 1, 1, 12),
        "m": decimal.Decimal("1.5"),
        "n": None,
        "l": [1, {"a": 2}],
    }
    assert cols.decode(cols.encode(row)) == row
    one = cols.column_schema([{"x": 1, "y": "a"}, {"x": 2.5, "y": None}])
    two = cols.column_schema([{"x": 3, "y": 4, "z": [1]}])
    merged = cols.merge_schemas([one, two])
    assert merged.field("x").type == pa.float64()
    assert cols.is_json_text(merged.field("y"))  # text in one file, numbers in another
    table = pa.Table.from_pylist([cols.to_arrow_values({"x": 1, "y": 4}, merged)], schema=merged)
    assert table.to_pylist() == [{"x": 1.0, "y": "4", "z": None}]
