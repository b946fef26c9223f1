"""Normalising raw rows, invalid-input routing, carrying original columns, decisions."""

from __future__ import annotations

import datetime as dt
import decimal
import math

import pyarrow as pa
import pytest

from pipelines import columns as cols
from pipelines.decisions import ScoreRule, cutoff_from_top, decide
from pipelines.options import Fields
from pipelines.records import (
    INVALID,
    canonical_language,
    check_text,
    prepare,
    resolve_duplicate_ids,
    restore_columns,
)
from pipelines.sources import RawRow
from pruning.scores.decide import Cutoff

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


def _record(**changes: object) -> dict[str, object]:
    return {"id": "r", "invalid": None, "duplicate_of": None, "parse_error": None, **changes}


def _facts(**changes: object) -> dict[str, object]:
    base = {
        "cluster": 0,
        "centroid_distance": 0.3,
        "near_of": None,
        "near_similarity": None,
        "semantic_of": None,
        "semantic_similarity": None,
        "parses": True,
        "score_length": 12.0,
    }
    return {**base, **changes}


def test_decision_rules_in_order() -> None:
    rule = ScoreRule("length")
    keep_all = Cutoff(math.inf, None, "score-top-fraction")
    assert decide(_record(invalid="empty"), None, rule, keep_all).reason == INVALID
    assert decide(_record(duplicate_of="a"), None, rule, keep_all).duplicate_of == "a"
    near = decide(
        _record(), _facts(near_of="b", near_similarity=0.9, semantic_of=None), rule, keep_all
    )
    assert (near.reason, near.duplicate_of) == ("duplicate-near", "b")
    unparsable = _facts(parses=False)
    assert decide(_record(), unparsable, rule, keep_all).reason == "kept"
    strict = ScoreRule("length", prune_unparsable=True)
    assert decide(_record(), unparsable, strict, keep_all).reason == "unparsable"
    cutoff = cutoff_from_top([(12.0, "r"), (30.0, "q")], "score-top-fraction")
    assert (cutoff.score, cutoff.id) == (12.0, "r")
    assert decide(_record(), _facts(), rule, cutoff).reason == "score-top-fraction"
    assert decide(_record(id="s"), _facts(), rule, cutoff).reason == "kept"  # tie, higher id


def test_scip_rule_names_its_reason() -> None:
    rule = ScoreRule("scip", sizes=(1, 50), selected=frozenset({0}))
    everything = Cutoff(-math.inf, None, "score-threshold")
    assert decide(_record(), _facts(cluster=0), rule, everything).reason == "scip-small-cluster"
    assert decide(_record(), _facts(cluster=1), rule, everything).reason == "scip-far-from-centroid"
