"""Layer 2b (``CR110``-``CR116``): the JSON Schema of the declared Croissant version.

The schemas in ``schemas/`` apply to the normalised document (see
:mod:`croissant_tools.validation.normalize`). A compiled ``fastjsonschema`` check runs
first: valid documents (the usual case) never pay for ``jsonschema``. When it fails,
``jsonschema`` lists every violation, each mapped back to the author's JSON path and
turned into a message in Croissant terms with a hint taken from the schema (``x-hints``,
``x-expected``, ``x-format``).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from typing import Any

from croissant_tools.jsonld import json_kind
from croissant_tools.validation.normalize import Normalized
from croissant_tools.validation.report import ValidationIssue, make_issue
from croissant_tools.validation.schema_files import croissant_schema


def check_schema(normalized: Normalized, version: str) -> list[ValidationIssue]:
    """Validate the normalised document against the schema of ``version``."""
    if _fast_validator(version)(normalized.data):
        return []
    validator = _full_validator(version)
    issues = []
    for error in validator.iter_errors(normalized.data):
        issues.extend(_to_issues(error, normalized, version))
    return issues


@functools.cache
def _fast_validator(version: str) -> Callable[[Any], bool]:
    import fastjsonschema

    compiled = fastjsonschema.compile(croissant_schema(version))

    def check(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return check


@functools.cache
def _full_validator(version: str) -> Any:
    import jsonschema

    schema = croissant_schema(version)
    return jsonschema.Draft7Validator(schema)


def _term(parts: list[Any]) -> str:
    """Short name of the innermost property on the path (``license`` for ``sc:license``)."""
    for part in reversed(parts):
        if isinstance(part, str):
            return display(part)
    return "the dataset"


def display(name: str) -> str:
    """How a canonical IRI is shown to authors: ``sc:name`` -> ``name``."""
    prefix, sep, local = name.partition(":")
    return local if sep and prefix in ("sc", "cr", "dct") else name


def describe(obj: Any, parts: list[Any]) -> str:
    """``the dataset``, ``FileObject 'train.csv'``, or ``the source object``."""
    if not parts:
        return "the dataset"
    if isinstance(obj, dict):
        types = [t for t in obj.get("@type", []) if isinstance(t, str)]
        uid = obj.get("@id")
        label = display(types[0]) if types else None
        if label and isinstance(uid, str):
            return f"{label} {uid!r}"
        if label:
            return label
    return f"the {_term(parts)} object"


def _node_id(data: Any, parts: list[Any]) -> str | None:
    found = None
    current = data
    for part in parts:
        if isinstance(current, dict) and isinstance(current.get("@id"), str):
            found = current["@id"]
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(current, dict) and isinstance(current.get("@id"), str):
        found = current["@id"]
    return found


def _to_issues(error: Any, normalized: Normalized, version: str) -> list[ValidationIssue]:
    parts = list(error.absolute_path)
    path = normalized.original(parts)
    node = _node_id(normalized.data, parts)
    schema = error.schema if isinstance(error.schema, dict) else {}
    keyword = error.validator
    instance = error.instance
    term = _term(parts)
    if keyword == "required":
        return _required(error, normalized, parts, node, version)
    context = error.context or []
    if keyword == "anyOf" and context and all(e.validator == "required" for e in context):
        names = sorted({display(n) for e in context for n in e.validator_value})
        message = f"{describe(instance, parts)} needs one of: {', '.join(names)}"
        return [make_issue("CR110", path, message, node=node, hint=schema.get("x-hint"))]
    expected = schema.get("x-expected")
    if keyword == "type":
        wanted = expected or " or ".join(_as_list(error.validator_value))
        message = f"{term} must be {wanted}, not {json_kind(instance)}"
        return [make_issue("CR111", path, message, node=node, hint=schema.get("x-hint"))]
    if keyword == "maxItems":
        message = f"{term} takes one value, but {len(instance)} are given"
        return [make_issue("CR114", path, message, node=node)]
    if keyword in ("minItems", "minLength") or (
        keyword == "pattern" and isinstance(instance, str) and not instance.strip()
    ):
        return [make_issue("CR115", path, f"{term} is empty", node=node)]
    if keyword == "pattern":
        wanted = schema.get("x-format") or f"in the expected format ({error.validator_value})"
        message = f"{term} {instance!r} is not {wanted}"
        return [make_issue("CR113", path, message, node=node)]
    if keyword in ("enum", "const", "contains"):
        return [_not_allowed(error, path, node, term, expected)]
    if expected:
        message = f"{term} must be {expected}"
    else:
        message = f"{term} does not match the Croissant schema ({keyword})"
    return [make_issue("CR116", path, message, node=node, hint=schema.get("x-hint"))]


def _required(
    error: Any, normalized: Normalized, parts: list[Any], node: str | None, version: str
) -> list[ValidationIssue]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    hints = _hints(error, version)
    path = normalized.original(parts)
    match = re.match(r"^'(.+)' is a required property$", str(error.message))
    names = [match.group(1)] if match else [n for n in error.validator_value if n not in instance]
    issues = []
    for name in names:
        message = f"{describe(instance, parts)} has no {display(name)}"
        hint = hints.get(name) or f"add {display(name)!r}"
        issues.append(make_issue("CR110", path, message, node=node, hint=hint))
    return issues


def _hints(error: Any, version: str) -> dict[str, str]:
    """``x-hints`` of the failing schema, then those declared anywhere in the schema."""
    own = error.schema.get("x-hints") if isinstance(error.schema, dict) else None
    return {**_all_hints(version), **(own if isinstance(own, dict) else {})}


@functools.cache
def _all_hints(version: str) -> dict[str, str]:
    hints: dict[str, str] = {}
    stack: list[Any] = [croissant_schema(version)]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            found = value.get("x-hints")
            if isinstance(found, dict):
                for key, hint in found.items():
                    hints.setdefault(key, hint)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return hints


def _not_allowed(
    error: Any, path: str, node: str | None, term: str, expected: str | None
) -> ValidationIssue:
    instance = error.instance
    allowed = _as_list(error.validator_value)
    if error.validator == "contains":
        shown = ", ".join(str(v) for v in instance) if isinstance(instance, list) else instance
        message = f"{term} is {shown or 'empty'}; it must be {expected or 'an allowed value'}"
        return make_issue("CR112", path, message, node=node)
    wanted = expected or ", ".join(str(v) for v in allowed)
    message = f"{term} is {instance!r}; it must be {wanted}"
    hint = None
    if isinstance(instance, str):
        close = difflib.get_close_matches(instance, [str(v) for v in allowed], n=1)
        hint = f"did you mean {close[0]!r}?" if close else None
    return make_issue("CR112", path, message, node=node, hint=hint)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
