"""Checks of the public functions' arguments, so that a wrong type is a :class:`UsageError`
naming the argument instead of a ``TypeError`` from deep inside (or, worse, a string
silently taken apart into its characters)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from croissant_tools.errors import UsageError


def strings(value: object, name: str) -> tuple[str, ...]:
    """``value`` as a tuple of strings: one string is one item (``ignore="CR2*"`` means
    ``("CR2*",)``, not its characters); any other iterable must hold only strings."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable) or isinstance(value, bytes | bytearray):
        raise UsageError(f"{name} must be a string or a list of strings, not {_kind(value)}")
    items = tuple(value)
    wrong = [item for item in items if not isinstance(item, str)]
    if wrong:
        raise UsageError(f"{name} must hold only strings; it holds {_kind(wrong[0])}")
    return items


def integer(value: object, name: str, *, minimum: int | None = None) -> int:
    """``value`` if it is an ``int`` (not a ``bool``) of at least ``minimum``."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise UsageError(f"{name} must be an integer, not {_kind(value)}")
    if minimum is not None and value < minimum:
        raise UsageError(f"{name} must be {minimum} or more, not {value}")
    return value


def number(value: object, name: str, *, positive: bool = False) -> float:
    """``value`` as a float if it is an ``int`` or ``float`` (not a ``bool``), > 0 when
    ``positive``."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise UsageError(f"{name} must be a number, not {_kind(value)}")
    if positive and not value > 0:
        raise UsageError(f"{name} must be positive, not {value}")
    return float(value)


def optional_string(value: object, name: str) -> str | None:
    """``value`` if it is ``None`` or a string."""
    if value is None or isinstance(value, str):
        return value
    raise UsageError(f"{name} must be a string, not {_kind(value)}")


def path(value: object, name: str) -> str | os.PathLike[str]:
    """``value`` if it is a string or an ``os.PathLike``."""
    if isinstance(value, str | os.PathLike):
        return value
    raise UsageError(f"{name} must be a path, not {_kind(value)}")


def optional_path(value: object, name: str) -> str | os.PathLike[str] | None:
    """``value`` if it is ``None``, a string or an ``os.PathLike``."""
    return None if value is None else path(value, name)


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]i?[bB]?|[bB])?\s*$")
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """``50MB``, ``2GiB``, ``100kb``, ``1234`` as bytes (1024-based), for ``--max-bytes``;
    :class:`argparse.ArgumentTypeError` for anything else."""
    import argparse

    match = _SIZE.match(text)
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 50MB")
    unit = (match.group(2) or "").lower()[:1]
    return int(float(match.group(1)) * _UNITS[unit])


def add_max_bytes(parser: Any) -> None:
    """``--max-bytes SIZE`` (an ``argparse`` parser): the size limit of the Croissant
    document a command reads (default 50 MB), named by the "too large" hint."""
    from croissant_tools.documents import DEFAULT_MAX_BYTES

    parser.add_argument(
        "--max-bytes",
        type=parse_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="refuse larger Croissant files (default: 50MB; accepts 100MB, 2GiB ...)",
    )
