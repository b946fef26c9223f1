"""The validation summary a published page shows, taken from :func:`croissant_tools.validate`.

The publisher depends on the validator only through :func:`summarise`, which reads the
documented report interface (``report.issues``, each with ``severity``, ``code``,
``path``, ``message``, ``hint``) by attribute, so the page keeps working if the report
grows new fields.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One validation issue as shown on the page and in the card."""

    severity: str
    code: str
    path: str
    message: str
    hint: str | None = None
    line: int | None = None

    def one_line(self) -> str:
        """``CR101 error at $.name: message (hint: ...)``."""
        where = f"{self.path} (line {self.line})" if self.line else self.path
        text = f"{self.code} {self.severity} at {where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass(frozen=True)
class ValidationSummary:
    """Whether validation ran, under which profile, and what it found."""

    ran: bool
    profile: str | None = None
    findings: tuple[Finding, ...] = ()

    def of(self, severity: str) -> list[Finding]:
        """Findings of one severity (``error``, ``warning`` or ``info``)."""
        return [f for f in self.findings if f.severity == severity]

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity ``error``."""
        return self.of("error")

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity ``warning``."""
        return self.of("warning")

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity, every severity present."""
        return {severity: len(self.of(severity)) for severity in SEVERITIES}

    def headline(self) -> str:
        """``valid (core profile): 0 errors, 2 warnings`` or ``not validated``."""
        if not self.ran:
            return "not validated"
        counts = self.counts
        state = "valid" if not counts["error"] else "invalid"
        return (
            f"{state} ({self.profile} profile): {counts['error']:,} errors, "
            f"{counts['warning']:,} warnings"
        )


def _severity(raw: Any) -> str:
    text = str(getattr(raw, "value", raw)).lower()
    return {"warn": "warning", "err": "error", "note": "info"}.get(text, text)


def summarise(issues: Iterable[Any], profile: str) -> ValidationSummary:
    """A :class:`ValidationSummary` from the validator's issues, errors first."""
    findings = [
        Finding(
            severity=_severity(getattr(issue, "severity", "error")),
            code=str(getattr(issue, "code", "") or "?"),
            path=str(getattr(issue, "path", "") or "$"),
            message=str(getattr(issue, "message", issue)),
            hint=getattr(issue, "hint", None) or None,
            line=getattr(issue, "line", None),
        )
        for issue in issues
    ]
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: rank.get(f.severity, len(rank)))
    return ValidationSummary(ran=True, profile=profile, findings=tuple(findings))


def run_validation(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    profile: str,
    document: Mapping[str, Any] | None = None,
) -> ValidationSummary:
    """Validate with :func:`croissant_tools.validation.validate` under ``profile``.

    A local file is validated by path (so issues carry line numbers and local checks
    know the dataset folder); an already-fetched URL is validated from ``document`` so
    it is not downloaded twice.
    """
    from croissant_tools.validation import validate

    is_url = not isinstance(source, Mapping) and "://" in os.fspath(source)
    target = document if is_url and document is not None else source
    report = validate(target, profile=profile)
    return summarise(report.issues, profile)
