"""Validate Croissant metadata in layers, with every issue located and explained.

    from croissant_tools.validation import validate
    report = validate("croissant.json", profile="neurips")
    report.valid, report.errors, report.to_json(), report.to_sarif()

See ``docs/validation.md`` for the layers, the table of codes and the command line.
"""

from croissant_tools.validation.codes import CODES, Code
from croissant_tools.validation.report import ValidationIssue, ValidationReport
from croissant_tools.validation.validator import validate

__all__ = ["CODES", "Code", "ValidationIssue", "ValidationReport", "validate"]
