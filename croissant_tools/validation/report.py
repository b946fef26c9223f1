"""Validation results: one :class:`ValidationIssue` per finding, gathered in a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from croissant_tools.validation.codes import CODES, FATAL_READ, Layer, Severity

#: Top-level keys whose problems decide how (or whether) records can be read; errors
#: anywhere else only concern the description of the dataset (license, creator, ...).
_READING_KEYS = frozenset(
    {"@context", "@type", "@vocab", "conformsTo", "dct:conformsTo", "distribution", "recordSet"}
)


@dataclass(frozen=True)
class ValidationIssue:
    """One finding, located by JSON path and, when the text is known, line and column.

    ``code`` is stable (see ``docs/validation.md``); ``node`` is the ``@id`` (or name) of
    the node the issue concerns, when there is one.
    """

    severity: Severity
    code: str
    path: str
    message: str
    hint: str | None = None
    node: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def layer(self) -> Layer:
        """The validation layer that emits this code."""
        return CODES[self.code].layer

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (``None`` values kept, so the shape is fixed)."""
        return {
            "severity": self.severity,
            "code": self.code,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "node": self.node,
            "message": self.message,
            "hint": self.hint,
        }


def make_issue(
    code: str, path: str, message: str, *, node: str | None = None, hint: str | None = None
) -> ValidationIssue:
    """An issue with the default severity of ``code`` (and its generic hint if none given)."""
    spec = CODES[code]
    return ValidationIssue(spec.severity, code, path, message, hint or spec.hint, node)


@dataclass
class ValidationReport:
    """Everything the validator found in one document.

    ``source`` is the path, URL or ``"<dict>"`` that was validated; ``version`` is the
    Croissant version the document declares (``"1.0"``, ``"1.1"`` or ``None``);
    ``readable`` is false when the document could not be read at all (CLI exit 2).
    """

    source: str
    profile: str = "core"
    version: str | None = None
    issues: list[ValidationIssue] = field(default_factory=list)
    seconds: float = 0.0
    ignored: int = 0

    @property
    def errors(self) -> list[ValidationIssue]:
        """Issues of severity ``error``."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def reading_errors(self) -> list[ValidationIssue]:
        """Errors that can change which records are read, or how.

        Everything except errors about the dataset's descriptive metadata (a missing
        license, creator or datePublished, a malformed dataset url, RAI properties):
        the loader refuses documents with reading errors and only warns about the rest.
        """
        return [i for i in self.errors if not _is_descriptive(i)]

    @property
    def warnings(self) -> list[ValidationIssue]:
        """Issues of severity ``warning``."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def infos(self) -> list[ValidationIssue]:
        """Issues of severity ``info``."""
        return [i for i in self.issues if i.severity == "info"]

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings and infos do not count)."""
        return not self.errors

    @property
    def readable(self) -> bool:
        """False when the document could not be read (missing, not JSON, too large...)."""
        return not any(i.code in FATAL_READ for i in self.issues)

    def codes(self) -> list[str]:
        """The codes of all issues, in report order (handy in tests)."""
        return [i.code for i in self.issues]

    def to_json(self) -> dict[str, Any]:
        """This report as the JSON object the CLI prints for one file (a dict)."""
        return {
            "path": self.source,
            "valid": self.valid,
            "version": self.version,
            "profile": self.profile,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "infos": len(self.infos),
            "ignored": self.ignored,
            "seconds": round(self.seconds, 4),
            "issues": [i.to_dict() for i in self.issues],
        }

    def to_sarif(self) -> dict[str, Any]:
        """This report as a SARIF 2.1.0 log (one run), for GitHub code scanning."""
        from croissant_tools.validation.sarif import sarif_log

        return sarif_log([self])


def affects_reading(path: str) -> bool:
    """Whether a problem at JSON ``path`` can change which records are read, or how (it
    lies under ``@context``, ``@type``, ``conformsTo``, ``distribution``, ``recordSet``)."""
    rest = path[1:]
    if rest.startswith("."):
        key = rest[1:].split(".", 1)[0].split("[", 1)[0]
    elif rest.startswith("['"):
        key = rest[2:].split("']", 1)[0]
    else:
        return path == "$"
    return key in _READING_KEYS


def _is_descriptive(issue: ValidationIssue) -> bool:
    """Whether an issue concerns only dataset-level descriptive metadata.

    A context problem (``CR105``) never is: a context anywhere changes what keys mean, and
    one that refers elsewhere must not reach a reader.
    """
    if issue.code == "CR105":
        return False
    if issue.path == "$":
        # at the root, only a missing required property is purely descriptive
        return issue.code == "CR110" and "distribution" not in issue.message
    rest = issue.path[1:]
    if rest.startswith("."):
        key = rest[1:].split(".", 1)[0].split("[", 1)[0]
    elif rest.startswith("['"):
        key = rest[2:].split("']", 1)[0]
    else:
        return False
    return key not in _READING_KEYS
