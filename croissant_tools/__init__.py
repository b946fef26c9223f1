"""Croissant metadata for ML datasets: generate it, validate it, load the records it describes.

The public functions are imported lazily so that ``import croissant_tools`` and the
``validate`` command stay fast (no pandas, torch or Beam at import time)::

    import croissant_tools as ct
    report = ct.validate("croissant.json", profile="neurips")
    doc = ct.generate("data/", name="my-dataset", license="CC-BY-4.0")
    reader = ct.load("croissant.json", "records")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY: dict[str, tuple[str, str]] = {
    "validate": ("croissant_tools.validation", "validate"),
    "ValidationReport": ("croissant_tools.validation", "ValidationReport"),
    "ValidationIssue": ("croissant_tools.validation", "ValidationIssue"),
    "generate": ("croissant_tools.generation", "generate"),
    "load": ("croissant_tools.loading", "load"),
    "RecordSetReader": ("croissant_tools.loading", "RecordSetReader"),
    "publish": ("croissant_tools.publishing", "publish"),
    "CroissantToolsError": ("croissant_tools.errors", "CroissantToolsError"),
}

__all__ = [
    "CroissantToolsError",
    "RecordSetReader",
    "ValidationIssue",
    "ValidationReport",
    "__version__",
    "generate",
    "load",
    "publish",
    "validate",
]

if TYPE_CHECKING:  # pragma: no cover
    from croissant_tools.errors import CroissantToolsError
    from croissant_tools.generation import generate
    from croissant_tools.loading import RecordSetReader, load
    from croissant_tools.publishing import publish
    from croissant_tools.validation import ValidationIssue, ValidationReport, validate


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'croissant_tools' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
