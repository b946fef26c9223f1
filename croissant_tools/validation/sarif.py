"""SARIF 2.1.0 output, so GitHub code scanning shows each finding at its line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from croissant_tools.validation.codes import CODES
from croissant_tools.validation.report import ValidationIssue, ValidationReport

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif_log(reports: list[ValidationReport]) -> dict[str, Any]:
    """One SARIF log with one run holding the results of every report."""
    from croissant_tools import __version__

    used = sorted({issue.code for report in reports for issue in report.issues})
    rule_index = {code: number for number, code in enumerate(used)}
    results = [
        _result(issue, report.source, rule_index[issue.code])
        for report in reports
        for issue in report.issues
    ]
    driver = {
        "name": "croissant-tools",
        "version": __version__,
        "rules": [_rule(code) for code in used],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}
        ],
    }


def _rule(code: str) -> dict[str, Any]:
    spec = CODES[code]
    return {
        "id": code,
        "name": "".join(word.capitalize() for word in spec.title.split() if word.isalnum()),
        "shortDescription": {"text": spec.title},
        "help": {"text": spec.hint},
        "defaultConfiguration": {"level": _LEVEL[spec.severity]},
        "properties": {"layer": spec.layer, "tags": ["croissant", spec.layer]},
    }


def _result(issue: ValidationIssue, source: str, index: int) -> dict[str, Any]:
    text = issue.message if not issue.hint else f"{issue.message} (hint: {issue.hint})"
    location: dict[str, Any] = {
        "logicalLocations": [{"fullyQualifiedName": issue.path, "kind": "object"}]
    }
    if source != "<dict>":
        location["physicalLocation"] = {
            "artifactLocation": {"uri": artifact_uri(source)},
            "region": {"startLine": issue.line or 1, "startColumn": issue.column or 1},
        }
    result: dict[str, Any] = {
        "ruleId": issue.code,
        "ruleIndex": index,
        "level": _LEVEL[issue.severity],
        "message": {"text": text},
        "locations": [location],
    }
    if issue.node:
        result["properties"] = {"node": issue.node}
    return result


def artifact_uri(source: str) -> str:
    """A path relative to the working directory with '/' separators (URLs unchanged)."""
    if "://" in source:
        return source
    path = Path(source)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return path.as_posix() if os.sep == "/" else str(path).replace(os.sep, "/")
