"""The Python API: signature, report, errors for bad arguments, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import croissant_tools
from croissant_tools.errors import UsageError
from croissant_tools.validation import ValidationIssue, ValidationReport, validate
from tests.validation.golden import FIXTURES

VALID = FIXTURES / "valid" / "penguins-1.1" / "metadata.json"
INVALID = FIXTURES / "invalid" / "cr324-unsafe-urls" / "metadata.json"


def test_lazy_export_from_the_package() -> None:
    assert croissant_tools.validate is validate
    assert croissant_tools.ValidationReport is ValidationReport
    assert croissant_tools.ValidationIssue is ValidationIssue


def test_report_shape() -> None:
    report = validate(INVALID)
    assert not report.valid and report.readable and report.version == "1.1"
    assert len(report.errors) == 4 and report.warnings == [] and report.infos == []
    issue = report.errors[0]
    assert issue.layer == "semantics" and issue.node == "up"
    assert issue.path == "$.distribution[1].contentUrl" and issue.line and issue.column
    payload = report.to_json()
    assert json.loads(json.dumps(payload)) == payload
    assert payload["errors"] == 4 and payload["issues"][0]["code"] == "CR324"
    sarif = report.to_sarif()
    assert sarif["runs"][0]["results"][0]["ruleId"] == "CR324"


def test_dict_source_and_ignore_patterns() -> None:
    data = json.loads(INVALID.read_text())
    report = validate(data, ignore=["CR3*"])
    assert report.valid and report.ignored == 4 and report.source == "<dict>"
    assert all(issue.line is None for issue in validate(data).issues)


@pytest.mark.parametrize(
    "kwargs",
    [{"profile": "nope"}, {"ignore": ["XX1"]}, {"check_records": -1}, {"max_bytes": 0}],
)
def test_bad_arguments_raise_usage_error(kwargs: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        validate(VALID, **kwargs)  # type: ignore[arg-type]


def test_validation_imports_nothing_heavy() -> None:
    code = (
        "import sys, croissant_tools as ct\n"
        f"assert ct.validate({str(INVALID)!r}).errors\n"
        "heavy = {'torch', 'apache_beam', 'tensorflow', 'pandas', 'rdflib', 'mlcroissant',"
        " 'pyarrow', 'jax', 'numpy', 'jsonschema'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # jsonschema is loaded only to list schema errors; this file has none.
    assert result.stdout.strip() == "[]"


def test_read_failures_cannot_be_ignored() -> None:
    report = validate(FIXTURES / "invalid" / "cr006-syntax" / "metadata.json", ignore=["CR0*"])
    assert report.codes() == ["CR006"] and not report.readable


def test_reading_errors_leave_out_descriptive_metadata_only() -> None:
    doc = json.loads(VALID.read_text())
    del doc["license"], doc["creator"]  # descriptive: the loader only warns about these
    doc["distribution"][0]["contentUrl"] = "../outside.csv"  # changes what is read
    report = validate(doc)
    assert {i.code for i in report.errors} == {"CR110", "CR324"}
    assert [i.code for i in report.reading_errors] == ["CR324"]


@pytest.mark.parametrize("source", [123, None, b"{}", ["a"]])
def test_a_source_of_the_wrong_type_is_a_usage_error(source: object) -> None:
    from croissant_tools.errors import UsageError

    with pytest.raises(UsageError, match="source must be"):
        validate(source)  # type: ignore[arg-type]
