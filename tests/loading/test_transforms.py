"""Transforms and casts on whole columns: mlcroissant's semantics, Python's where it matters."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from croissant_tools.errors import DataError
from croissant_tools.loading.casting import cast_array, map_values
from croissant_tools.loading.jsonpath import find_all
from croissant_tools.loading.transforms import apply_transform, regex_value
from croissant_tools.model import Transform


def _t(**kwargs: object) -> Transform:
    return Transform(path="$", **kwargs)  # type: ignore[arg-type]


def test_regex_takes_the_first_participating_group_like_python() -> None:
    pattern = re.compile(r"^(?:(a+)|(b+))-(\d+)$")
    assert regex_value(pattern, "aa-1") == "aa"
    assert regex_value(pattern, "bb-1") == "bb"  # group 1 did not take part
    assert regex_value(pattern, "zz") == "zz"  # no match: unchanged
    assert regex_value(re.compile(r"^x"), "xy") == "xy"  # no groups: unchanged
    assert regex_value(re.compile(r"(\d+)"), "ab12") == "ab12"  # match() is anchored


def test_regex_transform_on_a_column_with_nulls_and_lists() -> None:
    column = pa.array(["train/1.png", None, "test/2.png", "other"])
    out = apply_transform(column, _t(regex=r"^(train|test)/.*$"), where="t")
    assert out.to_pylist() == ["train", None, "test", "other"]
    lists = pa.array([["id-1", "id-2"], None, []])
    assert apply_transform(lists, _t(regex=r"^id-(\d+)$"), where="t").to_pylist() == [
        ["1", "2"],
        None,
        [],
    ]


def test_invalid_regex_is_a_data_error() -> None:
    with pytest.raises(DataError, match="invalid regex"):
        apply_transform(pa.array(["x"]), _t(regex="("), where="field f")


def test_separator_json_path_and_replace() -> None:
    split = apply_transform(pa.array(["a|b", "c", None]), _t(separator="|"), where="t")
    assert split.to_pylist() == [["a", "b"], ["c"], None]
    docs = pa.array(['{"k": {"v": 1}}', '{"k": {}}', "not json"])
    assert apply_transform(docs, _t(json_path="$.k.v"), where="t").to_pylist() == [1, None, None]
    replaced = apply_transform(pa.array(["a-b-c"]), _t(replace="-/_"), where="t")
    assert replaced.to_pylist() == ["a_b_c"]


def test_jsonpath_fast_path_agrees_with_jsonpath_rw() -> None:
    import jsonpath_rw

    document = {"items": [{"n": 1}, {"m": 2}, {"n": 3}], "meta": {"a": 1, "b": [4, 5]}}
    for path in ("$.items[*].n", "$.items[1].m", "$.meta.*", "$['meta'].b[0]", "$.missing", "$..n"):
        expected = [m.value for m in jsonpath_rw.parse(path).find(document)]
        assert find_all(path, document) == expected, path


@pytest.mark.parametrize(
    ("values", "target", "expected"),
    [
        ([" 1", "2 ", None], pa.int64(), [1, 2, None]),
        (["1.5", "-2"], pa.float32(), [1.5, -2.0]),
        (["true", "False", "1", "0"], pa.bool_(), [True, False, True, False]),
        ([1.0, 2.5], pa.string(), ["1.0", "2.5"]),
        ([True, False], pa.string(), ["True", "False"]),
        (["[1, 2]", "[]"], pa.list_(pa.int64()), [[1, 2], []]),
        ([1.0, 2.0], pa.int64(), [1, 2]),
        (["10 20 30.5 40", "1,2,3,4"], pa.list_(pa.float64()), [[10, 20, 30.5, 40], [1, 2, 3, 4]]),
    ],
)
def test_casts(values: list[object], target: pa.DataType, expected: list[object]) -> None:
    assert cast_array(pa.array(values), target).to_pylist() == expected


def test_lossy_or_impossible_casts_are_data_errors() -> None:
    with pytest.raises(DataError, match="abc"):
        cast_array(pa.array(["abc"]), pa.int64(), where="field n")
    with pytest.raises(DataError, match="field f"):
        cast_array(pa.array([1.5]), pa.int64(), where="field f")
    with pytest.raises(DataError, match="separator"):
        cast_array(pa.array(["a,b"]), pa.list_(pa.string()), where="field l")


def test_datetimes_with_zones_become_utc() -> None:
    import datetime as dt

    out = cast_array(
        pa.array(["2024-01-01T12:00:00+02:00", "2024-01-01 09:30"]), pa.timestamp("us")
    )
    assert out.to_pylist() == [dt.datetime(2024, 1, 1, 10, 0), dt.datetime(2024, 1, 1, 9, 30)]


def test_map_values_calls_python_once_per_distinct_value() -> None:
    calls: list[str] = []

    def fn(value: str) -> str:
        calls.append(value)
        return value.upper()

    out = map_values(pa.array(["a", "b"] * 1000 + [None]), fn, pa.string())
    assert sorted(calls) == ["a", "b"]
    assert out.to_pylist()[:3] == ["A", "B", "A"] and out.to_pylist()[-1] is None
