"""Errors raised by :mod:`pruning` for bad input or impossible requests.

``pruning`` does not import ``croissant_tools``; the command line recognises these errors by
their ``exit_code`` attribute and prints them without a traceback. Codes follow the project
table: 2 for usage errors and unreadable input, 3 for data that does not match what was
promised, 70 is left for bugs.
"""

from __future__ import annotations

EXIT_USAGE = 2
EXIT_DATA = 3


class PruningError(Exception):
    """Base class for expected failures in :mod:`pruning`; carries ``exit_code`` and ``where``."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class ConfigError(PruningError):
    """A configuration value or option is invalid (exit code 2)."""

    exit_code = EXIT_USAGE


class InputError(PruningError):
    """An input file or record could not be read or is malformed (exit code 2)."""

    exit_code = EXIT_USAGE


class DataError(PruningError):
    """Inputs were read but cannot be processed as asked, e.g. too few records (exit code 3)."""

    exit_code = EXIT_DATA
