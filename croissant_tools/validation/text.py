"""Human-readable output: issues grouped by file, coloured only on a terminal."""

from __future__ import annotations

from croissant_tools.validation.report import ValidationIssue, ValidationReport

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_DIM = "\033[2m"
_BOLD = "\033[1m"
_RESET = "\033[0m"


def render(reports: list[ValidationReport], *, colour: bool, seconds: float) -> str:
    """The text report for ``reports`` ending with a one-line summary."""
    lines: list[str] = []
    for report in reports:
        lines.extend(_file_block(report, colour))
    lines.append(summary(reports, seconds))
    return "\n".join(lines)


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{style}{text}{_RESET}" if colour else text


def _file_block(report: ValidationReport, colour: bool) -> list[str]:
    version = f"Croissant {report.version}" if report.version else "Croissant version unknown"
    counts = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
    status = "valid" if report.valid else "INVALID"
    if not report.readable:
        status = "UNREADABLE"
    head = f"{report.source}: {status} ({version}, profile {report.profile}; {counts})"
    lines = [_paint(head, _BOLD, colour)]
    lines.extend(_issue_lines(report.source, issue, colour) for issue in report.issues)
    return lines


def _issue_lines(source: str, issue: ValidationIssue, colour: bool) -> str:
    where = source if issue.line is None else f"{source}:{issue.line}:{issue.column}"
    severity = _paint(issue.severity, _COLOURS[issue.severity], colour)
    node = f" [{issue.node}]" if issue.node else ""
    text = f"  {where}: {severity} {issue.code}: {issue.message}"
    detail = _paint(f"      at {issue.path}{node}", _DIM, colour)
    text += f"\n{detail}"
    if issue.hint:
        text += f"\n      hint: {issue.hint}"
    return text


def summary(reports: list[ValidationReport], seconds: float) -> str:
    """``3 file(s): 2 valid, 1 invalid, 0 unreadable; 4 error(s), 1 warning(s) in 0.21 s``."""
    unreadable = sum(not r.readable for r in reports)
    invalid = sum((not r.valid) and r.readable for r in reports)
    valid = len(reports) - invalid - unreadable
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    ignored = sum(r.ignored for r in reports)
    text = (
        f"{len(reports)} file(s): {valid} valid, {invalid} invalid, {unreadable} unreadable; "
        f"{errors} error(s), {warnings} warning(s)"
    )
    if ignored:
        text += f", {ignored} ignored"
    return f"{text} in {seconds:.2f} s"
