"""The table of codes: every code the code base emits is declared, documented, and
covered by a golden case (or, for the few that need a machine state, a unit test)."""

from __future__ import annotations

import re
from pathlib import Path

from croissant_tools.validation import CODES
from tests.validation.golden import cases

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "croissant_tools" / "validation").glob("*.py"))
DOCS = ROOT / "docs" / "validation.md"
#: Codes whose trigger is a machine state rather than a document; the named test covers each.
UNIT_TESTED = {
    "CR010": "test_validation_data_checks.py::test_fetch_failure_is_cr010 (a failing network)",
    "CR506": "test_validation_data_checks.py::test_symlink_out_of_the_folder_is_refused (symlink)",
    "CR507": "test_validation_data_checks.py::test_unreadable_file_is_cr507 (I/O error)",
    "CR510": "test_validation_data_checks.py::test_records_that_fail_to_load (loader behaviour)",
    "CR511": "test_validation_data_checks.py::test_record_timeout (a slow loader)",
    "CR512": "test_validation_data_checks.py::test_record_set_without_records (loader behaviour)",
    "CR513": "test_validation_data_checks.py::test_no_record_backend (no loader importable)",
}


def emitted_codes() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        if path.name == "codes.py":
            continue
        found.update(re.findall(r'"(CR\d{3})"', path.read_text()))
    return found


def test_every_emitted_code_is_declared() -> None:
    assert emitted_codes() - set(CODES) == set()


def test_every_declared_code_is_emitted() -> None:
    assert set(CODES) - emitted_codes() == set()


def test_codes_are_grouped_by_layer() -> None:
    first_digit = {
        "read": "0",
        "structure": "1",
        "vocabulary": "2",
        "semantics": "3",
        "profile": "4",
        "data": "5",
    }
    for code in CODES.values():
        assert code.code[2] == first_digit[code.layer], code


def test_every_code_is_documented_with_its_severity_and_layer() -> None:
    rows = {}
    for line in DOCS.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"`?CR\d{3}`?", cells[0]):
            rows[cells[0].strip("`")] = cells
    assert set(rows) == set(CODES)
    for code, spec in CODES.items():
        assert rows[code][1] == spec.severity, code
        assert rows[code][2] == spec.layer, code


def test_every_code_has_a_golden_case_or_a_named_unit_test() -> None:
    covered = {code for case in cases("invalid") for code in case.run().codes()}
    missing = set(CODES) - covered - set(UNIT_TESTED)
    assert missing == set()
    tests_text = (Path(__file__).parent / "test_validation_data_checks.py").read_text()
    for code, where in UNIT_TESTED.items():
        test_name = where.split("::")[1].split()[0]
        assert f"def {test_name}(" in tests_text, where
        assert code in tests_text, code
