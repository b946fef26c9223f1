"""Layer 1 (``CR0xx``): read the bytes and parse JSON, turning every failure into an issue."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from typing import Any

from croissant_tools.documents import Document, DocumentError, read_document
from croissant_tools.errors import SecurityError
from croissant_tools.jsonld import json_kind, key_path
from croissant_tools.validation.report import ValidationIssue, make_issue

_KIND_CODES = {
    "not_found": "CR001",
    "not_a_file": "CR001",
    "unreadable": "CR001",
    "too_large": "CR002",
    "empty": "CR003",
    "binary": "CR004",
    "encoding": "CR005",
    "syntax": "CR006",
    "too_deep": "CR007",
    "network_refused": "CR009",
    "network_failed": "CR010",
}


def read(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    max_bytes: int,
    allow_network: bool,
) -> tuple[Document | None, list[ValidationIssue], tuple[int, int] | None]:
    """Read ``source``; return the document (``None`` if unusable), issues, and a location.

    The location is the ``(line, column)`` of a syntax or encoding error, for the issue
    at ``$``.
    """
    try:
        document = read_document(source, max_bytes=max_bytes, allow_network=allow_network)
    except DocumentError as exc:
        code = _KIND_CODES.get(exc.kind, "CR001")
        issue = make_issue(code, "$", exc.message, hint=exc.hint)
        location = (exc.line, exc.column or 1) if exc.line is not None else None
        return None, [issue], location
    except SecurityError as exc:
        return None, [make_issue("CR009", "$", exc.message, hint=exc.hint)], None
    issues: list[ValidationIssue] = []
    if not isinstance(document.data, dict):
        message = f"a Croissant document is a JSON object, not {json_kind(document.data)}"
        issues.append(make_issue("CR008", "$", message))
        return None, issues, None
    for path, key in document.duplicate_keys:
        message = f"key {key!r} appears more than once; JSON parsers keep only the last value"
        issues.append(make_issue("CR011", f"{path}{key_path(key)}", message))
    for name in sorted(set(document.non_standard)):
        message = f"{name} is not valid JSON (other parsers reject the file)"
        issue = make_issue("CR012", "$", message, hint=f"replace {name} by null")
        found = _find_constant(document.text or "", name)
        if found is not None:
            issue = dataclasses.replace(issue, line=found[0], column=found[1])
        issues.append(issue)
    for path in document.surrogates:
        message = (
            "a key or value holds a lone surrogate (a \\udXXX escape on its own): valid "
            "JSON, but not Unicode text, so no UTF-8 file or Arrow column can hold it"
        )
        issues.append(make_issue("CR013", path, message))
    return document, issues, None


_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?NaN|-?Infinity)')


def _find_constant(text: str, name: str) -> tuple[int, int] | None:
    """Line and column of the first ``NaN``/``Infinity`` outside a string, if any."""
    for match in _STRING_OR_CONSTANT.finditer(text):
        if match.group(1) and name in match.group(1):
            before = text[: match.start()]
            return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    return None
