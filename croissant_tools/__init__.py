"""Croissant metadata for ML datasets: generate it, validate it, load it, publish it.

Functions (each also a ``croissant-tools`` command; see their own help)::

    import croissant_tools as ct
    doc = ct.generate("data/", license="CC-BY-4.0", url="https://example.org/data",
                      creators=["Ada Lovelace,ada@example.org"])   # -> dict (JSON-LD)
    report = ct.validate("croissant.json", profile="neurips")      # .valid, .errors
    reader = ct.load("croissant.json", "records", split="train")   # .iter_batches(), ...
    page = ct.publish("croissant.json", "site")                    # site/index.html + card

Types they return or raise, importable from here too: ``ValidationReport``,
``ValidationIssue``, ``RecordSetReader`` and ``CroissantToolsError`` (the base of every
error raised on purpose; ``.exit_code`` is the command line's exit code).

Everything is imported lazily, so ``import croissant_tools`` and the ``validate`` command
stay fast (no pandas, torch or Beam at import time).
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

#: What ``from croissant_tools import *`` and ``help(croissant_tools)`` show: the functions.
#: The types are importable by name but left out here, so that ``help()`` starts with the
#: functions instead of the methods an exception class inherits.
__all__ = ["__version__", "generate", "load", "publish", "validate"]
_TYPES = ["CroissantToolsError", "RecordSetReader", "ValidationIssue", "ValidationReport"]

if TYPE_CHECKING:  # pragma: no cover
    from croissant_tools.errors import CroissantToolsError as CroissantToolsError
    from croissant_tools.generation import generate
    from croissant_tools.loading import RecordSetReader as RecordSetReader
    from croissant_tools.loading import load
    from croissant_tools.publishing import publish
    from croissant_tools.validation import ValidationIssue as ValidationIssue
    from croissant_tools.validation import ValidationReport as ValidationReport
    from croissant_tools.validation import validate


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'croissant_tools' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, *_TYPES])
