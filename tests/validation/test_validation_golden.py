"""Golden cases: the full report of every fixture equals its ``expected.json``.

Regenerate after an intended change with ``python -m tests.validation.regenerate`` and
review the diff.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.validation.golden import Case, cases, expectation

ALL = cases()


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_report_matches_expectation(case: Case) -> None:
    expected = json.loads(case.expected_path().read_text())
    assert expectation(case.run()) == expected


@pytest.mark.parametrize("case", cases("valid"), ids=lambda c: c.name)
def test_valid_cases_have_no_errors(case: Case) -> None:
    report = case.run()
    assert report.valid, [i.to_dict() for i in report.errors]
    assert report.readable


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda c: c.name)
def test_invalid_case_reports_the_code_it_is_named_after(case: Case) -> None:
    match = re.match(r"cr(\d{3})-", case.folder.name)
    assert match, f"invalid case folders are named crNNN-...: {case.folder.name}"
    assert f"CR{match.group(1)}" in case.run().codes()


def test_there_are_at_least_forty_invalid_cases_and_valid_ones_for_both_versions() -> None:
    assert len(cases("invalid")) >= 40
    versions = {case.run().version for case in cases("valid")}
    assert versions == {"1.0", "1.1"}


def test_every_issue_in_a_text_document_has_a_line_and_column() -> None:
    for case in ALL:
        report = case.run()
        if case.spec.get("as_dict") or not report.readable:
            continue
        for issue in report.issues:
            assert issue.line and issue.column, (case.name, issue)
