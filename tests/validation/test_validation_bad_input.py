"""Any bytes at all yield issues, never a traceback (the issue's bad-input list)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from croissant_tools.validation import validate
from tests.validation.golden import FIXTURES

BASE = json.loads((FIXTURES / "valid" / "penguins-1.1" / "metadata.json").read_text())


def write(tmp_path: Path, content: bytes | str, name: str = "metadata.json") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x00\x01\x02\xff" * 64, "CR004"),
        (b"", "CR003"),
        (b"   \n\t ", "CR003"),
        (b"\xff\xfe{\x00}\x00", "CR005"),
        (b'{"name": "\xe9"}', "CR005"),
        (b"[]", "CR008"),
        (b'"just a string"', "CR008"),
        (b"42", "CR008"),
        (b"null", "CR008"),
        (b'{"a": }', "CR006"),
        (b"{'single': 'quotes'}", "CR006"),
    ],
)
def test_unreadable_bytes(tmp_path: Path, content: bytes, code: str) -> None:
    report = validate(write(tmp_path, content))
    assert report.codes() == [code]
    assert not report.valid


def test_ten_thousand_deep_nesting(tmp_path: Path) -> None:
    report = validate(write(tmp_path, '{"a": ' + "[" * 10_000 + "]" * 10_000 + "}"))
    assert report.codes() == ["CR007"]


def test_ten_thousand_deep_nesting_as_a_dict() -> None:
    deep: Any = []
    for _ in range(10_000):
        deep = [deep]
    report = validate({**BASE, "description": deep})
    assert not report.valid  # reported, not a RecursionError


def test_string_context_is_reported_and_checking_goes_on() -> None:
    report = validate({**BASE, "@context": "https://schema.org/"})
    assert "CR105" in report.codes()
    assert report.version == "1.1"  # conformsTo is still read: with the standard context


@pytest.mark.parametrize("context", [42, [None, 3], {"cr": 5}, [{"@vocab": None}]])
def test_odd_contexts_never_raise(context: Any) -> None:
    report = validate({**BASE, "@context": context})
    assert not report.valid


def test_reference_cycles_are_reported() -> None:
    data = json.loads(json.dumps(BASE))
    fields = data["recordSet"][1]["field"]
    fields[1]["source"] = {"@id": "penguins/bill_length_mm"}
    fields[2]["source"] = {"@id": "penguins/species"}
    for field in fields[1:3]:
        del field["dataType"]
    data["distribution"][0]["containedIn"] = {"@id": "penguins.csv"}
    codes = validate(data).codes()
    assert codes.count("CR318") >= 2  # field sources and containedIn


def test_hundred_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no 100 MB written
    report = validate(path)
    assert report.codes() == ["CR002"]
    assert not report.readable


def test_hundred_megabyte_document_within_a_raised_cap(tmp_path: Path) -> None:
    padding = "x" * (100 * 1024 * 1024)
    path = write(tmp_path, json.dumps({**BASE, "sc:text": padding}))
    report = validate(path, max_bytes=200 * 1024 * 1024)
    assert report.valid and report.readable


def test_wrong_types_everywhere_never_raise() -> None:
    for value in (None, 1, 1.5, True, "x", [], {}, [None], [{}], {"@id": 3}, {"@value": []}):
        data = json.loads(json.dumps(BASE))
        data["distribution"] = value
        data["recordSet"] = value
        data["name"] = value
        data["@type"] = value
        data["conformsTo"] = value
        assert not validate(data).valid


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    report = validate(tmp_path)
    assert report.codes() == ["CR001"]
