"""Croissant ``transform`` steps on whole Arrow columns, with mlcroissant's semantics.

* ``regex``: Python ``re.match`` (anchored at the start); the value becomes the first
  group that took part in the match; a value that does not match, or a pattern without
  groups, leaves the value unchanged. Evaluated once per distinct value, so a split
  column of a million rows costs a handful of regex calls.
* ``separator``: split text into a list (vectorised ``split_pattern``).
* ``jsonPath``: the first match in a JSON value (objects, or text holding JSON).
* ``replace``: ``"pattern/replacement"`` regex substitution on every match.
* ``format``: parses text into the field's date/time type (see :mod:`.casting`), or
  formats a date/time field read as text.

Transforms on a list (after ``separator``, or a list column) apply to each item.
``readLines`` and ``unArchive`` concern containers, not field values; they are ignored here.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from croissant_tools.errors import DataError
from croissant_tools.loading.casting import map_values, rebuild_list
from croissant_tools.loading.jsonpath import find_first
from croissant_tools.model import Transform


@cache
def _regex(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, OverflowError) as exc:
        raise DataError(f"invalid regex {pattern[:200]!r}: {exc}", where=where) from None
    except RecursionError:  # Python's regex compiler recurses once per nested group
        message = f"regex {pattern[:200]!r} is nested too deeply to compile"
        raise DataError(message, where=where) from None


def regex_value(pattern: re.Pattern[str], value: Any) -> Any:
    """The first participating group of ``pattern.match(value)``, else ``value``."""
    match = pattern.match(value if isinstance(value, str) else str(value))
    if match is None:
        return value
    for group in match.groups():
        if group is not None:
            return group
    return value


def _as_text(array: pa.Array) -> pa.Array:
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        return array
    if pa.types.is_list(array.type) or pa.types.is_large_list(array.type):
        return array
    from croissant_tools.loading.casting import cast_array

    return cast_array(array, pa.string())


def _split_replace(spec: str, where: str) -> tuple[re.Pattern[str], str]:
    for index, char in enumerate(spec):
        if char == "/" and (index == 0 or spec[index - 1] != "\\"):
            return _regex(spec[:index], where), spec[index + 1 :]
    raise DataError(f"replace transform {spec!r} is not 'pattern/replacement'", where=where)


def _json_value(path: str, value: Any, where: str) -> Any:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return None
    return find_first(path, value, where=where)


def _split(array: pa.Array, separator: str) -> pa.Array:
    if pa.types.is_list(array.type) or pa.types.is_large_list(array.type):
        return rebuild_list(array, _split(pc.list_flatten(array), separator))
    return pc.split_pattern(_as_text(array), pattern=separator)


def apply_transform(array: pa.Array, transform: Transform, *, where: str) -> pa.Array:
    """One transform step (see the module docstring)."""
    if transform.regex is not None:
        pattern = _regex(transform.regex, where)
        return map_values(_as_text(array), lambda v: regex_value(pattern, v), pa.string())
    if transform.json_path is not None:
        path = transform.json_path
        return map_values(array, lambda v: _json_value(path, v, where))
    if transform.separator is not None:
        return _split(array, transform.separator)
    if transform.replace is not None:
        pattern, replacement = _split_replace(transform.replace, where)
        return map_values(_as_text(array), lambda v: pattern.sub(replacement, v), pa.string())
    return array  # format is applied by the cast; readLines/unArchive act on containers


def apply_transforms(array: pa.Array, transforms: list[Transform], *, where: str) -> pa.Array:
    """All transform steps of a source, in order."""
    for transform in transforms:
        array = apply_transform(array, transform, where=where)
    return array


def transform_format(transforms: list[Transform], source_format: str | None) -> str | None:
    """The date/time ``format`` declared on a source or one of its transforms."""
    for transform in transforms:
        if transform.format:
            return transform.format
    return source_format
