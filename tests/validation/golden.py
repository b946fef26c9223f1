"""Golden validation cases: ``tests/fixtures/croissant/{valid,invalid}/<case>/``.

Each case folder holds ``metadata.json`` (the document; absent when the case is about a
missing file), ``case.json`` (``description``; optional ``options`` passed to
``validate``, ``source`` to validate instead of ``metadata.json`` (a relative path or a
URL), and ``as_dict`` to pass the parsed document instead of its path), and
``expected.json`` (the report: ``valid``, ``version`` and every issue).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from croissant_tools.validation import ValidationReport, validate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "croissant"


@dataclass(frozen=True)
class Case:
    """One golden case folder."""

    folder: Path

    @property
    def name(self) -> str:
        return f"{self.folder.parent.name}/{self.folder.name}"

    @property
    def kind(self) -> str:
        return self.folder.parent.name

    @property
    def spec(self) -> dict[str, Any]:
        return json.loads((self.folder / "case.json").read_text())

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.spec.get("options", {}))

    def source(self) -> Any:
        spec = self.spec
        name = spec.get("source", "metadata.json")
        if "://" in name:
            return name
        path = self.folder / name
        if spec.get("as_dict"):
            return json.loads(path.read_text())
        return path

    def run(self) -> ValidationReport:
        return validate(self.source(), **self.options)

    def expected_path(self) -> Path:
        return self.folder / "expected.json"


def cases(kind: str | None = None) -> list[Case]:
    """Every case folder (of one kind, ``valid`` or ``invalid``), sorted by name."""
    kinds = [kind] if kind else ["valid", "invalid"]
    return [Case(p) for k in kinds for p in sorted((FIXTURES / k).iterdir()) if p.is_dir()]


def expectation(report: ValidationReport) -> dict[str, Any]:
    """What ``expected.json`` records of a report (no timings)."""
    return {
        "valid": report.valid,
        "version": report.version,
        "issues": [issue.to_dict() for issue in report.issues],
    }
