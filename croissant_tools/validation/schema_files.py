"""Load the data files shipped in the top-level ``schemas`` package (JSON only).

``importlib.resources.files("schemas")`` works from an installed wheel; in an editable
install the namespace package's path also holds the editable finder's placeholder, which
``importlib.resources`` rejects on Python 3.11, so the real directories are used then.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from croissant_tools.errors import InputError

_COMMON = "croissant-common.schema.json"


def read_json(name: str) -> Any:
    """Parse the JSON data file ``name`` from the ``schemas`` package."""
    try:
        import importlib.resources

        text = importlib.resources.files("schemas").joinpath(name).read_text("utf-8")
    except (NotADirectoryError, FileNotFoundError, ModuleNotFoundError, TypeError):
        text = _fallback_path(name).read_text("utf-8")
    return json.loads(text)


def _fallback_path(name: str) -> Path:
    import schemas

    for entry in getattr(schemas, "__path__", []):
        candidate = Path(entry) / name
        if candidate.is_file():
            return candidate
    raise InputError(f"schema file {name!r} is missing from the installed package")


@functools.cache
def croissant_schema(version: str) -> dict[str, Any]:
    """The JSON Schema of Croissant ``version`` with the shared definitions bundled in.

    The files refer to ``croissant-common.schema.json#/definitions/...``; the bundle
    copies those definitions into the version schema and makes the references local,
    so any draft-07 validator can use it without a resolver.
    """
    schema = read_json(f"croissant-{version}.schema.json")
    common = read_json(_COMMON)
    definitions = dict(common["definitions"])
    definitions.update(schema.get("definitions", {}))
    schema["definitions"] = definitions
    return _localize(schema)


def _localize(value: Any) -> Any:
    if isinstance(value, dict):
        out = {key: _localize(item) for key, item in value.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(_COMMON):
            out["$ref"] = ref[len(_COMMON) :]
        return out
    if isinstance(value, list):
        return [_localize(item) for item in value]
    return value
